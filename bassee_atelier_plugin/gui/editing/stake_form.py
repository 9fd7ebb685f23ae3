"""The short form after a stake is drawn: title, comment, actor; all optional.

Enter keeps what was typed, Esc skips: the stake is already committed either way, so
the form never stands between the room and the map.
"""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from bassee_atelier_plugin.toolbelt.i18n import tr


class StakeForm(QDialog):
    def __init__(self, actors: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("About this stake"))
        self.title_edit = QLineEdit()
        self.comment_edit = QLineEdit()
        self.actor_combo = QComboBox()
        self.actor_combo.addItem(tr("(no actor)"), None)
        for uuid, name in actors:
            self.actor_combo.addItem(name, uuid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Skip"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(tr("Title"), self.title_edit)
        layout.addRow(tr("Comment"), self.comment_edit)
        layout.addRow(tr("Actor"), self.actor_combo)
        layout.addRow(buttons)
        self.title_edit.setFocus()

    def values(self) -> dict:
        """What was filled in; empty fields are left out, so they do not blank anything."""
        values = {
            "title": self.title_edit.text().strip(),
            "comment": self.comment_edit.text().strip(),
            "actor_uuid": self.actor_combo.currentData(),
        }
        return {name: value for name, value in values.items() if value}
