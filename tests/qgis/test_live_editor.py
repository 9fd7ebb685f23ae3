"""The live path of a workshop, below the widgets: every operation committed, journalled, undoable."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsVectorLayer

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.editing.geometry_checks import checked_geometry
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

BRAY = (716_500, 6_812_500)  # Bray-sur-Seine, inside the territory, in Lambert-93


@pytest.fixture
def atelier(created_atelier, tmp_path):
    atelier = created_atelier(tmp_path / "a.gpkg", communes=True)
    with writer(atelier, author="test") as edits:
        session = edits.insert("sessions", {"kind": "atelier", "title": "Atelier de juin"})
        edits.insert("session_groups", {"name": "Table 1", "uuid": "group-1"})
    atelier.session = session
    return atelier


@pytest.fixture
def editor(atelier):
    editor = LiveEditor(atelier, author="Animatrice")
    editor.session_uuid = atelier.session
    editor.group_uuid = "group-1"
    yield editor
    editor.close()


def point(x=BRAY[0], y=BRAY[1]) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(x, y))


def line(*points) -> QgsGeometry:
    return QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in points])


def area(*points) -> QgsGeometry:
    ring = [QgsPointXY(x, y) for x, y in points]
    return QgsGeometry.fromPolygonXY([ring + ring[:1]])


def rows(atelier, table: str, columns: str = "*") -> list[sqlite3.Row]:
    """What is really in the file, read with SQLite rather than through QGIS's caches."""
    with sqlite3.connect(atelier.path) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute(f"SELECT {columns} FROM {table}").fetchall()


def journal(atelier) -> list[tuple]:
    return [
        (row["operation"], row["table_name"], row["feature_uuid"], json.loads(row["details"]))
        for row in rows(atelier, "journal")
        if row["table_name"] not in ("sessions", "session_groups")
    ]


def test_a_stake_is_committed_with_its_session_group_and_author(atelier, editor):
    result = editor.add_stake(point(), "eau_risques", "menace", title="Crue de 2016")
    [stake] = rows(atelier, "stakes_point")
    assert (stake["uuid"], stake["theme"], stake["reading"], stake["title"]) == (
        result.uuid,
        "eau_risques",
        "menace",
        "Crue de 2016",
    )
    assert (stake["session_uuid"], stake["group_uuid"], stake["author"]) == (atelier.session, "group-1", "Animatrice")
    assert stake["status"] == "propose" and stake["votes_for"] == 0
    assert [entry[:3] for entry in journal(atelier)] == [("create", "stakes_point", result.uuid)]
    assert result.warnings == []


def test_the_drawn_geometry_decides_the_table(atelier, editor):
    assert editor.add_stake(line((715_000, 6_812_000), (717_000, 6_813_000)), "mobilite").table == "stakes_line"
    triangle = area((715_000, 6_812_000), (717_000, 6_812_000), (716_000, 6_814_000))
    assert editor.add_stake(triangle, "biodiversite_paysage").table == "stakes_area"
    assert editor.add_sketch(line((715_000, 6_812_000), (719_000, 6_815_000)), "flux").table == "sketches_line"
    assert editor.add_sketch(triangle, "centralite", "Cœur de bourg").table == "sketches_area"
    assert editor.add_note(point(), "Revoir avec la DDT").table == "notes"
    assert [row["label"] for row in rows(atelier, "sketches_area")] == ["Cœur de bourg"]


def test_votes_statuses_fields_and_moves_are_journalled(atelier, editor):
    stake = editor.add_stake(point(), "agriculture").uuid
    editor.vote("stakes_point", stake, +1)
    editor.vote("stakes_point", stake, +1)
    editor.vote("stakes_point", stake, -1)
    editor.set_status("stakes_point", stake, "retenu")
    editor.set_fields("stakes_point", stake, {"title": "Plateau", "comment": "Sols limoneux"})
    editor.set_geometry("stakes_point", stake, point(716_000, 6_813_000))
    [row] = rows(atelier, "stakes_point", "votes_for, votes_against, status, title, comment")
    assert tuple(row) == (2, 1, "retenu", "Plateau", "Sols limoneux")
    operations = [(entry[0], entry[3].get("delta")) for entry in journal(atelier)]
    assert operations == [
        ("create", None),
        ("vote", 1),
        ("vote", 1),
        ("vote", -1),
        ("status", None),
        ("update", None),
        ("geometry", None),
    ]
    layer = QgsVectorLayer(atelier.layer_uri("stakes_point"), "s", "ogr")
    [feature] = layer.getFeatures()
    assert feature.geometry().asPoint() == QgsPointXY(716_000, 6_813_000)


def test_undo_and_redo_are_committed_operations_too(atelier, editor):
    stake = editor.add_stake(point(), "energie", title="Méthaniseur").uuid
    editor.vote("stakes_point", stake, +1)
    assert editor.undo_text() == "vote"
    assert editor.undo() == "vote"
    assert rows(atelier, "stakes_point", "votes_for")[0][0] == 0
    assert editor.undo() == "new stake"
    assert rows(atelier, "stakes_point") == []
    assert editor.undo() is None and not editor.can_undo
    assert editor.redo() == "new stake"
    [back] = rows(atelier, "stakes_point")
    assert (back["uuid"], back["title"]) == (stake, "Méthaniseur")  # the same stake, not a copy
    assert editor.redo() == "vote"
    assert rows(atelier, "stakes_point", "votes_for")[0][0] == 1
    reasons = [(entry[0], entry[3].get("reason")) for entry in journal(atelier)]
    assert reasons == [
        ("create", None),
        ("vote", None),
        ("vote", "undo"),
        ("delete", "undo"),
        ("restore", "redo"),
        ("vote", "redo"),
    ]


def test_a_deleted_stake_comes_back_whole_on_undo(atelier, editor):
    stake = editor.add_stake(point(), "habitat_centres_bourgs", "faiblesse", title="Vitrines vides").uuid
    editor.vote("stakes_point", stake, +1)
    before = dict(rows(atelier, "stakes_point")[0])
    editor.delete("stakes_point", stake)
    assert rows(atelier, "stakes_point") == []
    deleted = [entry for entry in journal(atelier) if entry[0] == "delete"][0]
    assert deleted[3]["title"] == "Vitrines vides" and deleted[3]["geometry"].startswith("POINT")
    editor.undo()
    after = dict(rows(atelier, "stakes_point")[0])
    for column in (
        "uuid",
        "theme",
        "reading",
        "title",
        "votes_for",
        "created_at",
        "session_uuid",
        "group_uuid",
        "geom",
    ):
        assert after[column] == before[column], column
    editor.redo()
    assert rows(atelier, "stakes_point") == []


def test_a_new_operation_clears_what_could_be_redone(editor):
    editor.add_stake(point(), "mobilite")
    editor.undo()
    assert editor.can_redo
    editor.add_stake(point(), "mobilite")
    assert not editor.can_redo


@pytest.mark.parametrize(
    ("drawing", "message"),
    [
        (line(BRAY, BRAY), "two distinct points"),
        (area(BRAY, (716_600, 6_812_600)), "three points that are not in line"),
        (area(BRAY, (716_600, 6_812_600), (716_700, 6_812_700)), "three points that are not in line"),
        (QgsGeometry(), "Nothing was drawn"),
    ],
)
def test_degenerate_drawings_are_refused_and_nothing_is_written(atelier, editor, drawing, message):
    with pytest.raises(AtelierError, match=message):
        editor.add_stake(drawing, "eau_risques")
    assert rows(atelier, "stakes_line") == [] and rows(atelier, "stakes_area") == []
    assert journal(atelier) == []
    assert not editor.can_undo


def test_a_symmetric_bow_tie_is_repaired_not_taken_for_a_flat_area(atelier, editor):
    """Its two halves have opposite signed areas: measured before repair, it would look empty."""
    bow_tie = area((715_000, 6_812_000), (716_000, 6_813_000), (716_000, 6_812_000), (715_000, 6_813_000))
    result = editor.add_stake(bow_tie, "eau_risques")
    assert result.warnings == ["The area crossed itself: it was repaired."]
    assert len(rows(atelier, "stakes_area")) == 1


def test_a_self_crossing_area_is_repaired_and_said_so(atelier, editor):
    bow_tie = area((715_000, 6_812_000), (717_000, 6_814_000), (717_000, 6_812_000), (715_000, 6_814_500))
    result = editor.add_stake(bow_tie, "eau_risques")
    assert result.warnings == ["The area crossed itself: it was repaired."]
    layer = QgsVectorLayer(atelier.layer_uri("stakes_area"), "s", "ogr")
    [feature] = layer.getFeatures()
    assert feature.geometry().isGeosValid() and not feature.geometry().isMultipart()


def test_repeated_vertices_of_a_shaky_hand_are_dropped():
    geometry, warnings = checked_geometry(line(BRAY, BRAY, (716_600, 6_812_600), (716_600, 6_812_600)))
    assert geometry.constGet().nCoordinates() == 2 and warnings == []


def test_a_stake_outside_the_territory_is_kept_and_flagged(atelier, editor):
    result = editor.add_stake(point(650_000, 6_860_000), "tourisme_patrimoine", title="Provins")
    assert "outside the territory" in result.warnings[0]
    assert len(rows(atelier, "stakes_point")) == 1
    assert journal(atelier)[0][3]["outside_territory"] is True
    inside = editor.add_stake(point(), "tourisme_patrimoine")
    assert inside.warnings == [] and "outside_territory" not in journal(atelier)[1][3]


def test_codes_must_come_from_the_atelier_lists(atelier, editor):
    with pytest.raises(AtelierError, match="not in the list themes"):
        editor.add_stake(point(), "sport")
    stake = editor.add_stake(point(), "energie").uuid
    with pytest.raises(AtelierError, match="not in the list statuses"):
        editor.set_status("stakes_point", stake, "adopte")
    with pytest.raises(AtelierError, match="kept by the atelier itself"):
        editor.set_fields("stakes_point", stake, {"uuid": "x"})
    with pytest.raises(AtelierError, match="A note needs a text"):
        editor.add_note(point(), "   ")


def test_a_read_only_atelier_refuses_the_live_editor(atelier):
    os.chmod(atelier.path, 0o444)
    try:
        with pytest.raises(AtelierError, match="read-only"):
            LiveEditor(open_atelier(atelier.path))
    finally:
        os.chmod(atelier.path, 0o644)


def test_a_commit_does_not_wait_for_qgis_reading_the_same_file(atelier, editor):
    """QGIS draws (reads) while the room talks (writes): neither blocks the other."""
    editor.add_stake(point(), "mobilite")
    layer = QgsVectorLayer(atelier.layer_uri("stakes_point"), "s", "ogr")
    reading = layer.getFeatures()
    next(reading)  # a read transaction is open on another connection
    result = editor.add_stake(point(716_000, 6_813_000), "mobilite")
    del reading
    assert result.uuid in [row["uuid"] for row in rows(atelier, "stakes_point")]
