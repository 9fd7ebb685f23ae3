"""The conflicts dialog on the real merge of two laptops: a field's two values, who and when, one click to decide.

Each test edits copies of one atelier as the live workshop does, merges them with the real
merge, opens the dialog on the result, reads what it shows, clicks, and reads the file back.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from qgis.core import QgsGeometry, QgsPointXY
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.handoff.review import REVIEW
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.names import table_title
from bassee_atelier_plugin.gui.handoff.conflicts import local_time
from bassee_atelier_plugin.gui.handoff.conflicts_dialog import ConflictsDialog
from bassee_atelier_plugin.toolbelt.settings import PluginSettings
from tests.conftest import kept_settings
from tests.qgis.desk import rows
from tests.qgis.test_merge_fields import GOUAIX, STAKES, edit, point_x

STAKES_FR = table_title(STAKES, "fr")


@pytest.fixture(autouse=True)
def reviewer(qgis_app):
    """The reviewer's name as the plugin's settings give it; the user's own are left alone."""
    with kept_settings("bassee_atelier/author"):
        PluginSettings(author="Relecteur").save()
        yield


@pytest.fixture
def laptops(new_atelier, tmp_path) -> tuple[str, Atelier, Atelier]:
    """A stake written by the team, then the (French) atelier copied to two laptops."""
    assert new_atelier.metadata.language == "fr"
    with writer(new_atelier, author="Équipe") as edits:
        stake = edits.insert(STAKES, {"theme": "mobilite", "title": "Gare de Flamboin"}, GOUAIX)
    copies = []
    for name in ("table_1", "table_2"):
        (tmp_path / name).mkdir()
        copies.append(open_atelier(shutil.copy(new_atelier.path, tmp_path / name / f"{name}.gpkg")))
    return stake, *copies


def set_fields(atelier: Atelier, author: str, stake: str, fields: dict) -> None:
    edit(atelier, author, lambda editor: editor.set_fields(STAKES, stake, fields))


def review_dialog(iface, first: Atelier, second: Atelier, tmp_path) -> tuple[Path, ConflictsDialog]:
    merged = merge_ateliers([first.path, second.path], tmp_path / "fusion.gpkg").path
    dialog = ConflictsDialog(open_atelier(merged), iface)
    dialog.show()
    return merged, dialog


def listed(dialog: ConflictsDialog) -> list[list[str]]:
    items = [dialog.conflict_list.topLevelItem(row) for row in range(dialog.conflict_list.topLevelItemCount())]
    return [[item.text(column) for column in range(item.columnCount())] for item in items]


def shown(dialog: ConflictsDialog) -> list[tuple]:
    """Each row of the comparison: its texts (a spanning cell once), and whether it is highlighted (bold)."""
    table = dialog.comparison
    found = []
    for row in range(table.rowCount()):
        columns = [column for column in range(3) if table.item(row, column) is not None]
        found.append((*(table.item(row, column).text() for column in columns), table.item(row, 0).font().bold()))
    return found


def origin(path: Path, prefix: str, author: str) -> str:
    [conflict] = [row for row in rows(path, "merge_conflicts") if row[f"{prefix}_author"] == author]
    return f"{conflict[f'{prefix}_from']} · {author} · {local_time(conflict[f'{prefix}_updated_at'])}"


def without(row: dict, *names: str) -> dict:
    return {name: value for name, value in row.items() if name not in (*names, "updated_at", "look", "geom")}


def stake_of(path: Path, stake: str) -> dict:
    [row] = [row for row in rows(path, STAKES) if row["uuid"] == stake]
    return row


def review_lines(path: Path) -> list[dict]:
    """The journal's lines of the edits reviews made (marking a conflict reviewed is a line of its own)."""
    return [line for line in rows(path, "journal") if line["operation"] == REVIEW or "reason" in line["details"]]


def test_a_field_conflict_shows_both_values_who_and_when_and_one_click_takes_the_other(iface, laptops, tmp_path):
    stake, first, second = laptops
    set_fields(first, "Table 1", stake, {"title": "Gare à rénover", "theme": "agriculture"})
    set_fields(second, "Table 2", stake, {"title": "Pôle d'échanges"})  # later: kept

    merged, dialog = review_dialog(iface, first, second, tmp_path)

    kept, other = origin(merged, "kept", "Table 2"), origin(merged, "other", "Table 1")
    assert kept.startswith("table_2.gpkg · Table 2 · ") and other.startswith("table_1.gpkg · Table 1 · ")
    assert listed(dialog) == [[STAKES_FR, "Pôle d'échanges", "Titre", kept, other]]
    assert dialog.heading.text() == f"{STAKES_FR} · Pôle d'échanges · Titre"
    assert dialog.comparison.horizontalHeaderItem(1).text().endswith(kept)
    assert dialog.comparison.horizontalHeaderItem(2).text().endswith(other)
    comparison = shown(dialog)
    assert comparison[0] == ("Titre", "Pôle d'échanges", "Gare à rénover", True)  # the field in conflict first
    context = {texts[0]: texts[1:] for texts in comparison[2:]}
    assert context["Thème"] == ("Agriculture", False)  # the rest as merged: the other table's theme landed
    assert context["Géométrie"] == ("Point at x = 721900, y = 6816700", False)
    assert "Titre" not in context and all(not bold for *_texts, bold in comparison[1:])
    assert "Priorité" not in context  # empty: nothing to tell about this conflict
    assert dialog.keep_button.text() == "Keep this value (Table 2)"
    assert dialog.take_button.text() == "Take the other value (Table 1)"
    assert not dialog.deletion_note.isVisible()
    before = stake_of(merged, stake)

    QTest.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    after = stake_of(merged, stake)
    assert after["title"] == "Gare à rénover"
    assert without(after, "title") == without(before, "title")  # only that field changed
    assert after["theme"] == "agriculture" and after["geom"].ExportToIsoWkt() == before["geom"].ExportToIsoWkt()
    assert [row["reviewed"] for row in rows(merged, "merge_conflicts")] == [1]
    [line] = review_lines(merged)
    assert (line["operation"], line["feature_uuid"], line["author"]) == (REVIEW, stake, "Relecteur")
    assert json.loads(line["details"])["title"] == "Gare à rénover"
    assert listed(dialog) == [] and not dialog.take_button.isEnabled()
    assert dialog.outcome.text() == "Pôle d'échanges · Titre: the other value was taken."


def test_a_geometry_conflict_shows_both_places_zooms_on_both_and_takes_the_other_place(iface, laptops, tmp_path):
    stake, first, second = laptops
    edit(first, "Table 1", lambda editor: editor.set_geometry(STAKES, stake, point(721000, 6816000)))
    edit(second, "Table 2", lambda editor: editor.set_geometry(STAKES, stake, point(723000, 6817000)))

    merged, dialog = review_dialog(iface, first, second, tmp_path)

    [[_layer, _feature, what, *_sides]] = listed(dialog)
    assert what == "Géométrie"
    assert shown(dialog)[0] == (
        "Géométrie",
        "Point at x = 723000, y = 6817000",
        "Point at x = 721000, y = 6816000",
        True,
    )
    assert dialog.zoom_button.isEnabled()
    QTest.mouseClick(dialog.zoom_button, Qt.MouseButton.LeftButton)
    extent = iface.mapCanvas().extent()  # the new project's canvas is in the atelier's Lambert-93
    assert extent.contains(QgsPointXY(721000, 6816000)) and extent.contains(QgsPointXY(723000, 6817000))

    QTest.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    assert point_x(merged, stake) == 721000
    assert stake_of(merged, stake)["title"] == "Gare de Flamboin"
    assert [row["reviewed"] for row in rows(merged, "merge_conflicts")] == [1]
    [line] = review_lines(merged)
    assert json.loads(line["details"])["geometry"] == "POINT (721000 6816000)"


def point(x: float, y: float) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(x, y))


def test_a_deletion_against_an_edit_is_a_whole_feature_conflict_and_taking_it_deletes(iface, laptops, tmp_path):
    stake, first, second = laptops
    set_fields(first, "Table 1", stake, {"comment": "À garder"})
    edit(second, "Table 2", lambda editor: editor.delete(STAKES, stake))  # later: the edit still wins

    merged, dialog = review_dialog(iface, first, second, tmp_path)

    [[layer, feature, what, _kept, other]] = listed(dialog)
    assert (layer, feature, what, other) == (STAKES_FR, "Gare de Flamboin", "Toute l'entité", "deleted in table_2.gpkg")
    assert dialog.deletion_note.isVisible() and "table_2.gpkg" in dialog.deletion_note.text()
    comparison = {texts[0]: texts[1:] for texts in shown(dialog)}
    assert comparison["Commentaire"] == ("À garder", "", False)  # nothing to set beside: the note says it all
    assert dialog.take_button.text() == "Take the other version"

    QTest.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    assert rows(merged, STAKES) == []
    assert [row["reviewed"] for row in rows(merged, "merge_conflicts")] == [1]
    [line] = review_lines(merged)
    assert (line["operation"], line["feature_uuid"], json.loads(line["details"])["reason"]) == ("delete", stake, REVIEW)


def test_two_fields_of_one_feature_are_two_conflicts_decided_one_after_the_other(iface, laptops, tmp_path):
    stake, first, second = laptops
    set_fields(first, "Table 1", stake, {"title": "Gare à rénover", "comment": "Parking saturé"})
    set_fields(second, "Table 2", stake, {"title": "Pôle d'échanges", "comment": "Abri vélos"})

    merged, dialog = review_dialog(iface, first, second, tmp_path)

    assert sorted(what for _layer, _feature, what, *_sides in listed(dialog)) == ["Commentaire", "Titre"]
    first_field = listed(dialog)[0][2]
    QTest.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)  # the first: Table 1's value comes back

    [[_layer, _feature, second_field, *_sides]] = listed(dialog)  # the next one is selected
    assert second_field != first_field and dialog.heading.text().endswith(second_field)
    taken = {"Titre": "Gare à rénover", "Commentaire": "Parking saturé"}[first_field]
    context = {texts[0]: texts[1:] for texts in shown(dialog)[2:]}
    assert context[first_field] == (taken, False)  # the feature as it now stands, the first review in it

    QTest.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)

    after = stake_of(merged, stake)
    expected = {"Titre": ("title", "Gare à rénover"), "Commentaire": ("comment", "Parking saturé")}
    kept = {"Titre": ("title", "Pôle d'échanges"), "Commentaire": ("comment", "Abri vélos")}
    for name, value in (expected[first_field], kept[second_field]):
        assert after[name] == value
    assert [row["reviewed"] for row in rows(merged, "merge_conflicts")] == [1, 1]
    assert len(review_lines(merged)) == 1  # keeping what the merge kept edits nothing
    assert listed(dialog) == []
