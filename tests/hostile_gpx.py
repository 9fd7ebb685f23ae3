"""GPX files no GPS writes: XML entity bombs, outside entities, positions off Earth, impossible times.

Each is a text and the refusal it must get (a regular expression), shared by the core's tests
(tests/qgis/test_gpx_refusals.py) and the command line's.
"""

from __future__ import annotations

GPX_OPEN = '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
UNSAFE = r"declares XML entities or refers to another file, which a GPS never writes; it is refused as unsafe\."


def gpx(body: str, prolog: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}{GPX_OPEN}\n{body}\n</gpx>\n'


def track(*positions: tuple[str, str], time: str = "2017-01-26T09:00:00Z") -> str:
    points = "".join(f'<trkpt lat="{lat}" lon="{lon}"><time>{time}</time></trkpt>\n' for lat, lon in positions)
    return f"<trk><name>Boucle</name><trkseg>\n{points}</trkseg></trk>"


def waypoint(lat: str, lon: str, name: str = "Halte", time: str | None = None) -> str:
    when = f"<time>{time}</time>" if time else ""
    return f'<wpt lat="{lat}" lon="{lon}">{when}<name>{name}</name></wpt>'


BILLION_LAUGHS = (
    "<!DOCTYPE gpx [\n"
    + "".join(f'<!ENTITY l{level} "{("&l" + str(level - 1) + ";") * 10 if level else "ha"}">\n' for level in range(9))
    + "]>\n"
)
QUADRATIC = f'<!DOCTYPE gpx [<!ENTITY big "{"x" * 20_000}">]>\n'
FINE = ("48.4148", "3.2378"), ("48.3985", "3.1475")

# name: (the file's text, what its refusal says)
REFUSED = {
    "track point at latitude 1000": (
        gpx(track(FINE[0], ("1000", "3.2"))),
        r"track point 2 at line 5: latitude 1000 out of range; the itinerary would run through it",
    ),
    "route point at longitude 500": (
        gpx('<rte><name>R</name><rtept lat="48.4" lon="3.2"/>\n<rtept lat="48.41" lon="500"/></rte>'),
        r"route point 2 at line 4: longitude 500 out of range",
    ),
    "track point at latitude NaN": (gpx(track(("NaN", "3.2"), FINE[1])), r"track point 1 at line 4: the position NaN"),
    "track point at infinite longitude": (gpx(track(FINE[0], ("48.4", "1e999"))), r"longitude 1e999 out of range"),
    "track point at latitude -inf": (gpx(track(FINE[0], ("-inf", "3.2"))), r"the position -inf, 3.2 is not a number"),
    "track point that is not a number": (gpx(track(FINE[0], ("48,41", "3.2"))), r"the position 48,41, 3.2 is not"),
    "billion laughs": (gpx(waypoint("48.4", "3.2", "&l8;"), BILLION_LAUGHS), UNSAFE),
    "quadratic blowup": (gpx(waypoint("48.4", "3.2", "&big;" * 2_000), QUADRATIC), UNSAFE),
    "external entity": (
        gpx(waypoint("48.4", "3.2", "&secret;"), '<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'),
        UNSAFE,
    ),
    "parameter entity": (
        gpx(
            waypoint("48.4", "3.2"),
            '<!DOCTYPE gpx [<!ENTITY % outside SYSTEM "http://127.0.0.1:9/evil.dtd"> %outside;]>\n',
        ),
        UNSAFE,
    ),
    "outside document type": (
        gpx(waypoint("48.4", "3.2"), '<!DOCTYPE gpx SYSTEM "file:///etc/passwd">\n'),
        UNSAFE,
    ),
    "month 13": (
        gpx(track(*FINE, time="2017-13-26T09:00:00Z")),
        r"track point 1 at line 4: the time 2017-13-26T09:00:00Z is not a date and time; nothing was added",
    ),
    "second 99 (found by the property tests)": (
        gpx(waypoint("48.4", "3.2", time="0000-00-00T00:00:99")),
        r"waypoint 1 at line 3: the time 0000-00-00T00:00:99 is not a date and time; nothing was added",
    ),
    "year 1 a day early": (
        gpx(waypoint("48.4", "3.2", time="0001-01-01T00:00:00+05:00")),
        r"the time .* is not a date and time; nothing was added",
    ),
    "the South Pole, out of Lambert-93's reach": (
        gpx(waypoint("-90", "3.2")),
        r"The position -90.0, 3.2 lies outside what the atelier's map can show",
    ),
}

# A document type that declares no entity and names no other file: harmless, so accepted.
HARMLESS_DOCTYPES = {
    "bare": "<!DOCTYPE gpx>\n",
    "element declarations": "<!DOCTYPE gpx [<!ELEMENT gpx ANY><!ATTLIST wpt lat CDATA #REQUIRED>]>\n",
}
