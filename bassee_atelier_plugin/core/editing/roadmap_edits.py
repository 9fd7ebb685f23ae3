"""The roadmap's edits: orientations, their actions in order, and the stakes each action answers.

Orientations and the actions of each are kept in order by their ``position``, always
0..n-1: a move or a delete renumbers the others, and only the rows whose position
changes are written. Each edit is one step of the live editor's history.
"""

from __future__ import annotations

from qgis.core import QgsGeometry

from bassee_atelier_plugin.core.editing.geometry_checks import fitting_geometry
from bassee_atelier_plugin.core.editing.journalled import JournalledEditor, LiveResult
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import ACTION_STAKES, ACTIONS, ORIENTATIONS, STAKE_TABLES
from bassee_atelier_plugin.toolbelt.i18n import tr


class RoadmapEdits(JournalledEditor):
    """The roadmap's part of :class:`~bassee_atelier_plugin.core.editing.live.LiveEditor`.

    Its edits go through the same journalled writes as the room's gestures, so each is
    committed, journalled and undone like any other.
    """

    def add_orientation(self, title: str, description: str | None = None) -> LiveResult:
        """A new orientation, last of the roadmap."""
        values = {"title": _title(title), "description": description, "position": self._next_position(ORIENTATIONS)}
        return self._create(ORIENTATIONS, values, None, [], tr("new orientation"))

    def add_action(self, orientation_uuid: str | None, title: str, geometry: QgsGeometry | None = None) -> LiveResult:
        """A new action, last of its orientation; its zone may be drawn now or later."""
        title = _title(title)
        self._require_orientation(orientation_uuid)
        warnings = []
        if geometry is not None:
            geometry, warnings = fitting_geometry(ACTIONS, geometry)
        position = self._next_position(ACTIONS, orientation_uuid=orientation_uuid)
        values = {"orientation_uuid": orientation_uuid, "position": position, "title": title}
        return self._create(ACTIONS, values, geometry, warnings, tr("new action"))

    def move_action(self, action_uuid: str, orientation_uuid: str | None, position: int) -> LiveResult:
        """Put an action at ``position`` among the actions of ``orientation_uuid`` (its own or another)."""
        values, _wkt = self.writer.read(ACTIONS, action_uuid)
        self._require_orientation(orientation_uuid)
        with self._history.one_step(tr("move an action"), ACTIONS):
            source = values["orientation_uuid"]
            if source != orientation_uuid:
                change = {"orientation_uuid": orientation_uuid}
                self._update(ACTIONS, action_uuid, change, None, "order", tr("move an action"))
                self._renumber(ACTIONS, self._ordered(ACTIONS, orientation_uuid=source))
            self._place(ACTIONS, action_uuid, position, orientation_uuid=orientation_uuid)
        return LiveResult(ACTIONS, action_uuid)

    def move_orientation(self, orientation_uuid: str, position: int) -> LiveResult:
        """Put an orientation at ``position`` in the roadmap; its actions go with it."""
        self.writer.read(ORIENTATIONS, orientation_uuid)
        with self._history.one_step(tr("move an orientation"), ORIENTATIONS):
            self._place(ORIENTATIONS, orientation_uuid, position)
        return LiveResult(ORIENTATIONS, orientation_uuid)

    def link_stake(self, action_uuid: str, stake_table: str, stake_uuid: str) -> LiveResult:
        """Record that the action answers the stake; a link made twice is refused."""
        if stake_table not in STAKE_TABLES:
            raise AtelierError(tr("{table} is not a table of stakes.").format(table=stake_table))
        self.writer.read(ACTIONS, action_uuid)
        self.writer.read(stake_table, stake_uuid)
        if self.writer.rows(ACTION_STAKES, action_uuid=action_uuid, stake_uuid=stake_uuid):
            raise AtelierError(tr("This action already answers this stake."))
        values = {"action_uuid": action_uuid, "stake_uuid": stake_uuid}
        return self._create(ACTION_STAKES, values, None, [], tr("link a stake"))

    def unlink_stake(self, action_uuid: str, stake_uuid: str) -> LiveResult:
        links = self.writer.rows(ACTION_STAKES, action_uuid=action_uuid, stake_uuid=stake_uuid)
        if not links:
            raise AtelierError(tr("This action does not answer this stake: there is no link to remove."))
        with self._history.one_step(tr("unlink a stake"), ACTION_STAKES):
            for link in links:
                self._delete_row(ACTION_STAKES, link["uuid"], tr("unlink a stake"))
        return LiveResult(ACTION_STAKES, links[0]["uuid"])

    # -- what a delete needs: an orientation's actions, the links that go with a stake or an action --

    def _ordered(self, table: str, **parent) -> list[str]:
        """The uuids of ``table``'s rows in their order; ``parent`` keeps one orientation's actions."""
        rows = self.writer.rows(table, **parent)
        return [row["uuid"] for row in sorted(rows, key=lambda row: row["position"])]  # stable: ties keep fid order

    def _renumber(self, table: str, order: list[str]) -> None:
        """Positions 0..n-1 in ``order``; only the rows whose position changes are written."""
        for position, feature_uuid in enumerate(order):
            if self.writer.read(table, feature_uuid)[0]["position"] != position:
                self._update(table, feature_uuid, {"position": position}, None, "order", tr("order"))

    def _links(self, table: str, feature_uuid: str) -> list[dict]:
        """The action_stakes rows that name a stake or an action."""
        if table == ACTIONS:
            return self.writer.rows(ACTION_STAKES, action_uuid=feature_uuid)
        if table in STAKE_TABLES:
            return self.writer.rows(ACTION_STAKES, stake_uuid=feature_uuid)
        return []

    # -- helpers ------------------------------------------------------------------

    def _next_position(self, table: str, **parent) -> int:
        return max((row["position"] for row in self.writer.rows(table, **parent)), default=-1) + 1

    def _place(self, table: str, feature_uuid: str, position: int, **parent) -> None:
        order = [uuid for uuid in self._ordered(table, **parent) if uuid != feature_uuid]
        order.insert(max(0, min(position, len(order))), feature_uuid)
        self._renumber(table, order)

    def _require_orientation(self, orientation_uuid: str | None) -> None:
        if orientation_uuid is not None and not self.writer.rows(ORIENTATIONS, uuid=orientation_uuid):
            raise AtelierError(tr("This orientation is no longer in the atelier."))


def _title(title: str | None) -> str:
    """A title without its surrounding blanks; an empty one is refused."""
    if not title or not title.strip():
        raise AtelierError(tr("A title is needed: nothing was saved."))
    return title.strip()
