"""Run by one QGIS on an atelier that another QGIS made: what a planner gets from it, as JSON.

    python -m tests.cross_version make ATELIER   make an atelier with this QGIS, with a few edits
    python -m tests.cross_version edit ATELIER   open it, read its stored project, edit it, describe it

The description holds what must survive a change of QGIS: each layer of the stored project
(valid or not, its renderer, categories, labels, form widgets), the relations and layouts, and
the features after an edit made through the plugin's live editor. The cross-version tests run
this module in two QGIS and compare what each saw.
"""

from __future__ import annotations

import json
import sys

from qgis.core import QgsApplication, QgsGeometry, QgsProject, QgsVectorLayer

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.project import project_uri
from tests.conftest import TERRITORY


def make(path: str) -> None:
    atelier = create_atelier(
        path, territory="CC Bassée-Montois", communes=TERRITORY / "bassee_montois_communes.geojson"
    )
    with writer(atelier, author="made") as edits:
        session = edits.insert("sessions", {"kind": "atelier", "title": "Atelier de juin"})
    editor = LiveEditor(atelier, author="Animatrice")
    editor.session_uuid = session
    try:
        editor.add_stake(QgsGeometry.fromWkt("POINT (716500 6812500)"), "mobilite", title="Gare de Longueville")
        editor.add_sketch(QgsGeometry.fromWkt("LINESTRING (710000 6810000, 720000 6815000)"), "flux")
    finally:
        editor.close()


def describe_layer(layer: QgsVectorLayer) -> dict:
    renderer = layer.renderer()
    form = layer.editFormConfig()
    return {
        "valid": layer.isValid(),
        "features": layer.featureCount(),
        "renderer": renderer.type() if renderer else None,
        "categories": len(renderer.categories()) if hasattr(renderer, "categories") else None,
        "labels": layer.labelsEnabled(),
        "widgets": {field.name(): field.editorWidgetSetup().type() for field in layer.fields()},
        "form_layout": int(form.layout()),
        "form_tabs": [tab.name() for tab in form.tabs()],
        "styles": sorted(layer.styleManager().styles()),
    }


def edit(path: str) -> dict:
    atelier = open_atelier(path)
    project = QgsProject()
    if not project.read(project_uri(atelier)):
        raise SystemExit(f"the stored project does not open: {project.error()}")
    layers = {layer.name(): describe_layer(layer) for layer in project.mapLayers().values()}
    stake_layer = QgsVectorLayer(atelier.layer_uri("stakes_point"), "stakes", "ogr")
    [stake] = list(stake_layer.getFeatures())
    editor = LiveEditor(atelier, author="Autre QGIS")
    try:
        editor.vote("stakes_point", stake["uuid"], +1)
        editor.add_stake(QgsGeometry.fromWkt("POINT (717000 6813000)"), "eau_risques", title="Crue de 1910")
    finally:
        editor.close()
    stake_layer.reload()
    return {
        "layers": layers,
        "relations": len(project.relationManager().relations()),
        "layouts": sorted(layout.name() for layout in project.layoutManager().layouts()),
        "stakes": sorted((feature["title"], feature["votes_for"]) for feature in stake_layer.getFeatures()),
    }


def main(command: str, path: str) -> None:
    application = QgsApplication([], False)
    application.initQgis()
    if command == "make":
        make(path)
    else:
        print(json.dumps(edit(path), sort_keys=True))
    application.exitQgis()


if __name__ == "__main__":
    main(*sys.argv[1:])
