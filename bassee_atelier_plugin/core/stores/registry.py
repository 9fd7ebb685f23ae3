"""Which store an atelier's location names: the one place that knows every kind of store."""

from __future__ import annotations

import os

from bassee_atelier_plugin.core.stores.base import AtelierStore
from bassee_atelier_plugin.core.stores.geopackage.store import GeoPackageStore
from bassee_atelier_plugin.core.stores.postgis.store import PostgisStore

# Asked in this order: the GeoPackage takes whatever the others do not (a file name).
STORES: tuple[type[AtelierStore], ...] = (PostgisStore, GeoPackageStore)


def store_for(location: str | os.PathLike) -> AtelierStore:
    """The store of the atelier at ``location`` (a file name, a ``postgresql://`` address…), not yet opened."""
    kind = next(store for store in STORES if store.handles(str(location)))
    return kind(str(location))


def location_read_by(layer) -> str | None:
    """The location of the atelier the QGIS layer ``layer`` reads, if its source tells (a file's does)."""
    return next((location for store in STORES if (location := store.location_read_by(layer))), None)


def same_atelier(location: str | os.PathLike, other: str | os.PathLike) -> bool:
    """True when two locations name one atelier, however each is spelled."""
    first, second = store_for(location), store_for(other)
    if type(first) is not type(second):
        return False
    if first.file is not None:
        return first.file.resolve() == second.file.resolve()
    return first.location == second.location
