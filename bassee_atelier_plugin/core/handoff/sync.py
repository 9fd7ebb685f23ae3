"""One atelier brought into another by the merge's rules, whatever their stores: push, pull, GeoPackage copies.

A team's shared atelier and a planner's GeoPackage meet here: a push brings the file into
the shared atelier, a pull the shared atelier into a file (made if missing). Each is one
merge, so pushing or pulling again changes nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from osgeo import gdal

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.communes import update_communes
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.handoff.merge import Merger, MergeSummary
from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.model.action_sheets import VIEW as ACTION_SHEETS_VIEW
from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME
from bassee_atelier_plugin.core.presentation.project import write_presentation
from bassee_atelier_plugin.core.replacing import put_in_place
from bassee_atelier_plugin.core.stores.ogr_tables import NOT_LAYERS
from bassee_atelier_plugin.toolbelt.i18n import tr

STAGING_PREFIX = ".merge-"  # a merge's private folder beside its output, gone when it ends
RESERVED_PREFIXES = ("gpkg", "sqlite_", "rtree_", "pg_")  # the names GeoPackage, SQLite and PostgreSQL keep
ABANDONED_AFTER_S = 6 * 3600  # no merge takes that long: a staging folder this old was left by a killed one


def push(geopackage: str | os.PathLike, address: str) -> MergeSummary:
    """Bring a GeoPackage atelier into the shared one, by the merge's rules (UUIDs, journals, conflicts).

    One transaction on the server: a push that fails leaves the shared atelier as it was.
    """
    shared = open_atelier(address)
    return merge_into(open_atelier(geopackage), shared)  # an older file is upgraded first, after a backup


def pull(address: str, geopackage: str | os.PathLike) -> MergeSummary:
    """Bring the shared atelier into a GeoPackage: a new one, or an existing one merged by the same rules."""
    shared = open_atelier(address)
    path = Path(geopackage).absolute()
    created = not path.exists()
    try:
        if created:
            target = _created_like(shared, path)
        else:
            target = open_atelier(path)
        return merge_into(shared, target)
    except BaseException:
        if created:
            path.unlink(missing_ok=True)  # a failed pull into a new file leaves no file
        raise


def merge_into(source: Atelier, target: Atelier) -> MergeSummary:
    """Merge ``source`` into ``target`` in one transaction, with the territory's layers ``target`` lacks."""
    summary = MergeSummary(target.path or target.name)
    with source.dataset() as source_dataset, target.dataset(update=True) as target_dataset:
        merger = Merger(target_dataset, target.store.label, target.metadata.crs, summary)
        merger.merge(source_dataset, source.store.label)
        copied = copy_context_layers(source_dataset, target_dataset, target, summary)
        # a feature merged field by field may hold one side's geometry and the other's communes
        summary.warnings += update_communes(target_dataset, target.store, merger.field_merged)
    if copied:
        write_presentation(target, copied)
    return summary


def geopackage_copy(atelier: Atelier, target: Path) -> None:
    """The atelier as a GeoPackage at ``target``: its store's own copy if it can, else a new file merged from it."""
    if not atelier.store.write_copy(target):
        merge_into(atelier, _created_like(atelier, target))


def _created_like(atelier: Atelier, location: str | os.PathLike) -> Atelier:
    """A new, empty atelier at ``location`` with the same title, territory, licence, language… as ``atelier``."""
    described = {name: value for name, value in asdict(atelier.metadata).items() if name != "schema_version"}
    return create_atelier(location, **described)


def copy_context_layers(source, target, atelier: Atelier, summary: MergeSummary) -> list[str]:
    """Copy whole the territory's layers (communes, outline…) ``target`` lacks; return their names there.

    They are reference data, not the atelier's own features: no merge, no journal. Their names
    come from another atelier's file, anyhow spelt: one that is, in any case, the name of one of
    the atelier's own tables (or of SQLite's, GeoPackage's…) is never written to, and one that no
    QGIS layer source can hold is left out, each with a warning.
    """
    present = _layer_names(target)
    taken = {name.casefold() for name in (*TABLE_BY_NAME, *NOT_LAYERS, ACTION_SHEETS_VIEW, *present)}
    copied = []
    for index in range(source.GetLayerCount()):
        name = source.GetLayer(index).GetName()
        if name in TABLE_BY_NAME or name in NOT_LAYERS or name in present or name == ACTION_SHEETS_VIEW:
            continue  # the atelier's own, merged by its rules, or already there
        if name.casefold() in taken or name.casefold().startswith(RESERVED_PREFIXES) or not _is_plain(name):
            reason = tr("its name is taken by one of the atelier's tables, or holds '|' or control characters")
            summary.warnings.append(
                tr("The layer {layer} was not copied: {reason}.").format(layer=repr(name), reason=reason)
            )
            continue
        options = gdal.VectorTranslateOptions(
            layers=[name],
            layerName=name,
            dstSRS=atelier.metadata.crs,
            reproject=True,
            layerCreationOptions=atelier.store.layer_creation_options(),
        )
        try:
            translated = gdal.VectorTranslate(target, source, options=options)
        except RuntimeError as error:  # GDAL refuses some names (a GeoPackage's may not begin with ';')
            summary.warnings.append(
                tr("The layer {layer} was not copied: {reason}.").format(layer=repr(name), reason=str(error).strip())
            )
            continue
        if translated is None:
            raise AtelierError(tr("Could not copy the layer {layer}.").format(layer=name))
        made = _layer_names(target) - present  # a PostgreSQL store may have laundered the name
        present |= made
        taken |= {name.casefold() for name in made}
        copied += sorted(made)
    return copied


def _layer_names(dataset) -> set[str]:
    return {dataset.GetLayer(index).GetName() for index in range(dataset.GetLayerCount())}


def _is_plain(name: str) -> bool:
    """A layer name a QGIS data source keeps whole: no '|' (it ends the name there), no control character."""
    return bool(name.strip()) and "|" not in name and all(character.isprintable() for character in name)


def merge_ateliers(inputs: list[str | os.PathLike], output: str | os.PathLike) -> MergeSummary:
    """Merge the ateliers ``inputs`` into a new atelier at ``output``; the inputs are left as they were."""
    paths = [Path(path).absolute() for path in inputs]
    output = Path(output).absolute()
    _check_arguments(paths, output)
    # An older schema is upgraded first, after a backup; a renamed atelier is left naming its old name.
    ateliers = [open_atelier(path, repoint=False) for path in paths]
    _remove_abandoned_staging(output.parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output.parent))
    except OSError as error:
        raise AtelierError(tr("Cannot write in {folder}: {error}").format(folder=output.parent, error=error)) from error
    try:
        staged = staging / output.name  # the stored project finds its layers in a file of this very name
        geopackage_copy(ateliers[0], staged)
        summary = _merged_into_copy(ateliers, staged, MergeSummary(output))
        with open(staged, "rb") as merged:
            os.fsync(merged.fileno())  # on disk before it takes the output's name: SQLite did not sync it
        put_in_place(staged, output)
    except OSError as error:
        raise AtelierError(tr("Cannot write {path}: {error}").format(path=output, error=error.strerror)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _remove_abandoned_staging(folder: Path) -> None:
    """The staging folders of merges killed before they could clean up (a crash, a power cut).

    Only old ones: a merge running now in the same folder keeps its own.
    """
    for staging in folder.glob(f"{STAGING_PREFIX}*"):
        try:
            abandoned = staging.is_dir() and time.time() - staging.stat().st_mtime > ABANDONED_AFTER_S
        except OSError:
            continue  # gone meanwhile: its merge ended
        if abandoned:
            shutil.rmtree(staging, ignore_errors=True)


def _merged_into_copy(ateliers: list[Atelier], staged: Path, summary: MergeSummary) -> MergeSummary:
    """Merge ``ateliers[1:]`` into ``staged``, a copy of the first, and close it.

    Closed here, when the names holding it go: GDAL puts its feature-count triggers back as it
    closes a file, which must still be where it was (closed after the move, SQLite refused
    them, "attempt to write a readonly database", and the merged file went without).
    """
    staged_atelier = open_atelier(staged)
    with staged_atelier.dataset(update=True) as dataset:
        # A private file, thrown away if the merge fails and synced once before its move: SQLite
        # need not sync it at each commit, nor write its rollback journal beside it.
        dataset.ExecuteSQL("PRAGMA synchronous = OFF")
        dataset.ExecuteSQL("PRAGMA journal_mode = MEMORY")
        merger = Merger(dataset, ateliers[0].store.label, ateliers[0].metadata.crs, summary)
        for atelier in ateliers[1:]:
            with atelier.dataset() as source:
                merger.merge(source, atelier.store.label)
        summary.warnings += update_communes(dataset, staged_atelier.store, merger.field_merged)
    return summary


def _check_arguments(paths: list[Path], output: Path) -> None:
    if len(paths) < 2:
        raise AtelierError(tr("Give at least two ateliers to merge."))
    seen = set()
    for path in paths:
        if path.resolve() in seen:
            raise AtelierError(tr("{path} is given twice: each atelier is merged once.").format(path=path))
        seen.add(path.resolve())
    if output.suffix.lower() != ".gpkg":
        raise AtelierError(
            tr("{path}: the merged atelier is a GeoPackage, its name ends in .gpkg.").format(path=output)
        )
    if output.exists() and output.resolve() in seen:
        raise AtelierError(
            tr("{path} is one of the ateliers to merge: write the merge to a new file.").format(path=output)
        )
    if not output.parent.is_dir():
        raise AtelierError(
            tr("The folder {folder} does not exist: choose an existing folder for {file}.").format(
                folder=output.parent, file=output.name
            )
        )
