"""The settings of every property test: bounded, and the same examples on every run, so that CI never flakes."""

from __future__ import annotations

from hypothesis import HealthCheck, settings


def bounded(examples: int) -> settings:
    """At most ``examples`` examples, drawn the same way each run, no example database, no deadline.

    Health checks are off: the examples share a module's fixtures (files written anew by each).
    """
    return settings(
        max_examples=examples, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
