"""A real phones' server on loopback, for the tests that talk to it as phones would."""

from __future__ import annotations

import json
import secrets
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.phones.contributions import ContributionDesk
from bassee_atelier_plugin.core.phones.map_view import atelier_map_view
from bassee_atelier_plugin.core.phones.server import PhoneServer

SAMPLE_ATELIER = Path(__file__).resolve().parents[2] / "sample_data" / "bassee_montois_atelier.gpkg"


@dataclass
class RunningPhoneServer:
    url: str  # ends with /t/<token>/
    server: PhoneServer
    desk: ContributionDesk
    atelier: Atelier


def sample_copy(folder: Path) -> Path:
    return Path(shutil.copy(SAMPLE_ATELIER, folder / "atelier.gpkg"))


def first_session(atelier: Atelier) -> str:
    with atelier.dataset() as dataset:
        return next(iter(dataset.GetLayerByName("sessions"))).GetField("uuid")


@contextmanager
def running_phone_server(
    atelier_path: Path,
    session_uuid: str | None = None,
    require_approval: bool = False,
    requests_per_minute: int = 6000,  # tests send fast: the rate limit has tests of its own
) -> Iterator[RunningPhoneServer]:
    atelier = open_atelier(atelier_path)
    desk = ContributionDesk(atelier, session_uuid or first_session(atelier), require_approval)
    server = PhoneServer(desk, "127.0.0.1", 0, atelier_map_view(atelier), requests_per_minute)
    try:
        yield RunningPhoneServer(server.start(), server, desk, atelier)
    finally:
        server.stop()
        desk.close()


def new_phone() -> str:
    """A phone's id as the desk takes it, once the server has checked the phone's identity."""
    return secrets.token_hex(16)


def issued_phone(server: PhoneServer) -> str:
    """An identity the running server issued, as a phone's page sends it in X-Phone."""
    return server.identities.issue()


def call(url: str, body=None, phone: str | None = None, headers: dict | None = None, raw: bytes | None = None):
    """One request as a phone's page makes it: (status, headers, parsed JSON or bytes)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if phone:
        request.add_header("X-Phone", phone)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            status, answer_headers, content = answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        status, answer_headers, content = error.code, error.headers, error.read()
    if answer_headers.get_content_type() == "application/json":
        return status, answer_headers, json.loads(content)
    return status, answer_headers, content
