"""What every dock editing the atelier open in the project is built on: its notice, its map tool, its body."""

from __future__ import annotations

from collections.abc import Callable

from qgis.gui import QgsDockWidget, QgsMapTool
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.toolbelt.i18n import tr


class AtelierNotice(QWidget):
    """What a dock shows instead of its tools: no atelier open (and a button to open one), or why it is read-only."""

    def __init__(self, open_atelier: Callable[[], object], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.missing = QWidget()
        missing_layout = QVBoxLayout(self.missing)
        missing_layout.addWidget(QLabel(tr("No atelier is open in the project.")))
        self.open_button = QPushButton(tr("Open atelier…"))
        self.open_button.clicked.connect(lambda _checked=False: open_atelier())
        missing_layout.addWidget(self.open_button)
        missing_layout.addStretch()
        self.refusal_label = QLabel()
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setStyleSheet("background: #fde0dc; color: #8a1c12; padding: 6px; font-weight: bold;")
        layout.addWidget(self.missing)
        layout.addWidget(self.refusal_label)

    def show_state(self, session: LiveSession) -> None:
        self.missing.setVisible(session.atelier is None and session.refusal is None)
        self.refusal_label.setVisible(session.refusal is not None)
        self.refusal_label.setText(session.refusal or "")


class AtelierDock(QgsDockWidget):
    """A dock editing the atelier open in the project, through a live session shared with other docks or its own."""

    def __init__(self, title: str, name: str, iface, open_atelier: Callable[[], object], parent, session):
        super().__init__(title, parent)
        self.setObjectName(name)
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.session = session if session is not None else LiveSession(iface, self)
        self.notice = AtelierNotice(open_atelier)
        self.tool: QgsMapTool | None = None  # the dock's map tool in use, if any

    def follow_project(self) -> None:
        """Once the dock is built: follow the project's atelier while shown; another map tool disarms the dock's."""
        self.session.atelier_changed.connect(self._atelier_changed)
        self.canvas.mapToolSet.connect(self._tool_changed)
        self.visibilityChanged.connect(self._follow)
        self._atelier_changed()

    def _atelier_changed(self) -> None:
        """Show the atelier now open in the project: each dock that follows the project says how."""
        raise NotImplementedError(f"{type(self).__name__} follows the project but does not say how it shows it")

    def _follow(self, visible: bool) -> None:
        self.session.follow(self, visible)
        if not visible:
            self._disarm()

    def close_session(self) -> None:
        self._disarm()
        self.session.follow(self, False)
        self.session.close()

    def use_tool(self, tool: QgsMapTool) -> None:
        self.tool = tool
        self.canvas.setMapTool(tool)
        self.canvas.setFocus()

    def _disarm(self) -> None:
        """Put the dock's map tool away (a dock unchecks its buttons too)."""
        if self.tool is not None and self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)
        self.tool = None

    def _tool_changed(self, new_tool: QgsMapTool, _old_tool: QgsMapTool) -> None:
        """Another map tool (pan, QGIS's own) took over: no button of the dock stays armed."""
        if self.tool is not None and new_tool is not self.tool:
            self.tool = None
            self._disarm()

    def set_body(self, editing: QWidget) -> QWidget:
        """The dock's content: the notice, then ``editing``, scrolled up and down, never sideways."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.notice)
        body_layout.addWidget(editing)
        scroll.setWidget(body)
        self.setWidget(scroll)
        return body

    def fit_width(self) -> None:
        """As wide as the content needs, so that nothing is cut on the right (call once it is built)."""
        scroll = self.widget()
        needed = scroll.widget().minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(needed + 2 * scroll.frameWidth())
