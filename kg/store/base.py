"""The store's interface: the verbs the build, query and export need from any store, the records
it returns, and helpers to write SPARQL about kg's own terms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Bindings = dict[str, Term]
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class DocRecord:
    """What the store knows of a built document: its graph, content hash and build time."""

    doc_id: str
    graph: str
    content_hash: str
    built_at: str
    source: str


@dataclass(frozen=True)
class Table:
    """A SELECT result: column names and rows of RDF terms (None where unbound)."""

    columns: list[str]
    rows: list[list[Term | None]]


class GraphStore(Protocol):
    """The verbs the build, query and export need from any store."""

    def select(self, sparql: str, bindings: Bindings | None = None) -> Table: ...

    def ask(self, sparql: str) -> bool: ...

    def values(self, sparql: str) -> Iterator[list[str]]:
        """A SELECT's rows as the lexical values of their terms ('' where unbound): for large
        results, which would cost a Python object per term."""
        ...

    def drop_graphs(self, graphs: Iterable[str]) -> None: ...

    def load_nquads(self, nquads: str | bytes, merged: bytes | None = None) -> None:
        """Quads (text, or UTF-8) into their named graphs, and the merged graph's statements among
        them into the default graph; `merged`, when given, is those statements as N-Triples."""
        ...

    def update(self, sparql: str) -> None:
        """A SPARQL 1.1 Update (the default graph is the merged graph, not their union)."""
        ...

    def quads(self) -> Iterator[ox.Quad]: ...

    def graph_names(self) -> list[str]:
        """The named graphs, sorted."""
        ...

    def quads_in(self, graph: str) -> list[ox.Quad]:
        """The quads of one named graph, sorted."""
        ...

    def count(self) -> int:
        """Quads in the store, the default graph's copies included."""
        ...

    def triples(self) -> int:
        """Statements in the default graph: the merged graph queries see (provenance is not in it)."""
        ...

    def optimize(self) -> None:
        """Compact after writes (bulk loads leave many small files that slow look-ups down)."""
        ...

    def close(self) -> None: ...


TERMS_PER_QUERY = 200  # IRIs in one VALUES clause or one DELETE DATA


def in_chunks(items: Sequence[str], size: int = TERMS_PER_QUERY) -> Iterator[Sequence[str]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def iri_terms(iris: Iterable[str]) -> str:
    """IRIs as the terms of a VALUES clause."""
    return " ".join(str(ox.NamedNode(i)) for i in iris)


def delete_data(lines: Sequence[str], merged: bool = True) -> Iterator[str]:
    """DELETE DATA updates for N-Quads lines of kg's own statements (no IRI or literal of theirs
    holds a space), and, when `merged`, for their copies in the default graph (statements no other
    graph states; provenance, which the merged graph leaves out, has none)."""
    for chunk in in_chunks(lines):
        statements = [line.rsplit(" ", 2) for line in chunk]
        quads = " ".join(f"GRAPH {graph} {{ {triple} . }}" for triple, graph, _ in statements)
        triples = " ".join(f"{triple} ." for triple, _, _ in statements) if merged else ""
        yield f"DELETE DATA {{ {quads} {triples} }}"


def value(term: Term | None) -> str:
    """The lexical value of a term ('' when unbound)."""
    if term is None:
        return ""
    return str(term) if isinstance(term, ox.Triple) else term.value


def quad_order(quad: ox.Quad) -> tuple[str, str, str, str]:
    """The order quads are listed and exported in: graph, subject, predicate, object."""
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))
