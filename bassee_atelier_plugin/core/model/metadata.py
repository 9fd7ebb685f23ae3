"""What an atelier says of itself (title, territory, CRS, schema version…), whatever store keeps it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timezone

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.model.schema import SCHEMA_VERSION
from bassee_atelier_plugin.toolbelt.i18n import tr


@dataclass
class AtelierMetadata:
    """The atelier's metadata, one row per field in the store's metadata table (key in capitals, value as text)."""

    title: str
    territory: str
    national_theme: str = ""
    licence: str = "Licence Ouverte 2.0 (Etalab)"
    contact: str = ""
    language: str = "fr"
    crs: str = "EPSG:2154"
    schema_version: int = SCHEMA_VERSION
    created_at: str = ""

    def items(self) -> dict[str, str]:
        """The rows of the metadata table: keys in capitals (``SCHEMA_VERSION``), values as text."""
        return {f.name.upper(): str(getattr(self, f.name)) for f in fields(self)}

    def require_readable(self, name) -> None:
        """Refuse an atelier made by a newer plugin, whose schema this one cannot know."""
        if self.schema_version > SCHEMA_VERSION:
            raise AtelierError(
                tr(
                    "{path} was made by a newer version of the plugin (schema {found}, this one reads up to {known}): "
                    "update the plugin to open it."
                ).format(path=name, found=self.schema_version, known=SCHEMA_VERSION)
            )

    @classmethod
    def from_items(cls, items: dict[str, str], name: object = "") -> AtelierMetadata:
        """The metadata of the rows of the metadata table of ``name``, or a clear error if they are damaged."""
        values = {}
        for f in fields(cls):
            key = f.name.upper()
            if key in items:
                values[f.name] = items[key]
        try:
            if "schema_version" in values:
                values["schema_version"] = int(values["schema_version"])
            return cls(**values)
        except (TypeError, ValueError) as error:
            raise AtelierError(
                tr("{path} has damaged atelier metadata: {error}").format(path=name, error=error)
            ) from error

    @classmethod
    def new(cls, territory: str, crs: str, title: str | None = None, **described: str) -> AtelierMetadata:
        """The metadata of an atelier about to be made, or a clear error if it has no territory."""
        if not territory.strip():
            raise AtelierError(tr("The territory name is empty: give the name of the territory."))
        described.setdefault("created_at", utc_now())
        return cls(
            title=title or tr("Atelier des territoires — {territory}").format(territory=territory),
            territory=territory,
            crs=crs,
            **described,
        )


def utc_now() -> str:
    """Now in UTC, in the ISO form the GeoPackage stores datetimes in."""
    return iso_utc(datetime.now(timezone.utc))


def iso_utc(moment: datetime) -> str:
    """A datetime in UTC, in the ISO form the GeoPackage stores datetimes in (a naive one is taken as UTC)."""
    moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
