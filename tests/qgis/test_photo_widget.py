"""The photo shown in QGIS's own feature form, from the display copy stored in the atelier."""

from __future__ import annotations

from qgis.core import QgsVectorLayer
from qgis.gui import QgsAttributeForm, QgsGui
from qgis.PyQt.QtWidgets import QLabel

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.visits.observations import import_photo_folder
from bassee_atelier_plugin.gui.visits.photo_widget import (
    PHOTO_WIDGET,
    SHOWN_PIXELS,
    register_photo_widget,
    show_photos,
)
from tests.photos import geotagged_jpeg


def shown_photos(form: QgsAttributeForm) -> list[QLabel]:
    return [label for label in form.findChildren(QLabel) if label.pixmap() is not None and not label.pixmap().isNull()]


def test_the_attachment_form_shows_the_photo(new_atelier, tmp_path, qgis_iface):
    folder = tmp_path / "photos"
    folder.mkdir()
    geotagged_jpeg(folder / "gravière.jpg", 48.3985, 3.1475, size=(1200, 900))
    with writer(new_atelier) as edits:
        session = edits.insert("sessions", {"kind": "visite", "title": "Arpentage"})
    import_photo_folder(new_atelier, folder, session)
    layer = QgsVectorLayer(new_atelier.layer_uri("attachments"), "attachments", "ogr")
    register_photo_widget()
    register_photo_widget()  # a plugin reloaded: registering again is harmless

    show_photos(layer)
    form = QgsAttributeForm(layer, next(layer.getFeatures()))

    assert PHOTO_WIDGET in QgsGui.editorWidgetRegistry().factories()
    [photo] = shown_photos(form)
    assert (photo.pixmap().width(), photo.pixmap().height()) == (SHOWN_PIXELS, SHOWN_PIXELS * 3 // 4)
    form.deleteLater()


def test_layers_without_photos_keep_their_widgets(new_atelier):
    layer = QgsVectorLayer(new_atelier.layer_uri("observations"), "observations", "ogr")
    before = [layer.editorWidgetSetup(index).type() for index in range(layer.fields().count())]
    register_photo_widget()

    show_photos(layer)

    assert [layer.editorWidgetSetup(index).type() for index in range(layer.fields().count())] == before
