"""The feuille de route as a table: orientations in their order, then each one's actions in theirs.

One row per action, with its orientation, kind, horizon, lead, partners, status and the
stakes it answers; the thesaurus codes are written as the atelier's labels, in its language.
Written as CSV (UTF-8, semicolons, as French spreadsheets open it) or as ODS with OGR's
ODS driver (every cell text, as in the atelier), or put in the table of the roadmap's PDF
layout, a banded row heading each orientation.
"""

from __future__ import annotations

import csv
from pathlib import Path

from osgeo import gdal, ogr

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.atelier.reads import read_only
from bassee_atelier_plugin.core.deliverables.output import written_atomically
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES, pick
from bassee_atelier_plugin.core.presentation.layout_parts import TEXTS
from bassee_atelier_plugin.core.presentation.layout_tables import banded_cell, bold_cell, fill_table
from bassee_atelier_plugin.core.presentation.layouts import ROADMAP_TABLE
from bassee_atelier_plugin.core.stores.ogr_tables import quoted_identifier
from bassee_atelier_plugin.toolbelt.i18n import tr

COLUMNS = ("orientation", "action", "kind", "horizon", "lead", "partners", "status", "stakes", "description")
COLUMN_TITLES = {
    "en": ("Orientation", "Action", "Kind", "Horizon", "Lead", "Partners", "Status", "Stakes answered", "Description"),
    "fr": (
        "Orientation",
        "Action",
        "Type",
        "Horizon",
        "Porteur",
        "Partenaires",
        "Statut",
        "Enjeux traités",
        "Description",
    ),
}
STAKES_SEPARATOR = " ; "
NO_ACTIONS = ("No action in the roadmap yet.", "Aucune action dans la feuille de route pour l'instant.")
SHEET_NAME = ("Roadmap", "Feuille de route")  # in the atelier's language, as its column titles


def roadmap_rows(atelier: Atelier) -> list[dict[str, str]]:
    """The actions of the roadmap, orientation by orientation; actions without one come last."""
    language = atelier.metadata.language
    label = f"label_{'fr' if language == 'fr' else 'en'}"
    labels = {
        name: {term["code"]: term[label] for term in thesaurus_terms(atelier, name)}
        for name in ("action_kinds", "horizons", "statuses")
    }
    stake_titles = " UNION ALL ".join(
        f"SELECT uuid, title FROM {quoted_identifier(table)}"  # nosec B608 # schema identifiers, quoted
        for table in STAKE_TABLES
    )
    with read_only(atelier) as connection:
        actions = connection.execute(
            "SELECT a.uuid, o.title, a.title, a.kind, a.horizon, a.lead, a.partners, a.status, a.description "
            "FROM actions a LEFT JOIN orientations o ON o.uuid = a.orientation_uuid "
            "ORDER BY o.uuid IS NULL, o.position, o.title, a.position, a.title"
        )
        answered: dict[str, list[str]] = {}
        for action_uuid, title in connection.execute(
            f"SELECT l.action_uuid, s.title FROM action_stakes l JOIN ({stake_titles}) s ON s.uuid = l.stake_uuid "
            "ORDER BY s.title"  # nosec B608 # subquery of schema tables
        ):
            answered.setdefault(action_uuid, []).append(title or "")
    return [
        {
            "orientation": orientation or "",
            "action": title,
            "kind": labels["action_kinds"].get(kind, kind or ""),
            "horizon": labels["horizons"].get(horizon, horizon or ""),
            "lead": lead or "",
            "partners": partners or "",
            "status": labels["statuses"].get(status, status or ""),
            "stakes": STAKES_SEPARATOR.join(answered.get(uuid, [])),
            "description": description or "",
        }
        for uuid, orientation, title, kind, horizon, lead, partners, status, description in actions
    ]


def export_roadmap(atelier: Atelier, output: Path) -> Path:
    """Write the roadmap table to ``output``: CSV if it ends in .csv, else ODS; return the file written."""
    output = Path(output)
    suffix = output.suffix.lower()
    rows = roadmap_rows(atelier)
    titles = roadmap_column_titles(atelier.metadata.language)
    with written_atomically(output) as partial:
        if suffix == ".csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as file:  # the BOM: spreadsheets then read UTF-8
                table = csv.writer(file, delimiter=";")
                table.writerow(titles)
                table.writerows([row[column] for column in COLUMNS] for row in rows)
        else:
            # OGR writes the titles only above a line: an empty roadmap says so in its Action column.
            empty = {column: "" for column in COLUMNS} | {"action": pick(NO_ACTIONS, atelier.metadata.language)}
            lines = [[row[column] for column in COLUMNS] for row in rows or [empty]]
            _write_ods(partial, pick(SHEET_NAME, atelier.metadata.language), titles, lines, output)
    return output


def _write_ods(path: Path, sheet_name: str, titles: tuple[str, ...], rows: list[list[str]], output: Path) -> None:
    """One sheet: the titles on the first line, then a line per action, every cell text.

    The file is complete once GDAL closes it, when this function returns and drops the dataset.
    """
    try:
        dataset = gdal.GetDriverByName("ODS").Create(str(path), 0, 0, 0, gdal.GDT_Unknown)
        sheet = dataset.CreateLayer(sheet_name, geom_type=ogr.wkbNone)
        for title in titles:
            sheet.CreateField(ogr.FieldDefn(title, ogr.OFTString))
        for row in rows:
            feature = ogr.Feature(sheet.GetLayerDefn())
            for index, value in enumerate(row):
                feature.SetField(index, value)
            sheet.CreateFeature(feature)
    except RuntimeError as error:  # what GDAL raises, its exceptions on (stores/ogr_tables.py)
        raise AtelierError(tr("Cannot write {path}: {error}").format(path=output, error=error)) from error


def roadmap_column_titles(language: str) -> tuple[str, ...]:
    return COLUMN_TITLES.get(language, COLUMN_TITLES["en"])


def fill_roadmap(atelier: Atelier, layout) -> list[str]:
    """The roadmap's table, a table per page (see :mod:`table_pages`).

    ``layout`` gets the pages and tables of this export: give a copy of the project's.
    """
    headings, rows = roadmap_table(atelier)
    language = atelier.metadata.language
    fill_table(layout.name(), [layout], ROADMAP_TABLE, headings, rows, pick(NO_ACTIONS, language), page_by_page=True)
    return []


def roadmap_table(atelier: Atelier) -> tuple[list[tuple[str, float]], list[list]]:
    """The headings (title, share of the width) and rows of the PDF: a banded row per orientation, then its actions."""
    language = atelier.metadata.language
    titles = dict(zip(COLUMNS, roadmap_column_titles(language)))
    shares = {
        "action": 0.19,
        "kind": 0.08,
        "horizon": 0.08,
        "lead": 0.11,
        "partners": 0.13,
        "status": 0.07,
        "stakes": 0.16,
        "description": 0.18,
    }
    rows, orientation = [], None
    for action in roadmap_rows(atelier):
        if action["orientation"] != orientation or not rows:
            orientation = action["orientation"]
            band = orientation or pick(TEXTS["no_orientation"], language)
            rows.append([bold_cell(band, background=True)] + [banded_cell("") for _ in range(len(shares) - 1)])
        rows.append([action[column] for column in shares])
    return [(titles[column], share) for column, share in shares.items()], rows
