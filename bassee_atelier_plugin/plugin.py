"""The plugin as QGIS sees it: a menu and a toolbar to create and open ateliers.

Everything :meth:`AtelierPlugin.initGui` adds to QGIS is paired, when added, with the
step that takes it away again; :meth:`AtelierPlugin.unload` runs those steps in
reverse order, so unloading leaves QGIS exactly as it was. The same steps make starting all
or nothing: when a step fails (a file missing from the plugin's folder, a library missing
from QGIS), those already done are undone and the message bar says why in one line.

QGIS waits for initGui at every start, so it imports only what builds the menu, the toolbar and
the Processing provider: what an action does (creating and opening ateliers, merging, the docks)
is imported when the action is first used (docs/benchmarks.md, what the plugin adds to QGIS's start).
"""

from __future__ import annotations

import errno
import importlib.util
from collections.abc import Callable
from typing import TYPE_CHECKING

from qgis.core import Qgis
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QToolBar, QToolButton

from bassee_atelier_plugin import show_start_failure, start_failure
from bassee_atelier_plugin.toolbelt.i18n import install_translator, tr, user_language
from bassee_atelier_plugin.toolbelt.resources import icon_path, installed, translations_dir, ui_path
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

if TYPE_CHECKING:
    from bassee_atelier_plugin.gui.atelier.loader import AtelierLoader
    from bassee_atelier_plugin.gui.atelier.new_atelier_dialog import NewAtelierDialog
    from bassee_atelier_plugin.gui.atelier.shared_atelier_dialog import SharedAtelierDialog
    from bassee_atelier_plugin.gui.deliverables.deliverables_menu import DeliverablesMenu
    from bassee_atelier_plugin.gui.deliverables.roadmap_dock import RoadmapDock
    from bassee_atelier_plugin.gui.editing.live_dock import LiveDock
    from bassee_atelier_plugin.gui.editing.live_session import LiveSession
    from bassee_atelier_plugin.gui.editing.projector import ProjectorMode
    from bassee_atelier_plugin.gui.handoff.handoff_menu import HandoffActions
    from bassee_atelier_plugin.gui.phones.contributions import PhoneContributions
    from bassee_atelier_plugin.gui.visits.visit_dock import VisitDock

OBJECT_PREFIX = "BasseeAtelier"  # object names QGIS uses to save the toolbar's place
TRANSLATED_LANGUAGES = ("fr",)  # those the ZIP carries a .qm for
# What this module's actions import or read only when first used: the start checks that they are
# there (without importing them), so that a folder lacking one still says so in one line at start.
FIRST_USE_MODULES = (
    "gui.atelier.loader",
    "gui.atelier.new_atelier_dialog",
    "gui.atelier.shared_atelier_dialog",
    "gui.editing.live_dock",
    "gui.visits.visit_dock",
    "gui.deliverables.roadmap_dock",
)
FIRST_USE_FORMS = ("new_atelier.ui",)


def check_first_use_files() -> None:
    """ModuleNotFoundError or FileNotFoundError, as an import would raise, for the first missing one."""
    for module in FIRST_USE_MODULES:
        name = f"{__package__}.{module}"
        if importlib.util.find_spec(name) is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    for form in FIRST_USE_FORMS:
        installed(ui_path(form))


class AtelierPlugin:
    def __init__(self, iface):
        self.iface = iface
        self._loader: AtelierLoader | None = None  # made on first use: it imports the core's creation and stores
        self._undo_steps: list[tuple[Callable[[], object], ...]] = []
        self.menu: QMenu | None = None
        self.toolbar: QToolBar | None = None
        self.actions: dict[str, QAction] = {}
        self.live_session: LiveSession | None = None  # the editing both docks share: one undo, one session
        self.live_dock: LiveDock | None = None  # built on first show: QGIS starts no slower for it
        self.visit_dock: VisitDock | None = None
        self.roadmap_dock: RoadmapDock | None = None
        self.projector: ProjectorMode | None = None
        self.phones: PhoneContributions | None = None
        self.deliverables_menu: DeliverablesMenu | None = None
        self.handoff: HandoffActions | None = None

    @property
    def loader(self) -> AtelierLoader:
        """What creates and opens ateliers in the project, made the first time an action needs it."""
        if self._loader is None:
            from bassee_atelier_plugin.gui.atelier.loader import AtelierLoader

            self._loader = AtelierLoader(self.iface)
        return self._loader

    def choose_and_open(self) -> None:
        """Ask for an atelier and open it: the callback the menu and the docks share."""
        self.loader.choose_and_open()

    def initGui(self) -> None:
        try:
            self._build_gui()
        except Exception as error:  # noqa: BLE001 - all or nothing: no half-built menu, one line instead
            message = start_failure(error)  # while the translator is still in
            self.unload()
            show_start_failure(self.iface, message, error)

    def _build_gui(self) -> None:
        translator = install_translator(translations_dir())
        if translator is not None:
            self._on_unload(lambda: QCoreApplication.removeTranslator(translator))
        elif user_language() in TRANSLATED_LANGUAGES:  # the plugin works, in English: say what to reinstall
            missing = translations_dir() / f"bassee_atelier_plugin_{user_language()}.qm"
            incomplete = start_failure(FileNotFoundError(errno.ENOENT, "missing", str(missing)))
            self.iface.messageBar().pushMessage(tr("Atelier des Territoires"), incomplete, Qgis.MessageLevel.Warning)
        check_first_use_files()
        main_window = self.iface.mainWindow()
        name = tr("Atelier des Territoires")

        menu = self.menu = QMenu(name, main_window)
        menu.setObjectName(f"{OBJECT_PREFIX}Menu")
        menu_bar = main_window.menuBar()
        menu_bar.insertMenu(self.iface.firstRightStandardMenu().menuAction(), menu)  # before Help
        self._on_unload(lambda: menu_bar.removeAction(menu.menuAction()), menu.deleteLater)

        toolbar = self.toolbar = QToolBar(name, main_window)
        toolbar.setObjectName(f"{OBJECT_PREFIX}Toolbar")
        self.iface.addToolBar(toolbar)
        self._on_unload(lambda: main_window.removeToolBar(toolbar), toolbar.deleteLater)

        self.add_action("new", "new_atelier.svg", tr("New atelier…"), self.new_atelier)
        self.add_action("open", "open_atelier.svg", tr("Open atelier…"), self.choose_and_open)
        self.add_action("open_shared", "open_shared_atelier.svg", tr("Open shared atelier…"), self.open_shared_atelier)
        self.add_action("live", "live_workshop.svg", tr("Live workshop"), self.toggle_live_dock).setCheckable(True)
        self.add_action("visit", "visit.svg", tr("Site visit"), self.toggle_visit_dock).setCheckable(True)
        self.add_action("roadmap", "roadmap.svg", tr("Roadmap"), self.toggle_roadmap_dock).setCheckable(True)
        self._add_projector_mode()
        self._add_phone_contributions()
        self._add_deliverables_menu()
        self._add_handoff_actions()
        self._show_photos_in_forms()
        self._follow_renamed_ateliers()
        self._add_processing_provider()

    def _add_deliverables_menu(self) -> None:
        """The synthesis, the roadmap and the action sheets, written from the layouts stored in the atelier."""
        from bassee_atelier_plugin.gui.deliverables.deliverables_menu import DeliverablesMenu

        deliverables = self.deliverables_menu = DeliverablesMenu(self.iface, self.menu)
        self.menu.addMenu(deliverables)
        self._on_unload(deliverables.deleteLater, lambda: setattr(self, "deliverables_menu", None))

    def _add_handoff_actions(self) -> None:
        """Package the atelier for the team, merge the laptops' copies, review what the merge could not decide."""
        from bassee_atelier_plugin.gui.handoff.handoff_menu import HandoffActions

        handoff = self.handoff = HandoffActions(
            self.iface, lambda path: self.loader.open(path), self.iface.mainWindow()
        )
        self.menu.addActions(handoff.actions)
        self._on_unload(handoff.unload, handoff.deleteLater, lambda: setattr(self, "handoff", None))

    def _follow_renamed_ateliers(self) -> None:
        """QGIS's own Open of a renamed atelier's stored project finds its layers, and the file is repaired."""
        from qgis.core import QgsProject

        from bassee_atelier_plugin.core.lifecycle.qgis_opening import RenamedAtelierOpening

        self._on_unload(RenamedAtelierOpening(QgsProject.instance()).stop)

    def _add_processing_provider(self) -> None:
        """The atelier's algorithms in the Processing toolbox, for models and batch runs."""
        from qgis.core import QgsApplication

        from bassee_atelier_plugin.processing.provider import AtelierProvider

        provider = AtelierProvider()
        if QgsApplication.processingRegistry().addProvider(provider):
            self._on_unload(lambda: QgsApplication.processingRegistry().removeProvider(provider))

    def _show_photos_in_forms(self) -> None:
        """Attachments' forms show the photo itself, whichever way their layer came in (plugin, project)."""
        from qgis.core import QgsProject, QgsVectorLayer

        from bassee_atelier_plugin.gui.visits.photo_widget import register_photo_widget, show_photos

        register_photo_widget()

        def show_in(layers) -> None:
            for layer in layers:
                if isinstance(layer, QgsVectorLayer):
                    show_photos(layer)

        project = QgsProject.instance()
        show_in(project.mapLayers().values())
        project.layersAdded.connect(show_in)
        self._on_unload(lambda: project.layersAdded.disconnect(show_in))

    def add_action(self, key: str, icon: str, text: str, callback: Callable[[], object]) -> QAction:
        """An action in the plugin's menu and toolbar, taken away again by unload."""
        action = QAction(QIcon(str(installed(icon_path(icon)))), text, self.iface.mainWindow())
        action.setObjectName(f"{OBJECT_PREFIX}{key.title()}Action")
        action.triggered.connect(lambda _checked=False: callback())
        self.menu.addAction(action)
        self.toolbar.addAction(action)
        self.actions[key] = action
        self._on_unload(lambda: self.actions.pop(key), action.deleteLater)
        return action

    def _on_unload(self, *steps: Callable[[], object]) -> None:
        """Record how to take away what was just added: steps run in the order given."""
        self._undo_steps.append(steps)

    def unload(self) -> None:
        while self._undo_steps:
            for step in self._undo_steps.pop():
                step()
        self.menu = self.toolbar = None

    def toggle_live_dock(self) -> LiveDock:
        """Show the live workshop dock, or hide it; the toolbar button stays in step with it."""
        return self._toggle_dock("live_dock", self._build_live_dock)

    def toggle_visit_dock(self) -> VisitDock:
        """Show the site visit dock, or hide it; the toolbar button stays in step with it."""
        return self._toggle_dock("visit_dock", self._build_visit_dock)

    def toggle_roadmap_dock(self) -> RoadmapDock:
        """Show the roadmap dock, or hide it; the toolbar button stays in step with it."""
        return self._toggle_dock("roadmap_dock", self._build_roadmap_dock)

    def _toggle_dock(self, attribute: str, build: Callable[[], object]):
        dock = getattr(self, attribute)
        shown = dock is not None and dock.isUserVisible()
        if dock is None:
            dock = build()
        dock.setUserVisible(not shown)
        return dock

    def _shared_session(self) -> LiveSession:
        """The live session of the atelier open in the project, made once for both docks."""
        if self.live_session is None:
            from bassee_atelier_plugin.gui.editing.live_session import LiveSession

            session = self.live_session = LiveSession(self.iface, self.iface.mainWindow())
            self._on_unload(session.close, session.deleteLater, lambda: setattr(self, "live_session", None))
        return self.live_session

    def _build_live_dock(self) -> LiveDock:
        from bassee_atelier_plugin.gui.editing.live_dock import LiveDock

        session = self._shared_session()
        dock = LiveDock(self.iface, self.choose_and_open, self.iface.mainWindow(), session)
        return self._add_dock(dock, "live", "live_dock")

    def _build_visit_dock(self) -> VisitDock:
        from bassee_atelier_plugin.gui.visits.visit_dock import VisitDock

        session = self._shared_session()
        dock = VisitDock(self.iface, self.choose_and_open, self.iface.mainWindow(), session)
        return self._add_dock(dock, "visit", "visit_dock")

    def _build_roadmap_dock(self) -> RoadmapDock:
        from bassee_atelier_plugin.gui.deliverables.roadmap_dock import RoadmapDock

        session = self._shared_session()
        dock = RoadmapDock(self.iface, self.choose_and_open, self.iface.mainWindow(), session)
        return self._add_dock(dock, "roadmap", "roadmap_dock")

    def _add_dock(self, dock, key: str, attribute: str):
        """Put a dock on the right, hidden, its action in step with it; unload takes it away."""
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()  # QGIS shows a dock as it adds it: the caller decides (projector mode keeps it hidden)
        dock.visibilityChanged.connect(self.actions[key].setChecked)
        setattr(self, attribute, dock)
        self._on_unload(
            dock.close_session,
            lambda: self.iface.removeDockWidget(dock),
            dock.deleteLater,
            lambda: setattr(self, attribute, None),
        )
        return dock

    def _add_projector_mode(self) -> None:
        """Ctrl+F11: the map full screen for the room, its palette arming the live dock's tools."""
        from bassee_atelier_plugin.gui.editing.projector import ProjectorMode

        def hidden_live_dock() -> LiveDock:
            """The live dock, built if need be, working while projector mode hides it."""
            if self.live_dock is None:
                self._build_live_dock()
            self.live_dock.hold_live(True)
            return self.live_dock

        def hold_live_dock(active: bool) -> None:
            """Undo, redo and the tools keep working in projector mode, though every dock is hidden."""
            if self.live_dock is not None:
                self.live_dock.hold_live(active)

        projector = self.projector = ProjectorMode(
            self.iface,
            arm_theme=lambda code: hidden_live_dock().arm_theme(code),
            arm_sketch=lambda code: hidden_live_dock().arm_sketch(code),
        )
        projector.action.toggled.connect(hold_live_dock)
        self.menu.addAction(projector.action)
        self.toolbar.addAction(projector.action)
        self._on_unload(projector.unload, lambda: setattr(self, "projector", None))

    def _add_phone_contributions(self) -> None:
        """Phones in the room add stakes and vote: the server's switch, and beside it a menu of what goes with it."""
        from bassee_atelier_plugin.gui.phones.contributions import PhoneContributions

        phones = self.phones = PhoneContributions(
            self.iface,
            self._shared_session,
            self.choose_and_open,
            projector_active=lambda: self.projector is not None and self.projector.is_active,
            parent=self.iface.mainWindow(),
        )
        self.menu.addAction(phones.action)
        self.menu.addMenu(phones.menu)
        self.toolbar.addAction(phones.action)
        button = self.toolbar.widgetForAction(phones.action)
        button.setMenu(phones.menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self._on_unload(phones.unload, phones.deleteLater, lambda: setattr(self, "phones", None))

    def new_atelier(self) -> NewAtelierDialog:
        """Show the New atelier dialog; on OK, create the atelier and open it like any other."""
        from bassee_atelier_plugin.gui.atelier.new_atelier_dialog import NewAtelierDialog  # uic: on first use

        dialog = NewAtelierDialog(PluginSettings.load(), self.iface.mainWindow())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.loader.create_and_open(**dialog.creation_arguments()))
        dialog.open()
        return dialog

    def open_shared_atelier(self) -> SharedAtelierDialog:
        """Show the Shared atelier dialog; on OK, open the atelier in PostgreSQL (creating it first if asked)."""
        from bassee_atelier_plugin.gui.atelier.shared_atelier_dialog import SharedAtelierDialog

        dialog = SharedAtelierDialog(self.iface.mainWindow())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.loader.open_shared(**dialog.opening_arguments()))
        dialog.open()
        return dialog
