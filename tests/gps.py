"""A GPS receiver for tests: NMEA sentences, as a serial port delivers them, to QGIS's own parser."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import reduce

from qgis.core import QgsApplication, QgsNmeaConnection
from qgis.PyQt.QtCore import QIODevice
from qgis.PyQt.QtTest import QTest


class Receiver(QIODevice):
    """A serial port's stand-in: what is sent is read once, in order."""

    def __init__(self):
        super().__init__()
        self._pending = b""
        self.open(QIODevice.OpenModeFlag.ReadOnly)

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


@contextmanager
def connected_receiver() -> Iterator[tuple[Receiver, QgsNmeaConnection]]:
    """A receiver plugged in, as QGIS's GPS panel would register it; unplugged afterwards."""
    device = Receiver()
    connection = QgsNmeaConnection(device)
    QgsApplication.gpsConnectionRegistry().registerConnection(connection)
    try:
        yield device, connection
    finally:
        QgsApplication.gpsConnectionRegistry().unregisterConnection(connection)
