"""The merge field by field, from the journals: each side's edits land; only a field set differently conflicts."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsGeometry, QgsPointXY

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.handoff.review import review_conflict
from bassee_atelier_plugin.core.handoff.rows import read_rows
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from tests.qgis.test_merge import contents, rows

GOUAIX = "POINT (721900 6816700)"
STAKES = "stakes_point"


@pytest.fixture
def laptops(new_atelier, tmp_path) -> tuple[str, list[Atelier]]:
    """One stake written on the team's machine, then the atelier copied to three laptops."""
    with writer(new_atelier, author="Équipe") as edits:
        stake = edits.insert(STAKES, {"theme": "mobilite", "title": "Gare de Flamboin"}, GOUAIX)
    copies = []
    for name in ("table_1", "table_2", "table_3"):
        (tmp_path / name).mkdir()
        copies.append(open_atelier(shutil.copy(new_atelier.path, tmp_path / name / f"{name}.gpkg")))
    return stake, copies


def edit(atelier: Atelier, author: str, gesture) -> None:
    """A gesture of the live workshop on ``atelier``, as the projector makes it (journalled, undoable)."""
    editor = LiveEditor(atelier, author)
    try:
        gesture(editor)
    finally:
        editor.close()


def edit_and_vote(atelier: Atelier, author: str, stake: str, fields: dict, vote: int) -> None:
    edit(atelier, author, lambda editor: editor.set_fields(STAKES, stake, fields))
    edit(atelier, author, lambda editor: editor.vote(STAKES, stake, vote))


def stake_row(path: Path, stake: str) -> sqlite3.Row:
    [row] = [row for row in rows(path, STAKES) if row["uuid"] == stake]
    return row


def point_x(path: Path, stake: str) -> float:
    with open_atelier(path).dataset() as dataset:
        [(_fid, _values, wkb)] = [row for row in read_rows(dataset.GetLayerByName(STAKES)) if row[1]["uuid"] == stake]
    geometry = QgsGeometry()
    geometry.fromWkb(wkb)
    return geometry.asPoint().x()


def test_edits_of_different_fields_a_move_and_votes_all_land_without_a_conflict(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    edit(first, "Table 1", lambda editor: editor.set_fields(STAKES, stake, {"theme": "agriculture"}))
    edit(first, "Table 1", lambda editor: editor.vote(STAKES, stake, 1))
    edit(first, "Table 1", lambda editor: editor.vote(STAKES, stake, 1))
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"comment": "Parking saturé le matin"}))
    moved = QgsGeometry.fromPointXY(QgsPointXY(722000, 6816800))
    edit(second, "Table 2", lambda editor: editor.set_geometry(STAKES, stake, moved))
    edit(second, "Table 2", lambda editor: editor.vote(STAKES, stake, 1))
    edit(second, "Table 2", lambda editor: editor.vote(STAKES, stake, -1))

    summary = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg")

    merged = stake_row(summary.path, stake)
    assert (merged["theme"], merged["comment"], merged["title"]) == (
        "agriculture",
        "Parking saturé le matin",
        "Gare de Flamboin",
    )
    assert (merged["votes_for"], merged["votes_against"]) == (3, 1)  # 2 + 1 for, 1 against: added up
    assert point_x(summary.path, stake) == 722000  # the move landed beside the other table's edits
    assert rows(summary.path, "merge_conflicts") == [] and summary.total("conflicts") == 0
    assert summary.tables[STAKES].updated == 1 and summary.merged_whole == 0
    assert validate(summary.path) == []


def test_a_move_against_a_retitle_both_land(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    moved = QgsGeometry.fromPointXY(QgsPointXY(721500, 6816000))
    edit(first, "Table 1", lambda editor: editor.set_geometry(STAKES, stake, moved))
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"title": "Halte de Flamboin-Gouaix"}))

    for order in ([first.path, second.path], [second.path, first.path]):
        summary = merge_ateliers(order, tmp_path / "fusion.gpkg")
        assert stake_row(summary.path, stake)["title"] == "Halte de Flamboin-Gouaix", order
        assert point_x(summary.path, stake) == 721500, order
        assert summary.total("conflicts") == 0, order


def test_a_vote_undone_on_one_laptop_is_taken_back_from_the_sum(laptops, tmp_path):
    stake, (first, second, _third) = laptops

    def vote_then_undo(editor: LiveEditor) -> None:
        editor.vote(STAKES, stake, 1)
        editor.vote(STAKES, stake, 1)
        editor.undo()

    edit(first, "Table 1", vote_then_undo)
    edit(second, "Table 2", lambda editor: editor.vote(STAKES, stake, 1))
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"comment": "Urgent"}))

    summary = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg")

    assert stake_row(summary.path, stake)["votes_for"] == 2


def test_the_same_field_set_differently_is_one_conflict_with_both_values_authors_and_times(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    edit(first, "Table 1", lambda editor: editor.set_fields(STAKES, stake, {"title": "Gare à rénover"}))
    edit(first, "Table 1", lambda editor: editor.set_fields(STAKES, stake, {"reading": "faiblesse"}))
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"title": "Pôle d'échanges"}))  # later

    summary = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg")

    merged = stake_row(summary.path, stake)
    assert (merged["title"], merged["reading"]) == ("Pôle d'échanges", "faiblesse")
    [conflict] = rows(summary.path, "merge_conflicts")
    assert summary.total("conflicts") == 1
    assert (conflict["table_name"], conflict["feature_uuid"], conflict["field_name"]) == (STAKES, stake, "title")
    assert json.loads(conflict["kept_value"]) == "Pôle d'échanges"
    assert json.loads(conflict["other_value"]) == "Gare à rénover"
    assert (conflict["kept_author"], conflict["other_author"]) == ("Table 2", "Table 1")
    assert (conflict["kept_from"], conflict["other_from"]) == ("table_2.gpkg", "table_1.gpkg")
    assert conflict["other_updated_at"] < conflict["kept_updated_at"]
    assert json.loads(conflict["kept_version"])["reading"] == "faiblesse"  # the feature as merged

    review_conflict(open_atelier(summary.path), conflict["uuid"], keep_other=True, author="Relecteur")

    reviewed = stake_row(summary.path, stake)
    assert (reviewed["title"], reviewed["reading"]) == ("Gare à rénover", "faiblesse")  # only that field came back
    assert rows(summary.path, "merge_conflicts", "reviewed")[0]["reviewed"] == 1


def test_the_same_value_set_on_both_sides_is_no_conflict(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    edit(first, "Table 1", lambda editor: editor.set_status(STAKES, stake, "retenu"))
    edit(second, "Table 2", lambda editor: editor.set_status(STAKES, stake, "retenu"))
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"comment": "Consensus"}))

    summary = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg")

    assert (stake_row(summary.path, stake)["status"], stake_row(summary.path, stake)["comment"]) == (
        "retenu",
        "Consensus",
    )
    assert summary.total("conflicts") == 0


def test_an_edit_wins_against_a_later_deletion_and_the_conflict_is_listed(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    edit(first, "Table 1", lambda editor: editor.set_fields(STAKES, stake, {"comment": "À garder"}))
    edit(second, "Table 2", lambda editor: editor.delete(STAKES, stake))  # later than the edit

    for order in ([first.path, second.path], [second.path, first.path]):
        summary = merge_ateliers(order, tmp_path / "fusion.gpkg")
        assert stake_row(summary.path, stake)["comment"] == "À garder", order
        [conflict] = rows(summary.path, "merge_conflicts")
        assert conflict["field_name"] is None and json.loads(conflict["other_version"]) is None, order
        assert conflict["other_from"] == "table_2.gpkg", order


def test_merging_the_result_again_with_any_source_changes_nothing(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    edit_and_vote(first, "Table 1", stake, {"title": "Gare à rénover"}, 1)
    edit_and_vote(second, "Table 2", stake, {"title": "Pôle d'échanges"}, 1)
    first_merge = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg")

    for source in (first, second):
        again = merge_ateliers([first_merge.path, source.path], tmp_path / f"encore_{source.path.stem}.gpkg")
        assert contents(again.path) == contents(first_merge.path), source.path.name
        assert again.lines() == [], source.path.name
    assert stake_row(first_merge.path, stake)["votes_for"] == 2


def test_three_laptops_merged_in_any_order_give_the_same_atelier(laptops, tmp_path):
    stake, (first, second, third) = laptops
    edit_and_vote(first, "Table 1", stake, {"title": "Gare à rénover"}, 1)
    edit_and_vote(second, "Table 2", stake, {"comment": "Parking"}, 1)
    edit_and_vote(third, "Table 3", stake, {"title": "Pôle d'échanges"}, -1)
    with writer(third, author="Table 3") as edits:
        edits.insert(STAKES, {"theme": "energie", "title": "Méthaniseur"}, "POINT (718000 6812000)")

    results = []
    for number, order in enumerate(itertools.permutations([first, second, third])):
        summary = merge_ateliers([atelier.path for atelier in order], tmp_path / f"ordre_{number}.gpkg")
        stakes = contents(summary.path)[STAKES]
        conflicts = {
            (row["feature_uuid"], row["field_name"], row["kept_value"], row["other_value"])
            for row in rows(summary.path, "merge_conflicts")
        }
        results.append((stakes, conflicts))
    assert all(result == results[0] for result in results)
    merged = stake_row(tmp_path / "ordre_0.gpkg", stake)
    assert (merged["title"], merged["comment"], merged["votes_for"], merged["votes_against"]) == (
        "Pôle d'échanges",
        "Parking",
        2,
        1,
    )


def clear_journal(atelier: Atelier) -> None:
    with sqlite3.connect(atelier.path) as connection:
        connection.execute("DELETE FROM journal")


def test_ateliers_whose_journal_does_not_reach_back_are_merged_whole_and_the_summary_says_so(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    for laptop in (first, second):
        clear_journal(laptop)  # as an atelier made before the journal existed
    edit(first, "Table 1", lambda editor: editor.set_fields(STAKES, stake, {"theme": "agriculture"}))
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"comment": "Plus tard"}))

    summary = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg")

    merged = stake_row(summary.path, stake)
    assert (merged["theme"], merged["comment"]) == ("mobilite", "Plus tard")  # the latest version, whole
    [conflict] = rows(summary.path, "merge_conflicts")
    assert conflict["field_name"] is None and json.loads(conflict["other_version"])["theme"] == "agriculture"
    assert summary.merged_whole == 1
    assert any("merged whole" in line for line in summary.lines())


def test_an_unreadable_journal_entry_merges_that_feature_whole_and_the_others_field_by_field(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    with writer(first, author="Équipe") as edits:
        other = edits.insert(STAKES, {"theme": "eau_risques", "title": "Noue"}, "POINT (718000 6812000)")
    second = open_atelier(shutil.copy(first.path, second.path))  # both laptops have the second stake too
    edit(first, "Table 1", lambda editor: editor.set_fields(STAKES, stake, {"theme": "agriculture"}))
    edit(first, "Table 1", lambda editor: editor.set_fields(STAKES, other, {"comment": "Table 1"}))
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"comment": "B"}))
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, other, {"comment": "Table 2"}))
    with sqlite3.connect(second.path) as connection:  # the line of the first stake's comment, cut short
        connection.execute(
            "UPDATE journal SET details = '{\"comment\": \"B' WHERE feature_uuid = ? AND operation = 'update'",
            (stake,),
        )

    summary = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg")

    merged = stake_row(summary.path, stake)
    assert (merged["theme"], merged["comment"]) == ("mobilite", "B")  # the later version, whole
    assert [line for line in summary.warnings if stake in line and "could not be read" in line]
    assert stake_row(summary.path, other)["comment"] == "Table 2"  # field by field: the later comment kept
    assert {row["field_name"] for row in rows(summary.path, "merge_conflicts")} == {None, "comment"}


def test_one_vote_on_each_laptop_and_nothing_else_adds_up(laptops, tmp_path):
    stake, (first, second, _third) = laptops
    for laptop, author in ((first, "Table 1"), (second, "Table 2")):
        edit(laptop, author, lambda editor: editor.vote(STAKES, stake, 1))  # the two stakes read the same

    summary = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg")

    assert stake_row(summary.path, stake)["votes_for"] == 2
    assert summary.tables[STAKES].updated == 1 and summary.total("conflicts") == 0
