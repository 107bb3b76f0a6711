"""RDF: one document's extraction as quads in its own named graph (layout: docs/RDF_MODEL.md).

The layout is written once, as triples of N-Triples term strings (`<iri>`, `"text"@vi`,
`"12"^^<…#integer>`) that the build joins into N-Quads lines (`extraction_nquads`); the rdflib
forms are made from those strings (`extraction_quads`) or that text (`extraction_dataset`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.term import Node

from . import iri
from .clean import ascii_key, match_key
from .fingerprint import content_hash
from .model import (
    DATE_PREDICATES,
    MERGE_REASONS_SEPARATOR,
    PREDICATES,
    TENURE_ATTRIBUTES,
    DocExtraction,
    Document,
    Entity,
    KgError,
    Relation,
    Sentence,
)
from .ntriples import (
    XSD_TERMS,
    Quad,
    Terms,
    nt_boolean,
    nt_decimal,
    nt_integer,
    nt_iri,
    nt_plain,
    nt_typed,
    nt_vi,
    rdflib_term,
)
from .vocab import (
    ATTRIBUTE_PROPERTY,
    ENTITY_CLASS,
    KG,
    PROV,
    SDO,
    SKOS,
    TENURE_CLASS,
    WD,
    in_merged_graph,
    subclass_cues,
)

Triple = tuple[str, str, str]  # subject, predicate, object in N-Triples syntax


_KG, _RDF, _RDFS, _OWL, _XSD = Terms(KG), Terms(RDF), Terms(RDFS), Terms(OWL), XSD_TERMS
_PROV, _SDO, _SKOS = Terms(PROV), Terms(SDO), Terms(SKOS)
_PREDICATE = {name: f"<{KG[name]}>" for name in PREDICATES}

_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
    (re.compile(r"^\d{4}(-\d{2}){0,2}/\d{4}(-\d{2}){0,2}$"), XSD.string),  # a range
)
_WIKIDATA = re.compile(r"^Q\d+$")
_TENURE_CLASS = {name: f"<{cls}>" for name, cls in TENURE_CLASS.items()}
_ATTRIBUTE = {key: f"<{prop}>" for key, prop in ATTRIBUTE_PROPERTY.items()}
_TENURE_VALUE = {name: _ATTRIBUTE[key] for name, key in TENURE_ATTRIBUTES.items()}
_TEXT_ATTRIBUTES = ("rank", "country", "status", "position")  # Vietnamese text, `;`-separated


# ---------------------------------------------------------------- terms


def _date_type(value: str) -> URIRef | None:
    """The datatype an ISO date gets by its precision (xsd:string for a range); None: no date."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return datatype
    return None


def date_literal(value: str) -> Literal | None:
    """An ISO date as a typed literal (xsd:date, xsd:gYearMonth, xsd:gYear); a range as a string."""
    value = value.strip()
    datatype = _date_type(value)
    return None if datatype is None else Literal(value, datatype=datatype)


def _date(value: str) -> str | None:
    """`date_literal` in N-Triples syntax (a string written without its datatype)."""
    value = value.strip()
    datatype = _date_type(value)
    if datatype is None:
        return None
    return nt_plain(value) if datatype == XSD.string else nt_typed(value, f"<{datatype}>")


def entity_key(entity: Entity) -> str:
    """The resolved key, or the name's match key when the extractor gave none."""
    return entity.key or match_key(entity.name)


def entity_ref(entity: Entity) -> URIRef:
    return URIRef(iri.entity_iri(entity.type.value, entity_key(entity)))


# ---------------------------------------------------------------- one document


@dataclass(frozen=True)
class NQuads:
    """One document's quads as N-Quads text (sorted lines, no duplicates), how many there are,
    and the IRIs of the people its dated ranks and posts are held by (`kg:holder`), sorted."""

    text: str
    count: int
    holders: list[str]
    triples: str = ""  # the statements of the merged default graph among them, as N-Triples


@dataclass
class _Context:
    """What every triple of one document needs: its graph, its document node, its sentences, the
    node of each entity (`refs`, in order) and of each entity id (`nodes`: the first entity of an
    id, as `DocExtraction.entity` finds it)."""

    ex: DocExtraction
    graph: str
    doc: str
    built_at: str
    stated_on: str | None
    starts: list[int]
    sentences: list[Sentence]
    refs: list[str]
    nodes: dict[str, str]

    @property
    def doc_id(self) -> str:
        return self.ex.doc.doc_id


def _context(ex: DocExtraction, built_at: str) -> _Context:
    sentences = sorted(ex.sentences, key=lambda s: (s.start, s.end))
    published = ex.doc.published
    refs = [nt_iri(entity_ref(entity)) for entity in ex.entities]
    nodes: dict[str, str] = {}
    for entity, ref in zip(ex.entities, refs, strict=True):
        nodes.setdefault(entity.id, ref)
    return _Context(
        ex=ex,
        graph=nt_iri(iri.graph_iri(ex.doc.doc_id)),
        doc=nt_iri(iri.document_iri(ex.doc.doc_id)),
        built_at=nt_typed(built_at, _XSD.dateTime),
        stated_on=_date(published[:10]) if published else None,
        starts=[s.start for s in sentences],
        sentences=sentences,
        refs=refs,
        nodes=nodes,
    )


def extraction_nquads(ex: DocExtraction, built_at: str) -> NQuads:
    """Every quad of one document as N-Quads text, with the holders of its tenures, and the
    statements of the merged default graph among them."""
    ctx = _context(ex, built_at)
    triples = sorted(set(_triples(ctx)))
    tail = f" {ctx.graph} .\n"
    text = "".join([f"{s} {p} {o}{tail}" for s, p, o in triples])
    merged = "".join([f"{s} {p} {o} .\n" for s, p, o in triples if in_merged_graph(s, p)])
    holders = sorted({o[1:-1] for _, p, o in triples if p == _KG.holder})
    return NQuads(text, len(triples), holders, merged)


def extraction_dataset(ex: DocExtraction, built_at: str) -> Dataset:
    """The document's named graph as an rdflib Dataset."""
    dataset = Dataset()
    dataset.parse(data=extraction_nquads(ex, built_at).text, format="nquads")
    return dataset


def extraction_quads(ex: DocExtraction, built_at: str, ordered: bool = True) -> list[Quad]:
    """Every quad of one document as rdflib terms, without duplicates; sorted (so output is
    deterministic) unless `ordered` is False."""
    ctx = _context(ex, built_at)
    triples = {(URIRef(s[1:-1]), URIRef(p[1:-1]), rdflib_term(o)) for s, p, o in _triples(ctx)}
    chosen = sorted(triples, key=_sort_key) if ordered else triples
    graph = URIRef(ctx.graph[1:-1])
    return [(s, p, o, graph) for s, p, o in chosen]


def _sort_key(triple: tuple[Node, Node, Node]) -> tuple[str, ...]:
    return tuple(t.n3() for t in triple)


def _triples(ctx: _Context) -> Iterator[Triple]:
    yield from _document(ctx)
    for sentence in ctx.sentences:
        yield from _sentence(ctx, sentence.start, sentence.end, sentence.text)
    for entity, node in zip(ctx.ex.entities, ctx.refs, strict=True):
        yield from _entity(ctx, entity, node)
    for relation in ctx.ex.relations:
        yield from _relation(ctx, relation)
    yield from _attribute_tenures(ctx)


# ---------------------------------------------------------------- documents and sentences


def _document(ctx: _Context) -> Iterator[Triple]:
    doc: Document = ctx.ex.doc
    yield ctx.doc, _RDF.type, _KG.Document
    yield ctx.doc, _SDO.identifier, nt_plain(doc.doc_id)
    yield ctx.doc, _KG.sourcePath, nt_plain(doc.source)
    yield ctx.doc, _KG.contentHash, nt_plain(content_hash(doc))
    yield ctx.doc, _PROV.generatedAtTime, ctx.built_at
    if doc.meta.get("title"):
        yield ctx.doc, _SDO.headline, nt_vi(doc.meta["title"])
    if doc.meta.get("url"):
        yield ctx.doc, _SDO.url, nt_typed(doc.meta["url"], _XSD.anyURI)
    if ctx.stated_on is not None:
        yield ctx.doc, _SDO.datePublished, ctx.stated_on


def _sentence(ctx: _Context, start: int, end: int, text: str) -> Iterator[Triple]:
    node = nt_iri(iri.sentence_iri(ctx.doc_id, start, end))
    yield node, _RDF.type, _KG.Sentence
    yield node, _KG.text, nt_vi(text)
    yield node, _KG.startOffset, nt_integer(start)
    yield node, _KG.endOffset, nt_integer(end)
    yield node, _KG.inDocument, ctx.doc


def _containing_sentence(ctx: _Context, start: int, end: int) -> str | None:
    i = bisect.bisect_right(ctx.starts, start) - 1
    for sentence in ctx.sentences[max(i, 0) : i + 1]:
        if sentence.start <= start and end <= sentence.end:
            return nt_iri(iri.sentence_iri(ctx.doc_id, sentence.start, sentence.end))
    return None


# ---------------------------------------------------------------- entities


@cache
def _cues(entity_type: str) -> tuple[tuple[str, URIRef], ...]:
    """(cue word, class) for the names of one entity type, longest cue first."""
    base = ENTITY_CLASS[entity_type]
    return tuple((cue, subclass) for cue, subclass, parent in subclass_cues() if parent == base)


def entity_classes(entity: Entity) -> list[URIRef]:
    """The entity's class and, when a cue word opens its name, the subclass it names (for events
    and agreements the `kind` of the cue in their lexicon, for the others the ontology's `kg:cue`)."""
    base = ENTITY_CLASS[entity.type.value]
    name = match_key(entity.name)
    for cue, cls in _cues(entity.type.value):
        if name == cue or name.startswith(cue + " "):
            return [base] if cls == base else [base, cls]
    return [base]


def _entity(ctx: _Context, entity: Entity, node: str) -> Iterator[Triple]:
    for cls in entity_classes(entity):
        yield node, _RDF.type, nt_iri(cls)
    yield node, _RDFS.label, nt_vi(entity.name)
    yield node, _KG.entityType, nt_plain(entity.type.value)
    spellings = {entity.name, *(m.text for m in entity.mentions)}
    for key in {match_key(s) for s in spellings} | {ascii_key(s) for s in spellings}:
        yield node, _KG.nameKey, nt_plain(key)
    for mention in entity.mentions:
        if mention.text != entity.name:
            yield node, _SKOS.altLabel, nt_vi(mention.text)
        sentence = _containing_sentence(ctx, mention.start, mention.end)
        yield node, _KG.mentionedIn, sentence if sentence is not None else ctx.doc
    if not entity.mentions:
        yield node, _KG.mentionedIn, ctx.doc
    yield from _attributes(node, entity.attributes)


def _split(value: object, sep: str) -> list[str]:
    if value == "":
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(sep)
    return [str(v).strip() for v in items if str(v).strip()]


def _attributes(node: str, attrs: dict[str, str]) -> Iterator[Triple]:
    for key in _TEXT_ATTRIBUTES:
        for value in _split(attrs.get(key, ""), ";"):
            yield node, _ATTRIBUTE[key], nt_vi(value)
    for value in _split(attrs.get("acronym", ""), ";"):
        yield node, _ATTRIBUTE["acronym"], nt_plain(value)
    for value in _split(attrs.get("merge_reasons", ""), MERGE_REASONS_SEPARATOR):
        yield node, _KG.mergeReason, nt_vi(value)
    iso = _date(str(attrs["iso"])) if "iso" in attrs else None
    if iso is not None:
        yield node, _ATTRIBUTE["iso"], iso
    if "year_inferred" in attrs:
        inferred = str(attrs["year_inferred"]).lower() in {"true", "1", "yes"}
        yield node, _KG.yearInferred, nt_boolean(inferred)
    wikidata = str(attrs.get("wikidata", "")).strip()
    if _WIKIDATA.match(wikidata):
        yield node, _OWL.sameAs, nt_iri(WD[wikidata])


# ---------------------------------------------------------------- relations and provenance


def _predicate(ctx: _Context, name: str) -> str:
    if name not in _PREDICATE:
        raise KgError(f"{ctx.ex.doc.source}: unknown relation predicate {name!r}")
    return _PREDICATE[name]


def _object(ctx: _Context, relation: Relation) -> str | None:
    if relation.object_is_entity:
        return ctx.nodes.get(relation.object)
    if relation.predicate in DATE_PREDICATES:
        typed = _date(relation.object)
        if typed is not None:
            return typed
    return nt_vi(relation.object)


def _stated_on(ctx: _Context, relation: Relation) -> str | None:
    for key, value in relation.attributes:
        if key == "stated_on" and _date(value) is not None:
            return _date(value)
    return ctx.stated_on


def _relation(ctx: _Context, relation: Relation) -> Iterator[Triple]:
    subject = ctx.nodes.get(relation.subject)
    obj = _object(ctx, relation)
    if subject is None or obj is None:
        return
    predicate = _predicate(ctx, relation.predicate)
    stated = _stated_on(ctx, relation)
    yield subject, predicate, obj
    assertion = _assertion_ref(ctx, relation, (subject, predicate, obj))
    yield from _assertion(ctx, relation, assertion, (subject, predicate, obj), stated)
    if relation.predicate in _TENURE_CLASS and not relation.object_is_entity:
        value = relation.object
        yield from _tenure(ctx, relation.predicate, subject, value, stated)
        tenure = _tenure_ref(ctx, relation.predicate, subject, value)
        yield tenure, _PROV.wasDerivedFrom, assertion


def _assertion_ref(ctx: _Context, relation: Relation, triple: Triple) -> str:
    ev = relation.evidence
    subject, predicate, obj = triple
    parts = (subject[1:-1], predicate[1:-1], obj, str(ev.start), str(ev.end))
    return nt_iri(iri.assertion_iri(ctx.doc_id, *parts))


def _assertion(
    ctx: _Context, relation: Relation, node: str, triple: Triple, stated: str | None
) -> Iterator[Triple]:
    """The relation's provenance: a kg:Assertion reifying it, derived from its evidence: the
    sentence of exactly that span, else a sentence node minted for the span."""
    ev = relation.evidence
    yield node, _RDF.type, _KG.Assertion
    yield node, _RDF.subject, triple[0]
    yield node, _RDF.predicate, triple[1]
    yield node, _RDF.object, triple[2]
    yield node, _PROV.wasDerivedFrom, nt_iri(iri.sentence_iri(ctx.doc_id, ev.start, ev.end))
    yield node, _KG.rule, nt_plain(relation.rule or "unknown")
    yield node, _KG.confidence, nt_decimal(relation.confidence)
    if stated is not None:
        yield node, _KG.statedOn, stated
    if not _is_sentence(ctx, ev.start, ev.end):
        yield from _sentence(ctx, ev.start, ev.end, ev.text)


def _is_sentence(ctx: _Context, start: int, end: int) -> bool:
    """Whether one of the document's sentences spans exactly `start`-`end`."""
    i = bisect.bisect_left(ctx.starts, start)
    while i < len(ctx.sentences) and ctx.sentences[i].start == start:
        if ctx.sentences[i].end == end:
            return True
        i += 1
    return False


def _tenure_ref(ctx: _Context, predicate: str, person: str, value: str) -> str:
    return nt_iri(iri.tenure_iri(ctx.doc_id, predicate, person[1:-1], match_key(value)))


def _tenure(
    ctx: _Context, predicate: str, person: str, value: str, stated: str | None
) -> Iterator[Triple]:
    """A dated rank or post: `?t kg:holder ?person; kg:rank|kg:position ?value; kg:statedOn ?d`."""
    node = _tenure_ref(ctx, predicate, person, value)
    yield node, _RDF.type, _TENURE_CLASS[predicate]
    yield node, _KG.holder, person
    yield node, _TENURE_VALUE[predicate], nt_vi(value)
    if stated is not None:
        yield node, _KG.statedOn, stated


def _attribute_tenures(ctx: _Context) -> Iterator[Triple]:
    """Ranks and posts given only as attributes of a person still get a dated tenure."""
    for entity, person in zip(ctx.ex.entities, ctx.refs, strict=True):
        if entity.type.value != "PERSON":
            continue
        for predicate, key in TENURE_ATTRIBUTES.items():
            for value in _split(entity.attributes.get(key, ""), ";"):
                yield from _tenure(ctx, predicate, person, value, ctx.stated_on)
