"""What changed between two sessions, written out: a page of the synthesis, a PDF of its own, a CSV.

The words are the atelier's language (French first), as in the other deliverables; the
rows are those of :func:`~bassee_atelier_plugin.core.deliverables.evolution.compare`.
"""

from __future__ import annotations

import csv
from pathlib import Path

from qgis.core import Qgis, QgsLayoutExporter, QgsPrintLayout, QgsProject

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.deliverables.evolution import Evolution, compare, find_session, sessions
from bassee_atelier_plugin.core.deliverables.output import written_atomically
from bassee_atelier_plugin.core.deliverables.synthesis import local_date
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import pick
from bassee_atelier_plugin.core.presentation import layouts
from bassee_atelier_plugin.core.presentation.layout_parts import TEXTS
from bassee_atelier_plugin.core.presentation.layout_tables import fill_table
from bassee_atelier_plugin.core.presentation.names import FIELD_LABELS, table_title
from bassee_atelier_plugin.toolbelt.i18n import tr

KIND_WORDS = {
    "added": ("Added", "Ajouté"),
    "changed": ("Changed", "Modifié"),
    "retained": ("Retained", "Retenu"),
    "dropped": ("Dropped", "Écarté"),
    "deleted": ("Deleted", "Supprimé"),
}
HEADINGS = (  # (English, French), share of the table's width
    (("Change", "Changement"), 0.1),
    (("Layer", "Couche"), 0.14),
    (("Title", "Titre"), 0.38),
    (("Fields changed", "Champs modifiés"), 0.26),
    (("When (UTC)", "Quand (UTC)"), 0.12),
)
CSV_EXTRA = (("From session", "Depuis la séance"), ("To session", "Jusqu'à la séance"), ("Identifier", "Identifiant"))
FEWER_THAN_TWO = (
    "Fewer than two sessions: nothing to compare yet.",
    "Moins de deux séances : rien à comparer pour l'instant.",
)
BETWEEN = (
    "From “{first}” ({first_on}) to “{second}” ({second_on})",
    "De « {first} » ({first_on}) à « {second} » ({second_on})",
)
NOTHING = ("Nothing changed between the two sessions.", "Rien n'a changé entre les deux séances.")
UNJOURNALLED = (
    "The later session has no journal entries: nothing changed since the earlier one.",
    "La seconde séance n'a aucune entrée au journal : rien n'a changé depuis la première.",
)
GEOMETRY = ("Place or shape", "Emplacement ou forme")


def change_rows(evolution: Evolution, language: str) -> list[list[str]]:
    """A row per change: its kind, its layer, its title, the fields it changed, when."""
    return [
        [
            pick(KIND_WORDS[change.kind], language),
            table_title(change.table, language),
            change.title,
            ", ".join(_field_label(name, language) for name in change.fields),
            change.when[:16].replace("T", " "),
        ]
        for change in evolution.changes
    ]


def fill_evolution_page(atelier: Atelier, name: str, bodies: list, evolution: Evolution | None) -> None:
    """The "what changed" page among ``bodies`` of the layout ``name``; ``evolution`` None: fewer than two sessions."""
    language = atelier.metadata.language
    headings = [(pick(words, language), share) for words, share in HEADINGS]
    rows = change_rows(evolution, language) if evolution else []
    between = _between(evolution, language) if evolution else pick(FEWER_THAN_TWO, language)
    for body in bodies:
        label = body.itemById(layouts.EVOLUTION_BETWEEN)
        if label is not None:
            label.setText(between)
    if evolution is None:
        empty = pick(FEWER_THAN_TWO, language)
    else:
        empty = pick(UNJOURNALLED if evolution.second_unjournalled else NOTHING, language)
    fill_table(name, bodies, layouts.EVOLUTION, headings, rows, empty, page_by_page=True)


def fill_synthesis_evolution(atelier: Atelier, report) -> list[str]:
    """The synthesis's page of what changed between the last two sessions; a synthesis made before it gets it."""
    if not any(body.itemById(layouts.EVOLUTION) for body in layouts.report_bodies(report)):
        layouts.add_evolution_section(report, report.layoutProject(), atelier.metadata.language)
    evolution = compare(atelier) if len(sessions(atelier)) >= 2 else None
    fill_evolution_page(atelier, report.name(), layouts.report_bodies(report), evolution)
    return skipped_warnings(evolution)


def skipped_warnings(evolution: Evolution | None) -> list[str]:
    """A warning when journal lines could not be read: what changed may then lack something."""
    if evolution is None or not evolution.skipped:
        return []
    return [
        tr("{count} unreadable journal lines were skipped: what changed may lack what they said.").format(
            count=evolution.skipped
        )
    ]


def export_evolution(
    atelier: Atelier, output: Path, first: str | None = None, second: str | None = None
) -> tuple[Path, list[str]]:
    """Write what changed from session ``first`` to ``second`` (UUIDs or titles; default the last two) as PDF or CSV.

    Returns the file written and the warnings (journal lines that could not be read).
    """
    output = Path(output)
    evolution = compare(
        atelier,
        find_session(atelier, first) if first else None,
        find_session(atelier, second) if second else None,
    )
    with written_atomically(output) as partial:
        if output.suffix.lower() == ".csv":
            _write_csv(atelier, evolution, partial)
        else:
            _write_pdf(atelier, evolution, partial)
    return output, skipped_warnings(evolution)


def _write_csv(atelier: Atelier, evolution: Evolution, path: Path) -> None:
    language = atelier.metadata.language
    titles = [pick(words, language) for words, _share in HEADINGS] + [pick(words, language) for words in CSV_EXTRA]
    with path.open("w", encoding="utf-8-sig", newline="") as file:  # the BOM: spreadsheets then read UTF-8
        table = csv.writer(file, delimiter=";")
        table.writerow(titles)
        for row, change in zip(change_rows(evolution, language), evolution.changes):
            table.writerow(row + [evolution.first.title, evolution.second.title, change.feature_uuid])


def _write_pdf(atelier: Atelier, evolution: Evolution, path: Path) -> None:
    project = QgsProject()
    layout = QgsPrintLayout(project)
    layout.setName(pick(TEXTS[layouts.EVOLUTION], atelier.metadata.language))
    layouts.evolution_page(layout, atelier.metadata.language)
    fill_evolution_page(atelier, layout.name(), [layout], evolution)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # searchable, and light
    if QgsLayoutExporter(layout).exportToPdf(str(path), settings) != QgsLayoutExporter.ExportResult.Success:
        raise AtelierError(tr("QGIS could not export what changed to {path}.").format(path=path.name))


def _between(evolution: Evolution, language: str) -> str:
    return pick(BETWEEN, language).format(
        first=evolution.first.title,
        first_on=local_date(evolution.first.held_on, language) or "?",
        second=evolution.second.title,
        second_on=local_date(evolution.second.held_on, language) or "?",
    )


def _field_label(name: str, language: str) -> str:
    if name == "geometry":
        return pick(GEOMETRY, language)
    return pick(FIELD_LABELS[name], language) if name in FIELD_LABELS else name
