"""The site visit dock on a real map canvas: real clicks, real JPEGs, a real atelier GeoPackage.

What was saved is read back with sqlite3, never through QGIS's layers.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pyproj import Transformer
from qgis.core import Qgis, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog, QPushButton

from bassee_atelier_plugin.core.visits import observations as visits
from bassee_atelier_plugin.gui.editing.map_tools import PointTool
from bassee_atelier_plugin.gui.visits.observation_dialog import ObservationAnswer, ObservationDialog
from tests.conftest import instant, kept_settings
from tests.gps import connected_receiver, fix
from tests.photos import geotagged_jpeg
from tests.qgis.desk import (
    BRAY,
    click,
    journal,
    messages,
    near,
    press,
    rows,
    show_on_screen,
)

BRAY_GPS = (48.4148, 3.2378)  # latitude, longitude
BALLOY_GPS = (48.3985, 3.1475)
TO_LAMBERT_93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
JANUARY_VISIT = datetime(2017, 1, 26, 9, 15, 0)
PHOTO_SETTINGS = [
    f"bassee_atelier/{name}"
    for name in ("photo_preview_pixels", "keep_photo_originals", "photo_join_distance_m", "max_photo_megabytes")
]
GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Boucle de la Bassée</name><trkseg>
    <trkpt lat="48.4148" lon="3.2378"><time>2017-01-26T09:00:00Z</time></trkpt>
    <trkpt lat="48.4100" lon="3.2200"><time>2017-01-26T09:20:00Z</time></trkpt>
    <trkpt lat="48.3985" lon="3.1475"><time>2017-01-26T10:30:00Z</time></trkpt>
  </trkseg></trk>
</gpx>
"""


@pytest.fixture
def photo_settings(qgis_app):
    """The photo settings at their defaults, and as the user had them after the test."""
    with kept_settings(*PHOTO_SETTINGS):
        for key in PHOTO_SETTINGS:
            QgsSettings().remove(key)
        yield


@pytest.fixture
def dock(plugin, iface, atelier_path, photo_settings, monkeypatch):
    """The visit dock on the atelier, in a session "Arpentage" made with the dock's "+"."""
    plugin.loader.open(atelier_path)
    show_on_screen(iface)
    dock = plugin.toggle_visit_dock()
    show_on_screen(iface)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Arpentage de janvier", True))
    press(dock.chooser.add_session_button)
    iface.messageBar().clear_messages()
    return dock


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


def session_uuid(path: Path) -> str:
    [session] = rows(path, "sessions")
    return session["uuid"]


def texts(list_widget) -> list[str]:
    return [list_widget.item(row).text() for row in range(list_widget.count())]


def select(list_widget, row: int) -> None:
    """A click on an item of a list, as the user selects it."""
    at = list_widget.visualItemRect(list_widget.item(row)).center()
    QTest.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def import_folder(dock, folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    press(dock.import_folder_button)


# -- observations by a click ---------------------------------------------------------------------


def test_a_click_with_the_observation_tool_commits_the_observation_and_its_photos(
    dock, iface, atelier_path, tmp_path, monkeypatch
):
    first = geotagged_jpeg(tmp_path / "friche.jpg", seed=11)
    second = geotagged_jpeg(tmp_path / "vitrine.jpg", *BRAY_GPS, gps_time=JANUARY_VISIT, seed=12)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(first.read_bytes()[:500])
    asked = []

    def answer():
        asked.append(True)
        return ObservationAnswer("Friche commerciale", [first, broken, second], 6.0)

    monkeypatch.setattr(dock, "ask_observation", answer)
    press(dock.observe_button)
    assert isinstance(iface.mapCanvas().mapTool(), PointTool) and dock.observe_button.isChecked()
    click(iface.mapCanvas(), *BRAY)

    assert asked == [True]
    [observation] = rows(atelier_path, "observations")
    assert (observation["note"], observation["accuracy_m"]) == ("Friche commerciale", 6.0)
    assert observation["session_uuid"] == session_uuid(atelier_path)
    assert instant(observation["observed_at"]) == instant("2017-01-26T09:15:00Z")  # the first photo with a time
    assert near(observation["geom"], *BRAY, tolerance=iface.mapCanvas().mapUnitsPerPixel())
    attachments = rows(atelier_path, "attachments")
    assert [row["file_name"] for row in attachments] == ["friche.jpg", "vitrine.jpg"]
    assert {row["feature_uuid"] for row in attachments} == {observation["uuid"]}
    assert attachments[0]["content"] == first.read_bytes()
    [warning] = messages(iface, Qgis.MessageLevel.Warning)
    assert "broken.jpg" in warning
    assert ("create", "observations", observation["uuid"]) in journal(atelier_path)
    assert not messages(iface, Qgis.MessageLevel.Critical)


def test_the_observation_dialog_takes_a_note_photos_and_an_accuracy(dock, iface, atelier_path, tmp_path, monkeypatch):
    photo = geotagged_jpeg(tmp_path / "berge.jpg", seed=21)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(photo)], "Images"))

    shown = []

    def fill_and_accept() -> None:
        """Run once the dialog is up; an exception here would abort Qt: it is kept and checked after."""
        dialogs = [dialog for dialog in dock.findChildren(ObservationDialog) if dialog.isVisible()]
        shown.extend(dialogs)
        if len(dialogs) != 1:
            QApplication.activeModalWidget().reject()
            return
        [dialog] = dialogs
        dialog.note_edit.setPlainText("Berge effondrée")
        press(dialog.add_photos_button)
        dialog.accuracy_spin.setValue(12.5)
        press(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    press(dock.observe_button)
    QTimer.singleShot(0, fill_and_accept)
    click(iface.mapCanvas(), *BRAY)

    assert len(shown) == 1, "the dialog opened on the click"
    [observation] = rows(atelier_path, "observations")
    assert (observation["note"], observation["accuracy_m"]) == ("Berge effondrée", 12.5)
    [attachment] = rows(atelier_path, "attachments")
    assert attachment["file_name"] == "berge.jpg" and attachment["feature_uuid"] == observation["uuid"]


def test_a_cancelled_observation_dialog_adds_nothing(dock, iface, atelier_path, monkeypatch):
    monkeypatch.setattr(dock, "ask_observation", lambda: None)
    press(dock.observe_button)
    click(iface.mapCanvas(), *BRAY)
    assert rows(atelier_path, "observations") == [] and rows(atelier_path, "attachments") == []


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


# -- itineraries -----------------------------------------------------------------------------------


def test_a_gpx_file_becomes_an_itinerary_of_the_session(dock, iface, atelier_path, tmp_path, monkeypatch):
    path = tmp_path / "visite.gpx"
    path.write_text(GPX, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), "GPX"))

    press(dock.import_gpx_button)

    [itinerary] = rows(atelier_path, "itineraries")
    assert (itinerary["name"], itinerary["source"]) == ("Boucle de la Bassée", "gpx")
    assert itinerary["session_uuid"] == session_uuid(atelier_path)
    assert itinerary["geom"].GetPointCount() == 3
    assert not messages(iface, Qgis.MessageLevel.Warning) and not messages(iface, Qgis.MessageLevel.Critical)


def test_a_gpx_without_points_is_a_warning_and_adds_nothing(dock, iface, atelier_path, tmp_path, monkeypatch):
    empty = tmp_path / "vide.gpx"
    empty.write_text('<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"/>')
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(empty), "GPX"))

    press(dock.import_gpx_button)

    [warning] = messages(iface, Qgis.MessageLevel.Warning)
    assert "vide.gpx" in warning
    assert rows(atelier_path, "itineraries") == []
    assert not [entry for entry in journal(atelier_path) if entry[1] == "itineraries"]


# -- the GPS ------------------------------------------------------------------------------------------


def test_without_a_gps_the_gps_buttons_say_so_and_add_nothing(dock, iface, atelier_path):
    press(dock.gps_observe_button)
    press(dock.record_button)

    assert not dock.record_button.isChecked()
    warnings = messages(iface, Qgis.MessageLevel.Warning)
    assert len(warnings) == 2 and all("No GPS is connected" in warning for warning in warnings)
    assert rows(atelier_path, "observations") == [] and rows(atelier_path, "itineraries") == []


def test_an_observation_at_the_gps_position_keeps_the_receiver_accuracy(dock, iface, atelier_path, monkeypatch):
    monkeypatch.setattr(dock, "ask_observation", lambda: ObservationAnswer("Berge effondrée", [], None))
    with connected_receiver() as (receiver, _connection):
        press(dock.gps_observe_button)
        assert "no position yet" in messages(iface, Qgis.MessageLevel.Warning)[0]
        receiver.send(*fix("091500", "4824.8880", "00314.2680"), "GPGST,091500.00,1.2,3.0,4.0,0.0,3.0,4.0,5.0")
        press(dock.gps_observe_button)

    [observation] = rows(atelier_path, "observations")
    assert observation["note"] == "Berge effondrée"
    assert observation["accuracy_m"] == pytest.approx(3.5355, abs=1e-3)  # QGIS's figure for 3 m and 4 m errors
    assert near(observation["geom"], *TO_LAMBERT_93.transform(3.2378, 48.4148), tolerance=0.01)


def test_a_recorded_gps_route_becomes_an_itinerary_of_the_session(dock, iface, atelier_path):
    with connected_receiver() as (receiver, _connection):
        press(dock.record_button)
        assert dock.record_button.isChecked()
        for time, latitude, longitude in (
            ("091500", "4824.8880", "00314.2680"),
            ("092000", "4824.6000", "00313.2000"),
            ("093000", "4823.9100", "00308.8500"),
        ):
            receiver.send(*fix(time, latitude, longitude))
        press(dock.record_button)

    [itinerary] = rows(atelier_path, "itineraries")
    assert (itinerary["source"], itinerary["session_uuid"]) == ("gps", session_uuid(atelier_path))
    assert itinerary["started_at"].startswith("2017-01-26T09:15:00")
    assert itinerary["geom"].GetPointCount() == 3
    assert "3 positions" in messages(iface, Qgis.MessageLevel.Success)[-1]


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


# -- sharing the live workshop, read-only, unload ---------------------------------------------------


def test_both_docks_share_the_session_choice_and_the_undo(plugin, dock, iface, atelier_path, monkeypatch):
    live = plugin.toggle_live_dock()
    assert live.session is dock.session
    assert live.session_combo.currentData() == session_uuid(atelier_path)
    dock.chooser.session_combo.setCurrentIndex(0)
    assert live.session_combo.currentData() is None
    dock.chooser.session_combo.setCurrentIndex(1)

    monkeypatch.setattr(dock, "ask_observation", lambda: ObservationAnswer("Pont", [], None))
    press(dock.observe_button)
    click(iface.mapCanvas(), *BRAY)
    assert len(rows(atelier_path, "observations")) == 1
    press(live.undo_button)
    assert rows(atelier_path, "observations") == []


def test_the_settings_are_saved_from_the_dock(dock, photo_settings):
    dock.join_spin.setValue(40)
    dock.keep_originals_check.setChecked(False)
    dock.preview_spin.setValue(960)
    dock.max_megabytes_spin.setValue(12)
    from bassee_atelier_plugin.toolbelt.settings import PluginSettings

    settings = PluginSettings.load()
    assert (settings.photo_join_distance_m, settings.keep_photo_originals) == (40.0, False)
    assert (settings.photo_preview_pixels, settings.max_photo_megabytes) == (960, 12.0)


def test_a_read_only_atelier_disables_the_dock(plugin, iface, atelier_path, photo_settings):
    atelier_path.chmod(0o444)
    try:
        plugin.loader.open(atelier_path)
        show_on_screen(iface)
        dock = plugin.toggle_visit_dock()
        assert dock.notice.refusal_label.isVisible() and "read-only" in dock.notice.refusal_label.text()
        assert not dock.editing.isEnabled()
        press(dock.observe_button)
        click(iface.mapCanvas(), *BRAY)
        assert not isinstance(iface.mapCanvas().mapTool(), PointTool)
    finally:
        QgsProject.instance().removeAllMapLayers()
        atelier_path.chmod(0o644)
    assert rows(atelier_path, "observations") == [] and journal(atelier_path) == []


def test_without_an_atelier_the_dock_says_so(plugin, iface, photo_settings):
    show_on_screen(iface)
    dock = plugin.toggle_visit_dock()
    assert dock.notice.missing.isVisible() and not dock.editing.isVisible()


def test_the_action_shows_and_hides_the_dock_and_unload_takes_both_away(plugin, iface, atelier_path, photo_settings):
    plugin.loader.open(atelier_path)
    show_on_screen(iface)
    action = plugin.actions["visit"]
    assert plugin.visit_dock is None, "the dock is built on first show only"
    assert action in plugin.menu.actions() and action in plugin.toolbar.actions()

    action.trigger()
    dock = plugin.visit_dock
    assert dock.isVisible() and action.isChecked()
    assert dock.windowTitle() == "Site visit"
    assert iface.mainWindow().dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    action.trigger()
    assert not dock.isVisible() and not action.isChecked()
    action.trigger()

    dock_type = type(dock)
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert plugin.visit_dock is None and plugin.live_session is None
    assert "visit" not in plugin.actions
    assert not iface.mainWindow().findChildren(dock_type)
    plugin.initGui()  # for the fixture's own unload
