"""The atelier in QGIS's Processing toolbox: creating an atelier and its deliverables, for models and batch runs.

The algorithms only translate Processing parameters into calls of the core, which does
the work as it does for the command line and the plugin's menu. Each algorithm imports the
core when it runs: the provider is registered at every QGIS start, and the start stays light.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProcessingProvider,
)
from qgis.PyQt.QtGui import QIcon

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.toolbelt.compat import FILE_SOURCE
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.resources import icon_path

PROVIDER_ID = "bassee_atelier"


@contextmanager
def core_errors_as_processing_errors() -> Iterator[None]:
    """The core's message is already the one to show: Processing shows it as its own error."""
    try:
        yield
    except AtelierError as error:
        raise QgsProcessingException(str(error)) from error


class _AtelierAlgorithm(QgsProcessingAlgorithm):
    """What the algorithms share: their instance factory and the provider's group."""

    def createInstance(self):  # noqa: N802
        return type(self)()

    def group(self) -> str:
        return tr("Atelier des Territoires")

    def groupId(self) -> str:  # noqa: N802
        return "atelier"


class CreateAtelier(_AtelierAlgorithm):
    TERRITORY, CRS, COMMUNES, OUTPUT = "TERRITORY", "CRS", "COMMUNES", "OUTPUT"

    def name(self) -> str:
        return "create_atelier"

    def displayName(self) -> str:  # noqa: N802
        return tr("Create an atelier")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr("An empty atelier GeoPackage for a territory, styled, with the communes as context if given.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterString(self.TERRITORY, tr("Territory")))
        self.addParameter(
            QgsProcessingParameterCrs(self.CRS, tr("Projected CRS"), QgsCoordinateReferenceSystem("EPSG:2154"))
        )
        self.addParameter(QgsProcessingParameterFile(self.COMMUNES, tr("Communes (a vector file)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Atelier"), tr("GeoPackage (*.gpkg)")))

    def processAlgorithm(self, parameters, context, feedback) -> dict:  # noqa: N802
        from bassee_atelier_plugin.core.lifecycle.creating import create_atelier

        communes = self.parameterAsFile(parameters, self.COMMUNES, context) or None
        with core_errors_as_processing_errors():
            atelier = create_atelier(
                self.parameterAsFileOutput(parameters, self.OUTPUT, context),
                territory=self.parameterAsString(parameters, self.TERRITORY, context),
                crs=self.parameterAsCrs(parameters, self.CRS, context).authid(),
                communes=communes,
                force=True,  # Processing asks before it overwrites a destination
            )
        return {self.OUTPUT: str(atelier.path)}


class _ExportDeliverable(_AtelierAlgorithm):
    """A deliverable of an atelier, made as the command line and the plugin's menu make it."""

    ATELIER, OUTPUT = "ATELIER", "OUTPUT"
    kind = ""

    def name(self) -> str:
        return f"export_{self.kind.replace('-', '_')}"

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(self.ATELIER, tr("Atelier"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, self.displayName(), self.file_filter()))

    def file_filter(self) -> str:
        return tr("PDF (*.pdf)")

    def options(self, parameters, context) -> dict:
        """The deliverable's own options, for ``export_deliverable``."""
        return {}

    def processAlgorithm(self, parameters, context, feedback) -> dict:  # noqa: N802
        from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
        from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

        output = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        with core_errors_as_processing_errors():
            atelier = open_atelier(self.parameterAsFile(parameters, self.ATELIER, context))
            written = export_deliverable(atelier, self.kind, output, **self.options(parameters, context))
        for warning in written.warnings:
            feedback.pushWarning(warning)
        return {self.OUTPUT: str(written.path)}


class ExportSynthesis(_ExportDeliverable):
    kind = "synthese"

    def displayName(self) -> str:  # noqa: N802
        return tr("Export the synthesis (PDF)")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(
            "The synthesis of the workshops: the map of stakes by theme, the stakes by theme and by commune, "
            "the retained stakes and the sessions held. Made with the layout stored in the atelier."
        )


class ExportRoadmap(_ExportDeliverable):
    kind = "feuille-de-route"

    def displayName(self) -> str:  # noqa: N802
        return tr("Export the roadmap (feuille de route)")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(
            "The roadmap as a table: orientations, then their actions and the stakes each answers (PDF, CSV or ODS)."
        )

    def file_filter(self) -> str:
        return tr("PDF (*.pdf);;CSV (*.csv);;OpenDocument spreadsheet (*.ods)")


class ExportActionSheets(_ExportDeliverable):
    kind = "fiches"

    def displayName(self) -> str:  # noqa: N802
        return tr("Export the action sheets (PDF)")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr("One page per action: its map, its fields, the stakes it answers and its photos.")


class ExportCommuneSheets(_ExportDeliverable):
    kind = "fiches-communes"
    COMMUNES, CONCERNED = "COMMUNES", "CONCERNED"

    def displayName(self) -> str:  # noqa: N802
        return tr("Export the commune sheets (PDF)")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(
            "One page per commune: its map among its neighbours, the stakes in it, the actions that concern it, "
            "the observations and photos taken there; then what lies outside every commune. All communes, "
            "only those concerned, or those whose INSEE codes are given."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        super().initAlgorithm(config)
        self.addParameter(
            QgsProcessingParameterString(
                self.COMMUNES, tr("INSEE codes of the communes (all when empty)"), optional=True
            )
        )
        self.addParameter(QgsProcessingParameterBoolean(self.CONCERNED, tr("Only the communes concerned"), False))

    def options(self, parameters, context) -> dict:
        codes = self.parameterAsString(parameters, self.COMMUNES, context).replace(",", " ").split()
        return {"communes": codes, "concerned_only": self.parameterAsBool(parameters, self.CONCERNED, context)}


class PackageAtelier(_AtelierAlgorithm):
    ATELIER, ANONYMISE, PACKAGER, OUTPUT = "ATELIER", "ANONYMISE", "PACKAGER", "OUTPUT"

    def name(self) -> str:
        return "package_atelier"

    def displayName(self) -> str:  # noqa: N802
        return tr("Package the atelier for the team")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(
            "One self-contained GeoPackage: data, styles, the QGIS project and its layouts, attachments, journal "
            "and metadata, compacted and validated. Anonymising names actors by their type and drops the personal "
            "data of those without consent."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(self.ATELIER, tr("Atelier"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterBoolean(self.ANONYMISE, tr("Anonymise the actors"), False))
        self.addParameter(QgsProcessingParameterString(self.PACKAGER, tr("Packaged by"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Package"), tr("GeoPackage (*.gpkg)")))

    def processAlgorithm(self, parameters, context, feedback) -> dict:  # noqa: N802
        from bassee_atelier_plugin.core.handoff.package import package_atelier
        from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

        with core_errors_as_processing_errors():
            package = package_atelier(
                open_atelier(self.parameterAsFile(parameters, self.ATELIER, context)),
                Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context)),
                packager=self.parameterAsString(parameters, self.PACKAGER, context),
                anonymise=self.parameterAsBool(parameters, self.ANONYMISE, context),
            )
        return {self.OUTPUT: str(package.path)}


class MergeAteliers(_AtelierAlgorithm):
    INPUTS, OUTPUT = "INPUTS", "OUTPUT"

    def name(self) -> str:
        return "merge_ateliers"

    def displayName(self) -> str:  # noqa: N802
        return tr("Merge ateliers")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(
            "Merge ateliers edited on several machines into a new one: features matched by UUID, deletions "
            "carried over, the same feature edited twice kept in its latest version and listed in the merge "
            "conflicts table for review."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterMultipleLayers(self.INPUTS, tr("Ateliers to merge"), FILE_SOURCE))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Merged atelier"), tr("GeoPackage (*.gpkg)"))
        )

    def processAlgorithm(self, parameters, context, feedback) -> dict:  # noqa: N802
        from bassee_atelier_plugin.core.handoff.sync import merge_ateliers

        inputs = [str(value) for value in parameters[self.INPUTS]]
        with core_errors_as_processing_errors():
            summary = merge_ateliers(inputs, Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context)))
        for line in summary.lines():
            feedback.pushInfo(line)
        return {self.OUTPUT: str(summary.path), "CONFLICTS": summary.total("conflicts")}


class AtelierProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return tr("Atelier des Territoires")

    def icon(self) -> QIcon:
        return QIcon(str(icon_path("new_atelier.svg")))

    def loadAlgorithms(self) -> None:  # noqa: N802
        algorithms = (
            CreateAtelier(),
            ExportSynthesis(),
            ExportRoadmap(),
            ExportActionSheets(),
            ExportCommuneSheets(),
            PackageAtelier(),
            MergeAteliers(),
        )
        for algorithm in algorithms:
            self.addAlgorithm(algorithm)
