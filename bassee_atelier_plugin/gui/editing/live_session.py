"""The live workshop behind the dock: the atelier open in the project and its LiveEditor.

The session finds the atelier through the project's layer tree, turns canvas
geometries into the atelier's CRS, redraws the layer of each committed change and
turns every refusal of the core into a message in the message bar, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.editing.journalled import LiveResult
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import ATELIER_LOCATION_PROPERTY
from bassee_atelier_plugin.core.presentation.symbology import fit_labels_to_size
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

MESSAGE_TITLE = "Atelier des Territoires"
NEWS_SECONDS = 3  # "undone: vote" must not pile up in front of the map


def project_atelier_location(project: QgsProject) -> str | None:
    """Where the first atelier in the project's layer tree is (see Atelier.location), if there is one.

    For a file, the file its layers read, not the path its group was stamped with: a copy
    of an atelier opened from its own stored project still names the original there, and
    its edits must not land in the original.
    """
    from bassee_atelier_plugin.core.stores.registry import (
        location_read_by,  # the stores: imported when used, not at QGIS's start
    )

    for group in project.layerTreeRoot().findGroups(True):
        stored = group.customProperty(ATELIER_LOCATION_PROPERTY)
        if stored:
            layers = [node.layer() for node in group.findLayers() if node.layer() is not None]
            return (location_read_by(layers[0]) if layers else None) or stored
    return None


def atelier_layers(location: str) -> dict[str, QgsVectorLayer]:
    """The layers of the project that read the atelier at ``location``, by table name."""
    from bassee_atelier_plugin.core.stores.registry import (
        store_for,  # the stores: imported when used, not at QGIS's start
    )

    store = store_for(location)
    return {
        layer_table(layer): layer
        for layer in QgsProject.instance().mapLayers().values()
        if isinstance(layer, QgsVectorLayer) and store.shows(layer)
    }


def redraw_layer(layer: QgsVectorLayer) -> None:
    """Show a change committed to the file: the layer learns its new count and extent, then redraws."""
    layer.reload()
    fit_labels_to_size(layer)
    layer.triggerRepaint()


class LiveSession(QObject):
    """The live editing of the atelier open in the project, or why there is none."""

    atelier_changed = pyqtSignal()  # another atelier (or none) is now the one edited
    history_changed = pyqtSignal()  # undo/redo texts changed
    lists_changed = pyqtSignal()  # sessions, groups or actors were added
    choice_changed = pyqtSignal()  # another session or group now stamps what is drawn

    def __init__(self, iface, parent: QObject | None = None):
        super().__init__(parent)
        self.iface = iface
        self.atelier: Atelier | None = None
        self.editor: LiveEditor | None = None
        self.refusal: str | None = None  # why this atelier cannot be edited
        self._location: str | None = None
        self._followers: set[int] = set()  # the docks shown: while there is one, the project is followed

    # -- which atelier ----------------------------------------------------------------

    def refresh(self) -> None:
        """Follow the project: pick up the atelier just opened, drop the one removed."""
        location = project_atelier_location(QgsProject.instance())
        if location == self._location:
            return
        self.close()
        self._location = location
        if location is not None:
            from bassee_atelier_plugin.core.lifecycle.opening import (
                open_atelier,  # the stores: imported when used, not at QGIS's start
            )

            try:
                self.atelier = open_atelier(location)
                self.editor = LiveEditor(self.atelier, PluginSettings.load().author or None, self)
            except AtelierError as error:
                self.refusal = str(error)
            else:
                self.editor.changed.connect(self.redraw)
                self.editor.history_changed.connect(self.history_changed)
        self.atelier_changed.emit()
        self.history_changed.emit()

    def follow(self, follower: QObject, following: bool) -> None:
        """Follow the project while at least one dock using the session is shown (or held)."""
        was_following = bool(self._followers)
        (self._followers.add if following else self._followers.discard)(id(follower))
        if bool(self._followers) == was_following:
            return
        project = QgsProject.instance()
        for signal in (project.layersAdded, project.layersRemoved, project.cleared):
            (signal.connect if following else signal.disconnect)(self.refresh)
        if following:
            self.refresh()

    def close(self) -> None:
        if self.editor is not None:
            self.editor.close()
            self.editor.deleteLater()
        self.atelier = self.editor = self.refusal = self._location = None

    @property
    def is_editable(self) -> bool:
        return self.editor is not None

    def layers(self) -> dict[str, QgsVectorLayer]:
        """The atelier's layers in the project, by table name."""
        return atelier_layers(self._location) if self._location is not None else {}

    # -- doing things ------------------------------------------------------------------

    def run(self, operation: Callable[[LiveEditor], LiveResult | None]) -> LiveResult | None:
        """Run one editing operation; a refusal becomes a message, warnings are shown too."""
        if self.editor is None:
            self.report(
                self.refusal or tr("Open an atelier first: there is nothing to draw on."), Qgis.MessageLevel.Warning
            )
            return None
        try:
            result = operation(self.editor)
        except AtelierError as error:
            self.report(str(error), Qgis.MessageLevel.Critical)
            return None
        for warning in getattr(result, "warnings", None) or []:
            self.report(warning, Qgis.MessageLevel.Warning)
        return result

    def to_atelier_crs(self, geometry: QgsGeometry) -> QgsGeometry:
        """A copy of a canvas geometry in the atelier's CRS, where the core stores it."""
        geometry = QgsGeometry(geometry)
        canvas_crs = self.iface.mapCanvas().mapSettings().destinationCrs()
        atelier_crs = QgsCoordinateReferenceSystem(self.atelier.metadata.crs)
        if canvas_crs.isValid() and canvas_crs != atelier_crs:
            geometry.transform(QgsCoordinateTransform(canvas_crs, atelier_crs, QgsProject.instance()))
        return geometry

    def undo(self) -> None:
        self._step_history(LiveEditor.undo, tr("Undone: {what}"), tr("Nothing to undo."))

    def redo(self) -> None:
        self._step_history(LiveEditor.redo, tr("Redone: {what}"), tr("Nothing to redo."))

    def _step_history(self, step: Callable[[LiveEditor], str | None], done: str, nothing: str) -> None:
        what = self.run(step)
        if self.editor is not None:
            self.report(done.format(what=what) if what else nothing, Qgis.MessageLevel.Info)

    # -- sessions, groups, actors ----------------------------------------------------

    def choose(self, session_uuid: str | None, group_uuid: str | None) -> None:
        """What is drawn from now on, in any dock, belongs to this session and group."""
        if self.editor is None:
            return
        if (self.editor.session_uuid, self.editor.group_uuid) != (session_uuid, group_uuid):
            self.editor.session_uuid, self.editor.group_uuid = session_uuid, group_uuid
            self.choice_changed.emit()

    def chosen(self) -> tuple[str | None, str | None]:
        """The session and group that stamp what is drawn now."""
        if self.editor is None:
            return None, None
        return self.editor.session_uuid, self.editor.group_uuid

    def sessions(self) -> list[tuple[str, str]]:
        return self._choices("sessions", "title")

    def groups(self, session_uuid: str | None) -> list[tuple[str, str]]:
        return [
            (uuid, name)
            for uuid, name, owner in self._choices("session_groups", "name", "session_uuid")
            if owner == session_uuid
        ]

    def actors(self) -> list[tuple[str, str]]:
        return self._choices("actors", "name")

    def add_session(self, title: str) -> str | None:
        return self._add("sessions", {"kind": "atelier", "title": title})

    def add_group(self, name: str, session_uuid: str | None) -> str | None:
        return self._add("session_groups", {"name": name, "session_uuid": session_uuid})

    def _add(self, table: str, values: dict) -> str | None:
        """A new row of a list, committed and journalled like any other change (not undoable)."""
        result = self.run(lambda editor: LiveResult(table, editor.writer.insert(table, values)))
        if result is None:
            return None
        self.redraw(table)
        self.lists_changed.emit()
        return result.uuid

    def _choices(self, table: str, label: str, *more: str) -> list[tuple]:
        """(uuid, label, *more) of every row of ``table``, sorted by label."""
        if self.atelier is None:
            return []
        with self.atelier.dataset() as dataset:
            layer = dataset.GetLayerByName(table)
            rows = [tuple(feature.GetField(name) for name in ("uuid", label, *more)) for feature in layer]
        return sorted(rows, key=lambda row: (row[1] or "").lower())

    # -- feedback -------------------------------------------------------------------

    def report(self, message: str, level: Qgis.MessageLevel) -> None:
        duration = NEWS_SECONDS if level in (Qgis.MessageLevel.Info, Qgis.MessageLevel.Success) else 0
        self.iface.messageBar().pushMessage(tr(MESSAGE_TITLE), message, level, duration)
        log(message, level)

    def redraw(self, table: str) -> None:
        layer = self.layers().get(table)
        if layer is not None:
            redraw_layer(layer)
