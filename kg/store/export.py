"""Export: the graph of a store as one RDF file, the same graph always giving the same bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..model import KgError, writing
from ..vocab import PREFIXES
from .base import GraphStore, quad_order
from .local import LocalStore

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


def export(store: GraphStore, output: Path, fmt: str) -> int:
    """Write the graph: all named graphs (trig, nquads, jsonld) or their union (turtle, ntriples).

    The same graph always gives the same file: named graphs are written one at a time in order,
    each sorted (memory holds one graph, not the dataset); the union is the store's default graph,
    which the embedded store dumps itself, in its own order. Returns how many statements were
    written.
    """
    with writing(output):
        return _export(store, output, fmt)


def _export(store: GraphStore, output: Path, fmt: str) -> int:
    if fmt == "jsonld":
        return _export_jsonld(sorted(store.quads(), key=quad_order), output)
    if fmt not in EXPORT_FORMATS:
        raise KgError(
            f"unknown export format {fmt!r}: use turtle, trig, nquads, ntriples or jsonld"
        )
    rdf_format = EXPORT_FORMATS[fmt]
    pretty = rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE)
    prefixes = {k: v for k, v in PREFIXES.items() if k != "kgr"} if pretty else None
    if not rdf_format.supports_datasets:
        return _export_union(store, output, rdf_format, prefixes)
    written = 0

    def graph_by_graph() -> Iterator[ox.Quad]:
        nonlocal written
        for graph in store.graph_names():
            quads = store.quads_in(graph)
            written += len(quads)
            yield from quads

    ox.serialize(graph_by_graph(), str(output), rdf_format, prefixes=prefixes)
    return written


def _export_union(
    store: GraphStore, output: Path, rdf_format: ox.RdfFormat, prefixes: dict[str, str] | None
) -> int:
    if isinstance(store, LocalStore):
        native = store.oxigraph
        native.dump(str(output), rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        return store.triples()
    triples = sorted(
        {q.triple for q in store.quads()},
        key=lambda t: (str(t.subject), str(t.predicate), str(t.object)),
    )
    ox.serialize(triples, str(output), rdf_format, prefixes=prefixes)
    return len(triples)


def _export_jsonld(quads: list[ox.Quad], output: Path) -> int:
    """JSON-LD through rdflib (pyoxigraph writes no JSON-LD), with our prefixes as the context."""
    from rdflib import Dataset

    nquads = "".join(f"{q} .\n" for q in quads)
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    output.parent.mkdir(parents=True, exist_ok=True)
    dataset.serialize(
        destination=str(output), format="json-ld", context=PREFIXES, auto_compact=True
    )
    return len(quads)
