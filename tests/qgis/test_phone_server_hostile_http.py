"""Malformed, smuggled, truncated and slow requests to the phones' server, sent byte for byte on 127.0.0.1.

Each gets a 4xx with a JSON reason (never a 500, never a traceback), a refusal closes its
connection so that an unread body is never answered as a request of its own, and slow
clients hold neither a thread nor the phones behind them.
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
from contextlib import ExitStack

import pytest

from bassee_atelier_plugin.core.phones.reception import CONNECTIONS_PER_ADDRESS, Deadlines, Reception
from tests.qgis import phone_server_helpers
from tests.qgis.phone import running_phone_server
from tests.qgis.phone_server_helpers import contribution, count

# the fixtures of phone_server_helpers: pytest finds them by their names here
atelier_file, room, phones = phone_server_helpers.atelier_file, phone_server_helpers.room, phone_server_helpers.phones


def port_of(running) -> int:
    return running.server._http.server_address[1]


def whole_answer(connection: socket.socket) -> str:
    """Everything the server says until it closes the connection (a socket timeout fails the test)."""
    chunks = []
    while chunk := connection.recv(65_536):
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def exchange(port: int, request: bytes, end_of_request: bool = False) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        if end_of_request:  # the client says it sends no more
            connection.shutdown(socket.SHUT_WR)
        return whole_answer(connection)


def statuses(answer: str) -> list[int]:
    return [int(status) for status in re.findall(r"HTTP/1\.1 (\d{3}) ", answer)]  # JSON bodies hold no such text


def json_reason(answer: str) -> dict:
    return json.loads(answer.rsplit("\r\n\r\n", 1)[1])


def post(running, route: str, body: bytes, headers: dict | None = None, token: str | None = None) -> bytes:
    lines = {
        "Host": "127.0.0.1",
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        "X-Phone": running.server.identities.issue(),
        **(headers or {}),
    }
    head = "".join(f"{name}: {value}\r\n" for name, value in lines.items())
    # latin-1, as http.server reads headers: "\u00b2" is the one byte b"\xb2", which it reads back as "²"
    return f"POST /t/{token or running.server.token}/{route} HTTP/1.1\r\n{head}\r\n".encode("latin-1") + body


def smuggled(running) -> bytes:
    return f"GET /t/{running.server.token}/api/view HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()


def closing(request: bytes) -> bytes:
    return request.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1)


@pytest.mark.parametrize(
    "refused",
    [
        {"token": "A" * 32},  # a wrong token: 403
        {"headers": {"Content-Type": "text/plain"}},  # not JSON: 400
        {"route": "api/nothing"},  # no such address: 404
        {"route": "api/view"},  # a POST to a GET address: 405
    ],
)
def test_a_refused_post_closes_its_connection_and_its_body_is_never_taken_for_a_request(room, refused):
    body = smuggled(room)
    request = post(room, refused.get("route", "api/votes"), body, refused.get("headers"), refused.get("token"))

    answer = exchange(port_of(room), request)

    assert len(statuses(answer)) == 1, answer  # the refusal only: the body was not answered as a GET
    assert 400 <= statuses(answer)[0] < 500 and "Connection: close" in answer


def test_a_request_accepted_keeps_its_connection_for_the_next(room):
    vote = post(room, "api/votes", json.dumps({"stake": "none", "value": 1}).encode())
    with socket.create_connection(("127.0.0.1", port_of(room)), timeout=30) as connection:
        connection.sendall(vote + smuggled(room) + closing(smuggled(room)))
        answer = whole_answer(connection)
    assert statuses(answer) == [404, 200, 200]  # a refusal from the desk: its body was read, the connection kept


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


MALFORMED = {
    "a length in superscript digits": lambda r: post(r, "api/votes", b"{}", {"Content-Length": "\u00b2"}),
    "a negative length": lambda r: post(r, "api/votes", b"{}", {"Content-Length": "-2"}),
    "a length of 400 digits": lambda r: post(r, "api/votes", b"{}", {"Content-Length": "9" * 400}),
    "two lengths": lambda r: post(r, "api/votes", b"{}", {"Content-Length": "2\r\nContent-Length: 4"}),
    "chunks": lambda r: post(r, "api/votes", b"0\r\n\r\n", {"Transfer-Encoding": "chunked"}),
    "100,000 nested brackets": lambda r: post(r, "api/contributions", nested(100_000)),
    "nested brackets in a field": lambda r: post(r, "api/votes", b'{"stake": ' + nested(50_000) + b', "value": 1}'),
    "a number of 400 digits": lambda r: post(
        r, "api/contributions", json.dumps(contribution(r, x=1)).encode().replace(b'"x": 1', b'"x": ' + b"7" * 400)
    ),
    "a number of 5,000 digits": lambda r: post(r, "api/votes", b'{"stake": "s", "value": ' + b"1" * 5000 + b"}"),
    "an infinite number": lambda r: post(r, "api/votes", b'{"stake": "s", "value": 1e999}'),
    "NaN": lambda r: post(r, "api/contributions", json.dumps(contribution(r, y=float("nan"))).encode()),
    "a NUL inside a stake id": lambda r: post(r, "api/votes", b'{"stake": "ab\\u0000cd", "value": 1}'),
    "a NUL inside a title": lambda r: post(r, "api/contributions", json.dumps(contribution(r, title="a\0b")).encode()),
    "a body that is not UTF-8": lambda r: post(r, "api/votes", b'{"stake": "\xff\xfe", "value": 1}'),
    "a GET with a body": lambda r: smuggled(r).replace(b"\r\n\r\n", b"\r\nContent-Length: 5\r\n\r\nhello"),
    "a garbled request line": lambda r: b"\x00\x01\x02 garbage\r\n\r\n",
    "HTTP/2.0": lambda r: smuggled(r).replace(b"HTTP/1.1", b"HTTP/2.0", 1),
    "an unknown method": lambda r: smuggled(r).replace(b"GET", b"BREW", 1),
    "a request line of 100 KB": lambda r: b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\n\r\n",
    "200 headers": lambda r: smuggled(r).replace(b"\r\n\r\n", b"\r\nX-Many: 1" * 200 + b"\r\n\r\n"),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_request_gets_a_4xx_with_a_json_reason_and_writes_nothing(room, name, capfd):
    before = count(room.atelier.path, "stakes_point")

    answer = exchange(port_of(room), MALFORMED[name](room))

    assert len(statuses(answer)) == 1 and 400 <= statuses(answer)[0] < 500, answer
    assert json_reason(answer)["error"] and json_reason(answer)["message"]
    assert count(room.atelier.path, "stakes_point") == before
    assert "Traceback" not in "".join(capfd.readouterr())


def test_a_body_shorter_than_its_length_is_refused_at_once_when_the_client_ends(room, capfd):
    before = count(room.atelier.path, "stakes_point")
    request = post(room, "api/contributions", b'{"title": "cut', {"Content-Length": "200"})

    answer = exchange(port_of(room), request, end_of_request=True)

    assert statuses(answer) == [400] and json_reason(answer)["error"] == "bad_request"
    assert count(room.atelier.path, "stakes_point") == before
    assert "Traceback" not in "".join(capfd.readouterr())


@pytest.fixture
def impatient(room):
    """A second port on the room's server, whose deadlines are short enough for a test to reach them."""
    reception = Reception("127.0.0.1", 0, room.server, Deadlines(head=1.0, body=1.0, answer=5.0))
    reception.start()
    yield reception.server_address[1]
    reception.stop()


def test_a_body_that_stops_short_is_refused_at_its_deadline(room, impatient, capfd):
    request = post(room, "api/contributions", b'{"title": "cut', {"Content-Length": "200"})

    answer = exchange(impatient, request)  # the client waits for an answer, its body unfinished

    assert statuses(answer) == [408] and json_reason(answer)["error"] == "timeout"
    assert "Traceback" not in "".join(capfd.readouterr())


def test_a_client_that_trickles_its_headers_is_cut_at_the_deadline_in_total(room, impatient):
    request = smuggled(room).replace(b"\r\n\r\n", b"\r\n" + b"X-Slow: 1\r\n" * 1000 + b"\r\n")
    with socket.create_connection(("127.0.0.1", impatient), timeout=30) as connection:
        sent = 0
        # a byte every 10 ms (110 s for the whole head), until the server speaks
        while sent < len(request) and not select.select([connection], [], [], 0.01)[0]:
            connection.sendall(request[sent : sent + 1])
            sent += 1
        answer = whole_answer(connection)
    assert sent < len(request) and statuses(answer) == [408]


def slow_connections(port: int, number: int, stack: ExitStack, addresses: int = 10) -> list[socket.socket]:
    """``number`` connections, from as many loopback addresses as phones, each having sent half a request."""
    opened = []
    for index in range(number):
        source = (f"127.0.3.{index % addresses + 1}", 0)
        connection = socket.create_connection(("127.0.0.1", port), timeout=30, source_address=source)
        stack.enter_context(connection)
        connection.sendall(b"GET /t/")
        opened.append(connection)
    return opened


def test_slow_connections_hold_no_thread_and_do_not_keep_a_phone_waiting(room):
    threads_before = threading.active_count()
    with ExitStack() as stack:
        slow = slow_connections(port_of(room), 150, stack)
        answer = exchange(port_of(room), closing(smuggled(room)))
        threads_during = threading.active_count()
        assert statuses(answer) == [200]
        assert threads_during < threads_before + 20  # the pool's workers at most, not a thread per connection
        slow[0].sendall(smuggled(room)[len(b"GET /t/") :])  # a slow client that finishes is answered too
        assert slow[0].recv(65_536).startswith(b"HTTP/1.1 200 ")


def test_one_address_cannot_open_connections_without_end(room):
    with ExitStack() as stack:
        kept = slow_connections(port_of(room), CONNECTIONS_PER_ADDRESS, stack, addresses=1)
        one_more = stack.enter_context(
            socket.create_connection(("127.0.0.1", port_of(room)), timeout=30, source_address=("127.0.3.1", 0))
        )
        answer = whole_answer(one_more)
        assert statuses(answer) == [503] and json_reason(answer)["error"] == "unavailable"
        assert len(kept) == CONNECTIONS_PER_ADDRESS


def test_stopping_closes_slow_connections_too(atelier_file):
    with running_phone_server(atelier_file) as running, ExitStack() as stack:
        slow = slow_connections(port_of(running), 40, stack)
        assert statuses(exchange(port_of(running), closing(smuggled(running)))) == [200]  # all accepted before it
        running.server.stop()
        for connection in slow:  # each sees its end, without waiting for its deadline
            try:
                assert connection.recv(65_536) == b""
            except ConnectionResetError:
                pass
