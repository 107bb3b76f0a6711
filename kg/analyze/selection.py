"""Parts of the graph: an entity by name, a path, a neighbourhood, some types, a time slice."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import networkx as nx

from ..clean import ascii_key
from ..model import EntityType, KgError
from ..names import Candidate, choose
from .dates import iso_interval, query_interval
from .projection import split


def names_of(attrs: dict[str, Any]) -> list[str]:
    return [attrs.get("label", ""), *split(attrs.get("alt_labels"))]


def candidates(graph: nx.MultiDiGraph) -> list[Candidate]:
    return [
        Candidate(n, a.get("label", n), a.get("type", ""), tuple(names_of(a)), a.get("sources", 0))
        for n, a in graph.nodes(data=True)
    ]


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node `name` means (kg.names: case and diacritics folded, ties broken and said), else
    the one node a part of whose name it is."""
    if name in graph:
        return name
    choice = choose(name, candidates(graph))
    if choice is not None:
        return choice.chosen.id
    key = ascii_key(name)
    partial = [
        n for n, a in graph.nodes(data=True) if any(key in ascii_key(x) for x in names_of(a))
    ]
    if len(partial) == 1:
        return partial[0]
    if partial:
        labels = ", ".join(sorted(graph.nodes[n]["label"] for n in partial)[:8])
        raise KgError(f"{name!r} matches several entities ({labels}): give the full name")
    raise KgError(f"no entity named {name!r} in the graph: check the spelling or run `kg stats`")


def shortest_path(graph: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    """Node ids on a shortest path between two entities named `a` and `b`, ignoring direction."""
    source, target = find_entity(graph, a), find_entity(graph, b)
    try:
        return list(nx.shortest_path(graph.to_undirected(as_view=True), source, target))
    except nx.NetworkXNoPath:
        la, lb = graph.nodes[source]["label"], graph.nodes[target]["label"]
        message = f"no path between {la!r} and {lb!r}: they are in separate components"
        raise KgError(message) from None


def path_steps(graph: nx.MultiDiGraph, path: list[str]) -> list[tuple[str, str, str]]:
    """(label, predicate, label) for each hop of `path`, in the direction the relation is stated."""
    steps = []
    for u, v in pairwise(path):
        forward = graph.get_edge_data(u, v) or {}
        s, o, data = (u, v, forward) if forward else (v, u, graph.get_edge_data(v, u) or {})
        predicate = sorted(data)[0] if data else "?"
        steps.append((graph.nodes[s]["label"], predicate, graph.nodes[o]["label"]))
    return steps


def ego(graph: nx.MultiDiGraph, name: str, depth: int = 2) -> nx.MultiDiGraph:
    """The entities within `depth` hops of the entity named `name`, and the relations among them."""
    centre = find_entity(graph, name)
    near = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), centre, cutoff=depth
    )
    return graph.subgraph(near).copy()


def filter_types(graph: nx.MultiDiGraph, types: Iterable[str]) -> nx.MultiDiGraph:
    """Only the entities of the given types (`PERSON`, `ORGANIZATION` …)."""
    wanted = {t.strip().upper() for t in types if t.strip()}
    unknown = wanted - {t.value for t in EntityType}
    if unknown:
        known = ", ".join(t.value for t in EntityType)
        raise KgError(f"unknown entity type(s) {', '.join(sorted(unknown))}: use {known}")
    return graph.subgraph(n for n, t in graph.nodes(data="type") if t in wanted).copy()


def node_dates(graph: nx.MultiDiGraph, node: str) -> list[tuple[Any, Any]]:
    """A dated node's interval (`start`, `end` from the projection: its own ISO date, or the dates
    it was held or signed on), as a list of at most one (first day, last day)."""
    attrs = graph.nodes[node]
    start, end = iso_interval(attrs.get("start", "")), iso_interval(attrs.get("end", ""))
    return [(start[0], end[1])] if start and end else []


def time_slice(graph: nx.MultiDiGraph, start: str | None, end: str | None) -> nx.MultiDiGraph:
    """Events, agreements and dates whose ISO date overlaps [start, end], plus what they connect."""
    lo, hi = query_interval(start, end)
    dated = {n for n in graph if any(a <= hi and lo <= b for a, b in node_dates(graph, n))}
    keep = set(dated)
    for node in dated:
        keep |= set(graph.successors(node)) | set(graph.predecessors(node))
    return graph.subgraph(keep).copy()
