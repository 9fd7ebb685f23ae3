"""Every QGIS showing a shared atelier redraws a table as soon as any of them commits to it."""

from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtCore import QObject, QSocketNotifier

from bassee_atelier_plugin.core.stores.postgis.address import PostgisAddress, connect
from bassee_atelier_plugin.core.stores.postgis.tables import NOTIFY_CHANNEL

LISTENS_WITH_AUTHCFG_SINCE = 33600  # QGIS 3.36: see follow_shared_layers


def follow_shared_layers(layers: dict, location: PostgisAddress, listen: bool = True) -> None:
    """Give the layers of a shared atelier their stored styles, and redraw each whenever any QGIS commits to its table.

    QGIS listens itself, and a project saved with these layers keeps listening without the
    plugin. But before QGIS 3.36 a layer that logs in with an authentication configuration
    crashes QGIS when it starts listening (qgis/QGIS#54260, fixed by qgis/QGIS#55062): the
    plugin then listens for those layers itself (:class:`ChangeListener`).

    ``listen=False`` is for layers that are only written into the stored project, never shown:
    QGIS starts a listener (a thread and a connection) for each layer, and each takes up to a
    second to stop when its layer goes, some ten seconds for an atelier's layers.
    :func:`write_listening` writes them as listening all the same.
    """
    qgis_listens = _qgis_listens(location)
    for table, layer in layers.items():
        layer.loadDefaultStyle()  # QGIS 3.22 does not when it makes a "postgres" layer
        if qgis_listens and listen:
            layer.setRefreshOnNotifyEnabled(True)
            # QGIS 3.22 spells the setter "Nofify"; later versions spell it right
            set_message = getattr(layer, "setRefreshOnNotifyMessage", None) or layer.setRefreshOnNofifyMessage
            set_message(f"{location.schema}.{table}")
    if listen and not qgis_listens and layers:
        ChangeListener(location, layers, parent=next(iter(layers.values())))


def write_listening(project, tables: dict[str, str], location: PostgisAddress) -> None:
    """Have ``project`` written with its layers (``tables``: layer id to table) listening as
    :func:`follow_shared_layers` makes them listen, though they were followed with ``listen=False``."""
    if not _qgis_listens(location):
        return
    messages = {layer_id: f"{location.schema}.{table}" for layer_id, table in tables.items()}

    def mark(layer, element, _document) -> None:  # the attributes QgsMapLayer writes, and reads back
        if layer.id() in messages:
            element.setAttribute("refreshOnNotifyEnabled", "1")
            element.setAttribute("refreshOnNotifyMessage", messages[layer.id()])

    project.writeMapLayer.connect(mark)


def _qgis_listens(location: PostgisAddress) -> bool:
    return not location.authcfg or Qgis.QGIS_VERSION_INT >= LISTENS_WITH_AUTHCFG_SINCE


class ChangeListener(QObject):
    """The atelier's notifications, read on a connection of the plugin's own: each table changed is redrawn.

    It lives as long as its parent layer; the connection is read when the socket has
    something, so it costs nothing between commits.
    """

    def __init__(self, location: PostgisAddress, layers: dict, parent: QObject):
        super().__init__(parent)
        self._layers = layers
        self._prefix = f"{location.schema}."
        self._connection = connect(location)
        self._connection.set_session(autocommit=True)
        with self._connection.cursor() as cursor:
            cursor.execute(f"LISTEN {NOTIFY_CHANNEL}")
        self._notifier = QSocketNotifier(self._connection.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._redraw_changed_tables)
        self.destroyed.connect(self._connection.close)

    def _redraw_changed_tables(self) -> None:
        import psycopg2

        try:
            self._connection.poll()
        except psycopg2.Error:  # the server went away: stop listening rather than fail on every wake-up
            self._notifier.setEnabled(False)
            return
        payloads = {notification.payload for notification in self._connection.notifies}
        self._connection.notifies.clear()
        for payload in payloads:
            layer = self._layers.get(payload[len(self._prefix) :]) if payload.startswith(self._prefix) else None
            if layer is not None:
                layer.reload()
                layer.triggerRepaint()
