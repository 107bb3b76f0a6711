"""The golden layer: what kg makes of the sample articles, compared with the committed files.

A difference is a change in behaviour: if it is meant, run `make golden` and commit the files with
the change that caused it (the diff shows what changed); if not, it is a regression.
"""

from __future__ import annotations

import difflib

import pytest
from regenerate import GOLDEN, HERE, current


@pytest.fixture(scope="module")
def made() -> dict[str, str]:
    return current()


def _diff(name: str, expected: str, actual: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), f"golden/{name}", "now", lineterm="", n=0
    )
    return "\n".join(list(lines)[:40]) + "\n(run `make golden` if the change is meant)"


@pytest.mark.parametrize("name", GOLDEN)
def test_samples_give_the_golden_output(made: dict[str, str], name: str) -> None:
    expected = (HERE / name).read_text(encoding="utf-8")
    assert made[name] == expected, _diff(name, expected, made[name])


def test_the_golden_files_are_what_the_build_writes() -> None:
    """The canonical form leaves only the content hash out: every statement of the graph is
    there, the ontology and derived graphs included."""
    nquads = (HERE / "samples.nq").read_text(encoding="utf-8")
    assert "<https://w3id.org/kg-vn/id/graph/ontology> .\n" in nquads
    assert "<https://w3id.org/kg-vn/id/graph/derived> .\n" in nquads
    assert nquads.count('#contentHash> "…"') == 2  # one per sample, and nothing else hidden
