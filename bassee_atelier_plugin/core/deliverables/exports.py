"""The deliverables of an atelier, one call each: synthesis, roadmap, action and commune sheets, what changed.

The PDFs come from the layouts stored in the atelier's project (see :mod:`layouts`),
restyled or not; this module has their tables filled (:mod:`synthesis`, :mod:`roadmap`),
the action sheets checked (:mod:`action_sheets`), and runs QGIS's exporter. The same
call serves the plugin's menu, the Processing toolbox and the command line.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import Qgis, QgsLayoutExporter, QgsProject

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.action_sheets import check_sheets
from bassee_atelier_plugin.core.deliverables.commune_sheets import choose_communes, require_communes
from bassee_atelier_plugin.core.deliverables.evolution_exports import export_evolution, fill_synthesis_evolution
from bassee_atelier_plugin.core.deliverables.output import written_atomically
from bassee_atelier_plugin.core.deliverables.roadmap import export_roadmap, fill_roadmap
from bassee_atelier_plugin.core.deliverables.synthesis import fill_synthesis
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.presentation import layouts
from bassee_atelier_plugin.core.presentation.names import table_title
from bassee_atelier_plugin.core.presentation.project import atelier_frame, read_stored_project
from bassee_atelier_plugin.core.presentation.stored_layout import project_with_layout
from bassee_atelier_plugin.toolbelt.compat import expressions_reading
from bassee_atelier_plugin.toolbelt.i18n import tr

KINDS = ("synthese", "feuille-de-route", "fiches", "fiches-communes", "evolution")
SUFFIXES = {
    "synthese": (".pdf",),
    "feuille-de-route": (".pdf", ".csv", ".ods"),
    "fiches": (".pdf",),
    "fiches-communes": (".pdf",),
    "evolution": (".pdf", ".csv"),
}
ATLASES = ("fiches", "fiches-communes")
PDF_DPI = 200  # sharp maps on paper; the text stays text


@dataclass
class Export:
    """A deliverable written: where, and what the planner should know about it."""

    path: Path
    warnings: list[str] = field(default_factory=list)


def export_deliverable(
    atelier: Atelier,
    kind: str,
    output: Path,
    project: QgsProject | None = None,
    between: tuple[str | None, str | None] = (None, None),
    communes: Sequence[str] = (),
    concerned_only: bool = False,
) -> Export:
    """Write the deliverable ``kind`` of ``atelier`` to ``output``.

    The layouts come from ``project`` when given (the one open in QGIS, restyled maybe
    but not saved yet), else from the project stored in the atelier. ``between`` names the
    two sessions (UUIDs or titles) of ``evolution``; by default the last two. ``communes`` (INSEE
    codes) and ``concerned_only`` choose the commune sheets made; all by default.
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
    if kind == "evolution":
        return Export(*export_evolution(atelier, output, *between))
    if suffix != ".pdf":
        return Export(export_roadmap(atelier, output))
    if kind == "fiches-communes":
        require_communes(atelier)
    language = atelier.metadata.language
    opened = _has_layout(project, kind, language)
    project = project if opened else _stored_project(atelier, kind)
    layout = project.layoutManager().layoutByName(layouts.layout_name(kind, language))
    if kind in ("feuille-de-route", "fiches-communes") and opened:
        layout = layout.clone()  # the pages and communes chosen are this export's, not the open project's
    # the maps show all the atelier holds today, whatever it held when the layout was made
    layouts.frame_maps(layouts.layout_bodies(layout), atelier_frame(atelier))
    # the commune sheets' expressions read the layers of this project, whichever project QGIS has open
    with expressions_reading(project) if kind == "fiches-communes" else contextlib.nullcontext():
        if kind == "fiches-communes":
            warnings = choose_communes(layout, communes, concerned_only)
        else:
            warnings = {"synthese": fill_synthesis, "feuille-de-route": fill_roadmap, "fiches": check_sheets}[kind](
                atelier, layout
            )
        if kind == "synthese":
            warnings += fill_synthesis_evolution(atelier, layout)
        with written_atomically(output) as partial:
            _export_pdf(layout, kind, partial)
    return Export(output, warnings)


def _has_layout(project: QgsProject | None, kind: str, language: str) -> bool:
    return project is not None and project.layoutManager().layoutByName(layouts.layout_name(kind, language)) is not None


def _stored_project(atelier: Atelier, kind: str) -> QgsProject:
    """The atelier's stored project, given the default layouts it lacks (an atelier made before them).

    The roadmap draws no map: its layout alone is read, when the atelier has it.
    """
    if kind == "feuille-de-route":
        project = project_with_layout(atelier, layouts.layout_name(kind, atelier.metadata.language))
        if project is not None:
            return project
    project = QgsProject()
    if not read_stored_project(atelier, project):
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
    elif kind in ATLASES:
        result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(path), settings)
    else:
        result, error = QgsLayoutExporter(layout).exportToPdf(str(path), settings), ""
    if result != QgsLayoutExporter.ExportResult.Success:
        raise AtelierError(
            tr("QGIS could not export the layout {layout} to {path}. {error}").format(
                layout=layout.name(), path=path.name, error=error
            )
        )
