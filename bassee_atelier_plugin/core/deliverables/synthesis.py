"""The synthesis's tables: the stakes by theme and by commune, the retained stakes, the sessions held.

What the tables of the synthesis report show, gathered from the atelier at export time
(the communes a stake touches by a spatial join with geopandas), then put in the
report's tables, found by the ids of their frames (see
:mod:`~bassee_atelier_plugin.core.presentation.layouts`).
"""

from __future__ import annotations

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.atelier.reads import read_layer, read_only
from bassee_atelier_plugin.core.model.schema import COMMUNES_TABLE, SHOWN_STAKES, STAKE_TABLES, pick
from bassee_atelier_plugin.core.presentation import layouts
from bassee_atelier_plugin.core.presentation.layout_tables import bold_cell, fill_table
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
    noted = " UNION ALL ".join(
        f'SELECT session_uuid FROM "{table}" WHERE {SHOWN_STAKES}'  # nosec B608 # schema identifiers, quoted
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
