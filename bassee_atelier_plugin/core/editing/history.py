"""Undo and redo of the live workshop: a step is taken back, or put again, by committed writes.

Undoing is an operation like any other: each step knows the writes that take it back and
the writes that put it again, and runs them in one transaction, journalled. Several
changes made as one gesture (a stake deleted with its links) are one step to undo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bassee_atelier_plugin.core.atelier.writer import FeatureWriter

UNDO_DEPTH = 200


@dataclass
class Change:
    """One step to undo: its name for the menu, the table it changed, and the writes that undo and redo it."""

    description: str
    table: str
    undo: Callable[[FeatureWriter], None]
    redo: Callable[[FeatureWriter], None]
    also: tuple[str, ...] = ()  # the other tables a step changed (a stake's links): their layers redraw too


class UndoStack:
    """The steps to undo and to redo, the latest last; a new step forgets what was undone.

    ``writer`` gives the atelier's writer when a step is undone or redone; ``announce`` is
    told of every step recorded, undone or redone, so the map can redraw what changed.
    """

    def __init__(self, writer: Callable[[], FeatureWriter], announce: Callable[[Change], None]):
        self._writer = writer
        self._announce = announce
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._step: list[Change] | None = None  # the changes of the step being made, see one_step

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str | None:
        return self._undo[-1].description if self._undo else None

    def redo_text(self) -> str | None:
        return self._redo[-1].description if self._redo else None

    def undo(self) -> str | None:
        """Undo the last step, committed at once; return what it was, or None."""
        return self._replay(self._undo, self._redo, undoing=True)

    def redo(self) -> str | None:
        return self._replay(self._redo, self._undo, undoing=False)

    def _replay(self, source: list[Change], target: list[Change], undoing: bool) -> str | None:
        """Take the latest step of ``source``, undo or redo it, and keep it on ``target`` to go back."""
        if not source:
            return None
        change = source.pop()
        (change.undo if undoing else change.redo)(self._writer())
        target.append(change)
        self._announce(change)
        return change.description

    def record(self, change: Change) -> None:
        """A change just committed: a step of its own, or a part of the step being made."""
        if self._step is not None:
            self._step.append(change)
            return
        self._undo.append(change)
        del self._undo[:-UNDO_DEPTH]
        self._redo.clear()
        self._announce(change)

    @contextmanager
    def one_step(self, description: str, table: str) -> Iterator[None]:
        """The changes made inside the block land together and are undone together, as one step."""
        if self._step is not None:  # already inside a step: it takes these changes too
            yield
            return
        changes = self._step = []
        try:
            with self._writer().transaction():
                yield
        finally:
            self._step = None
        if not changes:
            return

        def undo(writer: FeatureWriter) -> None:
            with writer.transaction():
                for change in reversed(changes):
                    change.undo(writer)

        def redo(writer: FeatureWriter) -> None:
            with writer.transaction():
                for change in changes:
                    change.redo(writer)

        also = tuple(change.table for change in changes)
        self.record(Change(description, table, undo=undo, redo=redo, also=also))
