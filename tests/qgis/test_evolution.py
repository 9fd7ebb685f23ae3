"""What changed between two sessions, from the sample atelier's journal: the list, the CSV, the PDFs."""

from __future__ import annotations

import csv
import shutil
import sqlite3

import pytest

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables import evolution
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.metadata import utc_now
from tests.conftest import SAMPLE_DATA
from tests.qgis.test_deliverables import pdf_text

SURVEY, WORKSHOP, RESTITUTION = (
    "Arpentage de la Bassée et du Montois",
    "Atelier : quelle attractivité pour la Bassée-Montois ?",
    "Restitution : feuille de route partenariale",
)
BRAY_SHOPS = "Bray-sur-Seine : commerces vacants en centre-bourg"
SUBDIVISIONS = "Lotissements en extension des villages"  # put aside (ecarte) at the workshop
CANAL = "Mise à grand gabarit de la Seine Bray – Nogent"  # retained at the restitution


@pytest.fixture
def sample(qgis_app, tmp_path) -> Atelier:
    path = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    return open_atelier(path)


def titles(found: evolution.Evolution, kind: str) -> set[str]:
    return {change.title for change in found.of_kind(kind)}


def stake_uuid(atelier: Atelier, table: str, title: str) -> str:
    with sqlite3.connect(atelier.path) as connection:
        return connection.execute(f"SELECT uuid FROM {table} WHERE title = ?", (title,)).fetchone()[0]


def new_session(atelier: Atelier, title: str) -> LiveEditor:
    """A session held today, and an editor working in it."""
    editor = LiveEditor(atelier, author="test")
    held_on = utc_now()[:10]
    editor.session_uuid = editor.writer.insert("sessions", {"kind": "atelier", "title": title, "held_on": held_on})
    return editor


def test_by_default_the_last_two_sessions_are_compared(sample):
    found = evolution.compare(sample)

    assert (found.first.title, found.second.title) == (WORKSHOP, RESTITUTION)
    assert CANAL in titles(found, "retained")
    canal = next(change for change in found.changes if change.title == CANAL)
    assert canal.fields == ("status", "comment") and canal.geometry.startswith("LINESTRING")
    # four actions retained at the restitution, the fifth still debated: a change of its status
    assert sum(change.table == "actions" for change in found.of_kind("retained")) == 4
    assert [change.fields for change in found.of_kind("changed") if change.table == "actions"] == [("status",)]
    assert not found.of_kind("added") and not found.of_kind("deleted") and found.skipped == 0


def test_the_survey_to_the_workshop_lists_what_was_drawn_and_voted(sample):
    known = evolution.sessions(sample)
    found = evolution.compare(sample, known[0], known[1])

    added = titles(found, "added")
    assert SUBDIVISIONS in added and CANAL in added  # noted at the workshop: added, whatever its status since
    assert BRAY_SHOPS in titles(found, "retained")  # noted on the survey, retained at the workshop
    assert "Arpentage de la vallée" not in added  # the itinerary was walked on the survey, before its end
    assert {change.table for change in found.of_kind("added")} >= {"stakes_point", "sketches_area", "actions"}


def test_dropped_changed_and_deleted_features_of_a_new_session(sample):
    editor = new_session(sample, "Comité de pilotage")
    editor.set_status("stakes_point", stake_uuid(sample, "stakes_point", BRAY_SHOPS), "ecarte")
    editor.set_fields("stakes_line", stake_uuid(sample, "stakes_line", CANAL), {"comment": "Reporté"})
    editor.delete("stakes_point", stake_uuid(sample, "stakes_point", SUBDIVISIONS))
    drawn_then_undone = editor.writer.insert(
        "stakes_point", {"theme": "tourisme_patrimoine", "title": "Essai"}, "POINT(710000 6815000)"
    )
    editor.writer.delete("stakes_point", drawn_then_undone)
    editor.close()

    found = evolution.compare(sample, evolution.find_session(sample, RESTITUTION))

    assert titles(found, "dropped") == {BRAY_SHOPS}
    assert [(change.title, change.fields) for change in found.of_kind("changed")] == [(CANAL, ("comment",))]
    deleted = found.of_kind("deleted")
    assert [change.title for change in deleted] == [SUBDIVISIONS] and deleted[0].geometry.startswith("POINT")
    assert "Essai" not in {change.title for change in found.changes}


def test_a_session_without_journal_entries_compares_empty_with_a_message(sample):
    new_session(sample, "Séance sans rien").close()

    found = evolution.compare(sample)

    assert found.changes == [] and found.second.title == "Séance sans rien"
    assert "no journal entries" in found.message and RESTITUTION in found.message


def test_unreadable_journal_lines_are_skipped_counted_and_reported(sample, tmp_path):
    with sqlite3.connect(sample.path) as connection:
        damaged = connection.execute(
            "UPDATE journal SET details = 'not json {' WHERE operation = 'update' AND table_name = 'actions' "
            "AND created_at LIKE '2017-10-12%'"
        ).rowcount

    found = evolution.compare(sample)
    written = export_deliverable(sample, "evolution", tmp_path / "evolution.csv")

    assert damaged >= 1 and found.skipped == damaged
    assert CANAL in titles(found, "retained")
    assert written.warnings == [
        f"{damaged} unreadable journal lines were skipped: what changed may lack what they said."
    ]


def test_an_unknown_session_is_refused_with_the_list_of_them(sample):
    with pytest.raises(AtelierError) as refused:
        evolution.find_session(sample, "Séance fantôme")
    assert "Séance fantôme" in str(refused.value)
    assert all(title in str(refused.value) for title in (SURVEY, WORKSHOP, RESTITUTION))


def test_the_csv_has_a_header_and_one_row_per_change(sample, tmp_path):
    written = export_deliverable(sample, "evolution", tmp_path / "evolution.csv", between=(SURVEY, WORKSHOP))

    with open(written.path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert rows[0][:3] == ["Changement", "Couche", "Titre"]
    found = evolution.compare(sample, *(evolution.find_session(sample, name) for name in (SURVEY, WORKSHOP)))
    assert len(rows) - 1 == len(found.changes)
    assert ["Retenu", "Enjeux (points)", BRAY_SHOPS] in [row[:3] for row in rows]


def test_the_pdf_of_its_own_and_the_synthesis_page_say_what_changed(sample, tmp_path):
    own = pdf_text(export_deliverable(sample, "evolution", tmp_path / "evolution.pdf").path)
    synthesis = pdf_text(export_deliverable(sample, "synthese", tmp_path / "synthese.pdf").path)

    for pages in (own, synthesis):
        page = next(text for text in pages if "Ce qui a changé depuis la séance précédente" in text)
        assert f"De « {WORKSHOP} » (15/06/2017) à « {RESTITUTION} » (12/10/2017)" in page
        assert f"Retenu Enjeux (lignes) {CANAL} Statut, Commentaire" in page


def test_the_pdf_of_a_session_without_entries_says_so_in_the_atelier_language(sample, tmp_path):
    new_session(sample, "Séance sans rien").close()

    pages = pdf_text(export_deliverable(sample, "evolution", tmp_path / "evolution.pdf").path)

    assert "La seconde séance n'a aucune entrée au journal" in pages[0] and "Séance sans rien" in pages[0]
