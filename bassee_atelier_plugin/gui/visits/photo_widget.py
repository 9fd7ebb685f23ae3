"""The photo itself in QGIS's feature forms: an editor widget that shows an attachment's display copy.

QGIS has no widget that shows an image held in a BLOB, so the plugin registers one. The
stored style keeps QGIS's own "Binary" widget, which any QGIS understands; the plugin puts
its photo widget on the ``preview`` field of the atelier it opens.
"""

from __future__ import annotations

from qgis.core import QgsEditorWidgetSetup, QgsVectorLayer
from qgis.gui import QgsEditorConfigWidget, QgsEditorWidgetFactory, QgsEditorWidgetWrapper, QgsGui
from qgis.PyQt.QtCore import QByteArray, Qt
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import QLabel, QWidget

from bassee_atelier_plugin.toolbelt.i18n import tr

PHOTO_WIDGET = "BasseeAtelierPhoto"
PHOTO_FIELD = "preview"
SHOWN_PIXELS = 480  # the long side of the photo in the form


class PhotoWrapper(QgsEditorWidgetWrapper):
    """Shows the JPEG of the field; the photo is read-only, its value passes through unchanged."""

    def __init__(self, layer: QgsVectorLayer, field_index: int, editor: QWidget | None, parent: QWidget | None):
        super().__init__(layer, field_index, editor, parent)
        self._value = None
        self._label: QLabel | None = None

    def createWidget(self, parent: QWidget) -> QWidget:  # noqa: N802
        label = QLabel(parent)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMinimumHeight(SHOWN_PIXELS // 2)
        return label

    def initWidget(self, editor: QWidget) -> None:  # noqa: N802
        self._label = editor if isinstance(editor, QLabel) else None

    def valid(self) -> bool:
        return self._label is not None

    def value(self):
        return self._value

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802
        pass  # nothing to edit: the label stays readable in every form mode

    def setValue(self, value) -> None:  # noqa: N802 - what QGIS 3.22's forms call
        self.updateValues(value)

    def updateValues(self, value, additional_values=None) -> None:  # noqa: N802 - what later QGIS call
        self._value = value
        if self._label is None:
            return
        pixmap = QPixmap()
        if isinstance(value, (bytes, QByteArray)) and pixmap.loadFromData(value):
            self._label.setPixmap(
                pixmap.scaled(
                    SHOWN_PIXELS,
                    SHOWN_PIXELS,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self._label.setPixmap(QPixmap())
            self._label.setText(tr("(no photo)"))


class _NoSettings(QgsEditorConfigWidget):
    def config(self) -> dict:
        return {}

    def setConfig(self, config: dict) -> None:  # noqa: N802
        pass


class PhotoWidgetFactory(QgsEditorWidgetFactory):
    def __init__(self):
        super().__init__(tr("Photo (atelier)"))

    def create(self, layer, field_index, editor, parent) -> PhotoWrapper:
        return PhotoWrapper(layer, field_index, editor, parent)

    def configWidget(self, layer, field_index, parent) -> QgsEditorConfigWidget:  # noqa: N802
        return _NoSettings(layer, field_index, parent)


_registered: list[PhotoWidgetFactory] = []  # the factory must outlive Python's references to it


def register_photo_widget() -> None:
    """Make the photo widget known to QGIS, once per QGIS session (QGIS cannot forget one)."""
    registry = QgsGui.editorWidgetRegistry()
    if PHOTO_WIDGET not in registry.factories():
        _registered.append(PhotoWidgetFactory())
        registry.registerWidget(PHOTO_WIDGET, _registered[-1])


def show_photos(layer: QgsVectorLayer) -> None:
    """Let ``layer``'s form show its photo, when it has one, with the registered widget."""
    index = layer.fields().indexOf(PHOTO_FIELD)
    if index >= 0 and PHOTO_WIDGET in QgsGui.editorWidgetRegistry().factories():
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(PHOTO_WIDGET, {}))
