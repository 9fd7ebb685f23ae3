"""The photos of the sample site visit, drawn here so that the sample data needs no image file.

Each drawing is a small, recognisable scene of the Bassée-Montois with its caption burnt in,
as a phone's photo of the visit would be; the content file names the drawing of each attachment.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

PHOTO_SIZE = (480, 320)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")  # fonts-dejavu-core, a QGIS dependency


def _font(size: int):
    from PIL import ImageFont

    if DEJAVU.exists():  # accents: Pillow's bundled font has no é or À
        return ImageFont.truetype(str(DEJAVU), size)
    return ImageFont.load_default(size=size)


def _caption(draw, text: str) -> None:
    width, height = PHOTO_SIZE
    draw.rectangle((0, height - 34, width, height), fill=(20, 20, 20))
    draw.text((12, height - 27), text, fill=(255, 255, 255), font=_font(16))


def photo_gravel_pit(caption: str) -> bytes:
    """A flooded gravel pit of the Bassée: sky, poplars, water, a heron, a gravel heap and its conveyor."""
    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(0, 170):  # winter sky
        shade = int(150 + 80 * y / 170)
        draw.line((0, y, width, y), fill=(shade - 40, shade - 10, min(255, shade + 20)))
    draw.ellipse((360, 30, 400, 70), fill=(250, 240, 200))  # low January sun
    for i, x in enumerate(range(10, width, 26)):  # a line of poplars on the far bank
        top = 95 + (i * 37) % 25
        draw.ellipse((x, top, x + 18, 175), fill=(70 + (i * 13) % 30, 90, 60))
    draw.polygon([(300, 175), (380, 110), (460, 175)], fill=(196, 176, 140))  # gravel heap
    draw.line((250, 175, 370, 118), fill=(60, 60, 60), width=5)  # conveyor belt
    draw.line((300, 175, 300, 150), fill=(60, 60, 60), width=3)
    draw.rectangle((0, 172, width, height), fill=(90, 130, 150))  # the lake
    for y in range(185, height - 40, 12):  # ripples
        draw.line((20 + (y * 7) % 60, y, 140 + (y * 7) % 60, y), fill=(140, 175, 190), width=2)
        draw.line((260 + (y * 5) % 50, y + 5, 360 + (y * 5) % 50, y + 5), fill=(140, 175, 190), width=2)
    draw.polygon([(0, 230), (120, 215), (200, 240), (0, 290)], fill=(120, 140, 80))  # reed bank
    for x in range(8, 190, 9):
        draw.line((x, 260 - (x * 3) % 25, x + 3, 232 - (x * 5) % 30), fill=(150, 130, 70), width=2)
    draw.line((160, 230, 160, 205), fill=(80, 80, 80), width=2)  # grey heron: legs,
    draw.ellipse((145, 185, 180, 205), fill=(150, 150, 155))  # body,
    draw.line((175, 190, 185, 165), fill=(150, 150, 155), width=4)  # neck,
    draw.polygon([(183, 162), (200, 166), (183, 169)], fill=(220, 170, 60))  # beak
    _caption(draw, caption)
    return _jpeg(image)


def photo_village_street(caption: str) -> bytes:
    """A street of a village centre with closed shops: facades, shutters, a 'À LOUER' sign."""
    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (185, 205, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 250, width, height), fill=(120, 120, 118))  # street
    draw.rectangle((0, 240, width, 252), fill=(170, 165, 155))  # pavement
    facades = [
        (0, 110, (225, 210, 180)),
        (120, 80, (205, 190, 170)),
        (240, 100, (230, 220, 200)),
        (360, 70, (215, 195, 165)),
    ]
    for index, (x, top, colour) in enumerate(facades):
        draw.rectangle((x, top, x + 118, 240), fill=colour, outline=(120, 110, 100))
        draw.polygon([(x - 4, top), (x + 59, top - 35), (x + 122, top)], fill=(150, 80, 60))  # tiled roof
        for wx in (x + 18, x + 70):  # upstairs windows with shutters
            draw.rectangle((wx, top + 25, wx + 30, top + 65), fill=(90, 110, 130))
            draw.rectangle((wx - 8, top + 25, wx - 1, top + 65), fill=(110, 140, 120))
            draw.rectangle((wx + 31, top + 25, wx + 38, top + 65), fill=(110, 140, 120))
        closed = index in (1, 3)
        draw.rectangle((x + 10, 175, x + 108, 238), fill=(150, 150, 150) if closed else (60, 80, 95))  # shop front
        if closed:
            for y in range(178, 238, 6):  # rolling shutter
                draw.line((x + 10, y, x + 108, y), fill=(120, 120, 120))
    draw.rectangle((138, 190, 218, 215), fill=(250, 250, 250), outline=(200, 30, 30), width=2)
    draw.text((146, 195), "À LOUER", fill=(200, 30, 30), font=_font(15))
    draw.rectangle((378, 190, 458, 215), fill=(250, 250, 250), outline=(200, 30, 30), width=2)
    draw.text((383, 196), "À VENDRE", fill=(200, 30, 30), font=_font(13))
    _caption(draw, caption)
    return _jpeg(image)


def _jpeg(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=72, optimize=True)
    return buffer.getvalue()


DRAWINGS = {"gravel_pit": photo_gravel_pit, "village_street": photo_village_street}


def photo_attachment(attributes: dict) -> dict:
    """An attachment's fields, its ``photo`` (a drawing and the caption on it) made into the stored file.

    The fields come in the order the sample's journal lines have always listed them.
    """
    from PIL import Image

    from bassee_atelier_plugin.core.visits.photos import display_copy

    photo = attributes["photo"]
    content = DRAWINGS[photo["drawing"]](photo["caption"])
    with Image.open(io.BytesIO(content)) as image:
        width, height = image.size
    return {
        **{name: attributes[name] for name in ("uuid", "created_at", "updated_at", "feature_uuid", "file_name")},
        "mime_type": "image/jpeg",
        "size_bytes": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": content,
        "caption": attributes["caption"],
        "preview": display_copy(content),
        "taken_at": attributes["taken_at"],
        "width": width,
        "height": height,
    }
