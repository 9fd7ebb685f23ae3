"""The handoff package: a whole, valid, styled atelier under another name, anonymised on request."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest
from osgeo import gdal
from qgis.core import QgsProject

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.package import ANONYMOUS_AUTHOR, package_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from bassee_atelier_plugin.core.presentation.project import project_uri
from bassee_atelier_plugin.core.stores.ogr_tables import read_metadata_items
from tests.conftest import SAMPLE_DATA

WITHHELD_NAME = "Josiane Lemarchand"
WITHHELD_ORGANISATION = "Ferme du Moulin de Gravon"


@pytest.fixture
def sample(qgis_app, tmp_path) -> Atelier:
    (tmp_path / "atelier").mkdir()
    path = shutil.copy(
        SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "atelier" / "bassee_montois_atelier.gpkg"
    )
    return open_atelier(path)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def all_texts(path) -> str:
    """Every text value of every table of the file, as one string."""
    with sqlite3.connect(path) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        texts = []
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                texts += [value for value in row if isinstance(value, str)]
    return "\n".join(texts)


def test_the_package_is_a_whole_valid_styled_atelier_under_its_own_name(sample, tmp_path):
    before = digest(sample.path)
    (tmp_path / "equipe").mkdir()

    package = package_atelier(sample, tmp_path / "equipe" / "bassee_remise.gpkg", packager="DDT 77")

    assert digest(sample.path) == before  # the atelier itself is left as it was
    assert validate(package.path) == []
    assert open_atelier(package.path).counts() == sample.counts()
    project = QgsProject()
    assert project.read(project_uri(open_atelier(package.path)))
    assert project.mapLayers() and all(layer.isValid() for layer in project.mapLayers().values())
    assert all(package.path.name in layer.source() for layer in project.mapLayers().values())
    assert len(project.layoutManager().layouts()) == 4  # synthesis, roadmap, action and commune sheets
    metadata = read_metadata_items(gdal.OpenEx(str(package.path), gdal.OF_VECTOR))
    assert metadata["PACKAGED_BY"] == "DDT 77" and metadata["PACKAGED_AT"]
    assert "14 stakes, 5 actions, 3 sessions and 2 attachments" in metadata["SUMMARY"]
    assert metadata["TERRITORY"] == sample.metadata.territory
    assert sorted(path.name for path in (tmp_path / "equipe").iterdir()) == [
        "bassee_remise.gpkg"
    ]  # no -wal, no leftovers
    with sqlite3.connect(package.path) as connection, sqlite3.connect(sample.path) as original:
        query = "SELECT sha256, content FROM attachments ORDER BY sha256"
        assert connection.execute(query).fetchall() == original.execute(query).fetchall()
    sheets = export_deliverable(open_atelier(package.path), "fiches", tmp_path / "fiches.pdf")
    assert sheets.path.exists()


def test_anonymising_takes_names_out_everywhere_and_drops_what_was_not_consented(sample, tmp_path):
    with writer(sample, author="Claire Dufresne") as edits:
        actor = edits.insert(
            "actors",
            {"name": WITHHELD_NAME, "organisation": WITHHELD_ORGANISATION, "actor_type": "habitant", "consent": False},
        )
        edits.insert(
            "stakes_point",
            {"theme": "agriculture", "actor_uuid": actor, "comment": f"{WITHHELD_NAME} signale les coulées de boue"},
            "POINT (713000 6820000)",
        )
        withdrawn = edits.insert(  # deleted, it is kept for the replay: anonymised there too
            "stakes_point",
            {"theme": "mobilite", "comment": f"Idée de {WITHHELD_NAME}, retirée"},
            "POINT (713500 6820000)",
        )
        edits.delete("stakes_point", withdrawn)

    package = package_atelier(sample, tmp_path / "anonyme.gpkg", anonymise=True)

    texts = all_texts(package.path)
    for withheld in (WITHHELD_NAME, WITHHELD_ORGANISATION, "Claire Dufresne"):
        assert withheld not in texts
    with sqlite3.connect(package.path) as connection:
        assert connection.execute("SELECT name, organisation FROM actors WHERE uuid = ?", (actor,)).fetchone() == (
            "Habitant",
            None,
        )
        consenting = connection.execute("SELECT organisation FROM actors WHERE consent AND organisation IS NOT NULL")
        assert consenting.fetchall()  # who consented keeps their organisation
        assert {author for (author,) in connection.execute("SELECT DISTINCT author FROM stakes_point")} == {
            ANONYMOUS_AUTHOR
        }
        assert "Habitant signale les coulées de boue" in texts and "Idée de Habitant, retirée" in texts
    assert validate(package.path) == []
    assert WITHHELD_NAME in all_texts(sample.path)  # only the package is anonymised


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("remise.zip", "ends in .gpkg"),
        ("absent/remise.gpkg", "does not exist"),
    ],
)
def test_bad_package_names_are_refused_clearly(sample, tmp_path, name, message):
    with pytest.raises(AtelierError, match=message):
        package_atelier(sample, tmp_path / name)
    assert not list(tmp_path.glob("remise*")) and not list(tmp_path.glob(".package-*"))


def test_the_atelier_cannot_be_packaged_over_itself(sample):
    before = digest(sample.path)

    with pytest.raises(AtelierError, match="is the atelier itself"):
        package_atelier(sample, sample.path)

    assert digest(sample.path) == before
