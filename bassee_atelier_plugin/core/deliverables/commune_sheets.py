"""The commune sheets, narrowed to the communes asked for before they are exported.

The sheets are an atlas over the communes whose texts are QGIS expressions (see
:mod:`~bassee_atelier_plugin.core.presentation.commune_sheets_layout`): the export only
filters the atlas, to the INSEE codes given or to the communes concerned.
"""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import QgsFeatureRequest, QgsLayoutObject, QgsProperty

from bassee_atelier_plugin.core.atelier.atelier import Atelier
from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import COMMUNES_TABLE, STAKE_TABLES
from bassee_atelier_plugin.core.presentation.commune_sheets_layout import OUTSIDE_PAGE
from bassee_atelier_plugin.core.presentation.layout_parts import quoted
from bassee_atelier_plugin.core.presentation.names import layer_table
from bassee_atelier_plugin.toolbelt.compat import NO_GEOMETRY
from bassee_atelier_plugin.toolbelt.i18n import tr

CONCERNING = (*STAKE_TABLES, "actions", "observations")  # a commune with one of these is concerned


def require_communes(atelier: Atelier) -> None:
    """Refuse an atelier without a commune layer: it has no sheet to make."""
    if COMMUNES_TABLE not in atelier.table_names():
        raise AtelierError(
            tr(
                "{path} has no commune layer: add one (init --communes, or the atelier's context layers) "
                "before exporting the commune sheets."
            ).format(path=atelier.name)
        )


def choose_communes(layout, communes: Sequence[str] = (), concerned_only: bool = False) -> list[str]:
    """Narrow the sheets' atlas to the INSEE codes ``communes`` (all when empty), or to the communes concerned.

    An unknown code is refused with the valid ones, before anything is written. Sheets asked
    for by code leave out the page of what lies outside every commune: a mayor's sheet is his.
    """
    atlas = layout.atlas()
    coverage = atlas.coverageLayer()
    if coverage is None:
        raise AtelierError(tr("The layout {layout} is not an atlas over the communes.").format(layout=layout.name()))
    filters = []
    if communes:
        names = _communes_by_code(coverage)
        unknown = [code for code in communes if code not in names]
        if unknown:
            raise AtelierError(
                tr("Unknown INSEE code {codes}: the atelier's communes are {valid}.").format(
                    codes=", ".join(unknown),
                    valid=", ".join(f"{code} {name}" for code, name in sorted(names.items())),
                )
            )
        filters.append(f'"insee" IN ({", ".join(quoted(code) for code in communes)})')
        if layout.pageCollection().pageCount() > OUTSIDE_PAGE:
            layout.pageCollection().page(OUTSIDE_PAGE).dataDefinedProperties().setProperty(
                QgsLayoutObject.DataDefinedProperty.ExcludeFromExports, QgsProperty.fromValue(True)
            )
    if concerned_only:
        layers = [layer for layer in layout.project().mapLayers().values() if layer_table(layer) in CONCERNING]
        filters.append(" OR ".join(f"overlay_intersects({quoted(layer.id())})" for layer in layers) or "FALSE")
    atlas.setFilterFeatures(bool(filters))
    atlas.setFilterExpression(" AND ".join(f"({condition})" for condition in filters))
    if atlas.updateFeatures() == 0:
        raise AtelierError(tr("No commune has a stake, an action or an observation yet: there is no sheet to make."))
    return []


def _communes_by_code(coverage) -> dict[str, str]:
    request = QgsFeatureRequest().setFlags(NO_GEOMETRY).setSubsetOfAttributes(["insee", "name"], coverage.fields())
    return {str(feature["insee"]): str(feature["name"]) for feature in coverage.getFeatures(request)}
