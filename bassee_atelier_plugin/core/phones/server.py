"""The phones' server: a small HTTP server on the room's network, behind a per-session secret.

The interface is described in docs/phone-contributions.md. The server holds no state of
its own beyond the map picture it hands out: what phones send goes to a
:class:`~bassee_atelier_plugin.core.phones.contributions.ContributionDesk`, the same one whether
QGIS or ``python -m bassee_atelier_plugin serve`` runs the server.

How a request is answered, and the defences it meets first, is in
:mod:`~bassee_atelier_plugin.core.phones.handler`; the map picture in
:mod:`~bassee_atelier_plugin.core.phones.map_view`.
"""

from __future__ import annotations

import errno
import hmac
import io
import secrets
import socket

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.phones.contributions import (
    COMMENT_LIMIT,
    PHOTO_LIMIT_BYTES,
    TITLE_LIMIT,
    ContributionDesk,
)
from bassee_atelier_plugin.core.phones.handler import PAGE_FILES, RateLimiter
from bassee_atelier_plugin.core.phones.identity import NEW_PHONES_PER_MINUTE, PhoneIdentities
from bassee_atelier_plugin.core.phones.map_view import MapView
from bassee_atelier_plugin.core.phones.qr_code import segno
from bassee_atelier_plugin.core.phones.reception import Reception
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.resources import resources_dir

DEFAULT_PORT = 8765
DEFAULT_REQUESTS_PER_MINUTE = 120  # a phone polls every few seconds; a burst of taps stays well under


class PhoneServer:
    """Serves the phone page and takes contributions and votes, until :meth:`stop`."""

    def __init__(
        self,
        desk: ContributionDesk,
        host: str,
        port: int,
        map_view: MapView,
        requests_per_minute: int = DEFAULT_REQUESTS_PER_MINUTE,
    ):
        self.desk = desk
        self.host = host
        self.port = port
        self.limiter = RateLimiter(requests_per_minute)
        self.token: str | None = None
        self.identities: PhoneIdentities | None = None  # made anew at each start, as the token
        self.qr_code = None  # segno's code of the address, made as the port opens
        self._map_view = map_view
        self._map_version = 1
        folder = resources_dir() / "phone"
        try:
            self._page = {name: (folder / file).read_bytes() for name, (file, _type) in PAGE_FILES.items()}
        except OSError as error:
            raise AtelierError(
                tr("The phone page is missing from the plugin ({error}): reinstall the plugin.").format(error=error)
            ) from error
        self._http: Reception | None = None

    @property
    def running(self) -> bool:
        return self._http is not None

    @property
    def url(self) -> str | None:
        if self._http is None:
            return None
        host, port = self._http.server_address[:2]
        # every interface: phones reach the one on the room's network
        if host in ("0.0.0.0", "::"):  # nosec B104 # compares, binds nothing
            host = lan_address()
        return f"http://{_url_host(host)}:{port}/t/{self.token}/"

    def start(self) -> str:
        """Open the port and serve in the background; return the address the QR code carries.

        Without a QR code there is no server: its library is found before the port opens, and
        the port is closed again if the code cannot be made.
        """
        if self.running:
            return self.url
        qr_library = segno()
        try:
            http = Reception(self.host, self.port, self)
        except OSError as error:
            raise AtelierError(_why_not_listening(self.host, self.port, error)) from error
        self.token = secrets.token_urlsafe(24)
        self.identities = PhoneIdentities(RateLimiter(NEW_PHONES_PER_MINUTE))
        self._http = http
        try:
            self.qr_code = qr_library.make(self.url, error="m")
        except BaseException:
            self.token, self._http = None, None
            http.stop()
            raise
        http.start()
        return self.url

    def stop(self) -> None:
        """Close the port; the token is forgotten, so an address seen before no longer works."""
        self.token = self.qr_code = None
        http, self._http = self._http, None
        if http is not None:
            http.stop()

    def set_map_view(self, view: MapView) -> None:
        """The projector's view changed: phones fetch the new picture on their next poll."""
        self._map_view = view
        self._map_version += 1

    def qr_png(self, scale: int = 10) -> bytes:
        """The QR code of :attr:`url`, as a PNG, dark on light, with its quiet zone."""
        output = io.BytesIO()
        self.qr_code.save(output, kind="png", scale=scale, border=4)
        return output.getvalue()

    # -- what the handler asks --------------------------------------------------------

    def token_matches(self, candidate: str) -> bool:
        token = self.token
        return token is not None and hmac.compare_digest(candidate.encode(), token.encode())

    def view(self) -> dict:
        view = self._map_view
        return {
            "atelier": self.desk.atelier.metadata.title,
            "session": self.desk.session_title,
            "moderated": self.desk.require_approval,
            "map": {"version": self._map_version, "width": view.width, "height": view.height, "extent": view.extent},
            "bounds": self.desk.extent,
            "themes": self.desk.themes,
            "readings": self.desk.readings,
            "limits": {"title": TITLE_LIMIT, "comment": COMMENT_LIMIT, "photo_bytes": PHOTO_LIMIT_BYTES},
        }

    def stakes(self, phone: str | None) -> dict:
        return {"map_version": self._map_version, "stakes": self.desk.shown_stakes(phone, self._map_view.extent)}

    def map_png(self) -> bytes:
        return self._map_view.png

    def page_file(self, name: str) -> bytes:
        return self._page[name]


def lan_address() -> str:
    """This machine's address on the local network (the room's Wi-Fi), or loopback without one.

    A UDP socket "connected" to a private address sends nothing, but makes the system choose
    the interface it would use: its address is the one phones can reach.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _why_not_listening(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return tr("Port {port} is already in use here: choose another port in the plugin's settings.").format(port=port)
    if error.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(error, socket.gaierror):
        return tr("{host} is not an address of this machine: choose another host in the plugin's settings.").format(
            host=host
        )
    if error.errno == errno.EACCES:
        return tr("Port {port} is reserved to the system: choose a port above 1024 in the plugin's settings.").format(
            port=port
        )
    return tr("The phones' server could not start on {host}:{port}: {error}").format(host=host, port=port, error=error)
