"""The synthesis, the roadmap and the action sheets as PDFs, from real ateliers, read back with pypdf."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import unicodedata

import pytest
from PIL import Image
from pypdf import PdfReader
from qgis.core import QgsLayoutItemLabel, QgsProject

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.deliverables.roadmap import roadmap_rows
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.layouts import layout_name
from bassee_atelier_plugin.core.presentation.project import project_uri, write_presentation
from bassee_atelier_plugin.core.visits.observations import attach_photo
from bassee_atelier_plugin.core.visits.photos import read_photo
from tests.conftest import SAMPLE_DATA
from tests.photos import geotagged_jpeg

AWKWARD_TITLE = 'Berges <Seine> & "gravières" d\'Égligny'
BRAY_ZONE = "POLYGON((717300 6812300, 718300 6812300, 718300 6813000, 717300 6813000, 717300 6812300))"


@pytest.fixture
def sample(qgis_app, tmp_path) -> Atelier:
    path = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    return open_atelier(path)


def pdf_text(path) -> list[str]:
    """Each page's text, with runs of blanks as one space: wrapped cells read as running text."""
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text())) for page in PdfReader(path).pages]


def query(atelier: Atelier, sql: str) -> list[tuple]:
    with sqlite3.connect(atelier.path) as connection:
        return connection.execute(sql).fetchall()


def render_first_page(pdf, tmp_path) -> Image.Image:
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    return Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")


def add_action(atelier: Atelier, title: str, geometry: str | None = None, **fields) -> str:
    editor = LiveEditor(atelier, author="test")
    try:
        return editor.writer.insert("actions", {"title": title, **fields}, geometry)
    finally:
        editor.close()


# -- the synthesis ---------------------------------------------------------------------


def test_the_synthesis_maps_counts_and_lists_the_stakes_and_sessions(sample, tmp_path):
    written = export_deliverable(sample, "synthese", tmp_path / "synthese.pdf")

    pages = pdf_text(written.path)
    text = " ".join(pages)
    assert sample.metadata.title in pages[0] and "Carte des enjeux par thème" in pages[0]
    assert "Enjeux par thème et par commune" in text and "Tout le territoire" in text
    retained = [title for (title,) in query(sample, _stakes_sql("status = 'retenu'"))]
    dropped = [title for (title,) in query(sample, _stakes_sql("status = 'ecarte'"))]
    retained_pages = text[text.index("Enjeux retenus") : text.index("Séances tenues")]
    assert retained and all(title in retained_pages for title in retained)
    assert dropped and not any(title in retained_pages for title in dropped)
    assert all(title in text for (title,) in query(sample, "SELECT title FROM sessions"))
    assert written.warnings == []
    first_page = render_first_page(written.path, tmp_path)
    assert len(set(first_page.crop((40, 80, 330, 300)).getdata())) > 50  # the map is drawn, in colours


def _stakes_sql(condition: str) -> str:
    return " UNION ALL ".join(
        f"SELECT title FROM {table} WHERE {condition}" for table in ("stakes_point", "stakes_line", "stakes_area")
    )


def test_the_table_by_commune_comes_from_a_spatial_join_with_the_communes(sample):
    from bassee_atelier_plugin.core.deliverables.synthesis import stakes_by_theme_and_commune, stakes_with_communes

    stakes = stakes_with_communes(sample)
    themes, rows = stakes_by_theme_and_commune(sample, stakes)

    gare = next(stake for stake in stakes if stake.title == "Gare de Flamboin-Gouaix (ligne P)")
    assert gare.communes == ["Gouaix"]  # a point falls in one commune
    gouaix = next(row for row in rows if row[0] == "Gouaix")
    assert gouaix[themes.index("Mobilité") + 1] >= 1
    total = rows[-1]
    assert total[-1].content() == len(stakes)  # each stake counted once for the territory, however many communes


# -- the roadmap -----------------------------------------------------------------------


def test_the_roadmap_pdf_lists_orientations_then_their_actions(sample, tmp_path):
    written = export_deliverable(sample, "feuille-de-route", tmp_path / "feuille.pdf")

    text = " ".join(pdf_text(written.path))
    rows = roadmap_rows(sample)
    positions = [text.index(row["action"]) for row in rows]
    assert positions == sorted(positions)  # in the roadmap's order
    for orientation in {row["orientation"] for row in rows}:
        assert orientation in text
        assert text.index(orientation) < min(
            text.index(row["action"]) for row in rows if row["orientation"] == orientation
        )


def test_a_long_description_wraps_onto_more_pages_and_awkward_titles_stay_as_typed(sample, tmp_path):
    short = export_deliverable(sample, "feuille-de-route", tmp_path / "short.pdf")
    long_text = " ".join(f"Phrase {index} du diagnostic partagé sur les berges." for index in range(100)) + " FIN."
    add_action(sample, AWKWARD_TITLE, description=long_text)

    written = export_deliverable(sample, "feuille-de-route", tmp_path / "long.pdf")

    assert len(PdfReader(written.path).pages) > len(PdfReader(short.path).pages)
    text = " ".join(pdf_text(written.path))
    assert AWKWARD_TITLE in text
    assert "Phrase 99 du diagnostic partagé" in text and "FIN." in text  # nothing cut


# -- the action sheets ----------------------------------------------------------------


def test_one_sheet_per_action_in_roadmap_order_with_its_stakes(sample, tmp_path):
    written = export_deliverable(sample, "fiches", tmp_path / "fiches.pdf")

    pages = pdf_text(written.path)
    rows = roadmap_rows(sample)
    assert len(pages) == len(rows) >= 5
    for page, row in zip(pages, rows):
        assert row["action"] in page and row["orientation"] in page
        assert all(stake in page for stake in row["stakes"].split(" ; ") if stake)
        assert row["lead"] in page
    assert written.warnings == []
    first_page = render_first_page(written.path, tmp_path)
    assert len(set(first_page.crop((30, 80, 260, 280)).getdata())) > 50  # the map of the action is drawn


def test_a_sheet_without_zone_or_stake_says_so_and_shows_its_photo(sample, tmp_path):
    bare = add_action(sample, AWKWARD_TITLE)
    photo = read_photo(geotagged_jpeg(tmp_path / "berge.jpg", 48.42, 3.24))
    editor = LiveEditor(sample, author="test")
    attach_photo(editor.writer, bare, photo)
    editor.close()

    written = export_deliverable(sample, "fiches", tmp_path / "fiches.pdf")

    reader = PdfReader(written.path)
    pages = pdf_text(written.path)
    index = next(number for number, page in enumerate(pages) if AWKWARD_TITLE in page)
    assert "Sans orientation" in pages[index] and "Aucun enjeu lié" in pages[index]
    assert len(reader.pages[index].images) >= 1  # the photo
    assert index == len(pages) - 1  # an action without orientation comes last


def test_a_text_too_long_for_its_sheet_is_reported_not_cut_silently(sample, tmp_path):
    add_action(sample, "Action bavarde", BRAY_ZONE, description="Très long texte de concertation. " * 200)

    written = export_deliverable(sample, "fiches", tmp_path / "fiches.pdf")

    assert len(written.warnings) == 1
    assert "Action bavarde" in written.warnings[0] and "(description)" in written.warnings[0]


def test_an_atelier_without_actions_has_no_sheets_and_keeps_the_previous_file(new_atelier, tmp_path):
    previous = tmp_path / "fiches.pdf"
    previous.write_bytes(b"%PDF-1.4 the sheets of last week")

    with pytest.raises(AtelierError, match="no action yet"):
        export_deliverable(new_atelier, "fiches", previous)

    assert previous.read_bytes() == b"%PDF-1.4 the sheets of last week"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["atelier.gpkg", "fiches.pdf"]


def test_an_empty_atelier_gets_a_synthesis_that_says_it_is_empty(new_atelier, tmp_path):
    written = export_deliverable(new_atelier, "synthese", tmp_path / "synthese.pdf")

    assert "no stake yet" in written.warnings[0]
    assert "Aucun enjeu noté pour l'instant." in " ".join(pdf_text(written.path))


# -- templates and outputs -------------------------------------------------------------


def test_a_restyled_layout_is_the_one_exported_and_survives_a_rewrite(sample, tmp_path):
    project = QgsProject()
    assert project.read(project_uri(sample))
    layout = project.layoutManager().layoutByName(layout_name("feuille-de-route", "fr"))
    title = next(item for item in layout.items() if isinstance(item, QgsLayoutItemLabel))
    title.setText("Feuille de route restylée par l'équipe")
    assert project.write(project_uri(sample))
    write_presentation(sample)  # what an upgrade does: the project is written anew

    written = export_deliverable(sample, "feuille-de-route", tmp_path / "feuille.pdf")

    assert "Feuille de route restylée par l'équipe" in pdf_text(written.path)[0]


def test_bad_outputs_are_refused_with_a_clear_message_and_leave_nothing(sample, tmp_path):
    with pytest.raises(AtelierError, match="The folder .*absent does not exist"):
        export_deliverable(sample, "synthese", tmp_path / "absent" / "synthese.pdf")
    (tmp_path / "dossier.pdf").mkdir()
    with pytest.raises(AtelierError, match="is a folder"):
        export_deliverable(sample, "synthese", tmp_path / "dossier.pdf")
    with pytest.raises(AtelierError, match=r"fiches\.csv: this deliverable is written as \.pdf"):
        export_deliverable(sample, "fiches", tmp_path / "fiches.csv")
    with pytest.raises(AtelierError, match="Unknown deliverable"):
        export_deliverable(sample, "bilan", tmp_path / "bilan.pdf")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bassee_montois_atelier.gpkg", "dossier.pdf"]
