"""Property tests of the merge's input checks: whatever it is handed, a merge or a refusal, and the inputs untouched.

``merge_ateliers`` is given lists drawn from a folder of files a planner might pick by
mistake: ateliers (one copied under another name), the same atelier spelled two ways, an
empty file, random bytes and a cut atelier named ``.gpkg``, a GeoPackage and an SQLite
database that are not ateliers, a text file, a folder, files and folders that do not exist.
It either merges or raises ``AtelierError`` with a message; any other exception is a bug; and
no file given as an input changes by a byte. ``open_atelier`` is given an atelier whose
metadata or bytes were changed (a newer schema, an older one's label, damaged pages).
Bounded and derandomized: the same examples on every run.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from osgeo import ogr

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.sync import merge_ateliers
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from tests.properties import bounded

ATELIERS = ("a.gpkg", "laptop/a.gpkg", "renamed.gpkg")
MADE_PER_EXAMPLE = ("noise.gpkg", "cut.gpkg")
OTHERS = (
    "empty.gpkg",
    "plain.gpkg",
    "database.gpkg",
    "notes.txt",
    "folder.gpkg",
    "missing.gpkg",
    "nowhere/atelier.gpkg",
)
OUTPUTS = ("out/merged.gpkg",) * 4 + ("out/merged.txt", "nowhere/merged.gpkg", "a.gpkg", "out", "plain.gpkg")
SPELLINGS = ("{folder}/{name}", "{folder}/./{name}", "{folder}/out/../{name}")


@pytest.fixture(scope="module")
def files(created_atelier, tmp_path_factory) -> Path:
    """The folder of files to pick from; each made once, the per-example ones rewritten by each example."""
    folder = tmp_path_factory.mktemp("merge-properties")
    atelier = created_atelier(folder / "a.gpkg").path
    (folder / "laptop").mkdir()
    (folder / "out").mkdir()
    (folder / "folder.gpkg").mkdir()
    shutil.copyfile(atelier, folder / "laptop" / "a.gpkg")
    shutil.copyfile(atelier, folder / "renamed.gpkg")
    (folder / "empty.gpkg").write_bytes(b"")
    (folder / "notes.txt").write_text("Atelier du 26 janvier\n")
    with sqlite3.connect(folder / "database.gpkg") as connection:
        connection.execute("CREATE TABLE stakes_point (fid INTEGER PRIMARY KEY, title TEXT)")
    plain = ogr.GetDriverByName("GPKG").CreateDataSource(str(folder / "plain.gpkg"))
    plain.CreateLayer("points", geom_type=ogr.wkbPoint)
    plain = None
    return folder


def digests(paths: list[Path]) -> dict[Path, str]:
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths if path.is_file()}


def picked(names: tuple[str, ...]):
    """Lists of distinct ``names``, each spelled one way, the first given again (spelled another way) or not."""
    return st.tuples(
        st.lists(st.sampled_from(names), min_size=2, max_size=4, unique=True),  # one alone: refused first
        st.lists(st.sampled_from(SPELLINGS), min_size=5, max_size=5),
        st.sampled_from((False, False, False, True)),
    ).map(lambda drawn: [*zip(drawn[0], drawn[1]), *([(drawn[0][0], drawn[1][4])] if drawn[0] and drawn[2] else [])])


@bounded(30)
@given(
    picks=st.one_of(picked(ATELIERS), *(picked(MADE_PER_EXAMPLE + OTHERS + ATELIERS),) * 3),  # some merges go through
    output=st.sampled_from(OUTPUTS),
    noise=st.binary(max_size=2048),
    cut_at=st.integers(0, 6_000_000),
)
# Reached seldom by the draws: a GeoPackage that is not an atelier, an atelier cut short, SQLite's header on noise
@example(picks=[("plain.gpkg", SPELLINGS[0]), ("a.gpkg", SPELLINGS[0])], output=OUTPUTS[0], noise=b"", cut_at=0)
@example(picks=[("cut.gpkg", SPELLINGS[0]), ("a.gpkg", SPELLINGS[1])], output=OUTPUTS[0], noise=b"", cut_at=1024)
@example(picks=[("cut.gpkg", SPELLINGS[0]), ("a.gpkg", SPELLINGS[1])], output=OUTPUTS[0], noise=b"", cut_at=3_000_000)
@example(
    picks=[("noise.gpkg", SPELLINGS[0]), ("a.gpkg", SPELLINGS[0])],
    output=OUTPUTS[0],
    noise=b"SQLite format 3\x00" + bytes(range(256)) * 4,
    cut_at=0,
)
def test_a_merge_of_any_files_merges_or_refuses_with_a_message_and_changes_no_input(
    files, picks, output, noise, cut_at
):
    (files / "noise.gpkg").write_bytes(noise)
    (files / "cut.gpkg").write_bytes((files / "a.gpkg").read_bytes()[:cut_at])
    inputs = [spelling.format(folder=files, name=name) for name, spelling in picks]
    given_files = [Path(path) for path in inputs]
    before = digests(given_files)

    try:
        summary = merge_ateliers(inputs, files / output)
    except AtelierError as error:
        assert str(error).strip(), "a refusal says why"
    else:
        assert open_atelier(summary.path, upgrade=False).metadata.schema_version > 0

    assert digests(given_files) == before


def test_an_atelier_copied_under_another_name_is_merged_without_a_byte_changed(created_atelier, tmp_path):
    """Found by the property test: its stored project, naming the old name, was rewritten by the merge."""
    first = created_atelier(tmp_path / "a.gpkg").path
    renamed = shutil.copyfile(first, tmp_path / "copie de a.gpkg")
    before = digests([first, renamed])

    merge_ateliers([renamed, first], tmp_path / "merged.gpkg")

    assert digests([first, renamed]) == before


@bounded(25)
@given(
    metadata=st.dictionaries(
        st.sampled_from(["SCHEMA_VERSION", "CRS", "TERRITORY", "TITLE", "CREATED_AT"]),
        st.one_of(st.integers(-(2**70), 2**70).map(str), st.text(max_size=12)),
        max_size=3,
    ),
    changes=st.lists(st.tuples(st.integers(0, 5_200_000), st.binary(min_size=1, max_size=16)), max_size=3),
)
@example(metadata={"SCHEMA_VERSION": "11"}, changes=[])  # an older schema's label on a current atelier
@example(metadata={"CRS": "EPSG:999999"}, changes=[])
def test_an_atelier_with_any_metadata_or_bytes_changed_opens_or_is_refused_untouched(files, metadata, changes):
    """``open_atelier`` of a newer schema, damaged metadata or pages: an atelier, or a refusal with a message."""
    path = files / "opened" / "a.gpkg"  # its own name: opening it rewrites nothing of an atelier as it was made
    path.parent.mkdir(exist_ok=True)
    shutil.copyfile(files / "a.gpkg", path)
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "UPDATE atelier_metadata SET value = ? WHERE key = ?", [(v, k) for k, v in metadata.items()]
        )
    connection.close()
    data = bytearray(path.read_bytes())
    for at, replaced in changes:
        data[at : at + len(replaced)] = replaced
    path.write_bytes(bytes(data))
    before = digests([path])

    try:
        open_atelier(path)
    except AtelierError as error:
        assert str(error).strip(), "a refusal says why"
        assert digests([path]) == before
