"""Projector mode: the map alone on the wall, big theme buttons, one key per scale.

In the workshop room the projected canvas is the shared working surface; docks,
toolbars and menus are noise at 4 m. Entering hides them all and remembers exactly
what was shown, so leaving gives the facilitator back their own layout. The number
keys, H and Esc are read by an event filter on the canvas only while the mode is on:
the rest of the time they mean nothing special, and nothing is left behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsLayerTreeLayer,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapTool
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, Qt, QTimer
from qgis.PyQt.QtGui import QCursor, QFont, QKeySequence
from qgis.PyQt.QtWidgets import (
    QAction,
    QDockWidget,
    QFrame,
    QGridLayout,
    QLabel,
    QMenuBar,
    QPushButton,
    QStatusBar,
    QToolBar,
    QWidget,
)

from bassee_atelier_plugin.core.atelier.atelier import Atelier, thesaurus_terms
from bassee_atelier_plugin.core.editing.geometry_checks import TERRITORY_TABLES
from bassee_atelier_plugin.core.model.schema import COMMUNES_TABLE, STAKE_TABLES, TABLE_BY_NAME
from bassee_atelier_plugin.core.presentation.project import PROJECTOR_STYLE_NAME, layer_table
from bassee_atelier_plugin.gui.atelier.loader import find_atelier_group
from bassee_atelier_plugin.gui.editing.live_dock import REDO_KEYS, UNDO_KEYS, text_colour_on
from bassee_atelier_plugin.gui.editing.live_session import project_atelier_location
from bassee_atelier_plugin.gui.editing.map_tools import drawing_in_progress
from bassee_atelier_plugin.toolbelt.i18n import tr, user_language

TOGGLE_SHORTCUT = QKeySequence("Ctrl+F11")  # QGIS 3.22 binds F11 (full screen) and F5 (refresh), not this
SITE_SCALE = 5000  # "croisement des échelles": one site, read at 1:5,000
TEXT_PIXELS = 28  # legible at 4 m: at least 24 px on a 1920x1080 projector
SMALL_TEXT_PIXELS = 24
BUTTON_HEIGHT = 52
ARMED_BORDER_PIXELS = 6  # the armed button's white frame: seen from the back of the room
MARGIN = 20  # between the overlays and the canvas edges
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

# (background, text colour) of the overlays
DARK_PANEL = ("background-color: rgba(20, 20, 20, 235); border-radius: 14px;", "#ffffff")
LIGHT_PANEL = ("background-color: rgba(255, 255, 255, 235); border: 2px solid #404040; border-radius: 12px;", "#111111")


def overlay_font(pixels: int = TEXT_PIXELS, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def overlay_label(text: str = "", pixels: int = TEXT_PIXELS, bold: bool = False) -> QLabel:
    """A label in projector size: set on the label itself, as a stylesheet stops fonts passing down."""
    label = QLabel(text)
    label.setFont(overlay_font(pixels, bold))
    return label


def panel_style(object_name: str, panel: tuple[str, str]) -> str:
    """A stylesheet for an overlay: its background, and the colour of its texts."""
    background, text_colour = panel
    return (
        f"#{object_name} {{ {background} }} QLabel {{ color: {text_colour}; background: transparent; border: none; }}"
    )


def term_label(term: dict) -> str:
    """A thesaurus term in the language QGIS speaks."""
    return term["label_fr"] if user_language() == "fr" else term["label_en"]


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
        path = project_atelier_location(project)
        group = find_atelier_group(project, path) if path else None
        if group is None:
            return None
        atelier = Atelier.open(path, upgrade=False)
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


# -- the overlays --------------------------------------------------------------------------


class TermPalette(QFrame):
    """Large buttons in the thesaurus colours: one click arms the tool of a theme (or sketch kind).

    The buttons run down the left edge, in as many columns as the screen's height needs.
    """

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("ProjectorPalette")
        self.setStyleSheet(panel_style("ProjectorPalette", DARK_PANEL))
        self.buttons: dict[str, QPushButton] = {}
        self._items: list[QWidget] = []  # headings, buttons and the hint, top to bottom
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(14, 10, 14, 14)
        self._grid.setSpacing(6)

    def add_section(self, title: str, terms: list[dict], arm: Callable[[str], object] | None) -> None:
        self._add(overlay_label(title, bold=True))
        for term in terms:
            self._add(self._button(term, arm))

    def add_hint(self, text: str) -> None:
        hint = overlay_label(text, SMALL_TEXT_PIXELS)
        hint.setStyleSheet("color: #d0d0d0; padding-top: 6px;")
        self._add(hint)

    def fit(self, height: int) -> None:
        """Spread the items over as many columns as it takes for none to go below ``height``."""
        margins = self._grid.contentsMargins()
        room = height - margins.top() - margins.bottom()
        while self._grid.count():
            self._grid.takeAt(0)
        row = column = used = 0
        for item in self._items:
            needed = item.sizeHint().expandedTo(item.minimumSize()).height() + self._grid.spacing()
            if row and used + needed > room:
                row, column, used = 0, column + 1, 0
            self._grid.addWidget(item, row, column)
            row, used = row + 1, used + needed
        self.adjustSize()

    def show_armed(self, code: str | None) -> None:
        """Frame the button of the theme or sketch kind the map tool now draws, and only it."""
        for button_code, button in self.buttons.items():
            button.setChecked(button_code == code)

    def _add(self, item: QWidget) -> None:
        self._items.append(item)
        self._grid.addWidget(item, len(self._items) - 1, 0)

    def _button(self, term: dict, arm: Callable[[str], object] | None) -> QPushButton:
        colour = term["colour"]
        button = QPushButton(term_label(term))
        button.setObjectName(f"term_{term['code']}")
        button.setFont(overlay_font(bold=True))
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the canvas keeps the keys
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setCheckable(True)  # checked: the armed one, as the map tool says (show_armed)
        button.setStyleSheet(
            f"QPushButton {{ background-color: {colour}; color: {text_colour_on(colour)}; text-align: left;"
            " border: 2px solid rgba(255, 255, 255, 110); border-radius: 10px; padding: 4px 16px; }"
            "QPushButton:pressed { border-color: #ffffff; }"
            f"QPushButton:checked {{ border: {ARMED_BORDER_PIXELS}px solid #ffffff; }}"
            "QPushButton:disabled { color: rgba(0, 0, 0, 110); }"
        )
        if arm is None:
            button.setEnabled(False)
        else:
            code = term["code"]
            button.clicked.connect(lambda _checked=False: arm(code))
        self.buttons[term["code"]] = button
        return button


class ThemeLegend(QFrame):
    """The themes on the map right now, so the room reads the colours without asking."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("ProjectorLegend")
        self.setStyleSheet(panel_style("ProjectorLegend", LIGHT_PANEL))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(16, 10, 20, 14)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(6)
        self.labels: dict[str, QLabel] = {}

    def show_themes(self, terms: list[dict]) -> None:
        """List ``terms``, in the order given; an empty legend is not shown at all."""
        while self._grid.count():
            self._grid.takeAt(0).widget().deleteLater()
        self.labels = {}
        self._grid.addWidget(overlay_label(tr("Themes on the map"), bold=True), 0, 0, 1, 2)
        for row, term in enumerate(terms, start=1):
            swatch = QLabel()
            swatch.setFixedSize(TEXT_PIXELS, TEXT_PIXELS)
            swatch.setStyleSheet(f"background-color: {term['colour']}; border: 2px solid #202020; border-radius: 4px;")
            label = overlay_label(term_label(term))
            self._grid.addWidget(swatch, row, 0)
            self._grid.addWidget(label, row, 1)
            self.labels[term["code"]] = label
        for index in range(self._grid.count()):  # Qt would show them later: too late for adjustSize to count them
            self._grid.itemAt(index).widget().show()
        self.adjustSize()
        self.setVisible(bool(terms))


class ShortcutHelp(QFrame):
    """The keys of projector mode, big enough for the facilitator to read them from the room."""

    def __init__(self, parent: QWidget, shortcuts: list[tuple[str, str]]):
        super().__init__(parent)
        self.setObjectName("ProjectorHelp")
        self.setStyleSheet(panel_style("ProjectorHelp", DARK_PANEL))
        grid = QGridLayout(self)
        grid.setContentsMargins(40, 28, 40, 32)
        grid.setHorizontalSpacing(36)
        grid.setVerticalSpacing(12)
        grid.addWidget(overlay_label(tr("Projector mode: keyboard shortcuts"), TEXT_PIXELS + 6, bold=True), 0, 0, 1, 2)
        self.rows: list[tuple[str, str]] = shortcuts
        for row, (keys, meaning) in enumerate(shortcuts, start=1):
            key_label = overlay_label(keys, bold=True)
            key_label.setStyleSheet("color: #ffd54f;")
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(overlay_label(meaning), row, 1)
        self.adjustSize()
        self.hide()


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


@dataclass
class _SavedLook:
    """What entering changed, to put back exactly on leave."""

    window_state: Qt.WindowState
    docks_and_toolbars: QByteArray
    shown_bars: list[QWidget]  # the menu and status bars that were shown
    styles: dict[str, str] = field(default_factory=dict)  # layer id -> its style before
    checked_nodes: list = field(default_factory=list)  # layer-tree nodes switched on to show the context


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
        self._saved: _SavedLook | None = None
        self._palette_tool: QgsMapTool | None = None  # the map tool the palette armed last
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
        self._saved = self._hide_window_furniture()
        self._saved.styles = self._switch_styles(PROJECTOR_STYLE_NAME)
        self._saved.checked_nodes = self._show_context()
        self._build_overlays()
        self.zoom_to_territory()  # the whole territory first, clear of the palette and the legend
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
        for layer in self.atelier.stake_layers():
            if not sip.isdeleted(layer):
                layer.repaintRequested.disconnect(self._legend_timer.start)
                layer.dataChanged.disconnect(self._legend_timer.start)
        for overlay in (self.palette, self.help, self.legend):
            overlay.deleteLater()
        self.palette = self.legend = self.help = None
        self._restore_styles(saved.styles)
        for node in saved.checked_nodes:
            if not sip.isdeleted(node):
                node.setItemVisibilityChecked(False)
        self._restore_window_furniture(saved)
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
        in_use = themes_in_use(self.atelier.stake_layers())
        self.legend.show_themes([term for term in self.atelier.themes if term["code"] in in_use])
        self._place_overlays()

    def toggle_help(self) -> None:
        if self.help is not None:
            self.help.setVisible(not self.help.isVisible())
            self.help.raise_()

    # -- the scales ("croisement des échelles") ----------------------------------------------

    def zoom_to_territory(self) -> None:
        layer = self.atelier.territory_layer()
        if layer is not None:
            self._frame(self._to_canvas(layer).transformBoundingBox(layer.extent()), TERRITORY_PADDING)
            self._territory_held = True

    def zoom_to_commune(self) -> None:
        layer = self.atelier.layers.get(COMMUNES_TABLE)
        if layer is None:
            return
        to_layer = self._to_canvas(layer)
        point = to_layer.transform(self._pointed_place(), Qgis.TransformDirection.Reverse)
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
        self._frame(to_layer.transformBoundingBox(commune.geometry().boundingBox()), COMMUNE_PADDING)

    def zoom_to_site(self) -> None:
        self.canvas.setCenter(self._pointed_place())
        self.canvas.zoomScale(SITE_SCALE)

    def _pointed_place(self) -> QgsPointXY:
        """Where the mouse points on the map, or the map's centre when it is elsewhere."""
        viewport = self.canvas.viewport()
        pointer = viewport.mapFromGlobal(QCursor.pos())
        if viewport.rect().contains(pointer):
            return self.canvas.getCoordinateTransform().toMapCoordinates(pointer)
        return self.canvas.center()

    def _frame(self, extent: QgsRectangle, padding: float) -> None:
        """Show ``extent`` as large as it can be where neither the palette nor the legend covers it."""
        map_area = self.canvas.viewport().geometry()  # like the overlays, in the canvas's coordinates

        def units_per_pixel(area: QRect) -> float:
            return padding * max(extent.width() / area.width(), extent.height() / area.height())

        free = min(self._uncovered_areas(map_area), key=units_per_pixel, default=map_area)
        shift = free.center() - map_area.center()  # in pixels, y downwards
        scale = units_per_pixel(free)
        centre = QgsPointXY(extent.center().x() - shift.x() * scale, extent.center().y() + shift.y() * scale)
        self.canvas.setExtent(
            QgsRectangle.fromCenterAndSize(centre, map_area.width() * scale, map_area.height() * scale)
        )
        self.canvas.refresh()

    def _uncovered_areas(self, map_area: QRect) -> list[QRect]:
        """Rectangles of the map that no overlay covers, big enough to be worth framing in.

        On a small screen there are none: a place is better shown big under the overlays.
        """
        beside_palette = map_area.adjusted(self.palette.geometry().right() + MARGIN - map_area.left(), 0, 0, 0)
        areas = [beside_palette]
        if self.legend.isVisible():
            legend = self.legend.geometry()
            areas = [
                beside_palette.adjusted(0, 0, 0, legend.top() - MARGIN - map_area.bottom()),
                beside_palette.adjusted(0, 0, legend.left() - MARGIN - map_area.right(), 0),
            ]
        return [
            area for area in areas if area.width() >= map_area.width() / 2 and area.height() >= map_area.height() / 2
        ]

    def _to_canvas(self, layer: QgsVectorLayer) -> QgsCoordinateTransform:
        return QgsCoordinateTransform(layer.crs(), self.canvas.mapSettings().destinationCrs(), QgsProject.instance())

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

    # -- what entering changes, and how leaving puts it back ---------------------------------

    def _hide_window_furniture(self) -> _SavedLook:
        """Hide every dock, toolbar, menu bar and status bar; go full screen."""
        window = self.iface.mainWindow()
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        bars = [bar for kind in (QMenuBar, QStatusBar) for bar in window.findChildren(kind, options=direct)]
        saved = _SavedLook(
            window_state=window.windowState(),
            docks_and_toolbars=window.saveState(),
            shown_bars=[bar for bar in bars if not bar.isHidden()],
        )
        window.showFullScreen()  # first: going full screen may lay out (and show) the bars again
        for kind in (QDockWidget, QToolBar, QMenuBar, QStatusBar):
            for widget in window.findChildren(kind, options=direct):
                widget.hide()
        return saved

    def _restore_window_furniture(self, saved: _SavedLook) -> None:
        window = self.iface.mainWindow()
        window.setWindowState(saved.window_state)
        window.restoreState(saved.docks_and_toolbars)  # visibility, places and tab order of docks and toolbars
        for bar in saved.shown_bars:
            bar.show()

    def _switch_styles(self, style_name: str) -> dict[str, str]:
        """Put the atelier layers that have ``style_name`` in it; return their styles before."""
        before = {}
        for layer in self.atelier.layers.values():
            manager = layer.styleManager()
            if style_name in manager.styles():
                before[layer.id()] = manager.currentStyle()
                manager.setCurrentStyle(style_name)
        return before

    def _restore_styles(self, styles: dict[str, str]) -> None:
        project = QgsProject.instance()
        for layer_id, style_name in styles.items():
            layer = project.mapLayer(layer_id)
            if layer is not None:
                layer.styleManager().setCurrentStyle(style_name)

    def _show_context(self) -> list:
        """Switch on the context layers (and their groups) that were off; return those switched."""
        switched = []
        for node in self.atelier.context_nodes():
            while node is not None and node is not self.atelier.group.parent():
                if not node.itemVisibilityChecked():
                    node.setItemVisibilityChecked(True)
                    switched.append(node)
                node = node.parent()
        return switched

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
        """Palette on the left, legend in the bottom-right corner, help in the middle."""
        if self.palette is None:
            return
        area = self.canvas.viewport().geometry()
        self.palette.fit(area.height() - 2 * MARGIN)
        self.palette.move(area.topLeft() + QPoint(MARGIN, MARGIN))
        self.legend.adjustSize()
        self.legend.move(area.bottomRight() - QPoint(self.legend.width() + MARGIN, self.legend.height() + MARGIN))
        self.help.adjustSize()
        self.help.move(area.center() - self.help.rect().center())
        for overlay in (self.palette, self.legend, self.help):
            overlay.raise_()
