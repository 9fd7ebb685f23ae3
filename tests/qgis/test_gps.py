"""QGIS's own NMEA parser, fed sentences as a receiver sends them: position, accuracy and a recorded track."""

from __future__ import annotations

import math
from functools import reduce

import pytest
from qgis.core import QgsApplication, QgsNmeaConnection
from qgis.PyQt.QtCore import QIODevice
from qgis.PyQt.QtTest import QTest

from bassee_atelier_plugin.gui.gps import TrackRecorder, current_fix, gps_connection


class Receiver(QIODevice):
    """A serial port's stand-in: what is sent is read once, in order."""

    def __init__(self):
        super().__init__()
        self._pending = b""
        self.open(QIODevice.ReadOnly)

    def isSequential(self) -> bool:  # noqa: N802
        return True

    def bytesAvailable(self) -> int:  # noqa: N802
        return len(self._pending) + super().bytesAvailable()

    def readData(self, size: int) -> bytes:  # noqa: N802
        data, self._pending = self._pending[:size], self._pending[size:]
        return data

    def writeData(self, data: bytes) -> int:  # noqa: N802
        return -1

    def send(self, *sentences: str) -> None:
        for sentence in sentences:
            checksum = reduce(lambda total, char: total ^ ord(char), sentence, 0)
            self._pending += f"${sentence}*{checksum:02X}\r\n".encode("ascii")
        self.readyRead.emit()
        QTest.qWait(50)


def fix(time: str, latitude: str, longitude: str) -> tuple[str, str]:
    """GGA and RMC sentences of one fix (latitude ddmm.mmmm N, longitude dddmm.mmmm E)."""
    gga = f"GPGGA,{time}.00,{latitude},N,{longitude},E,1,08,0.9,60.0,M,46.9,M,,"
    rmc = f"GPRMC,{time}.00,A,{latitude},N,{longitude},E,0.5,54.7,260117,,,A"
    return gga, rmc


@pytest.fixture
def receiver(qgis_app):
    device = Receiver()
    connection = QgsNmeaConnection(device)
    QgsApplication.gpsConnectionRegistry().registerConnection(connection)
    yield device, connection
    QgsApplication.gpsConnectionRegistry().unregisterConnection(connection)


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
