"""Write a plugin repository for QGIS's Plugin Manager (``make repository``): a folder to copy as it is.

    python scripts/plugin_repository.py dist/PLUGIN-VERSION.zip --url https://intranet.example/qgis -o dist/repository

The folder holds plugins.xml, the ZIP named ``PLUGIN.VERSION.zip`` and the plugin's icon. That is
how plugins.qgis.org names its ZIPs, what the Plugin Manager takes a plugin's folder name from
(``file_name`` up to its first dot) and where the QGIS Deployment Toolbelt looks for a version.
``--url`` is the folder's address as every QGIS reads it (``file:////server/share/folder`` for a
Windows share, ``file:///srv/folder``, or ``https://...``).
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


def repository_xml(package_path: Path, url: str) -> tuple[ElementTree.ElementTree, str, str | None]:
    """plugins.xml for the ZIP at ``package_path`` read from ``url``; the ZIP's name there; its icon in the ZIP."""
    with zipfile.ZipFile(package_path) as package:
        folder, metadata = plugin_metadata(package)
        built = max(datetime(*entry.date_time, tzinfo=timezone.utc) for entry in package.infolist())
        icon = f"{folder}/{metadata['icon']}" if metadata.get("icon") else None
    version = metadata["version"]
    plugins = ElementTree.Element("plugins")
    plugin = ElementTree.SubElement(plugins, "pyqgis_plugin", name=metadata["name"], version=version)
    for element, key in ELEMENTS.items():
        ElementTree.SubElement(plugin, element).text = metadata.get(key, "")
    base, file_name = url.rstrip("/"), f"{folder}.{version}.zip"
    ElementTree.SubElement(plugin, "file_name").text = file_name
    ElementTree.SubElement(plugin, "download_url").text = f"{base}/{quote(file_name)}"
    if icon:
        ElementTree.SubElement(plugin, "icon").text = f"{base}/{quote(Path(icon).name)}"
    for element in ("create_date", "update_date"):
        ElementTree.SubElement(plugin, element).text = built.isoformat()
    ElementTree.indent(plugins)
    return ElementTree.ElementTree(plugins), file_name, icon


def main(argv: list[str]) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("package", type=Path, help="the plugin's ZIP, from make package")
    arguments.add_argument("--url", required=True, help="the address of the folder that holds the ZIP")
    arguments.add_argument("-o", "--output", type=Path, required=True, help="the repository's folder, made anew")
    options = arguments.parse_args(argv)
    tree, file_name, icon = repository_xml(options.package, options.url)
    shutil.rmtree(options.output, ignore_errors=True)
    options.output.mkdir(parents=True)
    tree.write(options.output / "plugins.xml", encoding="UTF-8", xml_declaration=True)
    shutil.copyfile(options.package, options.output / file_name)
    if icon:
        with zipfile.ZipFile(options.package) as package, package.open(icon) as source:
            with open(options.output / Path(icon).name, "wb") as target:
                shutil.copyfileobj(source, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
