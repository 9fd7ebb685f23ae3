"""``python -m bassee_atelier_plugin``: the atelier for the team, without opening QGIS."""

from __future__ import annotations

import argparse
import json
import sys

from bassee_atelier_plugin.core.errors import AtelierError

EXIT_PROBLEMS = 1
EXIT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bassee_atelier_plugin",
        description="Atelier des Territoires: create, describe and check atelier GeoPackages.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser(
        "init",
        help="create an empty atelier",
        description="Create an empty atelier GeoPackage, or a shared atelier in a PostGIS database "
        "(postgresql://user@host:port/database?schema=atelier; the password from ~/.pgpass or a service file).",
    )
    init.add_argument("path", help="the .gpkg file to create, or a postgresql:// address")
    init.add_argument("--territory", required=True, help="name of the territory, e.g. 'CC Bassée-Montois'")
    init.add_argument(
        "--crs", default="EPSG:2154", help="projected CRS of the atelier (default: EPSG:2154, Lambert-93)"
    )
    init.add_argument("--communes", help="a vector file of the communes, copied in as a context layer")
    init.add_argument("--title", help="title of the atelier (default: from the territory)")
    init.add_argument("--force", action="store_true", help="replace an existing file")
    init.set_defaults(handler=_init)

    info = commands.add_parser("info", help="print a JSON summary", description="Print a JSON summary of an atelier.")
    info.add_argument("path")
    info.set_defaults(handler=_info)

    validate = commands.add_parser(
        "validate",
        help="check that a file is a sound atelier",
        description="Exit 0 when the file is a sound atelier, otherwise 1 with one line per problem.",
    )
    validate.add_argument("path")
    validate.set_defaults(handler=_validate)

    snapshot = commands.add_parser(
        "snapshot",
        help="render the atelier to a PNG picture",
        description="Render the atelier's QGIS project, at its default view, to a PNG picture.",
    )
    snapshot.add_argument("path")
    snapshot.add_argument("-o", "--output", required=True, help="the .png file to write")
    snapshot.add_argument("--width", type=int, default=1920, help="width in pixels (default: %(default)s)")
    snapshot.add_argument("--height", type=int, default=1080, help="height in pixels (default: %(default)s)")
    snapshot.set_defaults(handler=_snapshot)

    photos = commands.add_parser(
        "import-photos",
        help="make observations of a folder of geotagged photos",
        description="Store the photos of FOLDER in the atelier, each with an observation where its EXIF puts it "
        "(or joined to a nearby one of the session). Exit 1 when some files were refused.",
    )
    photos.add_argument("path", help="the atelier")
    photos.add_argument("folder", help="the folder of photos (subfolders are left out)")
    _add_visit_options(photos, "photo")
    photos.add_argument("--no-originals", action="store_true", help="keep only the display copy of each photo")
    photos.set_defaults(handler=_import_photos)

    gpx = commands.add_parser(
        "import-gpx",
        help="add a GPX file's itinerary and waypoints to a session",
        description="Add the track (or route) of FILE as the session's itinerary and each waypoint as an "
        "observation (joined to a nearby one of the session). Exit 1 when some waypoints were skipped.",
    )
    gpx.add_argument("path", help="the atelier")
    gpx.add_argument("file", help="the .gpx file")
    _add_visit_options(gpx, "waypoint")
    gpx.set_defaults(handler=_import_gpx)

    export = commands.add_parser(
        "export",
        help="write a deliverable of the atelier",
        description="Write a deliverable of the atelier, made with the layouts stored in it: "
        "synthese, the synthesis of the workshops (.pdf); feuille-de-route, the roadmap (.pdf, .csv or .ods); "
        "fiches, one sheet per action (.pdf); fiches-communes, one sheet per commune (.pdf); "
        "evolution, what changed between two sessions (.pdf or .csv); "
        "replay, a session drawn minute by minute (.gif, with --session).",
    )
    from bassee_atelier_plugin.core.deliverables.exports import KINDS

    export.add_argument("kind", choices=(*KINDS, "replay"), help="the deliverable")
    export.add_argument("path", help="the atelier")
    export.add_argument("-o", "--output", required=True, help="the file to write (.pdf, or .csv/.ods for the roadmap)")
    export.add_argument(
        "--from",
        dest="first",
        help="evolution: the earlier session, by UUID or title (default: the one before the last)",
    )
    export.add_argument(
        "--to", dest="second", help="evolution: the later session, by UUID or title (default: the last)"
    )
    export.add_argument("--session", help="replay: the session to replay, by UUID or title")
    export.add_argument(
        "--commune",
        dest="communes",
        metavar="INSEE",
        nargs="+",
        action="extend",
        default=[],
        help="fiches-communes: only the sheets of these communes, by INSEE code",
    )
    export.add_argument(
        "--concerned",
        action="store_true",
        help="fiches-communes: only the communes with a stake, action or observation",
    )
    export.set_defaults(handler=_export)

    package = commands.add_parser(
        "package",
        help="write the handoff package of the atelier",
        description="Write one self-contained GeoPackage for the team: data, styles, the QGIS project and its "
        "layouts, attachments, journal and metadata; compacted and validated before it is declared done.",
    )
    package.add_argument("path", help="the atelier")
    package.add_argument("-o", "--output", required=True, help="the package to write (.gpkg)")
    package.add_argument(
        "--anonymise",
        action="store_true",
        help="name actors by their type, drop the organisation of those without consent, and the authors",
    )
    package.add_argument("--packager", default="", help="who packages it (kept in the metadata)")
    package.set_defaults(handler=_package)

    merge = commands.add_parser(
        "merge",
        help="merge ateliers edited on several machines",
        description="Merge ateliers into a new one: features matched by UUID, deletions carried over, the same "
        "feature edited on two machines kept in its latest version and listed in merge_conflicts for review.",
    )
    merge.add_argument("paths", nargs="+", metavar="ATELIER", help="the ateliers to merge (two or more)")
    merge.add_argument("-o", "--output", required=True, help="the merged atelier to write (.gpkg)")
    merge.set_defaults(handler=_merge)
    push = commands.add_parser(
        "push",
        help="bring a GeoPackage atelier into a shared (PostGIS) one",
        description="Merge a GeoPackage atelier into a shared atelier in PostGIS, by the merge's rules: "
        "features by UUID, edits made on both sides listed in merge_conflicts. Pushing again changes nothing.",
    )
    push.add_argument("path", help="the atelier .gpkg")
    push.add_argument("address", help="postgresql://user@host:port/database?schema=atelier")
    push.set_defaults(handler=_push)

    pull = commands.add_parser(
        "pull",
        help="bring a shared (PostGIS) atelier into a GeoPackage",
        description="Merge a shared atelier in PostGIS into a GeoPackage atelier, new or existing, by the "
        "merge's rules. Pulling again changes nothing.",
    )
    pull.add_argument("address", help="postgresql://user@host:port/database?schema=atelier")
    pull.add_argument("path", help="the atelier .gpkg (created if it does not exist)")
    pull.set_defaults(handler=_pull)

    serve = commands.add_parser(
        "serve",
        help="take contributions and votes from phones, until stopped",
        description="Serve the phone page of a session of the atelier (see docs/phone-contributions.md): "
        "print the address, with its secret token, and its QR code, then take contributions and votes "
        "until Ctrl+C.",
    )
    serve.add_argument("path", help="the atelier .gpkg")
    serve.add_argument("--session", required=True, help="UUID of the session the contributions belong to")
    serve.add_argument("--host", help="address to listen on (default: this machine's address on the local network)")
    serve.add_argument("--port", type=int, default=8765, help="port to listen on (default: %(default)s)")
    serve.add_argument("--approval", action="store_true", help="contributions wait for approval before they show")
    serve.add_argument(
        "--requests-per-minute", type=int, default=120, help="rate limit per phone address (default: %(default)s)"
    )
    serve.set_defaults(handler=_serve)
    return parser


def _add_visit_options(command: argparse.ArgumentParser, joining: str) -> None:
    """The session, join distance and author of what a site visit's import adds."""
    command.add_argument("--session", required=True, help="UUID of the session (site visit) it belongs to")
    command.add_argument(
        "--join-distance",
        type=float,
        help=f"metres within which a {joining} joins an observation of the session (0: never; default: 25)",
    )
    command.add_argument("--author", help="the name stamped on what is added")


def _init(arguments) -> int:
    from bassee_atelier_plugin.core.lifecycle.creating import create_atelier

    atelier = create_atelier(
        arguments.path,
        territory=arguments.territory,
        crs=arguments.crs,
        communes=arguments.communes,
        force=arguments.force,
        title=arguments.title,
    )
    print(f"Created the atelier {atelier.name}")
    return 0


def _info(arguments) -> int:
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

    atelier = open_atelier(arguments.path, upgrade=False)
    print(json.dumps(atelier.summary(), ensure_ascii=False, indent=2))
    return 0


def _validate(arguments) -> int:
    from bassee_atelier_plugin.core.lifecycle.validation import validate

    problems = validate(arguments.path)
    for problem in problems:
        print(problem)
    return EXIT_PROBLEMS if problems else 0


def _snapshot(arguments) -> int:
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
    from bassee_atelier_plugin.core.presentation.snapshot import render_snapshot

    atelier = open_atelier(arguments.path, upgrade=False)  # a snapshot never changes the file
    output = render_snapshot(atelier, arguments.output, width=arguments.width, height=arguments.height)
    print(f"Wrote {output}")
    return 0


def _import_photos(arguments) -> int:
    from bassee_atelier_plugin.core.visits.observations import import_photo_folder

    atelier, options = _visit_import(arguments)
    report = import_photo_folder(
        atelier, arguments.folder, arguments.session, keep_originals=not arguments.no_originals, **options
    )
    print(f"{report.observations_added} observation(s) and {report.attachments_added} attachment(s) added")
    for path in report.already_stored:
        print(f"already in the atelier: {path.name}")
    for path in report.unplaced:
        print(f"no position, to place by hand: {path.name}")
    for _path, reason in report.failed:
        print(f"refused: {reason}")
    return EXIT_PROBLEMS if report.failed else 0


def _import_gpx(arguments) -> int:
    from bassee_atelier_plugin.core.visits.gpx import import_gpx

    atelier, options = _visit_import(arguments)
    report = import_gpx(atelier, arguments.file, arguments.session, **options)
    if report.itinerary is not None:
        print(f"itinerary added: {report.itinerary}")
    print(f"{report.observations_added} observation(s) added, {report.joined} waypoint(s) joined to one nearby")
    for reason in report.skipped:
        print(f"skipped: {reason}")
    return EXIT_PROBLEMS if report.skipped else 0


def _visit_import(arguments) -> tuple:
    """The atelier, once its session is known to be there, and the import's author and join distance."""
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
    from bassee_atelier_plugin.core.visits.observations import require_session

    atelier = open_atelier(arguments.path)
    require_session(atelier, arguments.session)
    options = {"author": arguments.author}
    if arguments.join_distance is not None:
        options["join_distance_m"] = arguments.join_distance
    return atelier, options


def _export(arguments) -> int:
    from bassee_atelier_plugin.core.deliverables.exports import export_deliverable
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

    if arguments.kind == "replay":
        return _export_replay(arguments)
    written = export_deliverable(
        open_atelier(arguments.path),
        arguments.kind,
        arguments.output,
        between=(arguments.first, arguments.second),
        communes=arguments.communes,
        concerned_only=arguments.concerned,
    )
    for warning in written.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(f"Wrote {written.path}")
    return 0


def _export_replay(arguments) -> int:
    from bassee_atelier_plugin.core.deliverables.replay import export_replay
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

    if not arguments.session:
        print("Error: give the session to replay: --session UUID or --session TITLE", file=sys.stderr)
        return 2
    written = export_replay(open_atelier(arguments.path), arguments.session, arguments.output)
    for warning in written.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(f"Wrote {written.path} ({written.frames} frames)")
    return 0


def _package(arguments) -> int:
    from bassee_atelier_plugin.core.handoff.package import package_atelier
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

    package = package_atelier(
        open_atelier(arguments.path), arguments.output, packager=arguments.packager, anonymise=arguments.anonymise
    )
    print(f"Wrote {package.path}" + (" (anonymised)" if package.anonymised else ""))
    return 0


def _merge(arguments) -> int:
    from bassee_atelier_plugin.core.handoff.sync import merge_ateliers

    return _print_merge(merge_ateliers(arguments.paths, arguments.output))


def _push(arguments) -> int:
    from bassee_atelier_plugin.core.handoff.sync import push

    return _print_merge(push(arguments.path, arguments.address))


def _pull(arguments) -> int:
    from bassee_atelier_plugin.core.handoff.sync import pull

    return _print_merge(pull(arguments.address, arguments.path))


def _print_merge(summary) -> int:
    for warning in summary.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    for line in summary.lines():
        print(line)
    print(
        f"Wrote {summary.path}: {summary.total('added')} added, {summary.total('updated')} updated, "
        f"{summary.total('deleted')} deleted, {summary.total('conflicts')} conflicts"
    )
    return 0


def _serve(arguments) -> int:
    import signal
    import threading

    from bassee_atelier_plugin.core.atelier.text import terminal_text
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier
    from bassee_atelier_plugin.core.phones.contributions import ContributionDesk
    from bassee_atelier_plugin.core.phones.map_view import atelier_map_view
    from bassee_atelier_plugin.core.phones.qr_code import segno
    from bassee_atelier_plugin.core.phones.server import PhoneServer, lan_address

    if not 0 <= arguments.port <= 65535 or arguments.requests_per_minute < 1:
        raise AtelierError("--port must be 0 to 65535 and --requests-per-minute at least 1.")
    segno()  # no QR code, no server: said before the atelier is even opened
    atelier = open_atelier(arguments.path)
    desk = ContributionDesk(atelier, arguments.session, require_approval=arguments.approval)
    host = arguments.host or lan_address()
    server = PhoneServer(desk, host, arguments.port, atelier_map_view(atelier), arguments.requests_per_minute)
    stopped = threading.Event()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, lambda *_: stopped.set())
    url = server.start()
    desk.received.append(lambda received: print(terminal_text(f"{received.kind}: {received.title or ''}"), flush=True))
    print(url, flush=True)
    server.qr_code.terminal(compact=True)
    stopped.wait()
    server.stop()
    desk.close()
    print("Stopped: the address no longer works.", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    from bassee_atelier_plugin.toolbelt.qgis_runtime import ensure_qgis

    ensure_qgis()
    try:
        return arguments.handler(arguments)
    except AtelierError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
