"""RDF: one document's extraction as quads in its own named graph (layout: docs/RDF_MODEL.md)."""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.term import Node

from . import iri
from .clean import match_key
from .lexicon import extractor_fingerprint
from .model import PREDICATES, DocExtraction, Document, Entity, KgError, Relation, Sentence
from .vocab import ENTITY_CLASS, KG, PROV, SDO, SKOS, WD, subclass_cues

Quad = tuple[URIRef, URIRef, Node, URIRef]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_RANGE = re.compile(r"^\d{4}(-\d{2}){0,2}/\d{4}(-\d{2}){0,2}$")
_WIKIDATA = re.compile(r"^Q\d+$")
DATED_PREDICATES = {"hasRank": KG.RankTenure, "holdsPosition": KG.PostTenure}
_TENURE_VALUE = {"hasRank": KG.rank, "holdsPosition": KG.position}


def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def date_literal(value: str) -> Literal | None:
    """An ISO date as a typed literal (xsd:date, xsd:gYearMonth, xsd:gYear); a range as a string."""
    value = value.strip()
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    if _MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    if _RANGE.match(value):
        return Literal(value, datatype=XSD.string)
    return None


def content_hash(doc: Document) -> str:
    """sha256 of what a document's triples depend on: its text, metadata and source path, and the
    extractor (code, lexicons, ontology) that reads it."""
    payload = json.dumps(
        [doc.text, sorted(doc.meta.items()), doc.source, extractor_fingerprint()],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entity_key(entity: Entity) -> str:
    """The resolved key, or the name's match key when the extractor gave none."""
    return entity.key or match_key(entity.name)


def entity_ref(entity: Entity) -> URIRef:
    return URIRef(iri.entity_iri(entity.type.value, entity_key(entity)))


@dataclass
class _Context:
    """What every triple of one document needs: its graph, its document node and its sentences."""

    ex: DocExtraction
    graph: URIRef
    doc: URIRef
    built_at: Literal
    stated_on: Literal | None
    starts: list[int]
    sentences: list[Sentence]

    @property
    def doc_id(self) -> str:
        return self.ex.doc.doc_id


def _context(ex: DocExtraction, built_at: str) -> _Context:
    sentences = sorted(ex.sentences, key=lambda s: (s.start, s.end))
    published = ex.doc.published
    return _Context(
        ex=ex,
        graph=URIRef(iri.graph_iri(ex.doc.doc_id)),
        doc=URIRef(iri.document_iri(ex.doc.doc_id)),
        built_at=Literal(built_at, datatype=XSD.dateTime, normalize=False),
        stated_on=date_literal(published[:10]) if published else None,
        starts=[s.start for s in sentences],
        sentences=sentences,
    )


def extraction_quads(ex: DocExtraction, built_at: str, ordered: bool = True) -> list[Quad]:
    """Every quad of one document, without duplicates; sorted (so output is deterministic)
    unless `ordered` is False, for callers that sort the N-Quads text instead (`to_nquads`)."""
    ctx = _context(ex, built_at)
    triples: set[tuple[URIRef, URIRef, Node]] = set()
    triples.update(_document(ctx))
    for sentence in ctx.sentences:
        triples.update(_sentence(ctx, sentence.start, sentence.end, sentence.text))
    for entity in ex.entities:
        triples.update(_entity(ctx, entity))
    for relation in ex.relations:
        triples.update(_relation(ctx, relation))
    triples.update(_attribute_tenures(ctx))
    chosen = sorted(triples, key=_sort_key) if ordered else triples
    return [(s, p, o, ctx.graph) for s, p, o in chosen]


def _sort_key(triple: tuple[Node, Node, Node]) -> tuple[str, ...]:
    return tuple(t.n3() for t in triple)


def extraction_dataset(ex: DocExtraction, built_at: str) -> Dataset:
    """The document's named graph as an rdflib Dataset."""
    dataset = Dataset()
    dataset.parse(data=to_nquads(extraction_quads(ex, built_at)), format="nquads")
    return dataset


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: Node) -> str:
    """One term in N-Triples syntax (IRIs and literals only: the data has no blank nodes)."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    return f"<{term}>"


def to_nquads(quads: Iterable[Quad]) -> str:
    """N-Quads text, one statement a line, sorted and without duplicates."""
    lines = {" ".join(nt_term(t) for t in quad) + " .\n" for quad in quads}
    return "".join(sorted(lines))


# ---------------------------------------------------------------- documents and sentences


def _document(ctx: _Context) -> Iterator[tuple[URIRef, URIRef, Node]]:
    doc: Document = ctx.ex.doc
    yield ctx.doc, RDF.type, KG.Document
    yield ctx.doc, SDO.identifier, Literal(doc.doc_id)
    yield ctx.doc, KG.sourcePath, Literal(doc.source)
    yield ctx.doc, KG.contentHash, Literal(content_hash(doc))
    yield ctx.doc, PROV.generatedAtTime, ctx.built_at
    if doc.meta.get("title"):
        yield ctx.doc, SDO.headline, vi(doc.meta["title"])
    if doc.meta.get("url"):
        yield ctx.doc, SDO.url, Literal(doc.meta["url"], datatype=XSD.anyURI)
    if ctx.stated_on is not None:
        yield ctx.doc, SDO.datePublished, ctx.stated_on


def _sentence(
    ctx: _Context, start: int, end: int, text: str
) -> Iterator[tuple[URIRef, URIRef, Node]]:
    node = URIRef(iri.sentence_iri(ctx.doc_id, start, end))
    yield node, RDF.type, KG.Sentence
    yield node, KG.text, vi(text)
    yield node, KG.startOffset, Literal(start)
    yield node, KG.endOffset, Literal(end)
    yield node, KG.inDocument, ctx.doc


def _containing_sentence(ctx: _Context, start: int, end: int) -> URIRef | None:
    i = bisect.bisect_right(ctx.starts, start) - 1
    for sentence in ctx.sentences[max(i, 0) : i + 1]:
        if sentence.start <= start and end <= sentence.end:
            return URIRef(iri.sentence_iri(ctx.doc_id, sentence.start, sentence.end))
    return None


# ---------------------------------------------------------------- entities


def entity_classes(entity: Entity) -> list[URIRef]:
    """The entity's class and, when a `kg:cue` word opens its name, the subclass it names."""
    base = ENTITY_CLASS[entity.type.value]
    name = match_key(entity.name)
    for cue, subclass, parent in subclass_cues():
        if parent == base and (name == cue or name.startswith(cue + " ")):
            return [base, subclass]
    return [base]


def _entity(ctx: _Context, entity: Entity) -> Iterator[tuple[URIRef, URIRef, Node]]:
    node = entity_ref(entity)
    for cls in entity_classes(entity):
        yield node, RDF.type, cls
    yield node, RDFS.label, vi(entity.name)
    yield node, KG.entityType, Literal(entity.type.value)
    for spelling in {entity.name, *(m.text for m in entity.mentions)}:
        yield node, KG.nameKey, Literal(match_key(spelling))
    for mention in entity.mentions:
        if mention.text != entity.name:
            yield node, SKOS.altLabel, vi(mention.text)
        sentence = _containing_sentence(ctx, mention.start, mention.end)
        yield node, KG.mentionedIn, sentence if sentence is not None else ctx.doc
    if not entity.mentions:
        yield node, KG.mentionedIn, ctx.doc
    yield from _attributes(node, entity.attributes)


def _split(value: object, sep: str) -> list[str]:
    items = value if isinstance(value, list | tuple) else str(value).split(sep)
    return [str(v).strip() for v in items if str(v).strip()]


def _attributes(node: URIRef, attrs: dict[str, str]) -> Iterator[tuple[URIRef, URIRef, Node]]:
    for key, prop in (("rank", KG.rank), ("country", KG.country), ("status", KG.status)):
        for value in _split(attrs.get(key, ""), ";"):
            yield node, prop, vi(value)
    for value in _split(attrs.get("position", ""), ";"):
        yield node, KG.position, vi(value)
    for value in _split(attrs.get("acronym", ""), ";"):
        yield node, KG.acronym, Literal(value)
    for value in _split(attrs.get("merge_reasons", ""), "\n"):
        yield node, KG.mergeReason, vi(value)
    iso = date_literal(str(attrs.get("iso", "")))
    if iso is not None:
        yield node, KG.isoDate, iso
    if "year_inferred" in attrs:
        inferred = str(attrs["year_inferred"]).lower() in {"true", "1", "yes"}
        yield node, KG.yearInferred, Literal(inferred)
    wikidata = str(attrs.get("wikidata", "")).strip()
    if _WIKIDATA.match(wikidata):
        yield node, OWL.sameAs, WD[wikidata]


# ---------------------------------------------------------------- relations and provenance


def _predicate(ctx: _Context, name: str) -> URIRef:
    if name not in PREDICATES:
        raise KgError(f"{ctx.ex.doc.source}: unknown relation predicate {name!r}")
    return URIRef(KG[name])


def _object(ctx: _Context, relation: Relation) -> Node | None:
    if relation.object_is_entity:
        try:
            return entity_ref(ctx.ex.entity(relation.object))
        except KeyError:
            return None
    if relation.predicate in {"heldOn", "signedOn"}:
        typed = date_literal(relation.object)
        if typed is not None:
            return typed
    return vi(relation.object)


def _stated_on(ctx: _Context, relation: Relation) -> Literal | None:
    for key, value in relation.attributes:
        if key == "stated_on" and date_literal(value) is not None:
            return date_literal(value)
    return ctx.stated_on


def _relation(ctx: _Context, relation: Relation) -> Iterator[tuple[URIRef, URIRef, Node]]:
    try:
        subject = entity_ref(ctx.ex.entity(relation.subject))
    except KeyError:
        return
    obj = _object(ctx, relation)
    if obj is None:
        return
    predicate = _predicate(ctx, relation.predicate)
    yield subject, predicate, obj
    assertion = _assertion_ref(ctx, relation, subject, predicate, obj)
    yield from _assertion(ctx, relation, assertion, (subject, predicate, obj))
    if relation.predicate in DATED_PREDICATES and isinstance(obj, Literal):
        yield from _tenure(ctx, relation.predicate, subject, str(obj), _stated_on(ctx, relation))
        yield (
            _tenure_ref(ctx, relation.predicate, subject, str(obj)),
            PROV.wasDerivedFrom,
            assertion,
        )


def _assertion_ref(
    ctx: _Context, relation: Relation, subject: URIRef, predicate: URIRef, obj: Node
) -> URIRef:
    ev = relation.evidence
    parts = (str(subject), str(predicate), nt_term(obj), str(ev.start), str(ev.end))
    return URIRef(iri.assertion_iri(ctx.doc_id, *parts))


def _assertion(
    ctx: _Context, relation: Relation, node: URIRef, triple: tuple[URIRef, URIRef, Node]
) -> Iterator[tuple[URIRef, URIRef, Node]]:
    """The relation's provenance: a kg:Assertion reifying it, derived from its evidence sentence."""
    ev = relation.evidence
    sentence = _containing_sentence(ctx, ev.start, ev.end)
    if sentence is None:
        sentence = URIRef(iri.sentence_iri(ctx.doc_id, ev.start, ev.end))
        yield from _sentence(ctx, ev.start, ev.end, ev.text)
    yield node, RDF.type, KG.Assertion
    yield node, RDF.subject, triple[0]
    yield node, RDF.predicate, triple[1]
    yield node, RDF.object, triple[2]
    yield node, PROV.wasDerivedFrom, sentence
    yield node, PROV.wasQuotedFrom, ctx.doc
    yield node, KG.evidenceText, vi(ev.text)
    yield node, KG.startOffset, Literal(ev.start)
    yield node, KG.endOffset, Literal(ev.end)
    yield node, KG.rule, Literal(relation.rule or "unknown")
    yield (
        node,
        KG.confidence,
        Literal(Decimal(str(round(relation.confidence, 4))), datatype=XSD.decimal),
    )
    yield node, PROV.generatedAtTime, ctx.built_at
    stated = _stated_on(ctx, relation)
    if stated is not None:
        yield node, KG.statedOn, stated


def _tenure_ref(ctx: _Context, predicate: str, person: URIRef, value: str) -> URIRef:
    return URIRef(iri.tenure_iri(ctx.doc_id, predicate, str(person), match_key(value)))


def _tenure(
    ctx: _Context, predicate: str, person: URIRef, value: str, stated: Literal | None
) -> Iterator[tuple[URIRef, URIRef, Node]]:
    """A dated rank or post: `?t kg:holder ?person; kg:rank|kg:position ?value; kg:statedOn ?d`."""
    node = _tenure_ref(ctx, predicate, person, value)
    yield node, RDF.type, DATED_PREDICATES[predicate]
    yield node, KG.holder, person
    yield node, _TENURE_VALUE[predicate], vi(value)
    yield node, PROV.wasQuotedFrom, ctx.doc
    if stated is not None:
        yield node, KG.statedOn, stated


def _attribute_tenures(ctx: _Context) -> Iterator[tuple[URIRef, URIRef, Node]]:
    """Ranks and posts given only as attributes of a person still get a dated tenure."""
    for entity in ctx.ex.entities:
        if entity.type.value != "PERSON":
            continue
        person = entity_ref(entity)
        for predicate, key in (("hasRank", "rank"), ("holdsPosition", "position")):
            for value in _split(entity.attributes.get(key, ""), ";"):
                yield from _tenure(ctx, predicate, person, value, ctx.stated_on)
