"""The atelier projector mode shows: its layers in the project, its lists, and what entering changes on them."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsLayerTreeGroup, QgsLayerTreeLayer, QgsProject, QgsVectorLayer

from bassee_atelier_plugin.core.atelier.atelier import thesaurus_terms
from bassee_atelier_plugin.core.editing.geometry_checks import TERRITORY_TABLES
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES, TABLE_BY_NAME
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.gui.editing.live_session import project_atelier_location


def themes_in_use(stake_layers: list[QgsVectorLayer]) -> set[str]:
    """The theme codes that at least one stake of ``stake_layers`` carries."""
    codes = set()
    for layer in stake_layers:
        index = layer.fields().indexOf("theme")
        if index >= 0:
            codes.update(value for value in layer.uniqueValues(index) if value)
    return codes


@dataclass
class AtelierInProject:
    """The atelier shown in projector mode: its layers in the project and its lists."""

    group: QgsLayerTreeGroup
    layers: dict[str, QgsVectorLayer]
    themes: list[dict]
    sketch_kinds: list[dict]

    @classmethod
    def find(cls, project: QgsProject) -> AtelierInProject | None:
        """The first atelier of the layer tree, the one the live dock edits too."""
        from bassee_atelier_plugin.core.lifecycle.opening import (
            open_atelier,  # the stores: imported when used, not at QGIS's start
        )
        from bassee_atelier_plugin.gui.atelier.loader import find_atelier_group

        path = project_atelier_location(project)
        group = find_atelier_group(project, path) if path else None
        if group is None:
            return None
        atelier = open_atelier(path, upgrade=False)
        layers = {layer_table(node.layer()): node.layer() for node in group.findLayers() if node.layer()}
        return cls(group, layers, thesaurus_terms(atelier, "themes"), thesaurus_terms(atelier, "sketch_kinds"))

    def stake_layers(self) -> list[QgsVectorLayer]:
        return [self.layers[table] for table in STAKE_TABLES if table in self.layers]

    def territory_layer(self) -> QgsVectorLayer | None:
        return next((self.layers[table] for table in TERRITORY_TABLES if table in self.layers), None)

    def context_nodes(self) -> list[QgsLayerTreeLayer]:
        """Communes, territory, rivers: the light background that situates every drawing."""
        return [
            node for node in self.group.findLayers() if node.layer() and layer_table(node.layer()) not in TABLE_BY_NAME
        ]

    def switch_styles(self, style_name: str) -> dict[str, str]:
        """Put the atelier layers that have ``style_name`` in it; return their styles before."""
        before = {}
        for layer in self.layers.values():
            manager = layer.styleManager()
            if style_name in manager.styles():
                before[layer.id()] = manager.currentStyle()
                manager.setCurrentStyle(style_name)
        return before

    def show_context(self) -> list:
        """Switch on the context layers (and their groups) that were off; return those switched."""
        switched = []
        for node in self.context_nodes():
            while node is not None and node is not self.group.parent():
                if not node.itemVisibilityChecked():
                    node.setItemVisibilityChecked(True)
                    switched.append(node)
                node = node.parent()
        return switched
