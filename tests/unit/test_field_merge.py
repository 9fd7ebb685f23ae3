"""The field-by-field rule on its own: which value each field takes, and what is a conflict, whichever side is which."""

from __future__ import annotations

import pytest

from bassee_atelier_plugin.core.handoff.field_merge import merge_fields
from bassee_atelier_plugin.core.handoff.journals import FieldChange, SideChanges
from bassee_atelier_plugin.core.handoff.versions import GEOMETRY, Version

BASE = {"uuid": "s1", "updated_at": "2026-12-06T09:00:00.000Z", "author": "Équipe", "title": "Gare", "votes_for": 3}
HERE, THERE = b"point here", b"point there"


def version(updated_at: str, wkb: bytes = HERE, **values) -> Version:
    return Version(1, updated_at, {**BASE, "updated_at": updated_at, **values}, wkb)


def changed(*names: str, at: str = "2026-12-06T10:00:00.000Z", line: str = "line-a", **counted: int) -> SideChanges:
    return SideChanges({name: FieldChange(at, "Table", line) for name in names}, dict(counted))


def both_ways(ours, theirs, our_changes, their_changes):
    """The merge of theirs into ours, and of ours into theirs: the values each gives, and its conflicts' fields."""
    forth = merge_fields(ours, theirs, our_changes, their_changes)
    back = merge_fields(theirs, ours, their_changes, our_changes)
    return forth, back


def test_a_field_only_the_other_side_changed_takes_its_value_whichever_way():
    ours = version("2026-12-06T11:00:00.000Z", comment="Parking")
    theirs = version("2026-12-06T10:00:00.000Z", title="Halte")
    forth, back = both_ways(ours, theirs, changed("comment"), changed("title"))
    for merged in (forth, back):
        assert (merged.version.values["title"], merged.version.values["comment"]) == ("Halte", "Parking")
        assert merged.conflicts == []
        assert merged.version.updated_at == merged.version.values["updated_at"] == "2026-12-06T11:00:00.000Z"


def test_the_same_field_set_differently_keeps_the_later_change_whichever_way():
    ours = version("2026-12-06T10:00:00.000Z", title="Gare à rénover")
    theirs = version("2026-12-06T10:05:00.000Z", title="Pôle d'échanges")
    our_changes = changed("title", at="2026-12-06T10:00:00.000Z", line="line-a")
    their_changes = changed("title", at="2026-12-06T10:05:00.000Z", line="line-b")
    forth, back = both_ways(ours, theirs, our_changes, their_changes)
    assert forth.version.values["title"] == back.version.values["title"] == "Pôle d'échanges"
    [conflict] = forth.conflicts
    assert (conflict.name, conflict.kept_theirs) == ("title", True)
    assert back.conflicts[0].kept_theirs is False


def test_two_changes_in_the_same_millisecond_are_decided_alike_from_either_side():
    ours, theirs = version(BASE["updated_at"], title="A"), version(BASE["updated_at"], title="B")
    forth, back = both_ways(ours, theirs, changed("title", line="line-a"), changed("title", line="line-b"))
    assert forth.version.values["title"] == back.version.values["title"] == "B"


def test_the_same_value_set_on_both_sides_is_no_conflict():
    ours, theirs = version(BASE["updated_at"], status="retenu"), version(BASE["updated_at"], status="retenu")
    assert merge_fields(ours, theirs, changed("status"), changed("status")).conflicts == []


def test_a_difference_no_journal_explains_is_a_conflict_won_by_the_newer_feature():
    ours = version("2026-12-06T10:00:00.000Z", title="Tapé dans QGIS")
    theirs = version("2026-12-06T12:00:00.000Z", title="Gare", comment="Parking")
    merged = merge_fields(ours, theirs, SideChanges(), changed("comment"))
    assert merged.version.values["title"] == "Gare" and merged.version.values["comment"] == "Parking"
    assert [(conflict.name, conflict.ours, conflict.theirs) for conflict in merged.conflicts] == [("title", None, None)]


@pytest.mark.parametrize(("ours_votes", "their_steps", "expected"), [(5, 2, 7), (5, -1, 4), (0, -1, 0)])
def test_votes_cast_there_add_to_the_votes_here(ours_votes, their_steps, expected):
    ours = version(BASE["updated_at"], votes_for=ours_votes)
    theirs = version(BASE["updated_at"], votes_for=BASE["votes_for"] + their_steps)
    merged = merge_fields(ours, theirs, changed(votes_for=ours_votes - 3), changed(votes_for=their_steps))
    assert merged.version.values["votes_for"] == expected and merged.conflicts == []


def test_the_geometry_is_one_more_field_and_the_tracking_fields_are_never_merged():
    ours = version(BASE["updated_at"], HERE, title="Halte", author="Table 1")
    theirs = version(BASE["updated_at"], THERE, author="Table 2")
    merged = merge_fields(ours, theirs, changed("title"), changed(GEOMETRY))
    assert (merged.version.wkb, merged.version.values["title"], merged.version.values["author"]) == (
        THERE,
        "Halte",
        "Table 1",
    )
    assert merged.conflicts == []
