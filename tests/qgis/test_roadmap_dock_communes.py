"""The roadmap dock's commune filter, chosen with the keyboard on a real dock: what concerns one commune."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from tests.qgis.desk import shown_dock
from tests.qgis.roadmap_dock_helpers import new_action

BRAY, GOUAIX = "POINT (717800 6812600)", "POINT (721900 6816700)"  # Bray-sur-Seine 77051, Gouaix 77208
GOUAIX_ZONE = "POLYGON ((721800 6816600, 722000 6816600, 722000 6816800, 721800 6816800, 721800 6816600))"


def tree_titles(dock) -> list[str]:
    tree = dock.tree
    orientations = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    return [orientation.child(i).text(0) for orientation in orientations for i in range(orientation.childCount())]


def unanswered(dock) -> list[str]:
    return [dock.unanswered_list.item(row).text().split(" — ")[0] for row in range(dock.unanswered_list.count())]


def choose_by_keyboard(combo, text: str) -> None:
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, text
    while combo.currentIndex() != target:
        QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def test_the_commune_filter_shows_the_stakes_and_actions_of_one_commune(plugin, iface, atelier_path):
    with writer(open_atelier(atelier_path), author="test") as edits:
        orientation = edits.insert("orientations", {"title": "Eau"})
        digue = edits.insert("stakes_point", {"theme": "eau_risques", "title": "Digue"}, BRAY)
        edits.insert("stakes_point", {"theme": "mobilite", "title": "Gare"}, GOUAIX)
        edits.insert("stakes_point", {"theme": "agriculture", "title": "Silo"}, BRAY)
        linked = edits.insert("actions", {"title": "Renforcer la digue", "orientation_uuid": orientation})
        edits.insert("action_stakes", {"action_uuid": linked, "stake_uuid": digue})
        edits.insert("actions", {"title": "Pôle gare", "orientation_uuid": orientation}, GOUAIX_ZONE)
    plugin.loader.open(atelier_path)
    dock = shown_dock(iface, plugin.toggle_roadmap_dock)
    combo = dock.commune_filter

    assert combo.isVisible() and combo.itemText(0) == "All communes" and combo.count() == 43
    assert sorted(tree_titles(dock)) == ["Pôle gare", "Renforcer la digue"]

    choose_by_keyboard(combo, "Bray-sur-Seine")
    assert (tree_titles(dock), unanswered(dock)) == (["Renforcer la digue"], ["Silo"])

    choose_by_keyboard(combo, "Gouaix")
    assert (tree_titles(dock), unanswered(dock)) == (["Pôle gare"], ["Gare"])

    new_action(dock, "Nouvelle")  # placed nowhere yet: it stays in sight to be typed into
    assert tree_titles(dock) == ["Pôle gare", "Nouvelle"]

    choose_by_keyboard(combo, "All communes")
    assert sorted(tree_titles(dock)) == ["Nouvelle", "Pôle gare", "Renforcer la digue"]
    assert sorted(unanswered(dock)) == ["Gare", "Silo"]
