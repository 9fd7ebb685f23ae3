"""Push and pull merge field by field too: two laptops' edits of one stake meet in the shared atelier."""

from __future__ import annotations

import json

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.handoff.sync import pull, push
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from tests.qgis.conftest import needs_postgres
from tests.qgis.test_merge_fields import STAKES, edit, edit_and_vote, stake_row

pytestmark = needs_postgres


def shared_stake(cluster, database: str, stake: str) -> dict:
    row = cluster.sql(
        "SELECT json_build_object('theme', theme, 'comment', comment, 'title', title, 'votes_for', votes_for, "
        f"'votes_against', votes_against) FROM atelier.{STAKES} WHERE uuid = '{stake}'",
        database.rsplit("/", 1)[1],
    )
    return json.loads(row)


def test_two_laptops_edits_of_one_stake_all_land_in_the_shared_atelier(cluster, database, new_atelier, tmp_path):
    with writer(new_atelier, author="Équipe") as edits:
        stake = edits.insert(STAKES, {"theme": "mobilite", "title": "Gare de Flamboin"}, "POINT (721900 6816700)")
    create_atelier(database, "CC Bassée-Montois")
    push(new_atelier.path, database)
    laptops = [tmp_path / "table_1.gpkg", tmp_path / "table_2.gpkg"]
    for laptop in laptops:
        pull(database, laptop)
    first, second = (open_atelier(laptop) for laptop in laptops)
    edit_and_vote(first, "Table 1", stake, {"theme": "agriculture"}, 1)
    edit_and_vote(second, "Table 2", stake, {"comment": "Parking saturé"}, 1)
    edit(second, "Table 2", lambda editor: editor.set_fields(STAKES, stake, {"title": "Halte"}))
    edit(first, "Table 1", lambda editor: editor.set_fields(STAKES, stake, {"title": "Pôle gare"}))  # later

    pushes = [push(laptop, database) for laptop in laptops]

    assert shared_stake(cluster, database, stake) == {
        "theme": "agriculture",
        "comment": "Parking saturé",
        "title": "Pôle gare",
        "votes_for": 2,
        "votes_against": 0,
    }
    assert [summary.total("conflicts") for summary in pushes] == [0, 1]
    conflict = cluster.sql(
        "SELECT field_name || ' ' || kept_value || ' ' || other_value || ' ' || kept_author "
        "FROM atelier.merge_conflicts",
        database.rsplit("/", 1)[1],
    )
    assert conflict == 'title "Pôle gare" "Halte" Table 1'

    pulled = pull(database, laptops[1])
    again = [push(laptop, database) for laptop in laptops]

    merged = stake_row(laptops[1], stake)
    assert (merged["theme"], merged["title"], merged["votes_for"]) == ("agriculture", "Pôle gare", 2)
    assert pulled.tables[STAKES].updated == 1
    assert [summary.lines() for summary in again] == [[], []]  # the shared atelier already has everything
