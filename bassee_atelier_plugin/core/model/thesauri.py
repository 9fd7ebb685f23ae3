"""The atelier's lists (thesauri) and the classes a stake's look is made of, declared once.

A new atelier gets these lists as its tables ``thesaurus_<name>``, which the territory may then
edit: everything that shows a term (forms, styles, deliverables, the phones' page) reads the
atelier's own tables, never these defaults. The look classes are fixed: the database derives
each stake's ``look`` from them, and the styles draw one symbol per look.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    code: str
    label_fr: str
    label_en: str
    colour: str


@dataclass(frozen=True)
class Thesaurus:
    """One editable list of an atelier; stored as table ``thesaurus_<name>``."""

    name: str
    title_en: str
    title_fr: str
    terms: tuple[Term, ...] = field(default=())

    @property
    def table_name(self) -> str:
        return f"thesaurus_{self.name}"


THESAURI = (
    Thesaurus(
        "themes",
        "Themes",
        "Thèmes",
        (
            Term("eau_risques", "Eau et risques", "Water and risks", "#1f78b4"),
            Term("agriculture", "Agriculture", "Agriculture", "#d4a017"),
            Term("biodiversite_paysage", "Biodiversité et paysage", "Biodiversity and landscape", "#33a02c"),
            Term("mobilite", "Mobilité", "Mobility", "#6a3d9a"),
            Term("habitat_centres_bourgs", "Habitat et centres-bourgs", "Housing and village centres", "#e31a1c"),
            Term("economie_emploi", "Économie et emploi", "Economy and jobs", "#ff7f00"),
            Term("equipements_services", "Équipements et services", "Facilities and services", "#d0569b"),
            Term("tourisme_patrimoine", "Tourisme et patrimoine", "Tourism and heritage", "#8c510a"),
            Term("energie", "Énergie", "Energy", "#00a3a3"),
        ),
    ),
    Thesaurus(
        "readings",
        "Readings",
        "Lectures",
        (
            Term("atout", "Atout", "Strength", "#2e7d32"),
            Term("faiblesse", "Faiblesse", "Weakness", "#c62828"),
            Term("opportunite", "Opportunité", "Opportunity", "#1565c0"),
            Term("menace", "Menace", "Threat", "#ef6c00"),
        ),
    ),
    Thesaurus(
        "statuses",
        "Statuses",
        "Statuts",
        (
            Term("propose", "Proposé", "Proposed", "#9e9e9e"),
            Term("debattu", "Débattu", "Debated", "#ffb300"),
            Term("retenu", "Retenu", "Retained", "#2e7d32"),
            Term("ecarte", "Écarté", "Dropped", "#616161"),
        ),
    ),
    Thesaurus(
        "action_kinds",
        "Action kinds",
        "Types d'action",
        (
            Term("preserver", "Préserver", "Preserve", "#33a02c"),
            Term("valoriser", "Valoriser", "Enhance", "#d4a017"),
            Term("requalifier", "Requalifier", "Regenerate", "#e31a1c"),
            Term("relier", "Relier", "Connect", "#6a3d9a"),
            Term("developper", "Développer", "Develop", "#ff7f00"),
            Term("renaturer", "Renaturer", "Rewild", "#00a3a3"),
        ),
    ),
    Thesaurus(
        "horizons",
        "Horizons",
        "Horizons",
        (
            Term("court", "Court terme", "Short term", "#66bd63"),
            Term("moyen", "Moyen terme", "Medium term", "#fdae61"),
            Term("long", "Long terme", "Long term", "#d73027"),
        ),
    ),
    Thesaurus(
        "actor_types",
        "Actor types",
        "Types d'acteur",
        (
            Term("elu", "Élu", "Elected official", "#1f78b4"),
            Term("service_etat", "Service de l'État", "State service", "#33a02c"),
            Term("collectivite", "Collectivité", "Local authority", "#6a3d9a"),
            Term("chambre_consulaire", "Chambre consulaire", "Chamber of commerce or agriculture", "#ff7f00"),
            Term("association", "Association", "Association", "#e31a1c"),
            Term("habitant", "Habitant", "Resident", "#d4a017"),
            Term("equipe_conception", "Équipe de conception", "Design team", "#8c510a"),
        ),
    ),
    Thesaurus(
        "sketch_kinds",
        "Sketch kinds",
        "Types de croquis",
        (
            Term("flux", "Flux ou liaison", "Flow or link", "#6a3d9a"),
            Term("corridor_ecologique", "Corridor écologique", "Ecological corridor", "#33a02c"),
            Term("front_urbain", "Front urbain", "Urban front", "#e31a1c"),
            Term("centralite", "Centralité", "Centrality", "#ff7f00"),
            Term("rupture", "Rupture", "Break", "#424242"),
        ),
    ),
    Thesaurus(
        "session_kinds",
        "Session kinds",
        "Types de séance",
        (
            Term("visite", "Visite de terrain", "Site visit", "#33a02c"),
            Term("atelier", "Atelier", "Workshop", "#1f78b4"),
            Term("restitution", "Restitution", "Restitution", "#6a3d9a"),
        ),
    ),
)

THESAURUS_BY_NAME = {thesaurus.name: thesaurus for thesaurus in THESAURI}


# What ``look`` is made of: the status classes and the vote classes (by score) the map tells apart.
LOOK_STATUSES = ("ouvert", "retenu", "ecarte")
# Vote classes by the highest score (votes for minus against) each covers; the last has no top.
LOOK_VOTE_TOPS = (0, 3, None)
MODERATED_LOOK = "moderation"  # the look of a stake held back by moderation: a category the map does not draw


def _scores_covered(index: int) -> str:
    """The scores a vote class covers, as the legend says them: "0", "1-3", "4+"."""
    top = LOOK_VOTE_TOPS[index]
    if index == 0:
        return str(top)
    low = LOOK_VOTE_TOPS[index - 1] + 1
    return f"{low}+" if top is None else f"{low}-{top}"


LOOK_VOTE_CLASSES = tuple((index, _scores_covered(index)) for index in range(len(LOOK_VOTE_TOPS)))


def look_key(theme: str, status_class: str, vote_class: int) -> str:
    return f"{theme}:{status_class}:{vote_class}"
