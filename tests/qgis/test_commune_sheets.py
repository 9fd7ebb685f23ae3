"""The commune sheets as a PDF, from the sample atelier, read back with pypdf: each commune's stakes on its page."""

from __future__ import annotations

import shutil

import pytest
from qgis.core import QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtWidgets import QFileDialog

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES
from tests.conftest import SAMPLE_DATA
from tests.qgis.test_deliverables import add_action, pdf_text
from tests.qgis.test_deliverables_menu import menu_action
from tests.unit.test_cli import run

FAR_AWAY = "POINT(600000 6700000)"  # some hundred kilometres south-west of the Bassée


@pytest.fixture
def sample(qgis_app, tmp_path) -> Atelier:
    path = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    return open_atelier(path)


def features(atelier: Atelier, table: str) -> list:
    layer = QgsVectorLayer(atelier.layer_uri(table), table, atelier.provider)
    assert layer.isValid()
    return list(layer.getFeatures())


def titles_by_commune(atelier: Atelier) -> dict[str, set[str]]:
    """The titles of the stakes each commune's geometry touches, by 'Name (INSEE)', straight from GEOS."""
    stakes = [stake for table in STAKE_TABLES for stake in features(atelier, table)]
    return {
        f"{commune['name']} ({commune['insee']})": {
            stake["title"] for stake in stakes if QgsGeometry(commune.geometry()).intersects(stake.geometry())
        }
        for commune in features(atelier, "communes")
    }


def heading(page: str) -> str:
    """A sheet's heading, 'Name (INSEE)', the first words of its page."""
    return page[: page.index(")") + 1]


def listed(title: str) -> str:
    """How a sheet lists a stake: a bullet, its title, a dash before its theme (map labels have neither)."""
    return f"• {title} —"


def add_stake(atelier: Atelier, title: str, geometry: str) -> None:
    editor = LiveEditor(atelier, author="test")
    try:
        editor.writer.insert("stakes_point", {"title": title, "theme": "eau_risques"}, geometry)
    finally:
        editor.close()


def test_each_commune_has_its_page_listing_exactly_the_stakes_in_it(sample, tmp_path):
    written = export_deliverable(sample, "fiches-communes", tmp_path / "fiches.pdf")

    pages = pdf_text(written.path)
    expected = titles_by_commune(sample)
    assert [heading(page) for page in pages] == sorted(expected, key=lambda name: name[-6:-1])
    all_titles = set().union(*expected.values())
    assert len(all_titles) >= 10 and sum(1 for titles in expected.values() if titles) >= 20
    for page in pages:
        inside = expected[heading(page)]
        assert all(listed(title) in page for title in inside), heading(page)
        assert not any(listed(title) in page for title in all_titles - inside), heading(page)
        assert ("Enjeux Aucun" in page) == (not inside)
    balloy = next(page for page in pages if page.startswith("Balloy (77019)"))
    assert "Eau et risques, Menace · 15 pour, 0 contre · Retenu" in balloy  # theme, reading, votes, status
    assert "Plan concerté de réaménagement des gravières — CC Bassée-Montois · Moyen terme" in balloy
    assert "Gravière réaménagée à Balloy" in balloy  # its observation
    assert written.warnings == []


def test_a_stake_outside_every_commune_is_listed_on_a_last_page_hors_territoire(sample, tmp_path):
    add_stake(sample, "Zone d'activités lointaine", FAR_AWAY)
    add_action(sample, "Charte paysagère sans zone")  # no geometry: in no commune, and not outside either

    pages = pdf_text(export_deliverable(sample, "fiches-communes", tmp_path / "fiches.pdf").path)

    assert len(pages) == len(features(sample, "communes")) + 1
    assert pages[-1].startswith("Hors territoire")
    assert listed("Zone d'activités lointaine") in pages[-1]
    assert not any("Zone d'activités lointaine" in page for page in pages[:-1])
    assert not any("Charte paysagère sans zone" in page for page in pages)
    inside = set().union(*titles_by_commune(sample).values())
    assert not any(listed(title) in pages[-1] for title in inside)


def test_the_sheets_of_chosen_communes_or_of_the_communes_concerned(sample, tmp_path):
    add_stake(sample, "Zone d'activités lointaine", FAR_AWAY)
    chosen = pdf_text(
        export_deliverable(sample, "fiches-communes", tmp_path / "two.pdf", communes=["77051", "77019"]).path
    )
    assert [heading(page) for page in chosen] == ["Balloy (77019)", "Bray-sur-Seine (77051)"]  # no page outside

    concerned = pdf_text(export_deliverable(sample, "fiches-communes", tmp_path / "c.pdf", concerned_only=True).path)
    headings = [heading(page) for page in concerned[:-1]]
    assert concerned[-1].startswith("Hors territoire")
    empty = {name for name, titles in titles_by_commune(sample).items() if not titles}
    assert headings and not empty & set(headings)
    assert all("Enjeux Aucun" not in page or "Actions Aucun" not in page for page in concerned[:-1])


def test_an_unknown_insee_code_is_refused_with_the_valid_ones_and_nothing_written(sample, tmp_path):
    with pytest.raises(AtelierError, match=r"Unknown INSEE code 99999.*77019 Balloy"):
        export_deliverable(sample, "fiches-communes", tmp_path / "x.pdf", communes=["77019", "99999"])
    assert not (tmp_path / "x.pdf").exists()

    refused = run("export", "fiches-communes", str(sample.path), "-o", str(tmp_path / "cli.pdf"), "--commune", "99999")
    assert refused.returncode != 0 and "99999" in refused.stderr and "77524 Vimpelles" in refused.stderr
    assert not (tmp_path / "cli.pdf").exists()


def test_an_atelier_without_communes_is_told_so_and_nothing_written(new_atelier, tmp_path):
    assert "communes" not in new_atelier.table_names()
    with pytest.raises(AtelierError, match="no commune layer"):
        export_deliverable(new_atelier, "fiches-communes", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_menu_writes_the_sheets_of_the_atelier_open_in_qgis(plugin, iface, tmp_path, monkeypatch):
    sample = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    plugin.loader.open(sample)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(tmp_path / "communes.pdf"), "PDF (*.pdf)"))

    menu_action(plugin, "fiches-communes").trigger()

    pages = pdf_text(tmp_path / "communes.pdf")
    expected = titles_by_commune(open_atelier(sample))
    assert len(pages) == len(expected)
    for page in pages:
        assert all(listed(title) in page for title in expected[heading(page)]), heading(page)
