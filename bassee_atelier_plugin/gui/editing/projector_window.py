"""What projector mode changes in QGIS's window and layers, saved on entering to be put back exactly on leaving."""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import QgsLabelingEngineSettings, QgsProject
from qgis.gui import QgsMapCanvas
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, Qt
from qgis.PyQt.QtWidgets import QDockWidget, QMainWindow, QMenuBar, QStatusBar, QToolBar, QWidget

from bassee_atelier_plugin.gui.editing.projector_framing import whole_labels_only


@dataclass
class SavedLook:
    """What entering changed, to put back exactly on leave."""

    window_state: Qt.WindowState
    docks_and_toolbars: QByteArray
    shown_bars: list[QWidget]  # the menu and status bars that were shown
    canvas_style: str  # the canvas's own style sheet: the mode adds the room it leaves the overlays
    labeling: QgsLabelingEngineSettings  # the canvas's: the mode draws no label cut by the map's edge
    styles: dict[str, str] = field(default_factory=dict)  # layer id -> its style before
    checked_nodes: list = field(default_factory=list)  # layer-tree nodes switched on to show the context

    @classmethod
    def hide_window_furniture(cls, window: QMainWindow, canvas: QgsMapCanvas) -> SavedLook:
        """Hide every dock, toolbar, menu bar and status bar; go full screen; only whole labels on the map."""
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        bars = [bar for kind in (QMenuBar, QStatusBar) for bar in window.findChildren(kind, options=direct)]
        saved = cls(
            window_state=window.windowState(),
            docks_and_toolbars=window.saveState(),
            shown_bars=[bar for bar in bars if not bar.isHidden()],
            canvas_style=canvas.styleSheet(),
            labeling=canvas.labelingEngineSettings(),
        )
        whole_labels_only(canvas)
        window.showFullScreen()  # first: going full screen may lay out (and show) the bars again
        for kind in (QDockWidget, QToolBar, QMenuBar, QStatusBar):
            for widget in window.findChildren(kind, options=direct):
                widget.hide()
        return saved

    def put_back(self, window: QMainWindow, canvas: QgsMapCanvas) -> None:
        """The layers' styles and visibility, the canvas, then the window, as they were before entering."""
        project = QgsProject.instance()
        for layer_id, style_name in self.styles.items():
            layer = project.mapLayer(layer_id)
            if layer is not None:
                layer.styleManager().setCurrentStyle(style_name)
        for node in self.checked_nodes:
            if not sip.isdeleted(node):
                node.setItemVisibilityChecked(False)
        canvas.setStyleSheet(self.canvas_style)
        canvas.setLabelingEngineSettings(self.labeling)
        window.setWindowState(self.window_state)
        window.restoreState(self.docks_and_toolbars)  # visibility, places and tab order of docks and toolbars
        for bar in self.shown_bars:
            bar.show()
