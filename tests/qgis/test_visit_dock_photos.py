"""The site visit dock's photos: a folder imported as observations, and the session's gallery.

Real geotagged JPEGs (one without position, one truncated) on a real map canvas, with real
clicks. What was saved is read back with sqlite3, never through QGIS's layers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import Qgis
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QFileDialog, QPushButton

from bassee_atelier_plugin.core.visits import observations as visits
from bassee_atelier_plugin.gui.editing.map_tools import PointTool
from tests.photos import geotagged_jpeg
from tests.qgis import visit_dock_helpers
from tests.qgis.desk import (
    BRAY,
    click,
    messages,
    near,
    press,
    rows,
)
from tests.qgis.visit_dock_helpers import BRAY_GPS, JANUARY_VISIT, TO_LAMBERT_93, session_uuid

BALLOY_GPS = (48.3985, 3.1475)

# the fixtures of visit_dock_helpers, shared with test_visit_dock.py: pytest finds them by their names here
photo_settings, dock = visit_dock_helpers.photo_settings, visit_dock_helpers.dock


@pytest.fixture
def folder(tmp_path) -> Path:
    """Three geotagged photos (two at Bray 8 m apart, one at Balloy), one without position, one truncated."""
    photos = tmp_path / "photos"
    photos.mkdir()
    east_8m = (BRAY_GPS[0], BRAY_GPS[1] + 8 / 73_900)
    geotagged_jpeg(photos / "IMG_0001.jpg", *BRAY_GPS, gps_time=JANUARY_VISIT, seed=1)
    geotagged_jpeg(photos / "IMG_0002.jpg", *east_8m, gps_time=JANUARY_VISIT, seed=2)
    geotagged_jpeg(photos / "IMG_0003.jpg", *BALLOY_GPS, camera_time="2017:01:26 11:40:00", seed=3)
    geotagged_jpeg(photos / "IMG_0004.jpg", seed=4)  # no position
    whole = geotagged_jpeg(tmp_path / "whole.jpg", *BRAY_GPS, seed=5).read_bytes()
    (photos / "IMG_0005.jpg").write_bytes(whole[: len(whole) // 2])  # the card was pulled out
    return photos


def texts(list_widget) -> list[str]:
    return [list_widget.item(row).text() for row in range(list_widget.count())]


def select(list_widget, row: int) -> None:
    """A click on an item of a list, as the user selects it."""
    at = list_widget.visualItemRect(list_widget.item(row)).center()
    QTest.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def import_folder(dock, folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    press(dock.import_folder_button)


# -- a folder of photos --------------------------------------------------------------------------


def test_a_folder_import_makes_observations_and_lists_the_photo_without_position(
    dock, iface, atelier_path, folder, monkeypatch
):
    import_folder(dock, folder, monkeypatch)

    session = session_uuid(atelier_path)
    observations = rows(atelier_path, "observations")
    assert len(observations) == 2, "the two photos 8 m apart are one observation"
    assert {row["session_uuid"] for row in observations} == {session}
    attachments = rows(atelier_path, "attachments")
    assert [row["file_name"] for row in attachments] == ["IMG_0001.jpg", "IMG_0002.jpg", "IMG_0003.jpg"]
    x, y = TO_LAMBERT_93.transform(BRAY_GPS[1], BRAY_GPS[0])
    assert near(observations[0]["geom"], x, y, tolerance=0.01)
    assert texts(dock.unplaced_list) == ["IMG_0004.jpg"]
    assert any("IMG_0005.jpg" in warning for warning in messages(iface, Qgis.MessageLevel.Warning))
    [summary] = messages(iface, Qgis.MessageLevel.Info)
    assert "2 observation(s) and 3 photo(s) added" in summary and "1 without position" in summary
    assert dock.progress is None, "the progress dialog is gone"

    unplaced = dock.unplaced_list
    QTest.mouseClick(
        unplaced.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        unplaced.visualItemRect(unplaced.item(0)).center(),
    )
    assert isinstance(iface.mapCanvas().mapTool(), PointTool)
    click(iface.mapCanvas(), BRAY[0] + 2000, BRAY[1])

    placed = rows(atelier_path, "observations")[-1]
    assert len(rows(atelier_path, "observations")) == 3
    assert near(placed["geom"], BRAY[0] + 2000, BRAY[1], tolerance=iface.mapCanvas().mapUnitsPerPixel())
    assert placed["session_uuid"] == session
    last = rows(atelier_path, "attachments")[-1]
    assert (last["file_name"], last["feature_uuid"]) == ("IMG_0004.jpg", placed["uuid"])
    assert last["content"] == (folder / "IMG_0004.jpg").read_bytes()
    assert unplaced.count() == 0
    click(iface.mapCanvas(), BRAY[0] + 3000, BRAY[1])  # nothing selected any more: nothing added
    assert len(rows(atelier_path, "observations")) == 3


def test_cancelling_the_progress_dialog_after_the_first_photo_keeps_whole_photos(
    dock, iface, atelier_path, folder, monkeypatch
):
    read_photo = visits.read_photo
    reads = []

    def read_then_cancel(*args, **kwargs):
        photo = read_photo(*args, **kwargs)
        reads.append(photo.path.name)
        if len(reads) == 1:
            cancel = dock.progress.findChild(QPushButton)
            assert dock.progress.isVisible() and cancel is not None
            QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
        return photo

    monkeypatch.setattr(visits, "read_photo", read_then_cancel)
    import_folder(dock, folder, monkeypatch)

    assert reads == ["IMG_0001.jpg"]
    [observation] = rows(atelier_path, "observations")
    [attachment] = rows(atelier_path, "attachments")
    assert attachment["feature_uuid"] == observation["uuid"]
    assert attachment["content"] == (folder / "IMG_0001.jpg").read_bytes()
    assert any("stopped" in message for message in messages(iface, Qgis.MessageLevel.Info))
    assert dock.unplaced_list.count() == 0


# -- the gallery -----------------------------------------------------------------------------------


def test_the_gallery_shows_the_session_photos_and_exports_one_with_the_same_bytes(
    dock, iface, atelier_path, folder, tmp_path, monkeypatch
):
    import_folder(dock, folder, monkeypatch)
    target = tmp_path / "export" / "copie.jpg"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))

    press(dock.gallery_button)
    gallery = dock.gallery
    assert gallery is not None and gallery.isVisible()
    photos = gallery.photo_list
    assert [photos.item(row).text() for row in range(photos.count())] == [
        "IMG_0001.jpg",
        "IMG_0002.jpg",
        "IMG_0003.jpg",
    ]
    assert all(not photos.item(row).icon().isNull() for row in range(photos.count()))
    assert not gallery.export_button.isEnabled()
    select(photos, 1)
    press(gallery.export_button)

    assert target.read_bytes() == (folder / "IMG_0002.jpg").read_bytes()
    gallery.close()


def test_the_gallery_of_another_session_is_empty(dock, iface, atelier_path, folder, monkeypatch):
    import_folder(dock, folder, monkeypatch)
    dock.chooser.session_combo.setCurrentIndex(0)  # (no session)
    press(dock.gallery_button)
    assert dock.gallery.photo_list.count() == 0 and dock.gallery.empty_label.isVisible()
    dock.gallery.close()
