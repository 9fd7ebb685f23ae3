"""Build the sample data of the plugin: the Bassée-Montois territory and a sample atelier.

Run from the repository root::

    .venv/bin/python sample_data/build_sample_data.py [--territory-dir ../shared/territory] [--output-dir sample_data]

It writes, in Lambert-93 (EPSG:2154):

* ``bassee_montois_territory.gpkg``: layers ``communes`` (name, insee, population),
  ``territory`` (the outline of the CC Bassée-Montois: siren, name) and ``rivers`` (the
  Seine: name), from the IGN ADMIN EXPRESS / DGCL / Natural Earth files of the territory
  folder (see its SOURCES.md);
* ``bassee_montois_atelier.gpkg``: an atelier telling a small, plausible story of the
  2017 Atelier des territoires of Bassée-Montois ("mieux vivre dans le périurbain"):
  three sessions (January site visit, June workshop, October restitution), stakes,
  sketches, observations with photos, a roadmap of orientations and actions.

The story is invented for demonstration and tests (people are roles or made-up names);
places are real. Everything is deterministic: UUIDs are uuid5 of fixed names, every
timestamp is given, the photos are drawn here; running the script twice gives the same
rows in every table.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from bassee_atelier_plugin.core.lifecycle.creating import create_atelier

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(REPO))

TERRITORY_FILE = "bassee_montois_territory.gpkg"
ATELIER_FILE = "bassee_montois_atelier.gpkg"
CRS = "EPSG:2154"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/bassee-atelier-plugin/sample_data")
AUTHOR = "Équipe de conception"
TERRITORY_NAME = "CC Bassée-Montois"
COORDINATE_DECIMALS = 2  # centimetres: far below the sources' precision, stable across PROJ versions


def uid(name: str) -> str:
    """The fixed UUID of one sample feature."""
    return str(uuid.uuid5(NAMESPACE, name))


def at(day: str, time: str) -> str:
    """A fixed UTC timestamp, in the form the atelier stores."""
    return f"{day}T{time}.000Z"


# -- 1. the territory --------------------------------------------------------------------


def _round(geometry):
    import numpy as np
    import shapely

    return shapely.transform(geometry, lambda coords: np.round(coords, COORDINATE_DECIMALS))


def _oriented(geometry):
    """Polygons with counter-clockwise outer rings (the sources are clockwise)."""
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    if isinstance(geometry, Polygon):
        return orient(geometry, 1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(part, 1.0) for part in geometry.geoms])
    return geometry


def read_territory(territory_dir: Path) -> dict:
    """The communes, the EPCI outline and the Seine, in Lambert-93, with normalised columns."""
    import geopandas as gpd

    def load(name: str):
        path = territory_dir / name
        if not path.exists():
            raise SystemExit(f"{path}: no such file (is --territory-dir the shared territory folder?)")
        frame = gpd.read_file(path).to_crs(CRS)
        frame["geometry"] = [_round(_oriented(geometry)) for geometry in frame.geometry]
        return frame

    communes = load("bassee_montois_communes.geojson")
    communes = gpd.GeoDataFrame(
        {
            "name": communes["nom"].astype(str),
            "insee": communes["code"].astype(str),
            "population": communes["pmun_2025"].astype("int32"),
        },
        geometry=communes.geometry.values,
        crs=CRS,
    ).sort_values("insee", ignore_index=True)
    epci = load("bassee_montois_epci.geojson")
    territory = gpd.GeoDataFrame(
        {"siren": epci["siren"].astype(str), "name": epci["nom"].astype(str)}, geometry=epci.geometry.values, crs=CRS
    )
    seine = load("seine_naturalearth_10m_clip.geojson")
    rivers = gpd.GeoDataFrame({"name": seine["name"].astype(str)}, geometry=seine.geometry.values, crs=CRS)
    if len(communes) != 42:
        raise SystemExit(f"expected the 42 communes of the CC Bassée-Montois, found {len(communes)}")
    return {"communes": communes, "territory": territory, "rivers": rivers}


def write_layers(path: Path, layers: dict) -> None:
    """Write GeoDataFrames as the layers of one GeoPackage 1.2, replacing the file."""
    import pyogrio

    if path.exists():
        path.unlink()
    for name, frame in layers.items():
        pyogrio.write_dataframe(
            frame,
            path,
            layer=name,
            driver="GPKG",
            append=path.exists(),
            dataset_options={"VERSION": "1.2"},
            layer_options={"FID": "fid", "GEOMETRY_NAME": "geom", "SPATIAL_INDEX": "YES"},
        )


# -- 2. places of the story --------------------------------------------------------------


class Places:
    """Real places of the territory, from the commune polygons and the Seine line."""

    def __init__(self, territory: dict):
        self.communes = {row.name: row.geometry for row in territory["communes"].itertuples()}
        self.seine = territory["rivers"].geometry.iloc[0]
        self.outline = territory["territory"].geometry.iloc[0]

    def commune(self, name: str):
        return self.communes[name]

    def centre(self, name: str):
        """A point inside the commune (its representative point, close to the village)."""
        return self.communes[name].representative_point()

    def on_seine(self, x: float):
        """The point of the Seine at easting ``x``."""
        from shapely.geometry import LineString

        cut = self.seine.intersection(LineString([(x, 6_790_000), (x, 6_840_000)]))
        return cut if cut.geom_type == "Point" else list(cut.geoms)[0]

    def seine_between(self, x_west: float, x_east: float):
        """The stretch of the Seine between two eastings, west to east."""
        from shapely.geometry import LineString
        from shapely.ops import substring

        start = self.seine.project(self.on_seine(x_west))
        end = self.seine.project(self.on_seine(x_east))
        part = substring(self.seine, min(start, end), max(start, end))
        coords = list(part.coords)
        if coords[0][0] > coords[-1][0]:
            coords.reverse()
        return LineString(coords)

    def inside(self, geometry):
        """The part of a drawing that lies in the territory."""
        return geometry.intersection(self.outline.buffer(-150))

    def valley(self, x_west: float, x_east: float, width: float):
        """The floodplain band along the Seine, clipped to the territory."""
        band = self.seine_between(x_west, x_east).buffer(width, cap_style="flat", join_style="round")
        return band.intersection(self.outline)


def wkt(geometry) -> str:
    """WKT of a single-part geometry, rounded to the centimetre."""
    if geometry.geom_type.startswith("Multi"):
        geometry = max(geometry.geoms, key=lambda part: part.area or part.length)
    return _round(_oriented(geometry)).wkt


def point(x: float, y: float):
    from shapely.geometry import Point

    return Point(x, y)


def polyline(*points):
    from shapely.geometry import LineString

    return LineString([(p.x, p.y) if hasattr(p, "x") else p for p in points])


def ellipse(centre, rx: float, ry: float, angle: float = 0.0):
    from shapely import affinity
    from shapely.geometry import Point

    circle = Point(centre.x, centre.y).buffer(1.0, 32)
    return affinity.rotate(affinity.scale(circle, rx, ry), angle)


# -- 3. photos ---------------------------------------------------------------------------

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


def attachment(feature_uuid: str, name: str, content: bytes, caption: str, taken_at: str) -> dict:
    from PIL import Image

    from bassee_atelier_plugin.core.visits.photos import display_copy

    with Image.open(io.BytesIO(content)) as image:
        width, height = image.size
    return {
        "feature_uuid": feature_uuid,
        "file_name": name,
        "mime_type": "image/jpeg",
        "size_bytes": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": content,
        "caption": caption,
        "preview": display_copy(content),
        "taken_at": taken_at,
        "width": width,
        "height": height,
    }


# -- 4. the story ------------------------------------------------------------------------


def numbered_ids(prefix: str) -> Callable[[], str]:
    """Fixed UUIDs (uuid5 of a rank) for the rows the writer names itself: the journal lines."""
    counter = itertools.count(1)
    return lambda: uid(f"{prefix}/{next(counter):04d}")


def tracked(key: str, when: str, /, **attributes) -> dict:
    """Attributes of a story feature with its fixed uuid and timestamps."""
    return {"uuid": uid(key), "created_at": when, "updated_at": when, **attributes}


def write_story(atelier, places: Places) -> None:
    from bassee_atelier_plugin.core.atelier.writer import writer

    january, june, october = "2017-01-26", "2017-06-15", "2017-10-12"
    visit, workshop, restitution = (
        uid("session/visite-janvier"),
        uid("session/atelier-juin"),
        uid("session/restitution-octobre"),
    )

    journal_ids = numbered_ids("journal")
    # -- the three sessions, the groups and the actors ----------------------------------
    with writer(atelier, AUTHOR, new_id=journal_ids) as w:
        w.insert(
            "sessions",
            tracked(
                "session/visite-janvier",
                at("2016-12-15", "09:00:00"),
                kind="visite",
                title="Arpentage de la Bassée et du Montois",
                held_on=january,
                place="Départ de la mairie de Bray-sur-Seine, en car",
            ),
        )
        w.insert(
            "sessions",
            tracked(
                "session/atelier-juin",
                at("2017-05-22", "09:00:00"),
                kind="atelier",
                title="Atelier : quelle attractivité pour la Bassée-Montois ?",
                held_on=june,
                place="Salle des fêtes de Donnemarie-Dontilly",
            ),
        )
        w.insert(
            "sessions",
            tracked(
                "session/restitution-octobre",
                at("2017-09-25", "09:00:00"),
                kind="restitution",
                title="Restitution : feuille de route partenariale",
                held_on=october,
                place="Salle polyvalente de Bray-sur-Seine",
            ),
        )
    groups = {
        "car-vallee": (visit, january, "Car 1 — Vallée de la Seine"),
        "car-plateau": (visit, january, "Car 2 — Plateau du Montois"),
        "table-vallee": (workshop, june, "Table 1 — Eau, nature et loisirs"),
        "table-bourgs": (workshop, june, "Table 2 — Centres-bourgs, services, mobilité"),
        "pleniere": (restitution, october, "Plénière"),
    }
    for key, (session, day, name) in groups.items():
        with writer(atelier, AUTHOR, session, new_id=journal_ids) as w:
            w.insert("session_groups", tracked(f"group/{key}", at(day, "08:30:00"), name=name))
    actors = {
        "conception": (
            "Équipe de conception",
            "Groupement paysagistes, urbanistes, écologues",
            "equipe_conception",
            True,
        ),
        "cc": ("Vice-président chargé de l'aménagement", "CC Bassée-Montois", "elu", True),
        "ddt": ("Chargée de mission Atelier des territoires", "DDT de Seine-et-Marne", "service_etat", True),
        "chambre": (
            "Conseiller territorial",
            "Chambre d'agriculture de Seine-et-Marne",
            "chambre_consulaire",
            True,
        ),
        "reserve": ("Conservateur", "Réserve naturelle nationale de la Bassée", "association", True),
        "departement": (
            "Chargée de développement territorial",
            "Département de Seine-et-Marne",
            "collectivite",
            True,
        ),
        "habitante": ("Sophie Marchand", "Habitante de Donnemarie-Dontilly", "habitant", False),
        "habitant": ("Habitant de Jaulnes", None, "habitant", True),
    }
    for key, (name, organisation, actor_type, consent) in actors.items():
        session, day = (workshop, june) if key in ("habitante", "habitant", "departement") else (visit, january)
        with writer(atelier, AUTHOR, session, new_id=journal_ids) as w:
            w.insert(
                "actors",
                tracked(
                    f"actor/{key}",
                    at(day, "08:45:00"),
                    name=name,
                    organisation=organisation,
                    actor_type=actor_type,
                    consent=consent,
                ),
            )

    def stake_row(key, day, time, group, actor, theme, reading, title, comment, priority=None):
        return tracked(
            f"stake/{key}",
            at(day, time),
            group_uuid=uid(f"group/{group}"),
            actor_uuid=uid(f"actor/{actor}"),
            theme=theme,
            reading=reading,
            title=title,
            comment=comment,
            priority=priority,
        )

    # eastings along the Seine, which crosses the territory from x = 705 600 (La Tombe) to 729 400
    seine_x = {
        "west": 705_700,
        "chatenay": 707_000,
        "bazoches": 713_000,
        "bray": 718_000,
        "jaulnes": 721_000,
        "noyen": 724_500,
        "east": 729_300,
    }

    # -- January: the site visit, its observations and the first stakes ------------------
    with writer(atelier, AUTHOR, visit, new_id=journal_ids) as w:
        gravel_obs = uid("observation/graviere-balloy")
        lake = places.on_seine(711_300)
        w.insert(
            "observations",
            tracked(
                "observation/graviere-balloy",
                at(january, "10:52:00"),
                group_uuid=uid("group/car-vallee"),
                actor_uuid=uid("actor/reserve"),
                note="Gravière réaménagée à Balloy : hérons, pas d'accès public",
                observed_at=at(january, "10:40:00"),
                accuracy_m=8.0,
            ),
            wkt(point(lake.x, lake.y - 450)),
        )
        shops_obs = uid("observation/rue-bray")
        bray = places.centre("Bray-sur-Seine")
        w.insert(
            "observations",
            tracked(
                "observation/rue-bray",
                at(january, "15:20:00"),
                group_uuid=uid("group/car-plateau"),
                actor_uuid=uid("actor/cc"),
                note="Bray : quatre vitrines vides sur 200 m",
                observed_at=at(january, "15:05:00"),
                accuracy_m=5.0,
            ),
            wkt(bray),
        )
        w.insert(
            "attachments",
            tracked(
                "attachment/graviere-balloy",
                at(january, "10:52:30"),
                **attachment(
                    gravel_obs,
                    "graviere_balloy_2017-01-26.jpg",
                    photo_gravel_pit("Gravière réaménagée — Balloy, 26/01/2017"),
                    "Plan d'eau d'une ancienne gravière, vu depuis le chemin de halage",
                    at(january, "10:40:00"),
                ),
            ),
        )
        w.insert(
            "attachments",
            tracked(
                "attachment/rue-bray",
                at(january, "15:21:00"),
                **attachment(
                    shops_obs,
                    "bray_grande_rue_2017-01-26.jpg",
                    photo_village_street("Centre-bourg — Bray-sur-Seine, 26/01/2017"),
                    "Commerces fermés dans la grande rue",
                    at(january, "15:05:00"),
                ),
            ),
        )
        w.insert(  # the valley car's route: along the Seine from the gravel pits to Bray
            "itineraries",
            tracked(
                "itinerary/vallee",
                at(january, "16:30:00"),
                group_uuid=uid("group/car-vallee"),
                name="Arpentage de la vallée",
                source="gpx",
                started_at=at(january, "09:30:00"),
                ended_at=at(january, "15:30:00"),
            ),
            wkt(
                polyline(
                    point(lake.x - 2_500, lake.y - 600), point(lake.x, lake.y - 450), places.on_seine(715_000), bray
                )
            ),
        )
        w.insert(
            "stakes_area",
            stake_row(
                "reserve-naturelle",
                january,
                "11:30:00",
                "car-vallee",
                "reserve",
                "biodiversite_paysage",
                "atout",
                "Réserve naturelle nationale de la Bassée",
                "Dernière grande plaine alluviale inondable d'Île-de-France : forêt alluviale, prairies humides, "
                "noues et oiseaux d'eau. Un atout reconnu, encore peu connu des habitants.",
                1,
            ),
            wkt(places.valley(seine_x["jaulnes"] - 500, seine_x["noyen"] + 2_500, 850)),
        )
        w.insert(
            "stakes_area",
            stake_row(
                "gravieres",
                january,
                "11:00:00",
                "car-vallee",
                "conception",
                "economie_emploi",
                "menace",
                "Extension des gravières de la Bassée aval",
                "Les carrières de granulats alimentent les chantiers du Grand Paris ; chaque extension "
                "consomme des terres agricoles et des prairies humides. Quel réaménagement après exploitation ?",
                2,
            ),
            wkt(places.valley(seine_x["chatenay"], seine_x["bazoches"], 800)),
        )
        w.insert(
            "stakes_point",
            stake_row(
                "bray-vitrines",
                january,
                "15:30:00",
                "car-plateau",
                "cc",
                "habitat_centres_bourgs",
                "faiblesse",
                "Bray-sur-Seine : commerces vacants en centre-bourg",
                "Une dizaine de vitrines vides, logements vacants à l'étage ; les achats partent vers Provins "
                "et Montereau.",
                1,
            ),
            wkt(point(bray.x + 120, bray.y + 80)),
        )
        w.insert(
            "stakes_point",
            stake_row(
                "donnemarie-patrimoine",
                january,
                "14:10:00",
                "car-plateau",
                "conception",
                "tourisme_patrimoine",
                "atout",
                "Donnemarie-Dontilly : église Notre-Dame et son cloître",
                "Un patrimoine remarquable au cœur du bourg, à relier aux circuits de Provins (cité médiévale "
                "classée au patrimoine mondial, à 15 km).",
                2,
            ),
            wkt(places.centre("Donnemarie-Dontilly")),
        )
        w.insert(
            "stakes_area",
            stake_row(
                "plateau-montois",
                january,
                "13:20:00",
                "car-plateau",
                "chambre",
                "agriculture",
                "atout",
                "Grandes cultures du plateau du Montois",
                "Des sols limoneux parmi les meilleurs du département ; des exploitations qui cherchent à "
                "diversifier leurs revenus (circuits courts, énergie).",
                2,
            ),
            wkt(
                places.commune("Sognolles-en-Montois")
                .union(places.commune("Cessoy-en-Montois"))
                .union(places.commune("Lizines"))
                .union(places.commune("Savins"))
                .union(places.commune("Mons-en-Montois"))
                .union(places.commune("Thénisy"))
                .buffer(-250)
                .simplify(60)
            ),
        )

    # -- June: the workshop, two tables around the map ------------------------------------
    with writer(atelier, AUTHOR, workshop, new_id=journal_ids) as w:
        w.insert(
            "stakes_area",
            stake_row(
                "crues",
                june,
                "10:05:00",
                "table-vallee",
                "ddt",
                "eau_risques",
                "menace",
                "Champ d'expansion des crues de la Seine",
                "La crue de juin 2016 a rappelé que la Bassée protège l'aval en se laissant inonder : "
                "pas d'urbanisation nouvelle dans la plaine, des habitants à informer.",
                1,
            ),
            wkt(places.valley(seine_x["west"], seine_x["east"], 1_500)),
        )
        w.insert(
            "stakes_area",
            stake_row(
                "casier-pilote",
                june,
                "10:25:00",
                "table-vallee",
                "ddt",
                "eau_risques",
                "opportunite",
                "Projet de casier pilote de stockage des crues",
                "Le projet de l'EPTB Seine Grands Lacs entre Balloy et Gravon : une digue et des prairies "
                "inondables, à concilier avec l'agriculture et les chemins de randonnée.",
                2,
            ),
            wkt(ellipse(point(709_200, 6_810_900), 1_700, 650, 18)),
        )
        w.insert(
            "stakes_line",
            stake_row(
                "grand-gabarit",
                june,
                "10:45:00",
                "table-vallee",
                "cc",
                "economie_emploi",
                "opportunite",
                "Mise à grand gabarit de la Seine Bray – Nogent",
                "Des péniches de 2 500 t jusqu'à Nogent : du fret en moins sur les routes, mais des travaux "
                "dans la réserve naturelle. Débat vif entre les tables.",
                2,
            ),
            wkt(places.seine_between(seine_x["bray"], seine_x["east"])),
        )
        w.insert(
            "stakes_line",
            stake_row(
                "boucle-velo",
                june,
                "11:00:00",
                "table-vallee",
                "departement",
                "tourisme_patrimoine",
                "opportunite",
                "Itinéraire cyclable de la vallée de la Seine",
                "Relier Montereau, Bray et Nogent à vélo par les chemins de halage et les digues des gravières ; "
                "faire étape à Bray.",
                2,
            ),
            wkt(
                places.inside(
                    places.seine_between(seine_x["west"], seine_x["bray"] + 300)
                    .offset_curve(-700, join_style="round")
                    .simplify(150)
                )
            ),
        )
        w.insert(
            "stakes_line",
            stake_row(
                "camions-provins",
                june,
                "14:10:00",
                "table-bourgs",
                "habitant",
                "mobilite",
                "menace",
                "Poids lourds des carrières entre Bray et Provins",
                "La traversée des villages par les camions de granulats : bruit, sécurité des enfants devant "
                "l'école, chaussées abîmées.",
                2,
            ),
            wkt(
                places.inside(
                    polyline(
                        bray,
                        (719_050, 6_815_600),
                        places.centre("Everly"),
                        (720_400, 6_820_300),
                        (721_300, 6_826_500),
                    )
                )
            ),
        )
        w.insert(
            "stakes_point",
            stake_row(
                "gare-flamboin",
                june,
                "14:25:00",
                "table-bourgs",
                "departement",
                "mobilite",
                "atout",
                "Gare de Flamboin-Gouaix (ligne P)",
                "La seule gare du territoire, à 1 h 30 de Paris-Est ; parking saturé, aucun rabattement en car "
                "depuis le plateau, pas d'abri vélos.",
                1,
            ),
            wkt(point(721_900, 6_816_700)),
        )
        w.insert(
            "stakes_point",
            stake_row(
                "medecins",
                june,
                "14:40:00",
                "table-bourgs",
                "habitante",
                "equipements_services",
                "menace",
                "Départ des médecins généralistes",
                "Deux départs à la retraite non remplacés : il faut aller à Provins ou Montereau. "
                "« Sans voiture, on ne se soigne plus. »",
                1,
            ),
            wkt(places.centre("Montigny-Lencoup")),
        )
        w.insert(
            "stakes_point",
            stake_row(
                "methanisation",
                june,
                "15:00:00",
                "table-bourgs",
                "chambre",
                "energie",
                "opportunite",
                "Unité de méthanisation collective du Montois",
                "Un projet porté par un groupe d'agriculteurs : valoriser effluents et cultures intermédiaires, "
                "injecter le biométhane dans le réseau de gaz. Vigilance sur le trafic et les odeurs.",
                3,
            ),
            wkt(point(713_900, 6_822_600)),
        )
        w.insert(
            "stakes_point",
            stake_row(
                "lotissement",
                june,
                "15:15:00",
                "table-bourgs",
                "habitante",
                "habitat_centres_bourgs",
                "menace",
                "Lotissements en extension des villages",
                "Des pavillons en entrée de village alors que le centre se vide : on perd les deux à la fois, "
                "les terres et le bourg.",
                3,
            ),
            wkt(places.centre("Gurcy-le-Châtel")),
        )

        # votes and statuses, at the end of the workshop
        votes = {
            "stakes_area": {
                "reserve-naturelle": (17, 0, "retenu"),
                "gravieres": (9, 4, "debattu"),
                "plateau-montois": (11, 1, "retenu"),
                "crues": (15, 0, "retenu"),
                "casier-pilote": (7, 6, "debattu"),
            },
            "stakes_point": {
                "bray-vitrines": (16, 0, "retenu"),
                "donnemarie-patrimoine": (12, 2, "retenu"),
                "gare-flamboin": (14, 1, "retenu"),
                "medecins": (13, 0, "retenu"),
                "methanisation": (8, 5, "debattu"),
                "lotissement": (3, 9, "ecarte"),
            },
            "stakes_line": {
                "grand-gabarit": (8, 9, "debattu"),
                "boucle-velo": (12, 1, "retenu"),
                "camions-provins": (10, 2, "retenu"),
            },
        }
        for table, rows in votes.items():
            for key, (votes_for, votes_against, status) in rows.items():
                w.update(
                    table,
                    uid(f"stake/{key}"),
                    {
                        "votes_for": votes_for,
                        "votes_against": votes_against,
                        "status": status,
                        "updated_at": at(june, "16:30:00"),
                    },
                )

        # the sketches the tables drew
        w.insert(
            "sketches_line",
            tracked(
                "sketch/corridor-seine",
                at(june, "11:20:00"),
                group_uuid=uid("group/table-vallee"),
                actor_uuid=uid("actor/reserve"),
                kind="corridor_ecologique",
                label="Corridor écologique de la vallée de la Seine",
            ),
            wkt(
                places.inside(
                    places.seine_between(seine_x["west"], seine_x["east"])
                    .offset_curve(1_100, join_style="round")
                    .simplify(400)
                )
            ),
        )
        w.insert(
            "sketches_area",
            tracked(
                "sketch/centralite-donnemarie",
                at(june, "15:40:00"),
                group_uuid=uid("group/table-bourgs"),
                actor_uuid=uid("actor/conception"),
                kind="centralite",
                label="Centralité du Montois : Donnemarie-Dontilly",
            ),
            wkt(ellipse(places.centre("Donnemarie-Dontilly"), 1_500, 1_050, 25)),
        )

        # the roadmap, drafted at the end of the workshop
        orientations = [
            (
                "vallee",
                "Faire de la Bassée un atout : eau, nature et loisirs",
                "Vivre avec le fleuve et ses crues, réaménager les gravières, ouvrir la réserve aux habitants.",
            ),
            (
                "bourgs",
                "Redonner vie aux centres-bourgs et aux services de proximité",
                "Habiter et commercer au centre plutôt qu'en extension ; garder médecins et services.",
            ),
            (
                "ressources",
                "Relier le territoire et valoriser ses ressources agricoles et énergétiques",
                "Rabattre vers la gare, diversifier l'agriculture du plateau, produire de l'énergie locale.",
            ),
        ]
        for position, (key, title, description) in enumerate(orientations, start=1):
            w.insert(
                "orientations",
                tracked(
                    f"orientation/{key}",
                    at(june, "16:45:00"),
                    position=position,
                    title=title,
                    description=description,
                ),
            )
        actions = [
            (
                "gravieres",
                "vallee",
                "renaturer",
                "moyen",
                "CC Bassée-Montois",
                "Carriers (UNICEM Île-de-France), Réserve naturelle, Agence de l'eau Seine-Normandie, communes",
                "Plan concerté de réaménagement des gravières",
                "Un schéma commun de fin d'exploitation : plans d'eau renaturés, berges en pente douce, "
                "accès publics et pêche là où la réserve le permet.",
                places.valley(seine_x["chatenay"] + 600, seine_x["bazoches"] - 600, 550),
                ["gravieres", "casier-pilote", "crues"],
            ),
            (
                "decouverte",
                "vallee",
                "valoriser",
                "court",
                "Département de Seine-et-Marne",
                "CC Bassée-Montois, Réserve naturelle, Seine-et-Marne Attractivité, Office de tourisme du Provinois",
                "Boucle de découverte de la Bassée et halte de Bray",
                "Un sentier de la réserve, des points de vue sur les noues, une halte fluviale et vélo à Bray.",
                ellipse(point(720_300, 6_814_300), 2_300, 700, 20),
                ["reserve-naturelle", "boucle-velo", "grand-gabarit"],
            ),
            (
                "centre-bray",
                "bourgs",
                "requalifier",
                "moyen",
                "Commune de Bray-sur-Seine",
                "CC Bassée-Montois, DDT de Seine-et-Marne, Anah, CCI Seine-et-Marne",
                "Revitalisation du centre-bourg de Bray-sur-Seine",
                "Racheter et rénover des logements vacants, un local commercial à l'essai, requalifier la grande rue.",
                ellipse(bray, 550, 380, 10),
                ["bray-vitrines", "lotissement"],
            ),
            (
                "gare",
                "ressources",
                "relier",
                "court",
                "CC Bassée-Montois",
                "Île-de-France Mobilités, SNCF, Département de Seine-et-Marne, communes du plateau",
                "Rabattement vers la gare de Flamboin-Gouaix",
                "Transport à la demande depuis le plateau, parking agrandi et abri vélos sécurisé.",
                ellipse(point(721_900, 6_816_700), 700, 500),
                ["gare-flamboin", "camions-provins", "medecins"],
            ),
            (
                "methanisation",
                "ressources",
                "developper",
                "long",
                "Chambre d'agriculture de Seine-et-Marne",
                "CC Bassée-Montois, ADEME, GRDF, agriculteurs du Montois",
                "Méthanisation collective et circuits courts du Montois",
                "Accompagner le projet collectif de méthanisation et un point de vente de producteurs à Donnemarie.",
                ellipse(point(713_900, 6_822_600), 1_200, 900, 40),
                ["methanisation", "plateau-montois"],
            ),
        ]
        for position, (
            key,
            orientation,
            kind,
            horizon,
            lead,
            partners,
            title,
            description,
            zone,
            stakes,
        ) in enumerate(actions, start=1):
            w.insert(
                "actions",
                tracked(
                    f"action/{key}",
                    at(june, "17:00:00"),
                    orientation_uuid=uid(f"orientation/{orientation}"),
                    position=position,
                    title=title,
                    kind=kind,
                    horizon=horizon,
                    lead=lead,
                    partners=partners,
                    status="propose",
                    description=description,
                ),
                wkt(zone),
            )
            for stake in stakes:
                w.insert(
                    "action_stakes",
                    tracked(
                        f"action_stake/{key}/{stake}",
                        at(june, "17:05:00"),
                        action_uuid=uid(f"action/{key}"),
                        stake_uuid=uid(f"stake/{stake}"),
                    ),
                )

    # -- October: the restitution validates the roadmap ------------------------------------
    with writer(atelier, AUTHOR, restitution, new_id=journal_ids) as w:
        decisions = {
            "gravieres": "retenu",
            "decouverte": "retenu",
            "centre-bray": "retenu",
            "gare": "retenu",
            "methanisation": "debattu",
        }
        for key, status in decisions.items():
            w.update("actions", uid(f"action/{key}"), {"status": status, "updated_at": at(october, "11:30:00")})
        w.update(
            "stakes_line",
            uid("stake/grand-gabarit"),
            {
                "status": "retenu",
                "updated_at": at(october, "11:45:00"),
                "comment": "Des péniches de 2 500 t jusqu'à Nogent : du fret en moins sur les routes, "
                "mais des travaux "
                "dans la réserve naturelle. Retenu en restitution, sous réserve de mesures compensatoires.",
            },
        )


# -- 5. the atelier ----------------------------------------------------------------------


def build_atelier(path: Path, territory_gpkg: Path, territory: dict) -> None:
    from bassee_atelier_plugin.core.presentation.project import write_presentation

    atelier = create_atelier(
        path,
        territory=TERRITORY_NAME,
        crs=CRS,
        force=True,
        title="Atelier des territoires — Bassée-Montois",
        national_theme="Mieux vivre dans le périurbain (2016-2017)",
        contact="DDT de Seine-et-Marne — Atelier des territoires (données d'exemple)",
        created_at=at("2016-12-15", "09:00:00"),
    )
    for name in ("communes", "territory", "rivers"):
        atelier.add_context_layer(name, territory_gpkg, source_layer=name)
    write_story(atelier, Places(territory))
    write_presentation(atelier)
    with atelier.dataset(update=True) as dataset:
        dataset.ExecuteSQL("VACUUM")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--territory-dir", type=Path, default=REPO.parent / "shared" / "territory")
    parser.add_argument("--output-dir", type=Path, default=REPO / "sample_data")
    args = parser.parse_args(argv)
    if not args.territory_dir.is_dir():
        raise SystemExit(f"{args.territory_dir}: the shared territory folder is missing")
    args.output_dir.mkdir(parents=True, exist_ok=True)

    from bassee_atelier_plugin.toolbelt.qgis_runtime import ensure_qgis

    ensure_qgis()
    territory = read_territory(args.territory_dir)
    territory_gpkg = args.output_dir / TERRITORY_FILE
    write_layers(territory_gpkg, territory)
    atelier_gpkg = args.output_dir / ATELIER_FILE
    build_atelier(atelier_gpkg, territory_gpkg, territory)
    for path in (territory_gpkg, atelier_gpkg):
        print(f"{path}: {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
