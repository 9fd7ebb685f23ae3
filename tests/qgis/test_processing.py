"""The atelier's algorithms run through QGIS's own Processing framework, as a model or a batch would."""

from __future__ import annotations

import csv
import shutil

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from bassee_atelier_plugin.core.deliverables.roadmap import roadmap_rows
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from bassee_atelier_plugin.processing.provider import PROVIDER_ID, AtelierProvider
from tests.conftest import SAMPLE_DATA, TERRITORY


@pytest.fixture
def provider(qgis_processing):
    """QGIS's Processing, with the plugin's provider registered as the plugin does (pytest-qgis loads only QGIS's)."""
    provider = AtelierProvider()
    assert QgsApplication.processingRegistry().addProvider(provider)
    yield provider
    QgsApplication.processingRegistry().removeProvider(PROVIDER_ID)


def run(algorithm: str, parameters: dict) -> dict:
    import processing

    return processing.run(f"{PROVIDER_ID}:{algorithm}", parameters)


def test_the_toolbox_lists_the_atelier_algorithms(provider):
    names = {algorithm.id() for algorithm in QgsApplication.processingRegistry().algorithms()}
    assert {
        f"{PROVIDER_ID}:{name}"
        for name in ("create_atelier", "export_synthese", "export_feuille_de_route", "export_fiches")
    } <= names


def test_create_atelier_makes_a_sound_atelier_with_its_communes(provider, tmp_path):
    output = tmp_path / "bassee.gpkg"

    result = run(
        "create_atelier",
        {
            "TERRITORY": "CC Bassée-Montois",
            "CRS": "EPSG:2154",
            "COMMUNES": str(TERRITORY / "bassee_montois_communes.geojson"),
            "OUTPUT": str(output),
        },
    )

    assert result["OUTPUT"] == str(output)
    assert validate(output) == []
    atelier = open_atelier(output)
    assert atelier.metadata.territory == "CC Bassée-Montois" and atelier.counts()["communes"] == 42


def test_export_feuille_de_route_writes_the_roadmap_table(provider, tmp_path):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")

    result = run("export_feuille_de_route", {"ATELIER": str(sample), "OUTPUT": str(tmp_path / "feuille.csv")})

    with open(result["OUTPUT"], encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file, delimiter=";"))
    assert [line[1] for line in lines[1:]] == [row["action"] for row in roadmap_rows(open_atelier(sample))]


@pytest.mark.parametrize(
    ("algorithm", "expected"),
    [
        ("export_synthese", "Séances tenues"),
        ("export_fiches", "Plan concerté de réaménagement des gravières"),
        ("export_fiches_communes", "Bray-sur-Seine (77051)"),
    ],
)
def test_the_pdf_deliverables_run_from_the_toolbox(provider, tmp_path, algorithm, expected):
    from pypdf import PdfReader

    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")

    result = run(algorithm, {"ATELIER": str(sample), "OUTPUT": str(tmp_path / "rendu.pdf")})

    text = " ".join(page.extract_text() for page in PdfReader(result["OUTPUT"]).pages)
    assert expected in " ".join(text.split())


def test_a_file_that_is_no_atelier_fails_with_the_core_message(provider, tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("pas un GeoPackage", encoding="utf-8")

    with pytest.raises(QgsProcessingException, match="is not a GeoPackage"):
        run("export_feuille_de_route", {"ATELIER": str(text), "OUTPUT": str(tmp_path / "feuille.csv")})


def test_package_then_merge_from_the_toolbox(provider, tmp_path):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")

    package = run("package_atelier", {"ATELIER": str(sample), "ANONYMISE": True, "OUTPUT": str(tmp_path / "p.gpkg")})
    merged = run("merge_ateliers", {"INPUTS": [str(sample), package["OUTPUT"]], "OUTPUT": str(tmp_path / "m.gpkg")})

    assert validate(package["OUTPUT"]) == [] and validate(merged["OUTPUT"]) == []
    with pytest.raises(QgsProcessingException, match="is given twice"):
        run("merge_ateliers", {"INPUTS": [str(sample), str(sample)], "OUTPUT": str(tmp_path / "d.gpkg")})
