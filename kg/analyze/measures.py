"""Centrality, communities and the summary of a graph: plain functions of a networkx graph.

They run on the undirected weighted simple projection: who is central in a news graph does not
depend on which way `received` or `heldIn` points.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from ..model import KgError

BETWEENNESS_SAMPLE = 100  # sources betweenness is estimated from on larger graphs


# ---------------------------------------------------------------- centrality and communities


def simple_undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per linked pair, weight summed over relations; self-loops dropped."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, weight in graph.edges(data="weight", default=1):
        if u == v:
            continue
        previous = simple.edges[u, v]["weight"] if simple.has_edge(u, v) else 0
        simple.add_edge(u, v, weight=previous + weight)
    return simple


def isolated(graph: nx.MultiDiGraph) -> list[str]:
    """Entities no relation links to another entity (a self-loop does not count)."""
    return [n for n in graph if not (set(graph.successors(n)) | set(graph.predecessors(n))) - {n}]


def degree(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Number of relations each entity takes part in (both directions)."""
    return dict(graph.degree())


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank on the undirected weighted projection: central whichever way relations point."""
    simple = simple_undirected(graph)
    if simple.number_of_nodes() == 0:
        return {}
    return dict(nx.pagerank(simple, weight="weight"))


def betweenness(graph: nx.MultiDiGraph, *, sample: int = BETWEENNESS_SAMPLE) -> dict[str, float]:
    """Betweenness on the undirected projection; sampled from `sample` sources on large graphs."""
    simple = simple_undirected(graph)
    k = sample if simple.number_of_nodes() > sample else None
    return dict(nx.betweenness_centrality(simple, k=k, seed=0))


def communities(graph: nx.MultiDiGraph, *, method: str = "louvain") -> list[set[str]]:
    """Communities of the undirected projection, largest first (`louvain` or `greedy`)."""
    simple = simple_undirected(graph)
    if simple.number_of_nodes() == 0:
        return []
    if method == "greedy":
        found = nx.community.greedy_modularity_communities(simple, weight="weight")
    elif method == "louvain":
        found = nx.community.louvain_communities(simple, weight="weight", seed=0)
    else:
        raise KgError(f"unknown community method {method!r}: use louvain or greedy")
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


# ---------------------------------------------------------------- summary


def _top(scores: dict[str, float], graph: nx.MultiDiGraph, n: int) -> list[dict[str, Any]]:
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], graph.nodes[kv[0]]["label"]))[:n]
    return [
        {"id": k, "label": graph.nodes[k]["label"], "type": graph.nodes[k]["type"], "score": v}
        for k, v in ranked
    ]


def stats(graph: nx.MultiDiGraph, *, top: int = 10) -> dict[str, Any]:
    """Counts per type and predicate, top entities by centrality, and the communities."""
    found = communities(graph)
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "isolated": len(isolated(graph)),
        "types": dict(Counter(t for _, t in graph.nodes(data="type")).most_common()),
        "predicates": dict(Counter(p for _, _, p in graph.edges(data="predicate")).most_common()),
        "top_degree": _top({k: float(v) for k, v in degree(graph).items()}, graph, top),
        "top_pagerank": _top(pagerank(graph), graph, top),
        "top_betweenness": _top(betweenness(graph), graph, top),
        "communities": [
            {
                "size": len(c),
                "members": sorted(graph.nodes[n]["label"] for n in c)[:top],
            }
            for c in found[:top]
        ],
    }
