"""The command line over a built graph: one-line errors, exit codes, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from store_fixtures import build_fixture_graph
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

runner = CliRunner()


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("cli"))


def test_query_by_name_with_a_parameter_as_json(graph: Path) -> None:
    args = ["query", "--graph", str(graph), "people", "--param", "date=2023-06-01"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    names = {row["name"] for row in json.loads(result.stdout)}
    assert names == {"Lê Văn Minh", "Kowalski Jan"}


def test_query_from_a_file(graph: Path, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Assertion }", encoding="utf-8")
    result = runner.invoke(
        app, ["query", "--graph", str(graph), "--file", str(rq), "--format", "csv"]
    )
    assert result.exit_code == 0 and result.stdout.startswith("n\n")


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    """The real `kg` entry point (its one-line error handling lives in `main`)."""
    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_invalid_sparql_is_one_line_and_exit_1(graph: Path) -> None:
    result = _kg("query", "--graph", str(graph), "SELECT ?x WHERE {")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: invalid SPARQL")


def test_validate_passes_on_a_built_graph(graph: Path) -> None:
    result = runner.invoke(app, ["validate", str(graph)])
    assert result.exit_code == 0, result.output
    assert "0 violation(s)" in result.stderr


def test_validate_reports_a_broken_graph(graph: Path, tmp_path: Path) -> None:
    copy = tmp_path / "broken"
    runner.invoke(
        app, ["export", str(graph), "--format", "nquads", "--output", str(tmp_path / "g.nq")]
    )
    store = open_store(copy)
    try:
        lines = (tmp_path / "g.nq").read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if "#confidence>" not in line]
        store.load_nquads("\n".join(kept) + "\n")
    finally:
        store.close()
    result = runner.invoke(app, ["validate", str(copy)])
    assert result.exit_code == 1
    assert "confidence" in result.stdout


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_export_formats_parse_back(graph: Path, tmp_path: Path, fmt: str) -> None:
    from rdflib import Dataset

    target = tmp_path / f"graph.{fmt}"
    result = runner.invoke(app, ["export", str(graph), "--format", fmt, "--output", str(target)])
    assert result.exit_code == 0, result.output
    parsed = Dataset().parse(
        target,
        format={"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt],
    )
    assert len(parsed) > 0 or sum(len(g) for g in parsed.graphs()) > 0


def test_explain_prints_sources(graph: Path) -> None:
    result = runner.invoke(app, ["explain", "Kowalski Jan", "--graph", str(graph)])
    assert result.exit_code == 0
    assert "PERSON" in result.stdout and "march.txt" in result.stdout


def test_build_with_only_unreadable_inputs_is_fatal(tmp_path: Path) -> None:
    result = _kg("build", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"skipped {tmp_path / 'missing.txt'}: no such file or folder"
    assert lines[1].startswith("error: no readable article")


def test_build_help_documents_the_exit_codes() -> None:
    result = runner.invoke(app, ["build", "--help"])
    assert "2 some inputs were skipped" in " ".join(result.stdout.split())
