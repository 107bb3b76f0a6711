"""Network analysis of the built graph: the RDF → networkx projection, read from the store, and
plain functions over it (networkx style: a graph in, plain data or a new graph out).

`to_networkx` takes a build folder, a SPARQL server URL, an open store, or an rdflib Dataset or
Graph (copied into a store in memory first); the other functions take the networkx graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from ..model import KgError
from ..store import GraphStore, LocalStore, merged_ntriples, open_store
from ..store import is_url as _is_url
from . import projection
from .dates import Interval, iso_interval, precision, query_interval
from .measures import (
    betweenness,
    communities,
    degree,
    isolated,
    pagerank,
    simple_undirected,
    stats,
)
from .projection import EVIDENCE_KEPT, SEP, split
from .selection import (
    ego,
    filter_types,
    find_entity,
    node_dates,
    path_steps,
    shortest_path,
    time_slice,
)

__all__ = [
    "EVIDENCE_KEPT",
    "NETWORK_FORMATS",
    "SEP",
    "Interval",
    "Source",
    "betweenness",
    "communities",
    "cooccurrence",
    "degree",
    "ego",
    "filter_types",
    "find_entity",
    "iso_interval",
    "isolated",
    "node_dates",
    "opened",
    "pagerank",
    "path_steps",
    "precision",
    "query_interval",
    "shortest_path",
    "simple_undirected",
    "split",
    "stats",
    "time_slice",
    "to_networkx",
    "write_network",
]

Source = str | Path | GraphStore | Dataset | Graph
_PLAIN_GRAPH = URIRef("https://w3id.org/kg-vn/id/graph/plain")


@contextmanager
def opened(source: Source) -> Iterator[GraphStore]:
    """A store to read `source` from: the build folder's store (read-only), a server, the store
    itself, or a store in memory holding an rdflib Dataset or Graph and their merged graph."""
    if isinstance(source, str | Path):
        if not _is_url(source) and not _has_store(Path(source)):
            raise KgError(
                f"{source}: no built graph here; run `kg build SOURCES --out {source}` first"
            )
        store = open_store(source, read_only=True)
    elif isinstance(source, Graph):
        store = _in_memory(source)
    else:
        yield source
        return
    try:
        yield store
    finally:
        store.close()


def _has_store(out: Path) -> bool:
    return (out / "store" / "CURRENT").is_file() or (out / "CURRENT").is_file()


def _in_memory(data: Graph) -> GraphStore:
    inner = getattr(data.store, "_inner", None)  # an oxrdflib store (kg.load): read in place
    if isinstance(inner, ox.Store):
        return LocalStore.around(inner)
    store = LocalStore(None)
    if isinstance(data, Dataset):
        nquads = data.serialize(format="nquads")
    else:
        named = Dataset()
        target = named.graph(
            data.identifier if isinstance(data.identifier, URIRef) else _PLAIN_GRAPH
        )
        for triple in data:
            target.add(triple)
        nquads = named.serialize(format="nquads")
    store.load_nquads(nquads, merged_ntriples(nquads))
    return store


def to_networkx(source: Source, *, evidence: bool = True) -> nx.MultiDiGraph:
    """The relationship graph: entities as nodes (IRI ids), relations between two entities as
    edges keyed by predicate, with weight (supporting sentences) and, unless `evidence` is False,
    the first sentences behind each; see kg.analyze.projection."""
    with opened(source) as store:
        return projection.to_networkx(store, evidence=evidence)


def cooccurrence(source: Source) -> nx.Graph:
    """Entities linked when a sentence mentions both; weight = number of shared sentences."""
    with opened(source) as store:
        return projection.cooccurrence(store)


NETWORK_FORMATS = ("gexf", "graphml")


def write_network(graph: nx.MultiDiGraph, path: str | Path, fmt: str) -> Path:
    """The networkx graph as GEXF (Gephi) or GraphML, attributes included."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "gexf":
        nx.write_gexf(graph, target)
    elif fmt == "graphml":
        nx.write_graphml(graph, target)
    else:
        raise KgError(f"unknown network format {fmt!r}: use {' or '.join(NETWORK_FORMATS)}")
    return target
