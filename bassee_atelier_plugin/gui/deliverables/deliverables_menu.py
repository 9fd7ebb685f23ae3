"""The deliverables from the menu: synthesis, roadmap, action and commune sheets, what changed, a replay.

Each asks where to write, exports the atelier of the current project with the layouts
stored in it (or with those of the current project, when it is the atelier's own
project being restyled), and says in the message bar what was written, with a link
to open it.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtWidgets import QInputDialog, QMenu, QWidget

from bassee_atelier_plugin.gui.atelier.file_tasks import (
    ask_save_path,
    file_link,
    report,
    run_reporting_errors,
    suggested_file,
)
from bassee_atelier_plugin.gui.editing.live_session import project_atelier_location
from bassee_atelier_plugin.toolbelt.i18n import tr


def _deliverables() -> dict[str, tuple[str, str, str]]:
    """kind: (menu text, file name, file filter)."""
    return {
        "synthese": (tr("Synthesis (PDF)…"), "synthese.pdf", tr("PDF (*.pdf)")),
        "feuille-de-route": (
            tr("Roadmap (PDF, CSV or ODS)…"),
            "feuille_de_route.pdf",
            tr("PDF (*.pdf);;CSV (*.csv);;OpenDocument spreadsheet (*.ods)"),
        ),
        "fiches": (tr("Action sheets (PDF)…"), "fiches_actions.pdf", tr("PDF (*.pdf)")),
        "fiches-communes": (tr("Commune sheets (PDF)…"), "fiches_communes.pdf", tr("PDF (*.pdf)")),
        "evolution": (
            tr("What changed since the previous session (PDF or CSV)…"),
            "evolution.pdf",
            tr("PDF (*.pdf);;CSV (*.csv)"),
        ),
    }


class DeliverablesMenu(QMenu):
    def __init__(self, iface, parent: QWidget | None = None):
        super().__init__(tr("Deliverables"), parent)
        self.iface = iface
        self.setObjectName("BasseeAtelierDeliverablesMenu")
        for kind, (text, _name, _filter) in _deliverables().items():
            action = self.addAction(text)
            action.setObjectName(f"BasseeAtelierExport_{kind}")
            action.triggered.connect(lambda _checked=False, kind=kind: self.export(kind))
        replay = self.addAction(tr("Replay of a session (GIF)…"))
        replay.setObjectName("BasseeAtelierExport_replay")
        replay.triggered.connect(lambda _checked=False: self.export_replay())

    def export(self, kind: str) -> Path | None:
        """Ask where to write the deliverable ``kind`` of the project's atelier, and write it."""
        from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
        from bassee_atelier_plugin.core.lifecycle.opening import open_atelier  # the stores: when used

        project = QgsProject.instance()
        location = project_atelier_location(project)
        if location is None:
            report(
                self.iface, tr("Open an atelier first: the deliverables are made from it."), Qgis.MessageLevel.Warning
            )
            return None
        _text, name, file_filter = _deliverables()[kind]
        start = suggested_file(location, f"_{name}")
        output = ask_save_path(self.iface.mainWindow(), tr("Write to"), start, file_filter)
        if output is None:
            return None
        written = run_reporting_errors(
            self.iface, lambda: export_deliverable(open_atelier(location), kind, output, project)
        )
        return self._reported(written)

    def export_replay(self, session: str | None = None) -> Path | None:
        """Ask which session to replay (unless given) and where, and write its GIF."""
        from bassee_atelier_plugin.core.deliverables.replay import export_replay
        from bassee_atelier_plugin.core.deliverables.replay_journal import session_titles
        from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

        location = project_atelier_location(QgsProject.instance())
        if location is None:
            report(self.iface, tr("Open an atelier first: the replay is made from it."), Qgis.MessageLevel.Warning)
            return None
        atelier = open_atelier(location)
        if session is None:
            titles = session_titles(atelier)
            session, chosen = QInputDialog.getItem(self, tr("Replay"), tr("Session to replay:"), titles, 0, False)
            if not chosen:
                return None
        output = ask_save_path(
            self.iface.mainWindow(), tr("Write to"), suggested_file(location, "_replay.gif"), tr("GIF (*.gif)")
        )
        if output is None:
            return None
        written = run_reporting_errors(self.iface, lambda: export_replay(atelier, session, output))
        return self._reported(written)

    def _reported(self, written) -> Path | None:
        """Tell what an export wrote (its path, with its warnings), or nothing if it failed."""
        if written is None:
            return None
        for warning in written.warnings:
            report(self.iface, warning, Qgis.MessageLevel.Warning)
        report(self.iface, tr("Written: {link}").format(link=file_link(written.path)), Qgis.MessageLevel.Success)
        return written.path
