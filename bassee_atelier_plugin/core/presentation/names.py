"""What a planner reads as names: the tables' titles and the fields' labels, in English and French."""

from __future__ import annotations

from qgis.core import QgsProviderRegistry, QgsVectorLayer

from bassee_atelier_plugin.core.model.action_sheets import VIEW as ACTION_SHEETS_VIEW
from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME, pick

# On stake layers, computed: the titles of the roadmap's actions that answer the stake.
ANSWERED_BY_FIELD = "answered_by"
# On every layer with communes, computed: their names, from the commune layer.
COMMUNE_NAMES_FIELD = "commune_names"

# Labels a planner reads in forms and attribute tables: (English, French).
FIELD_LABELS = {
    "uuid": ("Identifier", "Identifiant"),
    "created_at": ("Created (UTC)", "Créé (UTC)"),
    "updated_at": ("Updated (UTC)", "Modifié (UTC)"),
    "session_uuid": ("Session", "Séance"),
    "author": ("Author", "Auteur"),
    "group_uuid": ("Group", "Groupe"),
    "actor_uuid": ("Actor", "Acteur"),
    "theme": ("Theme", "Thème"),
    "reading": ("Reading", "Lecture"),
    "title": ("Title", "Titre"),
    "comment": ("Comment", "Commentaire"),
    "priority": ("Priority", "Priorité"),
    "votes_for": ("Votes for", "Votes pour"),
    "votes_against": ("Votes against", "Votes contre"),
    "status": ("Status", "Statut"),
    "kind": ("Kind", "Type"),
    "label": ("Label", "Étiquette"),
    "orientation_uuid": ("Orientation", "Orientation"),
    "position": ("Order", "Ordre"),
    "horizon": ("Horizon", "Horizon"),
    "lead": ("Lead organisation", "Porteur"),
    "partners": ("Partners", "Partenaires"),
    "description": ("Description", "Description"),
    "action_uuid": ("Action", "Action"),
    "stake_uuid": ("Stake", "Enjeu"),
    "note": ("Note", "Note"),
    "observed_at": ("Observed at", "Observé le"),
    "accuracy_m": ("Position accuracy (m)", "Précision de la position (m)"),
    "feature_uuid": ("Attached to", "Rattachée à"),
    "file_name": ("File name", "Nom du fichier"),
    "mime_type": ("File type", "Type de fichier"),
    "size_bytes": ("Size (bytes)", "Taille (octets)"),
    "sha256": ("SHA-256", "SHA-256"),
    "content": ("Content", "Contenu"),
    "caption": ("Caption", "Légende"),
    "held_on": ("Date", "Date"),
    "place": ("Place", "Lieu"),
    "name": ("Name", "Nom"),
    "organisation": ("Organisation", "Organisme"),
    "actor_type": ("Actor type", "Type d'acteur"),
    "consent": ("Consent to personal data", "Consentement (données personnelles)"),
    "operation": ("Operation", "Opération"),
    "table_name": ("Table", "Table"),
    "details": ("Details", "Détails"),
    "code": ("Code", "Code"),
    "label_fr": ("French label", "Libellé français"),
    "label_en": ("English label", "Libellé anglais"),
    "colour": ("Colour", "Couleur"),
    "look": ("Map look", "Rendu cartographique"),
    "text": ("Text", "Texte"),
    # merge_conflicts: a field (or a whole feature) changed differently on two machines
    "field_name": ("Field in conflict", "Champ en conflit"),
    "kept_from": ("Kept version from", "Version conservée, de"),
    "kept_author": ("Kept change by", "Modification conservée, par"),
    "kept_updated_at": ("Kept change on (UTC)", "Modification conservée, le (UTC)"),
    "kept_value": ("Kept value", "Valeur conservée"),
    "kept_version": ("Kept version", "Version conservée"),
    "other_from": ("Other version from", "Autre version, de"),
    "other_author": ("Other change by", "Autre modification, par"),
    "other_updated_at": ("Other change on (UTC)", "Autre modification, le (UTC)"),
    "other_value": ("Other value", "Autre valeur"),
    "other_version": ("Other version", "Autre version"),
    "reviewed": ("Reviewed", "Examiné"),
    ANSWERED_BY_FIELD: ("Actions answering it", "Actions qui y répondent"),
    "communes": ("Communes (INSEE codes)", "Communes (codes INSEE)"),
    COMMUNE_NAMES_FIELD: ("Communes", "Communes"),
}

CONTEXT_TITLES = {
    "communes": ("Communes", "Communes"),
    "territory": ("Territory", "Territoire"),
    "rivers": ("Rivers", "Cours d'eau"),
    ACTION_SHEETS_VIEW: ("Action sheets (view)", "Fiches actions (vue)"),
}


def table_title(name: str, language: str) -> str:
    if name in TABLE_BY_NAME:
        table = TABLE_BY_NAME[name]
        return pick((table.title_en, table.title_fr), language)
    return pick(CONTEXT_TITLES.get(name, (name, name)), language)


def layer_table(layer: QgsVectorLayer) -> str:
    """The atelier table a layer reads, from its source: a GeoPackage's or a shared atelier's."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    return parts.get("layerName") or parts.get("table", "")
