"""Making a new atelier in any store: its tables, its territory, then its styles and stored project."""

from __future__ import annotations

import os

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.model.metadata import AtelierMetadata
from bassee_atelier_plugin.core.model.schema import COMMUNES_TABLE
from bassee_atelier_plugin.core.presentation.project import write_presentation
from bassee_atelier_plugin.core.stores.ogr_tables import spatial_reference
from bassee_atelier_plugin.core.stores.registry import store_for


def create_atelier(
    location: str | os.PathLike,
    territory: str,
    crs: str = "EPSG:2154",
    communes: str | os.PathLike | None = None,
    force: bool = False,
    title: str | None = None,
    **described: str,
) -> Atelier:
    """Create an empty atelier at ``location`` (a .gpkg file, a ``postgresql://`` address), all at once or not at all.

    Whatever was at ``location`` is untouched unless the new atelier is whole (and ``force``
    says a file may be replaced).
    """
    metadata = AtelierMetadata.new(territory, crs, title, **described)
    reference = spatial_reference(crs)
    store = store_for(location)
    with store.creation(force) as staged:
        staged.create_tables(metadata, reference)
        atelier = Atelier(staged, metadata, read_only=False)
        if communes is not None:
            atelier.add_context_layer(COMMUNES_TABLE, communes)
        write_presentation(atelier)
    return Atelier(store, metadata, read_only=False)
