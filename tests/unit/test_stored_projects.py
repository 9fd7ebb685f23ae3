"""A GeoPackage's stored project made to name the file again: what is rewritten, and what is left alone."""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from bassee_atelier_plugin.core.stores.geopackage.stored_projects import former_path, point_projects_at

FORMER = "./Atelier & co.gpkg"  # as QGIS wrote it, escaped below
PROJECT = """<qgis>
{padding}
<layer-tree-group>
 <layer-tree-layer providerKey="ogr" source="./territoire.gpkg|layername=communes" name="Communes"/>
 <layer-tree-group><customproperties><Option value="{location}" name="bassee_atelier/path"/></customproperties>
  <layer-tree-layer source="./Atelier &amp; co.gpkg|layername=stakes_point" name="Enjeux" providerKey="ogr"/>
 </layer-tree-group>
</layer-tree-group>
<datasource>./Atelier &amp; co.gpkg|layername=stakes_point</datasource>
<datasource>../autre/Atelier &amp; co.gpkg|layername=stakes_point</datasource>
<datasource>./Atelier &amp; co.gpkg.bak|layername=stakes_point</datasource>
<datasource>./territoire.gpkg|layername=communes</datasource>
<Atlas coverageLayerSource="{location}|layername=communes"/>
</qgis>
"""


def stored(path: Path, xml: str, upper: bool = True) -> None:
    """A GeoPackage-like file keeping ``xml`` as QGIS keeps a project: a .qgz archive in hexadecimal text."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("{1234}.qgs", xml)
        target.writestr("{1234}_styles.db", b"\x00styles")
    content = archive.getvalue().hex()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE qgis_projects (name TEXT PRIMARY KEY, metadata BLOB, content BLOB)")
        connection.execute(
            "INSERT INTO qgis_projects VALUES ('atelier', '{}', ?)", (content.upper() if upper else content,)
        )


def read_back(path: Path) -> tuple[str, bytes, bool]:
    with sqlite3.connect(path) as connection:
        [(content,)] = connection.execute("SELECT content FROM qgis_projects")
    with zipfile.ZipFile(io.BytesIO(bytes.fromhex(content))) as archive:
        return archive.read("{1234}.qgs").decode(), archive.read("{1234}_styles.db"), content.isupper()


# a layer tree far into the project: past the start of the archive that is read first
FAR = f"<title>{os.urandom(100_000).hex()}</title>"


@pytest.mark.parametrize("padding", ["", FAR], ids=["layer tree at the start", "layer tree further on"])
def test_the_renamed_files_references_and_only_they_name_it_again(tmp_path, padding):
    file = tmp_path / "Atelier Bassée v2 - relu l'été.gpkg"
    location = "C:/Users/planner/Atelier &amp; co.gpkg"  # written on Windows: an absolute path still
    stored(file, PROJECT.format(location=location, padding=padding))

    with sqlite3.connect(file) as connection:
        assert former_path(connection, file, "atelier") == FORMER
        point_projects_at(connection, file)
    xml, styles, upper = read_back(file)

    now = str(file).replace("&", "&amp;")
    assert xml == PROJECT.format(location=now, padding=padding).replace("./Atelier &amp; co.gpkg|", f"./{file.name}|")
    assert styles == b"\x00styles" and upper  # the rest of the archive, and QGIS's hexadecimal, as they were
    with sqlite3.connect(file) as connection:
        assert former_path(connection, file, "atelier") is None


def test_a_copy_written_elsewhere_keeps_its_absolute_references(tmp_path):
    file = tmp_path / "copie.gpkg"
    stored(file, PROJECT.format(location="/home/planner/Atelier &amp; co.gpkg", padding=""), upper=False)

    with sqlite3.connect(file) as connection:
        point_projects_at(connection, file, absolute_references=False)
    xml, _styles, upper = read_back(file)

    assert 'source="./copie.gpkg|layername=stakes_point"' in xml and not upper
    assert 'coverageLayerSource="/home/planner/Atelier &amp; co.gpkg|layername=communes"' in xml


def test_a_project_naming_the_file_by_its_own_name_is_left_as_it_is(tmp_path):
    file = tmp_path / "Atelier & co.gpkg"
    stored(file, PROJECT.format(location=str(tmp_path / "ailleurs.gpkg"), padding=""))
    before = file.read_bytes()

    with sqlite3.connect(file) as connection:
        assert former_path(connection, file, "atelier") is None
        point_projects_at(connection, file)

    assert file.read_bytes() == before


def test_a_file_without_a_stored_project_has_nothing_to_repair(tmp_path):
    file = tmp_path / "vide.gpkg"
    sqlite3.connect(file).close()

    with sqlite3.connect(file) as connection:
        assert former_path(connection, file, "atelier") is None
        point_projects_at(connection, file)


@pytest.mark.parametrize("content", ["not hexadecimal", "504b0304" + "00" * 40, bytes(20).hex()])
def test_a_damaged_stored_project_is_left_as_it_is_and_names_nothing(tmp_path, content):
    file = tmp_path / "abime.gpkg"
    with sqlite3.connect(file) as connection:
        connection.execute("CREATE TABLE qgis_projects (name TEXT PRIMARY KEY, metadata BLOB, content BLOB)")
        connection.execute("INSERT INTO qgis_projects VALUES ('atelier', '{}', ?)", (content,))
    before = file.read_bytes()

    with sqlite3.connect(file) as connection:
        assert former_path(connection, file, "atelier") is None
        point_projects_at(connection, file)

    assert file.read_bytes() == before
