"""Contributions from phones, from QGIS: the phones' server started and stopped by one checkable action.

Starting needs the atelier open in the project and the workshop's session chosen: the
phones' stakes belong to it. The phones see the map the canvas shows, drawn again a
moment after the facilitator moves it, without the stakes (the page draws those itself).
What the phones send is written by the server's threads; each write is announced here
on QGIS's main thread, where the stake's layer is redrawn and a notice shown on the map.
Unchecking the action, unloading the plugin or changing the project stops the server:
its port closes and its token is forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QObject, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QWidget

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES
from bassee_atelier_plugin.core.phones.contributions import ContributionDesk, Received
from bassee_atelier_plugin.core.phones.map_view import MapView, render_map_view
from bassee_atelier_plugin.gui.editing.live_session import LiveSession
from bassee_atelier_plugin.gui.phones.moderation import PhoneModerationDock
from bassee_atelier_plugin.gui.phones.overlays import CornerQr, MapNotice, QrScreen
from bassee_atelier_plugin.gui.phones.settings_dialog import PhoneSettingsDialog
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.resources import icon_path, installed
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

if TYPE_CHECKING:
    from bassee_atelier_plugin.core.phones.server import PhoneServer

REDRAW_DELAY_MS = 250  # votes arriving together redraw their layer once, still well within a second
VIEW_DELAY_MS = 1000  # a pan or a zoom is over by then: the phones' map is drawn once, not at every step
LOOPBACK = "127.0.0.1"


class PhoneContributions(QObject):
    """The phones' server while it runs, its QR codes and notices on the map, and the moderation dock.

    ``action`` (checkable) starts and stops the server; ``menu`` holds what goes with it:
    the QR code full screen again, the moderation dock, the settings.
    """

    state_changed = pyqtSignal()  # started or stopped
    received = pyqtSignal(object)  # a Received, on the main thread
    _arrived = pyqtSignal(object)  # emitted on a server's thread: queued to the main thread

    def __init__(
        self,
        iface,
        live_session: Callable[[], LiveSession],
        open_atelier: Callable[[], object],
        projector_active: Callable[[], bool],
        parent: QWidget,
    ):
        super().__init__(parent)
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.live_session = live_session
        self.open_atelier = open_atelier
        self.projector_active = projector_active
        self.server: PhoneServer | None = None
        self.session: LiveSession | None = None  # the one the server was started with
        self.corner_qr: CornerQr | None = None
        self.notice: MapNotice | None = None
        self.qr_screen: QrScreen | None = None
        self.dock: PhoneModerationDock | None = None
        self.settings_dialog: PhoneSettingsDialog | None = None
        self._view_timer = QTimer(self)
        self._view_timer.setSingleShot(True)
        self._view_timer.setInterval(VIEW_DELAY_MS)
        self._view_timer.timeout.connect(self._send_view)
        self._arrived.connect(self._on_arrival, Qt.ConnectionType.QueuedConnection)
        self._tables_to_redraw: set[str] = set()
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(REDRAW_DELAY_MS)
        self._redraw_timer.timeout.connect(self._redraw)

        self.action = QAction(QIcon(str(installed(icon_path("phones.svg")))), tr("Contributions from phones"), self)
        self.action.setObjectName("BasseeAtelierPhonesAction")
        self.action.setCheckable(True)
        self.action.setToolTip(tr("Phones in the room add stakes to the map and vote, through a QR code"))
        self.action.toggled.connect(self._follow_action)
        self.qr_action = self._action("PhoneQr", tr("Show the QR code"), self.show_qr_screen)
        self.qr_action.setEnabled(False)
        self.dock_action = self._action("PhoneModeration", tr("Moderate the contributions"), self.toggle_dock)
        self.dock_action.setCheckable(True)
        self.settings_action = self._action("PhoneSettings", tr("Settings of the phones…"), self.open_settings)
        self.menu = QMenu(tr("Phones in the room"), parent)
        self.menu.setObjectName("BasseeAtelierPhonesMenu")
        self.menu.setIcon(self.action.icon())
        self.menu.addActions([self.qr_action, self.dock_action, self.settings_action])

    def _action(self, key: str, text: str, callback: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"BasseeAtelier{key}Action")
        action.triggered.connect(lambda _checked=False: callback())
        return action

    @property
    def running(self) -> bool:
        return self.server is not None

    def session_uuid(self) -> str | None:
        """The workshop's session the phones contribute to, or the one chosen now when they cannot."""
        if self.server is not None:
            return self.server.desk.session_uuid
        return self.live_session().chosen()[0]

    # -- starting and stopping ------------------------------------------------------------

    def _follow_action(self, checked: bool) -> None:
        if checked and not self.running:
            self.start()
        elif not checked:
            self.stop()

    def start(self) -> bool:
        """Open the port and show the QR code full screen; False, with a message, when it cannot be."""
        if self.running:
            return True
        session = self.live_session()
        session.follow(self, True)  # the atelier open in the project, even with no dock shown
        try:
            self.server = self._serve(session)
        except AtelierError as error:
            session.follow(self, False)
            self.action.setChecked(False)
            session.report(str(error), Qgis.MessageLevel.Warning)
            return False
        self.session = session
        self._watch(True)
        self._show_overlays()
        self.qr_action.setEnabled(True)
        self.action.setChecked(True)
        if not PluginSettings.load().phone_host and self.server.host == LOOPBACK:
            session.report(
                tr("This computer is on no network: phones cannot reach it. Connect it to the room's Wi-Fi."),
                Qgis.MessageLevel.Warning,
            )
        if not self.projector_active():  # projector mode keeps the docks out of the room's sight
            self._show_dock_beside_map()
        self.state_changed.emit()
        self.show_qr_screen()
        return True

    def _serve(self, session: LiveSession) -> PhoneServer:
        if session.editor is None:
            raise AtelierError(session.refusal or tr("Open an atelier first: the phones add their stakes to it."))
        session_uuid = session.chosen()[0]
        if session_uuid is None:
            raise AtelierError(
                tr("Choose the workshop's session first (Live workshop dock): the phones' stakes belong to it.")
            )
        from bassee_atelier_plugin.core.phones.server import PhoneServer, lan_address  # http.server: when started

        settings = PluginSettings.load()
        desk = ContributionDesk(session.atelier, session_uuid, settings.phone_require_approval)
        server = PhoneServer(
            desk,
            settings.phone_host or lan_address(),
            settings.phone_port,
            self._map_view(session),
            settings.phone_requests_per_minute,
        )
        try:
            server.start()
        except AtelierError:
            desk.close()
            raise
        desk.received.append(self._arrived.emit)
        return server

    def stop(self) -> None:
        """Close the port: the token is forgotten, the QR codes go away with it."""
        server, self.server = self.server, None
        if server is None:
            return
        server.desk.received.clear()  # the desk is this object's alone: nothing more is announced
        server.stop()
        server.desk.close()
        self._watch(False)
        self._view_timer.stop()
        self._redraw_timer.stop()
        self._redraw()  # what the phones wrote last is on the map too
        for overlay in (self.corner_qr, self.notice, self.qr_screen):
            overlay.close()  # the full-screen code gives the keyboard back to QGIS's window
            overlay.deleteLater()
        self.corner_qr = self.notice = self.qr_screen = None
        self.session.follow(self, False)
        self.qr_action.setEnabled(False)
        self.action.setChecked(False)
        self.state_changed.emit()

    def unload(self) -> None:
        """Stop, and take away the dock, the dialog and the menu: the plugin is being unloaded."""
        self.stop()
        if self.dock is not None:
            self.state_changed.disconnect(self._show_state_in_dock)
            self.dock.close_session()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
            self.settings_dialog = None
        self.menu.deleteLater()

    def _watch(self, watching: bool) -> None:
        """While the server runs: follow the canvas's view, and stop when the atelier leaves the project."""
        for signal, slot in (
            (self.canvas.extentsChanged, self._view_timer.start),
            (self.canvas.layersChanged, self._view_timer.start),
            (QgsProject.instance().cleared, self.stop),
            (self.session.atelier_changed, self._atelier_changed),
        ):
            (signal.connect if watching else signal.disconnect)(slot)

    def _atelier_changed(self) -> None:
        atelier = self.session.atelier
        if atelier is None or atelier.location != self.server.desk.atelier.location:
            self.stop()
            self.session.report(
                tr("The atelier left the project: phones can no longer contribute."), Qgis.MessageLevel.Info
            )

    # -- the phones' map ------------------------------------------------------------------

    def _map_view(self, session: LiveSession) -> MapView:
        """What the canvas shows, without the stakes: the phones draw those as markers to vote on."""
        stakes = {layer.id() for table, layer in session.layers().items() if table in STAKE_TABLES}
        return render_map_view(self.canvas.mapSettings(), stakes)

    def _send_view(self) -> None:
        if self.server is not None:
            self.server.set_map_view(self._map_view(self.session))

    # -- what the room sees ---------------------------------------------------------------

    def _show_overlays(self) -> None:
        server = self.server
        self.qr_screen = QrScreen(self.iface.mainWindow())
        self.qr_screen.show_address(
            server.url,
            server.qr_png(scale=1),
            tr("Add your stakes to the map from your phone"),
            server.desk.session_title,
        )
        self.corner_qr = CornerQr(self.canvas, server.qr_png(scale=1))
        self.corner_qr.clicked.connect(self.show_qr_screen)
        self.corner_qr.show_placed()
        self.notice = MapNotice(self.canvas)

    def show_qr_screen(self) -> None:
        """The QR code full screen, on the screen QGIS is on: the projector's."""
        if self.qr_screen is not None:
            self.qr_screen.show_on(self.iface.mainWindow().screen())

    def _on_arrival(self, received: Received) -> None:
        """A contribution or a vote was written: its layer is drawn again soon; a contribution is announced."""
        if self.server is None:
            return  # on its way while the server stopped
        self._tables_to_redraw.add(received.table)
        if not self._redraw_timer.isActive():  # not restarted: a room voting on and on still sees its votes
            self._redraw_timer.start()
        if received.kind == "contribution":  # no notice per vote: a room votes a lot
            if received.pending:
                notice = tr("Contribution waiting for approval: {title}")
            else:
                notice = tr("New contribution: {title}")
            self.notice.show_text(notice.format(title=received.title))
        self.received.emit(received)

    def _redraw(self) -> None:
        """The layers phones wrote to, drawn again once for a burst of votes."""
        for table in sorted(self._tables_to_redraw):
            self.session.redraw(table)
        self._tables_to_redraw.clear()

    # -- the dock and the settings ------------------------------------------------------

    def moderation_dock(self) -> PhoneModerationDock:
        """The moderation dock, built on first use, on the right, hidden; its menu entry in step with it."""
        if self.dock is None:
            dock = self.dock = PhoneModerationDock(
                self.iface,
                self.open_atelier,
                self.live_session(),
                [self.action, self.qr_action],
                self.session_uuid,
                self.iface.mainWindow(),
            )
            dock.approval_chosen.connect(self.set_require_approval)
            self.received.connect(dock.show_arrival)
            self.state_changed.connect(self._show_state_in_dock)
            self._show_state_in_dock()
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            dock.visibilityChanged.connect(self.dock_action.setChecked)
        return self.dock

    def _show_state_in_dock(self) -> None:
        """The dock says whether phones can connect, where, and whether their contributions wait."""
        self.dock.show_state(self.server.url if self.server is not None else None, self.require_approval())

    def _show_dock_beside_map(self) -> None:
        """The moderation dock at its own width: the right dock area may remember a wider dock, the map comes first."""
        dock = self.moderation_dock()
        if dock.isUserVisible():
            return  # already there, at the width the facilitator gave it
        dock.setUserVisible(True)
        self.iface.mainWindow().resizeDocks([dock], [dock.sizeHint().width()], Qt.Orientation.Horizontal)

    def toggle_dock(self) -> None:
        dock = self.moderation_dock()
        dock.setUserVisible(not dock.isUserVisible())

    def require_approval(self) -> bool:
        return (
            self.server.desk.require_approval
            if self.server is not None
            else PluginSettings.load().phone_require_approval
        )

    def set_require_approval(self, required: bool) -> None:
        """From now on, phones' contributions wait for approval (or not); remembered for the next start."""
        settings = PluginSettings.load()
        settings.phone_require_approval = required
        self._apply_settings(settings)

    def open_settings(self) -> PhoneSettingsDialog:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
        dialog = self.settings_dialog = PhoneSettingsDialog(
            PluginSettings.load(), self.running, self.iface.mainWindow()
        )
        dialog.accepted.connect(lambda: self._apply_settings(dialog.chosen()))
        dialog.open()
        return dialog

    def _apply_settings(self, settings: PluginSettings) -> None:
        """Saved for the next start; approval applies to the running server at once."""
        settings.save()
        if self.server is not None:
            self.server.desk.require_approval = settings.phone_require_approval
        self.state_changed.emit()
