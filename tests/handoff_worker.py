"""A process merging or pushing ateliers through the plugin, for the tests that kill it mid-way.

``python -m tests.handoff_worker merge OUTPUT INPUT...`` merges files into a new one,
``python -m tests.handoff_worker into SOURCE TARGET`` merges one atelier into an existing one, and
``python -m tests.handoff_worker push GEOPACKAGE ADDRESS`` pushes a file into a shared atelier.
It prints ``done`` once the work is committed.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    from bassee_atelier_plugin.toolbelt.qgis_runtime import ensure_qgis

    ensure_qgis()
    from bassee_atelier_plugin.core.handoff.sync import merge_ateliers, merge_into, push
    from bassee_atelier_plugin.core.lifecycle.opening import open_atelier

    action, first, *others = sys.argv[1:]
    if action == "merge":
        merge_ateliers(others, first)
    elif action == "into":
        merge_into(open_atelier(first), open_atelier(others[0]))
    else:
        push(first, others[0])
    print("done", flush=True)
    os._exit(0)  # no teardown of QGIS: the tests only wait for the word


if __name__ == "__main__":
    main()
