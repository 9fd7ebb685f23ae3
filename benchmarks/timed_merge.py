"""One ``merge_ateliers``, timed in a process of its own, with the plugin imported from a tree given.

Run: python benchmarks/timed_merge.py [--code TREE] [--profile N] OUTPUT INPUT...
Prints one JSON line: seconds, the process's peak memory in MB, and the merge's summary.
``--code`` names the folder holding the ``bassee_atelier_plugin`` to time (by default this
one), so that the same files are merged by today's code and by an older commit's, one after
the other. ``--profile N`` runs the merge under cProfile and prints its N costliest functions
(cumulative time) to standard error.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--profile", type=int, default=0, help="print this many functions of a cProfile")
    parser.add_argument("output")
    parser.add_argument("inputs", nargs="+")
    arguments = parser.parse_args()
    sys.path.insert(0, str(arguments.code.resolve()))  # before any other copy of the plugin

    from bassee_atelier_plugin.toolbelt.qgis_runtime import ensure_qgis

    ensure_qgis()
    from bassee_atelier_plugin.core.handoff.sync import merge_ateliers

    profile = cProfile.Profile() if arguments.profile else None
    start = time.perf_counter()
    if profile:
        profile.enable()
    summary = merge_ateliers(arguments.inputs, arguments.output)
    if profile:
        profile.disable()
    seconds = time.perf_counter() - start
    if profile:
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(arguments.profile)
    report = {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "code": str(arguments.code),
        "added": summary.total("added"),
        "updated": summary.total("updated"),
        "conflicts": summary.total("conflicts"),
        "merged_whole": getattr(summary, "merged_whole", None),  # None: a merge from before the field-level one
        "warnings": len(summary.warnings),
    }
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
    import os

    os._exit(0)  # QGIS's exit is slow and sometimes crashes; the report is printed and flushed
