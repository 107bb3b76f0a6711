"""Validate: check a built graph against `ontology/shapes.ttl` (SHACL, pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.term import Node

from .lexicon import ontology_dir
from .store import open_store

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def union_graph(location: str | Path) -> Graph:
    """The union of the document graphs of a built graph, as an in-memory rdflib Graph."""
    store = open_store(location, read_only=True)
    try:
        text = "".join(f"{quad.triple} .\n" for quad in store.quads())
    finally:
        store.close()
    return Graph().parse(data=text, format="nt")


def validate(location: str | Path) -> list[Violation]:
    """Every SHACL violation of the graph at `location` (a folder or a server URL)."""
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(shapes_path(), format="turtle")
    _conforms, report, _text = shacl_validate(union_graph(location), shacl_graph=shapes)
    assert isinstance(report, Graph)
    found = [
        _violation(report, result) for result in report.subjects(SH.resultSeverity, SH.Violation)
    ]
    return sorted(found, key=str)


def _violation(report: Graph, result: Node) -> Violation:
    def one(predicate: Node) -> str:
        value = report.value(result, predicate)
        return "" if value is None else str(value)

    return Violation(one(SH.focusNode), one(SH.resultPath), one(SH.resultMessage))
