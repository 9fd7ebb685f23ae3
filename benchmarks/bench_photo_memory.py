"""Peak memory of taking photos in, over the idle process: from phones through the server, and import-photos.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_photo_memory.py
In a QGIS root: scripts/qgis_root.sh 3.44 run env QT_QPA_PLATFORM=offscreen \\
    /opt/atelier-venv/bin/python benchmarks/bench_photo_memory.py
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

Each case runs in a process of its own, which starts QGIS and its phones' server (on a copy of
the sample atelier, bound to 127.0.0.1), resets its peak resident memory (Linux's VmHWM, through
/proc/self/clear_refs) and then sends the photos: the figure is the peak over that idle size.
"Several phones at once" sends six heavy photos from six threads at the same moment, once with
the reader's cap on decodes (one at a time) and once with the cap lifted to six, to show what
the cap holds back. The photos are made once, in the parent: a 12-megapixel phone JPEG, a
24-megapixel progressive JPEG without colour subsampling (the heaviest kind still read), the
issue's 13,000 x 13,000 PNG (500 KB, read row by row) and the crafted files the reader refuses.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from tests.crafted_images import HUGE_FILES, flat_png, pillow_file  # noqa: E402
from tests.photos import geotagged_jpeg  # noqa: E402

PHONE_PHOTO, HEAVY_PHOTO, FLAT_PNG = "phone.jpg", "heavy-progressive.jpg", "flat.png"
PHONES_AT_ONCE = 6
CASES = {  # name: (what it says, photos sent, decodes at once)
    "phone": ("one phone photo (12 Mpx JPEG) through the server", [PHONE_PHOTO], 1),
    "heavy": ("one 24 Mpx progressive JPEG, no subsampling, through the server", [HEAVY_PHOTO], 1),
    "flat-png": ("the issue's 13,000 x 13,000 PNG (500 KB) through the server", [FLAT_PNG], 1),
    "refused": ("the crafted files, each refused, through the server", list(HUGE_FILES), 1),
    "at-once": (f"{PHONES_AT_ONCE} heavy photos from {PHONES_AT_ONCE} phones at once", [HEAVY_PHOTO] * 6, 1),
    "at-once-uncapped": ("the same, with the cap on decodes lifted (for comparison)", [HEAVY_PHOTO] * 6, 6),
    "import": ("import-photos of a folder of all of them", None, 1),
}


def make_photos(folder: Path) -> None:
    geotagged_jpeg(folder / PHONE_PHOTO, 48.42, 3.24, size=(4000, 3000), grain=20)
    (folder / HEAVY_PHOTO).write_bytes(
        pillow_file("RGB", (6000, 4000), "JPEG", quality=90, progressive=True, subsampling=0)
    )
    (folder / FLAT_PNG).write_bytes(flat_png())
    for name, (make, _width, _height) in HUGE_FILES.items():
        (folder / name).write_bytes(make())


def peak_mb() -> tuple[float, float]:
    """(resident now, highest resident since the last reset), in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1000, int(fields["VmHWM"].split()[0]) / 1000


def run_case(name: str, folder: Path) -> dict:
    """In the child: start QGIS and the server, reset the peak, send the case's photos; the figures as a dict."""
    from synthetic import REPO  # noqa: F401 - starts QGIS and puts the repository on the path

    from bassee_atelier_plugin.core.visits import photos
    from tests.qgis.phone import call, first_session, running_phone_server, sample_copy

    _label, sent, decodes_at_once = CASES[name]
    photos._decoder = ThreadPoolExecutor(max_workers=decodes_at_once)
    work = Path(tempfile.mkdtemp())
    try:
        with running_phone_server(sample_copy(work)) as running:
            xmin, ymin, xmax, ymax = call(running.url + "api/view")[2]["map"]["extent"]
            bodies = [
                {"x": (xmin + xmax) / 2, "y": (ymin + ymax) / 2, "theme": "eau_risques", "title": f"Photo {index}",
                 "photo": base64.b64encode((folder / photo).read_bytes()).decode()}
                for index, photo in enumerate(sent or [])
            ]  # fmt: skip
            idle, _ = peak_mb()
            Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from now
            if sent is None:
                answers = import_folder(running.atelier, folder, first_session(running.atelier))
            else:
                answers = send_at_once(running.url, bodies)
            _, peak = peak_mb()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"idle_mb": idle, "over_idle_mb": peak - idle, "answers": answers}


def send_at_once(url: str, bodies: list[dict]) -> str:
    """Each body from a phone of its own (its own loopback address, its identity asked first), sent together."""
    statuses: list[int] = []
    start = threading.Barrier(len(bodies))

    def phone(number: int, body: dict) -> None:
        address = urlsplit(url)
        connection = http.client.HTTPConnection(
            address.hostname, address.port, timeout=300, source_address=(f"127.0.1.{number + 1}", 0)
        )
        identity = _post(connection, address.path + "api/phone", {}, None)[1]["phone"]
        start.wait()
        statuses.append(_post(connection, address.path + "api/contributions", body, identity)[0])
        connection.close()

    threads = [threading.Thread(target=phone, args=pair) for pair in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return ", ".join(f"{statuses.count(status)} x {status}" for status in sorted(set(statuses)))


def _post(connection: http.client.HTTPConnection, path: str, body: dict, identity: str | None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json", **({"X-Phone": identity} if identity else {})}
    connection.request("POST", path, json.dumps(body).encode(), headers)
    answer = connection.getresponse()
    return answer.status, json.loads(answer.read())


def import_folder(atelier, folder: Path, session: str) -> str:
    from bassee_atelier_plugin.core.visits.observations import import_photo_folder

    report = import_photo_folder(atelier, folder, session, join_distance_m=0)
    return f"{report.attachments_added} added, {len(report.unplaced)} read but unplaced, {len(report.failed)} refused"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", choices=CASES, help="run one case (in a child process) and print its figures")
    parser.add_argument("--folder", type=Path)
    arguments = parser.parse_args()
    if arguments.case:
        print(json.dumps(run_case(arguments.case, arguments.folder)))
        return
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        make_photos(folder)
        print("| case | idle | peak over idle | answers |")
        print("|---|---|---|---|")
        for name, (label, _sent, _decodes) in CASES.items():
            child = subprocess.run(
                [sys.executable, __file__, "--case", name, "--folder", str(folder)],
                capture_output=True,
                text=True,
                check=True,
                timeout=900,
            )
            figures = json.loads(child.stdout.strip().splitlines()[-1])
            idle, over = figures["idle_mb"], figures["over_idle_mb"]
            print(f"| {label} | {idle:.0f} MB | {over:.0f} MB | {figures['answers']} |")


if __name__ == "__main__":
    main()
