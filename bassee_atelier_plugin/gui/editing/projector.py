"""Projector mode: the map alone on the wall, big theme buttons, one key per scale.

In the workshop room the projected canvas is the shared working surface; docks,
toolbars and menus are noise at 4 m. Entering hides them all and remembers exactly
what was shown, so leaving gives the facilitator back their own layout. The number
keys, H and Esc are read by an event filter on the canvas only while the mode is on:
the rest of the time they mean nothing special, and nothing is left behind.
"""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import Qgis, QgsFeatureRequest, QgsGeometry, QgsProject, QgsRectangle
from qgis.gui import QgsMapTool
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import QAction

from bassee_atelier_plugin.core.model.schema import COMMUNES_TABLE
from bassee_atelier_plugin.core.presentation.project import PROJECTOR_STYLE_NAME
from bassee_atelier_plugin.core.presentation.symbology import labels_show_at
from bassee_atelier_plugin.gui.editing.atelier_in_project import AtelierInProject, themes_in_use
from bassee_atelier_plugin.gui.editing.history import REDO_KEYS, UNDO_KEYS
from bassee_atelier_plugin.gui.editing.map_tools import drawing_in_progress
from bassee_atelier_plugin.gui.editing.overlay_look import MARGIN
from bassee_atelier_plugin.gui.editing.projector_framing import frame, map_beside, pointed_place, to_canvas
from bassee_atelier_plugin.gui.editing.projector_overlays import ShortcutHelp, TermPalette, ThemeLegend
from bassee_atelier_plugin.gui.editing.projector_window import SavedLook
from bassee_atelier_plugin.toolbelt.i18n import tr

TOGGLE_SHORTCUT = QKeySequence("Ctrl+F11")  # QGIS 3.22 binds F11 (full screen) and F5 (refresh), not this
SITE_SCALE = 5000  # "croisement des échelles": one site, read at 1:5,000
TERRITORY_PADDING = 1.12  # room for the labels that stick out of the territory
COMMUNE_PADDING = 1.25  # the neighbours' edges stay in view: a commune is read in its setting
LEGEND_REFRESH_MS = 150  # a burst of repaints (undo, redo, votes) refreshes the legend once
MESSAGE_TITLE = "Atelier des Territoires"
MESSAGE_SECONDS = 4

SCALE_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)
HELP_KEYS = (Qt.Key.Key_H, Qt.Key.Key_Question)
HANDLED_KEYS = (*SCALE_KEYS, *HELP_KEYS, Qt.Key.Key_Escape)
# Modifiers a handled key may come with: the keypad's digits, the Shift that types "?".
IGNORED_MODIFIERS = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


def shortcut_list() -> list[tuple[str, str]]:
    """(keys, what they do), in the order a facilitator needs them."""
    native = QKeySequence.SequenceFormat.NativeText
    return [
        ("1", tr("Whole territory")),
        ("2", tr("Commune under the pointer")),
        ("3", tr("Site under the pointer, at 1:5,000")),
        (tr("Click a theme"), tr("Place a stake of that theme")),
        (UNDO_KEYS.toString(native), tr("Undo")),
        (REDO_KEYS.toString(native), tr("Redo")),
        (tr("H or ?"), tr("Show or hide this help")),
        (TOGGLE_SHORTCUT.toString(native), tr("Projector mode on or off")),
        (tr("Esc"), tr("Leave projector mode")),
    ]


# -- the mode ------------------------------------------------------------------------------


class ProjectorMode(QObject):
    """Full-screen canvas with a theme palette, a legend, scale keys and a help overlay.

    ``arm_theme(code)`` arms the stake tool of a theme and ``arm_sketch(kind)`` the
    sketch tool of a kind; both come from the live dock. Without ``arm_theme`` the theme
    buttons are shown disabled; without ``arm_sketch`` there are no sketch buttons.
    ``action`` (checkable, Ctrl+F11) belongs to the main window so that its shortcut
    works with the menus hidden; put it in a menu or toolbar as well if wanted.
    """

    def __init__(
        self,
        iface,
        arm_theme: Callable[[str], object] | None = None,
        arm_sketch: Callable[[str], object] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.arm_theme = arm_theme
        self.arm_sketch = arm_sketch
        self.atelier: AtelierInProject | None = None
        self.palette: TermPalette | None = None
        self.legend: ThemeLegend | None = None
        self.help: ShortcutHelp | None = None
        self._saved: SavedLook | None = None
        self._palette_tool: QgsMapTool | None = None  # the map tool the palette armed last
        self._unlabelled: list = []  # layers the mode took out of labelling: none of their labels shows
        # The window goes full screen some time after enter(): until the facilitator moves the
        # map, each resize frames the territory again, so that it opens clear of the overlays.
        self._territory_held = False
        self._legend_timer = QTimer(self)
        self._legend_timer.setSingleShot(True)
        self._legend_timer.setInterval(LEGEND_REFRESH_MS)
        self._legend_timer.timeout.connect(self.refresh)

        main_window = iface.mainWindow()
        self.action = QAction(tr("Projector mode"), main_window)
        self.action.setObjectName("BasseeAtelierProjectorAction")
        self.action.setCheckable(True)
        self.action.setShortcut(TOGGLE_SHORTCUT)
        self.action.setToolTip(tr("Full-screen map for the projector ({keys})").format(keys=TOGGLE_SHORTCUT.toString()))
        self.action.toggled.connect(self._follow_action)
        main_window.addAction(self.action)

    @property
    def is_active(self) -> bool:
        return self._saved is not None

    def toggle(self) -> None:
        if self.is_active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> bool:
        """Show the map alone, full screen; False (and a message) when no atelier is open."""
        if self.is_active:
            return True
        self.atelier = AtelierInProject.find(QgsProject.instance())
        if self.atelier is None:
            self.iface.messageBar().pushMessage(
                MESSAGE_TITLE,
                tr("Open an atelier first: projector mode shows its themes."),
                Qgis.MessageLevel.Info,
                MESSAGE_SECONDS,
            )
            self.action.setChecked(False)
            return False
        self._saved = SavedLook.hide_window_furniture(self.iface.mainWindow(), self.canvas)
        self._saved.styles = self.atelier.switch_styles(PROJECTOR_STYLE_NAME)
        self._saved.checked_nodes = self.atelier.show_context()
        self._build_overlays()
        self.canvas.scaleChanged.connect(self._fit_labelling)
        self.zoom_to_territory()  # the whole territory first, beside the palette and the legend
        self._fit_labelling()
        for layer in self.atelier.stake_layers():
            layer.repaintRequested.connect(self._legend_timer.start)
            layer.dataChanged.connect(self._legend_timer.start)
        QgsProject.instance().cleared.connect(self.leave)
        self.canvas.installEventFilter(self)
        self.canvas.viewport().installEventFilter(self)
        self.canvas.mapToolSet.connect(self._tool_changed)
        self.canvas.setFocus()
        self.canvas.refresh()
        self.action.setChecked(True)
        return True

    def leave(self) -> None:
        """Give back the window, the styles and the layer visibility exactly as they were."""
        if not self.is_active:
            return
        saved, self._saved = self._saved, None
        self.canvas.removeEventFilter(self)
        self.canvas.viewport().removeEventFilter(self)
        self._territory_held = False
        self.canvas.mapToolSet.disconnect(self._tool_changed)
        self._palette_tool = None
        QgsProject.instance().cleared.disconnect(self.leave)
        self._legend_timer.stop()
        self.canvas.scaleChanged.disconnect(self._fit_labelling)
        for layer in self._unlabelled:  # before the styles go back: the projector look keeps its labels
            if not sip.isdeleted(layer):
                layer.setLabelsEnabled(True)
        self._unlabelled = []
        for layer in self.atelier.stake_layers():
            if not sip.isdeleted(layer):
                layer.repaintRequested.disconnect(self._legend_timer.start)
                layer.dataChanged.disconnect(self._legend_timer.start)
        for overlay in (self.palette, self.help, self.legend):
            overlay.deleteLater()
        self.palette = self.legend = self.help = None
        saved.put_back(self.iface.mainWindow(), self.canvas)
        self.atelier = None
        self.canvas.refresh()
        self.action.setChecked(False)

    def unload(self) -> None:
        """Leave the mode and take the action away: the plugin is being unloaded."""
        self.leave()
        self.iface.mainWindow().removeAction(self.action)
        self.action.deleteLater()

    def refresh(self) -> None:
        """List again the themes in use; the live dock may call it after a change."""
        if self.legend is None:
            return
        self._fit_labelling()  # a layer's count may have crossed a threshold of labels_by_count
        in_use = themes_in_use(self.atelier.stake_layers())
        self.legend.show_themes([term for term in self.atelier.themes if term["code"] in in_use])
        self._place_overlays()

    def toggle_help(self) -> None:
        if self.help is not None:
            self.help.setVisible(not self.help.isVisible())
            self.help.raise_()

    def _fit_labelling(self, _scale: float | None = None) -> None:
        """Take out of labelling the layers none of whose labels shows at the canvas's scale, and back in.

        After a click only the changed layer is drawn again, the others and the labels coming from
        the canvas's cache, unless the changed layer takes part in labelling (docs/benchmarks.md).
        """
        for layer in self.atelier.layers.values():
            if sip.isdeleted(layer) or not (layer.labelsEnabled() or layer in self._unlabelled):
                continue
            shown = labels_show_at(layer, self.canvas.scale())
            if shown == layer.labelsEnabled():
                continue
            layer.setLabelsEnabled(shown)
            if shown:
                self._unlabelled.remove(layer)
                layer.triggerRepaint()
            else:
                self._unlabelled.append(layer)

    # -- the scales ("croisement des échelles") ----------------------------------------------

    def zoom_to_territory(self) -> None:
        layer = self.atelier.territory_layer()
        if layer is not None:
            extent = to_canvas(self.canvas, layer).transformBoundingBox(layer.extent())
            frame(self.canvas, extent, TERRITORY_PADDING)
            self._territory_held = True

    def zoom_to_commune(self) -> None:
        layer = self.atelier.layers.get(COMMUNES_TABLE)
        if layer is None:
            return
        to_layer = to_canvas(self.canvas, layer)
        point = to_layer.transform(pointed_place(self.canvas), Qgis.TransformDirection.Reverse)
        request = QgsFeatureRequest().setFilterRect(QgsRectangle(point, point)).setNoAttributes()
        spot = QgsGeometry.fromPointXY(point)
        commune = next((feature for feature in layer.getFeatures(request) if feature.geometry().contains(spot)), None)
        if commune is None:
            self.iface.messageBar().pushMessage(
                MESSAGE_TITLE,
                tr("No commune here: point at one of the territory."),
                Qgis.MessageLevel.Info,
                MESSAGE_SECONDS,
            )
            return
        extent = to_layer.transformBoundingBox(commune.geometry().boundingBox())
        frame(self.canvas, extent, COMMUNE_PADDING)

    def zoom_to_site(self) -> None:
        self.canvas.setCenter(pointed_place(self.canvas))
        self.canvas.zoomScale(SITE_SCALE)

    # -- keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is not self.canvas:  # the viewport: a press or a wheel is the facilitator moving the map
            if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
                self._territory_held = False
            return False
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._resized)
            return False
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if event.key() not in HANDLED_KEYS or event.modifiers() & ~IGNORED_MODIFIERS:
            return False
        if event.key() == Qt.Key.Key_Escape and drawing_in_progress(self.canvas.mapTool()):
            return False  # Esc first cancels the drawing under way; pressed again, it leaves the mode
        event.accept()  # a ShortcutOverride accepted: no QGIS shortcut takes the key from the mode
        if event.type() == QEvent.Type.KeyPress:
            self._press(event.key())
        return True

    def _resized(self) -> None:
        self._place_overlays()
        if self._territory_held:
            self.zoom_to_territory()

    def _press(self, key: int) -> None:
        self._territory_held = False
        if key == Qt.Key.Key_Escape:
            if self.help.isVisible():
                self.help.hide()
            else:
                self.leave()
        elif key in HELP_KEYS:
            self.toggle_help()
        else:
            (self.zoom_to_territory, self.zoom_to_commune, self.zoom_to_site)[SCALE_KEYS.index(key)]()

    # -- which button is armed ------------------------------------------------------------

    def _shown_when_armed(self, arm: Callable[[str], object] | None) -> Callable[[str], object] | None:
        """``arm``, and the palette then frames the button until another map tool takes over."""
        if arm is None:
            return None

        def arm_and_show(code: str) -> None:
            arm(code)
            self._palette_tool = self.canvas.mapTool()
            self.palette.show_armed(code)

        return arm_and_show

    def _tool_changed(self, new_tool: QgsMapTool, _old_tool: QgsMapTool) -> None:
        if new_tool is not self._palette_tool and self.palette is not None:
            self._palette_tool = None
            self.palette.show_armed(None)

    def _follow_action(self, checked: bool) -> None:
        if checked != self.is_active:
            self.toggle()

    # -- the overlays ----------------------------------------------------------------------

    def _build_overlays(self) -> None:
        self.palette = TermPalette(self.canvas)
        self.palette.add_section(tr("Stakes"), self.atelier.themes, self._shown_when_armed(self.arm_theme))
        if self.arm_sketch is not None:
            self.palette.add_section(tr("Sketches"), self.atelier.sketch_kinds, self._shown_when_armed(self.arm_sketch))
        self.palette.add_hint(tr("H: shortcuts · Esc: leave"))
        self.legend = ThemeLegend(self.canvas)
        self.help = ShortcutHelp(self.canvas, shortcut_list())
        self.palette.show()
        self.refresh()

    def _place_overlays(self) -> None:
        """Palette down the left edge, legend along the bottom, the map in the room they leave, help in the middle."""
        if self.palette is None:
            return
        area = self.canvas.rect()  # the whole canvas: the map's own viewport is what the overlays leave
        self.palette.fit(area.height() - 2 * MARGIN)
        self.palette.move(area.topLeft() + QPoint(MARGIN, MARGIN))
        beside_palette = self.palette.geometry().right() + 1 + MARGIN
        self.legend.fit(area.right() + 1 - beside_palette - MARGIN)
        self.legend.move(beside_palette, area.bottom() + 1 - self.legend.height() - MARGIN)
        if not map_beside(self.canvas, self.palette, self.legend, self._saved.canvas_style):
            self.legend.fit(0)  # a screen too small for the map beside them: one column, in the corner, over the map
            corner = QPoint(self.legend.width() + MARGIN - 1, self.legend.height() + MARGIN - 1)
            self.legend.move(area.bottomRight() - corner)
        self.help.adjustSize()
        self.help.move(area.center() - self.help.rect().center())
        for overlay in (self.palette, self.legend, self.help):
            overlay.raise_()
