"""What the atelier looks like: each layer's renderer and labels, for desk and projector.

Two looks share one set of rules: the desk look for the facilitator's screen, and the
projector look, bigger and with labels of at least 24 pixels, legible from the back of
a village hall. The symbols themselves are drawn in :mod:`symbols` (categories, stakes'
statuses and votes) and :mod:`sketch_symbols` (the planner's graphic language).
"""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLayerTreeLayer,
    QgsLineSymbol,
    QgsMapLayerLegendUtils,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsRuleBasedLabeling,
    QgsSymbol,
    QgsTextBackgroundSettings,
    QgsTextFormat,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QSizeF
from qgis.PyQt.QtGui import QColor, QFont

from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME
from bassee_atelier_plugin.core.model.thesauri import (
    LOOK_STATUSES,
    LOOK_VOTE_CLASSES,
    MODERATED_LOOK,
    look_key,
)
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.core.presentation.sketch_symbols import sketch_symbol
from bassee_atelier_plugin.core.presentation.symbols import (
    AREA_GEOMETRY,
    LINE_GEOMETRY,
    POINT_GEOMETRY,
    Look,
    category_symbol,
    look_symbol,
)
from bassee_atelier_plugin.toolbelt.compat import LabelPlacement, RenderUnit

LABEL_LINE_CHARACTERS = 28  # a longer title wraps at its spaces, whole: never cut mid-word
MAX_LABELS_PER_LAYER = 150
# Up to this many features a layer is labelled at every scale; past it, every feature only from
# the scale of a commune on: labelling is what costs on redraw (docs/benchmarks.md), and hundreds
# of labels are unreadable on a projected map of the whole territory anyway.
ALL_LABELS_UP_TO = 400
DETAIL_SCALE = 25_000
# On the territory view, a crowded stake layer names only the room's decisions (retained, with the
# biggest bubbles) while it has up to this many stakes; past it, the commune names alone: picking
# decisions out costs an expression per stake, which at 100,000 would cost a quarter of the redraw.
DECISIONS_LABELLED_UP_TO = 20_000
BY_COUNT_RULES, DECISIONS_RULE = "labels by count", "decisions"  # rule keys: named, see labels_by_count
DECIDED_LOOK = look_key("", "retenu", len(LOOK_VOTE_CLASSES) - 1)  # retained, in the top vote class


DESK = Look(4.5, 1.4, 0.8, 80, 11, RenderUnit.POINTS, 8)
# 26 px on a 1920x1080 projector: the issue asks for at least 24.
PROJECTOR = Look(7.0, 2.4, 1.3, 110, 26, RenderUnit.PIXELS, 24)


# -- actions and other lists: one colour per category, statuses on top ----------------------------


def categorised_renderer(
    field: str, terms: list[dict], geometry_type, look: Look, language: str, with_status: bool
) -> QgsCategorizedSymbolRenderer:
    label_key = "label_fr" if language == "fr" else "label_en"
    categories = [
        QgsRendererCategory(
            term["code"], category_symbol(geometry_type, term["colour"], look, with_status), term[label_key]
        )
        for term in terms
    ]
    return QgsCategorizedSymbolRenderer(field, categories)


# -- stakes: drawn from their stored look, without a single expression per feature -------------

STATUS_LABELS = {"ouvert": ("open", "en discussion"), "retenu": ("retained", "retenu"), "ecarte": ("dropped", "écarté")}
VOTE_LABELS = {"en": "votes", "fr": "votes"}


def look_renderer(terms: list[dict], geometry_type, look: Look, language: str) -> QgsCategorizedSymbolRenderer:
    """Stakes by theme, status class and vote class, read from the stored ``look`` attribute."""
    label_key = "label_fr" if language == "fr" else "label_en"
    categories = []
    for term in terms:
        for status_class in LOOK_STATUSES:
            for vote_class, scores in LOOK_VOTE_CLASSES:
                symbol = look_symbol(geometry_type, term["colour"], look, status_class, vote_class)
                label = term[label_key]
                if (status_class, vote_class) != BASE_LOOK:
                    status = STATUS_LABELS[status_class][1 if language == "fr" else 0]
                    label = f"{label} · {status} · {scores} {VOTE_LABELS.get(language, 'votes')}"
                categories.append(QgsRendererCategory(look_key(term["code"], status_class, vote_class), symbol, label))
    # a phone's contribution waiting for approval, or hidden: not drawn, so not labelled either
    categories.append(QgsRendererCategory(MODERATED_LOOK, plain_symbol(geometry_type, "#757575", look), "", False))
    # whatever the lists do not know (a theme removed from the list, a file from elsewhere) is still drawn
    categories.append(QgsRendererCategory("", plain_symbol(geometry_type, "#757575", look), "?"))
    return QgsCategorizedSymbolRenderer("look", categories)


BASE_LOOK = ("ouvert", 0)  # what the legend shows: one entry per theme


# -- sketches: the planner's graphic language ------------------------------------------------------


def sketch_renderer(terms: list[dict], geometry_type, look: Look, language: str) -> QgsCategorizedSymbolRenderer:
    label_key = "label_fr" if language == "fr" else "label_en"
    categories = [
        QgsRendererCategory(
            term["code"], sketch_symbol(term["code"], geometry_type, term["colour"], look), term[label_key]
        )
        for term in terms
    ]
    return QgsCategorizedSymbolRenderer("kind", categories)


# -- everything else ---------------------------------------------------------------------------------


def plain_symbol(geometry_type, colour: str, look: Look) -> QgsSymbol:
    return category_symbol(geometry_type, colour, look, with_status=False)


def note_symbol() -> QgsSymbol:
    """A note is its text: the symbol is only a pin-point under the label's box."""
    return QgsMarkerSymbol.createSimple({"name": "circle", "color": "#424242", "size": "1.2", "outline_style": "no"})


def context_symbol(table: str, geometry_type, look: Look) -> QgsSymbol:
    """Light background layers: they frame the workshop's drawing, they do not compete with it."""
    if table == "rivers":
        return QgsLineSymbol.createSimple(
            {"color": "#5b9bd5", "width": str(look.line_width * 0.85), "capstyle": "round"}
        )
    if geometry_type == AREA_GEOMETRY:
        colour, width = (
            ("#404040", look.outline_width * 1.1) if table == "territory" else ("#9e9e9e", look.outline_width * 0.4)
        )
        return QgsFillSymbol.createSimple(
            {"color": "0,0,0,0", "style": "no", "outline_color": colour, "outline_width": str(width)}
        )
    return plain_symbol(geometry_type, "#9e9e9e", look)


def _label_box(note: bool) -> QgsTextBackgroundSettings:
    """The box under a label: a yellow sticky note for notes, a translucent white card otherwise."""
    box = QgsTextBackgroundSettings()
    box.setEnabled(True)
    box.setType(QgsTextBackgroundSettings.ShapeType.ShapeRectangle)
    box.setSizeUnit(RenderUnit.MILLIMETERS)
    if note:
        box.setSize(QSizeF(1.5, 1.0))
        box.setFillColor(QColor("#fff8c4"))
        box.setStrokeColor(QColor("#8d6e00"))
        box.setStrokeWidth(0.3)
    else:
        box.setSize(QSizeF(1.0, 0.3))
        box.setRadii(QSizeF(0.8, 0.8))
        box.setFillColor(QColor(255, 255, 255, 215))
        box.setStrokeWidth(0)
    return box


def labeling(
    field: str, geometry_type, look: Look, context: bool = False, boxed: bool = False, decisions: bool = False
) -> QgsVectorLayerSimpleLabeling | QgsRuleBasedLabeling:
    """Bold labels of ``field`` on a light box, wrapped and thinned (see :func:`labels_by_count`).

    A box rather than a halo: a halo is the text's outline stroked once more, which cost
    several times the rest of a label on the projector (docs/benchmarks.md), and a box reads
    as well over busy symbols. Commune names, the background, get neither, and show at every scale.
    ``decisions``: a crowded layer names its retained, most-voted stakes on the territory view.
    """
    text_format = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(not context)
    text_format.setFont(font)
    text_format.setSize(look.context_label_size if context else look.label_size)
    text_format.setSizeUnit(look.label_unit)
    text_format.setColor(QColor("#6b6b6b" if context else "#1a1a1a"))
    if not context:
        text_format.setBackground(_label_box(note=boxed))
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.autoWrapLength = LABEL_LINE_CHARACTERS
    settings.setFormat(text_format)
    thinning = settings.thinningSettings()
    thinning.setLimitNumberLabelsEnabled(True)
    thinning.setMaximumNumberLabels(MAX_LABELS_PER_LAYER)
    settings.setThinningSettings(thinning)
    settings.placement = {
        POINT_GEOMETRY: LabelPlacement.OVER_POINT if boxed else LabelPlacement.AROUND_POINT,
        LINE_GEOMETRY: LabelPlacement.LINE,  # along the line, straight: a box follows it
    }.get(geometry_type, LabelPlacement.HORIZONTAL)  # anywhere inside an area, not only its centre
    settings.dist = 1.5
    # no callout (QGIS writes its disabled default out in full): each copy of these settings, one
    # per rule, two looks per layer, in the file and in its project, would weigh 6 KB more
    settings.setCallout(None)
    settings.priority = 1 if context else 8  # commune names give way to what the room said
    if context:
        return QgsVectorLayerSimpleLabeling(settings)
    return labels_by_count(settings, decisions)


def labels_by_count(settings: QgsPalLayerSettings, decisions: bool) -> QgsRuleBasedLabeling:
    """Every feature labelled from the scale of a commune on; on the territory view, as many as the layer holds.

    The layer's count is read once per redraw (``layer_property`` of ``@layer`` is static for the
    expression engine, and a rule whose filter is false leaves its children unasked), so the style
    decides in any QGIS that opens the file, at no cost per feature where PAL would otherwise
    place every label it is given (docs/benchmarks.md).
    """
    count = "layer_property(@layer, 'feature_count')"
    root = QgsRuleBasedLabeling.Rule(None)
    root.setRuleKey(BY_COUNT_RULES)
    # QGIS's "minimum" scale is the most zoomed-out one, its "maximum" the most zoomed-in one
    rules = [(root, QgsRuleBasedLabeling.Rule(QgsPalLayerSettings(settings), 0, DETAIL_SCALE), "close-up")]
    overview = f"{count} <= {ALL_LABELS_UP_TO}"
    rules.append(
        (root, QgsRuleBasedLabeling.Rule(QgsPalLayerSettings(settings), DETAIL_SCALE, 0, overview), "overview")
    )
    if decisions:
        crowded = f"{count} > {ALL_LABELS_UP_TO} AND {count} <= {DECISIONS_LABELLED_UP_TO}"
        group = QgsRuleBasedLabeling.Rule(None, DETAIL_SCALE, 0, crowded)
        # read from the stored look, which the renderer fetches anyway: no column more per feature
        decided = f"right(\"look\", {len(DECIDED_LOOK)}) = '{DECIDED_LOOK}'"
        rules.append((root, group, "crowded overview"))
        rules.append((group, QgsRuleBasedLabeling.Rule(QgsPalLayerSettings(settings), 0, 0, decided), DECISIONS_RULE))
    for parent, rule, key in rules:
        rule.setRuleKey(key)  # named, not random: a style written twice is the same style
        parent.appendChild(rule)
    return QgsRuleBasedLabeling(root)


def labels_show_at(layer, scale: float) -> bool:
    """Whether :func:`labels_by_count` lets any label of ``layer`` show at ``scale``.

    A layer none of whose labels shows is better out of labelling on a canvas: when a labelled
    layer asks for a repaint, QGIS draws every labelled layer again (docs/benchmarks.md), so a click
    on a crowded stake layer would redraw them all.
    """
    labeling = layer.labeling()
    if not isinstance(labeling, QgsRuleBasedLabeling) or labeling.rootRule().ruleKey() != BY_COUNT_RULES:
        return True
    count = layer.featureCount()
    if scale <= DETAIL_SCALE or count <= ALL_LABELS_UP_TO:
        return True
    return count <= DECISIONS_LABELLED_UP_TO and labeling.rootRule().findRuleByKey(DECISIONS_RULE) is not None


def fit_labels_to_size(layer) -> None:
    """Give an atelier layer that an older stored style labels alike at every scale its labels by count.

    Ateliers written before issue 17 stored one label setting per layer; the rules of
    :func:`labels_by_count` replace it in the project, and the file gets them when its
    presentation is written again.
    """
    labeling = layer.labeling()
    if not layer.labelsEnabled() or not isinstance(labeling, QgsVectorLayerSimpleLabeling):
        return
    if layer_table(layer) not in TABLE_BY_NAME:  # commune names and other context: every scale
        return
    settings = QgsPalLayerSettings(labeling.settings())
    settings.scaleVisibility = False  # the rules carry the scales
    layer.setLabeling(labels_by_count(settings, decisions=layer.fields().indexOf("look") >= 0))


def legend_shows_themes_only(node: QgsLayerTreeLayer) -> None:
    """A stake layer draws a look per theme, status class and vote class; its legend lists the themes."""
    renderer = node.layer().renderer()
    if not isinstance(renderer, QgsCategorizedSymbolRenderer) or renderer.classAttribute() != "look":
        return
    base = ":".join(("",) + tuple(str(part) for part in BASE_LOOK))
    themes = [index for index, category in enumerate(renderer.categories()) if str(category.value()).endswith(base)]
    QgsMapLayerLegendUtils.setLegendNodeOrder(node, themes)
