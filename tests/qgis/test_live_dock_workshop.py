"""A scripted workshop on the live workshop dock: 200 seeded random operations, undo and redo included.

Played with real mouse and key events on a real map canvas; the rows and the journal it must
leave are checked by reading the GeoPackage with sqlite3, never through QGIS's layers.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from qgis.core import Qgis
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtTest import QTest

from tests.qgis import live_dock_helpers
from tests.qgis.desk import (
    journal,
    map_point,
    messages,
    mouse,
    near,
    press,
    press_keys,
    rows,
)

# the fixture of live_dock_helpers, shared with test_live_dock.py: pytest finds it by its name here
dock = live_dock_helpers.dock


# -- the scripted workshop ---------------------------------------------------------------------------

# operation -> (what it journals when done, when undone, when redone)
JOURNALLED_AS = {
    "create": ("create", "delete", "restore"),
    "vote": ("vote", "vote", "vote"),
    "status": ("status", "status", "status"),
    "move": ("geometry", "geometry", "geometry"),
    "delete": ("delete", "restore", "delete"),
}
WORKSHOP_STEPS = {"create": 30, "vote": 15, "status": 10, "move": 10, "delete": 8, "undo": 12, "redo": 7, "sketch": 8}


class Workshop:
    """A seeded random workshop played on the canvas, and the rows and journal it must leave.

    Stakes sit on a grid of cells 40 pixels apart, so a click on a cell finds that one
    stake; sketches are drawn in a band of their own below the grid.
    """

    def __init__(self, dock, canvas, path: Path, seed: int):
        self.dock, self.canvas, self.path = dock, canvas, path
        self.random = random.Random(seed)
        width, height = canvas.viewport().width(), canvas.viewport().height()
        self.cells = [QPoint(x, y) for x in range(80, width - 80, 40) for y in range(60, height - 200, 40)]
        self.sketch_band = (height - 150, height - 60)
        self.stakes: dict[str, dict] = {}  # uuid -> what the row must hold
        self.sketches: dict[str, str] = {}  # uuid -> kind
        self.undo_stack: list[tuple] = []
        self.redo_stack: list[tuple] = []
        self.journal: list[tuple[str, str, str]] = []

    def play(self, steps: int) -> None:
        names, weights = zip(*WORKSHOP_STEPS.items())
        for _ in range(steps):
            step = self.random.choices(names, weights)[0]
            if step in ("vote", "status", "move", "delete") and not self.stakes:
                step = "create"
            getattr(self, step)()

    # -- steps --------------------------------------------------------------------------------

    def create(self) -> None:
        theme = self.random.choice(list(self.dock.theme_buttons))
        reading = self.random.choice([None, "atout", "faiblesse", "opportunite", "menace"])
        cell = self.random.choice(self._free_cells())
        self.dock.reading_combo.setCurrentIndex(self.dock.reading_combo.findData(reading))
        press(self.dock.theme_buttons[theme])
        self._click(cell)
        uuid = self._new_uuid("stakes_point", self.stakes)
        record = {"theme": theme, "reading": reading, "votes_for": 0, "votes_against": 0, "status": "propose"}
        self._done("create", "stakes_point", uuid, lambda: self.stakes.__setitem__(uuid, {**record, "cell": cell}))

    def vote(self) -> None:
        uuid, stake = self._any_stake()
        button, column = self.random.choice(
            [(Qt.MouseButton.LeftButton, "votes_for"), (Qt.MouseButton.RightButton, "votes_against")]
        )
        press(self.dock.vote_button)
        self._click(stake["cell"], button)
        self._done("vote", "stakes_point", uuid, lambda: stake.__setitem__(column, stake[column] + 1))

    def status(self) -> None:
        uuid, stake = self._any_stake()
        status = self.random.choice(list(self.dock.status_buttons))
        press(self.dock.status_buttons[status])
        self._click(stake["cell"])
        self._done("status", "stakes_point", uuid, lambda: stake.__setitem__("status", status))

    def move(self) -> None:
        uuid, stake = self._any_stake()
        target = self.random.choice(self._free_cells())
        press(self.dock.move_button)
        start = stake["cell"]
        halfway = QPoint((start.x() + target.x()) // 2, (start.y() + target.y()) // 2)
        mouse(self.canvas, QEvent.Type.MouseButtonPress, start)
        mouse(self.canvas, QEvent.Type.MouseMove, halfway)
        mouse(self.canvas, QEvent.Type.MouseButtonRelease, target)
        self._done("move", "stakes_point", uuid, lambda: stake.__setitem__("cell", target))

    def delete(self) -> None:
        uuid, stake = self._any_stake()
        press(self.dock.delete_button)
        self._click(stake["cell"])
        self._done("delete", "stakes_point", uuid, lambda: self.stakes.pop(uuid))

    def sketch(self) -> None:
        kind = self.random.choice(list(self.dock.sketch_buttons))
        top, bottom = self.sketch_band
        x, y = self.random.randrange(80, self.canvas.viewport().width() - 400), self.random.randrange(top, bottom)
        press(self.dock.sketch_buttons[kind])
        mouse(self.canvas, QEvent.Type.MouseButtonPress, QPoint(x, y))
        for step in range(1, 30):
            mouse(self.canvas, QEvent.Type.MouseMove, QPoint(x + step * 10, y + self.random.choice((-1, 0, 1))))
        mouse(self.canvas, QEvent.Type.MouseButtonRelease, QPoint(x + 300, y))
        uuid = self._new_uuid("sketches_line", self.sketches)
        self._done("create", "sketches_line", uuid, lambda: self.sketches.__setitem__(uuid, kind))

    def undo(self) -> None:
        press_keys(self.canvas, "Ctrl+Z")
        self._step_back_or_forth(self.undo_stack, self.redo_stack, 1)

    def redo(self) -> None:
        press_keys(self.canvas, "Ctrl+Shift+Z")
        self._step_back_or_forth(self.redo_stack, self.undo_stack, 2)

    # -- the model ------------------------------------------------------------------------------

    def _done(self, operation: str, table: str, uuid: str, change) -> None:
        """Record a committed operation: the state before it goes on the undo stack."""
        before = self._state()
        change()
        self.undo_stack.append((operation, table, uuid, before, self._state()))
        self.redo_stack.clear()
        self.journal.append((JOURNALLED_AS[operation][0], table, uuid))

    def _step_back_or_forth(self, source: list, target: list, journal_column: int) -> None:
        if not source:
            return
        operation, table, uuid, before, after = source.pop()
        target.append((operation, table, uuid, before, after))
        self.stakes, self.sketches = json.loads(json.dumps(before if journal_column == 1 else after), object_hook=_cell)
        self.journal.append((JOURNALLED_AS[operation][journal_column], table, uuid))

    def _state(self):
        return json.loads(json.dumps((self.stakes, self.sketches), default=lambda point: [point.x(), point.y()]))

    def _free_cells(self) -> list[QPoint]:
        taken = {(stake["cell"].x(), stake["cell"].y()) for stake in self.stakes.values()}
        return [cell for cell in self.cells if (cell.x(), cell.y()) not in taken]

    def _any_stake(self) -> tuple[str, dict]:
        uuid = self.random.choice(sorted(self.stakes))
        return uuid, self.stakes[uuid]

    def _click(self, cell: QPoint, button=Qt.MouseButton.LeftButton) -> None:
        QTest.mouseClick(self.canvas.viewport(), button, Qt.KeyboardModifier.NoModifier, cell)

    def _new_uuid(self, table: str, known: dict) -> str:
        [uuid] = {row["uuid"] for row in rows(self.path, table)} - set(known)
        return uuid


def _cell(record: dict) -> dict:
    if isinstance(record.get("cell"), list):
        record["cell"] = QPoint(*record["cell"])
    return record


def test_a_scripted_workshop_of_200_operations_leaves_exactly_the_expected_rows_and_journal(dock, iface, atelier_path):
    canvas = iface.mapCanvas()
    workshop = Workshop(dock, canvas, atelier_path, seed=2017)

    workshop.play(200)

    tolerance = 1.5 * canvas.mapUnitsPerPixel()
    saved = {row["uuid"]: row for row in rows(atelier_path, "stakes_point")}
    assert set(saved) == set(workshop.stakes)
    for uuid, expected in workshop.stakes.items():
        row = saved[uuid]
        assert {key: row[key] for key in expected if key != "cell"} == {
            k: v for k, v in expected.items() if k != "cell"
        }
        assert near(row["geom"], *tuple(map_point(canvas, expected["cell"])), tolerance=tolerance)
    assert {row["uuid"]: row["kind"] for row in rows(atelier_path, "sketches_line")} == workshop.sketches
    assert journal(atelier_path) == workshop.journal
    assert {operation for operation, _table, _uuid in workshop.journal} == {
        "create",
        "vote",
        "status",
        "geometry",
        "delete",
        "restore",
    }, "the script exercised every kind of operation, undo and redo included"
    assert not messages(iface, Qgis.MessageLevel.Critical)
