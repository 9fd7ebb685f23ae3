"""Write a plugin repository for QGIS's Plugin Manager: plugins.xml, describing the ZIP beside it (``make repository``).

    python scripts/plugin_repository.py dist/PLUGIN-VERSION.zip --url https://intranet.example/qgis-plugins

``--url`` is the folder's address as every QGIS reads it (``file:////server/share/folder`` for a
Windows share, ``file:///srv/folder``, or ``https://...``): the ZIP is downloaded from there.
The Plugin Manager names a plugin after ``file_name`` up to its first dot, so that is the plugin's
folder name followed by the version, whatever the ZIP itself is called.
"""

from __future__ import annotations

import argparse
import configparser
import shutil
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

# plugins.xml's element: the metadata.txt key it comes from
ELEMENTS = {
    "description": "description",
    "about": "about",
    "version": "version",
    "qgis_minimum_version": "qgisMinimumVersion",
    "qgis_maximum_version": "qgisMaximumVersion",
    "homepage": "homepage",
    "author_name": "author",
    "author_email": "email",
    "changelog": "changelog",
    "tags": "tags",
    "category": "category",
    "tracker": "tracker",
    "repository": "repository",
    "experimental": "experimental",
    "deprecated": "deprecated",
}


def plugin_metadata(package: zipfile.ZipFile) -> tuple[str, configparser.SectionProxy]:
    """The plugin's folder name in the ZIP and its metadata, read as QGIS reads them (with interpolation)."""
    folder = package.namelist()[0].split("/")[0]
    parser = configparser.ConfigParser()
    parser.optionxform = str
    parser.read_string(package.read(f"{folder}/metadata.txt").decode("utf-8"))
    return folder, parser["general"]


def repository_xml(package_path: Path, url: str) -> tuple[ElementTree.ElementTree, str | None]:
    """plugins.xml for the ZIP at ``package_path`` read from ``url``; and the icon to copy beside it, if any."""
    with zipfile.ZipFile(package_path) as package:
        folder, metadata = plugin_metadata(package)
        built = max(datetime(*entry.date_time, tzinfo=timezone.utc) for entry in package.infolist())
        icon = f"{folder}/{metadata['icon']}" if metadata.get("icon") else None
    version = metadata["version"]
    plugins = ElementTree.Element("plugins")
    plugin = ElementTree.SubElement(plugins, "pyqgis_plugin", name=metadata["name"], version=version)
    for element, key in ELEMENTS.items():
        ElementTree.SubElement(plugin, element).text = metadata.get(key, "")
    base = url.rstrip("/")
    ElementTree.SubElement(plugin, "file_name").text = f"{folder}.{version}.zip"
    ElementTree.SubElement(plugin, "download_url").text = f"{base}/{quote(package_path.name)}"
    if icon:
        ElementTree.SubElement(plugin, "icon").text = f"{base}/{quote(Path(icon).name)}"
    for element in ("create_date", "update_date"):
        ElementTree.SubElement(plugin, element).text = built.isoformat()
    ElementTree.indent(plugins)
    return ElementTree.ElementTree(plugins), icon


def main(argv: list[str]) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("package", type=Path, help="the plugin's ZIP, from make package")
    arguments.add_argument("--url", required=True, help="the address of the folder that holds the ZIP")
    arguments.add_argument("-o", "--output", type=Path, help="plugins.xml (default: beside the ZIP)")
    options = arguments.parse_args(argv)
    output = options.output or options.package.with_name("plugins.xml")
    tree, icon = repository_xml(options.package, options.url)
    tree.write(output, encoding="UTF-8", xml_declaration=True)
    if icon:
        with zipfile.ZipFile(options.package) as package, package.open(icon) as source:
            with open(output.parent / Path(icon).name, "wb") as target:
                shutil.copyfileobj(source, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
