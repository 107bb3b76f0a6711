"""The layout is the architecture: modules of a readable size, imports that point one way, the
derived statements apart from the build, the developer tools apart from the product, and
docstrings that say why rather than how fast."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

from kg import fingerprint

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (ROOT / "kg", ROOT / "kg_dev")
MAX_LINES = 450
# Being rewritten by the extraction work, which keeps its own sizes and docstrings for now.
EXTRACTION = ROOT / "kg" / "extract"
PENDING_DOCSTRINGS = {"kg/extract/pipeline.py:pipeline"}  # "about a tenth of the extraction time"


def _modules(*packages: Path) -> list[Path]:
    return sorted(p for package in packages for p in package.rglob("*.py"))


def _import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in _modules(ROOT / "kg"):
        graph.add_node(path)
        for name in fingerprint.imported_modules(path):
            target = fingerprint.module_path(name)
            if target is not None and target != path:
                graph.add_edge(path, target)
    return graph


def test_no_module_outside_extraction_is_over_450_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules(*PACKAGES)
        if not p.is_relative_to(EXTRACTION)
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long


def test_imports_form_no_cycle() -> None:
    cycles = [[str(p.relative_to(ROOT)) for p in c] for c in nx.simple_cycles(_import_graph())]
    assert not cycles


def test_derived_statements_never_reach_into_the_build() -> None:
    graph = _import_graph()
    derive = [p for p in graph if p.is_relative_to(ROOT / "kg" / "derive")]
    reached = set().union(*(nx.descendants(graph, p) for p in derive))
    assert not {p for p in reached if p.is_relative_to(ROOT / "kg" / "build")}


def test_the_product_never_imports_the_developer_tools() -> None:
    for path in _modules(ROOT / "kg"):
        assert not any(n.split(".")[0] == "kg_dev" for n in fingerprint.imported_modules(path)), (
            path
        )


# A figure of speed or size, or an issue number: these belong in docs/BENCHMARKS.md and the
# issue tracker, where they are kept up to date, not in docstrings, which are not.
_FIGURES = re.compile(
    r"\bissues?\b|#\d+"
    r"|\d[\d,.]*\s?(?:ms|µs|s|min|h|seconds?|minutes?|hours?|CPU-seconds)\b"
    r"|\d[\d,.]*\s?%|\d[\d,.]*\s?× (?:faster|slower)"
    r"|\bhalf an? (?:minute|second|hour)\b|\ba (?:tenth|quarter|third) of the\b",
    re.IGNORECASE,
)


def _docstrings_with_figures() -> set[str]:
    found = set()
    for path in _modules(*PACKAGES):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
            if isinstance(node, kinds) and _FIGURES.search(ast.get_docstring(node) or ""):
                found.add(f"{path.relative_to(ROOT)}:{getattr(node, 'name', '<module>')}")
    return found


def test_docstrings_carry_no_timings_or_issue_numbers() -> None:
    assert _docstrings_with_figures() == PENDING_DOCSTRINGS


@pytest.mark.parametrize(
    "text",
    [
        "Faster this way (about 4 % of the extraction time).",
        "Compaction keeps one core busy for half a minute at 10,000 articles.",
        "The figures of issue #8.",
        "Counted by the query engine: 13 × faster than iterating.",
        "Outside it, Oxigraph read every contact (0.9 s for a page).",
    ],
)
def test_the_figures_the_docstrings_had_are_recognised(text: str) -> None:
    assert _FIGURES.search(text)
