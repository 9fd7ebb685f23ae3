"""The forms of the atelier's layers: labels, pickers from the thesauri, child lists, read-only fields."""

from __future__ import annotations

from qgis.core import (
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsProject,
    QgsRelation,
    QgsRelationContext,
    QgsVectorLayer,
)

from bassee_atelier_plugin.core.model.schema import (
    COMMUNES_FIELD,
    COMMUNES_TABLE,
    DERIVED_FIELDS,
    TABLE_BY_NAME,
    TABLES,
    Table,
    pick,
    referenced_tables,
)
from bassee_atelier_plugin.core.presentation.names import (
    ANSWERED_BY_FIELD,
    COMMUNE_NAMES_FIELD,
    FIELD_LABELS,
    layer_table,
    table_title,
)
from bassee_atelier_plugin.toolbelt.compat import RelationshipStrength, string_field

_READ_ONLY_FIELDS = (
    "uuid",
    "created_at",
    "updated_at",
    "sha256",
    "size_bytes",
    "mime_type",
    "content",
    *DERIVED_FIELDS,
)


_MULTILINE_FIELDS = ("comment", "description", "note", "details")


# Relations shown as child lists in forms; the other references are value-relation pickers.
_RELATION_FIELDS = ("feature_uuid", "action_uuid", "stake_uuid", "orientation_uuid")


def configure_form(layer: QgsVectorLayer, table: Table, language: str) -> None:
    list_answering_actions(layer, language)
    form = layer.editFormConfig()
    for index, field in enumerate(layer.fields()):
        name = field.name()
        if name in FIELD_LABELS:
            layer.setFieldAlias(index, pick(FIELD_LABELS[name], language))
        if name in _READ_ONLY_FIELDS:
            form.setReadOnly(index, True)
        try:
            declared = table.field(name)
        except KeyError:
            continue
        widget = _widget_for(declared, language)
        if widget is not None:
            layer.setEditorWidgetSetup(index, widget)
    layer.setEditFormConfig(form)
    uuid_index = layer.fields().indexOf("uuid")
    if uuid_index >= 0:
        layer.setDefaultValueDefinition(uuid_index, QgsDefaultValue("uuid('WithoutBraces')"))


def list_answering_actions(layer: QgsVectorLayer, language: str) -> None:
    """A stake's form (and attribute table) lists the actions that answer it: the roadmap's link seen from the stake.

    A computed field, kept in the layer's styles; the layers are found by their titles,
    which a plain QGIS opening the stored project has too.
    """
    if layer_table(layer) not in referenced_tables("stakes") or layer.fields().indexOf(ANSWERED_BY_FIELD) >= 0:
        return
    actions, links = (table_title(name, language).replace("'", "''") for name in ("actions", "action_stakes"))
    linked = f"aggregate('{links}', 'array_agg', \"action_uuid\", filter:=\"stake_uuid\" = @stake)"
    expression = (
        f"with_variable('stake', \"uuid\", aggregate('{actions}', 'concatenate', \"title\", "
        f"filter:=array_contains({linked}, \"uuid\"), concatenator:=' ; '))"
    )
    layer.addExpressionField(expression, string_field(ANSWERED_BY_FIELD))
    layer.setFieldAlias(layer.fields().indexOf(ANSWERED_BY_FIELD), pick(FIELD_LABELS[ANSWERED_BY_FIELD], language))


def list_commune_names(layer: QgsVectorLayer, language: str, fields: tuple[str, str] | None) -> None:
    """A feature's form (and attribute table) names its communes, read from the commune layer by their codes.

    ``fields`` are the commune layer's code and name fields (None: the atelier has no
    commune layer). A computed field kept in the layer's style, the commune layer found by
    its title, so that a plain QGIS opening the stored project shows the names too.
    """
    names = layer.fields().names()
    if fields is None or COMMUNES_FIELD not in names or COMMUNE_NAMES_FIELD in names:
        return
    communes = table_title(COMMUNES_TABLE, language).replace("'", "''")
    code, name = fields
    named = f"coalesce(attribute(get_feature('{communes}', '{code}', @element), '{name}'), @element)"
    expression = f"array_to_string(array_foreach(string_to_array(\"{COMMUNES_FIELD}\", ','), {named}), ', ')"
    layer.addExpressionField(expression, string_field(COMMUNE_NAMES_FIELD))
    layer.setFieldAlias(layer.fields().indexOf(COMMUNE_NAMES_FIELD), pick(FIELD_LABELS[COMMUNE_NAMES_FIELD], language))


def _widget_for(field, language: str) -> QgsEditorWidgetSetup | None:
    value_key = "label_fr" if language == "fr" else "label_en"
    if field.thesaurus:
        return _value_relation(field.thesaurus_table, "code", value_key, order_field="position")
    if field.refers_to and field.name not in _RELATION_FIELDS:
        target = TABLE_BY_NAME[field.refers_to]
        return _value_relation(target.name, "uuid", target.label_field)
    if field.kind == "boolean":
        return QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": ""})
    if field.kind == "blob":
        return QgsEditorWidgetSetup("Binary", {})
    if field.name == "look":  # kept by the database, meaningless to type in
        return QgsEditorWidgetSetup("Hidden", {})
    if field.name in _MULTILINE_FIELDS:
        return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False})
    if field.name == "colour":
        return QgsEditorWidgetSetup("Color", {})
    return None


def _value_relation(target_table: str, key: str, value: str, order_field: str | None = None) -> QgsEditorWidgetSetup:
    # Layer ids differ from project to project; QGIS finds the list by name and source
    # when the id is unknown, and bind_value_relations() sets the id where it is known.
    return QgsEditorWidgetSetup(
        "ValueRelation",
        {
            "Layer": "",
            "LayerName": target_table,
            "LayerSource": "",
            "LayerProviderName": "ogr",
            "Key": key,
            "Value": value,
            "AllowNull": True,
            "AllowMulti": False,
            "OrderByValue": order_field is None,
            "FilterExpression": "",
            "UseCompleter": False,
            "NofColumns": 1,
        },
    )


def bind_value_relations(layers: dict[str, QgsVectorLayer]) -> None:
    """Point every value-relation widget at the list layer of the same project."""
    for layer in layers.values():
        for index in range(layer.fields().count()):
            setup = layer.editorWidgetSetup(index)
            if setup.type() != "ValueRelation":
                continue
            config = dict(setup.config())
            target = layers.get(config.get("LayerName"))
            if target is None:
                continue
            config["Layer"] = target.id()
            layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("ValueRelation", config))


def relations(project: QgsProject, layers: dict[str, QgsVectorLayer], language: str) -> list[QgsRelation]:
    relations = []
    for table in TABLES:
        child = layers.get(table.name)
        if child is None:
            continue
        for field in table.all_fields:
            if field.name not in _RELATION_FIELDS:
                continue
            targets = referenced_tables(field.refers_to) if field.refers_to else _attachable_tables()
            for target in targets:
                parent = layers.get(target)
                if parent is None:
                    continue
                relation = QgsRelation(QgsRelationContext(project))
                relation.setId(f"{table.name}__{field.name}__{target}")
                relation.setName(f"{table_title(table.name, language)} — {table_title(target, language)}")
                relation.setReferencingLayer(child.id())
                relation.setReferencedLayer(parent.id())
                relation.addFieldPair(field.name, "uuid")
                relation.setStrength(
                    RelationshipStrength.COMPOSITION
                    if field.name == "feature_uuid"
                    else RelationshipStrength.ASSOCIATION
                )
                if relation.isValid():
                    relations.append(relation)
    return relations


def _attachable_tables() -> tuple[str, ...]:
    """Attachments may belong to any feature on the map."""
    return tuple(table.name for table in TABLES if table.geometry and table.tracked)
