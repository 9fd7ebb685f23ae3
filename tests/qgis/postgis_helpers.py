"""What both files of the shared ateliers' tests in PostGIS share: the repository's folder, a database's name."""

from __future__ import annotations

from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def name_of(database: str) -> str:
    return database.rsplit("/", 1)[1]
