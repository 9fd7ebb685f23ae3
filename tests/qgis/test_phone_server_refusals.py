"""What a stranger or a broken phone cannot do with the phones' server, spoken to over real HTTP on 127.0.0.1.

Wrong tokens and addresses, bad fields and bodies, wrong methods, escaped text, server errors
and the rate limit; each refusal is checked to have written nothing in the atelier's file.
"""

from __future__ import annotations

import base64
import json
import socket
import sqlite3
import urllib.error
import urllib.request

import pytest

from bassee_atelier_plugin.core.phones.handler import BODY_LIMIT, PHOTO_BODY_LIMIT, RateLimiter
from tests.qgis import phone_server_helpers
from tests.qgis.phone import call, issued_phone, new_phone, running_phone_server
from tests.qgis.phone_server_helpers import contribution, count, stake_rows

# the fixtures of phone_server_helpers, shared with test_phone_server.py: pytest finds them by their names here
atelier_file, room, phones = phone_server_helpers.atelier_file, phone_server_helpers.room, phone_server_helpers.phones


def call_request(request: urllib.request.Request):
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read())


# -- what a stranger or a broken phone cannot do ----------------------------------------------


def test_every_address_needs_the_token_and_a_wrong_one_writes_nothing(room):
    base = room.url.rsplit("/t/", 1)[0]
    before = count(room.atelier.path, "stakes_point")
    wrong = base + "/t/" + "A" * len(room.server.token) + "/"
    for url in (base + "/", base + "/favicon.ico", base + "/t/", wrong, wrong + "api/view", base + "/api/view"):
        status, _headers, answer = call(url)
        assert status == 403 and answer["error"] == "forbidden", url
    status, _headers, _answer = call(wrong + "api/contributions", contribution(room), new_phone())
    assert status == 403
    assert count(room.atelier.path, "stakes_point") == before


def test_the_address_typed_without_its_last_slash_leads_to_the_page(room):
    request = urllib.request.Request(room.url.rstrip("/"))
    with urllib.request.urlopen(request, timeout=10) as answer:  # urllib follows the redirection
        assert answer.status == 200 and answer.url == room.url
        assert b"<html" in answer.read()


@pytest.mark.parametrize(
    "address", ["../../../../etc/passwd", "..%2F..%2Fmetadata.txt", "api/", "api", "phone/app.js", "index.html"]
)
def test_no_address_reaches_the_file_system_and_nothing_is_listed(room, address):
    status, _headers, answer = call(room.url + address)
    assert status == 404 and answer["error"] == "not_found"


def test_the_page_and_the_api_answer_with_the_security_headers_and_no_server_version(room):
    for address in ("", "app.js", "api/view", "api/map.png"):
        status, headers, _content = call(room.url + address)
        assert status == 200
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Cache-Control"] == "no-store"
        assert "Python" not in headers["Server"]
    assert call(room.url + "api/map.png")[2][:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"theme": "pas_un_theme"}, "theme"),
        ({"theme": None}, "theme"),
        ({"reading": "peut-etre"}, "reading"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "t" * 121}, "title"),
        ({"title": 12}, "title"),
        ({"comment": "c" * 1001}, "comment"),
        ({"x": "712000"}, "x"),
        ({"y": None}, "y"),
        ({"x": True}, "x"),
        ({"owner": "moi"}, "owner"),
        ({"photo": "pas du base64 !"}, "photo"),
        ({"photo": base64.b64encode(b"GIF89a but not really").decode()}, "photo"),
    ],
)
def test_every_field_is_checked_and_a_refusal_writes_nothing(room, fields, field):
    before = count(room.atelier.path, "stakes_point")
    phone = issued_phone(room.server)
    status, _headers, answer = call(room.url + "api/contributions", contribution(room, **fields), phone)
    assert (status, answer["error"], answer["field"]) == (400, "invalid_field", field)
    assert count(room.atelier.path, "stakes_point") == before


def test_a_point_outside_the_atelier_is_refused(room):
    before = count(room.atelier.path, "stakes_point")
    far = contribution(room, x=0.0, y=0.0)
    status, _headers, answer = call(room.url + "api/contributions", far, issued_phone(room.server))
    assert (status, answer["error"]) == (400, "outside_extent")
    assert count(room.atelier.path, "stakes_point") == before


@pytest.mark.parametrize(
    ("raw", "headers", "phone", "status", "error"),
    [
        (b"{not json", {}, True, 400, "bad_request"),
        (b"[1, 2]", {}, True, 400, "bad_request"),
        (b'{"title": "x"}', {"Content-Type": "text/plain"}, True, 400, "bad_request"),
        (b'{"title": "x"}', {}, False, 400, "bad_request"),
        (b"\xff\xfe", {}, True, 400, "bad_request"),
    ],
)
def test_a_body_that_is_not_a_phone_pages_json_is_refused(room, raw, headers, phone, status, error):
    request = urllib.request.Request(room.url + "api/contributions", data=raw, method="POST")
    request.add_header("Content-Type", headers.get("Content-Type", "application/json"))
    if phone:
        request.add_header("X-Phone", issued_phone(room.server))
    answer_status, _headers, answer = call_request(request)
    assert (answer_status, answer["error"]) == (status, error)


def test_a_malformed_phone_id_is_refused(room):
    for phone in ("short", "x" * 65, "'; DROP TABLE phone_votes; --aaaa"):
        status, _headers, answer = call(room.url + "api/contributions", contribution(room), phone)
        assert (status, answer["error"]) == (400, "bad_request"), phone


def test_a_body_too_large_is_refused_before_it_is_read(room):
    before = count(room.atelier.path, "stakes_point")
    with socket.create_connection(("127.0.0.1", room.server._http.server_address[1]), timeout=10) as connection:
        path = "/t/" + room.server.token + "/api/contributions"
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Phone: {new_phone()}\r\n"
            f"Content-Length: {PHOTO_BODY_LIMIT + 1}\r\n\r\n".encode()
        )  # and no body: the answer must come without waiting for it
        answer = whole_answer(connection)
    assert answer.startswith("HTTP/1.1 413") and '"too_large"' in answer
    status, _headers, answer = call(room.url + "api/votes", raw=b"{" + b" " * BODY_LIMIT + b"}", phone=new_phone())
    assert (status, answer["error"]) == (413, "too_large")
    assert count(room.atelier.path, "stakes_point") == before


def whole_answer(connection: socket.socket) -> str:
    """Everything the server says until it closes the connection, as it does after these refusals."""
    chunks = []
    while chunk := connection.recv(4096):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def test_a_post_without_its_length_is_refused(room):
    with socket.create_connection(("127.0.0.1", room.server._http.server_address[1]), timeout=10) as connection:
        path = "/t/" + room.server.token + "/api/votes"
        connection.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n".encode())
        answer = whole_answer(connection)
    assert answer.startswith("HTTP/1.1 411") and '"length_required"' in answer


def test_wrong_methods_answer_json(room):
    assert call(room.url + "api/votes")[0] == 405
    status, headers, answer = call(room.url + "api/view", raw=b"{}", phone=new_phone())
    assert (status, answer["error"], headers["Allow"]) == (405, "method_not_allowed", "GET")
    request = urllib.request.Request(room.url + "api/view", method="DELETE")
    status, headers, answer = call_request(request)
    assert (status, answer["error"], headers["Allow"]) == (405, "method_not_allowed", "GET, POST")  # a 4xx: never a 5xx


def test_text_sent_back_is_escaped(phones):
    title = '<img src=x onerror="alert(1)">'
    call(phones.url + "api/contributions", contribution(phones, title=title), issued_phone(phones.server))
    with urllib.request.urlopen(phones.url + "api/stakes", timeout=10) as answer:
        raw = answer.read().decode()
    assert "<img" not in raw and "\\u003cimg" in raw
    assert title in [stake["title"] for stake in json.loads(raw)["stakes"]]


def test_a_server_error_answers_json_without_a_traceback(phones, atelier_file):
    stake = call(phones.url + "api/contributions", contribution(phones), issued_phone(phones.server))[2]["uuid"]
    with sqlite3.connect(atelier_file) as connection:  # the atelier breaks under the server's feet
        connection.execute("ALTER TABLE phone_votes RENAME TO phone_votes_lost")
    phones.desk.close()  # the desk's next request opens the file anew, and finds it broken

    phone = issued_phone(phones.server)
    status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": 1}, phone)

    assert status in (500, 503)
    assert "Traceback" not in json.dumps(answer) and 'File "' not in answer["message"]
    assert stake_rows(atelier_file, f"uuid = '{stake}'")[0]["votes_for"] == 0  # nothing half-written


def test_too_many_requests_from_one_address_are_turned_away(atelier_file):
    with running_phone_server(atelier_file, requests_per_minute=20) as phones:
        statuses = [call(phones.url + "api/view")[0] for _ in range(12)]
        status, headers, answer = call(phones.url + "api/view")
    assert statuses[:5] == [200] * 5 and 429 in statuses
    assert status == 429 and answer["error"] == "rate_limited" and int(headers["Retry-After"]) >= 1


def test_the_rate_limit_refills_with_time():
    now = [0.0]
    limiter = RateLimiter(per_minute=60, clock=lambda: now[0])
    assert all(limiter.wait_needed("10.0.0.5") == 0 for _ in range(15))
    assert limiter.wait_needed("10.0.0.5") > 0
    assert limiter.wait_needed("10.0.0.6") == 0  # another phone is not held back
    now[0] += 2.0
    assert limiter.wait_needed("10.0.0.5") == 0
