"""The RDF → networkx projection, read from the store with a few SPARQL queries, each streamed.

Entities become nodes keyed by IRI, relations between two entities become edges keyed by
predicate. Memory follows the entities and relations, not the statements: the sentences behind
a node or an edge are counted, and only the first `EVIDENCE_KEPT` of them (in text order) are
kept. Every attribute is a string or a number, so networkx's GEXF and GraphML writers take the
graph as it is; lists are joined with `SEP`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..model import DATE_PREDICATES, PREDICATES, TENURE_ATTRIBUTES
from ..store import GraphStore
from ..vocab import ATTRIBUTE_PROPERTY, ENTITY_CLASS, KG_NS
from .dates import iso_interval

SEP = "; "  # between the values of one attribute (alt_labels, rank, position …)
EVIDENCE_KEPT = 3  # sentences kept per node and per edge (all are counted)
# Relations whose object is a literal become node attributes, not nodes.
LITERAL_RELATION_ATTRIBUTES: dict[str, str] = {
    **TENURE_ATTRIBUTES,
    "about": "about",
    "nationality": "country",
}
_ATTRIBUTES = {str(prop).removeprefix(KG_NS): key for key, prop in ATTRIBUTE_PROPERTY.items()}
_BASE_CLASSES = {str(cls).removeprefix(KG_NS) for cls in ENTITY_CLASS.values()}
_PREDICATE_TERMS = " ".join(f"kg:{p}" for p in PREDICATES)
_ATTRIBUTE_TERMS = " ".join(f"kg:{p}" for p in _ATTRIBUTES)

_ENTITIES = (
    "SELECT ?e ?type ?label WHERE { ?e kg:entityType ?type OPTIONAL { ?e rdfs:label ?label } }"
)
_CLASSES = "SELECT ?e ?class WHERE { ?e kg:entityType ?type ; a ?class }"
_ALT_LABELS = "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"
_ATTRIBUTE_VALUES = f"SELECT ?e ?p ?v WHERE {{ VALUES ?p {{ {_ATTRIBUTE_TERMS} }} ?e ?p ?v }}"
_RELATIONS = f"""SELECT ?s ?p ?o (isLiteral(?o) AS ?literal) WHERE {{
  VALUES ?p {{ {_PREDICATE_TERMS} }} ?s ?p ?o }}"""
_TENURES = """SELECT ?person ?p ?v ?on WHERE {
  GRAPH ?g { ?t kg:holder ?person ; ?p ?v . OPTIONAL { ?t kg:statedOn ?on } }
  FILTER(?p IN (kg:rank, kg:position)) }"""
_SOURCES = """SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e kg:entityType ?type } }
GROUP BY ?e"""
_DOCUMENTS = """SELECT ?doc ?path ?title WHERE {
  ?doc a kg:Document ; kg:sourcePath ?path OPTIONAL { ?doc schema:headline ?title } }"""
_MENTIONS = "SELECT ?e ?s WHERE { GRAPH ?g { ?e kg:mentionedIn ?s } }"
_SENTENCES = "SELECT ?s ?text ?doc WHERE { GRAPH ?g { ?s kg:text ?text ; kg:inDocument ?doc } }"
# Mentions and sentence texts are read apart and joined here: Oxigraph's join of the two costs
# several times the two scans.
_EVIDENCE = """SELECT ?s ?p ?o ?text ?doc WHERE {
  GRAPH ?g { ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sentence .
             ?sentence kg:text ?text ; kg:inDocument ?doc }
  FILTER(isIRI(?o)) }"""
_MENTIONED_TOGETHER = "SELECT ?s ?e WHERE { GRAPH ?g { ?e kg:mentionedIn ?s } }"


def local_name(iri: str) -> str:
    return iri.removeprefix(KG_NS)


def joined(values: Iterable[str]) -> str:
    return SEP.join(sorted(set(values)))


def split(value: Any) -> list[str]:
    """The values of a joined attribute (`"a; b"` → `["a", "b"]`; missing → `[]`)."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value]
    return str(value).split(SEP)


@dataclass
class _Evidence:
    """A count of sentences and the first few of them, in text order."""

    count: int = 0
    first: list[tuple[str, str]] = field(default_factory=list)

    def add(self, text: str, doc: str) -> None:
        self.count += 1
        item = (text, doc)
        if item in self.first or (len(self.first) == EVIDENCE_KEPT and item > self.first[-1]):
            return
        self.first = sorted([*self.first, item])[:EVIDENCE_KEPT]

    def text(self) -> str:
        lines = [" ".join(f"{text} — {doc}".split()) if doc else text for text, doc in self.first]
        return "\n".join(lines)


def _rows(store: GraphStore, sparql: str) -> Iterator[list[str]]:
    yield from store.values(sparql)


Values = defaultdict[str, defaultdict[str, set[str]]]


def to_networkx(store: GraphStore, *, evidence: bool = True) -> nx.MultiDiGraph:
    """Entities as nodes (IRI ids), entity-to-entity relations as edges with weight and, unless
    `evidence` is False (the measures and paths need none), the sentences behind them."""
    nodes = _entities(store)
    values: Values = defaultdict(lambda: defaultdict(set))
    relations = _values_and_relations(store, nodes, values)
    dated = _tenures(store, values)
    mentions: dict[str, _Evidence] = {}
    backing: dict[tuple[str, str, str], _Evidence] = {}
    if evidence:
        mentions, backing = _evidence(store)
    sources = {entity: int(n) for entity, n in _rows(store, _SOURCES)}
    graph = nx.MultiDiGraph()
    for entity in sorted(nodes):
        attrs = nodes[entity]
        attrs["label"] = attrs["label"] or entity.rsplit("/", 1)[-1]
        for key, found in sorted(values.get(entity, {}).items()):
            attrs[key] = joined(found)
        for key in ("rank", "position"):
            said_on = sorted((d, v) for k, v, d in dated.get(entity, ()) if k == key)
            if said_on:
                attrs[f"{key}_on"] = SEP.join(f"{v} ({d})" for d, v in said_on)
        said = mentions.get(entity, _Evidence())
        attrs.update(sources=sources.get(entity, 0), mentions=said.count, evidence=said.text())
        graph.add_node(entity, **attrs)
    for subject, predicate, obj in sorted(relations):
        behind = backing.get((subject, predicate, obj), _Evidence())
        graph.add_edge(
            subject,
            obj,
            key=predicate,
            predicate=predicate,
            weight=max(1, behind.count),
            evidence=behind.text(),
        )
    _add_dates(graph)
    return graph


def _evidence(
    store: GraphStore,
) -> tuple[dict[str, _Evidence], dict[tuple[str, str, str], _Evidence]]:
    """The sentences naming each entity and those behind each relation (counted; the first few
    kept, with their documents' titles)."""
    titles = _document_titles(store)
    named: defaultdict[str, _Evidence] = defaultdict(_Evidence)
    for entity, sentence in _rows(store, _MENTIONS):
        named[entity].add(sentence, "")
    wanted = {s for found in named.values() for s, _ in found.first}
    texts: dict[str, tuple[str, str]] = {}
    for sentence, text, doc in _rows(store, _SENTENCES):
        if sentence in wanted:
            texts[sentence] = (text, titles.get(doc, doc))
    for found in named.values():
        found.first = sorted(texts.get(s, (s, "")) for s, _ in found.first)
    relations: defaultdict[tuple[str, str, str], _Evidence] = defaultdict(_Evidence)
    for subject, prop, obj, text, doc in _rows(store, _EVIDENCE):
        relations[subject, local_name(prop), obj].add(text, titles.get(doc, doc))
    return named, relations


def _entities(store: GraphStore) -> dict[str, dict[str, Any]]:
    """IRI → label (the least, when documents label it differently) and type."""
    nodes: dict[str, dict[str, Any]] = {}
    for entity, kind, label in _rows(store, _ENTITIES):
        node = nodes.setdefault(entity, {"label": "", "type": kind})
        if label and (not node["label"] or label < node["label"]):
            node["label"] = label
    return nodes


def _values_and_relations(
    store: GraphStore, nodes: dict[str, dict[str, Any]], values: Values
) -> set[tuple[str, str, str]]:
    """Subclasses, spellings and attributes into `values`; the relations between two entities."""
    for entity, cls in _rows(store, _CLASSES):
        if entity in nodes and cls.startswith(KG_NS) and local_name(cls) not in _BASE_CLASSES:
            values[entity]["kind"].add(local_name(cls))
    for entity, alt in _rows(store, _ALT_LABELS):
        values[entity]["alt_labels"].add(alt)
    for entity, prop, value in _rows(store, _ATTRIBUTE_VALUES):
        values[entity][_ATTRIBUTES[local_name(prop)]].add(value)
    relations: set[tuple[str, str, str]] = set()
    for subject, prop, obj, literal in _rows(store, _RELATIONS):
        predicate = local_name(prop)
        if literal == "true":
            values[subject][LITERAL_RELATION_ATTRIBUTES.get(predicate, predicate)].add(obj)
        elif subject in nodes and obj in nodes:
            relations.add((subject, predicate, obj))
    return relations


def _tenures(store: GraphStore, values: Values) -> defaultdict[str, set[tuple[str, str, str]]]:
    """Ranks and posts of the dated tenures into `values`; person → (rank|position, value, date)."""
    dated: defaultdict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for person, prop, value, stated in _rows(store, _TENURES):
        key = local_name(prop)
        values[person][key].add(value)
        if stated:
            dated[person].add((key, value, stated))
    return dated


def _document_titles(store: GraphStore) -> dict[str, str]:
    return {doc: title or path for doc, path, title in _rows(store, _DOCUMENTS)}


def _add_dates(graph: nx.MultiDiGraph) -> None:
    """`start` and `end` (ISO days) of each dated node: its own ISO date, or the dates it was held
    or signed on; the view's date filter and time line read them, and Gephi can too."""
    for node, attrs in graph.nodes(data=True):
        isos = split(attrs.get("iso"))
        isos += [
            iso
            for _, target, predicate in graph.out_edges(node, keys=True)
            if predicate in DATE_PREDICATES
            for iso in split(graph.nodes[target].get("iso"))
        ]
        spans = [span for span in map(iso_interval, isos) if span is not None]
        if spans:
            attrs["start"] = min(a for a, _ in spans).isoformat()
            attrs["end"] = max(b for _, b in spans).isoformat()


def cooccurrence(store: GraphStore) -> nx.Graph:
    """Entities linked when a sentence mentions both; weight = number of shared sentences."""
    graph = nx.Graph()
    for entity, kind, label in _rows(store, _ENTITIES):
        if entity not in graph or (label and label < graph.nodes[entity]["label"]):
            graph.add_node(entity, label=label or entity, type=kind)
    by_sentence: defaultdict[str, set[str]] = defaultdict(set)
    for sentence, entity in _rows(store, _MENTIONED_TOGETHER):
        if entity in graph:
            by_sentence[sentence].add(entity)
    for sentence in sorted(by_sentence):
        members = sorted(by_sentence[sentence])
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                weight = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
                graph.add_edge(a, b, weight=weight)
    return graph
