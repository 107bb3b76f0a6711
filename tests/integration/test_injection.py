"""SPARQL injection: `--param` values are bound as RDF terms, never spliced into the query.

Against a build folder the values travel as bindings; against a server (`--graph URL`) they are
substituted as escaped N-Triples terms. Either way a value comes back exactly as given, as one
string, and the graph is the same afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import build_fixture_graph
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import Server, free_port

runner = CliRunner()

ATTACKS = [
    "}; DROP ALL; {",
    'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER("',
    "x' } ; DROP ALL ; #",
    'Lê Văn Minh" || true || "',
    '"""',
    "'''",
    "<http://evil.example/sparql>",
    "<https://w3id.org/kg-vn/ontology#Person> . ?s ?p ?o",
    "?name",
    "$date",
    "# the rest is a comment\n} SERVICE <http://evil.example/> {",
    'a\\" } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "\\u0022 } DROP ALL { \\u0022",
    "Bộ Quốc phòng\r\n\t\x0c} UNION { ?s ?p ?o }",
    '2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date> } DROP ALL {',
]
IDS = [f"attack{i}" for i in range(len(ATTACKS))]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("injection"))


@pytest.fixture(scope="module")
def endpoint(folder: Path) -> Iterator[str]:
    with Server(folder, "127.0.0.1", free_port()) as server:
        yield server.url


@pytest.fixture(params=["folder", "endpoint"])
def graph(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(request.param))


def _query(graph: str, sparql: str, *params: str) -> list[dict[str, object]]:
    args = ["query", "--graph", graph, sparql, "--format", "json"]
    for param in params:
        args += ["--param", param]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize("value", ATTACKS, ids=IDS)
def test_a_value_comes_back_exactly_as_one_string(graph: str, value: str) -> None:
    bound = _query(graph, "SELECT ?v ?x WHERE { BIND(CONCAT(?v, '') AS ?x) }", f"v={value}")
    assert bound == [{"v": value, "x": value}]
    assert _query(graph, "SELECT ?v WHERE { }", f"v={value}") == [{"v": value}]


@pytest.mark.parametrize("value", ATTACKS, ids=IDS)
def test_a_named_query_finds_nothing_and_changes_nothing(graph: str, value: str) -> None:
    before = _query(graph, COUNT)
    people = _query(graph, "people")
    assert _query(graph, "entity", f"name={value}") == []
    assert _query(graph, "person", f"name={value}", "date=2023-12-31") == []
    assert _query(graph, COUNT) == before
    assert _query(graph, "people") == people


def test_the_command_line_binds_a_drop_all_as_a_name(folder: Path) -> None:
    command = [sys.executable, "-c", "from kg.cli import main; main()", "query", "--graph"]
    args = [str(folder), "entity", "--param", "name=}; DROP ALL; {", "--format", "csv"]
    run = subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines()[0].startswith("entity,")
    assert len(run.stdout.splitlines()) == 1  # the header only: no entity has that name
    assert _query(str(folder), "SELECT ?p WHERE { ?p a kg:Person }") != []


def test_an_iri_where_a_predicate_is_expected_is_refused(graph: str) -> None:
    args = ["query", "--graph", graph, "evidence", "--param", "subject=Lê Văn Minh"]
    result = runner.invoke(app, [*args, "--param", "predicate=<http://evil.example/p>"])
    assert result.exit_code == 1
    assert "unknown predicate" in str(result.exception)


def test_a_parameter_name_must_be_a_plain_name(graph: str) -> None:
    result = runner.invoke(app, ["query", "--graph", graph, "people", "--param", "date}=1"])
    assert result.exit_code == 1
    assert "write it as NAME=VALUE" in str(result.exception)
