"""The QGIS projects a GeoPackage keeps, read as text: which file they name, and naming this one.

QGIS keeps a project in the ``qgis_projects`` table as a .qgz archive in hexadecimal text. Its
layers name the GeoPackage by a path relative to it (``./name.gpkg|layername=…``), which QGIS
resolves against the file it read the project from (QgsProject::pathResolver asks the project
storage for the file's path, from 3.22 to 3.44); its layouts, its atlases and the atelier's
layer-tree group name the file by its absolute path. Nothing in QGIS follows a renamed file:
the stored project of a renamed, moved or copied atelier still names the former file, gone, or
for a copy beside it the original.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape, unescape  # nosec B406 # escapes and unescapes text, parses no XML

from bassee_atelier_plugin.core.model.schema import TABLE_BY_NAME

# The archive's first 8 KiB: some 90 KB of XML, where the layer tree is, at its top.
HEAD_HEX_CHARS = 1 << 14
_LOCAL_HEADER = struct.Struct("<4s5H3I2H")  # a ZIP entry's local header: its name and its data follow
_LAYER_TAG = re.compile(r"<layer-tree-layer\b[^>]*>")
_SOURCE = re.compile(r'\bsource="([^"]*)"')
_QUOTE = {'"': "&quot;"}  # Qt escapes it in attribute values, not in text
_ENTITIES = {"&quot;": '"', "&apos;": "'"}
_ABSOLUTE = re.compile(r"[A-Za-z]:[/\\]|[/\\]")  # a drive, a root or a network share, on any system
# a stored project that is no archive of a .qgs, or not whole: there is nothing to follow in it, nor to repair
DAMAGED = (ValueError, zlib.error, zipfile.BadZipFile, StopIteration)


def former_path(reader, file: Path, project: str) -> str | None:
    """The path by which the stored ``project`` names the atelier's tables, if not ``file``; None when
    it names ``file``, or there is no such project. ``reader``: a read connection to ``file``.

    Cheap: only the start of the project is read and inflated, where its layer tree is.
    """
    if not _has_projects(reader):
        return None
    rows = list(
        reader.execute(
            "SELECT substr(content, 1, ?), length(content) > ? FROM qgis_projects WHERE name = ?",
            (HEAD_HEX_CHARS, HEAD_HEX_CHARS, project),
        )
    )
    if not rows:
        return None
    head, longer = rows[0]
    try:
        named = _named_path(_inflated_head(_text(head)) or "")
        if named is None and longer:  # a layer tree beyond the start: the whole project, then
            [(content,)] = reader.execute("SELECT content FROM qgis_projects WHERE name = ?", (project,))
            named = _named_path(_project_xml(_text(content))[1])
    except DAMAGED:
        return None
    return None if named is None or _names(named, file) else named


def point_projects_at(connection: sqlite3.Connection, file: Path, absolute_references: bool = True) -> None:
    """Have every project stored in the GeoPackage on ``connection`` name the atelier as ``file``.

    The layers' relative paths take ``file``'s name; with ``absolute_references``, so do the
    layouts', the atlases' and the atelier group's absolute paths to the former file (not for a
    copy written where it does not stay). The caller commits.
    """
    if not _has_projects(connection):
        return
    for name, stored in connection.execute("SELECT name, content FROM qgis_projects").fetchall():
        stored = _text(stored)
        try:
            entry, xml = _project_xml(stored)
        except DAMAGED:
            continue
        former = _named_path(xml)
        if former is None or _names(former, file):
            continue
        content = _archive(stored, entry, retarget(xml, former, file, absolute_references))
        connection.execute(
            "UPDATE qgis_projects SET content = ? WHERE name = ?",
            (content.upper() if stored.isupper() else content, name),
        )


def retarget(xml: str, former: str, file: Path, absolute_references: bool = True) -> str:
    """A project's XML naming ``file`` wherever it named the atelier's former file (``former``, as it named it)."""
    now = str(file) if _is_absolute(former) else f"./{file.name}"
    xml = _replace_values(xml, "|".join(re.escape(value) for value in _escaped(former)), now)
    if not absolute_references:
        return xml
    former_name = re.split(r"[/\\]", former)[-1]
    names = "|".join(re.escape(value) for value in _escaped(former_name))
    # an absolute path to a file of the former name: never a relative one (./, ../), which names another file
    return _replace_values(xml, rf'(?![.])[^"<>|]*[/\\](?:{names})', str(file))


def _replace_values(xml: str, pattern: str, value: str) -> str:
    """``xml`` with every whole path (an attribute's or element's value, or its part before ``|``) that ``pattern``
    matches made ``value``, escaped as the XML around it."""

    def replacement(match: re.Match) -> str:
        in_attribute = match.string[match.start() - 1] == '"'
        return escape(value, _QUOTE) if in_attribute else escape(value)

    return re.sub(rf'(?<=[>"])(?:{pattern})(?=[|<"])', replacement, xml)


def _named_path(xml: str) -> str | None:
    """The path by which a project's layer tree names the file of the atelier's own tables (not the
    context layers, whose table names a planner's other GeoPackages may share)."""
    for match in _LAYER_TAG.finditer(xml):
        tag = match.group(0)
        source = _SOURCE.search(tag)
        if source is None or 'providerKey="ogr"' not in tag:
            continue
        path, _, options = unescape(source.group(1), _ENTITIES).partition("|")
        table = options.partition("|")[0].removeprefix("layername=")
        if options.startswith("layername=") and table in TABLE_BY_NAME:
            return path
    return None


def _names(path: str, file: Path) -> bool:
    """True when ``path`` (as a stored project names a file, relative to the GeoPackage) names ``file``."""
    named = path if _is_absolute(path) else os.path.join(file.parent, path)
    return os.path.normcase(os.path.normpath(named)) == os.path.normcase(os.path.normpath(file))


def _is_absolute(path: str) -> bool:
    return os.path.isabs(path) or _ABSOLUTE.match(path) is not None


def _escaped(text: str) -> set[str]:
    return {escape(text), escape(text, _QUOTE)}  # as an element's text, as an attribute's value


def _has_projects(connection) -> bool:
    return bool(list(connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'qgis_projects'")))


def _text(content: str | bytes) -> str:
    return content.decode("ascii") if isinstance(content, bytes) else content


def _inflated_head(hex_head: str) -> str | None:
    """The start of the .qgs of a stored archive, from the start of the archive; None if it is not its first entry."""
    data = bytes.fromhex(hex_head[: len(hex_head) // 2 * 2])
    if len(data) < _LOCAL_HEADER.size:
        return None
    signature, _version, _flags, method, *_, name_length, extra_length = _LOCAL_HEADER.unpack_from(data)
    name = data[_LOCAL_HEADER.size : _LOCAL_HEADER.size + name_length]
    if signature != b"PK\x03\x04" or method != zipfile.ZIP_DEFLATED or not name.endswith(b".qgs"):
        return None
    start = _LOCAL_HEADER.size + name_length + extra_length
    # the text may end inside a character: it is only searched
    return zlib.decompressobj(-zlib.MAX_WBITS).decompress(data[start:]).decode("utf-8", "ignore")


def _project_xml(stored: str) -> tuple[str, str]:
    """The .qgs entry of a stored archive (hexadecimal text), and its XML."""
    with zipfile.ZipFile(io.BytesIO(bytes.fromhex(stored))) as archive:
        entry = next(name for name in archive.namelist() if name.endswith(".qgs"))
        return entry, archive.read(entry).decode("utf-8")


def _archive(stored: str, entry: str, xml: str) -> str:
    """The stored archive (hexadecimal text) with the XML of ``entry`` replaced by ``xml``."""
    rewritten = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes.fromhex(stored))) as archive:
        with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                target.writestr(info, xml.encode("utf-8") if info.filename == entry else archive.read(info))
    return rewritten.getvalue().hex()
