"""Every user-facing string of the plugin has its French translation committed."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ElementTree

from tests.conftest import REPO

FRENCH = REPO / "resources" / "i18n" / "bassee_atelier_plugin_fr.ts"


def messages(ts_file) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, None when unfinished."""
    tree = ElementTree.parse(ts_file)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation.get("type") not in ("unfinished", "obsolete") and translation.text
            found[(name, message.findtext("source"))] = translation.text if finished else None
    return found


def test_the_committed_french_file_covers_every_string_in_the_sources(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in (REPO / "bassee_atelier_plugin").rglob("*.py"))
    forms = sorted(str(path) for path in (REPO / "resources" / "ui").glob("*.ui"))
    subprocess.run(["pylupdate5", *sources, *forms, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = set(messages(fresh))
    committed = messages(FRENCH)
    missing = sorted(source for key, source in wanted if committed.get((key, source)) is None)
    assert wanted and missing == []


def test_placeholders_survive_translation():
    for (_context, source), translation in messages(FRENCH).items():
        if translation is None:
            continue
        placeholders = sorted(part.split("}")[0] for part in source.split("{")[1:])
        assert sorted(part.split("}")[0] for part in translation.split("{")[1:]) == placeholders, source
