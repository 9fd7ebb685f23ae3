"""QGIS's own NMEA parser, fed sentences as a receiver sends them: position, accuracy and a recorded track."""

from __future__ import annotations

import math

import pytest

from bassee_atelier_plugin.gui.visits.gps import TrackRecorder, current_fix, gps_connection
from tests.gps import connected_receiver, fix


@pytest.fixture
def receiver(qgis_app):
    with connected_receiver() as plugged:
        yield plugged


def test_the_current_position_comes_with_its_accuracy(receiver):
    device, connection = receiver
    assert gps_connection() is connection
    assert current_fix() is None  # no sentence yet: no fix

    device.send(*fix("091500", "4824.8880", "00314.2680"), "GPGST,091500.00,1.2,3.0,4.0,0.0,3.0,4.0,5.0")

    position = current_fix()
    assert position.latitude == pytest.approx(48.41480, abs=1e-6)
    assert position.longitude == pytest.approx(3.23780, abs=1e-6)
    # QGIS's horizontal accuracy from the GST sentence: the root mean square of its 3 m and 4 m errors
    assert position.accuracy_m == pytest.approx(math.hypot(3, 4) / math.sqrt(2))
    assert position.utc.startswith("2017-01-26T09:15:00")


def test_a_recorded_track_keeps_the_positions_in_order_and_the_times(receiver):
    device, connection = receiver
    recorder = TrackRecorder()
    recorder.start(connection)

    device.send(*fix("091500", "4824.8880", "00314.2680"))
    device.send(*fix("091510", "4824.8880", "00314.2680"))  # standing still: one position
    device.send(*fix("092000", "4824.6000", "00313.2000"))
    track = recorder.stop("Boucle")

    assert not recorder.recording
    assert track.name == "Boucle" and track.source == "gps"
    assert [value for position in track.positions for value in position] == pytest.approx(
        [3.2378, 48.4148, 3.22, 48.41], abs=1e-6
    )
    assert track.started_at.startswith("2017-01-26T09:15:00") and track.ended_at.startswith("2017-01-26T09:20:00")
    assert recorder.stop() is None  # stopping twice gives nothing more
