"""Opening an atelier in any store, an older one brought up to the current schema first, a renamed one's
stored project made to name it again."""

from __future__ import annotations

import os

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.communes import fill_communes
from bassee_atelier_plugin.core.atelier.deleted import keep_journalled_deletions
from bassee_atelier_plugin.core.model.schema import SCHEMA_VERSION
from bassee_atelier_plugin.core.presentation.project import PROJECT_NAME, write_presentation
from bassee_atelier_plugin.core.stores.registry import store_for

FIRST_COMMUNES_SCHEMA = 10
FIRST_DELETED_SCHEMA = 12  # the first whose deleted stakes and sketches are kept in tables


def open_atelier(location: str | os.PathLike, upgrade: bool = True, repoint: bool = True) -> Atelier:
    """The atelier at ``location`` (a file, a ``postgresql://`` address); an older one is upgraded after a backup.

    With ``upgrade`` and ``repoint``, the stored project of an atelier renamed, moved or copied
    since it was written is made to name it where it is, so that a plain QGIS opening it finds
    its layers; a read-only one is left as it is, and read right all the same (see
    presentation.moved_sources). A merge's sources are opened without: it only reads them.
    """
    store = store_for(location)
    metadata = store.read_metadata()
    metadata.require_readable(store.name)
    backup = None
    if metadata.schema_version < SCHEMA_VERSION and upgrade:
        before_communes = metadata.schema_version < FIRST_COMMUNES_SCHEMA
        before_deleted = metadata.schema_version < FIRST_DELETED_SCHEMA
        backup, added_tables = store.upgrade(metadata)
        metadata = store.read_metadata()
        if before_communes:  # schema 10 added the column: the features' communes are computed once
            fill_communes(Atelier(store, metadata, read_only=False))
        if before_deleted:  # schema 12 added their tables: what the journal says was deleted goes there
            with Atelier(store, metadata, read_only=False).dataset(update=True) as dataset:
                keep_journalled_deletions(dataset)
        if added_tables:  # new layers get their default style and a place in the stored project
            write_presentation(Atelier(store, metadata, read_only=False), tables=added_tables)
    read_only = store.is_read_only()
    if upgrade and repoint and not read_only and store.moved_sources(PROJECT_NAME):
        store.repoint_projects()
    return Atelier(store, metadata, read_only, backup)
