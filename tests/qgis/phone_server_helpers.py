"""What both files of the phones' server's tests share: the sample atelier, servers on it, what phones send."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.qgis.phone import call, running_phone_server, sample_copy


@pytest.fixture
def atelier_file(qgis_app, tmp_path) -> Path:
    return sample_copy(tmp_path)


@pytest.fixture(scope="module")
def room(qgis_app, tmp_path_factory):
    """One server for the tests that only read, or are refused: starting one costs a map rendering."""
    with running_phone_server(sample_copy(tmp_path_factory.mktemp("room"))) as running:
        yield running


@pytest.fixture
def phones(atelier_file):
    with running_phone_server(atelier_file) as running:
        yield running


def centre(running) -> tuple[float, float]:
    xmin, ymin, xmax, ymax = call(running.url + "api/view")[2]["map"]["extent"]
    return (xmin + xmax) / 2, (ymin + ymax) / 2


def contribution(running, **fields) -> dict:
    x, y = centre(running)
    return {"x": x, "y": y, "theme": "eau_risques", "title": "Crue de 2018", **fields}


def stake_rows(path: Path, where: str = "1") -> list[dict]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(f"SELECT * FROM stakes_point WHERE {where}")]


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
