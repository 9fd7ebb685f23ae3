"""The phones' server, spoken to over real HTTP on 127.0.0.1, with the atelier checked in the file itself."""

from __future__ import annotations

import base64
import io
import json
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.thesauri import MODERATED_LOOK
from bassee_atelier_plugin.core.phones.contributions import PHONE_AUTHOR, STAKES_CACHE_SECONDS, ContributionDesk
from bassee_atelier_plugin.core.phones.handler import BODY_LIMIT, PHOTO_BODY_LIMIT, RateLimiter
from bassee_atelier_plugin.core.phones.server import PhoneServer
from bassee_atelier_plugin.core.presentation.project import open_layers
from tests.qgis.phone import call, first_session, new_phone, running_phone_server, sample_copy

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def atelier_file(qgis_app, tmp_path) -> Path:
    return sample_copy(tmp_path)


@pytest.fixture(scope="module")
def room(qgis_app, tmp_path_factory):
    """One server for the tests that only read, or are refused: starting one costs a map rendering."""
    with running_phone_server(sample_copy(tmp_path_factory.mktemp("room"))) as running:
        yield running


@pytest.fixture
def phones(atelier_file):
    with running_phone_server(atelier_file) as running:
        yield running


def centre(running) -> tuple[float, float]:
    xmin, ymin, xmax, ymax = call(running.url + "api/view")[2]["map"]["extent"]
    return (xmin + xmax) / 2, (ymin + ymax) / 2


def contribution(running, **fields) -> dict:
    x, y = centre(running)
    return {"x": x, "y": y, "theme": "eau_risques", "title": "Crue de 2018", **fields}


def stake_rows(path: Path, where: str = "1") -> list[dict]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(f"SELECT * FROM stakes_point WHERE {where}")]


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def jpeg(width: int = 800, height: int = 600) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), "#3a7").save(output, "JPEG")
    return output.getvalue()


def call_request(request: urllib.request.Request):
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read())


# -- contributions and votes -------------------------------------------------------------


def test_a_contribution_becomes_a_stake_of_the_session_signed_by_the_phone(phones, atelier_file):
    heard = []
    phones.desk.received.append(heard.append)
    phone = new_phone()
    sent = contribution(phones, reading="menace", comment="La route était coupée")

    status, _headers, answer = call(phones.url + "api/contributions", sent, phone)

    assert status == 201 and answer["pending"] is False
    [row] = stake_rows(atelier_file, f"uuid = '{answer['uuid']}'")
    assert (row["title"], row["theme"], row["reading"], row["comment"]) == (
        "Crue de 2018",
        "eau_risques",
        "menace",
        "La route était coupée",
    )
    assert row["author"] == PHONE_AUTHOR and row["session_uuid"] == phones.desk.session_uuid
    assert row["moderation"] is None
    assert [(received.kind, received.uuid) for received in heard] == [("contribution", answer["uuid"])]
    shown = call(phones.url + "api/stakes", phone=phone)[2]["stakes"]
    mine = [stake for stake in shown if stake["uuid"] == answer["uuid"]]
    assert mine and mine[0]["x"] == pytest.approx(sent["x"]) and mine[0]["my_vote"] == 0


def test_a_photo_sent_with_a_contribution_is_stored_with_its_stake(phones, atelier_file):
    photo = base64.b64encode(jpeg()).decode()
    status, _headers, answer = call(phones.url + "api/contributions", contribution(phones, photo=photo), new_phone())

    assert status == 201
    with sqlite3.connect(atelier_file) as connection:
        stored = connection.execute(
            "SELECT file_name, mime_type, width, height FROM attachments WHERE feature_uuid = ?", (answer["uuid"],)
        ).fetchall()
    assert stored == [("telephone.jpg", "image/jpeg", 800, 600)]


def test_each_phone_votes_once_on_a_stake_and_the_counts_follow(phones, atelier_file):
    stake = call(phones.url + "api/contributions", contribution(phones), new_phone())[2]["uuid"]
    first, second = new_phone(), new_phone()

    status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": 1}, first)
    assert status == 200 and (answer["votes_for"], answer["votes_against"], answer["my_vote"]) == (1, 0, 1)
    status, _headers, again = call(phones.url + "api/votes", {"stake": stake, "value": -1}, first)
    assert status == 409 and again["error"] == "already_voted"
    status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": -1}, second)
    assert status == 200 and (answer["votes_for"], answer["votes_against"]) == (1, 1)

    [row] = stake_rows(atelier_file, f"uuid = '{stake}'")
    assert (row["votes_for"], row["votes_against"]) == (1, 1)
    assert count(atelier_file, "phone_votes") == 2
    shown = {s["uuid"]: s for s in call(phones.url + "api/stakes", phone=first)[2]["stakes"]}
    assert shown[stake]["my_vote"] == 1 and shown[stake]["votes_for"] == 1


def test_a_vote_on_a_stake_drawn_in_the_room_counts_like_a_vote_in_the_room(phones, atelier_file):
    shown = call(phones.url + "api/stakes")[2]["stakes"]
    room_stake = shown[0]

    status, _headers, answer = call(phones.url + "api/votes", {"stake": room_stake["uuid"], "value": 1}, new_phone())

    assert status == 200 and answer["votes_for"] == room_stake["votes_for"] + 1
    with sqlite3.connect(atelier_file) as connection:
        journal = connection.execute(
            "SELECT operation FROM journal WHERE feature_uuid = ? ORDER BY fid", (room_stake["uuid"],)
        ).fetchall()
    assert ("vote",) in journal


def test_contributions_waiting_for_approval_show_once_approved_and_never_once_hidden(atelier_file):
    with running_phone_server(atelier_file, require_approval=True) as phones:
        assert call(phones.url + "api/view")[2]["moderated"] is True
        status, _headers, answer = call(phones.url + "api/contributions", contribution(phones), new_phone())
        assert status == 201 and answer["pending"] is True
        uuid = answer["uuid"]

        def shown() -> bool:
            return uuid in {stake["uuid"] for stake in call(phones.url + "api/stakes")[2]["stakes"]}

        def shown_soon() -> bool:
            """The facilitator's choice reaches the phones at their next poll after a second."""
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if shown():
                    return True
                time.sleep(0.2)
            return False

        assert not shown()
        assert call(phones.url + "api/votes", {"stake": uuid, "value": 1}, new_phone())[0] == 404
        assert stake_rows(atelier_file, f"uuid = '{uuid}'")[0]["look"] == MODERATED_LOOK  # the map leaves it out

        facilitator = LiveEditor(phones.atelier, "animatrice")
        facilitator.set_fields("stakes_point", uuid, {"moderation": None})
        assert shown_soon()
        assert stake_rows(atelier_file, f"uuid = '{uuid}'")[0]["look"].startswith("eau_risques:")
        facilitator.set_fields("stakes_point", uuid, {"moderation": "hidden"})
        time.sleep(STAKES_CACHE_SECONDS + 0.2)
        assert not shown()
        facilitator.close()
    assert stake_rows(atelier_file, f"uuid = '{uuid}'")[0]["moderation"] == "hidden"  # kept, not lost


def test_stopping_closes_the_port_and_forgets_the_token(atelier_file):
    with running_phone_server(atelier_file) as phones:
        old_url = phones.url
        port = phones.server._http.server_address[1]
        phones.server.stop()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5)
        new_url = phones.server.start()
        assert new_url != old_url
        old_on_new_port = new_url.rsplit("/t/", 1)[0] + "/t/" + old_url.rsplit("/t/", 1)[1]
        assert call(old_on_new_port + "api/view")[0] == 403
        assert call(new_url + "api/view")[0] == 200


def test_a_contribution_saved_is_acknowledged_even_if_telling_qgis_fails(phones, atelier_file):
    def broken_listener(_received):
        raise RuntimeError("the projector's notice failed")

    phones.desk.received.append(broken_listener)
    before = count(atelier_file, "stakes_point")

    status, _headers, answer = call(phones.url + "api/contributions", contribution(phones), new_phone())

    assert status == 201  # else the phone would send it again, and the stake would be there twice
    assert count(atelier_file, "stakes_point") == before + 1


def test_a_request_that_arrives_as_the_desk_closes_is_refused_not_written(phones, atelier_file):
    before = count(atelier_file, "stakes_point")
    phones.desk.close()

    status, _headers, answer = call(phones.url + "api/contributions", contribution(phones), new_phone())

    assert (status, answer["error"]) == (503, "unavailable")
    assert count(atelier_file, "stakes_point") == before


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
    status, _headers, answer = call(room.url + "api/contributions", contribution(room, **fields), new_phone())
    assert (status, answer["error"], answer["field"]) == (400, "invalid_field", field)
    assert count(room.atelier.path, "stakes_point") == before


def test_a_point_outside_the_atelier_is_refused(room):
    before = count(room.atelier.path, "stakes_point")
    far = contribution(room, x=0.0, y=0.0)
    status, _headers, answer = call(room.url + "api/contributions", far, new_phone())
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
        request.add_header("X-Phone", new_phone())
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
    assert status == 501 and answer["error"] == "method_not_allowed"


def test_text_sent_back_is_escaped(phones):
    title = '<img src=x onerror="alert(1)">'
    call(phones.url + "api/contributions", contribution(phones, title=title), new_phone())
    with urllib.request.urlopen(phones.url + "api/stakes", timeout=10) as answer:
        raw = answer.read().decode()
    assert "<img" not in raw and "\\u003cimg" in raw
    assert title in [stake["title"] for stake in json.loads(raw)["stakes"]]


def test_a_server_error_answers_json_without_a_traceback(phones, atelier_file):
    stake = call(phones.url + "api/contributions", contribution(phones), new_phone())[2]["uuid"]
    with sqlite3.connect(atelier_file) as connection:  # the atelier breaks under the server's feet
        connection.execute("ALTER TABLE phone_votes RENAME TO phone_votes_lost")
    phones.desk.close()  # the desk's next request opens the file anew, and finds it broken

    status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": 1}, new_phone())

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


# -- starting it -----------------------------------------------------------------------------


def test_a_desk_needs_a_writable_atelier_and_a_session_of_it(atelier_file):
    atelier = open_atelier(atelier_file)
    with pytest.raises(AtelierError, match="session"):
        ContributionDesk(atelier, "not-a-session")


def test_a_port_in_use_is_refused_with_a_clear_message(room):
    port = room.server._http.server_address[1]
    other = PhoneServer(room.desk, "127.0.0.1", port, room.server._map_view)
    with pytest.raises(AtelierError, match=f"Port {port} is already in use"):
        other.start()
    unknown_host = PhoneServer(room.desk, "192.0.2.77", 0, room.server._map_view)
    with pytest.raises(AtelierError, match="not an address of this machine"):
        unknown_host.start()


def test_serve_from_the_command_line_takes_contributions_until_stopped(atelier_file):
    session = first_session(open_atelier(atelier_file))
    command = [sys.executable, "-m", "bassee_atelier_plugin", "serve", str(atelier_file), "--session", session]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", "0"],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "/t/" in url, process.stderr.read()
        view = call(url + "api/view")[2]
        xmin, ymin, xmax, ymax = view["map"]["extent"]
        sent = {"x": (xmin + xmax) / 2, "y": (ymin + ymax) / 2, "theme": "mobilite", "title": "Bus du samedi"}
        status, _headers, answer = call(url + "api/contributions", sent, new_phone())
        assert status == 201
    finally:
        process.send_signal(signal.SIGINT)
        output, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors
    assert "Stopped" in output
    assert stake_rows(atelier_file, f"uuid = '{answer['uuid']}'")[0]["title"] == "Bus du samedi"
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "api/view", timeout=5)


def test_serve_refuses_an_unknown_session_with_a_message(atelier_file):
    command = [sys.executable, "-m", "bassee_atelier_plugin", "serve", str(atelier_file), "--session", "nope"]
    finished = subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 2
    assert finished.stderr.startswith("error: ") and "Traceback" not in finished.stderr


def test_the_map_draws_neither_what_waits_nor_what_is_hidden(atelier_file):
    layer = open_layers(open_atelier(atelier_file), "fr")["stakes_point"]
    categories = {category.value(): category.renderState() for category in layer.renderer().categories()}
    assert categories[MODERATED_LOOK] is False
