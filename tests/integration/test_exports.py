"""Exports hold data only, with every prefix bound, and two builds of the same input export the
same bytes; the entity network goes to Gephi as GEXF or GraphML, straight from `to_networkx`."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from store_fixtures import fixture_extractor, write_articles
from typer.testing import CliRunner

import kg
from kg.build import build
from kg.cli import app

runner = CliRunner()
INTERNAL = ("nameKey", "pageKey", "pageNumber", "pageOf", "kg:lists", "contentHash", "generatedAt")


def _build(src: Path, out: Path, epoch: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    build([src], out, extractor=fixture_extractor, jobs=1, export=True, log=lambda _: None)
    return out


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture articles built twice, into two folders, at two different times."""
    root = tmp_path_factory.mktemp("exports")
    src = write_articles(root / "src")
    with pytest.MonkeyPatch.context() as patch:
        first = _build(src, root / "first", "1700000000", patch)
        second = _build(src, root / "second", "1800000000", patch)
    return first, second


@pytest.mark.parametrize("name", ["graph.trig", "graph.ttl"])
def test_two_builds_of_the_same_input_export_the_same_bytes(
    twice: tuple[Path, Path], name: str
) -> None:
    first, second = twice
    assert (first / name).read_bytes() == (second / name).read_bytes()


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_kg_export_is_byte_identical_across_builds(
    twice: tuple[Path, Path], fmt: str, tmp_path: Path
) -> None:
    files = []
    for out in twice:
        target = tmp_path / f"{out.name}.{fmt}"
        result = runner.invoke(app, ["export", str(out), "--format", fmt, "--output", str(target)])
        assert result.exit_code == 0, result.output
        files.append(target.read_bytes())
    assert files[0] == files[1]


@pytest.mark.parametrize("name", ["graph.trig", "graph.ttl"])
def test_exports_hold_data_only(twice: tuple[Path, Path], name: str) -> None:
    text = (twice[0] / name).read_text("utf-8")
    assert not [word for word in INTERNAL if word in text]
    assert "owl:Class" not in text and "rdfs:subClassOf" not in text  # the ontology is apart
    assert "/list/" not in text  # no listing pages
    assert "Lê Văn Minh" in text


def test_the_ontology_is_a_file_of_its_own(twice: tuple[Path, Path]) -> None:
    ontology = Graph().parse(twice[0] / "ontology.ttl", format="turtle")
    assert len(ontology) > 100


def test_every_prefix_is_bound_and_the_files_parse(twice: tuple[Path, Path]) -> None:
    ttl = (twice[0] / "graph.ttl").read_text("utf-8")
    assert "@prefix kgr: <https://w3id.org/kg-vn/id/> ." in ttl
    assert "<https://w3id.org/kg-vn/id/person/" not in ttl  # written as kgr: names
    assert len(Graph().parse(data=ttl, format="turtle")) > 50
    dataset = Dataset().parse(twice[0] / "graph.trig", format="trig")
    assert sum(len(g) for g in dataset.graphs()) > 50


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_networkx_writers_take_to_networkx_as_it_is(
    twice: tuple[Path, Path], fmt: str, tmp_path: Path
) -> None:
    graph = kg.to_networkx(twice[0])
    writer = nx.write_gexf if fmt == "gexf" else nx.write_graphml
    writer(graph, tmp_path / f"g.{fmt}")
    reader = nx.read_gexf if fmt == "gexf" else nx.read_graphml
    back = reader(tmp_path / f"g.{fmt}")
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_kg_export_writes_the_network_for_gephi(
    twice: tuple[Path, Path], fmt: str, tmp_path: Path
) -> None:
    target = tmp_path / f"network.{fmt}"
    result = runner.invoke(app, ["export", str(twice[0]), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    back = nx.read_gexf(target) if fmt == "gexf" else nx.read_graphml(target)
    labels = {data.get("label") for _, data in back.nodes(data=True)}
    assert "Lê Văn Minh" in labels
    assert any(data.get("predicate") == "received" for *_, data in back.edges(data=True))
