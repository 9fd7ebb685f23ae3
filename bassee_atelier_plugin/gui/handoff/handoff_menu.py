"""Handing the atelier over and bringing the laptops' copies together, from the plugin's menu.

*Package for the team* writes the self-contained GeoPackage of the project's atelier;
*Merge ateliers* brings copies edited on several laptops into a new file and, when a
feature was edited on two of them, offers to open the result and review those conflicts;
*Review merge conflicts* does that review on the atelier of the project.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtWidgets import (
    QAction,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QWidget,
)

from bassee_atelier_plugin.gui.atelier.file_tasks import (
    ask_save_path,
    file_link,
    remember_folder,
    report,
    run_reporting_errors,
    start_folder,
    suggested_file,
)
from bassee_atelier_plugin.gui.editing.live_session import project_atelier_location
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log
from bassee_atelier_plugin.toolbelt.settings import PluginSettings

if TYPE_CHECKING:
    from bassee_atelier_plugin.core.handoff.merge import MergeSummary
    from bassee_atelier_plugin.core.handoff.package import Package
    from bassee_atelier_plugin.gui.handoff.conflicts_dialog import ConflictsDialog

PACKAGE_SUFFIX = "_remise"  # "handoff": the team reads French file names
MERGE_SUFFIX = "_fusion"
SUMMARY_TOTALS = ("added", "updated", "deleted", "conflicts")


def geopackage_filter() -> str:
    return tr("GeoPackage (*.gpkg)")


class PackageDialog(QDialog):
    """Where to write the package, whether to anonymise its actors, and who packaged it."""

    def __init__(self, atelier_location: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BasseeAtelierPackageDialog")
        self.setWindowTitle(tr("Package for the team"))
        self._confirmed: Path | None = None  # chosen in the file dialog, which asked before replacing it
        suggested = suggested_file(atelier_location, f"{PACKAGE_SUFFIX}.gpkg")
        self.atelier_folder = suggested.parent
        self.output_edit = QLineEdit(str(suggested))
        browse = QToolButton()
        browse.setText("…")
        browse.setToolTip(tr("Choose the file"))
        browse.clicked.connect(lambda _checked=False: self._browse())
        output_row = QHBoxLayout()
        output_row.addWidget(self.output_edit)
        output_row.addWidget(browse)
        self.anonymise_check = QCheckBox(tr("Anonymise the actors"))
        self.anonymise_check.setToolTip(
            tr(
                "Actors are named by their type, the organisation of those who did not consent is dropped, "
                "every author becomes “anonyme”, and these names are taken out of every text"
            )
        )
        self.packager_edit = QLineEdit(PluginSettings.load().author)
        self.packager_edit.setPlaceholderText(tr("Your name or organisation"))
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Write the package"))
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self.output_edit.textChanged.connect(
            lambda text: self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))
        )
        form = QFormLayout(self)
        form.addRow(tr("Package file"), output_row)
        form.addRow("", self.anonymise_check)
        form.addRow(tr("Packaged by"), self.packager_edit)
        form.addRow(self.button_box)
        self.setMinimumWidth(620)

    def output_path(self) -> Path:
        """The package file typed or chosen: beside the atelier if no folder is given, a .gpkg in any case."""
        path = self.atelier_folder / Path(self.output_edit.text().strip())  # an absolute path stays as it is
        return path if path.suffix.lower() == ".gpkg" else path.with_name(path.name + ".gpkg")

    def packager(self) -> str:
        return self.packager_edit.text().strip()

    def anonymise(self) -> bool:
        return self.anonymise_check.isChecked()

    def _browse(self) -> None:
        chosen = ask_save_path(self, tr("Write the package to"), self.output_path(), geopackage_filter())
        if chosen is not None:
            self.output_edit.setText(str(chosen))
            self._confirmed = self.output_path()

    def accept(self) -> None:
        output = self.output_path()
        if output.exists() and output != self._confirmed and not self._confirm_replace(output):
            return
        remember_folder(output.parent)
        super().accept()

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            tr("Replace the file?"),
            tr("{path} already exists. Replace it with the package?").format(path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class HandoffActions(QObject):
    """The menu's actions to package, merge and review, and the dialogs they show."""

    def __init__(self, iface, open_atelier: Callable[[Path], object], parent: QObject | None = None):
        super().__init__(parent)
        self.iface = iface
        self.open_atelier = open_atelier
        self.package_dialog: PackageDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        self.actions = [
            self._action("Package", tr("Package for the team…"), self.package),
            self._action("Merge", tr("Merge ateliers…"), self.merge),
            self._action("ReviewConflicts", tr("Review merge conflicts…"), self.review_conflicts),
        ]

    def _action(self, key: str, text: str, callback: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"BasseeAtelier{key}Action")
        action.triggered.connect(lambda _checked=False: callback())
        return action

    def unload(self) -> None:
        """Take away the dialogs still open or kept hidden; the actions go with this object."""
        for dialog in (self.package_dialog, self.conflicts_dialog):
            if dialog is not None:
                dialog.deleteLater()
        self.package_dialog = self.conflicts_dialog = None

    def _replace_dialog(self, attribute: str, dialog: QDialog) -> None:
        previous = getattr(self, attribute)
        if previous is not None:
            previous.deleteLater()
        setattr(self, attribute, dialog)

    # -- package ----------------------------------------------------------------------------

    def package(self) -> PackageDialog | None:
        """Ask where to write the package of the project's atelier, and how; OK writes it."""
        location = project_atelier_location(QgsProject.instance())
        if location is None:
            report(self.iface, tr("Open an atelier first: the package is made from it."), Qgis.MessageLevel.Warning)
            return None
        dialog = PackageDialog(location, self.iface.mainWindow())
        self._replace_dialog("package_dialog", dialog)
        dialog.accepted.connect(
            lambda: self.write_package(location, dialog.output_path(), dialog.packager(), dialog.anonymise())
        )
        dialog.open()
        return dialog

    def write_package(self, location: str, output: Path, packager: str, anonymise: bool) -> Package | None:
        # the core's packaging, merge and review are imported when used: QGIS's start builds only the menu
        from bassee_atelier_plugin.core.handoff.package import package_atelier
        from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

        package = run_reporting_errors(
            self.iface, lambda: package_atelier(open_atelier(location), output, packager, anonymise)
        )
        if package is None:
            return None
        link = file_link(package.path)
        if package.anonymised:
            report(
                self.iface,
                tr("Package written, actors anonymised: {link}").format(link=link),
                Qgis.MessageLevel.Success,
            )
        else:
            report(self.iface, tr("Package written: {link}").format(link=link), Qgis.MessageLevel.Success)
        return package

    # -- merge -------------------------------------------------------------------------------

    def merge(self) -> MergeSummary | None:
        """Ask for the ateliers to merge and where to write the result; merge; offer to review its conflicts."""
        parent = self.iface.mainWindow()
        chosen, _filter = QFileDialog.getOpenFileNames(
            parent, tr("Ateliers to merge"), str(start_folder(Path.home())), geopackage_filter()
        )
        if not chosen:
            return None
        inputs = [Path(path) for path in chosen]
        remember_folder(inputs[0].parent)
        if len(inputs) < 2:  # said now rather than after asking where to write
            report(self.iface, tr("Give at least two ateliers to merge."), Qgis.MessageLevel.Warning)
            return None
        start = inputs[0].parent / f"{inputs[0].stem}{MERGE_SUFFIX}.gpkg"
        output = ask_save_path(parent, tr("Write the merged atelier to"), start, geopackage_filter())
        if output is None:
            return None
        from bassee_atelier_plugin.core.handoff.sync import merge_ateliers  # numpy, the merge: on first use

        summary = run_reporting_errors(self.iface, lambda: merge_ateliers(inputs, output))
        if summary is None:
            return None
        self._report_merge(summary)
        if summary.total("conflicts") and self._review_now(summary):
            self.open_atelier(summary.path)
            self.open_review(summary.path)
        return summary

    def _report_merge(self, summary: MergeSummary) -> None:
        """The totals in the message bar; the lines per table and the warnings in the log, where they stay."""
        log(tr("Merged into {path}:").format(path=summary.path))
        for line in summary.lines():
            log(line)
        for warning in summary.warnings:
            log(warning, Qgis.MessageLevel.Warning)
        totals = {what: summary.total(what) for what in SUMMARY_TOTALS}
        report(
            self.iface,
            tr(
                "Merged into {link}: {added} added, {updated} updated, {deleted} deleted, {conflicts} conflicts "
                "(details in the log)."
            ).format(link=file_link(summary.path), **totals),
            Qgis.MessageLevel.Success,
        )
        if summary.merged_whole:  # the planner should know some features could not be merged field by field
            report(self.iface, summary.merged_whole_text(), Qgis.MessageLevel.Warning)
        if summary.warnings:
            report(
                self.iface,
                tr("The merge has {count} warnings: see the log.").format(count=len(summary.warnings)),
                Qgis.MessageLevel.Warning,
            )

    def _review_now(self, summary: MergeSummary) -> bool:
        answer = QMessageBox.question(
            self.iface.mainWindow(),
            tr("Review the conflicts"),
            tr(
                "Some fields were set differently on two machines ({count} conflicts): the merge kept the "
                "later value of each. Open the merged atelier and review them now?"
            ).format(count=summary.total("conflicts")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- review ------------------------------------------------------------------------------

    def review_conflicts(self) -> ConflictsDialog | None:
        location = project_atelier_location(QgsProject.instance())
        if location is None:
            report(
                self.iface,
                tr("Open an atelier first: its merge conflicts are reviewed there."),
                Qgis.MessageLevel.Warning,
            )
            return None
        return self.open_review(location)

    def open_review(self, location: str | Path) -> ConflictsDialog | None:
        """The conflicts dialog of the atelier at ``location``, beside the map, so that both can be looked at."""
        from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
        from bassee_atelier_plugin.gui.handoff.conflicts import unreviewed_conflicts
        from bassee_atelier_plugin.gui.handoff.conflicts_dialog import ConflictsDialog

        atelier = run_reporting_errors(self.iface, lambda: open_atelier(location))
        if atelier is None:
            return None
        if not unreviewed_conflicts(atelier):
            report(self.iface, tr("This atelier has no merge conflict to review."), Qgis.MessageLevel.Info)
            return None
        dialog = ConflictsDialog(atelier, self.iface, self.iface.mainWindow())
        self._replace_dialog("conflicts_dialog", dialog)
        dialog.show()
        return dialog
