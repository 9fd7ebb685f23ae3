"""Which stakes a map names: every one close up, on the territory view as many as the layer can show.

Rendered for real with the style stored in the file, as a QGIS without the plugin draws it, and
the labels QGIS placed are counted.
"""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPalLayerSettings,
    QgsRectangle,
    QgsRuleBasedLabeling,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QSize

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.presentation.symbology import ALL_LABELS_UP_TO, fit_labels_to_size

TERRITORY = QgsRectangle(698_000, 6_807_000, 731_000, 6_827_000)  # about 1:70,000 at 1920x1080
COMMUNE = QgsRectangle(714_000, 6_812_000, 718_000, 6_815_000)  # about 1:11,000


@pytest.fixture
def atelier(created_atelier, tmp_path):
    return created_atelier(tmp_path / "a.gpkg", communes=True)


DECIDED = {"Enjeu 0", "Enjeu 200", "Enjeu 400"}  # retained and voted for by many: far apart on the territory


def add_stakes(atelier, count: int, spread: bool = False) -> None:
    """``count`` stakes in rows of 40 in the commune's frame, or (``spread``) rows of 6 over the territory."""
    grid = (6, 5_000, 3_500, 700_000, 6_809_000) if spread else (40, 90, 250, 714_200, 6_812_200)
    columns, step_x, step_y, x0, y0 = grid
    with writer(atelier, author="test") as edits:
        for index in range(count):
            x, y = x0 + (index % columns) * step_x, y0 + (index // columns) * step_y
            title = f"Enjeu {index}"
            stake = edits.insert("stakes_point", {"theme": "mobilite", "title": title}, f"POINT ({x} {y})")
            if title in DECIDED:
                edits.update("stakes_point", stake, {"status": "retenu", "votes_for": 6})


def stake_labels(atelier, extent: QgsRectangle, layer: QgsVectorLayer | None = None) -> set[str]:
    """The texts QGIS placed for the stakes when it drew ``extent`` at 1920x1080."""
    layer = layer or QgsVectorLayer(atelier.layer_uri("stakes_point"), "stakes", "ogr")
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(1920, 1080))
    settings.setExtent(extent)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return {label.labelText for label in job.takeLabelingResults().allLabels()}


def test_a_small_layer_names_every_stake_on_the_territory_view(atelier):
    add_stakes(atelier, 30, spread=True)
    expected = {f"Enjeu {index}" for index in range(30)}
    assert stake_labels(atelier, TERRITORY) == expected


def test_a_crowded_layer_names_only_the_decisions_on_the_territory_view(atelier):
    add_stakes(atelier, ALL_LABELS_UP_TO + 40)
    assert stake_labels(atelier, TERRITORY) == DECIDED
    close_up = stake_labels(atelier, COMMUNE)
    assert len(close_up - DECIDED) > 5 * len(DECIDED)  # any stake, as many as fit


def test_an_older_style_labelling_every_scale_alike_gets_the_rules(atelier):
    add_stakes(atelier, ALL_LABELS_UP_TO + 40)
    layer = QgsVectorLayer(atelier.layer_uri("stakes_point"), "stakes", "ogr")
    older = QgsPalLayerSettings(layer.labeling().rootRule().children()[0].settings())
    layer.setLabeling(QgsVectorLayerSimpleLabeling(older))  # as ateliers stored it before
    assert len(stake_labels(atelier, TERRITORY, layer)) > len(DECIDED)
    fit_labels_to_size(layer)
    assert isinstance(layer.labeling(), QgsRuleBasedLabeling)
    assert stake_labels(atelier, TERRITORY, layer) == DECIDED
    communes = QgsVectorLayer(atelier.layer_uri("communes"), "communes", "ogr")
    fit_labels_to_size(communes)  # the background's names keep their one setting
    assert isinstance(communes.labeling(), QgsVectorLayerSimpleLabeling)
