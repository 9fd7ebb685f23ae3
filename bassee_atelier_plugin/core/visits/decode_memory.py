"""How much memory Qt will take to decode an image to a given size, told from its header alone.

A file's size says nothing of its decode: a 500 KB PNG can hold 13,000 x 13,000 pixels. Qt
decodes the image whole except in two cases, which are counted at what they really take:

- JPEG: libjpeg decodes at a fraction of the size (DCT scaling, 1/8 to 8/8). A JPEG read in
  several scans (progressive, or one component per scan) also keeps every coefficient of the
  whole image, 2 bytes each, until its last scan.
- PNG, 8-bit colour, not interlaced: Qt's PNG handler shrinks each row as it reads it.

Every other image (interlaced or 16-bit PNG, TIFF, WebP, grey or palette PNG) is decoded whole,
then smoothed down; Qt first converts to 32 or 64 bits per pixel the formats it cannot smooth,
a second full-size copy.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QImage, QImageReader

# JPEG markers without a length: restarts, and the byte stuffed after 0xFF in coded data.
STANDALONE_JPEG_MARKERS = {0x00, 0x01, *range(0xD0, 0xD8)}
END_OF_IMAGE, START_OF_SCAN = 0xD9, 0xDA
FRAME_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
PROGRESSIVE_FRAME_MARKERS = {0xC2, 0xC6, 0xCA, 0xCE}
COEFFICIENT_BYTES_PER_BLOCK = 64 * 2  # libjpeg keeps each 8 x 8 block as 64 shorts
# The formats Qt smooths as they are; any other is first converted to 32 or 64 bits per pixel.
SMOOTHED_AS_THEY_ARE = {
    QImage.Format.Format_RGB32,
    QImage.Format.Format_ARGB32_Premultiplied,
    QImage.Format.Format_RGBX8888,
    QImage.Format.Format_RGBA8888_Premultiplied,
    QImage.Format.Format_RGBX64,
    QImage.Format.Format_RGBA64_Premultiplied,
}
UNKNOWN_FORMAT_BYTES_PER_PIXEL = 8  # a handler that does not say (WebP): decoded, then converted to smooth it


def decode_bytes(reader: QImageReader, content: bytes, scaled: QSize) -> int:
    """The bytes Qt will allocate to read ``content`` at ``scaled`` size, at most (a reader not read yet)."""
    size = reader.size()
    kind = bytes(reader.format())
    if kind == b"jpeg":
        return _jpeg_decode_bytes(content, size, scaled, _bytes_per_pixel(reader.imageFormat()))
    if kind == b"png" and _png_shrunk_row_by_row(content):
        return _pixels(scaled) * 4
    image_format = reader.imageFormat()
    if image_format == QImage.Format.Format_Invalid:
        return _pixels(size) * UNKNOWN_FORMAT_BYTES_PER_PIXEL
    whole = _pixels(size) * _bytes_per_pixel(image_format)
    if image_format in SMOOTHED_AS_THEY_ARE:
        return whole
    return whole + _pixels(size) * max(4, _bytes_per_pixel(image_format))


def jpeg_markers(content: bytes) -> Iterator[tuple[int, int]]:
    """Each marker of a JPEG and where it stands: segments are skipped by their length, scans to their next marker."""
    position = 2  # after the start-of-image marker
    while position + 1 < len(content):
        if content[position] != 0xFF:  # inside a scan's coded data
            position = content.find(b"\xff", position)
            if position < 0:
                return
            continue
        marker = content[position + 1]
        if marker == 0xFF:  # a fill byte
            position += 1
            continue
        yield marker, position
        if marker in STANDALONE_JPEG_MARKERS:
            position += 2
        else:
            position += 2 + int.from_bytes(content[position + 2 : position + 4], "big")


def jpeg_cut_short(content: bytes) -> bool:
    """Whether a JPEG stops before its end-of-image marker.

    Qt decodes a truncated JPEG without an error (libjpeg paints the missing part grey and only
    warns), so the markers are walked to the end.
    """
    return all(marker != END_OF_IMAGE for marker, _position in jpeg_markers(content))


def _jpeg_decode_bytes(content: bytes, size: QSize, scaled: QSize, bytes_per_pixel: int) -> int:
    # Qt picks the DCT scale M/8 (or, in older versions, 1/2^n) that is no smaller than asked:
    # never over twice the asked size across, never under an eighth of the image.
    width = max(math.ceil(size.width() / 8), min(size.width(), 2 * scaled.width()))
    height = max(math.ceil(size.height() / 8), min(size.height(), 2 * scaled.height()))
    return width * height * bytes_per_pixel + _jpeg_coefficient_bytes(content, size)


def _jpeg_coefficient_bytes(content: bytes, size: QSize) -> int:
    """What libjpeg keeps for a JPEG read in several scans: every block of every component; 0 for one scan."""
    frame = None  # (marker, sampling factors of each component)
    for marker, position in jpeg_markers(content):
        segment = content[position + 4 : position + 2 + int.from_bytes(content[position + 2 : position + 4], "big")]
        if marker in FRAME_MARKERS and frame is None:
            frame = (marker, _sampling(segment))
        elif marker == START_OF_SCAN and frame is not None:
            kind, sampling = frame
            all_in_one_scan = segment[:1] == bytes([len(sampling) % 256])
            if kind not in PROGRESSIVE_FRAME_MARKERS and all_in_one_scan:
                return 0
            return _coefficient_bytes(size, sampling)
        elif marker in (START_OF_SCAN, END_OF_IMAGE):
            break  # no frame before the first scan, or no scan: libjpeg stops before it allocates
    return 0


def _sampling(frame_header: bytes) -> list[tuple[int, int]]:
    """The sampling factors (across, down) of each component of a JPEG frame, from its header."""
    count = frame_header[5] if len(frame_header) > 5 else 0
    return [(factors >> 4 or 1, factors & 0x0F or 1) for factors in frame_header[7 : 6 + 3 * count : 3]]


def _coefficient_bytes(size: QSize, sampling: list[tuple[int, int]]) -> int:
    if not sampling:
        return 0
    most_across, most_down = max(h for h, _v in sampling), max(v for _h, v in sampling)
    total = 0
    for across, down in sampling:
        blocks_across = math.ceil(math.ceil(size.width() * across / most_across) / 8)
        blocks_down = math.ceil(math.ceil(size.height() * down / most_down) / 8)
        # libjpeg pads each component to whole MCUs
        total += _round_up(blocks_across, across) * _round_up(blocks_down, down) * COEFFICIENT_BYTES_PER_BLOCK
    return total


def _round_up(value: int, step: int) -> int:
    return -(-value // step) * step


def _png_shrunk_row_by_row(content: bytes) -> bool:
    """Whether Qt shrinks this PNG row by row: 8-bit RGB, grey with alpha or RGBA, not interlaced (its IHDR says)."""
    if content[12:16] != b"IHDR" or len(content) < 29:
        return False
    bit_depth, colour_type, interlace = content[24], content[25], content[28]
    return bit_depth == 8 and colour_type in (2, 4, 6) and interlace == 0


def _bytes_per_pixel(image_format) -> int:
    if image_format == QImage.Format.Format_Invalid:
        return UNKNOWN_FORMAT_BYTES_PER_PIXEL
    return max(1, math.ceil(QImage.toPixelFormat(image_format).bitsPerPixel() / 8))


def _pixels(size: QSize) -> int:
    return max(0, size.width()) * max(0, size.height())
