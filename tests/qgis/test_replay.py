"""The replay: the stored project on QGIS's time line, read by a bare QgsProject, and the GIF of a session."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PIL import Image, ImageChops, ImageSequence
from qgis.core import (
    QgsDateTimeRange,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsMapSettings,
    QgsProject,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.deliverables.replay import FRAME_MS, LAST_FRAME_MS, export_replay
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.project import project_uri, write_presentation
from bassee_atelier_plugin.core.presentation.snapshot import render_image
from tests.conftest import SAMPLE_DATA, instant

WORKSHOP = "Atelier : quelle attractivité pour la Bassée-Montois ?"
RESTITUTION = "Restitution : feuille de route partenariale"


@pytest.fixture
def sample(qgis_app, tmp_path) -> Atelier:
    """The sample atelier, its first drawn stake point deleted, and its project written again."""
    path = shutil.copy(SAMPLE_DATA / "bassee_montois_atelier.gpkg", tmp_path / "bassee_montois_atelier.gpkg")
    atelier = open_atelier(path)
    uuid = query(atelier, "SELECT uuid FROM stakes_point ORDER BY created_at LIMIT 1")[0][0]
    with writer(atelier, author="test") as feature_writer:
        feature_writer.delete("stakes_point", uuid)
    write_presentation(atelier, tables=[])  # the committed sample's project predates the replay
    return atelier


def query(atelier: Atelier, sql: str) -> list[tuple]:
    with sqlite3.connect(atelier.path) as connection:
        return connection.execute(sql).fetchall()


def at(stored: str, seconds: int = 0) -> QDateTime:
    """A journal time, ``seconds`` later, as QGIS reads the atelier's times: UTC digits, no zone."""
    moment = instant(stored)
    return QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)).addSecs(seconds)


def shown_at(layer, moment: QDateTime) -> int:
    """How many features of ``layer`` QGIS's temporal filter keeps at ``moment``."""
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    condition = layer.temporalProperties().createFilterString(context, QgsDateTimeRange(moment, moment))
    return len(list(layer.getFeatures(QgsFeatureRequest(QgsExpression(condition)))))


def bare_project(atelier: Atelier) -> QgsProject:
    project = QgsProject()
    assert project.read(project_uri(atelier))
    return project


def test_a_bare_qgis_shows_each_stake_from_the_minute_it_was_drawn(sample):
    project = bare_project(sample)
    layer = next(layer for layer in project.mapLayers().values() if layer_table(layer) == "stakes_point")
    assert layer.temporalProperties().isActive()
    for created in [row[0] for row in query(sample, "SELECT created_at FROM stakes_point")]:
        assert shown_at(layer, at(created, -60)) < shown_at(layer, at(created, 30))
    assert project.timeSettings().timeStep() == 1


def test_a_bare_qgis_replays_a_deleted_stake_from_its_creation_until_its_deletion(sample):
    gone, created, deleted = query(
        sample,
        "SELECT feature_uuid, json_extract(details, '$.created_at'), created_at FROM journal "
        "WHERE operation = 'delete' AND table_name = 'stakes_point' ORDER BY created_at DESC LIMIT 1",  # the fixture's
    )[0]
    project = bare_project(sample)
    [layer] = [layer for layer in project.mapLayers().values() if layer_table(layer) == "deleted_stakes_point"]
    withdrawn = query(sample, "SELECT uuid FROM deleted_stakes_point")  # the sample's own, and the fixture's
    assert layer.isValid() and layer.temporalProperties().isActive() and layer.featureCount() == len(withdrawn) == 2
    assert [shown_at(layer, at(created, -60)), shown_at(layer, at(created, 30)), shown_at(layer, at(deleted, 60))] == [
        0,
        1,
        0,
    ]
    # rendered: drawn on the time line between the two, never on a map without one
    settings = QgsMapSettings()
    settings.setOutputSize(QSize(200, 200))
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    [feature] = layer.getFeatures(QgsFeatureRequest(QgsExpression(f"uuid = '{gone}'")))
    settings.setExtent(feature.geometry().boundingBox().buffered(500))
    blank = render_image(settings)
    assert [canvas_render(settings, moment) != blank for moment in (None, at(created, 30), at(deleted, 60))] == [
        False,
        True,
        False,
    ]


def canvas_render(settings: QgsMapSettings, moment: QDateTime | None):
    """Render as QGIS's map canvas does, on its time line at ``moment`` if given: with the map's variables."""
    settings.setIsTemporal(moment is not None)
    if moment is not None:
        settings.setTemporalRange(QgsDateTimeRange(moment, moment))
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    settings.setExpressionContext(context)
    return render_image(settings)


def frames_of(path) -> tuple[list[Image.Image], list[int]]:
    with Image.open(path) as gif:
        frames = [(frame.convert("RGB"), frame.info["duration"]) for frame in ImageSequence.Iterator(gif)]
    return [frame for frame, _ in frames], [duration for _, duration in frames]


def test_the_replay_of_a_session_has_a_frame_per_busy_journal_minute(sample, tmp_path):
    session_uuid = query(sample, f"SELECT uuid FROM sessions WHERE title = '{WORKSHOP}'")[0][0]
    minutes = query(
        sample,
        "SELECT COUNT(DISTINCT substr(j.created_at, 1, 16)) FROM journal j JOIN gpkg_geometry_columns g "
        f"ON g.table_name = j.table_name WHERE j.session_uuid = '{session_uuid}' "
        "AND j.operation IN ('create', 'delete', 'restore')",
    )[0][0]
    written = export_replay(sample, WORKSHOP.upper(), tmp_path / "replay.gif")
    frames, durations = frames_of(written.path)
    assert len(frames) == written.frames == minutes > 1
    assert durations == [FRAME_MS] * (minutes - 1) + [LAST_FRAME_MS]
    band = frames[0].height // 9  # the title and the clock
    map_area = (0, band, frames[0].width, frames[0].height)
    assert ImageChops.difference(frames[0].crop(map_area), frames[-1].crop(map_area)).getbbox() is not None
    assert ImageChops.difference(
        frames[0].crop((0, 0, frames[0].width, band)), frames[1].crop((0, 0, frames[0].width, band))
    ).getbbox()


def test_many_features_in_one_minute_make_one_frame(sample, tmp_path):
    session_uuid = query(sample, f"SELECT uuid FROM sessions WHERE title = '{RESTITUTION}'")[0][0]
    with writer(sample, author="test", session_uuid=session_uuid) as feature_writer:
        for index in range(40):
            at_second = f"2017-10-12T10:15:{index % 60:02d}.000Z"
            point = f"POINT({715000 + index * 100} 6813000)"
            feature_writer.insert("stakes_point", {"theme": "agriculture", "created_at": at_second}, point)
    written = export_replay(sample, session_uuid, tmp_path / "restitution.gif")
    assert written.frames == len(frames_of(written.path)[0]) == 1


def test_a_session_with_no_journal_entries_makes_an_empty_replay_that_says_so(sample, tmp_path):
    written = export_replay(sample, RESTITUTION, tmp_path / "restitution.gif")
    assert written.frames == 1 and "no journal entries" in written.warnings[0]


def test_an_unknown_session_is_refused_with_the_sessions_there_are(sample, tmp_path):
    with pytest.raises(AtelierError, match=f"no session Séance 9.*{RESTITUTION}"):
        export_replay(sample, "Séance 9", tmp_path / "replay.gif")
    assert not (tmp_path / "replay.gif").exists()
