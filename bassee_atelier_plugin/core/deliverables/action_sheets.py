"""The action sheets, checked before they are exported: every text must fit its box.

The sheets are an atlas whose texts are QGIS expressions (see
:mod:`~bassee_atelier_plugin.core.presentation.action_sheets_layout`): nothing is filled
in at export, but QGIS would cut a text too long for its box without a word.
"""

from __future__ import annotations

from qgis.core import QgsExpression, QgsExpressionContextUtils, QgsFeatureRequest, QgsLayoutObject
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QFontMetricsF

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.toolbelt.compat import NO_GEOMETRY, text_font
from bassee_atelier_plugin.toolbelt.i18n import tr

EXCLUDED = QgsLayoutObject.DataDefinedProperty.ExcludeFromExports


def check_sheets(atelier: Atelier, layout) -> list[str]:
    """Refuse an atelier without actions; name each sheet whose text does not fit its box.

    QGIS cuts a text at the bottom of its box: the planner is told which sheet, so that
    nothing is cut without a word.
    """
    atlas = layout.atlas()
    if atlas.coverageLayer() is None or atlas.updateFeatures() == 0:
        raise AtelierError(
            tr("The atelier has no action yet: add actions to the roadmap before exporting the action sheets.")
        )
    boxes = [layout.itemById(item_id) for item_id in _sheet_text_names()]
    boxes = [box for box in boxes if box is not None]
    # the texts as the atlas will write them, from the features alone: no page is laid out twice
    context = layout.createExpressionContext()
    context.appendScope(QgsExpressionContextUtils.layerScope(atlas.coverageLayer()))
    warnings = []
    request = QgsFeatureRequest().setFlags(NO_GEOMETRY)
    for feature in atlas.coverageLayer().getFeatures(request):
        context.setFeature(feature)
        shown = [box for box in boxes if not _excluded(box, context)]
        cut = [box for box in shown if not _fits(box, QgsExpression.replaceExpressionText(box.text(), context))]
        if cut:
            warnings.append(
                tr(
                    "The sheet of the action “{action}” cannot show all of its text ({items}): shorten it, "
                    "or enlarge the boxes in the layout {layout}."
                ).format(
                    action=feature["title"],
                    items=", ".join(_sheet_text_names()[box.id()] for box in cut),
                    layout=layout.name(),
                )
            )
    return warnings


def _sheet_text_names() -> dict[str, str]:
    return {
        "sheet_title": tr("title"),
        "sheet_title_long": tr("title"),
        "sheet_fields": tr("fields"),
        "sheet_stakes": tr("stakes answered"),
        "sheet_description": tr("description"),
    }


def _excluded(item, context) -> bool:
    """Whether the page of ``context``'s feature leaves ``item`` out (the title in the size it does not take)."""
    excluded, _ok = item.dataDefinedProperties().valueAsBool(EXCLUDED, context, False)
    return excluded


def _fits(label, text: str) -> bool:
    """Whether ``text``, wrapped as the layout label ``label`` wraps it, fits the label's height."""
    pixels_per_mm = 10.0
    font = text_font(label)
    font.setPixelSize(max(1, round(font.pointSizeF() * 25.4 / 72 * pixels_per_mm)))
    width = (label.rect().width() - 2 * label.marginX()) * pixels_per_mm
    needed = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e7), Qt.TextFlag.TextWordWrap, text)
    return needed.height() <= (label.rect().height() - 2 * label.marginY()) * pixels_per_mm + 1
