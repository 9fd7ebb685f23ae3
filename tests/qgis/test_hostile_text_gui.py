"""A phone's hostile title seen from the room's QGIS: the notice over the projected map, the stake's label, the dock.

A real server on loopback started by the plugin's action, as in test_room_phones_gui_contributions.py;
the phone is urllib with an identity the server issued. The title carries terminal escape codes,
right-to-left overrides and markup (see tests/hostile_text.py): the room sees the words, in order,
and the markup as text.
"""

from __future__ import annotations

import os

from qgis.core import QgsFeatureRequest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel

from tests.hostile_text import CLEAN_COMMENT, CLEAN_TITLE, HIDDEN, HOSTILE_COMMENT, HOSTILE_TITLE
from tests.qgis import room_phones_gui_helpers
from tests.qgis.desk import BRAY
from tests.qgis.phone import call
from tests.qgis.room_phones_gui_helpers import wait_until

# the fixtures of room_phones_gui_helpers: pytest finds them by their names here
phone_settings = room_phones_gui_helpers.phone_settings
atelier, phones = room_phones_gui_helpers.atelier, room_phones_gui_helpers.phones


def stored(layer, uuid: str) -> list:
    """The stake as the project's layer reads it, once the layer has read it again after the phone's write."""
    return list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"uuid = '{uuid}'")))


def test_the_room_sees_a_hostile_title_without_its_codes_and_its_markup_as_text(plugin, phones, tmp_path):
    told = []
    phones.received.connect(told.append)
    url = phones.server.url
    phone = call(url + "api/phone", {})[2]["phone"]
    body = {"x": BRAY[0], "y": BRAY[1], "theme": "eau_risques", "title": HOSTILE_TITLE, "comment": HOSTILE_COMMENT}

    status, _headers, answer = call(url + "api/contributions", body, phone=phone)

    assert status == 201, answer
    layer = plugin.live_session.layers()["stakes_point"]
    wait_until(lambda: told and answer["uuid"] in phones.dock.entries and stored(layer, answer["uuid"]))
    notice = phones.notice.label
    assert notice.text() == f"New contribution: {CLEAN_TITLE}"
    assert notice.textFormat() == Qt.TextFormat.PlainText  # <script> shown as typed, never read as markup
    if os.environ.get("HOSTILE_NOTICE_SCREENSHOT"):
        phones.notice.grab().save(os.environ["HOSTILE_NOTICE_SCREENSHOT"])
    [feature] = stored(layer, answer["uuid"])
    assert (feature["title"], feature["comment"]) == (CLEAN_TITLE, CLEAN_COMMENT)  # what the map's label draws
    shown = [label.text() for label in phones.dock.entries[answer["uuid"]].findChildren(QLabel)]
    assert CLEAN_TITLE in shown and CLEAN_COMMENT in shown
    assert not any(HIDDEN.search(text) for text in (notice.text(), *shown))
