"""The roadmap as the panel reads it: orientations, their actions in order, and the stakes each answers.

One read-only read of the atelier (see :mod:`core.database`) makes a
:class:`Roadmap`, which answers both ways: the stakes an action answers, the actions
that answer a stake, and what is left on its own (a stake no action answers, an action
that answers no stake). A link to a stake deleted by another tool is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.reads import ReadConnection, read_only
from bassee_atelier_plugin.core.model.schema import ACTION_STAKES, ACTIONS, ORIENTATIONS, STAKE_TABLES


@dataclass(frozen=True)
class RoadmapAction:
    uuid: str
    orientation_uuid: str | None
    title: str
    kind: str | None
    horizon: str | None
    lead: str | None
    partners: str | None
    status: str | None
    description: str | None
    has_zone: bool
    stakes: tuple[str, ...]  # the uuids of the stakes it answers
    communes: tuple[str, ...] = ()  # the INSEE codes its zone touches


@dataclass(frozen=True)
class RoadmapOrientation:
    uuid: str | None  # None gathers the actions of no orientation (made by another tool)
    title: str
    description: str | None
    actions: tuple[RoadmapAction, ...]


@dataclass(frozen=True)
class Stake:
    table: str
    uuid: str
    title: str | None
    theme: str
    answered_by: tuple[str, ...]  # the uuids of the actions that answer it
    communes: tuple[str, ...] = ()  # the INSEE codes it touches


@dataclass(frozen=True)
class Roadmap:
    orientations: tuple[RoadmapOrientation, ...]  # in their order, each with its actions in theirs
    stakes: tuple[Stake, ...]  # every stake, theme by theme (in the list's order), then by title

    def actions(self) -> list[RoadmapAction]:
        return [action for orientation in self.orientations for action in orientation.actions]

    def action(self, action_uuid: str) -> RoadmapAction | None:
        return next((action for action in self.actions() if action.uuid == action_uuid), None)

    def stake(self, stake_uuid: str) -> Stake | None:
        return next((stake for stake in self.stakes if stake.uuid == stake_uuid), None)

    def actions_answering(self, stake_uuid: str) -> list[RoadmapAction]:
        return [action for action in self.actions() if stake_uuid in action.stakes]

    def stakes_answered_by(self, action_uuid: str) -> list[Stake]:
        return [stake for stake in self.stakes if action_uuid in stake.answered_by]

    def unanswered_stakes(self) -> list[Stake]:
        return [stake for stake in self.stakes if not stake.answered_by]

    def actions_answering_no_stake(self) -> list[RoadmapAction]:
        return [action for action in self.actions() if not action.stakes]

    def in_commune(self, code: str) -> Roadmap:
        """What concerns the commune ``code``: its stakes, the actions whose zone or stakes lie there, and those
        placed nowhere yet (an action just made would vanish from the dock that made it)."""
        stakes = tuple(stake for stake in self.stakes if code in stake.communes)
        there = {stake.uuid for stake in stakes}
        orientations = tuple(
            replace(
                orientation,
                actions=tuple(
                    action
                    for action in orientation.actions
                    if code in action.communes
                    or there.intersection(action.stakes)
                    or not (action.communes or action.stakes)  # new, placed nowhere yet: kept in sight
                ),
            )
            for orientation in self.orientations
        )
        return Roadmap(orientations, stakes)


def read_roadmap(atelier: Atelier) -> Roadmap:
    with read_only(atelier) as connection:
        stakes = _stakes(connection)
        orientations = _orientations(connection, {stake.uuid for stake in stakes})
    return Roadmap(orientations, stakes)


def _stakes(connection: ReadConnection) -> tuple[Stake, ...]:
    every_stake = " UNION ALL ".join(
        f"SELECT '{table}', uuid, title, theme, communes FROM \"{table}\""  # nosec B608 # schema identifiers, quoted
        for table in STAKE_TABLES
    )
    rows = connection.execute(
        f"SELECT s.*, t.position FROM ({every_stake}) s "  # nosec B608 # subquery of schema tables
        "LEFT JOIN thesaurus_themes t ON t.code = s.theme"
    )
    answering: dict[str, list[str]] = {}
    for action_uuid, stake_uuid in connection.execute(
        f"SELECT l.action_uuid, l.stake_uuid FROM {ACTION_STAKES} l JOIN {ACTIONS} a ON a.uuid = l.action_uuid "
        "ORDER BY l.fid"  # nosec B608 # table name from the schema's constants
    ):
        answering.setdefault(stake_uuid, []).append(action_uuid)
    rows.sort(key=lambda row: (row[5] is None, row[5], (row[2] or "").lower()))
    return tuple(
        Stake(table, uuid, title, theme, tuple(answering.get(uuid, ())), _codes(communes))
        for table, uuid, title, theme, communes, _ in rows
    )


def _codes(communes: str | None) -> tuple[str, ...]:
    return tuple(communes.split(",")) if communes else ()


def _orientations(connection: ReadConnection, stake_uuids: set[str]) -> tuple[RoadmapOrientation, ...]:
    answered: dict[str, list[str]] = {}
    links = connection.execute(f"SELECT action_uuid, stake_uuid FROM {ACTION_STAKES}")  # nosec B608 # constant table
    for action_uuid, stake_uuid in links:
        if stake_uuid in stake_uuids:
            answered.setdefault(action_uuid, []).append(stake_uuid)
    actions: dict[str | None, list[RoadmapAction]] = {}
    for row in connection.execute(
        "SELECT uuid, orientation_uuid, title, kind, horizon, lead, partners, status, description, geom IS NOT NULL, "
        f"communes FROM {ACTIONS} ORDER BY position, fid"  # nosec B608 # table name from the schema's constants
    ):
        uuid, orientation_uuid, title, *fields, has_zone, communes = row
        action = RoadmapAction(
            uuid,
            orientation_uuid,
            title or "",
            *fields,
            bool(has_zone),
            tuple(answered.get(uuid, ())),
            _codes(communes),
        )
        actions.setdefault(orientation_uuid, []).append(action)
    orientations = [
        RoadmapOrientation(uuid, title or "", description, tuple(actions.pop(uuid, ())))
        for uuid, title, description in connection.execute(
            f"SELECT uuid, title, description FROM {ORIENTATIONS} ORDER BY position, fid"  # nosec B608 # constant table
        )
    ]
    # actions whose orientation is gone or was never set: shown, never dropped
    homeless = tuple(action for group in actions.values() for action in group)
    if homeless:
        orientations.append(RoadmapOrientation(None, "", None, homeless))
    return tuple(orientations)
