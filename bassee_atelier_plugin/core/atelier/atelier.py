"""One atelier, opened: its metadata and a store, through which everything reads and writes it.

An :class:`Atelier` is what :func:`core.lifecycle.opening.open_atelier` and
:func:`core.lifecycle.creating.create_atelier` give. It does not know what kind of store
holds it: a GeoPackage file and a PostGIS schema answer the same calls (core/stores).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from osgeo import gdal, ogr

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.metadata import AtelierMetadata
from bassee_atelier_plugin.core.stores.base import AtelierStore
from bassee_atelier_plugin.core.stores.ogr_tables import NOT_LAYERS
from bassee_atelier_plugin.toolbelt.i18n import tr


class Atelier:
    """One atelier in its store: open it with ``open_atelier``, make one with ``create_atelier`` (core.lifecycle)."""

    def __init__(self, store: AtelierStore, metadata: AtelierMetadata, read_only: bool, backup: Path | None = None):
        self.store = store
        self.metadata = metadata
        self.read_only = read_only
        self.backup = backup  # the copy written before an upgrade, if this open upgraded the atelier

    @property
    def provider(self) -> str:
        """The QGIS data provider of the atelier's layers."""
        return self.store.provider

    @property
    def name(self) -> str:
        """How messages name the atelier: its file, or its address without a password."""
        return self.store.name

    @property
    def location(self) -> str:
        """What ``open_atelier`` takes to open this atelier again: its file, or its address (no password)."""
        return self.store.location

    @property
    def path(self) -> Path | None:
        """The file the atelier is, if its store is a file."""
        return self.store.file

    def add_context_layer(
        self,
        name: str,
        source: str | os.PathLike,
        source_layer: str | None = None,
        geometry_type: str = "PROMOTE_TO_MULTI",
    ) -> None:
        """Copy a layer of a vector file (its first, unless named) into the atelier, in the atelier's CRS."""
        source = Path(source)
        if not source.exists():
            raise AtelierError(tr("{path}: no such file.").format(path=source))
        try:
            source_dataset = gdal.OpenEx(str(source), gdal.OF_VECTOR)
        except RuntimeError as error:
            raise AtelierError(tr("{path} is not a vector file GDAL can read.").format(path=source)) from error
        layer = source_dataset.GetLayerByName(source_layer) if source_layer else source_dataset.GetLayer(0)
        if layer is None:
            raise AtelierError(tr("{path} has no layer {layer}.").format(path=source, layer=source_layer or ""))
        if layer.GetFeatureCount() == 0:
            raise AtelierError(tr("{path} holds no features.").format(path=source))
        if layer.GetSpatialRef() is None:
            raise AtelierError(tr("{path} has no coordinate reference system.").format(path=source))
        options = gdal.VectorTranslateOptions(
            layers=[layer.GetName()],
            layerName=name,
            dstSRS=self.metadata.crs,
            reproject=True,
            geometryType=geometry_type,
            accessMode="overwrite",
            layerCreationOptions=self.store.layer_creation_options(),
        )
        with self.dataset(update=True) as dataset:
            if gdal.VectorTranslate(dataset, source_dataset, options=options) is None:
                raise AtelierError(tr("Could not copy {path} into the atelier.").format(path=source))

    @contextmanager
    def dataset(self, update: bool = False) -> Iterator[gdal.Dataset]:
        """The atelier opened through OGR, closed (and flushed) on leaving the block."""
        if update and self.read_only:
            raise AtelierError(tr("{path} is read-only: nothing was changed.").format(path=self.name))
        dataset = self.store.open_dataset(update)
        try:
            yield dataset
        finally:
            self.store.before_closing(dataset, update)
            dataset = None  # noqa: F841 - dropping the last reference closes it

    def edit_dataset(self) -> gdal.Dataset:
        """A dataset kept open for a whole workshop of edits: opening the atelier for every click would cost."""
        if self.read_only:
            raise AtelierError(tr("{path} is read-only: it cannot be edited.").format(path=self.name))
        return self.store.open_edit_dataset()

    def layer_uri(self, table: str) -> str:
        """The source of a layer of ``table``, for :attr:`provider`."""
        return self.store.layer_uri(table)

    def table_names(self) -> list[str]:
        with self.dataset() as dataset:
            return [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]

    def layer_tables(self) -> list[str]:
        """The tables QGIS shows as layers: not those where QGIS or the plugin keep their own things."""
        return [table for table in self.table_names() if table not in NOT_LAYERS]

    def counts(self) -> dict[str, int]:
        with self.dataset() as dataset:
            return {
                dataset.GetLayer(i).GetName(): dataset.GetLayer(i).GetFeatureCount()
                for i in range(dataset.GetLayerCount())
                if dataset.GetLayer(i).GetName() not in NOT_LAYERS
            }

    def extent(self) -> tuple[float, float, float, float] | None:
        """The bounding box of every spatial layer that has features, in the atelier's CRS."""
        boxes = []
        with self.dataset() as dataset:
            for i in range(dataset.GetLayerCount()):
                layer = dataset.GetLayer(i)
                if layer.GetGeomType() != ogr.wkbNone and layer.GetFeatureCount() > 0:
                    xmin, xmax, ymin, ymax = layer.GetExtent()
                    boxes.append((xmin, ymin, xmax, ymax))
        if not boxes:
            return None
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def summary(self) -> dict:
        """What ``info`` prints: plain JSON-able values only."""
        return {
            "path": self.name,
            "schema_version": self.metadata.schema_version,
            "title": self.metadata.title,
            "territory": self.metadata.territory,
            "crs": self.metadata.crs,
            "read_only": self.read_only,
            "counts": self.counts(),
            "extent": self.extent(),
        }


def thesaurus_terms(atelier: Atelier, name: str) -> list[dict[str, str]]:
    """The terms of one of the atelier's lists, as the territory edited them, in order."""
    table = f"thesaurus_{name}"
    with atelier.dataset() as dataset:
        layer = dataset.GetLayerByName(table)
        if layer is None:
            raise AtelierError(tr("{path} has no list {name}.").format(path=atelier.name, name=name))
        rows = [
            {key: feature.GetField(key) for key in ("code", "label_fr", "label_en", "colour", "position")}
            for feature in layer
        ]
    return sorted(rows, key=lambda row: row["position"])
