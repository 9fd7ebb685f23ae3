"""The site visit dock on a real map canvas: real clicks, real JPEGs, a real atelier GeoPackage.

Observations by a click or at the GPS position, itineraries from a GPX file or the GPS, the
dock beside the live workshop, its settings, a read-only atelier; importing a folder of photos
and the gallery are in test_visit_dock_photos.py. What was saved is read back with sqlite3,
never through QGIS's layers.
"""

from __future__ import annotations

import pytest
from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from bassee_atelier_plugin.gui.editing.map_tools import PointTool
from bassee_atelier_plugin.gui.visits.observation_dialog import ObservationAnswer, ObservationDialog
from tests.conftest import GPX_FILES, instant
from tests.gps import connected_receiver, fix
from tests.photos import geotagged_jpeg
from tests.qgis import visit_dock_helpers
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
from tests.qgis.visit_dock_helpers import BRAY_GPS, JANUARY_VISIT, TO_LAMBERT_93, session_uuid

GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Boucle de la Bassée</name><trkseg>
    <trkpt lat="48.4148" lon="3.2378"><time>2017-01-26T09:00:00Z</time></trkpt>
    <trkpt lat="48.4100" lon="3.2200"><time>2017-01-26T09:20:00Z</time></trkpt>
    <trkpt lat="48.3985" lon="3.1475"><time>2017-01-26T10:30:00Z</time></trkpt>
  </trkseg></trk>
</gpx>
"""

TITLE = "Atelier des Territoires:"  # the message bar's title, before each message

# the fixtures of visit_dock_helpers, shared with test_visit_dock_photos.py: pytest finds them by their names here
photo_settings, dock = visit_dock_helpers.photo_settings, visit_dock_helpers.dock


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


def test_a_gpx_track_and_its_waypoints_become_the_itinerary_and_observations(dock, iface, atelier_path, monkeypatch):
    path = GPX_FILES / "track_segments_1_0.gpx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), "GPX"))

    press(dock.import_gpx_button)

    [itinerary] = rows(atelier_path, "itineraries")
    assert itinerary["geom"].GetPointCount() == 4
    [observation] = rows(atelier_path, "observations")  # "Halte bis", 6 m away, joined "Halte"
    assert observation["note"] == "Halte — Pont sur la Seine\nHalte bis — Berge érodée"
    assert observation["session_uuid"] == session_uuid(atelier_path)
    [summary] = messages(iface, Qgis.MessageLevel.Success)
    assert summary == TITLE + (
        "itinerary “Boucle de la Bassée” added; 1 observation(s) added from waypoints, 1 joined to one nearby; "
        "0 waypoint(s) skipped."
    )
    layers = dock.session.layers()  # redrawn: the map shows what was added
    assert layers["itineraries"].featureCount() == 1 and layers["observations"].featureCount() == 1


def test_waypoints_without_a_position_are_each_a_warning(dock, iface, atelier_path, monkeypatch):
    path = GPX_FILES / "garmin_waypoints.gpx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), "GPX"))

    press(dock.import_gpx_button)

    assert len(rows(atelier_path, "observations")) == 2 and rows(atelier_path, "itineraries") == []
    assert messages(iface, Qgis.MessageLevel.Warning) == [
        TITLE + "Waypoint skipped: waypoint 3 “003 Sans latitude”: no latitude or longitude",
        TITLE + "Waypoint skipped: waypoint 4 “004 Hors limite”: latitude 91.5 out of range",
    ]
    [summary] = messages(iface, Qgis.MessageLevel.Info)
    assert summary.startswith(TITLE + "no itinerary; 2 observation(s) added from waypoints")


@pytest.mark.parametrize(
    "name, content, refusal",
    [
        (
            "vide.gpx",
            b'<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"/>',
            "no track",
        ),
        ("coupe.gpx", (GPX_FILES / "track_segments_1_0.gpx").read_bytes()[:900], "cut short at line"),
    ],
)
def test_an_empty_or_truncated_gpx_is_refused_and_adds_nothing(
    dock, iface, atelier_path, tmp_path, monkeypatch, name, content, refusal
):
    path = tmp_path / name
    path.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), "GPX"))

    press(dock.import_gpx_button)

    [critical] = messages(iface, Qgis.MessageLevel.Critical)
    assert name in critical and refusal in critical
    assert rows(atelier_path, "itineraries") == [] and rows(atelier_path, "observations") == []
    assert not [entry for entry in journal(atelier_path) if entry[1] in ("itineraries", "observations")]


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
