"""Site visits: observations with their photos inside the atelier, photo folders, itineraries.

Photos live in the GeoPackage itself (table ``attachments``), never in a folder beside it:
that is where users of comparable tools lose them. One photo is stored once, found by the
SHA-256 of its bytes. Every photo is taken in with its observation in one transaction, so
an import stopped half-way leaves whole photos or none.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import osr

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.reads import read_only
from bassee_atelier_plugin.core.atelier.writer import FeatureWriter, writer
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.stores.ogr_tables import sql_text
from bassee_atelier_plugin.core.visits.photos import (
    DEFAULT_MAX_MEGABYTES,
    DEFAULT_PREVIEW_PIXELS,
    Photo,
    PhotoError,
    photo_files,
    read_photo,
)
from bassee_atelier_plugin.toolbelt.i18n import tr

OBSERVATIONS, ATTACHMENTS, ITINERARIES = "observations", "attachments", "itineraries"
DEFAULT_JOIN_DISTANCE_M = 25.0  # photos taken this close together tell of one place


@dataclass
class PhotoImportReport:
    """What a folder import did, photo by photo."""

    observations_added: int = 0
    attachments_added: int = 0
    joined: int = 0  # photos added to an observation already there (or made earlier in the import)
    already_stored: list[Path] = field(default_factory=list)  # same bytes as a photo in the atelier
    unplaced: list[Path] = field(default_factory=list)  # readable, but no position: to place by hand
    failed: list[tuple[Path, str]] = field(default_factory=list)  # with the reason, for that file
    cancelled: bool = False

    def summary(self) -> str:
        return tr(
            "{observations} observation(s) and {attachments} photo(s) added; {duplicates} already in the atelier; "
            "{unplaced} without position; {failed} refused."
        ).format(
            observations=self.observations_added,
            attachments=self.attachments_added,
            duplicates=len(self.already_stored),
            unplaced=len(self.unplaced),
            failed=len(self.failed),
        )


class Wgs84ToAtelier:
    """Longitude/latitude (GPS, EXIF, GPX) to the atelier's projected CRS."""

    def __init__(self, atelier_crs: str):
        source, target = osr.SpatialReference(), osr.SpatialReference()
        source.ImportFromEPSG(4326)
        target.SetFromUserInput(atelier_crs)
        for reference in (source, target):
            reference.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)  # x = longitude
        self._transform = osr.CoordinateTransformation(source, target)

    def __call__(self, longitude: float, latitude: float) -> tuple[float, float]:
        """Refused, naming the position, where the atelier's projection does not reach (Lambert-93: the South Pole)."""
        try:
            x, y, _z = self._transform.TransformPoint(longitude, latitude)
        except RuntimeError:  # GDAL's exceptions on: "Point outside of projection domain"
            x = y = math.inf
        if not (math.isfinite(x) and math.isfinite(y)):
            raise AtelierError(
                tr("The position {latitude}, {longitude} lies outside what the atelier's map can show.").format(
                    latitude=latitude, longitude=longitude
                )
            )
        return x, y


# -- photos as attachments --------------------------------------------------------------------


def stored_photo(feature_writer: FeatureWriter, sha256: str) -> tuple[str, str] | None:
    """The attachment (uuid, feature it belongs to) holding these very bytes, if any."""
    layer = feature_writer.layer(ATTACHMENTS)
    layer.SetAttributeFilter(f"sha256 = '{sha256}'")  # a hex digest: nothing to quote
    feature = layer.GetNextFeature()
    layer.SetAttributeFilter(None)
    return (feature.GetField("uuid"), feature.GetField("feature_uuid")) if feature is not None else None


def attach_photo(feature_writer: FeatureWriter, feature_uuid: str, photo: Photo, keep_original: bool = True) -> str:
    """Store ``photo`` as an attachment of ``feature_uuid``; return the attachment's UUID.

    Without ``keep_original`` the display copy stands in for the file (a lighter atelier,
    and an export gives that copy back, not the original).
    """
    values = {
        "feature_uuid": feature_uuid,
        "file_name": photo.path.name,
        "mime_type": photo.mime_type if keep_original else "image/jpeg",
        "size_bytes": len(photo.content),
        "sha256": photo.sha256,
        "content": photo.content if keep_original else photo.preview,
        "preview": photo.preview,
        "original_kept": keep_original,
        "taken_at": photo.taken_at,
        "latitude": photo.latitude,
        "longitude": photo.longitude,
        "width": photo.width,
        "height": photo.height,
    }
    return feature_writer.insert(ATTACHMENTS, values, file=photo.path.name)


def observation_values(note: str | None, observed_at: str | None, accuracy_m: float | None, group_uuid=None) -> dict:
    values = {"note": note, "observed_at": observed_at, "accuracy_m": accuracy_m, "group_uuid": group_uuid}
    return {key: value for key, value in values.items() if value is not None}


def session_photos(atelier: Atelier, session_uuid: str | None) -> list[tuple[str, str, bytes | None]]:
    """(uuid, file name, display copy) of the photos of a session's observations, in the order taken in."""
    with read_only(atelier) as connection:
        return connection.execute(
            f"SELECT a.uuid, a.file_name, a.preview FROM {ATTACHMENTS} a JOIN {OBSERVATIONS} o"
            " ON o.uuid = a.feature_uuid WHERE o.session_uuid IS NOT DISTINCT FROM ?"  # nosec B608 # constant tables
            " ORDER BY o.fid, a.fid",
            (session_uuid,),
        )


def export_attachment(atelier: Atelier, attachment_uuid: str, target: Path) -> Path:
    """Write an attachment back to a file (into ``target`` if it is a folder); return the file written."""
    with writer(atelier) as feature_writer:
        values, _ = feature_writer.read(ATTACHMENTS, attachment_uuid)
    target = Path(target)
    if target.is_dir():
        target = target / Path(values["file_name"]).name  # a stored name never chooses the folder
    try:
        target.write_bytes(values["content"])
    except OSError as error:
        raise AtelierError(tr("Cannot write {path}: {error}").format(path=target, error=error)) from error
    return target


# -- a folder of geotagged photos -------------------------------------------------------------


def require_session(atelier: Atelier, session_uuid: str) -> None:
    """Refuse, with the sessions there are, a session UUID the atelier does not have."""
    with atelier.dataset() as dataset:
        layer = dataset.GetLayerByName("sessions")
        sessions = {feature.GetField("uuid"): feature.GetField("title") for feature in layer}
    if session_uuid not in sessions:
        known = "; ".join(f"{uuid} ({title})" for uuid, title in sessions.items()) or tr("none yet")
        raise AtelierError(
            tr("{atelier} has no session {session}. Its sessions: {known}.").format(
                atelier=atelier.name, session=session_uuid, known=known
            )
        )


def import_photo_folder(
    atelier: Atelier,
    folder: Path,
    session_uuid: str | None,
    author: str | None = None,
    join_distance_m: float = DEFAULT_JOIN_DISTANCE_M,
    keep_originals: bool = True,
    preview_pixels: int = DEFAULT_PREVIEW_PIXELS,
    max_megabytes: float = DEFAULT_MAX_MEGABYTES,
    progress: Callable[[int, int, Path], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
    group_uuid: str | None = None,
) -> PhotoImportReport:
    """Make observations of the geotagged photos of ``folder``, in the session ``session_uuid``.

    New observations belong to the group ``group_uuid`` (a car, a team) when one is given.
    A photo within ``join_distance_m`` of an observation of the session joins it; a photo
    already in the atelier is skipped; one without position is listed in ``unplaced``.
    ``progress(done, total, path)`` is called before each photo, ``cancelled()`` between them.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise AtelierError(tr("{folder} is not an existing folder.").format(folder=folder))
    files = photo_files(folder)
    report = PhotoImportReport()
    to_atelier = Wgs84ToAtelier(atelier.metadata.crs)
    options = _ImportOptions(join_distance_m, keep_originals, preview_pixels, max_megabytes, group_uuid)
    with writer(atelier, author, session_uuid) as feature_writer:
        for done, path in enumerate(files):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, len(files), path)
            _import_one(feature_writer, path, report, to_atelier, options)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), folder)
    return report


@dataclass(frozen=True)
class _ImportOptions:
    join_distance_m: float
    keep_originals: bool
    preview_pixels: int
    max_megabytes: float
    group_uuid: str | None


def _import_one(
    feature_writer: FeatureWriter,
    path: Path,
    report: PhotoImportReport,
    to_atelier: Wgs84ToAtelier,
    options: _ImportOptions,
) -> None:
    try:
        photo = read_photo(path, options.preview_pixels, options.max_megabytes)
    except PhotoError as error:
        report.failed.append((path, str(error)))
        return
    if stored_photo(feature_writer, photo.sha256) is not None:
        report.already_stored.append(path)
        return
    if not photo.has_position:
        report.unplaced.append(path)
        return
    x, y = to_atelier(photo.longitude, photo.latitude)
    with feature_writer.transaction():  # the observation and its photo, together or not at all
        observation = nearest_observation(feature_writer, x, y, options.join_distance_m)
        if observation is None:
            values = observation_values(None, photo.taken_at, photo.accuracy_m, options.group_uuid)
            observation = feature_writer.insert(OBSERVATIONS, values, f"POINT ({x} {y})", source="photo")
            report.observations_added += 1
        else:
            report.joined += 1
        attach_photo(feature_writer, observation, photo, options.keep_originals)
    report.attachments_added += 1


def nearest_observation(feature_writer: FeatureWriter, x: float, y: float, within_m: float) -> str | None:
    """The UUID of the session's observation nearest to (x, y), if one is within ``within_m``."""
    if within_m <= 0:
        return None
    layer = feature_writer.layer(OBSERVATIONS)
    layer.SetSpatialFilterRect(x - within_m, y - within_m, x + within_m, y + within_m)
    session = feature_writer.session_uuid
    layer.SetAttributeFilter("session_uuid IS NULL" if session is None else f"session_uuid = {sql_text(session)}")
    nearest, nearest_distance = None, within_m
    for feature in layer:
        point = feature.GetGeometryRef()
        distance = math.hypot(point.GetX() - x, point.GetY() - y)
        if distance <= nearest_distance:
            nearest, nearest_distance = feature.GetField("uuid"), distance
    layer.SetSpatialFilter(None)
    layer.SetAttributeFilter(None)
    return nearest
