"""The one interface an atelier is read and written through, whatever keeps it.

An :class:`AtelierStore` knows where an atelier is and owns everything that depends on
it: its SQL and triggers, its metadata, how it is opened, created and upgraded, and how
QGIS layers and projects reach it. Everything above (the atelier, editing, visits,
deliverables, handoff, phones) is written once against this interface. A new kind of store
is one new package beside ``geopackage`` and ``postgis``, named in :mod:`.registry`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from osgeo import gdal, osr

from bassee_atelier_plugin.core.model.metadata import AtelierMetadata


class ReadConnection(Protocol):
    """A read-only SQL connection to an atelier: the same SQL, and the same Python values, from every store.

    Queries use ``?`` for parameters; dates and datetimes come back as the ISO text the
    GeoPackage keeps, blobs as bytes.
    """

    def execute(self, sql: str, parameters: Sequence = ()) -> list[tuple]: ...


class AtelierStore(ABC):
    """Where one atelier's tables live, and every way in to them."""

    #: the QGIS data provider of the atelier's layers
    provider: str
    #: the file the atelier is, for a store that is a file (what is made of it goes beside it)
    file: Path | None = None

    # -- where ----------------------------------------------------------------

    @classmethod
    @abstractmethod
    def handles(cls, location: str) -> bool:
        """True if ``location`` names an atelier of this kind of store (a file name, an address…)."""

    @property
    @abstractmethod
    def name(self) -> str:
        """How messages name the atelier: never with a password."""

    @property
    @abstractmethod
    def location(self) -> str:
        """What names this atelier again (for opening it, and in projects): never with a password."""

    @property
    @abstractmethod
    def label(self) -> str:
        """How the atelier is named among others (in a merge's conflicts): a file's name, an address."""

    @property
    @abstractmethod
    def short_name(self) -> str:
        """A name for files made of the atelier: a file's stem, a schema's name."""

    # -- what it is -----------------------------------------------------------

    @abstractmethod
    def read_metadata(self) -> AtelierMetadata:
        """The atelier's metadata, or a clear error if there is no atelier here."""

    @abstractmethod
    def is_read_only(self) -> bool:
        """True if the atelier may be read but not written."""

    @abstractmethod
    def upgrade(self, metadata: AtelierMetadata) -> tuple[Path | None, list[str]]:
        """Bring an older atelier to the current schema: return the backup made (if any) and the tables added."""

    @abstractmethod
    def structure_problems(self, dataset: gdal.Dataset) -> list[str]:
        """What is wrong with the store's own structure (a GeoPackage's conformance…), one line per problem."""

    # -- making one -----------------------------------------------------------

    @abstractmethod
    def creation(self, force: bool) -> AbstractContextManager[AtelierStore]:
        """A store to build a new atelier in, all at once or not at all.

        On leaving the block without an error the atelier is there; after an error nothing
        of it is left, and whatever was there before is untouched (replaced only if ``force``).
        """

    @abstractmethod
    def create_tables(self, metadata: AtelierMetadata, spatial_reference: osr.SpatialReference) -> None:
        """Make the atelier's tables, triggers, thesauri, views and metadata, in a new store."""

    @abstractmethod
    def layer_creation_options(self) -> list[str]:
        """GDAL's layer creation options of a table copied in whole (the territory's layers)."""

    # -- reading and writing --------------------------------------------------

    @abstractmethod
    def open_dataset(self, update: bool) -> gdal.Dataset:
        """GDAL's dataset of the atelier, every table listed (closed when dropped)."""

    def before_closing(self, dataset: gdal.Dataset, update: bool) -> None:  # noqa: B027 - most stores need nothing
        """What the store does with a dataset of :meth:`open_dataset` just before it is closed."""

    @abstractmethod
    def open_edit_dataset(self) -> gdal.Dataset:
        """A dataset kept open for a whole workshop of edits, tuned for many small commits while QGIS reads."""

    @abstractmethod
    def read_connection(self) -> AbstractContextManager[ReadConnection]:
        """A connection that cannot change the atelier, closed on leaving the block."""

    @abstractmethod
    def write_copy(self, target: Path) -> bool:
        """Write the atelier as a GeoPackage at ``target``, as it is, if this store can; False if it cannot.

        A file copies itself, styles and project included; an atelier elsewhere is copied
        by the merge instead (see core.handoff).
        """

    # -- QGIS layers and projects ---------------------------------------------

    @abstractmethod
    def layer_uri(self, table: str) -> str:
        """The source of a QGIS layer of ``table``, for :attr:`provider`: never with a password."""

    @abstractmethod
    def project_uri(self, project: str) -> str:
        """QGIS's address of the project ``project`` stored in the atelier."""

    def moved_sources(self, project: str) -> dict[str, str]:
        """Each source by which the stored ``project`` still names the atelier where it was (a
        renamed, moved or copied file), with the source that names it now; empty if none."""
        return {}  # a store whose projects name it by an address that does not move

    def repoint_projects(self) -> None:  # noqa: B027 - most stores need nothing
        """Have the stored projects name the atelier where it is now (see :meth:`moved_sources`)."""

    @classmethod
    def location_read_by(cls, layer) -> str | None:
        """The location of the atelier the QGIS layer ``layer`` reads, if this kind of store can tell from it."""
        return None

    @abstractmethod
    def shows(self, layer) -> bool:
        """True when the QGIS layer ``layer`` shows a table of this atelier."""

    def follow_layers(self, layers: dict, listen: bool) -> None:  # noqa: B027 - most stores need nothing
        """Prepare the atelier's new QGIS layers (``layers``: table to layer), and have them redrawn
        whenever another writer commits to their table if ``listen``."""

    def write_listening(self, project, tables: dict[str, str]) -> None:  # noqa: B027 - most stores need nothing
        """Have ``project`` written with its layers (``tables``: layer id to table) following other writers."""

    @contextmanager
    def derived_writes(self, dataset: gdal.Dataset) -> Iterator[None]:
        """Inside the block, writing derived fields (``communes``) through ``dataset`` stamps no ``updated_at``."""
        yield  # a GeoPackage's triggers already leave derived fields out

    def styles_table(self) -> tuple[str, str]:
        """Where QGIS stores the atelier's styles, in SQL: the table, and the condition on its rows."""
        return "layer_styles", "TRUE"

    def require_layer_access(self) -> None:  # noqa: B027 - a file's layers read it as the plugin does
        """Refuse, saying what to do, when QGIS's layers could not read the atelier the way the plugin does."""

    @abstractmethod
    def drop_styles(self, tables: list[str], style_names: list[str]) -> None:
        """Remove the stored QGIS styles ``style_names`` of ``tables``."""
