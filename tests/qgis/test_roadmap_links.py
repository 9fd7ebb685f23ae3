"""The roadmap below the panel: orientations, ordered actions, links to stakes, both ways, undoable.

What was saved is read back with sqlite3, never through QGIS's layers.
"""

from __future__ import annotations

import shutil

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsProject

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.links import read_roadmap
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.names import ANSWERED_BY_FIELD, layer_table
from bassee_atelier_plugin.core.presentation.project import add_to_project
from tests.conftest import SAMPLE_DATA
from tests.qgis.desk import journal, rows

BRAY = (716_500, 6_812_500)
MARKUP_TITLE = """<b>Bray & "Gouaix"</b> : l'été <script>"""


@pytest.fixture
def atelier(created_atelier, tmp_path) -> Atelier:
    return created_atelier(tmp_path / "a.gpkg", communes=True)


@pytest.fixture
def editor(atelier):
    editor = LiveEditor(atelier, author="Urbaniste")
    yield editor
    editor.close()


def square(x=BRAY[0], y=BRAY[1], side=500) -> QgsGeometry:
    ring = [QgsPointXY(x, y), QgsPointXY(x + side, y), QgsPointXY(x + side, y + side), QgsPointXY(x, y + side)]
    return QgsGeometry.fromPolygonXY([ring + ring[:1]])


def stake(editor, title: str, x=BRAY[0]) -> str:
    return editor.add_stake(QgsGeometry.fromPointXY(QgsPointXY(x, BRAY[1])), "eau_risques", title=title).uuid


def order(atelier, table: str) -> list[tuple]:
    """(orientation or None, position, title) as stored, in stored order."""
    parent = "orientation_uuid" if table == "actions" else "NULL"
    found = [(row.get(parent), row["position"], row["title"]) for row in rows(atelier.path, table)]
    return sorted(found, key=lambda row: (str(row[0]), row[1]))


def tree(atelier) -> list[tuple[str, list[str]]]:
    return [(o.title, [a.title for a in o.actions]) for o in read_roadmap(atelier).orientations]


@pytest.fixture
def roadmap(editor):
    """Two orientations, three actions in the first, one in the second."""
    water = editor.add_orientation("L'eau").uuid
    towns = editor.add_orientation("Les bourgs").uuid
    actions = {title: editor.add_action(water, title).uuid for title in ("A", "B", "C")}
    actions["D"] = editor.add_action(towns, "D", square()).uuid
    return water, towns, actions


# -- orientations and actions in order ------------------------------------------------------------


def test_orientations_and_actions_are_numbered_from_zero_and_read_back_as_a_tree(atelier, editor, roadmap):
    water, towns, actions = roadmap

    assert tree(atelier) == [("L'eau", ["A", "B", "C"]), ("Les bourgs", ["D"])]
    assert [(row["title"], row["position"]) for row in rows(atelier.path, "orientations")] == [
        ("L'eau", 0),
        ("Les bourgs", 1),
    ]
    assert order(atelier, "actions") == sorted(
        [(water, 0, "A"), (water, 1, "B"), (water, 2, "C"), (towns, 0, "D")], key=lambda row: (row[0], row[1])
    )
    zones = {action.title: action.has_zone for action in read_roadmap(atelier).actions()}
    assert zones == {"A": False, "B": False, "C": False, "D": True}
    [d_row] = [row for row in rows(atelier.path, "actions") if row["title"] == "D"]
    assert d_row["author"] == "Urbaniste" and d_row["status"] == "propose"


def test_an_empty_atelier_has_an_empty_roadmap(atelier):
    roadmap = read_roadmap(atelier)
    assert roadmap.orientations == () and roadmap.stakes == ()
    assert roadmap.unanswered_stakes() == [] and roadmap.actions_answering_no_stake() == []


def test_moving_an_action_within_and_between_orientations_keeps_orders_0_to_n(atelier, editor, roadmap):
    water, towns, actions = roadmap

    editor.move_action(actions["C"], water, 0)
    assert tree(atelier) == [("L'eau", ["C", "A", "B"]), ("Les bourgs", ["D"])]
    editor.move_action(actions["A"], towns, 1)
    assert tree(atelier) == [("L'eau", ["C", "B"]), ("Les bourgs", ["D", "A"])]
    editor.move_action(actions["B"], towns, 99)  # past the end: last
    assert tree(atelier) == [("L'eau", ["C"]), ("Les bourgs", ["D", "A", "B"])]
    for orientation in (water, towns):
        positions = [position for parent, position, _title in order(atelier, "actions") if parent == orientation]
        assert positions == list(range(len(positions)))

    assert editor.undo() == "move an action"
    assert tree(atelier) == [("L'eau", ["C", "B"]), ("Les bourgs", ["D", "A"])]
    editor.undo()
    editor.undo()
    assert tree(atelier) == [("L'eau", ["A", "B", "C"]), ("Les bourgs", ["D"])]
    editor.redo()
    assert tree(atelier) == [("L'eau", ["C", "A", "B"]), ("Les bourgs", ["D"])]
    assert ("order", "actions", actions["C"]) in journal(atelier.path)


def test_moving_an_orientation_carries_its_actions(atelier, editor, roadmap):
    water, towns, _actions = roadmap

    editor.move_orientation(towns, 0)
    assert tree(atelier) == [("Les bourgs", ["D"]), ("L'eau", ["A", "B", "C"])]
    assert [(row["title"], row["position"]) for row in rows(atelier.path, "orientations")] == [
        ("L'eau", 1),
        ("Les bourgs", 0),
    ]
    history_before = editor.undo_text()
    editor.move_orientation(towns, 0)  # where it already is: nothing to do, nothing to undo
    assert editor.undo_text() == history_before == "move an orientation"
    editor.undo()
    assert tree(atelier) == [("L'eau", ["A", "B", "C"]), ("Les bourgs", ["D"])]


def test_deleting_an_action_closes_the_order_and_takes_its_links_in_one_step(atelier, editor, roadmap):
    water, _towns, actions = roadmap
    flood = stake(editor, "Crue")
    editor.link_stake(actions["B"], "stakes_point", flood)

    editor.delete("actions", actions["A"])
    editor.delete("actions", actions["B"])
    assert tree(atelier) == [("L'eau", ["C"]), ("Les bourgs", ["D"])]
    assert rows(atelier.path, "action_stakes") == []
    assert [p for parent, p, _t in order(atelier, "actions") if parent == water] == [0]

    assert editor.undo() == "delete"  # the action and its link come back together
    assert tree(atelier) == [("L'eau", ["B", "C"]), ("Les bourgs", ["D"])]
    assert read_roadmap(atelier).stakes_answered_by(actions["B"])[0].title == "Crue"


def test_an_orientation_with_actions_is_not_deleted_an_empty_one_is(atelier, editor, roadmap):
    water, _towns, _actions = roadmap
    empty = editor.add_orientation("Vide").uuid

    with pytest.raises(AtelierError, match="still has actions: move or delete them first"):
        editor.delete("orientations", water)
    editor.delete("orientations", empty)
    assert [o for o, _actions in tree(atelier)] == ["L'eau", "Les bourgs"]


# -- links to stakes, both ways ------------------------------------------------------------------------


def test_links_read_both_ways_and_show_what_is_left_alone(atelier, editor, roadmap):
    _water, _towns, actions = roadmap
    flood, wetland, station = stake(editor, "Crue"), stake(editor, "Marais", 717_000), stake(editor, "Gare", 718_000)

    editor.link_stake(actions["A"], "stakes_point", flood)
    editor.link_stake(actions["B"], "stakes_point", flood)
    editor.link_stake(actions["B"], "stakes_point", wetland)

    roadmap = read_roadmap(atelier)
    assert [a.title for a in roadmap.actions_answering(flood)] == ["A", "B"]
    assert [s.title for s in roadmap.stakes_answered_by(actions["B"])] == ["Crue", "Marais"]
    assert [s.uuid for s in roadmap.unanswered_stakes()] == [station]
    assert [a.title for a in roadmap.actions_answering_no_stake()] == ["C", "D"]
    assert [(row["action_uuid"], row["stake_uuid"]) for row in rows(atelier.path, "action_stakes")] == [
        (actions["A"], flood),
        (actions["B"], flood),
        (actions["B"], wetland),
    ]

    editor.unlink_stake(actions["B"], flood)
    assert [a.title for a in read_roadmap(atelier).actions_answering(flood)] == ["A"]
    assert editor.undo() == "unlink a stake"
    assert [a.title for a in read_roadmap(atelier).actions_answering(flood)] == ["A", "B"]
    editor.undo()
    assert read_roadmap(atelier).stakes_answered_by(actions["B"])[0].title == "Crue"
    editor.redo()
    assert read_roadmap(atelier).stakes_answered_by(actions["B"])[0].title == "Crue"
    assert len(read_roadmap(atelier).stakes_answered_by(actions["B"])) == 2


def test_a_deleted_stake_takes_its_links_away_and_undo_brings_them_back(atelier, editor, roadmap):
    _water, _towns, actions = roadmap
    flood = stake(editor, "Crue")
    editor.link_stake(actions["A"], "stakes_point", flood)

    editor.delete("stakes_point", flood)
    assert rows(atelier.path, "action_stakes") == []
    assert [a.title for a in read_roadmap(atelier).actions_answering_no_stake()] == ["A", "B", "C", "D"]
    editor.undo()
    assert [a.title for a in read_roadmap(atelier).actions_answering(flood)] == ["A"]


def test_a_link_made_twice_or_to_nothing_is_refused_and_nothing_is_written(atelier, editor, roadmap):
    _water, _towns, actions = roadmap
    flood = stake(editor, "Crue")
    editor.link_stake(actions["A"], "stakes_point", flood)
    lines = len(journal(atelier.path))

    with pytest.raises(AtelierError, match="already answers this stake"):
        editor.link_stake(actions["A"], "stakes_point", flood)
    with pytest.raises(AtelierError, match="not a table of stakes"):
        editor.link_stake(actions["A"], "sketches_line", flood)
    with pytest.raises(AtelierError, match="No feature"):
        editor.link_stake(actions["A"], "stakes_area", flood)  # the stake is a point
    with pytest.raises(AtelierError, match="no link to remove"):
        editor.unlink_stake(actions["B"], flood)
    assert len(rows(atelier.path, "action_stakes")) == 1
    assert len(journal(atelier.path)) == lines


# -- bad input ------------------------------------------------------------------------------------------


def test_empty_titles_unknown_codes_and_unknown_fields_are_refused_and_nothing_is_written(atelier, editor, roadmap):
    water, _towns, actions = roadmap
    lines = len(journal(atelier.path))

    for attempt in (
        lambda: editor.add_orientation("   "),
        lambda: editor.add_action(water, ""),
        lambda: editor.set_fields("actions", actions["A"], {"title": "  "}),
        lambda: editor.set_fields("orientations", water, {"title": None}),
    ):
        with pytest.raises(AtelierError, match="(A title is needed|title cannot be left empty): nothing was saved"):
            attempt()
    with pytest.raises(AtelierError, match="status cannot be left empty"):
        editor.set_fields("actions", actions["A"], {"status": None})
    with pytest.raises(AtelierError, match="agrandir is not in the list action_kinds"):
        editor.set_fields("actions", actions["A"], {"kind": "agrandir"})
    with pytest.raises(AtelierError, match="budget is not in the list|Unknown field budget"):
        editor.set_fields("actions", actions["A"], {"budget": "1 M€"})
    with pytest.raises(AtelierError, match="orientation is no longer in the atelier"):
        editor.add_action("no-such-orientation", "E")
    with pytest.raises(AtelierError, match="Draw an area here: nothing was saved"):
        editor.add_action(water, "E", QgsGeometry.fromPolylineXY([QgsPointXY(*BRAY), QgsPointXY(717_000, 6_813_000)]))
    assert len(journal(atelier.path)) == lines
    assert tree(atelier) == [("L'eau", ["A", "B", "C"]), ("Les bourgs", ["D"])]


def test_every_field_of_an_action_is_edited_with_its_thesaurus_codes(atelier, editor, roadmap):
    _water, _towns, actions = roadmap
    fields = {
        "kind": "renaturer",
        "horizon": "long",
        "status": "retenu",
        "lead": "CC Bassée-Montois",
        "partners": "AESN ; Seine Grands Lacs",
        "description": "Rendre les gravières à la Seine.",
    }
    editor.set_fields("actions", actions["A"], fields)

    [stored] = [row for row in rows(atelier.path, "actions") if row["uuid"] == actions["A"]]
    assert {name: stored[name] for name in fields} == fields
    editor.undo()
    [stored] = [row for row in rows(atelier.path, "actions") if row["uuid"] == actions["A"]]
    assert (stored["kind"], stored["status"], stored["lead"]) == (None, "propose", None)


def test_long_texts_and_markup_characters_are_stored_unchanged(atelier, editor):
    long_text = "Reconquérir les berges de la Seine, de Bray à Montereau. " * 400
    orientation = editor.add_orientation(MARKUP_TITLE).uuid
    action = editor.add_action(orientation, MARKUP_TITLE).uuid
    editor.set_fields("actions", action, {"description": long_text, "lead": "<DDT 77> & 'Cerema'"})

    [stored] = rows(atelier.path, "actions")
    assert (stored["title"], stored["description"], stored["lead"]) == (
        MARKUP_TITLE,
        long_text,
        "<DDT 77> & 'Cerema'",
    )
    assert tree(atelier) == [(MARKUP_TITLE, [MARKUP_TITLE])]


def test_a_zone_drawn_later_is_stored_and_undo_leaves_the_action_without_one(atelier, editor, roadmap):
    _water, _towns, actions = roadmap

    editor.set_geometry("actions", actions["A"], square(side=800))
    [stored] = [row for row in rows(atelier.path, "actions") if row["uuid"] == actions["A"]]
    assert stored["geom"].GetArea() == pytest.approx(640_000)
    assert read_roadmap(atelier).action(actions["A"]).has_zone

    editor.undo()
    [stored] = [row for row in rows(atelier.path, "actions") if row["uuid"] == actions["A"]]
    assert stored["geom"] is None
    editor.redo()
    assert read_roadmap(atelier).action(actions["A"]).has_zone


# -- the other way: a stake's form lists the actions that answer it ---------------------------------


def answered_by(project: QgsProject, table: str) -> dict[str, str | None]:
    [layer] = [layer for layer in project.mapLayers().values() if layer_table(layer) == table]
    return {feature["title"]: feature[ANSWERED_BY_FIELD] for feature in layer.getFeatures()}


def test_a_stakes_form_lists_the_actions_that_answer_it(atelier, editor, roadmap, qgis_new_project):
    _water, _towns, actions = roadmap
    flood, _station = stake(editor, "Crue"), stake(editor, "Gare", 718_000)
    editor.link_stake(actions["A"], "stakes_point", flood)
    editor.link_stake(actions["D"], "stakes_point", flood)

    project = qgis_new_project  # expressions find layers by name in the project QGIS has open
    add_to_project(atelier, project)

    assert answered_by(project, "stakes_point") == {"Crue": "A ; D", "Gare": None}
    [layer] = [layer for layer in project.mapLayers().values() if layer_table(layer) == "stakes_point"]
    index = layer.fields().indexOf(ANSWERED_BY_FIELD)
    assert layer.attributeDisplayName(index) == "Actions qui y répondent"  # the atelier speaks French
    assert layer.fields().fieldOrigin(index) == layer.fields().OriginExpression  # computed: read-only in the form
    # switching to the projector look keeps it: it is in both stored styles
    layer.styleManager().setCurrentStyle("projecteur")
    assert layer.fields().indexOf(ANSWERED_BY_FIELD) >= 0


def test_an_atelier_stored_before_the_field_gets_it_when_opened(qgis_new_project, tmp_path):
    path = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "sample.gpkg")
    project = qgis_new_project
    add_to_project(open_atelier(path), project)

    listed = answered_by(project, "stakes_area")
    assert listed["Champ d'expansion des crues de la Seine"] == "Plan concerté de réaménagement des gravières"
