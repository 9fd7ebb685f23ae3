"""Site visits on real files: JPEGs made here with the EXIF a phone writes, a real atelier GeoPackage."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from osgeo import ogr
from PIL import Image
from pyproj import Transformer
from qgis.core import QgsGeometry, QgsPointXY

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.editing.live import LiveEditor
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.visits.observations import (
    export_attachment,
    import_photo_folder,
    require_session,
    session_photos,
)
from bassee_atelier_plugin.core.visits.photos import PhotoError, read_photo
from tests.conftest import instant
from tests.photos import geotagged_jpeg

BRAY = (48.4148, 3.2378)  # latitude, longitude: Bray-sur-Seine
BALLOY = (48.3985, 3.1475)
TO_LAMBERT_93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
JANUARY_VISIT = datetime(2017, 1, 26, 9, 15, 0)  # UTC


def rows(path: Path, table: str, order: str = "fid") -> list[dict]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY {order}')]


def point_of(path: Path, table: str, uuid: str) -> tuple[float, float]:
    """The feature's point, or the south-west corner of its line, read through OGR."""
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName(table)
    layer.SetAttributeFilter(f"uuid = '{uuid}'")
    feature = layer.GetNextFeature()  # kept: the geometry belongs to it
    xmin, _xmax, ymin, _ymax = feature.GetGeometryRef().GetEnvelope()
    return xmin, ymin


def metres_east(latitude_longitude: tuple[float, float], metres: float) -> tuple[float, float]:
    latitude, longitude = latitude_longitude
    return latitude, longitude + metres / 73_900  # a degree of longitude is about 73.9 km at 48.4° N


@pytest.fixture
def folder(tmp_path) -> Path:
    """A phone's day: three geotagged photos (two at Bray, 8 m apart; one at Balloy), one without position."""
    photos = tmp_path / "photos"
    photos.mkdir()
    geotagged_jpeg(photos / "IMG_0001.jpg", *BRAY, gps_time=JANUARY_VISIT, seed=1, accuracy_m=4.5)
    geotagged_jpeg(photos / "IMG_0002.jpg", *metres_east(BRAY, 8), gps_time=JANUARY_VISIT, seed=2)
    geotagged_jpeg(photos / "IMG_0003.jpg", *BALLOY, camera_time="2017:01:26 11:40:00", seed=3)
    geotagged_jpeg(photos / "IMG_0004.jpg", seed=4)  # no EXIF position, no time
    (photos / "notes.txt").write_text("pas une photo", encoding="utf-8")
    return photos


# -- reading one photo ---------------------------------------------------------------------------


def test_a_photo_gives_its_position_time_size_and_a_display_copy(tmp_path):
    path = geotagged_jpeg(tmp_path / "a.jpg", *BRAY, gps_time=JANUARY_VISIT, size=(2400, 1800), accuracy_m=4.5)

    photo = read_photo(path, preview_pixels=600)

    assert photo.latitude == pytest.approx(BRAY[0], abs=1e-6)
    assert photo.longitude == pytest.approx(BRAY[1], abs=1e-6)
    assert photo.accuracy_m == pytest.approx(4.5)
    assert photo.taken_at == "2017-01-26T09:15:00.000Z"
    assert (photo.width, photo.height, photo.mime_type) == (2400, 1800, "image/jpeg")
    assert photo.content == path.read_bytes()
    assert photo.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with Image.open(io.BytesIO(photo.preview)) as preview:
        assert preview.format == "JPEG" and max(preview.size) == 600


def test_a_camera_time_without_offset_is_french_time(tmp_path):
    winter = read_photo(geotagged_jpeg(tmp_path / "w.jpg", camera_time="2017:01:26 11:40:00"))
    summer = read_photo(geotagged_jpeg(tmp_path / "s.jpg", camera_time="2017:06:26 11:40:00"))

    assert winter.taken_at == "2017-01-26T10:40:00.000Z"
    assert summer.taken_at == "2017-06-26T09:40:00.000Z"
    assert not winter.has_position


def test_bad_photo_files_each_get_a_message_naming_them(tmp_path):
    whole = geotagged_jpeg(tmp_path / "whole.jpg", *BRAY).read_bytes()
    (tmp_path / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "IMG_2001.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(200))
    (tmp_path / "big.jpg").write_bytes(whole + bytes(50_000_000))  # 50 MB: a JPEG, padded

    expected = {"cut.jpg": "truncated or damaged", "IMG_2001.HEIC": "HEIC", "big.jpg": "too large (50 MB"}
    for name, words in expected.items():
        with pytest.raises(PhotoError, match=name.replace(".", r"\.")) as refusal:
            read_photo(tmp_path / name)
        assert words in str(refusal.value)


# -- importing a folder --------------------------------------------------------------------------


def test_a_folder_becomes_observations_joined_by_distance_and_reprojected(visit, folder):
    atelier, session = visit

    report = import_photo_folder(atelier, folder, session, author="Claire", join_distance_m=25)

    assert (report.observations_added, report.attachments_added, report.joined) == (2, 3, 1)
    assert [path.name for path in report.unplaced] == ["IMG_0004.jpg"]
    assert report.failed == [] and report.already_stored == []
    observations = rows(atelier.path, "observations")
    assert [row["session_uuid"] for row in observations] == [session, session]
    assert [row["author"] for row in observations] == ["Claire", "Claire"]
    bray, balloy = observations
    assert instant(bray["observed_at"]) == instant("2017-01-26T09:15:00Z") and bray["accuracy_m"] == pytest.approx(4.5)
    assert instant(balloy["observed_at"]) == instant("2017-01-26T10:40:00Z")
    for row, (latitude, longitude) in ((bray, BRAY), (balloy, BALLOY)):
        assert point_of(atelier.path, "observations", row["uuid"]) == pytest.approx(
            TO_LAMBERT_93.transform(longitude, latitude), abs=0.01
        )
    attachments = rows(atelier.path, "attachments")
    assert [row["file_name"] for row in attachments] == ["IMG_0001.jpg", "IMG_0002.jpg", "IMG_0003.jpg"]
    assert [row["feature_uuid"] for row in attachments] == [bray["uuid"], bray["uuid"], balloy["uuid"]]
    for row in attachments:
        assert row["content"] == (folder / row["file_name"]).read_bytes()
        assert row["sha256"] == hashlib.sha256(row["content"]).hexdigest()
        assert row["size_bytes"] == len(row["content"]) and row["original_kept"] == 1
        assert row["preview"][:2] == b"\xff\xd8" and row["mime_type"] == "image/jpeg"
    journal = [(row["operation"], row["table_name"]) for row in rows(atelier.path, "journal")]
    assert journal.count(("create", "attachments")) == 3 and journal.count(("create", "observations")) == 2
    assert [row["title"] for row in rows(atelier.path, "stakes_point")] == ["Crue de 2016"]


def test_the_photos_of_a_session_come_with_their_display_copies_in_order(visit, folder):
    atelier, session = visit
    import_photo_folder(atelier, folder, session)

    photos = session_photos(atelier, session)

    assert [name for _uuid, name, _preview in photos] == ["IMG_0001.jpg", "IMG_0002.jpg", "IMG_0003.jpg"]
    assert all(preview[:2] == b"\xff\xd8" for _uuid, _name, preview in photos)
    assert session_photos(atelier, "another-session") == []


def test_the_same_photos_imported_twice_are_stored_once(visit, folder):
    atelier, session = visit
    import_photo_folder(atelier, folder, session)

    again = import_photo_folder(atelier, folder, session)

    assert (again.observations_added, again.attachments_added) == (0, 0)
    assert sorted(path.name for path in again.already_stored) == ["IMG_0001.jpg", "IMG_0002.jpg", "IMG_0003.jpg"]
    assert len(rows(atelier.path, "attachments")) == 3


def test_without_join_distance_every_photo_is_its_own_observation_of_the_group(visit, folder):
    atelier, session = visit
    with writer(atelier) as edits:
        car = edits.insert("session_groups", {"name": "Voiture vallée", "session_uuid": session})
    report = import_photo_folder(atelier, folder, session, join_distance_m=0, group_uuid=car)
    assert (report.observations_added, report.joined) == (3, 0)
    assert [row["group_uuid"] for row in rows(atelier.path, "observations")] == [car] * 3


def test_bad_files_are_listed_and_the_others_imported(visit, folder):
    atelier, session = visit
    whole = (folder / "IMG_0001.jpg").read_bytes()
    (folder / "IMG_0000_cut.jpg").write_bytes(whole[:3000])
    (folder / "IMG_2001.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(200))

    report = import_photo_folder(atelier, folder, session)

    assert sorted(path.name for path, _reason in report.failed) == ["IMG_0000_cut.jpg", "IMG_2001.heic"]
    assert all(path.name in reason for path, reason in report.failed)
    assert report.attachments_added == 3
    assert "3 photo(s) added" in report.summary() and "2 refused" in report.summary()


def test_a_cancelled_import_keeps_whole_photos_only(visit, folder):
    atelier, session = visit
    seen = []

    report = import_photo_folder(
        atelier, folder, session, progress=lambda done, total, path: seen.append(done), cancelled=lambda: len(seen) >= 2
    )

    assert report.cancelled and report.attachments_added == 2
    assert len(rows(atelier.path, "attachments")) == 2
    with sqlite3.connect(atelier.path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = connection.execute(
            "SELECT count(*) FROM attachments WHERE feature_uuid NOT IN (SELECT uuid FROM observations)"
        ).fetchone()[0]
    assert orphans == 0


def test_an_unknown_session_or_folder_is_refused_clearly(visit, tmp_path):
    atelier, session = visit
    with pytest.raises(AtelierError, match="no session nope.*Arpentage de janvier"):
        require_session(atelier, "nope")
    with pytest.raises(AtelierError, match="not an existing folder"):
        import_photo_folder(atelier, tmp_path / "missing", session)


# -- attachments back to files ---------------------------------------------------------------------


def test_an_exported_attachment_has_the_same_bytes(visit, folder, tmp_path):
    atelier, session = visit
    import_photo_folder(atelier, folder, session)
    first = rows(atelier.path, "attachments")[0]
    out = tmp_path / "out"
    out.mkdir()

    written = export_attachment(atelier, first["uuid"], out)

    assert written == out / "IMG_0001.jpg"
    assert written.read_bytes() == (folder / "IMG_0001.jpg").read_bytes()


def test_without_originals_the_display_copy_stands_in(visit, folder, tmp_path):
    atelier, session = visit
    import_photo_folder(atelier, folder, session, keep_originals=False, preview_pixels=320)
    first = rows(atelier.path, "attachments")[0]

    assert first["original_kept"] == 0 and first["content"] == first["preview"]
    assert first["size_bytes"] == len((folder / "IMG_0001.jpg").read_bytes())  # what the file was
    assert export_attachment(atelier, first["uuid"], tmp_path / "copy.jpg").read_bytes() == first["preview"]


# -- observations and itineraries of the live editor ------------------------------------------------


def test_an_observation_with_photos_is_committed_at_once_and_undone_whole(visit, folder):
    atelier, session = visit
    editor = LiveEditor(atelier, author="Claire")
    editor.session_uuid = session
    photos = [read_photo(folder / "IMG_0001.jpg"), read_photo(folder / "IMG_0004.jpg")]
    x, y = TO_LAMBERT_93.transform(BRAY[1], BRAY[0])

    result = editor.add_observation(QgsGeometry.fromPointXY(QgsPointXY(x, y)), "  Vitrines vides  ", photos, True, 6.0)

    [observation] = rows(atelier.path, "observations")
    assert (observation["note"], observation["accuracy_m"], observation["session_uuid"]) == (
        "Vitrines vides",
        6.0,
        session,
    )
    assert instant(observation["observed_at"]) == instant("2017-01-26T09:15:00Z")  # the first photo with a time
    assert [row["feature_uuid"] for row in rows(atelier.path, "attachments")] == [result.uuid] * 2

    again = editor.add_observation(QgsGeometry.fromPointXY(QgsPointXY(x + 50, y)), None, photos[:1])
    assert any("IMG_0001.jpg is already in the atelier" in warning for warning in again.warnings)
    assert len(rows(atelier.path, "attachments")) == 2

    editor.undo()
    editor.undo()
    assert rows(atelier.path, "observations") == [] and rows(atelier.path, "attachments") == []
    editor.redo()
    assert [row["file_name"] for row in rows(atelier.path, "attachments")] == ["IMG_0001.jpg", "IMG_0004.jpg"]
    assert rows(atelier.path, "attachments")[0]["content"] == (folder / "IMG_0001.jpg").read_bytes()
    editor.close()
