"""Photos of site visits: what a file holds, when and where it was taken, and its display copy.

Qt reads the images (``QImageReader``: the size from the header, then a display copy decoded
straight at its size and turned upright) and QGIS their EXIF (``exif.py``); nothing here
decodes an image format by hand, and no library beyond QGIS is needed. A photo that cannot be
read raises :class:`PhotoError` with a message for that file alone, so that an import can say
it and go on with the others.

Whatever the file, reading it stays within a known memory: the decode's needs are told from
the header (``decode_memory.py``) and an image over the budget is refused before it is decoded;
and the decodes run one at a time, in one thread of their own, so that several phones sending
photos at once do not add up: neither their decodes, nor what each thread's allocator keeps
after a decode (glibc gives each thread its own arena, and an arena keeps what it freed).
Qt 6's own allocation limit (``QImageReader.setAllocationLimit``) is left as it is: it is one
setting for the whole of QGIS, and the budget here, checked first, is the lower.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QMimeDatabase, QSize
from qgis.PyQt.QtGui import QImage, QImageReader, QImageWriter

from bassee_atelier_plugin.core.errors import AtelierError
from bassee_atelier_plugin.core.visits.decode_memory import decode_bytes, jpeg_cut_short
from bassee_atelier_plugin.core.visits.exif import exif_tags, position, taken_at
from bassee_atelier_plugin.toolbelt.i18n import tr

DEFAULT_PREVIEW_PIXELS = 1600  # the long side of the display copy
DEFAULT_MAX_MEGABYTES = 40  # past this, a file is refused: no phone or camera JPEG comes near it
MAX_PIXELS = 180_000_000  # past this, an image is refused unread: the largest cameras make 100 megapixels
# What one decode may allocate. With the photo's bytes (twice: Python's and Qt's) and its display
# copy, a photo then costs under 300 MB over the idle process, whatever the file. A 100-megapixel
# camera JPEG needs about 30 MB, a 50-megapixel progressive JPEG 165 MB (a 24-megapixel one
# without colour subsampling, 170 MB); a 13,000 x 13,000 grey PNG would need 850 MB.
DECODE_BUDGET_BYTES = 180_000_000
DECODES_AT_ONCE = 1  # the server's threads and an import wait their turn: their decodes never add up
_decoder = ThreadPoolExecutor(max_workers=DECODES_AT_ONCE, thread_name_prefix="atelier-photo-decode")
PREVIEW_QUALITY = 82
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif")


class PhotoError(AtelierError):
    """One file could not be taken in; the message says which and why."""


@dataclass(frozen=True)
class Photo:
    path: Path
    content: bytes  # the file's bytes, untouched
    sha256: str
    mime_type: str
    width: int  # as taken, in pixels
    height: int
    preview: bytes  # a JPEG no larger than the preview size, turned upright
    taken_at: str | None = None  # ISO UTC
    latitude: float | None = None  # WGS 84, from the EXIF GPS tags
    longitude: float | None = None
    accuracy_m: float | None = None  # the GPS's own horizontal error, when it gives one

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def read_photo(
    path: Path, preview_pixels: int = DEFAULT_PREVIEW_PIXELS, max_megabytes: float = DEFAULT_MAX_MEGABYTES
) -> Photo:
    """Read one photo file: its bytes, its EXIF time and position, and a display copy."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise PhotoError(tr("{file}: cannot be read ({error}).").format(file=path.name, error=error)) from error
    if size > max_megabytes * 1_000_000:
        raise PhotoError(
            tr("{file}: too large ({size:.0f} MB; the limit, set in the plugin's settings, is {limit:.0f} MB).").format(
                file=path.name, size=size / 1_000_000, limit=max_megabytes
            )
        )
    return photo_from_bytes(path.read_bytes(), path, preview_pixels)


def photo_from_bytes(content: bytes, path: Path, preview_pixels: int = DEFAULT_PREVIEW_PIXELS) -> Photo:
    """A photo held in memory (sent by a phone, say); ``path`` names it in messages and in the atelier."""
    reader, buffer = _reader(content)
    if not reader.canRead():
        raise PhotoError(_unsupported(path))
    size = reader.size()  # from the header: nothing decoded yet
    if not size.isValid():
        raise PhotoError(_damaged(path, reader.errorString()))
    if size.width() * size.height() > MAX_PIXELS:
        raise PhotoError(
            tr("{file}: too many pixels to be a photo ({width} × {height}).").format(
                file=path.name, width=size.width(), height=size.height()
            )
        )
    if bytes(reader.format()) == b"jpeg" and jpeg_cut_short(content):
        raise PhotoError(_damaged(path, tr("it stops before its end")))
    scaled = _display_size(size, preview_pixels)
    if decode_bytes(reader, content, scaled) > DECODE_BUDGET_BYTES:
        raise PhotoError(
            tr("{file}: too large an image to read here ({width} × {height}); export a smaller copy.").format(
                file=path.name, width=size.width(), height=size.height()
            )
        )
    preview = _preview(reader, scaled)
    buffer.close()
    if preview is None:
        raise PhotoError(_damaged(path, reader.errorString()))
    tags = exif_tags(content)
    latitude, longitude, accuracy = position(tags)
    return Photo(
        path=path,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        mime_type=QMimeDatabase().mimeTypeForData(QByteArray(content)).name(),
        width=size.width(),
        height=size.height(),
        preview=preview,
        taken_at=taken_at(tags),
        latitude=latitude,
        longitude=longitude,
        accuracy_m=accuracy,
    )


def photo_files(folder: Path) -> list[Path]:
    """The files of ``folder`` that look like photos, by name, in name order (subfolders left out)."""
    return sorted(path for path in Path(folder).iterdir() if path.is_file() and path.suffix.lower() in PHOTO_SUFFIXES)


def _unsupported(path: Path) -> str:
    if path.suffix.lower() in (".heic", ".heif"):
        return tr("{file}: HEIC photos cannot be read here (no decoder installed); export them as JPEG.").format(
            file=path.name
        )
    return tr("{file}: not an image format this plugin can read.").format(file=path.name)


def _damaged(path: Path, reason: str) -> str:
    return tr("{file}: the image is truncated or damaged ({error}).").format(file=path.name, error=reason)


def display_copy(content: bytes, preview_pixels: int = DEFAULT_PREVIEW_PIXELS) -> bytes:
    """The display-size JPEG of an image held in memory (one already known to be readable)."""
    reader, buffer = _reader(content)
    preview = _preview(reader, _display_size(reader.size(), preview_pixels))
    buffer.close()
    return preview


def _reader(content: bytes) -> tuple[QImageReader, QBuffer]:
    """A reader of ``content`` that turns the image upright as its EXIF orientation says."""
    buffer = QBuffer()
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    return reader, buffer  # the buffer is returned to be kept alive while the reader reads it


def _display_size(size: QSize, preview_pixels: int) -> QSize:
    """The size of the display copy: the long side at most ``preview_pixels``."""
    ratio = min(1.0, preview_pixels / max(size.width(), size.height(), 1))
    return QSize(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))


def _preview(reader: QImageReader, scaled: QSize) -> bytes | None:
    """A display-size JPEG, upright; None if the image cannot be decoded. Made in the decoding thread, in turn."""
    return _decoder.submit(_decode, reader, scaled).result()


def _decode(reader: QImageReader, scaled: QSize) -> bytes | None:
    """The reader decodes straight at the preview's size where it can (a JPEG at a fraction of its
    size, an 8-bit PNG row by row, then smoothed): a 12-megapixel photo never sits whole in memory.
    """
    reader.setScaledSize(scaled)
    image = reader.read()
    if image.isNull():
        return None
    output = QBuffer()
    output.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(output, b"jpeg")
    writer.setQuality(PREVIEW_QUALITY)
    writer.setOptimizedWrite(True)
    writer.write(image.convertToFormat(QImage.Format.Format_RGB888))
    return bytes(output.data())
