"""How the phones' server answers one request: its defences in order, then its route.

Defences, in the order a request meets them: a rate limit per address, the token (a
wrong one answers 403 before anything is read), an exact list of addresses (no path of a
request reaches the file system), a size limit read from ``Content-Length`` before the
body, JSON only, then the desk's checks of every field. Errors answer JSON, never a
traceback; the details go to the log.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import urlsplit

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.phones.contributions import ContributionDesk, ContributionError
from bassee_atelier_plugin.core.phones.identity import PhoneIdentities
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log

BODY_LIMIT = 16_000  # a contribution without a photo, or a vote
PHOTO_BODY_LIMIT = 7_000_000  # the photo's own limit, plus a third for base64, plus the fields
REQUEST_TIMEOUT_S = 10  # a client that sends nothing is dropped, not waited for
# The phone page's files, by the address they are served at, with their content type.
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


class Phones(Protocol):
    """What the handler asks of the phones' server (core.phones.server.PhoneServer), which hands itself over."""

    limiter: RateLimiter
    desk: ContributionDesk
    identities: PhoneIdentities

    def token_matches(self, candidate: str) -> bool: ...
    def page_file(self, name: str) -> bytes: ...
    def view(self) -> dict: ...
    def map_png(self) -> bytes: ...
    def stakes(self, phone: str | None) -> dict: ...


class _Http(ThreadingHTTPServer):
    daemon_threads = True  # a phone that hangs on never keeps QGIS from closing
    phones: Phones


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

    def _page(self, phones: Phones, name: str) -> None:
        self._send(HTTPStatus.OK, PAGE_FILES[name][1], phones.page_file(name))

    def _view(self, phones: Phones, _name: str) -> None:
        self._send_json(HTTPStatus.OK, phones.view())

    def _map(self, phones: Phones, _name: str) -> None:
        self._send(HTTPStatus.OK, "image/png", phones.map_png())

    def _stakes(self, phones: Phones, _name: str) -> None:
        self._send_json(HTTPStatus.OK, phones.stakes(phones.identities.known_phone(self.headers.get("X-Phone"))))

    def _contribution(self, phones: Phones, _name: str) -> None:
        sent = self._json_body(PHOTO_BODY_LIMIT)
        if sent is not None:
            received = phones.desk.contribute(phones.identities.phone_of(self.headers.get("X-Phone")), sent)
            self._send_json(HTTPStatus.CREATED, {"uuid": received.uuid, "pending": received.pending})

    def _vote(self, phones: Phones, _name: str) -> None:
        sent = self._json_body(BODY_LIMIT)
        if sent is not None:
            received = phones.desk.vote(phones.identities.phone_of(self.headers.get("X-Phone")), sent)
            votes = {"votes_for": received.votes_for, "votes_against": received.votes_against}
            self._send_json(HTTPStatus.OK, {"uuid": received.uuid, **votes, "my_vote": sent["value"]})

    def _phone(self, phones: Phones, _name: str) -> None:
        sent = self._json_body(BODY_LIMIT)
        if sent is not None:
            identity, wait = phones.identities.identity(self.client_address[0], sent)
            if wait:
                retry = {"Retry-After": str(int(wait) + 1)}
                self._refuse(HTTPStatus.TOO_MANY_REQUESTS, "Too many new phones from this address.", retry)
            else:
                self._send_json(HTTPStatus.OK, {"phone": identity})

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
    answer: Callable[[_Handler, Phones, str], None]


ROUTES = {name: _Route("GET", _Handler._page) for name in PAGE_FILES}
ROUTES.update(
    {
        "api/view": _Route("GET", _Handler._view),
        "api/map.png": _Route("GET", _Handler._map),
        "api/stakes": _Route("GET", _Handler._stakes),
        "api/phone": _Route("POST", _Handler._phone),
        "api/contributions": _Route("POST", _Handler._contribution),
        "api/votes": _Route("POST", _Handler._vote),
    }
)


def listen(host: str, port: int, phones: Phones) -> ThreadingHTTPServer:
    """An HTTP server bound to ``host``:``port`` whose requests ``phones`` answers; OSError if it cannot bind."""
    http = _Http((host, port), _Handler)
    http.phones = phones
    return http
