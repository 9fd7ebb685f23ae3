"""Importing a site visit's photos: seconds per photo, peak memory, and what the atelier grows by.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_photos.py --photos 200
Prints a Markdown table; docs/benchmarks.md keeps the figures measured on the project machine.

The photos are generated 12-megapixel JPEGs (4000x3000) with EXIF GPS positions and times,
spread over the Bassée-Montois. The import (``import_photo_folder``: read, hash, display copy,
dedupe, observation and attachment committed per photo) is compared with reading the same
files' EXIF alone with Pillow, the floor of any import that looks at the photos.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image
from synthetic import new_atelier

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.visits.observations import import_photo_folder
from bassee_atelier_plugin.core.visits.photos import photo_files
from tests.photos import geotagged_jpeg  # importable: synthetic puts the repository on the path

TWELVE_MEGAPIXELS = (4000, 3000)


def _make_photo(job: tuple[Path, int]) -> None:
    folder, index = job
    rng = random.Random(index)
    geotagged_jpeg(
        folder / f"IMG_{index:04d}.jpg",
        rng.uniform(48.36, 48.52),
        rng.uniform(3.05, 3.45),
        gps_time=datetime(2017, 1, 26, 9, 0, 0) + timedelta(minutes=2 * index),
        size=TWELVE_MEGAPIXELS,
        seed=index,
        grain=60,  # a camera's noise: about 5 MB a file, as a phone's 12-megapixel JPEG
    )


def make_photos(folder: Path, count: int) -> None:
    """Made in worker processes: the peak memory measured is then the import's, not theirs."""
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_make_photo, [(folder, index) for index in range(count)])


def read_exif_only(folder: Path) -> float:
    start = time.perf_counter()
    for path in photo_files(folder):
        with Image.open(path) as image:
            exif = image.getexif()
            exif.get_ifd(0x8825)  # GPS
            exif.get_ifd(0x8769)  # date and time
    return time.perf_counter() - start


def decode_only(folder: Path, count: int) -> float:
    """Seconds per photo to decode the full image with Pillow, and nothing else."""
    paths = photo_files(folder)[:count]
    start = time.perf_counter()
    for path in paths:
        with Image.open(path) as image:
            image.load()
    return (time.perf_counter() - start) / len(paths)


def resident_memory_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        photos = work / "photos"
        photos.mkdir()
        make_photos(photos, arguments.photos)
        folder_bytes = sum(path.stat().st_size for path in photos.iterdir())
        exif_seconds = read_exif_only(photos)  # also warms the file cache for the import
        exif_seconds = min(exif_seconds, read_exif_only(photos))
        full_decode = decode_only(photos, 20)
        atelier = new_atelier(work)
        with writer(atelier) as edits:
            session = edits.insert("sessions", {"kind": "visite", "title": "Bench"})
        size_before = atelier.path.stat().st_size
        memory_before = resident_memory_mb()
        samples = [memory_before]
        start = time.perf_counter()
        report = import_photo_folder(
            atelier, photos, session, join_distance_m=0, progress=lambda *_: samples.append(resident_memory_mb())
        )
        import_seconds = time.perf_counter() - start
        growth = atelier.path.stat().st_size - size_before
    assert report.attachments_added == arguments.photos, report.summary()
    count = arguments.photos
    print(f"| import of {count} generated 12-megapixel JPEGs ({folder_bytes / count / 1e6:.1f} MB each) | value |")
    print("|---|---|")
    print(f"| import, seconds per photo | {import_seconds / count:.3f} s |")
    print(f"| EXIF alone with Pillow, seconds per photo | {exif_seconds / count:.4f} s |")
    print(f"| ratio import / EXIF alone | {import_seconds / exif_seconds:.0f} |")
    print(f"| for comparison: decoding the full image alone with Pillow, seconds per photo | {full_decode:.3f} s |")
    highest = max(samples)
    print(f"| resident memory: before the import / highest during it | {memory_before:.0f} / {highest:.0f} MB |")
    print(f"| GeoPackage growth per photo (original + display copy) | {growth / count / 1e6:.2f} MB |")
    print(f"| GeoPackage growth / the photos' own size | {growth / folder_bytes:.2f} |")


if __name__ == "__main__":
    main()
