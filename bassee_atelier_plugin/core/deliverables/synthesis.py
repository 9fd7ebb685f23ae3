"""The synthesis's tables: the stakes by theme and by commune, the retained stakes, the sessions held.

What the tables of the synthesis report show, gathered from the atelier at export time
(the communes a stake touches are those its ``communes`` field keeps, see
:mod:`~bassee_atelier_plugin.core.atelier.communes`), then put in the report's tables,
found by the ids of their frames (see :mod:`~bassee_atelier_plugin.core.presentation.layouts`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.atelier.communes import commune_names
from bassee_atelier_plugin.core.atelier.reads import read_only
from bassee_atelier_plugin.core.model.schema import COMMUNES_FIELD, OUTSIDE_COMMUNES, SHOWN_STAKES, STAKE_TABLES, pick
from bassee_atelier_plugin.core.presentation import layouts
from bassee_atelier_plugin.core.presentation.layout_tables import bold_cell, fill_table
from bassee_atelier_plugin.core.stores.ogr_tables import quoted_identifier
from bassee_atelier_plugin.toolbelt.i18n import tr

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
}


def fill_synthesis(atelier: Atelier, report) -> list[str]:
    """The synthesis report's three tables; a warning when the atelier has no stake yet."""
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
    return [] if stakes else [tr("The atelier has no stake yet: the synthesis shows the territory only.")]


@dataclass(frozen=True)
class Stake:
    """A stake as the synthesis shows it: labels in the atelier's language, commune names."""

    uuid: str
    title: str
    theme_label: str
    reading_label: str
    status: str | None
    votes_for: int
    votes_against: int
    comment: str
    communes: list[str]  # by name, sorted; none when outside every commune


def stakes_with_communes(atelier: Atelier) -> list[Stake]:
    """Every shown stake, with its theme's and reading's labels and the communes it touches.

    The communes are those the feature writer keeps in each stake's ``communes`` field (the
    INSEE codes of the communes its geometry intersects), named from the commune layer.
    """
    label = _label_column(atelier)
    labels = {
        name: {term["code"]: term[label] for term in thesaurus_terms(atelier, name)} for name in ("themes", "readings")
    }
    names = dict(commune_names(atelier))
    shown = " UNION ALL ".join(
        "SELECT uuid, title, theme, reading, status, votes_for, votes_against, comment, "
        f"{quoted_identifier(COMMUNES_FIELD)} FROM {quoted_identifier(table)} WHERE {SHOWN_STAKES}"  # nosec B608
        for table in STAKE_TABLES
    )
    with read_only(atelier) as connection:
        rows = connection.execute(shown)
    return [
        Stake(
            uuid=uuid,
            title=title or "",
            theme_label=labels["themes"].get(theme, theme or ""),
            reading_label=labels["readings"].get(reading, reading or ""),
            status=status,
            votes_for=int(votes_for or 0),
            votes_against=int(votes_against or 0),
            comment=comment or "",
            communes=sorted(names.get(code, code) for code in _codes(communes)),
        )
        for uuid, title, theme, reading, status, votes_for, votes_against, comment, communes in rows
    ]


def _codes(communes: str | None) -> list[str]:
    """The codes a ``communes`` field lists: none for a stake outside every commune or without a geometry."""
    return [] if communes in (None, "", OUTSIDE_COMMUNES) else communes.split(",")


def stakes_by_theme_and_commune(atelier: Atelier, stakes: list[Stake]) -> tuple[list[str], list[list]]:
    """Theme headings and rows: per commune, its stakes by theme and in all; the territory's last."""
    language = atelier.metadata.language
    if not stakes:
        return [], []
    present = {stake.theme_label for stake in stakes}
    themes = [term[_label_column(atelier)] for term in thesaurus_terms(atelier, "themes")]
    themes = [theme for theme in themes if theme in present]
    themes += sorted(present - set(themes))  # codes no longer in the list
    by_commune: dict[str, list[Stake]] = defaultdict(list)
    for stake in stakes:
        for commune in stake.communes or [pick(WORDS["outside"], language)]:
            by_commune[commune].append(stake)
    rows = [
        [commune] + [_count(in_commune, theme) or "" for theme in themes] + [_count(in_commune)]
        for commune, in_commune in sorted(by_commune.items(), key=lambda pair: _collation_key(pair[0]))
    ]
    rows.append(
        [bold_cell(pick(WORDS["whole_territory"], language))]
        + [bold_cell(_count(stakes, theme)) for theme in themes]
        + [bold_cell(_count(stakes))]
    )
    return themes, rows


def _count(stakes: list[Stake], theme: str | None = None) -> int:
    """How many distinct stakes, of ``theme`` or of all."""
    return len({stake.uuid for stake in stakes if theme is None or stake.theme_label == theme})


def retained_stakes(atelier: Atelier, stakes: list[Stake]) -> list[list]:
    retained = sorted((stake for stake in stakes if stake.status == "retenu"), key=lambda s: (s.theme_label, s.title))
    return [
        [
            stake.title,
            stake.theme_label,
            stake.reading_label,
            ", ".join(stake.communes),
            f"{stake.votes_for} / {stake.votes_against}",
            stake.comment,
        ]
        for stake in retained
    ]


def sessions_held(atelier: Atelier) -> list[list]:
    """The sessions by date, each with the number of stakes noted during it."""
    kinds = {term["code"]: term[_label_column(atelier)] for term in thesaurus_terms(atelier, "session_kinds")}
    noted = " UNION ALL ".join(
        f"SELECT session_uuid FROM {quoted_identifier(table)} WHERE {SHOWN_STAKES}"  # nosec B608 # schema identifiers
        for table in STAKE_TABLES
    )
    with read_only(atelier) as connection:
        sessions = connection.execute(
            "SELECT s.held_on, s.kind, s.title, s.place, "  # nosec B608 # subquery built above from the schema's tables
            f"(SELECT count(*) FROM ({noted}) n WHERE n.session_uuid = s.uuid) "
            "FROM sessions s ORDER BY s.held_on IS NULL, s.held_on, s.title"
        )
    return [
        [local_date(held_on, atelier.metadata.language), kinds.get(kind, kind or ""), title, place or "", count]
        for held_on, kind, title, place, count in sessions
    ]


# -- helpers ---------------------------------------------------------------------------


def _label_column(atelier: Atelier) -> str:
    return "label_fr" if atelier.metadata.language == "fr" else "label_en"


def _collation_key(text: str) -> str:
    """French names sort without regard to accents or case: Égligny between Donnemarie and Gouaix."""
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def local_date(iso_date: str | None, language: str) -> str:
    """A date as the atelier's language writes it: 15/06/2017 in French, 2017-06-15 otherwise."""
    if not iso_date:
        return ""
    year, month, day = iso_date[:10].split("-")
    return f"{day}/{month}/{year}" if language == "fr" else f"{year}-{month}-{day}"
