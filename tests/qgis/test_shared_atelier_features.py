"""Every feature of the plugin on a shared atelier: the sample atelier pushed into PostGIS, read and edited there.

Each test reads the same thing from the GeoPackage and from PostGIS and compares: what the
planner sees must not depend on where the atelier lives.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import psycopg2
import pytest
from qgis.core import Qgis, QgsGeometry, QgsPointXY, QgsProject

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
from bassee_atelier_plugin.core.deliverables.links import read_roadmap
from bassee_atelier_plugin.core.deliverables.roadmap import roadmap_rows
from bassee_atelier_plugin.core.deliverables.synthesis import (
    sessions_held,
    stakes_by_theme_and_commune,
    stakes_with_communes,
)
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.handoff.package import package_atelier
from bassee_atelier_plugin.core.handoff.sync import push
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from bassee_atelier_plugin.core.model.action_sheets import VIEW as ACTION_SHEETS_VIEW
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES, TABLES
from bassee_atelier_plugin.core.phones.contributions import PHONE_AUTHOR, ContributionDesk
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY, add_to_project
from bassee_atelier_plugin.core.stores.postgis.address import PostgisAddress
from bassee_atelier_plugin.core.visits.observations import session_photos
from bassee_atelier_plugin.gui.atelier.loader import find_atelier_group
from tests.postgres import PASSWORD
from tests.qgis.conftest import needs_postgres
from tests.qgis.desk import click, messages, press, shown_dock
from tests.qgis.phone import new_phone, sample_copy
from tests.qgis.test_deliverables import pdf_text

pytestmark = needs_postgres
BRAY = (728_000.0, 6_815_000.0)  # a point of the territory, in Lambert-93


@pytest.fixture(scope="module")
def ateliers(cluster, qgis_app, tmp_path_factory) -> tuple[Atelier, Atelier]:
    """(the sample GeoPackage, the same pushed into a new shared atelier): read-only tests share them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSFILE", str(cluster.password_file))
        yield _pushed_sample(cluster, tmp_path_factory.mktemp("shared"))


@pytest.fixture
def fresh(cluster, qgis_app, monkeypatch, tmp_path) -> tuple[Atelier, Atelier]:
    """The same as ``ateliers``, for a test that writes."""
    monkeypatch.setenv("PGPASSFILE", str(cluster.password_file))
    return _pushed_sample(cluster, tmp_path)


def _pushed_sample(cluster, folder: Path) -> tuple[Atelier, Atelier]:
    address = cluster.url(cluster.new_database(f"features_{uuid.uuid4().hex}"), password=None)
    geopackage = open_atelier(sample_copy(folder))
    create_atelier(address, geopackage.metadata.territory, title=geopackage.metadata.title)
    push(geopackage.path, address)
    return geopackage, open_atelier(address)


def rows(shared: Atelier, sql: str, parameters=()) -> list[tuple]:
    with psycopg2.connect(shared.store.address.connection) as connection, connection.cursor() as cursor:
        cursor.execute(f'SET search_path TO "{shared.store.address.schema}", public')
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def test_the_shared_atelier_opens_in_qgis_with_the_same_layers_styles_and_context(ateliers, cluster):
    geopackage, shared = ateliers
    project = QgsProject()

    group = add_to_project(shared, project)

    layers = {layer_table(node.layer()): node.layer() for node in group.findLayers()}
    file_project = QgsProject()
    expected = {layer_table(node.layer()) for node in add_to_project(geopackage, file_project).findLayers()}
    assert set(layers) == expected  # the communes and the action sheets included
    assert all(layer.isValid() and layer.providerType() == "postgres" for layer in layers.values())
    assert layers["communes"].featureCount() == 42
    assert layers["stakes_point"].renderer().type() == "categorizedSymbol"
    assert not any(PASSWORD in layer.source() for layer in layers.values())


def test_the_roadmap_its_links_and_the_photos_read_the_same_as_in_the_geopackage(ateliers):
    geopackage, shared = ateliers

    assert roadmap_rows(shared) == roadmap_rows(geopackage)
    assert read_roadmap(shared) == read_roadmap(geopackage)
    sessions = [row[0] for row in rows(shared, "SELECT uuid FROM sessions")] + [None]
    photos = {session: session_photos(geopackage, session) for session in sessions}
    assert any(photos.values()), "the sample has photos"
    assert {session: session_photos(shared, session) for session in sessions} == photos


def test_the_synthesis_counts_the_same_stakes_by_commune_and_the_same_sessions(ateliers, tmp_path):
    geopackage, shared = ateliers

    def by_commune(atelier):
        return stakes_by_theme_and_commune(atelier, stakes_with_communes(atelier))

    assert [str(cell) for row in by_commune(shared)[1] for cell in row] == [
        str(cell) for row in by_commune(geopackage)[1] for cell in row
    ]
    assert sessions_held(shared) == sessions_held(geopackage)
    written = export_deliverable(shared, "synthese", tmp_path / "synthese.pdf")
    text = " ".join(pdf_text(written.path))
    assert "Donnemarie-Dontilly" in text and sessions_held(shared)[0][2] in text


def test_the_action_sheets_view_gives_the_same_sheets(ateliers, tmp_path):
    geopackage, shared = ateliers
    columns = "uuid, title, orientation, kind, horizon, status, stakes, photo_1 IS NOT NULL, sheet_xmin, sheet_ymax"
    with sqlite3.connect(geopackage.path) as connection:
        in_geopackage = connection.execute(f"SELECT {columns} FROM {ACTION_SHEETS_VIEW} ORDER BY uuid").fetchall()
    in_postgis = rows(shared, f"SELECT {columns} FROM {ACTION_SHEETS_VIEW} ORDER BY uuid")

    assert in_geopackage and len(in_postgis) == len(in_geopackage)
    for ours, theirs in zip(in_postgis, in_geopackage):
        assert ours[:7] == theirs[:7] and bool(ours[7]) == bool(theirs[7])
        assert ours[8] == pytest.approx(theirs[8], abs=1) and ours[9] == pytest.approx(theirs[9], abs=1)
    written = export_deliverable(shared, "fiches", tmp_path / "fiches.pdf")
    assert len(pdf_text(written.path)) == len(in_geopackage)


def test_the_package_of_a_shared_atelier_is_a_geopackage_with_everything(ateliers, tmp_path):
    geopackage, shared = ateliers

    package = package_atelier(shared, tmp_path / "paquet.gpkg", packager="DDT 77")

    assert validate(package.path) == []
    opened = open_atelier(package.path)
    assert opened.metadata.title == geopackage.metadata.title and opened.metadata.licence == geopackage.metadata.licence
    expected = geopackage.counts()
    assert {table: count for table, count in opened.counts().items() if table in expected} == {
        table: count for table, count in expected.items() if table != "journal"
    } | {"journal": opened.counts()["journal"]}
    assert opened.counts()["communes"] == 42


def test_live_edits_land_in_postgis_and_undo_takes_them_back(fresh):
    _geopackage, shared = fresh
    editor = LiveEditor(shared, author="table 2")
    point = QgsGeometry.fromPointXY(QgsPointXY(*BRAY))
    try:
        created = editor.add_stake(point, "eau_risques", "menace", "Crue de la Seine à Bray")
        editor.vote(created.table, created.uuid, +1)
        stored = rows(
            shared, f"SELECT title, author, votes_for, look FROM {created.table} WHERE uuid = %s", (created.uuid,)
        )
        assert stored == [("Crue de la Seine à Bray", "table 2", 1, stored[0][3])] and stored[0][3]
        journal = rows(shared, "SELECT operation FROM journal WHERE feature_uuid = %s ORDER BY fid", (created.uuid,))
        assert [operation for (operation,) in journal] == ["create", "vote"]

        editor.undo()  # the vote
        editor.undo()  # the stake
    finally:
        editor.close()
    assert rows(shared, f"SELECT count(*) FROM {created.table} WHERE uuid = %s", (created.uuid,)) == [(0,)]


def test_phones_contribute_to_a_shared_atelier(fresh):
    _geopackage, shared = fresh
    session = rows(shared, "SELECT uuid FROM sessions ORDER BY held_on DESC LIMIT 1")[0][0]
    desk = ContributionDesk(shared, session)
    try:
        received = desk.contribute(new_phone(), {"x": BRAY[0], "y": BRAY[1], "theme": "eau_risques", "title": "Quai"})
        desk.vote(new_phone(), {"stake": received.uuid, "value": 1})
    finally:
        desk.close()

    stored = rows(shared, "SELECT author, session_uuid, votes_for FROM stakes_point WHERE uuid = %s", (received.uuid,))
    assert stored == [(PHONE_AUTHOR, session, 1)]
    assert rows(shared, "SELECT count(*) FROM phone_votes WHERE stake_uuid = %s", (received.uuid,)) == [(1,)]


def test_every_table_of_the_schema_is_in_the_shared_atelier(ateliers):
    _geopackage, shared = ateliers
    assert {table.name for table in TABLES} | {"communes", ACTION_SHEETS_VIEW} <= set(shared.table_names())
    assert set(STAKE_TABLES) <= set(shared.layer_tables())
    assert isinstance(shared.store.address, PostgisAddress)


def test_the_live_dock_draws_a_stake_into_a_shared_atelier_with_a_click(fresh, plugin, iface):
    _geopackage, shared = fresh
    before = rows(shared, "SELECT count(*) FROM stakes_point")[0][0]
    plugin.loader.open(shared.location)
    dock = shown_dock(iface, plugin.toggle_live_dock)
    dock.fast_mode.setChecked(True)
    assert plugin.live_session.is_editable and plugin.live_session.atelier.store.address == shared.store.address

    press(dock.theme_buttons["agriculture"])
    click(iface.mapCanvas(), *BRAY)

    assert not messages(iface, Qgis.MessageLevel.Critical)
    assert rows(shared, "SELECT count(*) FROM stakes_point")[0][0] == before + 1
    [(uuid,)] = rows(shared, "SELECT uuid FROM stakes_point ORDER BY created_at DESC LIMIT 1")
    layer = plugin.live_session.layers()["stakes_point"]
    assert layer.providerType() == "postgres" and uuid in {feature["uuid"] for feature in layer.getFeatures()}
    group = find_atelier_group(QgsProject.instance(), shared.location)
    assert group is not None and PASSWORD not in group.customProperty(ATELIER_LOCATION_PROPERTY)
