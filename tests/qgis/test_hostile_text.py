"""A phone's hostile title and comment, stored clean and shown safely: by the server, in a terminal, in every PDF.

The titles carry terminal escape codes, right-to-left overrides and invisible characters
(see tests/hostile_text.py). What the server stores is read back with sqlite3, what ``serve``
prints is read as the bytes a terminal would get, and the PDFs are read with pypdf. Titles
typed in QGIS (or stored by an older version) never went through the phones' server: the
terminal and the PDFs' tables still show them without their codes.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from bassee_atelier_plugin.core.deliverables.exports import KINDS, export_deliverable
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.metadata import utc_now
from bassee_atelier_plugin.core.phones.contributions import ContributionDesk
from tests.conftest import REPO
from tests.hostile_text import (
    CLEAN_COMMENT,
    CLEAN_TITLE,
    HIDDEN,
    HOSTILE_COMMENT,
    HOSTILE_TITLE,
    STORED_TITLE,
    STORED_TITLE_IN_A_TERMINAL,
)
from tests.qgis.desk import BRAY
from tests.qgis.phone import call, new_phone, running_phone_server, sample_copy
from tests.qgis.phone_server_helpers import contribution, count, stake_rows

BRAY_SHOPS = "Bray-sur-Seine : commerces vacants en centre-bourg"  # a stake of the sample, retained
STORED_VISIBLE = "Ecluse de la Grande Bosse"  # STORED_TITLE without its codes


@pytest.fixture
def atelier_file(qgis_app, tmp_path) -> Path:
    return sample_copy(tmp_path)


def identity(url: str) -> str:
    """What a phone's page asks the server for when it loads: the identity it sends in X-Phone."""
    status, _headers, answer = call(url + "api/phone", {})
    assert status == 200, answer
    return answer["phone"]


def new_session(atelier) -> str:
    """A session held today, after the sample's: what the evolution compares with the one before."""
    editor = LiveEditor(atelier, author="facilitator")
    try:
        return editor.writer.insert(
            "sessions", {"kind": "atelier", "title": "Atelier des téléphones", "held_on": utc_now()[:10]}
        )
    finally:
        editor.close()


def typed_in_qgis(atelier, session: str, stake_title: str, new_title: str) -> str:
    """A stake's title changed in a session, as the room's QGIS stores it: codes and all. Its UUID."""
    editor = LiveEditor(atelier, author="facilitator")
    editor.session_uuid = session
    try:
        [row] = editor.writer.rows("stakes_point", title=stake_title)
        editor.writer.update("stakes_point", row["uuid"], {"title": new_title})
        return row["uuid"]
    finally:
        editor.close()


# -- the phones' server ------------------------------------------------------------------------


def test_a_hostile_title_and_comment_are_stored_without_their_codes(atelier_file):
    with running_phone_server(atelier_file) as phones:
        sent = contribution(phones, title=HOSTILE_TITLE, comment=HOSTILE_COMMENT)
        status, _headers, answer = call(phones.url + "api/contributions", sent, identity(phones.url))
        assert status == 201, answer
        shown = [stake["title"] for stake in call(phones.url + "api/stakes")[2]["stakes"]]

    [stored] = stake_rows(atelier_file, f"uuid = '{answer['uuid']}'")
    assert (stored["title"], stored["comment"]) == (CLEAN_TITLE, CLEAN_COMMENT)
    assert CLEAN_TITLE in shown


def test_a_title_typed_in_qgis_reaches_the_phones_without_its_codes(atelier_file):
    atelier = open_atelier(atelier_file)
    stored_uuid = typed_in_qgis(atelier, new_session(atelier), BRAY_SHOPS, STORED_TITLE)

    with running_phone_server(atelier_file) as phones:
        shown = {stake["uuid"]: stake["title"] for stake in call(phones.url + "api/stakes")[2]["stakes"]}

    assert STORED_VISIBLE in shown[stored_uuid] and not HIDDEN.search(shown[stored_uuid])


@pytest.mark.parametrize("title", ["\x1b\x07\x08", "\u202e\u202c\u200b", "\x7f\x9b\u00ad"])
def test_a_title_of_nothing_visible_is_refused_and_nothing_stored(atelier_file, title):
    before = count(atelier_file, "stakes_point")
    with running_phone_server(atelier_file) as phones:
        status, _headers, answer = call(
            phones.url + "api/contributions", contribution(phones, title=title), identity(phones.url)
        )

    assert status == 400 and (answer["error"], answer["field"]) == ("invalid_field", "title"), answer
    assert count(atelier_file, "stakes_point") == before


def test_invisible_padding_is_taken_out_but_far_too_much_of_it_is_refused_as_sent(atelier_file):
    with running_phone_server(atelier_file) as phones:
        phone = identity(phones.url)
        padded = call(phones.url + "api/contributions", contribution(phones, title="Gué" + "\u200b" * 400), phone)
        flood = call(phones.url + "api/contributions", contribution(phones, title="Gué" + "\u200b" * 100_000), phone)

    assert padded[0] == 201 and stake_rows(atelier_file, f"uuid = '{padded[2]['uuid']}'")[0]["title"] == "Gué"
    assert flood[0] == 400 and (flood[2]["error"], flood[2]["field"]) == ("invalid_field", "title"), flood[2]


# -- the facilitator's terminal ----------------------------------------------------------------


def test_serve_prints_no_escape_code_of_a_phones_title_nor_of_a_stored_one(atelier_file):
    atelier = open_atelier(atelier_file)
    session = new_session(atelier)
    stored_uuid = typed_in_qgis(atelier, session, BRAY_SHOPS, STORED_TITLE)
    command = [sys.executable, "-m", "bassee_atelier_plugin", "serve", str(atelier_file), "--session", session]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", "0"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        url = process.stdout.readline().decode().strip()
        assert url.startswith("http://127.0.0.1:") and "/t/" in url, process.stderr.read()
        xmin, ymin, xmax, ymax = call(url + "api/view")[2]["map"]["extent"]
        sent = {"x": (xmin + xmax) / 2, "y": (ymin + ymax) / 2, "theme": "mobilite", "title": HOSTILE_TITLE}
        phone = identity(url)
        assert call(url + "api/contributions", sent, phone)[0] == 201
        assert call(url + "api/votes", {"stake": stored_uuid, "value": 1}, phone)[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        output, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors

    told = output.split(b"\n")[-4:-1]  # after the URL and the QR code: the two arrivals, then "Stopped"
    assert told[:2] == [f"contribution: {CLEAN_TITLE}".encode(), f"vote: {STORED_TITLE_IN_A_TERMINAL}".encode()]
    assert told[2].startswith(b"Stopped")
    assert not HIDDEN.search(output.decode("utf-8")), output


# -- the PDFs ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_atelier(qgis_app, tmp_path_factory):
    """The sample with a phone's hostile stake in a new session, retained and answered by a new action."""
    atelier = open_atelier(sample_copy(tmp_path_factory.mktemp("hostile")))
    desk = ContributionDesk(atelier, new_session(atelier))
    try:
        sent = {"x": BRAY[0], "y": BRAY[1], "theme": "eau_risques", "title": HOSTILE_TITLE, "comment": HOSTILE_COMMENT}
        stake = desk.contribute(new_phone(), sent).uuid
    finally:
        desk.close()
    editor = LiveEditor(atelier, author="facilitator")
    try:
        editor.writer.update("stakes_point", stake, {"status": "retenu"})
        action = editor.writer.insert("actions", {"title": "Conforter les berges de la Voulzie"})
        editor.writer.insert("action_stakes", {"action_uuid": action, "stake_uuid": stake})
    finally:
        editor.close()
    return atelier


def pdf_text(atelier, kind: str, folder: Path) -> str:
    """The text of the PDF as pypdf reads it, codes and all, but for the tabs it puts between words."""
    pages = PdfReader(export_deliverable(atelier, kind, folder / f"{kind}.pdf").path).pages
    return "\n".join(page.extract_text() for page in pages).replace("\t", " ")


def flat(text: str) -> str:
    """Wrapped cells read as running text, ligatures as their letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("kind", KINDS)
def test_every_pdf_shows_a_phones_title_without_its_codes(hostile_atelier, tmp_path, kind):
    text = pdf_text(hostile_atelier, kind, tmp_path)

    assert not HIDDEN.search(text), [match.group() for match in HIDDEN.finditer(text)]
    assert "Crue de la Voulzie" in flat(text)  # as typed, not shown backwards by an override
    if kind == "synthese":  # the comment of a retained stake, its lines kept
        assert flat(CLEAN_COMMENT) in flat(text)


# Where the tables begin. The labels of a map (the synthesis's, the sheets') and the expressions of the sheets
# show a stored title as it is stored: cleaning them would cost an expression per feature on every redraw.
TABLES_START = {"synthese": "Enjeux par thème et par commune", "feuille-de-route": "Action", "evolution": "Ce qui"}


@pytest.mark.parametrize("kind", TABLES_START)
def test_the_pdfs_tables_show_a_title_typed_in_qgis_without_its_codes(qgis_app, tmp_path, kind):
    atelier = open_atelier(sample_copy(tmp_path))
    typed_in_qgis(atelier, new_session(atelier), BRAY_SHOPS, STORED_TITLE)  # retained, and answered by an action

    text = pdf_text(atelier, kind, tmp_path)

    tables = text[text.index(TABLES_START[kind]) :]  # the synthesis's map labels its stakes: not cleaned, see below
    assert not HIDDEN.search(tables), [match.group() for match in HIDDEN.finditer(tables)]
    assert STORED_VISIBLE in flat(tables)
