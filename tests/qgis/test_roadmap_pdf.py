"""The roadmap's PDF laid out a page at a time: every row whole, in order, under its headings."""

from __future__ import annotations

import random
import re
import shutil

import pytest
from pypdf import PdfReader
from qgis.core import Qgis, QgsLayoutExporter, QgsLayoutSize

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.deliverables.roadmap import NO_ACTIONS, roadmap_rows, roadmap_table
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import pick
from bassee_atelier_plugin.core.presentation.layout_tables import fill_table
from bassee_atelier_plugin.core.presentation.layouts import ROADMAP_TABLE, layout_name
from bassee_atelier_plugin.core.presentation.stored_layout import project_with_layout
from bassee_atelier_plugin.toolbelt.compat import LayoutUnit
from tests.conftest import SAMPLE_DATA
from tests.qgis.conftest import needs_postgres
from tests.qgis.test_deliverables import add_action, pdf_text
from tests.qgis.test_shared_atelier_features import fresh  # noqa: F401 -- a pytest fixture

ACTIONS = 100  # with the sample's orientations' bands, a roadmap of 103 rows over 17 pages
ROADMAP = "feuille-de-route"


def with_actions(atelier: Atelier, count: int) -> Atelier:
    """The sample's roadmap brought to ``count`` actions of varied lengths, each lead and ending its own."""
    rng = random.Random(17)
    editor = LiveEditor(atelier, author="test")
    writer = editor.writer
    orientations = writer.layer("orientations")
    orientations.ResetReading()
    uuids = [feature.GetField("uuid") for feature in orientations]
    try:
        with writer.transaction():
            for index in range(writer.layer("actions").GetFeatureCount(), count):
                number = f"{index + 1:03d}"
                fields = {
                    "title": f"Action {number} du programme",
                    "orientation_uuid": rng.choice(uuids),
                    "position": index,
                    "lead": f"Porteur {number}",
                    "description": f"{'Un texte partagé. ' * rng.randint(0, 25)}Fin {number}.",
                }
                writer.insert("actions", fields, None)
    finally:
        editor.close()
    return atelier


@pytest.fixture(scope="module")
def long_roadmap(qgis_app, tmp_path_factory) -> tuple[Atelier, list[str]]:
    """An atelier of 103 roadmap rows and its PDF's pages, as text."""
    folder = tmp_path_factory.mktemp("roadmap")
    atelier = with_actions(open_atelier(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", folder)), ACTIONS)
    return atelier, pdf_text(export_deliverable(atelier, ROADMAP, folder / "feuille.pdf").path)


def numbered_words(text: str) -> list[str]:
    return re.findall(r"mot\d{5}", text)


def test_every_action_is_on_one_page_whole_and_in_order(long_roadmap):
    atelier, pages = long_roadmap
    rows = roadmap_rows(atelier)
    assert len(roadmap_table(atelier)[1]) == 103 and len(pages) > 10

    found = []
    for row in rows:
        on = [index for index, page in enumerate(pages) if row["action"] in page]
        assert len(on) == 1, row["action"]
        page = pages[on[0]]
        assert row["lead"] in page and row["description"].split()[-1] in page  # the row is not split between pages
        found.append((on[0], page.index(row["action"])))
    assert found == sorted(found)  # in the roadmap's order, page after page


def test_every_page_starts_its_table_with_the_headings(long_roadmap):
    atelier, pages = long_roadmap
    headings = " ".join(title for title, _share in roadmap_table(atelier)[0])

    assert all(headings in page for page in pages)
    assert all(page.index(headings) < page.index("Action ", page.index(headings) + 1) for page in pages)


def test_the_pages_hold_the_rows_qgis_own_growing_table_gives_them(long_roadmap, tmp_path):
    atelier, pages = long_roadmap
    project = project_with_layout(atelier, layout_name(ROADMAP, atelier.metadata.language))
    layout = project.layoutManager().layouts()[0]
    headings, rows = roadmap_table(atelier)
    fill_table(layout.name(), [layout], ROADMAP_TABLE, headings, rows, "")  # one table, growing its own pages
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText

    assert QgsLayoutExporter(layout).exportToPdf(str(tmp_path / "grown.pdf"), settings) == QgsLayoutExporter.Success
    assert pdf_text(tmp_path / "grown.pdf") == pages


def test_a_description_of_15000_characters_is_whole_over_the_pages(qgis_app, tmp_path):
    atelier = open_atelier(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path))
    words = [f"mot{index:05d}" for index in range(1, 1668)]  # 9 characters each, with its space
    add_action(atelier, "Diagnostic complet", description=" ".join(words))

    written = export_deliverable(atelier, ROADMAP, tmp_path / "feuille.pdf")

    pages = pdf_text(written.path)
    assert len(" ".join(words)) >= 15_000
    assert numbered_words(" ".join(pages)) == words
    assert len([page for page in pages if numbered_words(page)]) >= 2  # in rows of 500 characters, over pages


def test_a_row_taller_than_its_page_is_cut_shorter_and_the_open_layout_stays_as_it_was(qgis_app, tmp_path):
    atelier = open_atelier(shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path))
    words = [f"mot{index:05d}" for index in range(1, 56)]  # 494 characters: one row, taller than 40 mm
    add_action(atelier, "Diagnostic complet", description=" ".join(words))
    project = project_with_layout(atelier, layout_name(ROADMAP, atelier.metadata.language))
    layout = project.layoutManager().layouts()[0]
    frame = layout.itemById(ROADMAP_TABLE)
    frame.attemptResize(QgsLayoutSize(frame.rect().width(), 40, LayoutUnit.MILLIMETERS))  # a planner's short table

    written = export_deliverable(atelier, ROADMAP, tmp_path / "feuille.pdf", project=project)

    assert numbered_words(" ".join(pdf_text(written.path))) == words
    assert len(PdfReader(written.path).pages) > 3
    assert layout.pageCollection().pageCount() == 1 and layout.itemById(ROADMAP_TABLE).rect().height() == 40


def test_a_roadmap_without_actions_is_one_page_that_says_so(new_atelier, tmp_path):
    written = export_deliverable(new_atelier, ROADMAP, tmp_path / "feuille.pdf")

    pages = pdf_text(written.path)
    assert len(pages) == 1 and pick(NO_ACTIONS, new_atelier.metadata.language) in pages[0]


@needs_postgres
def test_a_shared_atelier_gives_the_roadmap_its_geopackage_gives(fresh, tmp_path):  # noqa: F811 -- the fixture
    geopackage, shared = fresh
    assert project_with_layout(shared, layout_name(ROADMAP, shared.metadata.language)) is not None  # from PostgreSQL

    written = export_deliverable(shared, ROADMAP, tmp_path / "shared.pdf")

    assert pdf_text(written.path) == pdf_text(export_deliverable(geopackage, ROADMAP, tmp_path / "file.pdf").path)
