"""Images small on disk and huge once decoded, for the photo reader's limits: its tests and its memory benchmark."""

from __future__ import annotations

import io
import math
import struct
import zlib

from PIL import Image

ADAM7_PASSES = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def plain_png(width: int, height: int, bit_depth: int, colour_type: int, interlaced: bool = False) -> bytes:
    """A valid PNG of one flat colour, written chunk by chunk: Pillow writes neither 16-bit colour nor Adam7."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    passes = ADAM7_PASSES if interlaced else ((0, 0, 1, 1),)
    compressor = zlib.compressobj(9)
    data = []
    for x0, y0, x_step, y_step in passes:
        pass_width, pass_height = math.ceil((width - x0) / x_step), math.ceil((height - y0) / y_step)
        row = bytes(1 + math.ceil(pass_width * channels * bit_depth / 8)) if pass_width else b""
        data.extend(compressor.compress(row) for _ in range(pass_height if pass_width else 0))
    data.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, int(interlaced))
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", b"".join(data)) + _chunk(b"IEND", b"")


def pillow_file(mode: str, size: tuple[int, int], kind: str, **options) -> bytes:
    """One flat colour saved by Pillow: ``kind`` is Pillow's format name, ``options`` its saving options."""
    output = io.BytesIO()
    Image.new(mode, size, 90).save(output, kind, **options)
    return output.getvalue()


# name: (how it is made, width, height); each refused by the reader, each under 1 MB on disk
HUGE_FILES = {
    "grey.png": (lambda: pillow_file("L", (13_000, 13_000), "PNG"), 13_000, 13_000),
    "deep.png": (lambda: plain_png(6_000, 6_000, 16, 2), 6_000, 6_000),  # 16-bit: 8 bytes a pixel
    "interlaced.png": (lambda: plain_png(8_000, 8_000, 8, 6, interlaced=True), 8_000, 8_000),
    "scan.tif": (lambda: pillow_file("RGB", (13_000, 13_000), "TIFF", compression="tiff_deflate"), 13_000, 13_000),
    "progressive.jpg": (  # without colour subsampling: 6 bytes of coefficients a pixel
        lambda: pillow_file("RGB", (8_000, 6_000), "JPEG", progressive=True, quality=90, subsampling=0),
        8_000,
        6_000,
    ),
}


def flat_png() -> bytes:
    """The issue's file: 13,000 x 13,000 8-bit RGB in 500 KB, which Qt shrinks row by row as it reads it."""
    return pillow_file("RGB", (13_000, 13_000), "PNG")
