"""The phone page in a real headless Chromium, on a 360 × 740 phone, against the real phones' server.

What a participant sees and does: the map with its stakes, a tap that becomes a stake in
the GeoPackage, a vote, in French or English, and nothing fetched from anywhere but the
server. What was saved is read from the file with sqlite3 and OGR, not through the page.

``PHONE_SCREENSHOT=docs/screenshot-phone.png`` refreshes the documentation's picture of the
form open over the map.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
from pathlib import Path

import pytest
from osgeo import ogr
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from bassee_atelier_plugin.core.phones.contributions import PHONE_AUTHOR
from bassee_atelier_plugin.core.phones.map_view import MapView
from tests.qgis.phone import call, new_phone, running_phone_server, sample_copy

CHROMEDRIVER = Path("/usr/bin/chromedriver")
BROWSER_ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
PHONE_SCREEN = {"width": 360, "height": 740, "pixelRatio": 2, "touch": True}
WAIT_S = 20  # the page polls every 3 s; a loaded CI machine takes longer

# Places of the sample atelier, in Lambert-93: an empty field by Chalmaison, and a corner of
# the map picture beyond the atelier's extent.
CHALMAISON = (719_000.0, 6_821_000.0)
BEYOND_THE_ATELIER = (695_300.0, 6_827_700.0)
BRAY_SHOPS = "Bray-sur-Seine : commerces vacants en centre-bourg"
DONNEMARIE_CHURCH = "Donnemarie-Dontilly : église Notre-Dame et son cloître"

needs_chromium = pytest.mark.skipif(
    not CHROMEDRIVER.exists(), reason=f"no {CHROMEDRIVER}: `make test` installs chromium and chromium-driver"
)
pytestmark = needs_chromium


class Phone:
    """A participant's phone: headless Chromium showing the page, with the gestures of a finger."""

    def __init__(self, phones, folder: Path, language: str):
        self.phones = phones
        options = webdriver.ChromeOptions()
        for argument in (*BROWSER_ARGUMENTS, f"--lang={language}", f"--user-data-dir={folder}"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE_SCREEN})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        self.driver.get(phones.url)
        self.wait_until(lambda: self.markers())

    def quit(self) -> None:
        self.driver.quit()

    def wait_until(self, condition, message: str = ""):
        return WebDriverWait(self.driver, WAIT_S).until(lambda _driver: condition(), message)

    def script(self, source: str, *arguments):
        return self.driver.execute_script(source, *arguments)

    def element(self, element_id: str):
        return self.driver.find_element(By.ID, element_id)

    def text(self, element_id: str) -> str:
        return self.element(element_id).text

    def wait_for_text(self, element_id: str, expected: str) -> None:
        self.wait_until(lambda: self.text(element_id) == expected, f"#{element_id} never read {expected!r}")

    def markers(self) -> list:
        return self.driver.find_elements(By.CSS_SELECTOR, ".marker:not([hidden])")

    def marker(self, label: str):
        return self.driver.find_element(By.CSS_SELECTOR, f'.marker[aria-label="{label}"]')

    def has_marker(self, label: str) -> bool:
        return bool(self.driver.find_elements(By.CSS_SELECTOR, f'.marker[aria-label="{label}"]'))

    def marker_lands_on(self, label: str, x: float, y: float) -> bool:
        """Whether the centre of the marker is (x, y) on the picture, to a pixel."""
        box = self.marker(label).rect
        left, top = self.picture_point(x, y)
        return abs(box["x"] + box["width"] / 2 - left) <= 1 and abs(box["y"] + box["height"] / 2 - top) <= 1

    def chip(self, label: str):
        return self.driver.find_element(By.XPATH, f"//label[contains(@class, 'chip')][span[text()='{label}']]")

    def picture_point(self, x: float, y: float) -> tuple[float, float]:
        """Where (x, y) of the atelier's CRS is on the screen, by the contract's formula, in CSS pixels."""
        xmin, ymin, xmax, ymax = self.phones.server.view()["map"]["extent"]
        box = self.element("map").rect
        return (
            box["x"] + (x - xmin) / (xmax - xmin) * box["width"],
            box["y"] + (ymax - y) / (ymax - ymin) * box["height"],
        )

    def tap_map(self, x: float, y: float) -> float:
        """Tap the map at (x, y), scrolled to the middle of the screen first; the metres a CSS pixel covers."""
        xmin, ymin, xmax, ymax = self.phones.server.view()["map"]["extent"]
        self.script(
            """const [across, down] = arguments;
            const frame = document.getElementById("map-scroll"), map = document.getElementById("map");
            frame.scrollLeft = across * map.offsetWidth - frame.clientWidth / 2;
            frame.scrollTop = down * map.offsetHeight - frame.clientHeight / 2;""",
            (x - xmin) / (xmax - xmin),
            (ymax - y) / (ymax - ymin),
        )
        left, top = self.picture_point(x, y)
        finger = ActionBuilder(self.driver)
        finger.pointer_action.move_to_location(round(left), round(top)).click()
        finger.perform()
        return (xmax - xmin) / self.element("map").rect["width"]

    def phone_id(self) -> str:
        return self.script("return localStorage.getItem('phone-id')")

    def requested(self) -> list[str]:
        return self.script("return performance.getEntriesByType('resource').map((entry) => entry.name)")

    def page_errors(self) -> list[str]:
        """Script errors and refusals of the Content-Security-Policy; answers such as a 400 are the page's business."""
        return [entry["message"] for entry in self.driver.get_log("browser") if entry["source"] != "network"]


@pytest.fixture
def atelier_file(qgis_app, tmp_path) -> Path:
    return sample_copy(tmp_path)


@pytest.fixture
def phones(atelier_file):
    with running_phone_server(atelier_file) as running:
        yield running


@pytest.fixture
def open_phone(phones, tmp_path):
    """Phones on the page, each with its own browser profile, closed after the test."""
    opened = []

    def open_in(language: str) -> Phone:
        opened.append(Phone(phones, tmp_path / f"browser-{len(opened)}", language))
        return opened[-1]

    yield open_in
    for phone in opened:
        phone.quit()


def stake_titled(path: Path, title: str) -> dict:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        rows = [dict(row) for row in connection.execute("SELECT * FROM stakes_point WHERE title = ?", (title,))]
    assert len(rows) == 1, f"{len(rows)} stakes titled {title!r}"
    return rows[0]


def stake_point(path: Path, uuid: str) -> tuple[float, float]:
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName("stakes_point")
    layer.SetAttributeFilter(f"uuid = '{uuid}'")
    feature = layer.GetNextFeature()  # held: its geometry lives only as long as it does
    point = feature.GetGeometryRef()
    return point.GetX(), point.GetY()


def attachments_of(path: Path, uuid: str) -> list[dict]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        query = "SELECT mime_type, width, height FROM attachments WHERE feature_uuid = ?"
        return [dict(row) for row in connection.execute(query, (uuid,))]


def phone_photo(folder: Path) -> Path:
    """A photo as a phone's camera takes it: 4000 × 3000 pixels, a few MB."""
    path = folder / "photo.jpg"
    Image.radial_gradient("L").resize((4000, 3000)).convert("RGB").save(path, quality=95)
    return path


def test_the_page_shows_the_map_and_its_stakes_in_french(phones, open_phone):
    phone = open_phone("fr")

    assert phone.script("return navigator.language").startswith("fr")
    assert phone.script("return document.documentElement.lang") == "fr"
    assert phone.text("atelier-name") == phones.atelier.metadata.title.upper()  # shown in capitals by the style
    assert phone.text("session-name") == phones.desk.session_title
    assert phone.text("hint-text") == "Touchez la carte à l'endroit de votre enjeu"
    assert phone.script("return document.getElementById('map-picture').naturalWidth") == 1600
    stakes = phones.server.stakes(None)["stakes"]
    assert len(phone.markers()) == len(stakes) > 5
    bray = next(stake for stake in stakes if stake["title"] == BRAY_SHOPS)
    assert phone.marker_lands_on(f"Enjeu : {BRAY_SHOPS}", bray["x"], bray["y"])
    marker = phone.marker(f"Enjeu : {BRAY_SHOPS}").rect
    assert marker["width"] >= 48 and marker["height"] >= 48  # a finger's target

    # Someone else's stake shows on the next poll; a new view of the projector brings a new picture.
    x, y = CHALMAISON
    phones.desk.contribute(new_phone(), {"x": x, "y": y, "theme": "energie", "title": "Éolienne"})
    phone.wait_until(lambda: phone.has_marker("Enjeu : Éolienne"), "the new stake never showed")
    _status, _headers, png = call(phones.url + "api/map.png")
    xmin, ymin, xmax, ymax = phones.server.view()["map"]["extent"]
    eastwards = (xmax - xmin) / 4
    phones.server.set_map_view(MapView(png, (xmin + eastwards, ymin, xmax + eastwards, ymax), 1600, 900))
    phone.wait_until(lambda: phone.element("map-picture").get_attribute("src").endswith("map.png?v=2"))
    phone.wait_until(lambda: phone.marker_lands_on(f"Enjeu : {BRAY_SHOPS}", bray["x"], bray["y"]))
    still_shown = len(phones.server.stakes(None)["stakes"])
    assert still_shown < len(stakes) + 1  # the stakes west of the new view are left out
    phone.wait_until(lambda: len(phone.markers()) == still_shown)
    assert phone.page_errors() == []


def test_a_tap_on_the_map_becomes_a_stake_in_the_atelier(phones, open_phone, atelier_file, tmp_path):
    phone = open_phone("fr")
    title = "Mare asséchée <b>près de</b> Chalmaison"  # shown as typed, never as HTML

    # A tap beyond the atelier is refused by the server; the form keeps what was typed.
    phone.tap_map(*BEYOND_THE_ATELIER)
    phone.wait_until(lambda: phone.element("stake-sheet").is_displayed())
    phone.chip("Eau et risques").click()
    phone.element("stake-title").send_keys(title)
    phone.element("stake-send").click()
    phone.wait_for_text("form-error", "Ce point est hors du territoire de l'atelier. Touchez la carte ailleurs.")
    assert phone.element("stake-title").get_attribute("value") == title

    # A second tap moves the pin; the rest of the form is filled in, with a photo from the camera.
    metres_per_pixel = phone.tap_map(*CHALMAISON)
    assert phone.text("form-error") == ""
    phone.chip("Menace").click()
    phone.element("stake-comment").send_keys("Plus d'eau depuis 2019.")
    phone.element("stake-photo").send_keys(str(phone_photo(tmp_path)))
    phone.wait_until(lambda: phone.element("photo-preview").is_displayed())
    if os.environ.get("PHONE_SCREENSHOT"):
        phone.script("document.querySelector('#stake-sheet .sheet-body').scrollTop = 0")
        phone.driver.save_screenshot(os.environ["PHONE_SCREENSHOT"])
    phone.element("stake-send").click()

    phone.wait_for_text("toast", "Merci ! Votre contribution est sur la carte.")
    assert not phone.element("stake-sheet").is_displayed()
    stake = stake_titled(atelier_file, title)
    assert (stake["author"], stake["theme"], stake["reading"]) == (PHONE_AUTHOR, "eau_risques", "menace")
    assert stake["comment"] == "Plus d'eau depuis 2019."
    x, y = stake_point(atelier_file, stake["uuid"])
    assert math.dist((x, y), CHALMAISON) < 2 * metres_per_pixel  # where the finger was, to a pixel or so
    photos = attachments_of(atelier_file, stake["uuid"])
    assert [(photo["mime_type"], max(photo["width"], photo["height"])) for photo in photos] == [("image/jpeg", 1600)]
    phone.wait_until(lambda: phone.has_marker(f"Enjeu : {title}"), "the new stake never showed")
    phone.marker(f"Enjeu : {title}").click()
    assert phone.text("vote-title") == title

    origin = phones.url.split("/t/")[0] + "/"
    assert phone.requested() and all(name.startswith(origin) for name in phone.requested())
    assert phone.page_errors() == []


def test_a_vote_from_the_page_counts_once(phones, open_phone, atelier_file):
    phone = open_phone("fr")
    identity = phone.phone_id()
    assert re.fullmatch(r"[\w-]{22}\.[\w-]{43}", identity)
    assert phones.server.identities.known_phone(identity) is not None  # issued by the server, not made up
    before = stake_titled(atelier_file, BRAY_SHOPS)

    phone.marker(f"Enjeu : {BRAY_SHOPS}").click()
    phone.wait_for_text("vote-title", BRAY_SHOPS)
    assert phone.text("vote-counts") == f"{before['votes_for']} pour · {before['votes_against']} contre"
    phone.element("vote-for").click()

    phone.wait_for_text("vote-message", "Merci, votre vote est compté.")
    assert stake_titled(atelier_file, BRAY_SHOPS)["votes_for"] == before["votes_for"] + 1
    assert phone.text("vote-counts") == f"{before['votes_for'] + 1} pour · {before['votes_against']} contre"
    assert phone.text("voted") == "Vous avez voté pour."
    assert not phone.element("vote-for").is_enabled() and not phone.element("vote-against").is_enabled()

    # The phone keeps its identity: after a reload, the server still knows its vote.
    phone.driver.refresh()
    phone.wait_until(lambda: phone.markers())
    assert phone.phone_id() == identity
    phone.marker(f"Enjeu : {BRAY_SHOPS}").click()
    assert phone.text("voted") == "Vous avez voté pour."
    assert not phone.element("vote-for").is_enabled()
    phone.element("vote-close").click()

    # A vote the page did not hear of (another tab, a lost answer): the server refuses the second.
    phone.marker(f"Enjeu : {DONNEMARIE_CHURCH}").click()
    phone.driver.execute_cdp_cmd("Network.enable", {})
    phone.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/stakes*"]})
    church = stake_titled(atelier_file, DONNEMARIE_CHURCH)
    status, _headers, _answer = call(phones.url + "api/votes", {"stake": church["uuid"], "value": 1}, phone.phone_id())
    assert status == 200
    phone.element("vote-against").click()
    phone.wait_for_text("vote-message", "Vous avez déjà voté sur cet enjeu.")
    assert not phone.element("vote-against").is_enabled()
    after = stake_titled(atelier_file, DONNEMARIE_CHURCH)
    assert (after["votes_for"], after["votes_against"]) == (church["votes_for"] + 1, church["votes_against"])


def test_a_page_whose_identity_the_server_does_not_know_gets_a_new_one_and_its_vote_counts(
    phones, open_phone, atelier_file
):
    phone = open_phone("fr")
    issued = phone.phone_id()
    # What an identity altered in the page, or kept from an earlier start of the server, looks like.
    phone.script("identity = arguments[0]", issued[:-1] + ("A" if issued[-1] != "A" else "B"))
    before = stake_titled(atelier_file, BRAY_SHOPS)

    phone.marker(f"Enjeu : {BRAY_SHOPS}").click()
    phone.element("vote-for").click()

    phone.wait_for_text("vote-message", "Merci, votre vote est compté.")
    assert stake_titled(atelier_file, BRAY_SHOPS)["votes_for"] == before["votes_for"] + 1
    renewed = phone.phone_id()
    assert renewed != issued and phones.server.identities.known_phone(renewed) is not None
    assert phone.page_errors() == []


def test_the_page_speaks_english_to_an_english_phone(phones, open_phone):
    phone = open_phone("en-US")

    assert phone.script("return navigator.language") == "en-US"
    assert phone.script("return document.documentElement.lang") == "en"
    assert phone.text("hint-text") == "Tap the map where your issue is"
    phone.marker(f"Issue: {BRAY_SHOPS}").click()
    assert phone.element("vote-for").text == "For"
    phone.element("vote-close").click()
    phone.tap_map(*CHALMAISON)
    phone.wait_until(lambda: phone.element("stake-sheet").is_displayed())
    assert phone.text("stake-sheet-title") == "New issue here"
    assert phone.chip("Water and risks").is_displayed()
    phone.element("stake-send").click()
    assert phone.text("form-error") == "Choose a theme."
    phone.element("stake-cancel").click()
    assert not phone.element("stake-sheet").is_displayed()
    assert not phone.element("pin").is_displayed()

    # Without a finger: Enter on the map puts the pin in the middle of it, Escape takes it away.
    phone.element("map-scroll").send_keys(Keys.ENTER)
    assert phone.element("stake-sheet").is_displayed() and phone.element("pin").is_displayed()
    phone.element("stake-title").send_keys(Keys.ESCAPE)
    assert not phone.element("stake-sheet").is_displayed()


def test_a_moderated_contribution_waits_for_the_facilitator(atelier_file, tmp_path):
    with running_phone_server(atelier_file, require_approval=True) as phones:
        phone = Phone(phones, tmp_path / "browser", "fr")
        try:
            phone.tap_map(*CHALMAISON)
            assert phone.element("moderation-note").is_displayed()
            phone.chip("Mobilité").click()
            phone.element("stake-title").send_keys("Arrêt de car à créer")
            phone.element("stake-send").click()
            phone.wait_for_text("toast", "Merci ! Votre contribution s'affichera après validation.")
            assert stake_titled(atelier_file, "Arrêt de car à créer")["moderation"] == "pending"
        finally:
            phone.quit()
