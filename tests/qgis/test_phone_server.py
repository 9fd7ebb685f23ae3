"""The phones' server, spoken to over real HTTP on 127.0.0.1, with the atelier checked in the file itself.

What phones send and how it is stored, and starting and stopping the server; what a stranger
or a broken phone cannot do is in test_phone_server_refusals.py.
"""

from __future__ import annotations

import base64
import io
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
from bassee_atelier_plugin.core.phones.server import PhoneServer
from bassee_atelier_plugin.core.presentation.project import open_layers
from tests.qgis import phone_server_helpers
from tests.qgis.phone import call, first_session, issued_phone, running_phone_server
from tests.qgis.phone_server_helpers import contribution, count, stake_rows

# the fixtures of phone_server_helpers, shared with test_phone_server_refusals.py: pytest finds them by their names here
atelier_file, room, phones = phone_server_helpers.atelier_file, phone_server_helpers.room, phone_server_helpers.phones

REPOSITORY = Path(__file__).resolve().parents[2]


def jpeg(width: int = 800, height: int = 600) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), "#3a7").save(output, "JPEG")
    return output.getvalue()


# -- contributions and votes -------------------------------------------------------------


def test_a_contribution_becomes_a_stake_of_the_session_signed_by_the_phone(phones, atelier_file):
    heard = []
    phones.desk.received.append(heard.append)
    phone = issued_phone(phones.server)
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
    status, _headers, answer = call(
        phones.url + "api/contributions", contribution(phones, photo=photo), issued_phone(phones.server)
    )

    assert status == 201
    with sqlite3.connect(atelier_file) as connection:
        stored = connection.execute(
            "SELECT file_name, mime_type, width, height FROM attachments WHERE feature_uuid = ?", (answer["uuid"],)
        ).fetchall()
    assert stored == [("telephone.jpg", "image/jpeg", 800, 600)]


def test_each_phone_votes_once_on_a_stake_and_the_counts_follow(phones, atelier_file):
    stake = call(phones.url + "api/contributions", contribution(phones), issued_phone(phones.server))[2]["uuid"]
    first, second = issued_phone(phones.server), issued_phone(phones.server)

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

    status, _headers, answer = call(
        phones.url + "api/votes", {"stake": room_stake["uuid"], "value": 1}, issued_phone(phones.server)
    )

    assert status == 200 and answer["votes_for"] == room_stake["votes_for"] + 1
    with sqlite3.connect(atelier_file) as connection:
        journal = connection.execute(
            "SELECT operation FROM journal WHERE feature_uuid = ? ORDER BY fid", (room_stake["uuid"],)
        ).fetchall()
    assert ("vote",) in journal


def test_contributions_waiting_for_approval_show_once_approved_and_never_once_hidden(atelier_file):
    with running_phone_server(atelier_file, require_approval=True) as phones:
        assert call(phones.url + "api/view")[2]["moderated"] is True
        status, _headers, answer = call(
            phones.url + "api/contributions", contribution(phones), issued_phone(phones.server)
        )
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
        assert call(phones.url + "api/votes", {"stake": uuid, "value": 1}, issued_phone(phones.server))[0] == 404
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

    status, _headers, answer = call(phones.url + "api/contributions", contribution(phones), issued_phone(phones.server))

    assert status == 201  # else the phone would send it again, and the stake would be there twice
    assert count(atelier_file, "stakes_point") == before + 1


def test_a_request_that_arrives_as_the_desk_closes_is_refused_not_written(phones, atelier_file):
    before = count(atelier_file, "stakes_point")
    phones.desk.close()

    status, _headers, answer = call(phones.url + "api/contributions", contribution(phones), issued_phone(phones.server))

    assert (status, answer["error"]) == (503, "unavailable")
    assert count(atelier_file, "stakes_point") == before


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
        phone = call(url + "api/phone", {})[2]["phone"]  # as the page asks for it when it loads
        status, _headers, answer = call(url + "api/contributions", sent, phone)
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
