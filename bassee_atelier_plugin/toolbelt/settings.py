"""The plugin's settings: every key and its default declared once, read and written typed.

Keys live under ``bassee_atelier/`` in the QGIS user profile, so they travel with the
profile and never collide with another plugin's.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from qgis.core import QgsSettings

PREFIX = "bassee_atelier"


@dataclass
class PluginSettings:
    last_folder: str = ""  # where the file dialogs start: the folder of the last atelier chosen
    author: str = ""  # the name stamped on what this user draws or edits
    photo_preview_pixels: int = 1600  # the long side of a photo's display copy
    keep_photo_originals: bool = True  # store the photo files as they are, not only their display copies
    photo_join_distance_m: float = 25.0  # photos of a folder taken this close together make one observation
    max_photo_megabytes: float = 40.0  # a larger file is refused
    phone_host: str = ""  # where phones reach the plugin; empty: this machine's address on the room's network
    phone_port: int = 8765  # core.phones.server.DEFAULT_PORT, not imported: settings load before any server code
    phone_require_approval: bool = False  # phones' contributions wait for the facilitator before they show
    phone_requests_per_minute: int = 120  # per phone (address): core.phones.server.DEFAULT_REQUESTS_PER_MINUTE

    @classmethod
    def load(cls) -> PluginSettings:
        settings = QgsSettings()
        return cls(
            **{
                field.name: settings.value(f"{PREFIX}/{field.name}", field.default, type=type(field.default))
                for field in fields(cls)
            }
        )

    def save(self) -> None:
        settings = QgsSettings()
        for field in fields(self):
            settings.setValue(f"{PREFIX}/{field.name}", getattr(self, field.name))
