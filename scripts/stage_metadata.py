"""Write the plugin's metadata.txt as it ships (``make stage``).

metadata.txt holds what the plugin says of itself, publishing.cfg the addresses that a publisher
fills in, CHANGELOG.md the changes: each is written in one place only, and joined here.

    python scripts/stage_metadata.py metadata.txt publishing.cfg CHANGELOG.md -o build/PLUGIN/metadata.txt
"""

from __future__ import annotations

import argparse
import configparser
import re
import sys
from pathlib import Path

PUBLISHING_KEYS = ("homepage", "tracker", "repository")
PLACEHOLDER_HOST = "example.invalid"
GENERATED_KEYS = (*PUBLISHING_KEYS, "changelog")
RELEASE_HEADING = re.compile(r"^## \[(?P<name>[^\]]+)\](?:\s*-\s*(?P<date>\S+))?")
SECTION_HEADING = re.compile(r"^### (?P<name>.+)")
ITEM = re.compile(r"^[-*] (?P<text>.*)")


def changelog_lines(markdown: str, version: str) -> list[str]:
    """CHANGELOG.md as metadata's changelog: each release, its sections, one line per change."""
    lines: list[str] = []
    for raw in markdown.splitlines():
        release, section, item = RELEASE_HEADING.match(raw), SECTION_HEADING.match(raw), ITEM.match(raw)
        if release:
            name = version if release["name"].lower() == "unreleased" else release["name"]
            when = "unreleased" if release["name"].lower() == "unreleased" else release["date"]
            lines.append(f"{name} ({when})" if when else name)
        elif section and lines:
            lines.append(f"{section['name'].strip()}:")
        elif item and lines:
            lines.append(f"- {item['text'].strip()}")
        elif raw.startswith("  ") and raw.strip() and lines and lines[-1].startswith("- "):
            lines[-1] += " " + raw.strip()  # a change written on several lines
    return lines


def publishing_urls(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    missing = [key for key in PUBLISHING_KEYS if not parser.get("urls", key, fallback="").strip()]
    if missing:
        raise SystemExit(f"{path}: [urls] needs {', '.join(missing)}")
    return {key: parser.get("urls", key).strip() for key in PUBLISHING_KEYS}


def staged_metadata(metadata: str, urls: dict[str, str], changelog: list[str]) -> str:
    """metadata.txt with the addresses and the changelog added to its [general] section."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # QGIS's keys are camelCase
    parser.read_string(metadata)
    written_twice = [key for key in GENERATED_KEYS if parser.has_option("general", key)]
    if written_twice:
        raise SystemExit(
            f"metadata.txt sets {', '.join(written_twice)}: they come from publishing.cfg and CHANGELOG.md only"
        )
    # QGIS and plugins.qgis.org read metadata.txt with configparser's interpolation: % is written %%
    entries = [f"{key}={value}" for key, value in urls.items()]
    entries.append("changelog=" + "".join(f"\n    {line.replace('%', '%%')}" for line in changelog))
    return metadata.rstrip("\n") + "\n" + "\n".join(entries) + "\n"


def main(argv: list[str]) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("metadata", type=Path)
    arguments.add_argument("publishing", type=Path)
    arguments.add_argument("changelog", type=Path)
    arguments.add_argument("-o", "--output", type=Path, required=True)
    options = arguments.parse_args(argv)
    metadata = options.metadata.read_text(encoding="utf-8")
    version = re.search(r"^version=(.+)$", metadata, re.MULTILINE)[1].strip()
    urls = publishing_urls(options.publishing)
    changes = changelog_lines(options.changelog.read_text(encoding="utf-8"), version)
    options.output.write_text(staged_metadata(metadata, urls, changes), encoding="utf-8")
    placeholders = [key for key, url in urls.items() if PLACEHOLDER_HOST in url]
    if placeholders:
        print(
            f"note: {options.publishing} still has placeholder addresses ({', '.join(placeholders)}): "
            "plugins.qgis.org refuses them; fill them in before uploading there.",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
