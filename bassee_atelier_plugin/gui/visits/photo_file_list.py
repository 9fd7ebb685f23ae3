"""A list of photo files, each listed once by its name, its full path in its tooltip."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QListWidget, QListWidgetItem


class PhotoFileList(QListWidget):
    """Photo files to attach or to place: adding one already listed lists it once still."""

    def add_paths(self, paths: Iterable[str | Path]) -> None:
        present = set(self.paths())
        for path in map(Path, paths):
            if path not in present:
                item = QListWidgetItem(path.name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                self.addItem(item)
                present.add(path)

    def paths(self) -> list[Path]:
        return [Path(self.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.count())]

    def path_of(self, item: QListWidgetItem) -> Path:
        return Path(item.data(Qt.ItemDataRole.UserRole))
