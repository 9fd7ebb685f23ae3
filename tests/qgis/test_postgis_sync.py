"""Push and pull between a GeoPackage and a shared atelier in PostGIS, on a throwaway PostgreSQL cluster.

The same rows both ways, nothing changed the second time, conflicts kept, failures that leave
both sides as they were, and the command line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from osgeo import gdal, ogr

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.sync import pull, push
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import SCHEMA_VERSION, TABLES
from bassee_atelier_plugin.core.stores.ogr_tables import read_metadata_items
from bassee_atelier_plugin.core.stores.postgis.address import PostgisAddress
from tests.postgres import PASSWORD
from tests.qgis.conftest import needs_postgres
from tests.qgis.phone import sample_copy
from tests.qgis.postgis_helpers import REPOSITORY, name_of

pytestmark = needs_postgres


# -- push and pull ---------------------------------------------------------------------------------


def atelier_rows(dataset) -> dict[str, dict[str, tuple]]:
    """Every row of every tracked table, by UUID: fields (photos as bytes) and geometry, as OGR reads them."""
    rows = {}
    for table in TABLES:
        if not table.tracked:
            continue
        layer = dataset.GetLayerByName(table.name)
        definition = layer.GetLayerDefn()
        rows[table.name] = {}
        for feature in layer:
            values = []
            for index in range(definition.GetFieldCount()):
                binary = definition.GetFieldDefn(index).GetType() == ogr.OFTBinary and feature.IsFieldSetAndNotNull(
                    index
                )
                values.append(bytes(feature.GetFieldAsBinary(index)) if binary else feature.GetField(index))
            geometry = feature.GetGeometryRef()
            rows[table.name][feature.GetField("uuid")] = (
                tuple(values),
                geometry.ExportToIsoWkt() if geometry else None,
            )
    return rows


def geopackage_rows(path: Path) -> dict[str, dict[str, tuple]]:
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    return atelier_rows(dataset)


def shared_rows(address: str) -> dict[str, dict[str, tuple]]:
    dataset = gdal.OpenEx(PostgisAddress.parse(address).ogr_name(), gdal.OF_VECTOR)
    return atelier_rows(dataset)


def test_geopackage_to_postgis_to_geopackage_gives_the_same_rows(database, tmp_path):
    sample = sample_copy(tmp_path)
    create_atelier(database, "CC Bassée-Montois")

    pushed = push(sample, database)
    pulled = pull(database, tmp_path / "retour.gpkg")

    assert pushed.total("added") > 100 and pulled.total("added") == pushed.total("added")
    assert shared_rows(database) == geopackage_rows(sample)
    assert geopackage_rows(tmp_path / "retour.gpkg") == geopackage_rows(sample)
    assert open_atelier(tmp_path / "retour.gpkg").metadata.territory == "CC Bassée-Montois"
    returned = gdal.OpenEx(str(tmp_path / "retour.gpkg"), gdal.OF_VECTOR)  # in its table, as in the shared atelier
    assert read_metadata_items(returned)["SCHEMA_VERSION"] == str(SCHEMA_VERSION) and returned.GetMetadata() == {}


def test_push_and_pull_again_change_nothing(database, tmp_path):
    sample = sample_copy(tmp_path)
    create_atelier(database, "CC Bassée-Montois")
    push(sample, database)
    pull(database, tmp_path / "retour.gpkg")
    before = shared_rows(database)

    again = push(sample, database)
    back = push(tmp_path / "retour.gpkg", database)
    pulled_again = pull(database, tmp_path / "retour.gpkg")

    assert again.lines() == back.lines() == pulled_again.lines() == []
    assert shared_rows(database) == before


def test_an_edit_made_on_both_sides_is_a_conflict_kept_in_the_shared_atelier(cluster, database, tmp_path):
    sample = sample_copy(tmp_path)
    create_atelier(database, "CC Bassée-Montois")
    push(sample, database)
    laptop = tmp_path / "portable.gpkg"
    pull(database, laptop)
    stake = next(iter(geopackage_rows(sample)["stakes_point"]))
    with writer(open_atelier(laptop), author="table 1") as edits:
        edits.update("stakes_point", stake, {"title": "Vu par la table 1"})
    cluster.sql(
        f"UPDATE atelier.stakes_point SET title = 'Vu par la table 2', updated_at = updated_at + interval '1 second' "
        f"WHERE uuid = '{stake}'; INSERT INTO atelier.journal (operation, table_name, feature_uuid) "
        f"VALUES ('update', 'stakes_point', '{stake}')",
        database.rsplit("/", 1)[1],
    )

    summary = push(laptop, database)

    assert summary.total("conflicts") == 1
    conflicts = cluster.sql("SELECT feature_uuid FROM atelier.merge_conflicts", database.rsplit("/", 1)[1])
    assert conflicts == stake


def test_a_push_that_fails_leaves_the_shared_atelier_as_it_was(cluster, database, tmp_path):
    sample = sample_copy(tmp_path)
    create_atelier(database, "CC Bassée-Montois")
    name = database.rsplit("/", 1)[1]
    cluster.sql("ALTER TABLE atelier.journal ADD CONSTRAINT short_details CHECK (length(details) < 10)", name)

    with pytest.raises(RuntimeError):
        push(sample, database)

    assert cluster.sql("SELECT count(*) FROM atelier.stakes_point", name) == "0"
    assert cluster.sql("SELECT count(*) FROM atelier.sessions", name) == "0"


def test_a_pull_that_fails_leaves_no_new_file(database, tmp_path):
    with pytest.raises(AtelierError, match="not an atelier"):
        pull(database + "?schema=absent", tmp_path / "nouveau.gpkg")
    assert not (tmp_path / "nouveau.gpkg").exists()


def test_push_and_pull_name_an_unreachable_server_and_wrong_credentials(cluster, database, tmp_path):
    sample = sample_copy(tmp_path)
    create_atelier(database, "CC Bassée-Montois")
    with pytest.raises(AtelierError, match="refused the user name or password"):
        push(sample, cluster.url(name_of(database), password="pas-le-bon"))
    with pytest.raises(AtelierError, match="No PostgreSQL server answers"):
        pull(database.replace(f":{cluster.port}/", ":1/"), tmp_path / "nouveau.gpkg")
    assert not (tmp_path / "nouveau.gpkg").exists()


def test_push_and_pull_from_the_command_line(database, tmp_path):
    sample = sample_copy(tmp_path)
    create_atelier(database, "CC Bassée-Montois")
    module = [sys.executable, "-m", "bassee_atelier_plugin"]
    pushed = subprocess.run(
        [*module, "push", str(sample), database], cwd=REPOSITORY, capture_output=True, text=True, timeout=300
    )
    pulled = subprocess.run(
        [*module, "pull", database, str(tmp_path / "retour.gpkg")],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pushed.returncode == pulled.returncode == 0, pushed.stderr + pulled.stderr
    assert "stakes_point: 6 added" in pushed.stdout and PASSWORD not in pushed.stdout
    assert "stakes_point: 6 added" in pulled.stdout
