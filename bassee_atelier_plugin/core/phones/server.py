"""The phones' server: a small HTTP server on the room's network, behind a per-session secret.

The interface is described in docs/phone-contributions.md. The server holds no state of
its own beyond the map picture it hands out: what phones send goes to a
:class:`~bassee_atelier_plugin.core.phones.contributions.ContributionDesk`, the same one whether
QGIS or ``python -m bassee_atelier_plugin serve`` runs the server.

Defences, in the order a request meets them: a rate limit per address, the token (a
wrong one answers 403 before anything is read), an exact list of addresses (no path of a
request reaches the file system), a size limit read from ``Content-Length`` before the
body, JSON only, then the desk's checks of every field. Errors answer JSON, never a
traceback; the details go to the log.
"""

from __future__ import annotations

import errno
import hmac
import io
import json
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from qgis.core import QgsCoordinateReferenceSystem, QgsMapSettings, QgsProject
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import STAKE_TABLES
from bassee_atelier_plugin.core.phones.contributions import (
    COMMENT_LIMIT,
    PHONE_ID,
    PHOTO_LIMIT_BYTES,
    TITLE_LIMIT,
    ContributionDesk,
    ContributionError,
)
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import add_to_project, atelier_frame
from bassee_atelier_plugin.core.presentation.snapshot import project_map_settings, render_image
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log
from bassee_atelier_plugin.toolbelt.resources import resources_dir

DEFAULT_PORT = 8765
DEFAULT_REQUESTS_PER_MINUTE = 120  # a phone polls every few seconds; a burst of taps stays well under
BODY_LIMIT = 16_000  # a contribution without a photo, or a vote
PHOTO_BODY_LIMIT = 7_000_000  # the photo's own limit, plus a third for base64, plus the fields
REQUEST_TIMEOUT_S = 10
MAP_WIDTH = 1600  # sharp on a phone's screen, zoomed in twice, and a few hundred KB
MAP_MAX_HEIGHT = 2400  # a client that sends nothing is dropped, not waited for
PAGE_FILES = {"": ("index.html", "text/html; charset=utf-8"), "app.js": ("app.js", "text/javascript; charset=utf-8")}
PAGE_FILES["app.css"] = ("app.css", "text/css; charset=utf-8")
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the token is in the address: it must not leak to another site
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
}
STATUS_OF_REFUSAL = {
    "bad_request": HTTPStatus.BAD_REQUEST,
    "invalid_field": HTTPStatus.BAD_REQUEST,
    "outside_extent": HTTPStatus.BAD_REQUEST,
    "not_found": HTTPStatus.NOT_FOUND,
    "already_voted": HTTPStatus.CONFLICT,
}
_ERROR_CODES = {
    HTTPStatus.BAD_REQUEST: "bad_request",
    HTTPStatus.FORBIDDEN: "forbidden",
    HTTPStatus.NOT_FOUND: "not_found",
    HTTPStatus.METHOD_NOT_ALLOWED: "method_not_allowed",
    HTTPStatus.LENGTH_REQUIRED: "length_required",
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "too_large",
    HTTPStatus.TOO_MANY_REQUESTS: "rate_limited",
    HTTPStatus.NOT_IMPLEMENTED: "method_not_allowed",
    HTTPStatus.SERVICE_UNAVAILABLE: "unavailable",
}


@dataclass(frozen=True)
class MapView:
    """The map the phones tap on: a PNG rendered by QGIS and the extent it covers, north up."""

    png: bytes
    extent: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in the atelier's CRS
    width: int
    height: int


class RateLimiter:
    """A token bucket per client address: ``per_minute`` requests, with bursts up to a quarter of that."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.rate = per_minute / 60
        self.burst = max(5.0, per_minute / 4)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, when)
        self._lock = threading.Lock()

    def wait_needed(self, address: str) -> float:
        """0 if the request may go on (and count it); otherwise the seconds until it may."""
        now = self._clock()
        with self._lock:
            tokens, then = self._buckets.get(address, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens < 1:
                self._buckets[address] = (tokens, now)
                return (1 - tokens) / self.rate
            self._buckets[address] = (tokens - 1, now)
            return 0.0


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
        self._map_view = map_view
        self._map_version = 1
        folder = resources_dir() / "phone"
        try:
            self._page = {name: (folder / file).read_bytes() for name, (file, _type) in PAGE_FILES.items()}
        except OSError as error:
            raise AtelierError(
                tr("The phone page is missing from the plugin ({error}): reinstall the plugin.").format(error=error)
            ) from error
        self._http: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._http is not None

    @property
    def url(self) -> str | None:
        if self._http is None:
            return None
        host, port = self._http.server_address[:2]
        if host in ("0.0.0.0", "::"):  # every interface: phones reach the one on the room's network
            host = lan_address()
        return f"http://{_url_host(host)}:{port}/t/{self.token}/"

    def start(self) -> str:
        """Open the port and serve in the background; return the address the QR code carries."""
        if self.running:
            return self.url
        try:
            http = _Http((self.host, self.port), _Handler)
        except OSError as error:
            raise AtelierError(_why_not_listening(self.host, self.port, error)) from error
        http.phones = self
        self.token = secrets.token_urlsafe(24)
        self._http = http
        self._thread = threading.Thread(target=http.serve_forever, name="phone-server", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        """Close the port; the token is forgotten, so an address seen before no longer works."""
        self.token = None
        http, self._http = self._http, None
        if http is not None:
            http.shutdown()
            http.server_close()
            self._thread.join()

    def set_map_view(self, view: MapView) -> None:
        """The projector's view changed: phones fetch the new picture on their next poll."""
        self._map_view = view
        self._map_version += 1

    def qr_png(self, scale: int = 10) -> bytes:
        """The QR code of :attr:`url`, as a PNG, dark on light, with its quiet zone."""
        import segno

        output = io.BytesIO()
        segno.make(self.url, error="m").save(output, kind="png", scale=scale, border=4)
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


class _Http(ThreadingHTTPServer):
    daemon_threads = True  # a phone that hangs on never keeps QGIS from closing
    phones: PhoneServer


class _Handler(BaseHTTPRequestHandler):
    server: _Http
    timeout = REQUEST_TIMEOUT_S
    protocol_version = "HTTP/1.1"  # phones keep their connection between polls

    def version_string(self) -> str:
        return "atelier"  # no Python version to help anyone

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the signature is http.server's
        pass  # requests are not logged: phones are anonymous, and a room's worth would drown the log

    def do_GET(self) -> None:  # noqa: N802 - the name is http.server's
        self._answer("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._answer("POST")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a bad request line, an unknown method) as JSON too."""
        self.close_connection = True
        status = HTTPStatus(code)
        self._send_json(status, {"error": _ERROR_CODES.get(status, "bad_request"), "message": status.phrase})

    # -- the request, step by step -------------------------------------------------------

    def _answer(self, method: str) -> None:
        phones = self.server.phones
        wait = phones.limiter.wait_needed(self.client_address[0])
        if wait:
            self._refuse(HTTPStatus.TOO_MANY_REQUESTS, "Too many requests.", {"Retry-After": str(int(wait) + 1)})
            return
        address = urlsplit(self.path)
        parts = address.path.split("/", 3)  # "", "t", token, rest
        if len(parts) == 3 and parts[1] == "t" and phones.token_matches(parts[2]):  # typed without the last /
            self._send(HTTPStatus.MOVED_PERMANENTLY, "text/plain", b"", {"Location": address.path + "/"})
            return
        if len(parts) < 4 or parts[1] != "t" or not phones.token_matches(parts[2]):
            self._refuse(HTTPStatus.FORBIDDEN, "Forbidden.")
            return
        route = ROUTES.get(parts[3])
        if route is None:
            self._refuse(HTTPStatus.NOT_FOUND, "Not found.")
            return
        if route.method != method:
            self._refuse(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed.", {"Allow": route.method})
            return
        try:
            route.answer(self, phones, parts[3])
        except ContributionError as refusal:
            body = {"error": refusal.code, "message": str(refusal)}
            if refusal.field:
                body["field"] = refusal.field
            self._send_json(STATUS_OF_REFUSAL.get(refusal.code, HTTPStatus.BAD_REQUEST), body)
        except AtelierError as error:  # the atelier could not be written: the phone may try again
            self._refuse(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
        except Exception as error:  # noqa: BLE001 - whatever it was, the phone gets no traceback
            log(tr("The phones' server failed on {address}: {error!r}").format(address=address.path, error=error))
            self._refuse(HTTPStatus.INTERNAL_SERVER_ERROR, "Server error.", code="server_error")

    def _page(self, phones: PhoneServer, name: str) -> None:
        self._send(HTTPStatus.OK, PAGE_FILES[name][1], phones.page_file(name))

    def _view(self, phones: PhoneServer, _name: str) -> None:
        self._send_json(HTTPStatus.OK, phones.view())

    def _map(self, phones: PhoneServer, _name: str) -> None:
        self._send(HTTPStatus.OK, "image/png", phones.map_png())

    def _stakes(self, phones: PhoneServer, _name: str) -> None:
        phone = self.headers.get("X-Phone")
        self._send_json(HTTPStatus.OK, phones.stakes(phone if phone and _is_phone(phone) else None))

    def _contribution(self, phones: PhoneServer, _name: str) -> None:
        sent = self._json_body(PHOTO_BODY_LIMIT)
        if sent is not None:
            received = phones.desk.contribute(self.headers.get("X-Phone"), sent)
            self._send_json(HTTPStatus.CREATED, {"uuid": received.uuid, "pending": received.pending})

    def _vote(self, phones: PhoneServer, _name: str) -> None:
        sent = self._json_body(BODY_LIMIT)
        if sent is not None:
            received = phones.desk.vote(self.headers.get("X-Phone"), sent)
            votes = {"votes_for": received.votes_for, "votes_against": received.votes_against}
            self._send_json(HTTPStatus.OK, {"uuid": received.uuid, **votes, "my_vote": sent["value"]})

    def _json_body(self, limit: int):
        """The request's JSON, or None once a refusal has been sent; the body is never read past ``limit``."""
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._refuse(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required.")
            return None
        if int(length) > limit:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"The body is larger than {limit} bytes.")
            return None
        if self.headers.get_content_type() != "application/json":
            self._refuse(HTTPStatus.BAD_REQUEST, "The body must be JSON (application/json).")
            return None
        body = self.rfile.read(int(length))
        try:
            return json.loads(body)
        except (UnicodeDecodeError, ValueError):
            self._refuse(HTTPStatus.BAD_REQUEST, "The body is not valid JSON.")
            return None

    def _refuse(self, status: HTTPStatus, message: str, headers: dict | None = None, code: str | None = None) -> None:
        if status in (HTTPStatus.REQUEST_ENTITY_TOO_LARGE, HTTPStatus.LENGTH_REQUIRED, HTTPStatus.TOO_MANY_REQUESTS):
            self.close_connection = True  # the unread body must not be taken for the next request
        self._send_json(status, {"error": code or _ERROR_CODES[status], "message": message}, headers)

    def _send_json(self, status: HTTPStatus, body: dict, headers: dict | None = None) -> None:
        # "<" escaped too: even a browser that took this for HTML would find no tag in it
        content = json.dumps(body).replace("<", "\\u003c").encode()
        self._send(status, "application/json", content, headers)

    def _send(self, status: HTTPStatus, content_type: str, content: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(content)))
        for name, value in {**SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(content)


@dataclass(frozen=True)
class _Route:
    method: str
    answer: Callable[[_Handler, PhoneServer, str], None]


ROUTES = {name: _Route("GET", _Handler._page) for name in PAGE_FILES}
ROUTES.update(
    {
        "api/view": _Route("GET", _Handler._view),
        "api/map.png": _Route("GET", _Handler._map),
        "api/stakes": _Route("GET", _Handler._stakes),
        "api/contributions": _Route("POST", _Handler._contribution),
        "api/votes": _Route("POST", _Handler._vote),
    }
)


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


def _is_phone(phone: str) -> bool:
    return bool(PHONE_ID.fullmatch(phone))


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


def atelier_map_view(atelier: Atelier) -> MapView:
    """The phones' map of a whole atelier, for ``serve``, where no projector says what to show.

    The atelier's layers are opened afresh with their stored styles, rather than through the
    stored project, whose layers may name the file the atelier was copied from.
    """
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(atelier.metadata.crs))
    add_to_project(atelier, project)
    frame = atelier_frame(atelier)
    if frame is not None:
        project.viewSettings().setDefaultViewExtent(frame)
    stakes = {layer.id() for layer in project.mapLayers().values() if layer_table(layer) in STAKE_TABLES}
    return render_map_view(project_map_settings(project, QSize(MAP_WIDTH, MAP_WIDTH * 9 // 16)), stakes)


def render_map_view(settings: QgsMapSettings, leave_out: set[str], width: int = MAP_WIDTH) -> MapView:
    """The phones' map of what ``settings`` shows, ``width`` pixels wide, without the layers ``leave_out``.

    The stakes are left out of the picture: the page draws them itself, as markers to vote on.
    Runs on QGIS's main thread, like any rendering of the project's layers.
    """
    settings = QgsMapSettings(settings)
    extent = settings.visibleExtent()
    height = max(1, min(MAP_MAX_HEIGHT, round(width * extent.height() / extent.width())))
    settings.setOutputSize(QSize(width, height))
    settings.setExtent(extent)
    settings.setLayers([layer for layer in settings.layers() if layer.id() not in leave_out])
    image = render_image(settings)
    shown = settings.visibleExtent()  # the picture's aspect may widen the extent a little
    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    box = (shown.xMinimum(), shown.yMinimum(), shown.xMaximum(), shown.yMaximum())
    return MapView(bytes(content), box, image.width(), image.height())
