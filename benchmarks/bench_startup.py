"""What the plugin adds to QGIS's start, on QGIS 3.22 and 3.44, and the size of its ZIP.

Run (after `make package`; 3.44 runs in its Debian root, which needs root rights):
    .venv/bin/python benchmarks/bench_startup.py --qgis 3.22 --rounds 8
    .venv/bin/python benchmarks/bench_startup.py --qgis 3.44 --rounds 8
Prints Markdown tables; docs/benchmarks.md keeps the figures measured on the project machine.

The real ``qgis`` under xvfb-run, started again and again in two profiles made alike (the plugin
enabled, QGIS's calls to the internet at start-up off): one with the ZIP unzipped in it, one
without. The rounds alternate which starts first. Each start is timed from the QGIS process's
start to the first turn of its event loop after QGIS said its start was complete (the window
shown, every plugin started): tests/planner/in_qgis.py, which then quits QGIS. QGIS 3.44 is the
planner's of tests/planner: the root's system Python without the project's environment, without
Pillow, pandas, geopandas, shapely, pyogrio, segno or odfpy; 3.22 is this machine's. A first start
of each profile (QGIS making the profile's files, Python compiling the plugin) has a line of its own,
after a start of a third profile that fills the caches QGIS keeps outside the profile.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.planner.planner_qgis import fresh_planner  # noqa: E402

# plugins.qgis.org refuses a larger upload: qgis/QGIS-Django, qgis-app/plugins/validator.py
# (PLUGIN_MAX_UPLOAD_SIZE, 25,000,000 bytes unless the site's settings say otherwise; they do not).
UPLOAD_LIMIT_BYTES = 25_000_000
METRICS = ("seconds_to_ready", "cpu_seconds_to_ready")


def start_times(qgis: str, plugin_zip: Path, rounds: int) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """The report of each profile's first start, and those of ``rounds`` starts after, alternating which first."""
    profiles, first = {}, {}
    in_root = qgis != "3.22"
    warm_up = fresh_planner(f"startup-{qgis}-warm-up", None, in_root)  # QGIS's first start fills its caches
    warm_up.prepare()
    warm_up.start_qgis()
    for variant in ("without", "with"):
        planner = fresh_planner(f"startup-{qgis}-{variant}", None, in_root)
        if variant == "with":
            planner.unzip(plugin_zip)
        else:
            planner.prepare()
        first[variant] = planner.start_qgis()  # QGIS makes the profile's files, Python compiles the plugin
        profiles[variant] = planner
    starts: dict[str, list[dict]] = {"without": [], "with": []}
    for round_number in range(rounds):
        order = ("without", "with") if round_number % 2 == 0 else ("with", "without")
        for variant in order:
            report = profiles[variant].start_qgis()
            assert report["active"] == (variant == "with"), report
            starts[variant].append(report)
    return first, starts


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def startup_table(first: dict[str, dict], starts: dict[str, list[dict]]) -> str:
    version = starts["with"][0]["qgis_version"]
    lines = [
        f"QGIS {version}, {len(starts['with'])} rounds; median (min–max):",
        "",
        "| measure | without the plugin | with the plugin | added: median of the rounds' differences |",
        "|---|---:|---:|---:|",
    ]
    names = {"seconds_to_ready": "start, on the clock", "cpu_seconds_to_ready": "start, processor time"}
    for metric in METRICS:
        without = [report[metric] for report in starts["without"]]
        with_plugin = [report[metric] for report in starts["with"]]
        added = statistics.median(after - before for before, after in zip(without, with_plugin))
        lines.append(f"| {names[metric]} | {seconds(without)} | {seconds(with_plugin)} | {added:+.2f} s |")
    own = [report["plugin_start_cpu_seconds"] for report in starts["with"]]
    lines.append(f"| the plugin's classFactory and initGui (QGIS's count) | — | {seconds(own)} | |")
    before, after = (first[variant]["seconds_to_ready"] for variant in ("without", "with"))
    added = after - before
    lines.append(f"| the profile's first start, on the clock | {before:.2f} s | {after:.2f} s | {added:+.2f} s |")
    return "\n".join(lines)


def zip_table(plugin_zip: Path) -> str:
    with zipfile.ZipFile(plugin_zip) as archive:
        files = [entry for entry in archive.infolist() if not entry.is_dir()]
    size = plugin_zip.stat().st_size
    unpacked = sum(entry.file_size for entry in files)
    vendored = sum(entry.file_size for entry in files if "/vendor/" in entry.filename)
    return "\n".join(
        [
            "| ZIP | files | size | unpacked | of which vendor/ (unpacked) | plugins.qgis.org's limit | used |",
            "|---|---:|---:|---:|---:|---:|---:|",
            f"| {plugin_zip.name} | {len(files)} | {size / 1e6:.2f} MB | {unpacked / 1e6:.2f} MB "
            f"| {vendored / 1e6:.2f} MB | {UPLOAD_LIMIT_BYTES / 1e6:.0f} MB | {size / UPLOAD_LIMIT_BYTES:.1%} |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qgis", choices=("3.22", "3.44"), default="3.22")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--zip", type=Path, help="the plugin's ZIP (default: the one `make package` built)")
    arguments = parser.parse_args()
    version = next(line for line in (REPO / "metadata.txt").read_text().splitlines() if line.startswith("version="))
    plugin_zip = arguments.zip or REPO / "dist" / f"bassee_atelier_plugin-{version.split('=', 1)[1]}.zip"
    print(startup_table(*start_times(arguments.qgis, plugin_zip, arguments.rounds)))
    print()
    print(zip_table(plugin_zip))


if __name__ == "__main__":
    main()
