"""The phone API fuzzed by Schemathesis from docs/phone-api.openapi.yaml, against a live server on 127.0.0.1.

Every operation of the document gets schema-valid requests and schema-breaking ones, a
bounded and fixed number of each (derandomized: the same examples on every run): no answer
may be a 5xx, and every answer must be one the document lists, with its content type, its
headers and its schema. A failing example found here becomes a test of its own in
test_phone_server_hostile_http.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings

from tests.qgis.phone import running_phone_server, sample_copy

schemathesis = pytest.importorskip("schemathesis")  # in requirements-dev.txt; importorskip only for a clear message
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

DOCUMENT = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "phone-api.openapi.yaml").read_text())
OPERATIONS = [(path, method.upper()) for path, methods in DOCUMENT["paths"].items() for method in methods]
# schema-breaking requests for the operations that take something: the others have nothing to break
CASES = [(path, method, GenerationMode.POSITIVE) for path, method in OPERATIONS] + [
    (path, method, GenerationMode.NEGATIVE)
    for path, method in OPERATIONS
    if {"parameters", "requestBody"} & set(DOCUMENT["paths"][path][method.lower()])
]
EXAMPLES = 30  # per operation and mode: 13 x 30 requests, well under a minute
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def served(qgis_app, tmp_path_factory):
    # a rate limit no fuzz run reaches: it has tests of its own, and its 429 is in the document anyway
    with running_phone_server(sample_copy(tmp_path_factory.mktemp("fuzzed")), requests_per_minute=600_000) as running:
        yield running


@pytest.mark.parametrize(("path", "method", "mode"), CASES, ids=[f"{m} {p} {mode.value}" for p, m, mode in CASES])
def test_the_live_server_answers_every_operation_as_documented_and_never_with_a_5xx(served, path, method, mode):
    operation = schemathesis.openapi.from_dict(DOCUMENT)[path][method]
    base_url = served.url.rstrip("/")

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    def answered_as_documented(case):
        if mode is GenerationMode.POSITIVE and "X-Phone" in (case.headers or {}):
            case.headers["X-Phone"] = served.server.identities.issue()  # a real phone's, so the desk is reached
        case.call_and_validate(base_url=base_url, checks=CHECKS, timeout=30)

    answered_as_documented()
