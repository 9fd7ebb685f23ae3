"""The photo settings of site visits, shown as saved and saved again at each change."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QSpinBox, QWidget

from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.settings import PluginSettings


class PhotoSettingsForm(QWidget):
    """How photos join into observations, the size of their display copy, whether originals are kept, the largest."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        settings = PluginSettings.load()
        self.join_spin = QDoubleSpinBox()
        self.join_spin.setRange(0, 1000)
        self.join_spin.setDecimals(0)
        self.join_spin.setSuffix(" m")
        self.join_spin.setValue(settings.photo_join_distance_m)
        self.join_spin.setToolTip(tr("Photos of a folder taken this close together make one observation (0: never)"))
        self.preview_spin = QSpinBox()
        self.preview_spin.setRange(320, 8000)
        self.preview_spin.setSingleStep(160)
        self.preview_spin.setSuffix(" px")
        self.preview_spin.setValue(settings.photo_preview_pixels)
        self.keep_originals_check = QCheckBox(tr("Keep the original files in the atelier"))
        self.keep_originals_check.setChecked(settings.keep_photo_originals)
        self.max_megabytes_spin = QDoubleSpinBox()
        self.max_megabytes_spin.setRange(1, 1000)
        self.max_megabytes_spin.setDecimals(0)
        self.max_megabytes_spin.setSuffix(" MB")
        self.max_megabytes_spin.setValue(settings.max_photo_megabytes)
        for signal in (
            self.join_spin.valueChanged,
            self.preview_spin.valueChanged,
            self.keep_originals_check.toggled,
            self.max_megabytes_spin.valueChanged,
        ):
            signal.connect(self._save)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)  # lined up with the dock's other rows
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow dock puts the field under its label
        form.addRow(tr("Join distance"), self.join_spin)
        form.addRow(tr("Display copy size"), self.preview_spin)
        form.addRow(self.keep_originals_check)
        form.addRow(tr("Largest photo file"), self.max_megabytes_spin)

    def _save(self) -> None:
        settings = PluginSettings.load()
        settings.photo_join_distance_m = self.join_spin.value()
        settings.photo_preview_pixels = self.preview_spin.value()
        settings.keep_photo_originals = self.keep_originals_check.isChecked()
        settings.max_photo_megabytes = self.max_megabytes_spin.value()
        settings.save()
