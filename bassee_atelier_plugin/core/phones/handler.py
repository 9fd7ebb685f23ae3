"""How the phones' server answers one request: its defences in order, then its route.

Defences, in the order a request meets them: a rate limit per address, the token (a
wrong one answers 403 before the body is read), an exact list of addresses (no path of a
request reaches the file system), a size limit read from ``Content-Length`` before the
body, JSON only (with limits on its numbers and its nesting), then the desk's checks of
every field. Errors answer JSON, never a traceback; the details go to the log.

A request is parsed and answered by http.server's BaseHTTPRequestHandler, in memory: the
connection itself belongs to :mod:`~bassee_atelier_plugin.core.phones.reception`, which
reads the request's head, asks :meth:`Exchange.admit` how much body to read, reads it
within its deadline, then has a worker call :meth:`Exchange.answer`.
"""

from __future__ import annotations

import io
import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Protocol
from urllib.parse import urlsplit

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.phones.contributions import ContributionDesk, ContributionError
from bassee_atelier_plugin.core.phones.identity import PhoneIdentities
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log

BODY_LIMIT = 16_000  # a contribution without a photo, or a vote
PHOTO_BODY_LIMIT = 7_000_000  # the photo's own limit, plus a third for base64, plus the fields
NUMBER_DIGITS_LIMIT = 20  # a coordinate or a vote; Python would read 4,000 digits and fail later
REQUEST_LINE_LIMIT = 8_192
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
    "unknown_phone": HTTPStatus.BAD_REQUEST,
}
_ERROR_CODES = {
    HTTPStatus.BAD_REQUEST: "bad_request",
    HTTPStatus.FORBIDDEN: "forbidden",
    HTTPStatus.NOT_FOUND: "not_found",
    HTTPStatus.METHOD_NOT_ALLOWED: "method_not_allowed",
    HTTPStatus.REQUEST_TIMEOUT: "timeout",
    HTTPStatus.LENGTH_REQUIRED: "length_required",
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "too_large",
    HTTPStatus.REQUEST_URI_TOO_LONG: "too_large",
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: "too_large",
    HTTPStatus.TOO_MANY_REQUESTS: "rate_limited",
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


class BadBodyError(ValueError):
    """The body is not JSON the phones' server takes; its message says why, to the phone."""


class Exchange(BaseHTTPRequestHandler):
    """One request and its answer, in memory: http.server's parsing and answering without its socket."""

    protocol_version = "HTTP/1.1"  # phones keep their connection between polls
    default_request_version = "HTTP/1.1"  # so that even a garbled request line gets a status line

    def __init__(self, phones: Phones, client_address: tuple):  # not BaseRequestHandler's: no socket here
        self.phones = phones
        self.client_address = client_address
        self.rfile = io.BytesIO()
        self.wfile = io.BytesIO()
        self.request_version, self.requestline, self.command = "HTTP/1.1", "", None
        self.close_connection = True
        self._route: _Route | None = None
        self._route_name = ""

    def version_string(self) -> str:
        return "atelier"  # no Python version to help anyone

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the signature is http.server's
        pass  # requests are not logged: phones are anonymous, and a room's worth would drown the log

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a bad request line, too many headers) as JSON, and as the client's fault."""
        status = HTTPStatus(code)
        if status >= HTTPStatus.INTERNAL_SERVER_ERROR:  # 505 for "HTTP/2.0": a malformed request all the same
            status = HTTPStatus.BAD_REQUEST
        self.refuse(status, status.phrase)

    def output(self) -> bytes:
        """What the exchange has said since it was last asked."""
        said = self.wfile.getvalue()
        self.wfile = io.BytesIO()
        return said

    # -- the request, step by step -------------------------------------------------------

    def admit(self, head: bytes) -> int | None:
        """The number of body bytes to read, once the request's head passed every check; None once refused."""
        self.rfile = io.BytesIO(head)
        self.raw_requestline = self.rfile.readline(REQUEST_LINE_LIMIT + 1)
        if len(self.raw_requestline) > REQUEST_LINE_LIMIT:
            self.refuse(HTTPStatus.REQUEST_URI_TOO_LONG, "The request line is too long.")
            return None
        if not self.parse_request():  # it refused, or it was an empty line: closed either way
            return None
        if self.command not in ("GET", "POST"):
            self.refuse(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed.", {"Allow": "GET, POST"})
            return None
        phones = self.phones
        wait = phones.limiter.wait_needed(self.client_address[0])
        if wait:
            self.refuse(HTTPStatus.TOO_MANY_REQUESTS, "Too many requests.", {"Retry-After": str(int(wait) + 1)})
            return None
        address = urlsplit(self.path)
        parts = address.path.split("/", 3)  # "", "t", token, rest
        if len(parts) == 3 and parts[1] == "t" and phones.token_matches(parts[2]):  # typed without the last /
            self.close_connection = True  # whatever came with it stays unread
            self._send(HTTPStatus.MOVED_PERMANENTLY, "text/plain", b"", {"Location": address.path + "/"})
            return None
        if len(parts) < 4 or parts[1] != "t" or not phones.token_matches(parts[2]):
            self.refuse(HTTPStatus.FORBIDDEN, "Forbidden.")
            return None
        route = ROUTES.get(parts[3])
        if route is None:
            self.refuse(HTTPStatus.NOT_FOUND, "Not found.")
            return None
        if route.method != self.command:
            self.refuse(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed.", {"Allow": route.method})
            return None
        length = self._body_length(route)
        if length is not None:
            self._route, self._route_name = route, parts[3]
        return length

    def answer(self, body: bytes) -> None:
        """The admitted request's answer, given its body (run by a worker: the desk may take a while)."""
        self.rfile = io.BytesIO(body)
        try:
            self._route.answer(self, self.phones, self._route_name)
        except ContributionError as refusal:
            answer = {"error": refusal.code, "message": str(refusal)}
            if refusal.field:
                answer["field"] = refusal.field
            self._send_json(STATUS_OF_REFUSAL.get(refusal.code, HTTPStatus.BAD_REQUEST), answer)
        except BadBodyError as refusal:
            self.refuse(HTTPStatus.BAD_REQUEST, str(refusal))
        except AtelierError as error:  # the atelier could not be written: the phone may try again
            self.refuse(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
        except Exception as error:  # noqa: BLE001 - whatever it was, the phone gets no traceback
            log(tr("The phones' server failed on {address}: {error!r}").format(address=self._route_name, error=error))
            self.refuse(HTTPStatus.INTERNAL_SERVER_ERROR, "Server error.", code="server_error")

    def _body_length(self, route: _Route) -> int | None:
        """The body's length, from a single ``Content-Length`` of ASCII digits within the route's limit."""
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding") is not None or len(lengths) > 1:
            self.refuse(HTTPStatus.BAD_REQUEST, "The body must come with a single Content-Length, not in chunks.")
            return None
        length = lengths[0].strip() if lengths else None
        if route.method == "GET":
            if length not in (None, "0"):
                self.refuse(HTTPStatus.BAD_REQUEST, "A GET has no body.")
                return None
            return 0
        if length is None or not (length.isascii() and length.isdigit()):  # "²".isdigit() is True
            self.refuse(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required, in digits.")
            return None
        if len(length) > len(str(route.body_limit)) or int(length) > route.body_limit:
            self.refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"The body is larger than {route.body_limit} bytes.")
            return None
        if self.headers.get_content_type() != "application/json":
            self.refuse(HTTPStatus.BAD_REQUEST, "The body must be JSON (application/json).")
            return None
        return int(length)

    # -- the routes ----------------------------------------------------------------------

    def _page(self, phones: Phones, name: str) -> None:
        self._send(HTTPStatus.OK, PAGE_FILES[name][1], phones.page_file(name))

    def _view(self, phones: Phones, _name: str) -> None:
        self._send_json(HTTPStatus.OK, phones.view())

    def _map(self, phones: Phones, _name: str) -> None:
        self._send(HTTPStatus.OK, "image/png", phones.map_png())

    def _stakes(self, phones: Phones, _name: str) -> None:
        self._send_json(HTTPStatus.OK, phones.stakes(phones.identities.known_phone(self.headers.get("X-Phone"))))

    def _phone(self, phones: Phones, _name: str) -> None:
        identity, wait = phones.identities.identity(self.client_address[0], self._json_body())
        if identity is None:
            message = "Too many new phones from this address."
            self.refuse(HTTPStatus.TOO_MANY_REQUESTS, message, {"Retry-After": str(int(wait) + 1)})
            return
        self._send_json(HTTPStatus.OK, {"phone": identity})

    def _contribution(self, phones: Phones, _name: str) -> None:
        phone = phones.identities.phone_of(self.headers.get("X-Phone"))
        received = phones.desk.contribute(phone, self._json_body())
        self._send_json(HTTPStatus.CREATED, {"uuid": received.uuid, "pending": received.pending})

    def _vote(self, phones: Phones, _name: str) -> None:
        phone = phones.identities.phone_of(self.headers.get("X-Phone"))
        sent = self._json_body()
        received = phones.desk.vote(phone, sent)
        votes = {"votes_for": received.votes_for, "votes_against": received.votes_against}
        self._send_json(HTTPStatus.OK, {"uuid": received.uuid, **votes, "my_vote": sent["value"]})

    def _json_body(self):
        """The body's JSON; BadBodyError if it is not JSON, nests too deep, or holds numbers or text no phone sends."""
        try:
            sent = json.loads(self.rfile.read(), parse_int=_integer, parse_float=_decimal, parse_constant=_no_constant)
        except RecursionError as error:  # 100,000 "[": the parser gives up before the stack does
            raise BadBodyError("The body's JSON nests too deep.") from error
        except BadBodyError:
            raise
        except (UnicodeDecodeError, ValueError) as error:
            raise BadBodyError("The body is not valid JSON.") from error
        if isinstance(sent, dict) and any("\x00" in text for text in _texts(sent)):
            raise BadBodyError("The body holds a NUL character.")  # GDAL's filters and C strings end at it
        return sent

    # -- answers -------------------------------------------------------------------------

    def refuse(self, status: HTTPStatus, message: str, headers: dict | None = None, code: str | None = None) -> None:
        """A JSON refusal; the connection closes after it unless the whole request was read."""
        if self._route is None:
            self.close_connection = True  # a body left unread must not be taken for the next request
        self._send_json(status, {"error": code or _ERROR_CODES.get(status, "bad_request"), "message": message}, headers)

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
    answer: Callable[[Exchange, Phones, str], None]
    body_limit: int = BODY_LIMIT  # a POST's; a GET has no body


ROUTES = {name: _Route("GET", Exchange._page) for name in PAGE_FILES}
ROUTES.update(
    {
        "api/view": _Route("GET", Exchange._view),
        "api/map.png": _Route("GET", Exchange._map),
        "api/stakes": _Route("GET", Exchange._stakes),
        "api/contributions": _Route("POST", Exchange._contribution, PHOTO_BODY_LIMIT),
        "api/votes": _Route("POST", Exchange._vote),
        "api/phone": _Route("POST", Exchange._phone),
    }
)


def refusal(phones: Phones, client_address: tuple, status: HTTPStatus, message: str) -> bytes:
    """A JSON refusal of a request the exchange never saw whole (too slow, cut short, one connection too many)."""
    exchange = Exchange(phones, client_address)
    exchange.refuse(status, message)
    return exchange.output()


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > NUMBER_DIGITS_LIMIT:
        raise BadBodyError(f"A number of the body has more than {NUMBER_DIGITS_LIMIT} digits.")
    return int(digits)


def _decimal(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e999
        raise BadBodyError("A number of the body is out of range.")
    return number


def _no_constant(name: str):
    raise BadBodyError(f"{name} is not a number a phone sends.")


def _texts(sent: dict):
    """The names and the text values of a JSON object (a phone's are flat: nested values fail the desk's checks)."""
    for name, value in sent.items():
        yield name
        if isinstance(value, str):
            yield value
