"""A QGIS process editing an atelier through the plugin's own edit path, telling each edit it committed.

Run by the durability tests: ``python -m tests.edit_worker ATELIER --count N --label NAME``, where
ATELIER is a GeoPackage or a shared atelier's ``postgresql://`` address.
It prints ``committed UUID`` once each stake is committed (flushed at once, so that a test
killing the process knows exactly what was acknowledged), ``refused MESSAGE`` and exit 3
when the plugin refuses an edit, and ``done`` at the end. ``--file-limit`` caps the size of
the files it may write, as a full disk would.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal

from bassee_atelier_plugin.core.lifecycle.opening import open_atelier


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--label", default="worker")
    parser.add_argument("--file-limit", type=int, help="bytes a file may grow to, as on a full disk")
    arguments = parser.parse_args()

    from bassee_atelier_plugin.toolbelt.qgis_runtime import ensure_qgis

    ensure_qgis()
    from qgis.core import QgsGeometry, QgsPointXY

    from bassee_atelier_plugin.core.editing.live import LiveEditor
    from bassee_atelier_plugin.core.errors import AtelierError

    editor = LiveEditor(open_atelier(arguments.path), author=arguments.label)  # a file or a shared atelier

    def add_stake(point, theme, title, comment):
        return editor.add_stake(point, theme, title=title, comment=comment).uuid

    if arguments.file_limit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (arguments.file_limit, arguments.file_limit))
    rng = random.Random(arguments.label)
    print("ready", flush=True)
    for index in range(arguments.count):
        point = QgsGeometry.fromPointXY(QgsPointXY(rng.uniform(700000, 730000), rng.uniform(6808000, 6826000)))
        try:
            uuid = add_stake(point, "mobilite", f"{arguments.label} {index}", "x" * 2000)
        except AtelierError as error:
            print(f"refused {error}", flush=True)
            os._exit(3)
        print(f"committed {uuid}", flush=True)
    print("done", flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
