"""The replay GIF of a session: the sample's sessions, and a session of 5,000 features.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_replay.py --features 5000 --rounds 1
(3.44: scripts/qgis_root.sh 3.44 python benchmarks/bench_replay.py --features 5000 --rounds 1)
Prints Markdown tables; docs/benchmarks.md keeps the figures measured on the project machine.

Each replay (``export_replay``: reading the stored project, the journal's minutes, drawing the
still layers once and the moving ones each frame, the caption, the GIF) is timed against its
anchor in the same round: QGIS alone reading the same stored project and drawing every frame
whole, all visible layers and the deleted features' (their group ticked, as to replay them) at
the same time-line range, as its own animation export does, without writing anything. The
5,000 features are stakes and sketches drawn through the feature writer (each with its journal
line) over a three-hour workshop; a few are deleted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from synthetic import REPO, random_wkt

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.deliverables.replay import FRAME_SIZE, export_replay, qgis_time, with_time_line
from bassee_atelier_plugin.core.deliverables.replay_journal import ONE_MINUTE, find_session, journal_minutes
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.schema import DELETED_TABLES
from bassee_atelier_plugin.core.model.thesauri import THESAURUS_BY_NAME
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import project_uri, write_presentation
from bassee_atelier_plugin.core.presentation.snapshot import project_map_settings, render_image

SAMPLE = REPO / "sample_data" / "bassee_montois_atelier.gpkg"
WORKSHOP_START = datetime(2017, 6, 15, 9, 0, tzinfo=timezone.utc)
WORKSHOP_MINUTES = 180
TABLES = {"stakes_point": "point", "stakes_line": "line", "stakes_area": "area", "sketches_line": "line"}


def sample_atelier(folder: Path) -> Atelier:
    atelier = open_atelier(shutil.copy(SAMPLE, folder / SAMPLE.name))
    write_presentation(atelier, tables=[])  # the committed sample's project may predate the replay
    return atelier


def add_workshop(atelier: Atelier, count: int) -> str:
    """A session in which ``count`` stakes and sketches are drawn over three hours; one in fifty deleted."""
    rng = random.Random(19)
    themes = [term.code for term in THESAURUS_BY_NAME["themes"].terms]
    kinds = [term.code for term in THESAURUS_BY_NAME["sketch_kinds"].terms]
    with writer(atelier, author="bench") as feature_writer, feature_writer.transaction():
        session = feature_writer.insert("sessions", {"kind": "atelier", "title": "Atelier de 5 000 traits"})
        feature_writer.session_uuid = session
        for index in range(count):
            table = list(TABLES)[index % len(TABLES)]
            when = WORKSHOP_START + timedelta(seconds=rng.uniform(0, WORKSHOP_MINUTES * 60))
            stamp = when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            fields = (
                {"kind": kinds[index % len(kinds)]} if table.startswith("sketches") else {"theme": themes[index % 9]}
            )
            uuid = feature_writer.insert(table, {**fields, "created_at": stamp}, random_wkt(TABLES[table], rng))
            if index % 50 == 0:  # deleted a few minutes after being drawn, not today
                gone = (when + timedelta(minutes=7)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
                feature_writer.delete(table, uuid, deleted_at=gone)
    return session


def working_map_redraw_ms(atelier: Atelier, rounds: int = 15) -> tuple[float, float]:
    """The stored project drawn whole without a time line, as the working map: with the deleted features' layers
    ticked, and as stored (unticked)."""
    from qgis.core import QgsMapSettings, QgsProject

    project = QgsProject()
    project.read(project_uri(atelier))
    without = project_map_settings(project, FRAME_SIZE)
    assert not any(layer_table(layer) in DELETED_TABLES for layer in without.layers())
    settings = QgsMapSettings(without)
    settings.setLayers(_with_the_deleted(project, without.layers()))
    samples = {id(settings): [], id(without): []}
    for _ in range(rounds):  # interleaved, so that a noisy neighbour slows both alike
        for drawn in (settings, without):
            samples[id(drawn)].append(timed(lambda drawn=drawn: render_image(drawn)) * 1000)
    return statistics.median(samples[id(settings)]), statistics.median(samples[id(without)])


def bare_qgis_frames(atelier: Atelier, session: str) -> float:
    """QGIS alone: the stored project read, every frame drawn whole at the replay's ranges."""
    from qgis.core import QgsDateTimeRange, QgsProject

    start = time.perf_counter()
    project = QgsProject()
    project.read(project_uri(atelier))
    settings = project_map_settings(project, FRAME_SIZE)
    settings.setLayers(_with_the_deleted(project, settings.layers()))  # ticked, as to replay deletions
    base = settings.expressionContext()
    settings.setIsTemporal(True)
    for minute in journal_minutes(atelier, find_session(atelier, session)):
        end_of_minute = qgis_time(minute + ONE_MINUTE).addMSecs(-1)
        settings.setTemporalRange(QgsDateTimeRange(end_of_minute, end_of_minute))
        with_time_line(settings, base)
        render_image(settings)
    return time.perf_counter() - start


def _with_the_deleted(project, visible: list) -> list:
    """``visible`` and the layers of the deleted features, in the project's order: their group ticked."""
    return [
        layer
        for layer in project.layerTreeRoot().layerOrder()
        if layer in visible or layer_table(layer) in DELETED_TABLES
    ]


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(atelier: Atelier, session: str, folder: Path, rounds: int) -> tuple[int, float, float]:
    frames, replays, anchors = 0, [], []
    for _ in range(rounds):
        anchors.append(bare_qgis_frames(atelier, session))
        replays.append(timed(lambda: export_replay(atelier, session, folder / "replay.gif")))
    frames = export_replay(atelier, session, folder / "replay.gif").frames
    return frames, statistics.median(replays), statistics.median(anchors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        print(f"Frames {FRAME_SIZE.width()}x{FRAME_SIZE.height()}, median of {arguments.rounds} rounds\n")
        print("| session | features | frames | replay GIF (s) | bare QGIS, every frame whole (s) | ratio |")
        print("|---|---:|---:|---:|---:|---:|")
        sample = sample_atelier(folder)
        with sample.dataset() as dataset:
            titles = [feature.GetField("title") for feature in dataset.GetLayerByName("sessions")]
        for title in titles:
            _row(title, "sample", *measure(sample, title, folder, arguments.rounds))
        (folder / "big").mkdir()
        big = sample_atelier(folder / "big")
        session = add_workshop(big, arguments.features)
        _row("synthetic workshop", arguments.features, *measure(big, session, folder, arguments.rounds))
        print("\n| atelier | working map, the deleted ticked (ms) | as stored, unticked (ms) | ratio |")
        print("|---|---:|---:|---:|")
        for name, atelier in (("sample", sample), (f"{arguments.features} features", big)):
            whole, without = working_map_redraw_ms(atelier)
            print(f"| {name} | {whole:.0f} | {without:.0f} | {whole / without:.2f} |", flush=True)


def _row(title: str, features, frames: int, replay: float, anchor: float) -> None:
    print(f"| {title} | {features} | {frames} | {replay:.2f} | {anchor:.2f} | {replay / anchor:.2f} |", flush=True)


if __name__ == "__main__":
    main()
