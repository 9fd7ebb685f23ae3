"""The handoff package: one self-contained GeoPackage for the multidisciplinary team.

A consistent copy of the atelier (data, styles, the stored QGIS project and its layouts,
attachments, journal), its project pointed at the package's own file name, optionally
anonymised, stamped with who packaged it and a short summary, compacted, and validated
before it takes its name: a package that is there is a whole one.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from osgeo import gdal

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.sync import geopackage_copy
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.lifecycle.validation import validate
from bassee_atelier_plugin.core.model.metadata import utc_now
from bassee_atelier_plugin.core.model.schema import DELETED_TABLES, TABLES
from bassee_atelier_plugin.core.presentation.project import PROJECT_NAME
from bassee_atelier_plugin.core.replacing import put_in_place
from bassee_atelier_plugin.core.stores.ogr_tables import quoted_identifier, sql_text, write_metadata
from bassee_atelier_plugin.core.stores.registry import same_atelier
from bassee_atelier_plugin.toolbelt.i18n import tr

ANONYMOUS_AUTHOR = "anonyme"
MIN_REPLACED_INSIDE = 5  # characters of a name replaced inside longer texts; shorter ones only as a whole


@dataclass
class Package:
    path: Path
    counts: dict[str, int]
    anonymised: bool


def package_atelier(atelier: Atelier, output: Path, packager: str = "", anonymise: bool = False) -> Package:
    """Write the handoff package of ``atelier`` to ``output`` (a .gpkg); return what it holds."""
    output = Path(output).absolute()
    if output.suffix.lower() != ".gpkg":
        raise AtelierError(tr("{path}: a package is a GeoPackage, its name ends in .gpkg.").format(path=output))
    if same_atelier(output, atelier.location):
        raise AtelierError(tr("{path} is the atelier itself: give the package another name.").format(path=output))
    if not output.parent.is_dir():
        raise AtelierError(
            tr("The folder {folder} does not exist: choose an existing folder for {file}.").format(
                folder=output.parent, file=output.name
            )
        )
    try:
        staging = Path(tempfile.mkdtemp(prefix=".package-", dir=output.parent))
    except OSError as error:
        raise AtelierError(tr("Cannot write in {folder}: {error}").format(folder=output.parent, error=error)) from error
    try:
        staged = staging / output.name  # the project finds its layers in a file of this very name
        geopackage_copy(atelier, staged)  # the handoff format stays one file, whatever the atelier's store
        if anonymise:
            _anonymise(open_atelier(staged))
        with closing(sqlite3.connect(staged)) as connection:
            counts = _counts(connection)
            connection.execute("VACUUM")  # compacted: deleted rows and the journal's slack go
        _stamp(staged, atelier, packager, anonymise, counts)
        problems = validate(staged)
        if problems:
            raise AtelierError(
                tr("The package failed its own check, so it was not written: {problems}").format(
                    problems="; ".join(problems)
                )
            )
        put_in_place(staged, output)
    except OSError as error:
        raise AtelierError(tr("Cannot write {path}: {error}").format(path=output, error=error.strerror)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Package(output, counts, anonymise)


def _anonymise(atelier: Atelier) -> None:
    """Actors are named by their type, those without consent lose their organisation, authors go.

    What named them is taken out wherever it was written: the actors' table, every text of
    the tables that keep edits (a comment quoting someone) or deleted features, and the journal's details.
    Written through OGR, whose SQLite knows the GeoPackage functions the triggers call.
    """
    label = "label_fr" if atelier.metadata.language == "fr" else "label_en"
    types = {term["code"]: term[label] for term in thesaurus_terms(atelier, "actor_types")}
    with closing(sqlite3.connect(atelier.path)) as reader:
        actors = reader.execute("SELECT uuid, name, organisation, actor_type, consent FROM actors").fetchall()
        journal = reader.execute("SELECT fid, details FROM journal WHERE details IS NOT NULL").fetchall()
        columns = {
            table.name: [name for name, kind in _columns(reader, table.name) if kind == "TEXT" and name != "uuid"]
            for table in TABLES
            if (table.tracked or table.name in DELETED_TABLES) and table.name != "journal"
        }
    replacements = {}
    with atelier.dataset(update=True) as dataset:
        dataset.StartTransaction()
        for uuid, name, organisation, actor_type, consent in actors:
            anonymous = types.get(actor_type, tr("Actor"))
            replacements[name] = anonymous
            if not consent:
                replacements[organisation] = anonymous
            _execute(
                dataset,
                "UPDATE actors SET name = ?, organisation = CASE WHEN consent THEN organisation END WHERE uuid = ?",
                anonymous,
                uuid,
            )
        # longest first, so that a name is not half replaced through a shorter one it contains
        replacements = dict(
            sorted(((text, new) for text, new in replacements.items() if text), key=lambda pair: -len(pair[0]))
        )
        for table in (table for table in TABLES if table.tracked):
            sql = f"UPDATE {quoted_identifier(table.name)} SET author = ? WHERE author IS NOT NULL"  # nosec B608 # quoted
            _execute(dataset, sql, ANONYMOUS_AUTHOR)
        for table, table_columns in columns.items():
            for column in table_columns:
                _replace_in_column(dataset, table, column, replacements)
        for row_id, details in journal:
            try:
                values = json.loads(details)
            except ValueError:
                continue
            if isinstance(values, dict):
                values = {key: _anonymous_value(key, value, replacements) for key, value in values.items()}
                _execute(
                    dataset,
                    "UPDATE journal SET details = ? WHERE fid = ?",
                    json.dumps(values, ensure_ascii=False),
                    row_id,
                )
        dataset.CommitTransaction()


def _execute(dataset, sql: str, *values) -> None:
    """OGR's SQL takes no bound parameters: each ``?`` becomes its value as an SQL literal."""
    dataset.ExecuteSQL(sql.replace("?", "{}").format(*(sql_text(value) for value in values)))


def _replace_in_column(dataset, table: str, column: str, replacements: dict[str, str]) -> None:
    """Names replaced in a text column: inside longer texts when long enough, else only as the whole text.

    The column may be one a planner added in QGIS, named anyhow: it is quoted as an identifier.
    """
    name = quoted_identifier(column)
    for text, anonymous in replacements.items():
        old, new = sql_text(text), sql_text(anonymous)
        if len(text) >= MIN_REPLACED_INSIDE:
            change = f"{name} = replace({name}, {old}, {new}) WHERE instr({name}, {old})"
        else:
            change = f"{name} = {new} WHERE {name} = {old}"
        dataset.ExecuteSQL(f"UPDATE {quoted_identifier(table)} SET {change}")  # nosec B608 # identifiers and values quoted


def _anonymous_value(key: str, value, replacements: dict[str, str]):
    if key == "author" and value:
        return ANONYMOUS_AUTHOR
    if not isinstance(value, str):
        return value
    for text, anonymous in replacements.items():
        if value == text or (len(text) >= MIN_REPLACED_INSIDE and text in value):
            value = value.replace(text, anonymous)
    return value


def _columns(connection: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(row[1], row[2].upper()) for row in connection.execute(f"PRAGMA table_info({quoted_identifier(table)})")]


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        table.name: connection.execute(
            f"SELECT count(*) FROM {quoted_identifier(table.name)}"  # nosec B608 # schema identifier, quoted
        ).fetchone()[0]
        for table in TABLES
        if table.tracked
    }


def _stamp(path: Path, atelier: Atelier, packager: str, anonymised: bool, counts: dict[str, int]) -> None:
    """Who packaged it and when, and a short summary of what it holds, in the atelier's metadata table."""
    metadata = atelier.metadata
    summary = tr(
        "{title}. Atelier des Territoires handoff package of {territory}, licence {licence}. "
        "Open it in QGIS with Project › Open From › GeoPackage: the project “{project}” shows it styled, "
        "with its print layouts. It holds {stakes} stakes, {actions} actions, {sessions} sessions and "
        "{attachments} attachments.{anonymised}"
    ).format(
        title=metadata.title,
        territory=metadata.territory,
        licence=metadata.licence,
        project=PROJECT_NAME,
        stakes=sum(count for table, count in counts.items() if table.startswith("stakes_")),
        actions=counts.get("actions", 0),
        sessions=counts.get("sessions", 0),
        attachments=counts.get("attachments", 0),
        anonymised=tr(" Actors are anonymised.") if anonymised else "",
    )
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_UPDATE, allowed_drivers=["GPKG"])
    stamp = {"PACKAGED_BY": packager, "PACKAGED_AT": utc_now(), "ANONYMISED": "yes" if anonymised else "no"}
    write_metadata(dataset, {**stamp, "SUMMARY": summary})
    dataset = None
