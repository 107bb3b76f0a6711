"""Every command and API verb of the README on 300 synthetic articles: a build of more than 100
documents writes no graph.trig, and analysis reads the store all the same."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import kg
from kg import analyze
from kg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def network(graph_300: Path) -> nx.MultiDiGraph:
    return kg.to_networkx(graph_300)


@pytest.fixture(scope="module")
def two_linked(network: nx.MultiDiGraph) -> tuple[str, str]:
    """The labels of the two people farthest apart, up to three hops, in the largest component."""
    people = [n for n, t in network.nodes(data="type") if t == "PERSON"]
    hub = max(people, key=lambda n: (network.degree(n), n))
    hops = nx.single_source_shortest_path_length(network.to_undirected(as_view=True), hub, 3)
    far = max((n for n in hops if n in people), key=lambda n: (hops[n], n))
    return network.nodes[hub]["label"], network.nodes[far]["label"]


def _kg(*args: str) -> str:
    """Run a command; how long it takes is measured in docs/VIEW.md, not asserted here."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_build_wrote_no_graph_files_but_a_store(graph_300: Path) -> None:
    assert not (graph_300 / "graph.trig").exists()
    assert (graph_300 / "store").is_dir()


def test_to_networkx_reads_the_store(graph_300: Path, network: nx.MultiDiGraph) -> None:
    assert network.number_of_nodes() > 3_000 and network.number_of_edges() > 3_000
    assert all(
        isinstance(v, str | int | float) for _, d in network.nodes(data=True) for v in d.values()
    )


def test_load_is_the_store_as_a_dataset(graph_300: Path) -> None:
    dataset = kg.load(graph_300)
    rows = list(
        dataset.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/kg-vn/ontology#Person> }"
        )
    )
    assert int(rows[0][0]) > 500


def test_stats(graph_300: Path) -> None:
    summary = json.loads(_kg("stats", str(graph_300), "--json"))
    assert summary["nodes"] > 3_000 and summary["isolated"] > 0 and summary["communities"]


def test_path(graph_300: Path, two_linked: tuple[str, str]) -> None:
    steps = _kg("path", str(graph_300), *two_linked).splitlines()
    assert 1 <= len(steps) <= 3 and "—" in steps[0]


def test_path_takes_names_without_diacritics(graph_300: Path, two_linked: tuple[str, str]) -> None:
    from kg.clean import without_diacritics

    plain = [without_diacritics(name).lower() for name in two_linked]
    assert _kg("path", str(graph_300), *plain) == _kg("path", str(graph_300), *two_linked)


def test_view_of_the_whole_graph_and_of_a_focus(
    graph_300: Path, two_linked: tuple[str, str], tmp_path: Path
) -> None:
    whole = _kg("view", str(graph_300), "--output", str(tmp_path / "all.html"))
    assert Path(whole.strip()).stat().st_size > 100_000
    _kg(
        "view",
        str(graph_300),
        "--focus",
        two_linked[0],
        "--depth",
        "1",
        "--output",
        str(tmp_path / "f.html"),
    )
    _kg(
        "view",
        str(graph_300),
        "--types",
        "PERSON,ORGANIZATION",
        "--output",
        str(tmp_path / "t.html"),
    )
    _kg(
        "view",
        str(graph_300),
        "--from",
        "2015",
        "--to",
        "2020",
        "--output",
        str(tmp_path / "d.html"),
    )


@pytest.mark.parametrize("name", ["people", "meetings", "contacts", "agreements"])
def test_the_listings(graph_300: Path, name: str) -> None:
    assert len(_kg("query", "--graph", str(graph_300), name, "--format", "csv").splitlines()) > 2


def test_queries_by_name_and_explain(graph_300: Path, two_linked: tuple[str, str]) -> None:
    person = two_linked[0]
    assert person in _kg("query", "--graph", str(graph_300), "person", "--param", f"name={person}")
    assert person in _kg("query", "--graph", str(graph_300), "entity", "--param", f"name={person}")
    assert "mentioned in" in _kg("explain", person, "--graph", str(graph_300))
    frame = kg.query(graph_300, "evidence", {"subject": person})
    assert len(frame) > 0


@pytest.mark.parametrize("fmt", ["nquads", "turtle", "gexf", "graphml"])
def test_export(graph_300: Path, fmt: str, tmp_path: Path) -> None:
    _kg("export", str(graph_300), "--format", fmt, "--output", str(tmp_path / f"g.{fmt}"))
    assert (tmp_path / f"g.{fmt}").stat().st_size > 100_000


def test_the_api_analyses(
    network: nx.MultiDiGraph, two_linked: tuple[str, str], tmp_path: Path
) -> None:
    assert analyze.communities(network)
    assert analyze.pagerank(network)
    assert analyze.shortest_path(network, *two_linked)
    kg.render(network, tmp_path / "people.html", types=["PERSON", "ORGANIZATION"])
    assert kg.show(network, focus=two_linked[0], depth=1) is not None
