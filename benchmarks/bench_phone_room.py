"""Fifty phones for a minute with 200 slow connections open beside them: latency, errors, nothing lost.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_phone_room.py --phones 50 --slow 200 --seconds 60
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

The server is ``python -m bassee_atelier_plugin serve`` on a copy of the sample atelier, bound
to 127.0.0.1, as in bench_phones.py, whose phones these are (each a thread with its own
keep-alive connection from its own loopback address 127.0.1.N: it asks for its identity, then
polls the stakes, contributes or votes, and waits half a second to a second and a half).
Beside them, one thread keeps ``--slow`` connections open from 127.0.2.N, each trickling a
request's headers a byte at a time and never finishing them; one the server cuts (at its
header deadline) is opened again at once, so that as many stay open all the time.

Every request of every phone counts in the latency (time to the whole answer); an error is
an answer other than 200 or 201, or a connection that failed. Afterwards every acknowledged
contribution and vote is looked for in the GeoPackage itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import selectors
import shutil
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_phones import PhoneLog, percentile, phone, serve_sample  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[1]
TRICKLE_S = 0.5  # a byte per slow connection every half second


class SlowClients:
    """``number`` connections that trickle headers without end, each opened again once the server cuts it."""

    def __init__(self, address: tuple[str, int], number: int):
        self.address = address
        self.number = number
        self.cut = 0  # connections the server closed, at its deadline or otherwise
        self.refused = 0  # connections that could not be opened
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> SlowClients:
        for index in range(self.number):
            self._open(index)
        self._thread.start()
        return self

    def __exit__(self, *_exception) -> None:
        self._stop.set()
        self._thread.join()
        for key in list(self._selector.get_map().values()):
            key.fileobj.close()

    @property
    def open_now(self) -> int:
        return len(self._selector.get_map())

    def _open(self, index: int) -> None:
        try:
            connection = socket.create_connection(self.address, timeout=10, source_address=(f"127.0.2.{index + 1}", 0))
        except OSError:
            self.refused += 1
            return
        connection.sendall(b"GET /t/slow HTTP/1.1\r\nX-Slow: ")
        connection.setblocking(False)
        self._selector.register(connection, selectors.EVENT_READ, index)

    def _run(self) -> None:
        while not self._stop.wait(TRICKLE_S):
            for key in list(self._selector.get_map().values()):
                try:
                    key.fileobj.send(b"a")
                except OSError:
                    self._replace(key)
            for key, _events in self._selector.select(timeout=0):  # the server answered (408) or closed
                self._replace(key)

    def _replace(self, key: selectors.SelectorKey) -> None:
        self._selector.unregister(key.fileobj)
        key.fileobj.close()
        self.cut += 1
        self._open(key.data)


def threads_of(pid: int) -> str:
    """The number of threads of a process, from Linux's /proc; a dash elsewhere."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "–"
    return next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:"))


def guarded_phone(number: int, url: str, view: dict, stop_at: float, log: PhoneLog, failures: list[str]) -> None:
    try:
        phone(number, url, view, stop_at, log)
    except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
        failures.append(f"phone {number}: {error!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--slow", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    arguments = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-phone-room-"))
    atelier, server = serve_sample(folder)
    logs = [PhoneLog() for _ in range(arguments.phones)]
    failures: list[str] = []
    try:
        url = server.stdout.readline().strip()
        threading.Thread(target=server.stdout.read, daemon=True).start()  # the server's notices, unread
        address = urlsplit(url)
        view_connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        view_connection.request("GET", address.path + "api/view")
        view = json.loads(view_connection.getresponse().read())
        with SlowClients((address.hostname, address.port), arguments.slow) as slow:
            slow_at_start = slow.open_now
            stop_at = time.monotonic() + arguments.seconds
            phones = [
                threading.Thread(target=guarded_phone, args=(number, url, view, stop_at, log, failures))
                for number, log in enumerate(logs)
            ]
            for thread in phones:
                thread.start()
            for thread in phones:
                thread.join()
            slow_at_end = slow.open_now
            server_threads = threads_of(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)

    seconds = [value for log in logs for value in log.write_seconds + log.read_seconds]
    contributions = {uuid for log in logs for uuid in log.contributions}
    votes = {vote for log in logs for vote in log.votes}
    refused = sum(number for log in logs for number in log.refused.values())
    with sqlite3.connect(atelier) as connection:
        stored = {row[0] for row in connection.execute("SELECT uuid FROM stakes_point")}
        stored_votes = set(connection.execute("SELECT phone, stake_uuid FROM phone_votes").fetchall())

    print(f"| {arguments.phones} phones for {arguments.seconds:.0f} s, {arguments.slow} slow connections | measured |")
    print("|---|---|")
    print(f"| requests answered | {len(seconds)} ({len(seconds) / arguments.seconds:.0f} a second) |")
    print(
        f"| latency p50 / p95 / max | {' / '.join(f'{percentile(seconds, q) * 1000:.0f}' for q in (0.5, 0.95))}"
        f" / {max(seconds) * 1000:.0f} ms |"
    )
    print(f"| errors (answers other than 200/201, failed connections) | {refused} + {len(failures)} |")
    print(f"| contributions, votes acknowledged | {len(contributions)}, {len(votes)} |")
    print(
        f"| acknowledged but missing from the GeoPackage | {len(contributions - stored) + len(votes - stored_votes)} |"
    )
    print(f"| slow connections open at start / end | {slow_at_start} / {slow_at_end} |")
    print(f"| slow connections cut by the server (and opened again) | {slow.cut} |")
    print(f"| the server's threads as the phones finished | {server_threads} |")
    for failure in failures[:5]:
        print(f"<!-- {failure} -->")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
