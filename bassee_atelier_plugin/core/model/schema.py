"""The atelier schema: every table of an atelier GeoPackage, declared once.

Storage, styles, forms, validation and upgrades all read these declarations, so a
table or field is added here and nowhere else. Names are English; what users see
comes from the thesaurus labels (the lists are in thesauri.py) and the translated table titles.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bassee_atelier_plugin.core.model.thesauri import THESAURI, THESAURUS_BY_NAME

SCHEMA_VERSION = 12  # 12: the deleted stakes and sketches, for QGIS's time line

# Geometry kinds of the atelier tables; None marks an attribute-only table.
POINT, LINE, AREA = "Point", "LineString", "Polygon"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text, integer, real, boolean, date, datetime, blob
    thesaurus: str | None = None  # name of the thesaurus list the value comes from
    refers_to: str | None = None  # table whose uuid this field holds (a relation)
    not_null: bool = False
    default: str | None = None  # SQL default understood by OGR (literal or CURRENT_TIMESTAMP)
    indexed: bool = False  # looked up by value often enough to deserve an index

    @property
    def thesaurus_table(self) -> str:
        """The table of the list this field's codes come from."""
        return THESAURUS_BY_NAME[self.thesaurus].table_name


@dataclass(frozen=True)
class Table:
    name: str
    title_en: str
    title_fr: str
    group: str  # layer-tree group key, see GROUPS
    fields: tuple[Field, ...]
    geometry: str | None = None
    label_field: str | None = None  # what the map labels and the forms' display expression show
    category_field: str | None = None  # what the style colours by (a thesaurus field)
    tracked: bool = True  # carries uuid, timestamps, session and author

    @property
    def all_fields(self) -> tuple[Field, ...]:
        """The table's fields, tracking fields first."""
        if not self.tracked:
            return self.fields
        own = tuple(f for f in TRACKING_FIELDS if not (self.name == "sessions" and f.name == "session_uuid"))
        return own + self.fields

    def field(self, name: str) -> Field:
        for candidate in self.all_fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} has no field {name}")


# Every tracked feature: a UUID that survives merges, UTC timestamps that the
# database itself keeps (see storage triggers), its session and its author.
TRACKING_FIELDS = (
    Field("uuid"),
    Field("created_at", "datetime", not_null=True, default="CURRENT_TIMESTAMP"),
    Field("updated_at", "datetime", not_null=True, default="CURRENT_TIMESTAMP"),
    Field("session_uuid", refers_to="sessions"),
    Field("author"),
)

THESAURUS_FIELDS = (
    Field("code", not_null=True),
    Field("label_fr", not_null=True),
    Field("label_en", not_null=True),
    Field("colour", not_null=True, default="'#808080'"),
    Field("position", "integer", not_null=True, default="0"),
)


# Where every stake and action starts, as an SQL default: the first of the statuses, "propose".
_NEW_STATUS = f"'{THESAURUS_BY_NAME['statuses'].terms[0].code}'"

# Layer-tree groups, in the order QGIS shows them and draws them top first (the deleted over the context).
GROUPS = {
    "stakes": ("Stakes", "Enjeux"),
    "sketches": ("Sketches", "Croquis"),
    "deleted": ("Deleted (tick to replay them on the time line)", "Supprimés (à cocher pour les rejouer)"),
    "roadmap": ("Roadmap", "Feuille de route"),
    "visits": ("Site visits", "Visites"),
    "sessions": ("Sessions and actors", "Séances et acteurs"),
    "context": ("Context", "Contexte"),
    "thesaurus": ("Lists", "Listes"),
}

_STAKE_FIELDS = (
    Field("group_uuid", refers_to="session_groups"),
    Field("actor_uuid", refers_to="actors"),
    Field("theme", thesaurus="themes", not_null=True),
    Field("reading", thesaurus="readings"),
    Field("title"),
    Field("comment"),
    Field("priority", "integer"),
    Field("votes_for", "integer", not_null=True, default="0"),
    Field("votes_against", "integer", not_null=True, default="0"),
    Field("status", thesaurus="statuses", not_null=True, default=_NEW_STATUS),
    # Kept by the database (see storage): theme, status class and vote class in one value,
    # so the map draws a stake from one attribute instead of evaluating expressions.
    Field("look"),
    # A phone's contribution waiting for the facilitator ("pending") or put aside ("hidden");
    # empty for every stake that shows (see core/contributions.py).
    Field("moderation"),
    Field("communes"),  # see COMMUNES_FIELD
)

# The stakes a map, a list or a deliverable shows: not a phone's contribution still waiting or hidden.
SHOWN_STAKES = '"moderation" IS NULL'

_SKETCH_FIELDS = (
    Field("group_uuid", refers_to="session_groups"),
    Field("actor_uuid", refers_to="actors"),
    Field("kind", thesaurus="sketch_kinds", not_null=True),
    Field("label"),
    Field("communes"),
)


def _stakes(geometry: str, suffix: str, title_en: str, title_fr: str) -> Table:
    return Table(f"stakes_{suffix}", title_en, title_fr, "stakes", _STAKE_FIELDS, geometry, "title", "theme")


def _sketches(geometry: str, suffix: str, title_en: str, title_fr: str) -> Table:
    return Table(f"sketches_{suffix}", title_en, title_fr, "sketches", _SKETCH_FIELDS, geometry, "label", "kind")


TABLES = (
    _stakes(POINT, "point", "Stakes (points)", "Enjeux (points)"),
    _stakes(LINE, "line", "Stakes (lines)", "Enjeux (lignes)"),
    _stakes(AREA, "area", "Stakes (areas)", "Enjeux (zones)"),
    _sketches(LINE, "line", "Sketches (lines)", "Croquis (lignes)"),
    _sketches(AREA, "area", "Sketches (areas)", "Croquis (zones)"),
    Table(
        "notes",
        "Notes",
        "Notes",
        "sketches",
        (
            Field("group_uuid", refers_to="session_groups"),
            Field("text", not_null=True),
        ),
        POINT,
        "text",
    ),
    Table(
        "actions",
        "Actions",
        "Actions",
        "roadmap",
        (
            Field("orientation_uuid", refers_to="orientations"),
            Field("position", "integer", not_null=True, default="0"),
            Field("title", not_null=True),
            Field("kind", thesaurus="action_kinds"),
            Field("horizon", thesaurus="horizons"),
            Field("lead"),
            Field("partners"),
            Field("status", thesaurus="statuses", not_null=True, default=_NEW_STATUS),
            Field("description"),
            Field("communes"),
        ),
        AREA,
        "title",
        "kind",
    ),
    Table(
        "orientations",
        "Orientations",
        "Orientations",
        "roadmap",
        (
            Field("position", "integer", not_null=True, default="0"),
            Field("title", not_null=True),
            Field("description"),
        ),
        label_field="title",
    ),
    Table(
        "action_stakes",
        "Actions and stakes",
        "Actions et enjeux",
        "roadmap",
        (
            Field("action_uuid", refers_to="actions", not_null=True),
            Field("stake_uuid", refers_to="stakes", not_null=True),
        ),
    ),
    Table(
        "observations",
        "Observations",
        "Observations",
        "visits",
        (
            Field("group_uuid", refers_to="session_groups"),
            Field("actor_uuid", refers_to="actors"),
            Field("note"),
            Field("observed_at", "datetime"),
            Field("accuracy_m", "real"),
            Field("communes"),
        ),
        POINT,
        "note",
    ),
    Table(
        "attachments",
        "Attachments",
        "Pièces jointes",
        "visits",
        (
            Field("feature_uuid", not_null=True, indexed=True),
            Field("file_name", not_null=True),
            Field("mime_type", not_null=True),
            Field("size_bytes", "integer", not_null=True),
            Field("sha256", not_null=True, indexed=True),  # one photo is stored once
            Field("content", "blob", not_null=True),  # the file as it was, or its display copy (original_kept)
            Field("caption"),
            Field("preview", "blob"),  # a display-size JPEG, for forms and galleries
            Field("original_kept", "boolean", not_null=True, default="1"),
            Field("taken_at", "datetime"),  # a photo's, from its EXIF
            Field("latitude", "real"),  # a photo's EXIF position (WGS 84)
            Field("longitude", "real"),
            Field("width", "integer"),  # a photo's size in pixels, as taken
            Field("height", "integer"),
        ),
        label_field="file_name",
    ),
    Table(
        "itineraries",
        "Visit itineraries",
        "Itinéraires de visite",
        "visits",
        (
            Field("group_uuid", refers_to="session_groups"),
            Field("name", not_null=True),
            Field("source"),  # gpx, gps
            Field("started_at", "datetime"),
            Field("ended_at", "datetime"),
        ),
        LINE,
        "name",
    ),
    Table(
        "sessions",
        "Sessions",
        "Séances",
        "sessions",
        (
            Field("kind", thesaurus="session_kinds", not_null=True),
            Field("title", not_null=True),
            Field("held_on", "date"),
            Field("place"),
        ),
        label_field="title",
    ),
    Table(
        "session_groups",
        "Groups",
        "Groupes",
        "sessions",
        (Field("name", not_null=True),),
        label_field="name",
    ),
    Table(
        "actors",
        "Actors",
        "Acteurs",
        "sessions",
        (
            Field("name", not_null=True),
            Field("organisation"),
            Field("actor_type", thesaurus="actor_types"),
            Field("consent", "boolean", not_null=True, default="0"),
        ),
        label_field="name",
    ),
    Table(
        "phone_votes",
        "Votes from phones",
        "Votes des téléphones",
        "sessions",
        (
            Field("stake_uuid", refers_to="stakes", not_null=True, indexed=True),
            Field("phone", not_null=True),  # the random id a phone's browser keeps: one vote each
            Field("value", "integer", not_null=True),  # +1 or -1
        ),
        label_field="phone",
    ),
    Table(
        "merge_conflicts",
        "Merge conflicts",
        "Conflits de fusion",
        "sessions",
        (
            Field("table_name", not_null=True),
            Field("feature_uuid", not_null=True),
            Field("field_name"),  # "geometry" for the geometry; NULL when the whole feature is in conflict
            Field("kept_from", not_null=True),  # the file whose version the merge kept
            Field("kept_author"),  # who made each change, from the journal
            Field("kept_updated_at", "datetime"),
            Field("kept_value"),  # JSON: the field's value, the geometry as WKT in a string
            Field("kept_version"),  # JSON: the fields, and the geometry as WKT
            Field("other_from", not_null=True),
            Field("other_author"),
            Field("other_updated_at", "datetime"),
            Field("other_value"),
            Field("other_version"),
            Field("reviewed", "boolean", not_null=True, default="0"),
        ),
        label_field="table_name",
    ),
    Table(
        "journal",
        "Journal",
        "Journal",
        "sessions",
        (
            Field("operation", not_null=True),  # create, update, delete, vote, ...
            Field("table_name", not_null=True),
            Field("feature_uuid"),
            Field("details"),  # JSON
        ),
        label_field="operation",
    ),
) + tuple(
    Table(
        thesaurus.table_name,
        thesaurus.title_en,
        thesaurus.title_fr,
        "thesaurus",
        THESAURUS_FIELDS,
        label_field="label_fr",
        tracked=False,
    )
    for thesaurus in THESAURI
)

# A deleted stake, sketch or note stays as it was in a table of its own, for QGIS's time line.
DELETED_AT = "deleted_at"
REPLAYED = tuple(table.name for table in TABLES if table.geometry and table.group in ("stakes", "sketches"))


def _deleted_copy(table: Table) -> Table:
    """The table of ``table``'s deleted features: its fields, styled alike (same group), and when each went."""
    return replace(
        table,
        name=f"deleted_{table.name}",
        title_en=f"{table.title_en}: deleted features",
        title_fr=f"{table.title_fr} : éléments supprimés",  # "éléments": one agreement for every table
        fields=(*TRACKING_FIELDS[:2], *table.fields, Field(DELETED_AT, "datetime", not_null=True)),  # uuid, created_at
        tracked=False,
    )


DELETED_COPIES = {table.name: _deleted_copy(table) for table in TABLES if table.name in REPLAYED}
DELETED_TABLES = tuple(table.name for table in DELETED_COPIES.values())
TABLES += tuple(DELETED_COPIES.values())
TABLE_BY_NAME = {table.name: table for table in TABLES}
STAKE_TABLES = tuple(table.name for table in TABLES if table.name.startswith("stakes_"))

# The context layer of the communes, copied in by ``init --communes``.
COMMUNES_TABLE = "communes"
# Its fields the plugin reads, the first present of each: the sample's, then the French
# administrative files' (IGN's ADMIN EXPRESS, the geo.api.gouv.fr exports).
COMMUNE_CODE_FIELDS = ("insee", "insee_com", "code_insee", "code")
COMMUNE_NAME_FIELDS = ("name", "nom", "nom_com")
# Kept by the plugin from the geometry (core/atelier/communes.py): the INSEE codes of the communes
# a feature touches, sorted and joined by commas; OUTSIDE_COMMUNES when it touches none; NULL in
# an atelier without communes, or for a feature without a geometry.
COMMUNES_FIELD = "communes"
OUTSIDE_COMMUNES = "hors territoire"
COMMUNE_TABLES = tuple(
    table.name for table in TABLES if table.tracked and any(f.name == COMMUNES_FIELD for f in table.fields)
)
# Derived by the database or the plugin from other fields: writing one is no edit of the feature.
DERIVED_FIELDS = ("look", COMMUNES_FIELD)


def pick(pair: tuple[str, str], language: str) -> str:
    """The French or the English of an (English, French) pair, for an atelier's language."""
    english, french = pair
    return french if language == "fr" else english


def referenced_tables(target: str) -> tuple[str, ...]:
    """Tables a ``refers_to`` target names: ``stakes`` stands for the three stake tables."""
    return STAKE_TABLES if target == "stakes" else (target,)


# The roadmap's tables, by name: the live editor writes them and the deliverables read them.
ORIENTATIONS, ACTIONS, ACTION_STAKES = "orientations", "actions", "action_stakes"
