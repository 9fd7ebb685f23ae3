"""The GPS QGIS is connected to (GPS panel, or any connection in QGIS's registry): where we are, and where we went.

The plugin opens no GPS of its own: the user connects one in QGIS, and the site visit uses
whatever connection QGIS has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qgis.core import QgsApplication, QgsGpsConnection, QgsGpsInformation
from qgis.PyQt.QtCore import QObject, Qt

from bassee_atelier_plugin.core.visits.gpx import Track


@dataclass(frozen=True)
class GpsFix:
    longitude: float
    latitude: float
    accuracy_m: float | None  # the receiver's horizontal error estimate, when it gives one
    utc: str | None  # ISO UTC


def gps_connection() -> QgsGpsConnection | None:
    """The first GPS connection QGIS holds, if any."""
    connections = QgsApplication.gpsConnectionRegistry().connectionList()
    return connections[0] if connections else None


def fix_of(information: QgsGpsInformation) -> GpsFix | None:
    """The position a GPS reading gives, or None while the receiver has no fix."""
    if not information.isValid() or (information.latitude, information.longitude) == (0, 0):
        return None  # QGIS calls a reading that never came "valid": it is all zeros
    accuracy = information.hacc if information.hacc > 0 and not math.isnan(information.hacc) else None
    when = information.utcDateTime
    utc = when.toUTC().toString(Qt.DateFormat.ISODateWithMs) if when.isValid() else None
    return GpsFix(information.longitude, information.latitude, accuracy, utc)


def current_fix(connection: QgsGpsConnection | None = None) -> GpsFix | None:
    connection = connection or gps_connection()
    return fix_of(connection.currentGPSInformation()) if connection is not None else None


class TrackRecorder(QObject):
    """Collects the positions of a GPS connection from start() to stop(), which gives the track."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._connection: QgsGpsConnection | None = None
        self._fixes: list[GpsFix] = []

    @property
    def recording(self) -> bool:
        return self._connection is not None

    @property
    def positions(self) -> int:
        return len(self._fixes)

    def start(self, connection: QgsGpsConnection) -> None:
        self.stop()
        self._fixes = []
        self._connection = connection
        connection.stateChanged.connect(self._record)

    def stop(self, name: str = "") -> Track | None:
        """Stop recording; the track of what was recorded (None when nothing was)."""
        if self._connection is None:
            return None
        self._connection.stateChanged.disconnect(self._record)
        self._connection = None
        if not self._fixes:
            return None
        fixes, self._fixes = self._fixes, []
        positions = tuple((fix.longitude, fix.latitude) for fix in fixes)
        return Track(name, positions, fixes[0].utc, fixes[-1].utc, "gps")

    def _record(self, information: QgsGpsInformation) -> None:
        fix = fix_of(information)
        if fix is not None and (not self._fixes or (fix.longitude, fix.latitude) != self._last_position):
            self._fixes.append(fix)

    @property
    def _last_position(self) -> tuple[float, float]:
        return self._fixes[-1].longitude, self._fixes[-1].latitude
