"""``python -m bassee_atelier_plugin snapshot``: the atelier rendered to a PNG without a screen."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtGui import QColor, QImage

from bassee_atelier_plugin.core.atelier.writer import writer
from bassee_atelier_plugin.core.cli.main import EXIT_ERROR, main

MOBILITY_COLOUR = QColor("#6a3d9a")  # the "mobilité" theme of the stakes list


@pytest.fixture
def atelier_with_communes(created_atelier, tmp_path):
    """The 42 communes of Bassée-Montois and one stake in the middle of them."""
    atelier = created_atelier(tmp_path / "a.gpkg", communes=True)
    xmin, ymin, xmax, ymax = atelier.extent()
    with writer(atelier, author="test") as edits:
        edits.insert(
            "stakes_point",
            {"theme": "mobilite", "title": "Gare de Longueville"},
            f"POINT ({(xmin + xmax) / 2} {(ymin + ymax) / 2})",
        )
    return atelier


def _pixels(image: QImage, left: int, top: int, right: int, bottom: int):
    for y in range(top, bottom, 2):  # every other pixel is plenty, and twice as fast
        for x in range(left, right, 2):
            yield image.pixelColor(x, y)


def _is_close(colour: QColor, target: QColor, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], target.getRgb()[:3]))


def test_snapshot_renders_the_communes_and_the_stakes_at_the_requested_size(atelier_with_communes, tmp_path, capsys):
    output = tmp_path / "snapshot.png"

    exit_code = main(
        ["snapshot", str(atelier_with_communes.path), "-o", str(output), "--width", "800", "--height", "600"]
    )

    assert exit_code == 0
    assert str(output) in capsys.readouterr().out
    image = QImage(str(output))
    assert not image.isNull()
    assert (image.width(), image.height()) == (800, 600)
    # The communes fill the default view: their outlines and names mark its middle.
    middle = list(_pixels(image, 200, 150, 600, 450))
    drawn = [colour for colour in middle if colour.lightness() < 235]
    assert len(drawn) > 0.01 * len(middle)
    assert len({colour.rgb() for colour in middle}) > 20  # antialiased lines and labels, not a flat fill
    # The stake is drawn in its theme's colour.
    assert any(_is_close(colour, MOBILITY_COLOUR) for colour in middle)


def test_snapshot_defaults_to_full_hd(atelier_with_communes, tmp_path):
    output = tmp_path / "full_hd.png"

    assert main(["snapshot", str(atelier_with_communes.path), "-o", str(output)]) == 0

    assert QImage(str(output)).size().width() == 1920
    assert QImage(str(output)).size().height() == 1080


def test_a_file_that_is_no_atelier_is_refused(qgis_app, tmp_path, capsys):
    not_an_atelier = tmp_path / "notes.gpkg"
    not_an_atelier.write_text("shopping list")
    output = tmp_path / "snapshot.png"

    assert main(["snapshot", str(not_an_atelier), "-o", str(output)]) == EXIT_ERROR

    assert "not a GeoPackage" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.parametrize(
    ("output_name", "expected"),
    [("missing-folder/snapshot.png", "not an existing folder"), ("snapshot.jpg", "ends in .png")],
)
def test_an_unwritable_output_is_refused_before_rendering(
    atelier_with_communes, tmp_path, capsys, output_name, expected
):
    assert main(["snapshot", str(atelier_with_communes.path), "-o", str(tmp_path / output_name)]) == EXIT_ERROR

    assert expected in capsys.readouterr().err


def test_a_picture_size_of_zero_is_refused(atelier_with_communes, tmp_path, capsys):
    output = tmp_path / "empty.png"

    assert main(["snapshot", str(atelier_with_communes.path), "-o", str(output), "--width", "0"]) == EXIT_ERROR

    assert "not a usable picture size" in capsys.readouterr().err
