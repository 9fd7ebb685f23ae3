"""A hostile title pasted into the phone page, in a real headless Chromium: phones see its words, never its codes.

The title carries terminal escape codes, right-to-left overrides, invisible characters and a
<script> (see tests/hostile_text.py). It is pasted (set as the field's value, as a paste does,
control characters and all), sent, and then shown on every phone: the marker's name and the
vote sheet's title read the words in order, and no script runs.
"""

from __future__ import annotations

from tests.hostile_text import CLEAN_TITLE, HIDDEN, HOSTILE_TITLE
from tests.qgis import test_phone_page as page
from tests.qgis.test_phone_page import CHALMAISON

# the fixtures of the phone page's tests: pytest finds them by their names here
atelier_file, phones, open_phone = page.atelier_file, page.phones, page.open_phone

pytestmark = page.needs_chromium


def test_a_pasted_hostile_title_shows_as_words_on_every_phone(open_phone):
    sender, watcher = open_phone("fr"), open_phone("fr")
    scripts = sender.script("return document.scripts.length")

    sender.tap_map(*CHALMAISON)
    sender.wait_until(lambda: sender.element("stake-sheet").is_displayed())
    sender.chip("Eau et risques").click()
    sender.script("arguments[0].value = arguments[1]", sender.element("stake-title"), HOSTILE_TITLE)
    sender.element("stake-send").click()
    sender.wait_for_text("toast", "Merci ! Votre contribution est sur la carte.")

    label = f"Enjeu : {CLEAN_TITLE}"
    for phone in (sender, watcher):
        phone.wait_until(lambda phone=phone: phone.has_marker(label), "the new stake never showed as its words")
        phone.marker(label).click()
        phone.wait_for_text("vote-title", CLEAN_TITLE)
        shown = phone.script("return document.body.innerText")
        assert not HIDDEN.search(shown), [match.group() for match in HIDDEN.finditer(shown)]
        assert phone.script("return document.scripts.length") == scripts  # the <script> is text, not an element
        assert phone.page_errors() == []
