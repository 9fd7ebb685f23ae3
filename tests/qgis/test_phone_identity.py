"""One phone, one vote per stake: identities issued and signed by the phones' server, over real HTTP on loopback.

Invented, forged or outdated identities give no vote and write nothing; new identities are
counted per address; a reload keeps the identity, and with it the phone's votes.
"""

from __future__ import annotations

import http.client
import json
import secrets
import sqlite3
from urllib.parse import urlsplit

from tests.qgis import phone_server_helpers
from tests.qgis.phone import call, running_phone_server
from tests.qgis.phone_server_helpers import contribution, count, stake_rows

# the fixtures of phone_server_helpers: pytest finds them by their names here
atelier_file, phones = phone_server_helpers.atelier_file, phone_server_helpers.phones


def identity(running, kept: str | None = None) -> str:
    """What the page does when it loads: ask for an identity, giving back the one it kept, if any."""
    status, _headers, answer = call(running.url + "api/phone", {"phone": kept} if kept else {})
    assert status == 200, answer
    return answer["phone"]


def ask_from(address: str, url: str) -> tuple[int, dict, dict]:
    """``POST api/phone`` from another loopback address, as another phone of the room would."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30, source_address=(address, 0))
    try:
        connection.request("POST", parts.path + "api/phone", b"{}", {"Content-Type": "application/json"})
        answer = connection.getresponse()
        return answer.status, dict(answer.headers), json.loads(answer.read())
    finally:
        connection.close()


def a_stake(running) -> dict:
    return call(running.url + "api/stakes")[2]["stakes"][0]


def votes_of(path, uuid: str) -> tuple[int, int, int]:
    """A stake's counts, and the phones' votes stored for it, read from the file."""
    [row] = stake_rows(path, f"uuid = '{uuid}'")
    with sqlite3.connect(path) as connection:
        stored = connection.execute("SELECT count(*) FROM phone_votes WHERE stake_uuid = ?", (uuid,)).fetchone()[0]
    return row["votes_for"], row["votes_against"], stored


def test_five_invented_phone_ids_give_no_vote(phones, atelier_file):
    stake = a_stake(phones)["uuid"]
    before = votes_of(atelier_file, stake)

    for _phone in range(5):
        invented = secrets.token_hex(16)  # what the page made itself before identities were issued
        status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": 1}, invented)
        assert (status, answer["error"]) == (400, "bad_request"), answer
        assert "POST api/phone" in answer["message"]

    assert votes_of(atelier_file, stake) == before


def test_an_invented_phone_id_cannot_contribute(phones, atelier_file):
    before = count(atelier_file, "stakes_point")
    for phone in (None, secrets.token_hex(16), secrets.token_urlsafe(16) + "." + secrets.token_urlsafe(32)[:43]):
        status, _headers, answer = call(phones.url + "api/contributions", contribution(phones), phone)
        assert status == 400 and answer["error"] in ("bad_request", "unknown_phone"), (phone, answer)
    assert count(atelier_file, "stakes_point") == before


def test_a_forged_or_tampered_identity_is_refused(phones, atelier_file):
    stake = a_stake(phones)["uuid"]
    before = votes_of(atelier_file, stake)
    issued = identity(phones)
    phone, signature = issued.split(".")
    other_phone = secrets.token_urlsafe(16)
    tampered = (
        f"{phone}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",  # one character of the signature
        f"{other_phone}.{signature}",  # a genuine signature on another id
        f"{phone}.{'A' * 43}",
    )
    for forged in tampered:
        status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": 1}, forged)
        assert (status, answer["error"]) == (400, "unknown_phone"), forged
        assert "POST api/phone" in answer["message"]
    assert votes_of(atelier_file, stake) == before

    status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": 1}, issued)
    assert status == 200 and answer["votes_for"] == before[0] + 1


def test_an_issued_identity_votes_once_on_a_stake(phones, atelier_file):
    stake = a_stake(phones)["uuid"]
    before = votes_of(atelier_file, stake)
    issued = identity(phones)

    assert call(phones.url + "api/votes", {"stake": stake, "value": 1}, issued)[0] == 200
    status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": -1}, issued)

    assert (status, answer["error"]) == (409, "already_voted")
    assert votes_of(atelier_file, stake) == (before[0] + 1, before[1], before[2] + 1)
    shown = {stake["uuid"]: stake for stake in call(phones.url + "api/stakes", phone=issued)[2]["stakes"]}
    assert shown[stake]["my_vote"] == 1


def test_new_identities_are_limited_per_address(phones):
    issued = [identity(phones) for _ in range(5)]  # a phone's few browsers, a page reloaded without storage

    status, headers, answer = call(phones.url + "api/phone", {})

    assert len(set(issued)) == 5
    assert (status, answer["error"]) == (429, "rate_limited") and int(headers["Retry-After"]) >= 1
    assert identity(phones, kept=issued[0]) == issued[0]  # a reload is not a new identity: never held back
    status, _headers, answer = ask_from("127.0.0.2", phones.url)  # another phone of the room
    assert status == 200 and answer["phone"] not in issued


def test_an_identity_of_an_earlier_start_of_the_server_is_refused_and_replaced(phones, atelier_file):
    stake = a_stake(phones)["uuid"]
    earlier = identity(phones)
    assert call(phones.url + "api/votes", {"stake": stake, "value": 1}, earlier)[0] == 200
    counted = votes_of(atelier_file, stake)
    phones.server.stop()
    phones.url = phones.server.start()

    status, _headers, answer = call(phones.url + "api/votes", {"stake": stake, "value": 1}, earlier)
    assert (status, answer["error"]) == (400, "unknown_phone")
    renewed = identity(phones, kept=earlier)  # the page, reloaded, gives back what it kept

    assert renewed != earlier
    assert votes_of(atelier_file, stake) == counted  # the votes already stored still count
    shown = {stake["uuid"]: stake for stake in call(phones.url + "api/stakes", phone=renewed)[2]["stakes"]}
    assert shown[stake]["votes_for"] == counted[0]


def test_votes_stored_before_identities_were_issued_still_count(atelier_file):
    with running_phone_server(atelier_file) as first:
        stake = a_stake(first)["uuid"]
        first.desk.vote(secrets.token_hex(16), {"stake": stake, "value": -1})  # an id a page made itself
        counted = votes_of(atelier_file, stake)
    with running_phone_server(atelier_file) as again:
        shown = {stake["uuid"]: stake for stake in call(again.url + "api/stakes")[2]["stakes"]}
        assert (shown[stake]["votes_for"], shown[stake]["votes_against"]) == counted[:2]
        assert call(again.url + "api/votes", {"stake": stake, "value": 1}, identity(again))[0] == 200
    assert votes_of(atelier_file, stake) == (counted[0] + 1, counted[1], counted[2] + 1)


def test_a_reload_keeps_the_identity_and_its_votes(phones):
    stake = a_stake(phones)["uuid"]
    issued = identity(phones)
    assert call(phones.url + "api/votes", {"stake": stake, "value": -1}, issued)[0] == 200

    reloaded = identity(phones, kept=issued)

    assert reloaded == issued
    shown = {stake["uuid"]: stake for stake in call(phones.url + "api/stakes", phone=reloaded)[2]["stakes"]}
    assert shown[stake]["my_vote"] == -1
    assert call(phones.url + "api/votes", {"stake": stake, "value": 1}, reloaded)[0] == 409


def test_a_request_for_an_identity_that_is_not_the_pages_is_refused(phones):
    for body in ([], {"phone": "x", "more": 1}, "phone"):
        status, _headers, answer = call(phones.url + "api/phone", body)
        assert (status, answer["error"]) == (400, "bad_request"), body
    assert call(phones.url + "api/phone")[0] == 405
    status, _headers, answer = call(phones.url + "api/phone", {"phone": "not an identity"})
    assert status == 200 and answer["phone"] != "not an identity"  # what the page kept was wrong: a new one
