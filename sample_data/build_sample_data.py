"""Build the sample data of the plugin: the Bassée-Montois territory and a sample atelier.

Run from the repository root::

    .venv/bin/python sample_data/build_sample_data.py [--territory-dir ../shared/territory] [--output-dir sample_data]

It writes, in Lambert-93 (EPSG:2154):

* ``bassee_montois_territory.gpkg``: layers ``communes`` (name, insee, population),
  ``territory`` (the outline of the CC Bassée-Montois: siren, name) and ``rivers`` (the
  Seine: name), from the IGN ADMIN EXPRESS / DGCL / Natural Earth files of the territory
  folder (see its SOURCES.md);
* ``bassee_montois_atelier.gpkg``: the atelier that ``bassee_montois_content.json`` tells,
  a small, plausible story of the 2017 Atelier des territoires of Bassée-Montois ("mieux
  vivre dans le périurbain"): three sessions (January site visit, June workshop, October
  restitution), stakes, sketches, observations with photos, a roadmap of orientations and
  actions. How to read that file: README.md beside it.

The story is invented for demonstration and tests (people are roles or made-up names);
places are real. Everything is deterministic: UUIDs are uuid5 of fixed names, every
timestamp is given, the photos are drawn here; running the script twice gives the same
rows in every table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(REPO))

from sample_data.photos import photo_attachment  # noqa: E402
from sample_data.places import Places, oriented, rounded, wkt  # noqa: E402

CONTENT_FILE = Path(__file__).resolve().parent / "bassee_montois_content.json"
TERRITORY_FILE = "bassee_montois_territory.gpkg"
ATELIER_FILE = "bassee_montois_atelier.gpkg"
CRS = "EPSG:2154"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/bassee-atelier-plugin/sample_data")


def uid(name: str) -> str:
    """The fixed UUID of one sample row, from its name in the content file ("stake/crues")."""
    return str(uuid.uuid5(NAMESPACE, name))


# -- 1. the territory --------------------------------------------------------------------


def read_territory(territory_dir: Path) -> dict:
    """The communes, the EPCI outline and the Seine, in Lambert-93, with normalised columns."""
    import geopandas as gpd

    def load(name: str):
        path = territory_dir / name
        if not path.exists():
            raise SystemExit(f"{path}: no such file (is --territory-dir the shared territory folder?)")
        frame = gpd.read_file(path).to_crs(CRS)
        frame["geometry"] = [rounded(oriented(geometry)) for geometry in frame.geometry]
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


# -- 2. the story ------------------------------------------------------------------------


def numbered_ids(prefix: str) -> Callable[[], str]:
    """Fixed UUIDs (uuid5 of a rank) for the rows the writer names itself: the journal lines."""
    counter = itertools.count(1)
    return lambda: uid(f"{prefix}/{next(counter):04d}")


def fields(step: dict) -> dict:
    """The columns of a step, in its order, with the names of rows (``uuid``, ``..._uuid``) made UUIDs.

    A new row was last updated when it was created: ``updated_at`` follows ``created_at``, the
    order in which the journal line of the insert lists them.
    """
    values = {}
    for name, value in step.items():
        if name.startswith("_") or name in ("insert", "update", "delete", "geometry"):
            continue
        values[name] = uid(value) if (name == "uuid" or name.endswith("_uuid")) and value is not None else value
        if name == "created_at":
            values["updated_at"] = value
    return photo_attachment(values) if "photo" in values else values


def write_story(atelier, places: Places, content: dict) -> None:
    """Write the chapters of the content file in order, each in its session, every change journalled."""
    from bassee_atelier_plugin.core.atelier.writer import writer

    journal_ids = numbered_ids("journal")
    for chapter in content["chapters"]:
        session = chapter["session"] and uid(chapter["session"])
        with writer(atelier, content["author"], session, new_id=journal_ids) as w:
            for step in chapter["steps"]:
                values = fields(step)
                if "insert" in step:
                    geometry = step.get("geometry")
                    w.insert(step["insert"], values, geometry and wkt(places.shape(geometry)))
                elif "delete" in step:
                    w.delete(step["delete"], values["uuid"], deleted_at=values["deleted_at"])
                else:
                    w.update(step["update"], values.pop("uuid"), values)


# -- 3. the atelier ----------------------------------------------------------------------


def build_atelier(path: Path, territory_gpkg: Path, territory: dict) -> None:
    from bassee_atelier_plugin.core.lifecycle.creating import create_atelier
    from bassee_atelier_plugin.core.presentation.project import write_presentation

    content = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    atelier = create_atelier(path, crs=CRS, force=True, **content["atelier"])
    for name in ("communes", "territory", "rivers"):
        atelier.add_context_layer(name, territory_gpkg, source_layer=name)
    write_story(atelier, Places(territory), content)
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
