"""The observation dialog: a note, photo files and, if known, how precise the position is."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from bassee_atelier_plugin.core.visits.photos import PHOTO_SUFFIXES
from bassee_atelier_plugin.gui.visits.photo_file_list import PhotoFileList
from bassee_atelier_plugin.toolbelt.i18n import tr


def image_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in PHOTO_SUFFIXES)
    return tr("Images ({patterns})").format(patterns=patterns)


@dataclass
class ObservationAnswer:
    """What the observation dialog was given."""

    note: str = ""
    photos: list[Path] = field(default_factory=list)
    accuracy_m: float | None = None


class ObservationDialog(QDialog):
    """A note, photo files and, if known, how precise the position is."""

    def __init__(self, start_folder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Observation"))
        self.start_folder = start_folder
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(tr("What is seen here"))
        self.photo_list = PhotoFileList()
        self.photo_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_photos_button = QPushButton(tr("Add photos…"))
        self.add_photos_button.clicked.connect(lambda _checked=False: self.choose_photos())
        self.remove_photos_button = QPushButton(tr("Remove"))
        self.remove_photos_button.clicked.connect(lambda _checked=False: self._remove_selected())
        self.accuracy_spin = QDoubleSpinBox()
        self.accuracy_spin.setRange(0, 10_000)
        self.accuracy_spin.setDecimals(1)
        self.accuracy_spin.setSuffix(" m")
        self.accuracy_spin.setSpecialValueText(tr("unknown"))  # 0: no accuracy given
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self.add_photos_button)
        photo_buttons.addWidget(self.remove_photos_button)
        photo_buttons.addStretch()
        form = QFormLayout(self)
        form.addRow(tr("Note"), self.note_edit)
        form.addRow(tr("Photos"), self.photo_list)
        form.addRow("", photo_buttons)
        form.addRow(tr("Accuracy"), self.accuracy_spin)
        form.addRow(buttons)

    def choose_photos(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, tr("Photos of the observation"), self.start_folder, image_filter()
        )
        self.add_photos(paths)

    def add_photos(self, paths) -> None:
        self.photo_list.add_paths(paths)

    def photos(self) -> list[Path]:
        return self.photo_list.paths()

    def _remove_selected(self) -> None:
        for item in self.photo_list.selectedItems():
            self.photo_list.takeItem(self.photo_list.row(item))

    def answer(self) -> ObservationAnswer:
        accuracy = self.accuracy_spin.value()
        return ObservationAnswer(self.note_edit.toPlainText(), self.photos(), accuracy if accuracy > 0 else None)
