"""Export: the data of a store as one RDF file, the same input always giving the same bytes.

Exports hold data only: not the ontology (ontology/kg.ttl, which the store keeps in a graph of
its own and in the merged graph for queries), nor what the build keeps for itself (name keys,
listing pages, content hashes, build times), so two builds of the same input export the same
bytes. Every prefix of `vocab.PREFIXES` is bound, `kgr:` included.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..iri import BASE, ONTOLOGY_GRAPH
from ..model import KgError, writing
from ..vocab import KG_NS, PREFIXES
from .base import GraphStore, quad_order
from .local import LocalStore

# What the build keeps for itself: look-up keys, listing pages, the incremental build's hashes
# and times.
INTERNAL_PREDICATES = {
    *(KG_NS + p for p in ("nameKey", "pageKey", "pageNumber", "pageOf", "lists", "pageCount")),
    KG_NS + "contentHash",
    "http://www.w3.org/ns/prov#generatedAtTime",
}
_LISTINGS = f"{BASE}list/"


def is_data(quad: ox.Quad | ox.Triple) -> bool:
    """Whether a statement is data to export (not one of the build's own)."""
    subject = quad.subject
    if quad.predicate.value in INTERNAL_PREDICATES:
        return False
    return not (isinstance(subject, ox.NamedNode) and subject.value.startswith(_LISTINGS))


def ontology_triples(store: GraphStore) -> set[ox.Triple]:
    return {q.triple for q in store.quads_in(ONTOLOGY_GRAPH)}


EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


def export(store: GraphStore, output: Path, fmt: str) -> int:
    """Write the graph: all named graphs (trig, nquads, jsonld) or their union (turtle, ntriples).

    The same graph always gives the same file: named graphs are written one at a time in order,
    each sorted (memory holds one graph, not the dataset); the union is the store's default graph
    in the embedded store's own order, less the ontology. Returns how many statements were
    written.
    """
    with writing(output):
        return _export(store, output, fmt)


def _export(store: GraphStore, output: Path, fmt: str) -> int:
    if fmt == "jsonld":
        quads = (q for q in store.quads() if q.graph_name != ox.NamedNode(ONTOLOGY_GRAPH))
        return _export_jsonld(sorted(filter(is_data, quads), key=quad_order), output)
    if fmt not in EXPORT_FORMATS:
        raise KgError(
            f"unknown export format {fmt!r}: use turtle, trig, nquads, ntriples or jsonld"
        )
    rdf_format = EXPORT_FORMATS[fmt]
    pretty = rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE)
    prefixes = dict(PREFIXES) if pretty else None
    if not rdf_format.supports_datasets:
        return _export_union(store, output, rdf_format, prefixes)
    written = 0

    def graph_by_graph() -> Iterator[ox.Quad]:
        nonlocal written
        for graph in store.graph_names():
            if graph == ONTOLOGY_GRAPH:
                continue
            quads = [q for q in store.quads_in(graph) if is_data(q)]
            written += len(quads)
            yield from quads

    ox.serialize(graph_by_graph(), str(output), rdf_format, prefixes=prefixes)
    return written


def _export_union(
    store: GraphStore, output: Path, rdf_format: ox.RdfFormat, prefixes: dict[str, str] | None
) -> int:
    ontology = ontology_triples(store)
    written = 0

    def data(triples: Iterator[ox.Triple]) -> Iterator[ox.Triple]:
        nonlocal written
        for triple in triples:
            if triple not in ontology and is_data(triple):
                written += 1
                yield triple

    if isinstance(store, LocalStore):
        merged = store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
        ox.serialize(data(q.triple for q in merged), str(output), rdf_format, prefixes=prefixes)
        return written
    triples = sorted(
        {q.triple for q in store.quads()},
        key=lambda t: (str(t.subject), str(t.predicate), str(t.object)),
    )
    ox.serialize(data(iter(triples)), str(output), rdf_format, prefixes=prefixes)
    return written


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
