"""Fifty phones sending contributions and votes at once, for a minute, to the loopback server.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_phones.py --phones 50 --seconds 60
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

The server is ``python -m bassee_atelier_plugin serve`` in a process of its own, on a copy
of the sample atelier, as a facilitator without QGIS would run it. Each phone is a thread
with its own keep-alive connection from its own loopback address (127.0.1.N), as each phone
of a room has its own address: the server's rate limit (per address, at its default) stays
on. A phone polls the stakes shown, then sends a contribution (three times in ten) or a vote
on a stake it has not voted on yet, then waits half a second to a second and a half: far
busier than a real room.

A contribution or a vote is answered once it is committed, so the time from sending it to
its answer is the time from request to committed. Afterwards every acknowledged
contribution and vote is looked for in the GeoPackage itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPOSITORY = Path(__file__).resolve().parents[1]
SAMPLE = REPOSITORY / "sample_data" / "bassee_montois_atelier.gpkg"


@dataclass
class PhoneLog:
    write_seconds: list[float] = field(default_factory=list)
    read_seconds: list[float] = field(default_factory=list)
    contributions: list[str] = field(default_factory=list)  # acknowledged stake uuids
    votes: list[tuple[str, str]] = field(default_factory=list)  # acknowledged (phone, stake)
    refused: dict[int, int] = field(default_factory=dict)


def phone(number: int, url: str, view: dict, stop_at: float, log: PhoneLog) -> None:
    address = urlsplit(url)
    connection = http.client.HTTPConnection(
        address.hostname, address.port, timeout=30, source_address=(f"127.0.1.{number + 1}", 0)
    )
    identity = ""  # issued by the server below, as the page asks for it when it loads
    voted: set[str] = set()
    xmin, ymin, xmax, ymax = inner(view["map"]["extent"])
    themes = [term["code"] for term in view["themes"]]
    chance = random.Random(number)

    def request(method: str, path: str, body: dict | None = None) -> tuple[int, dict, float]:
        headers = {"X-Phone": identity} if identity else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        connection.request(method, address.path + path, body=data, headers=headers)
        answer = connection.getresponse()
        content = json.loads(answer.read())
        return answer.status, content, time.perf_counter() - start

    identity = request("POST", "api/phone", {})[1]["phone"]
    while time.monotonic() < stop_at:
        status, shown, seconds = request("GET", "api/stakes")
        log.read_seconds.append(seconds)
        candidates = [stake["uuid"] for stake in shown.get("stakes", []) if stake["uuid"] not in voted]
        if chance.random() < 0.3 or not candidates:
            sent = {
                "x": chance.uniform(xmin, xmax),
                "y": chance.uniform(ymin, ymax),
                "theme": chance.choice(themes),
                "title": f"Téléphone {number}, idée {len(log.contributions) + 1}",
                "comment": "Envoyé pendant le banc d'essai",
            }
            status, answer, seconds = request("POST", "api/contributions", sent)
            if status == 201:
                log.contributions.append(answer["uuid"])
        else:
            stake = chance.choice(candidates)
            status, answer, seconds = request("POST", "api/votes", {"stake": stake, "value": chance.choice((1, -1))})
            if status == 200:
                log.votes.append((identity.split(".")[0], stake))  # the atelier stores the id, not its signature
                voted.add(stake)
        if status in (200, 201):
            log.write_seconds.append(seconds)
        else:
            log.refused[status] = log.refused.get(status, 0) + 1
        time.sleep(chance.uniform(0.5, 1.5))
    connection.close()


def inner(extent: list[float]) -> tuple[float, float, float, float]:
    """The middle of the map, where the territory is: a tap on the margins would be refused."""
    xmin, ymin, xmax, ymax = extent
    dx, dy = (xmax - xmin) * 0.3, (ymax - ymin) * 0.3
    return xmin + dx, ymin + dy, xmax - dx, ymax - dy


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def serve_sample(folder: Path) -> tuple[Path, subprocess.Popen]:
    """``serve`` on a copy of the sample atelier in ``folder``, on 127.0.0.1; its first line printed is its address."""
    atelier = Path(shutil.copy(SAMPLE, folder / "atelier.gpkg"))
    with sqlite3.connect(atelier) as connection:
        session = connection.execute("SELECT uuid FROM sessions ORDER BY fid LIMIT 1").fetchone()[0]
    command = [sys.executable, "-m", "bassee_atelier_plugin", "serve", str(atelier), "--session", session]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", "0"], cwd=REPOSITORY, stdout=subprocess.PIPE, text=True
    )
    return atelier, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    arguments = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-phones-"))
    atelier, server = serve_sample(folder)
    try:
        url = server.stdout.readline().strip()
        threading.Thread(target=server.stdout.read, daemon=True).start()  # the server's notices, unread
        view_connection = http.client.HTTPConnection(urlsplit(url).hostname, urlsplit(url).port, timeout=30)
        view_connection.request("GET", urlsplit(url).path + "api/view")
        view = json.loads(view_connection.getresponse().read())
        logs = [PhoneLog() for _ in range(arguments.phones)]
        stop_at = time.monotonic() + arguments.seconds
        phones = [
            threading.Thread(target=phone, args=(number, url, view, stop_at, log)) for number, log in enumerate(logs)
        ]
        for thread in phones:
            thread.start()
        for thread in phones:
            thread.join()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)

    writes = [seconds for log in logs for seconds in log.write_seconds]
    reads = [seconds for log in logs for seconds in log.read_seconds]
    contributions = [uuid for log in logs for uuid in log.contributions]
    votes = [vote for log in logs for vote in log.votes]
    refused: dict[int, int] = {}
    for log in logs:
        for status, number in log.refused.items():
            refused[status] = refused.get(status, 0) + number
    with sqlite3.connect(atelier) as connection:
        stored = {row[0] for row in connection.execute("SELECT uuid FROM stakes_point")}
        stored_votes = set(connection.execute("SELECT phone, stake_uuid FROM phone_votes").fetchall())
    lost_contributions = len(set(contributions) - stored)
    lost_votes = len(set(votes) - stored_votes)

    print(f"| {arguments.phones} phones for {arguments.seconds:.0f} s | measured |")
    print("|---|---|")
    print(f"| contributions acknowledged | {len(contributions)} |")
    print(f"| votes acknowledged | {len(votes)} |")
    print(f"| acknowledged but missing from the GeoPackage | {lost_contributions + lost_votes} |")
    print(f"| refused (status: count) | {refused or 'none'} |")
    print(f"| request to committed, p50 | {percentile(writes, 0.5) * 1000:.0f} ms |")
    print(f"| request to committed, p95 | {percentile(writes, 0.95) * 1000:.0f} ms |")
    print(f"| request to committed, max | {max(writes) * 1000:.0f} ms |")
    poll = f"{percentile(reads, 0.5) * 1000:.0f} / {percentile(reads, 0.95) * 1000:.0f} ms"
    print(f"| stakes poll (GET), p50 / p95 | {poll} |")
    print(f"| requests per second, all phones | {(len(writes) + len(reads)) / arguments.seconds:.1f} |")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
