"""One way to quote in SQL: values through ``sql_text``, names through ``quoted_identifier`` (stores/ogr_tables.py).

A copy of the quoting, written again somewhere else, is how a name or a value once reached the
SQL unescaped: this test finds any new one.
"""

from __future__ import annotations

import ast
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[2] / "bassee_atelier_plugin"
HELPERS = PLUGIN / "core" / "stores" / "ogr_tables.py"
# Quoting for QGIS expressions, not SQL (QGIS reads them, with its own rules): file and why.
EXPRESSIONS = {
    "core/presentation/layout_parts.py": "a layout's QGIS expression",
    "core/presentation/forms.py": "a form's QGIS expression",
}
QUOTE_DOUBLING = {("'", "''"), ('"', '""')}


def quote_doublings(path: Path) -> list[int]:
    """The lines of ``path`` that double a quote by hand: ``text.replace("'", "''")``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "replace"
        and len(node.args) == 2
        and all(isinstance(argument, ast.Constant) for argument in node.args)
        and (node.args[0].value, node.args[1].value) in QUOTE_DOUBLING
    ]


def test_quotes_are_doubled_only_by_the_two_helpers():
    found = {
        f"{path.relative_to(PLUGIN)}:{line}"
        for path in PLUGIN.rglob("*.py")
        if path != HELPERS and str(path.relative_to(PLUGIN)) not in EXPRESSIONS
        for line in quote_doublings(path)
    }
    assert found == set(), "quote through sql_text or quoted_identifier (core/stores/ogr_tables.py)"
    assert len(quote_doublings(HELPERS)) == 2  # the helpers themselves: the test sees what it looks for


def test_the_helpers_keep_a_crafted_value_or_name_one_token():
    from bassee_atelier_plugin.core.stores.ogr_tables import quoted_identifier, sql_text

    assert sql_text("x') OR 1=1 --") == "'x'') OR 1=1 --'"
    assert quoted_identifier('a"b; DROP TABLE stakes_point; --') == '"a""b; DROP TABLE stakes_point; --"'
    assert (sql_text(None), sql_text(False), sql_text(3)) == ("NULL", "0", "3")
