"""Network analysis of the built graph: an RDF → networkx projection and plain functions over it.

Every function takes a graph and returns plain data or a new graph; nothing is cached or hidden.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations, pairwise
from typing import Any

import networkx as nx
from rdflib import PROV, RDF, RDFS, SDO, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .clean import ascii_key
from .model import DATE_PREDICATES, PREDICATES, TENURE_ATTRIBUTES, EntityType, KgError
from .ntriples import Quad
from .vocab import ATTRIBUTE_PROPERTY, ENTITY_CLASS, KG

ENTITY_CLASSES: dict[URIRef, str] = {cls: name for name, cls in ENTITY_CLASS.items()}
ATTRIBUTE_PROPERTIES: dict[URIRef, str] = {prop: key for key, prop in ATTRIBUTE_PROPERTY.items()}
# Relations whose object is a literal become node attributes, not nodes.
LITERAL_RELATION_ATTRIBUTES: dict[str, str] = {
    **TENURE_ATTRIBUTES,
    "about": "about",
    "nationality": "country",
}
PREDICATE_IRIS: dict[URIRef, str] = {KG[name]: name for name in PREDICATES}
Interval = tuple[date, date]


# ---------------------------------------------------------------- projection


@dataclass
class _Projection:
    """What the RDF says, gathered in one pass over the quads."""

    types: dict[Node, str] = field(default_factory=dict)
    labels: dict[Node, str] = field(default_factory=dict)
    alt_labels: defaultdict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    attributes: defaultdict[Node, defaultdict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    graphs: defaultdict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    mentioned_in: defaultdict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    relations: set[tuple[Node, str, Node]] = field(default_factory=set)
    sentence_text: dict[Node, str] = field(default_factory=dict)
    sentence_doc: dict[Node, Node] = field(default_factory=dict)
    doc_name: dict[Node, str] = field(default_factory=dict)
    graph_doc: dict[Node, Node] = field(default_factory=dict)
    kinds: defaultdict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    holder: dict[Node, Node] = field(default_factory=dict)
    stated_on: dict[Node, str] = field(default_factory=dict)
    assertions: defaultdict[Node, dict[str, Node]] = field(
        default_factory=lambda: defaultdict(dict)
    )


_ASSERTION_KEYS: dict[URIRef, str] = {
    RDF.subject: "s",
    RDF.predicate: "p",
    RDF.object: "o",
    PROV.wasDerivedFrom: "sentence",
}


def _quads(data: Dataset | Graph) -> Iterator[Quad]:
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            yield s, p, o, g
    else:
        for s, p, o in data.triples((None, None, None)):
            yield s, p, o, data.identifier


def _collect(data: Dataset | Graph) -> _Projection:
    proj = _Projection()
    for s, p, o, g in _quads(data):
        _take(proj, s, p, o, g)
    return proj


def _take(proj: _Projection, s: Node, p: Node, o: Node, g: Node | None) -> None:
    if p == RDF.type and o in ENTITY_CLASSES:
        proj.types[s] = ENTITY_CLASSES[o]  # type: ignore[index]
    elif p == RDF.type and o == KG.Document and g is not None:
        proj.graph_doc[g] = s
    elif p == RDF.type and isinstance(o, URIRef) and o.startswith(str(KG)):
        proj.kinds[s].add(o.removeprefix(str(KG)))
    elif p == KG.holder:
        proj.holder[s] = o
    elif p == KG.statedOn:
        proj.stated_on[s] = str(o)
    elif p == KG.entityType and isinstance(o, Literal):
        proj.types.setdefault(s, str(o))
    elif p == RDFS.label:
        proj.labels[s] = str(o)
    elif p == SKOS.altLabel:
        proj.alt_labels[s].add(str(o))
    elif p in ATTRIBUTE_PROPERTIES:
        proj.attributes[s][ATTRIBUTE_PROPERTIES[p]].add(str(o))  # type: ignore[index]
    elif p == KG.mentionedIn:
        proj.mentioned_in[s].add(o)
    elif p == KG.text:
        proj.sentence_text[s] = str(o)
    elif p == KG.inDocument:
        proj.sentence_doc[s] = o
    elif p == SDO.headline:
        proj.doc_name[s] = str(o)
    elif p == KG.sourcePath:
        proj.doc_name.setdefault(s, str(o))
    elif p in _ASSERTION_KEYS:
        proj.assertions[s][_ASSERTION_KEYS[p]] = o  # type: ignore[index]
    elif p in PREDICATE_IRIS:
        proj.relations.add((s, PREDICATE_IRIS[p], o))  # type: ignore[index]
    if g is not None and p in (RDF.type, KG.entityType, RDFS.label):
        proj.graphs[s].add(g)


def _doc_label(proj: _Projection, doc: Node | None) -> str:
    if doc is None:
        return ""
    return proj.doc_name.get(doc, str(doc))


def _sentence(proj: _Projection, sentence: Node) -> tuple[str, str]:
    doc = proj.sentence_doc.get(sentence)
    return proj.sentence_text.get(sentence, ""), _doc_label(proj, doc)


def _evidence_index(proj: _Projection) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    """(subject, predicate, object) → [(evidence sentence, document)] from kg:Assertion nodes."""
    index: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for parts in proj.assertions.values():
        if not {"s", "p", "o"} <= parts.keys() or parts["p"] not in PREDICATE_IRIS:
            continue
        sentence = parts.get("sentence")
        text, doc = _sentence(proj, sentence) if sentence is not None else ("", "")
        key = (str(parts["s"]), PREDICATE_IRIS[parts["p"]], str(parts["o"]))  # type: ignore[index]
        index[key].append((text, doc))
    return index


def _tenures(proj: _Projection) -> defaultdict[Node, list[tuple[str, str, str]]]:
    """holder → [(rank|position, value, date stated)] from the dated kg:Tenure nodes."""
    found: defaultdict[Node, list[tuple[str, str, str]]] = defaultdict(list)
    for tenure, person in proj.holder.items():
        described = proj.attributes.get(tenure)
        for key in ("rank", "position"):
            for value in described.get(key, set()) if described else ():
                found[person].append((key, value, proj.stated_on.get(tenure, "")))
    return found


def _node_attributes(
    proj: _Projection, entity: Node, tenures: list[tuple[str, str, str]]
) -> dict[str, Any]:
    values: defaultdict[str, set[str]] = defaultdict(set)
    for key, found in proj.attributes.get(entity, {}).items():
        values[key] |= found
    for key, value, _ in tenures:
        values[key].add(value)
    attrs: dict[str, Any] = {key: sorted(found) for key, found in values.items()}
    for key in ("rank", "position"):
        dated = sorted({(v, d) for k, v, d in tenures if k == key and d}, key=lambda x: x[::-1])
        if dated:
            attrs[f"{key}_on"] = [list(pair) for pair in dated]
    if proj.kinds.get(entity):
        attrs["kind"] = sorted(proj.kinds[entity])  # subclasses: Conference, MoU …
    mentions = proj.mentioned_in.get(entity, set())
    docs = {proj.graph_doc.get(g, g) for g in proj.graphs.get(entity, ())}
    docs |= {proj.sentence_doc[s] for s in mentions if s in proj.sentence_doc}
    attrs.update(
        label=proj.labels.get(entity) or str(entity).rsplit("/", 1)[-1],
        type=proj.types[entity],
        alt_labels=sorted(proj.alt_labels.get(entity, ())),
        sources=len(docs),
        sentences=sorted(_sentence(proj, s) for s in mentions),
    )
    return attrs


def to_networkx(data: Dataset | Graph) -> nx.MultiDiGraph:
    """Entities as nodes (IRI ids), entity-to-entity relations as edges with weight and evidence."""
    proj = _collect(data)
    evidence = _evidence_index(proj)
    tenures = _tenures(proj)
    graph = nx.MultiDiGraph()
    for entity in sorted(proj.types, key=str):
        graph.add_node(str(entity), **_node_attributes(proj, entity, tenures.get(entity, [])))
    for s, predicate, o in sorted(proj.relations, key=lambda r: (str(r[0]), r[1], str(r[2]))):
        if s not in proj.types:
            continue
        found = evidence.get((str(s), predicate, str(o)), [])
        if o in proj.types:
            graph.add_edge(
                str(s),
                str(o),
                key=predicate,
                predicate=predicate,
                weight=max(1, len(found)),
                evidence=sorted(set(found)),
            )
        elif isinstance(o, Literal):
            attr = LITERAL_RELATION_ATTRIBUTES.get(predicate, predicate)
            values = set(graph.nodes[str(s)].get(attr, ())) | {str(o)}
            graph.nodes[str(s)][attr] = sorted(values)
    return graph


def cooccurrence(data: Dataset | Graph) -> nx.Graph:
    """Entities linked when a sentence mentions both; weight = number of shared sentences."""
    proj = _collect(data)
    by_sentence: defaultdict[Node, set[str]] = defaultdict(set)
    for entity, sentences in proj.mentioned_in.items():
        if entity in proj.types:
            for sentence in sentences:
                by_sentence[sentence].add(str(entity))
    graph = nx.Graph()
    for entity in sorted(proj.types, key=str):
        graph.add_node(
            str(entity), label=proj.labels.get(entity, str(entity)), type=proj.types[entity]
        )
    for sentence in sorted(by_sentence, key=str):
        for a, b in combinations(sorted(by_sentence[sentence]), 2):
            weight = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=weight)
    return graph


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


def degree(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Number of relations each entity takes part in (both directions)."""
    return dict(graph.degree())


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank on the undirected weighted projection: central whichever way relations point."""
    simple = simple_undirected(graph)
    if simple.number_of_nodes() == 0:
        return {}
    return dict(nx.pagerank(simple, weight="weight"))


def betweenness(graph: nx.MultiDiGraph, *, sample: int = 500) -> dict[str, float]:
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


# ---------------------------------------------------------------- finding entities by name


def _names(attrs: dict[str, Any]) -> list[str]:
    return [attrs.get("label", ""), *attrs.get("alt_labels", [])]


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node whose label or alias matches `name`: exactly after folding, else a unique part."""
    if name in graph:
        return name
    key = ascii_key(name)
    exact = [n for n, a in graph.nodes(data=True) if key in {ascii_key(x) for x in _names(a)}]
    if exact:
        return max(exact, key=lambda n: (graph.degree(n), n))
    partial = [n for n, a in graph.nodes(data=True) if any(key in ascii_key(x) for x in _names(a))]
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


# ---------------------------------------------------------------- time


_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def iso_interval(text: str) -> Interval | None:
    """The days an ISO date covers: `2022-06` → June 2022; `2022-06-06/2022-06-10` → that range."""
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = iso_interval(first.strip()), iso_interval(last.strip())
        return (start[0], end[1]) if start and end else None
    match = _ISO.match(text.strip())
    if not match:
        return None
    year, month, day = (int(x) if x else None for x in match.groups())
    assert year is not None
    try:
        if day and month:
            return date(year, month, day), date(year, month, day)
        if month:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _query_interval(start: str | None, end: str | None) -> Interval:
    lo, hi = date.min, date.max
    if start:
        parsed = iso_interval(start)
        if parsed is None:
            raise KgError(f"cannot read the date {start!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        lo = parsed[0]
    if end:
        parsed = iso_interval(end)
        if parsed is None:
            raise KgError(f"cannot read the date {end!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        hi = parsed[1]
    return lo, hi


def node_dates(graph: nx.MultiDiGraph, node: str) -> list[Interval]:
    """A dated node's intervals: its own ISO date, or the dates it was held or signed on."""
    own = [iso_interval(x) for x in graph.nodes[node].get("iso", [])]
    linked = [
        iso_interval(x)
        for _, target, predicate in graph.out_edges(node, keys=True)
        if predicate in DATE_PREDICATES
        for x in graph.nodes[target].get("iso", [])
    ]
    return [i for i in own + linked if i is not None]


def time_slice(graph: nx.MultiDiGraph, start: str | None, end: str | None) -> nx.MultiDiGraph:
    """Events, agreements and dates whose ISO date overlaps [start, end], plus what they connect."""
    lo, hi = _query_interval(start, end)
    dated = {n for n in graph if any(a <= hi and lo <= b for a, b in node_dates(graph, n))}
    keep = set(dated)
    for node in dated:
        keep |= set(graph.successors(node)) | set(graph.predecessors(node))
    return graph.subgraph(keep).copy()


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
