"""The deliverables of an atelier, one call each: the synthesis, the roadmap, the action sheets.

The PDFs come from the layouts stored in the atelier's project (see :mod:`layouts`),
restyled or not; this module gathers what their tables show and runs QGIS's exporter.
The same call serves the plugin's menu, the Processing toolbox and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsLayoutExporter,
    QgsProject,
)
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QFont, QFontMetricsF

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.atelier.reads import read_layer, read_only
from bassee_atelier_plugin.core.deliverables.output import written_atomically
from bassee_atelier_plugin.core.deliverables.roadmap import COLUMNS, export_roadmap, roadmap_column_titles, roadmap_rows
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import COMMUNES_TABLE, SHOWN_STAKES, STAKE_TABLES, pick
from bassee_atelier_plugin.core.presentation import layouts
from bassee_atelier_plugin.core.presentation.layout_parts import TEXTS
from bassee_atelier_plugin.core.presentation.layout_tables import banded_cell, bold_cell, fill_table
from bassee_atelier_plugin.core.presentation.project import atelier_frame, project_uri, table_title
from bassee_atelier_plugin.toolbelt.compat import NO_GEOMETRY
from bassee_atelier_plugin.toolbelt.i18n import tr

KINDS = ("synthese", "feuille-de-route", "fiches")
SUFFIXES = {"synthese": (".pdf",), "feuille-de-route": (".pdf", ".csv", ".ods"), "fiches": (".pdf",)}
PDF_DPI = 200  # sharp maps on paper; the text stays text

WORDS = {
    "commune": ("Commune", "Commune"),
    "total": ("Total", "Total"),
    "whole_territory": ("Whole territory", "Tout le territoire"),
    "outside": ("(outside the communes)", "(hors des communes)"),
    "stake": ("Stake", "Enjeu"),
    "theme": ("Theme", "Thème"),
    "reading": ("Reading", "Lecture"),
    "communes": ("Communes", "Communes"),
    "votes": ("Votes for / against", "Votes pour / contre"),
    "comment": ("Comment", "Commentaire"),
    "date": ("Date", "Date"),
    "kind": ("Kind", "Type"),
    "session": ("Session", "Séance"),
    "place": ("Place", "Lieu"),
    "stakes_noted": ("Stakes noted", "Enjeux notés"),
    "no_stakes": ("No stake recorded yet.", "Aucun enjeu noté pour l'instant."),
    "no_retained": ("No stake retained yet.", "Aucun enjeu retenu pour l'instant."),
    "no_sessions": ("No session recorded yet.", "Aucune séance enregistrée pour l'instant."),
    "no_actions": ("No action in the roadmap yet.", "Aucune action dans la feuille de route pour l'instant."),
}


@dataclass
class Export:
    """A deliverable written: where, and what the planner should know about it."""

    path: Path
    warnings: list[str] = field(default_factory=list)


def export_deliverable(atelier: Atelier, kind: str, output: Path, project: QgsProject | None = None) -> Export:
    """Write the deliverable ``kind`` of ``atelier`` to ``output``.

    The layouts come from ``project`` when given (the one open in QGIS, restyled maybe
    but not saved yet), else from the project stored in the atelier.
    """
    output = Path(output)
    if kind not in KINDS:
        raise AtelierError(
            tr("Unknown deliverable {kind}: choose one of {kinds}.").format(kind=kind, kinds=", ".join(KINDS))
        )
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES[kind]:
        raise AtelierError(
            tr("{file}: this deliverable is written as {suffixes}, not {suffix}.").format(
                file=output.name, suffixes=" or ".join(SUFFIXES[kind]), suffix=suffix or tr("(no extension)")
            )
        )
    if suffix != ".pdf":
        return Export(export_roadmap(atelier, output))
    language = atelier.metadata.language
    project = project if _has_layout(project, kind, language) else _stored_project(atelier)
    layout = project.layoutManager().layoutByName(layouts.layout_name(kind, language))
    # the maps show all the atelier holds today, whatever it held when the layout was made
    layouts.frame_maps(layouts.report_bodies(layout) if kind == "synthese" else [layout], atelier_frame(atelier))
    warnings = {"synthese": _fill_synthesis, "feuille-de-route": _fill_roadmap, "fiches": _check_sheets}[kind](
        atelier, layout
    )
    with written_atomically(output) as partial:
        _export_pdf(layout, kind, partial)
    return Export(output, warnings)


def _has_layout(project: QgsProject | None, kind: str, language: str) -> bool:
    return project is not None and project.layoutManager().layoutByName(layouts.layout_name(kind, language)) is not None


def _stored_project(atelier: Atelier) -> QgsProject:
    """The atelier's stored project, given the default layouts it lacks (an atelier made before them)."""
    project = QgsProject()
    if not project.read(project_uri(atelier)):
        raise AtelierError(
            tr("Cannot read the QGIS project stored in {path}: {error}").format(
                path=atelier.name, error=project.error()
            )
        )
    language = atelier.metadata.language
    layer_names = {table: table_title(table, language) for table in atelier.table_names()}
    layouts.add_default_layouts(project, atelier.metadata.title, language, layer_names, atelier_frame(atelier))
    return project


def _export_pdf(layout, kind: str, path: Path) -> None:
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = PDF_DPI
    settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # searchable, and light
    settings.rasterizeWholeImage = False
    if kind == "synthese":
        result, error = QgsLayoutExporter.exportToPdf(layout, str(path), settings)
    elif kind == "fiches":
        result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(path), settings)
    else:
        result, error = QgsLayoutExporter(layout).exportToPdf(str(path), settings), ""
    if result != QgsLayoutExporter.ExportResult.Success:
        raise AtelierError(
            tr("QGIS could not export the layout {layout} to {path}. {error}").format(
                layout=layout.name(), path=path.name, error=error
            )
        )


# -- the synthesis ---------------------------------------------------------------------


def _fill_synthesis(atelier: Atelier, report) -> list[str]:
    language = atelier.metadata.language
    stakes = stakes_with_communes(atelier)
    words = {key: pick(pair, language) for key, pair in WORDS.items()}
    bodies = layouts.report_bodies(report)
    themes, rows = stakes_by_theme_and_commune(atelier, stakes)
    tables = {
        layouts.STAKES_BY_COMMUNE: (
            [(words["commune"], 0.22)]
            + [(theme, 0.68 / max(len(themes), 1)) for theme in themes]
            + [(words["total"], 0.1)],
            rows,
            words["no_stakes"],
        ),
        layouts.RETAINED_STAKES: (
            [
                (words["stake"], 0.26),
                (words["theme"], 0.14),
                (words["reading"], 0.1),
                (words["communes"], 0.18),
                (words["votes"], 0.1),
                (words["comment"], 0.22),
            ],
            retained_stakes(atelier, stakes),
            words["no_retained"],
        ),
        layouts.SESSIONS_HELD: (
            [
                (words["date"], 0.1),
                (words["kind"], 0.14),
                (words["session"], 0.38),
                (words["place"], 0.28),
                (words["stakes_noted"], 0.1),
            ],
            sessions_held(atelier),
            words["no_sessions"],
        ),
    }
    for frame_id, (headings, table_rows, empty) in tables.items():
        fill_table(report.name(), bodies, frame_id, headings, table_rows, empty)
    return [] if len(stakes) else [tr("The atelier has no stake yet: the synthesis shows the territory only.")]


def stakes_with_communes(atelier: Atelier):
    """Every stake, with its theme's and reading's labels and the communes it touches.

    A spatial join with the atelier's communes, done by geopandas; a stake over several
    communes lists them all, one outside every commune has none.
    """
    import geopandas
    import pandas

    columns = ["uuid", "title", "theme", "reading", "status", "votes_for", "votes_against", "comment", "session_uuid"]
    frames = [read_layer(atelier, table, columns, where=SHOWN_STAKES) for table in STAKE_TABLES]
    stakes = geopandas.GeoDataFrame(pandas.concat(frames, ignore_index=True), crs=frames[0].crs)
    label = _label_column(atelier)
    for name in ("themes", "readings"):
        labels = {term["code"]: term[label] for term in thesaurus_terms(atelier, name)}
        column = name[:-1]
        stakes[f"{column}_label"] = stakes[column].map(labels).fillna(stakes[column]).fillna("")
    stakes["communes"] = [[] for _ in range(len(stakes))]
    if COMMUNES_TABLE in atelier.table_names() and len(stakes):
        communes = read_layer(atelier, COMMUNES_TABLE, ["name"])
        joined = geopandas.sjoin(
            stakes[["uuid", "geometry"]], communes.to_crs(stakes.crs), how="inner", predicate="intersects"
        )
        names = joined.sort_values("name").groupby("uuid")["name"].agg(list)
        stakes["communes"] = stakes["uuid"].map(names).apply(lambda found: found if isinstance(found, list) else [])
    return stakes


def stakes_by_theme_and_commune(atelier: Atelier, stakes) -> tuple[list[str], list[list]]:
    """Theme headings and rows: per commune, its stakes by theme and in all; the territory's last."""
    language = atelier.metadata.language
    if not len(stakes):
        return [], []
    order = [term[_label_column(atelier)] for term in thesaurus_terms(atelier, "themes")]
    themes = [theme for theme in order if theme in set(stakes["theme_label"])]
    themes += sorted(set(stakes["theme_label"]) - set(themes))  # codes no longer in the list
    exploded = stakes.assign(
        commune=stakes["communes"].apply(lambda names: names or [pick(WORDS["outside"], language)])
    )
    exploded = exploded.explode("commune")
    rows = []
    for commune, in_commune in sorted(exploded.groupby("commune"), key=lambda pair: _collation_key(pair[0])):
        counts = in_commune.groupby("theme_label")["uuid"].nunique()
        rows.append([commune] + [int(counts.get(theme, 0)) or "" for theme in themes] + [in_commune["uuid"].nunique()])
    territory = stakes.groupby("theme_label")["uuid"].nunique()
    rows.append(
        [bold_cell(pick(WORDS["whole_territory"], language))]
        + [bold_cell(int(territory.get(theme, 0))) for theme in themes]
        + [bold_cell(stakes["uuid"].nunique())]
    )
    return themes, rows


def retained_stakes(atelier: Atelier, stakes) -> list[list]:
    retained = stakes[stakes["status"] == "retenu"].sort_values(["theme_label", "title"])
    return [
        [
            row.title or "",
            row.theme_label,
            row.reading_label,
            ", ".join(row.communes),
            f"{int(row.votes_for or 0)} / {int(row.votes_against or 0)}",
            row.comment if isinstance(row.comment, str) else "",
        ]
        for row in retained.itertuples()
    ]


def sessions_held(atelier: Atelier) -> list[list]:
    """The sessions by date, each with the number of stakes noted during it."""
    kinds = {term["code"]: term[_label_column(atelier)] for term in thesaurus_terms(atelier, "session_kinds")}
    noted = " UNION ALL ".join(f'SELECT session_uuid FROM "{table}" WHERE {SHOWN_STAKES}' for table in STAKE_TABLES)
    with read_only(atelier) as connection:
        sessions = connection.execute(
            "SELECT s.held_on, s.kind, s.title, s.place, "
            f"(SELECT count(*) FROM ({noted}) n WHERE n.session_uuid = s.uuid) "
            "FROM sessions s ORDER BY s.held_on IS NULL, s.held_on, s.title"
        )
    return [
        [_french_date(held_on, atelier.metadata.language), kinds.get(kind, kind or ""), title, place or "", count]
        for held_on, kind, title, place, count in sessions
    ]


# -- the roadmap -----------------------------------------------------------------------


def _fill_roadmap(atelier: Atelier, layout) -> list[str]:
    """The roadmap's table: a banded row per orientation, then its actions."""
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
    headings = [(titles[column], share) for column, share in shares.items()]
    fill_table(layout.name(), [layout], layouts.ROADMAP_TABLE, headings, rows, pick(WORDS["no_actions"], language))
    return []


# -- the action sheets -----------------------------------------------------------------


def _check_sheets(atelier: Atelier, layout) -> list[str]:
    """Refuse an atelier without actions; name each sheet whose text does not fit its box.

    QGIS cuts a text at the bottom of its box: the planner is told which sheet, so that
    nothing is cut without a word.
    """
    atlas = layout.atlas()
    if atlas.coverageLayer() is None or atlas.updateFeatures() == 0:
        raise AtelierError(
            tr("The atelier has no action yet: add actions to the roadmap before exporting the action sheets.")
        )
    boxes = [layout.itemById(item_id) for item_id in _sheet_text_names()]
    boxes = [box for box in boxes if box is not None]
    # the texts as the atlas will write them, from the features alone: no page is laid out twice
    context = layout.createExpressionContext()
    context.appendScope(QgsExpressionContextUtils.layerScope(atlas.coverageLayer()))
    warnings = []
    request = QgsFeatureRequest().setFlags(NO_GEOMETRY)
    for feature in atlas.coverageLayer().getFeatures(request):
        context.setFeature(feature)
        cut = [box for box in boxes if not _fits(box, QgsExpression.replaceExpressionText(box.text(), context))]
        if cut:
            warnings.append(
                tr(
                    "The sheet of the action “{action}” cannot show all of its text ({items}): shorten it, "
                    "or enlarge the boxes in the layout {layout}."
                ).format(
                    action=feature["title"],
                    items=", ".join(_sheet_text_names()[box.id()] for box in cut),
                    layout=layout.name(),
                )
            )
    return warnings


def _sheet_text_names() -> dict[str, str]:
    return {
        "sheet_title": tr("title"),
        "sheet_fields": tr("fields"),
        "sheet_stakes": tr("stakes answered"),
        "sheet_description": tr("description"),
    }


def _fits(label, text: str) -> bool:
    """Whether ``text``, wrapped as the layout label ``label`` wraps it, fits the label's height."""
    pixels_per_mm = 10.0
    font = QFont(label.font())
    font.setPixelSize(max(1, round(font.pointSizeF() * 25.4 / 72 * pixels_per_mm)))
    width = (label.rect().width() - 2 * label.marginX()) * pixels_per_mm
    needed = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e7), Qt.TextFlag.TextWordWrap, text)
    return needed.height() <= (label.rect().height() - 2 * label.marginY()) * pixels_per_mm + 1


# -- helpers ---------------------------------------------------------------------------


def _label_column(atelier: Atelier) -> str:
    return "label_fr" if atelier.metadata.language == "fr" else "label_en"


def _collation_key(text: str) -> str:
    """French names sort without regard to accents or case: Égligny between Donnemarie and Gouaix."""
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _french_date(iso_date: str | None, language: str) -> str:
    if not iso_date:
        return ""
    year, month, day = iso_date[:10].split("-")
    return f"{day}/{month}/{year}" if language == "fr" else f"{year}-{month}-{day}"
