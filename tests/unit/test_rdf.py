"""The RDF layout of docs/RDF_MODEL.md, on hand-made extractions of our own articles."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from store_fixtures import document, fixture_extractor

from kg import iri
from kg.model import (
    MERGE_REASONS_SEPARATOR,
    DocExtraction,
    Document,
    Entity,
    EntityType,
    Evidence,
    Mention,
    Relation,
    Sentence,
)
from kg.ntriples import to_nquads
from kg.rdf import (
    date_literal,
    entity_classes,
    entity_ref,
    extraction_dataset,
    extraction_nquads,
    extraction_quads,
)
from kg.vocab import KG, ORG, PROV, SDO, SKOS

BUILT_AT = "2023-03-15T08:00:00Z"


def _graph(name: str = "march") -> tuple[DocExtraction, set[tuple[object, object, object]]]:
    ex = fixture_extractor(document(name))
    return ex, {(s, p, o) for s, p, o, _ in extraction_quads(ex, BUILT_AT)}


def _person(ex: DocExtraction, name: str) -> URIRef:
    return entity_ref(next(e for e in ex.entities if e.name == name))


def test_every_quad_lives_in_the_documents_named_graph() -> None:
    ex = fixture_extractor(document("march"))
    graphs = {g for _, _, _, g in extraction_quads(ex, BUILT_AT)}
    assert graphs == {URIRef(iri.graph_iri("march"))}


def test_person_has_class_label_in_vietnamese_and_entity_type() -> None:
    ex, triples = _graph()
    minh = _person(ex, "Lê Văn Minh")
    assert (minh, RDF.type, KG.Person) in triples
    assert (minh, RDFS.label, Literal("Lê Văn Minh", lang="vi")) in triples
    assert (minh, KG.entityType, Literal("PERSON")) in triples


def test_relation_is_a_direct_triple_and_a_qualified_assertion() -> None:
    ex, triples = _graph()
    minh, jan = _person(ex, "Lê Văn Minh"), _person(ex, "Kowalski Jan")
    assert (minh, KG.received, jan) in triples
    assertions = [s for s, p, o in triples if p == RDF.subject and o == minh]
    received = [a for a in assertions if (a, RDF.predicate, KG.received) in triples]
    assert len(received) == 1
    node = received[0]
    assert (node, RDF.type, KG.Assertion) in triples
    assert (node, RDF.object, jan) in triples
    assert (node, KG.statedOn, Literal("2023-03-14", datatype=XSD.date)) in triples
    sentence = next(o for s, p, o in triples if s == node and p == PROV.wasDerivedFrom)
    assert (sentence, RDF.type, KG.Sentence) in triples
    assert (sentence, KG.inDocument, URIRef(iri.document_iri("march"))) in triples
    assert not any(s == node and p == PROV.wasQuotedFrom for s, p, o in triples)
    evidence = next(r.evidence for r in ex.relations if r.predicate == "received")
    assert sentence == URIRef(iri.sentence_iri("march", evidence.start, evidence.end))
    assert (sentence, KG.text, Literal(evidence.text, lang="vi")) in triples


def test_rank_is_also_a_dated_tenure_of_the_person() -> None:
    ex, triples = _graph()
    minh = _person(ex, "Lê Văn Minh")
    tenures = [s for s, p, o in triples if p == KG.holder and o == minh]
    ranks = [t for t in tenures if (t, RDF.type, KG.RankTenure) in triples]
    assert len(ranks) == 1
    assert (ranks[0], KG.rank, Literal("Trung tướng", lang="vi")) in triples
    assert (ranks[0], KG.statedOn, Literal("2023-03-14", datatype=XSD.date)) in triples


def test_entity_subclass_comes_from_the_ontology_cue_words() -> None:
    ex, triples = _graph()
    mou = entity_ref(next(e for e in ex.entities if e.type is EntityType.AGREEMENT))
    assert (mou, RDF.type, KG.MoU) in triples
    assert (mou, RDF.type, KG.Agreement) in triples


def test_merge_reasons_become_literals() -> None:
    ex, triples = _graph()
    ministry = entity_ref(next(e for e in ex.entities if e.name == "Bộ Quốc phòng Việt Nam"))
    reasons = [o for s, p, o in triples if s == ministry and p == KG.mergeReason]
    assert reasons and all(isinstance(r, Literal) and r.language == "vi" for r in reasons)


@pytest.mark.parametrize(
    ("kind", "name", "classes"),
    [
        (EntityType.EVENT, "Buổi làm việc với đoàn Lào", [KG.Event, KG.Meeting]),
        (EntityType.EVENT, "Lễ kỷ niệm 20 năm", [KG.Event, KG.Ceremony]),
        (EntityType.EVENT, "Đại hội Đảng bộ Quân sự", [KG.Event, KG.Conference]),
        (EntityType.EVENT, "Triển lãm quốc phòng", [KG.Event]),
        (EntityType.AGREEMENT, "Quy chế phối hợp", [KG.Agreement, KG.Charter]),
        (EntityType.ORGANIZATION, "Bộ Quốc phòng", [KG.Organization, KG.GovernmentAgency]),
    ],
)
def test_the_subclass_is_the_kind_of_the_longest_cue_opening_the_name(
    kind: EntityType, name: str, classes: list[URIRef]
) -> None:
    assert entity_classes(Entity("e1", kind, name)) == classes


def test_each_merge_reason_is_a_statement_of_its_own() -> None:
    reasons = ["'BQP' merged with 'Bộ Quốc phòng': an acronym", "'BQP' read as 'BQP' (the same)"]
    ex = fixture_extractor(document("march"))
    ministry = next(e for e in ex.entities if e.name == "Bộ Quốc phòng Việt Nam")
    ministry.attributes["merge_reasons"] = MERGE_REASONS_SEPARATOR.join(reasons)
    quads = extraction_quads(ex, BUILT_AT)
    found = {str(o) for s, p, o, _ in quads if s == entity_ref(ministry) and p == KG.mergeReason}
    assert found == set(reasons)


def test_dates_are_typed_by_their_precision() -> None:
    assert date_literal("2022-06-07") == Literal("2022-06-07", datatype=XSD.date)
    assert date_literal("2022-12") == Literal("2022-12", datatype=XSD.gYearMonth)
    assert date_literal("2022") == Literal("2022", datatype=XSD.gYear)
    assert date_literal("sáng 7/6") is None


def test_output_has_no_blank_nodes_and_is_deterministic() -> None:
    first = to_nquads(extraction_quads(fixture_extractor(document("march")), BUILT_AT))
    second = to_nquads(extraction_quads(fixture_extractor(document("march")), BUILT_AT))
    assert first == second
    assert "_:" not in first


def test_nquads_parse_back_to_the_same_dataset() -> None:
    ex = fixture_extractor(document("october"))
    quads = extraction_quads(ex, BUILT_AT)
    parsed = list(ox.parse(to_nquads(quads).encode(), ox.RdfFormat.N_QUADS))
    assert len(parsed) == len(quads)
    assert len(extraction_dataset(ex, BUILT_AT)) == len(quads)


def test_tenure_is_an_org_membership_in_the_ontology() -> None:
    from kg.vocab import ontology_graph

    assert (KG.Tenure, RDFS.subClassOf, ORG.Membership) in ontology_graph()


@settings(max_examples=200, deadline=None)
@given(name=st.text(min_size=0, max_size=60), kind=st.sampled_from(list(EntityType)))
def test_entity_iris_are_valid_and_stable_for_any_name(name: str, kind: EntityType) -> None:
    entity = Entity(id="e1", type=kind, name=name)
    first, second = entity_ref(entity), entity_ref(Entity(id="e9", type=kind, name=name))
    assert first == second
    text = str(first)
    assert not any(ch.isspace() or ord(ch) < 0x20 or ch in '<>"{}|\\^`' for ch in text)
    ox.NamedNode(text)  # raises on an invalid IRI
    assert URIRef(text).n3() == f"<{text}>"


@settings(max_examples=100, deadline=None)
@given(name=st.text(min_size=1, max_size=40), text=st.text(min_size=1, max_size=80))
def test_any_text_round_trips_through_nquads(name: str, text: str) -> None:
    doc = Document("d1", "d1.txt", text, {})
    person = Entity("e1", EntityType.PERSON, name, [Mention(name, 0, len(name))])
    relation = Relation("e1", "hasRank", text, Evidence(text, 0, len(text)), False)
    ex = DocExtraction(doc, [person], [relation])
    quads = extraction_quads(ex, BUILT_AT)
    parsed = list(ox.parse(to_nquads(quads).encode(), ox.RdfFormat.N_QUADS))
    assert len(parsed) == len(set(quads))
    labels = [q.object for q in parsed if q.predicate.value.endswith("#label")]
    assert labels == [ox.Literal(name, language="vi")]


def test_nquads_text_is_the_rdflib_quads_serialised() -> None:
    for name in ("march", "october"):
        ex = fixture_extractor(document(name))
        nquads = extraction_nquads(ex, BUILT_AT)
        assert nquads.text == to_nquads(extraction_quads(ex, BUILT_AT))
        assert nquads.count == nquads.text.count("\n") == len(extraction_quads(ex, BUILT_AT))


def test_holders_are_the_people_of_the_dated_ranks_and_posts() -> None:
    ex, triples = _graph()
    holders = extraction_nquads(ex, BUILT_AT).holders
    assert holders == sorted({str(o) for _, p, o in triples if p == KG.holder})
    assert holders == sorted(str(_person(ex, n)) for n in ("Lê Văn Minh", "Kowalski Jan"))


def test_typed_literals_keep_the_lexical_forms_rdflib_gave() -> None:
    text = "Ngày 2-10, Đại tá Trần Văn Hùng được thăng quân hàm Thiếu tướng."
    doc = Document("hung", "hung.txt", text, {"published": "2023-10-02"})
    date = Entity("e2", EntityType.DATE, "2020-2021", attributes={"iso": "2020/2021"})
    hung = Entity("e1", EntityType.PERSON, "Trần Văn Hùng", attributes={"year_inferred": "yes"})
    rank = Relation("e1", "hasRank", "Thiếu tướng", Evidence(text, 0, len(text)), False, "", 0.85)
    lines = extraction_nquads(DocExtraction(doc, [hung, date], [rank]), BUILT_AT).text
    xsd = str(XSD)
    assert f'"2023-03-15T08:00:00Z"^^<{xsd}dateTime>' in lines  # not rewritten as +00:00
    assert f'<{KG.confidence}> "0.85"^^<{xsd}decimal>' in lines
    assert f'<{KG.startOffset}> "0"^^<{xsd}integer>' in lines
    assert f'<{KG.yearInferred}> "true"^^<{xsd}boolean>' in lines
    assert f'<{KG.statedOn}> "2023-10-02"^^<{xsd}date>' in lines
    assert f'<{KG.isoDate}> "2020/2021" <' in lines  # a range: a string, written untyped


# text that N-Quads must escape or carry as it is: quotes, backslashes, line breaks, controls,
# Unicode line separators, emoji, combining marks, a byte-order mark, Vietnamese
AWKWARD = st.text(
    st.one_of(
        st.sampled_from('"\\\n\r\t\x00\x01\x1f\x7f\x85\u2028\u2029\u0301\u0323\ufeff👍🇻🇳ệ'),
        st.characters(blacklist_categories=("Cs",)),  # surrogates cannot be written as UTF-8
    ),
    max_size=30,
)


def _awkward_extraction(name: str, alias: str, title: str, evidence: str) -> DocExtraction:
    doc = Document("d1", f"{title}.txt", evidence, {"title": title})
    person = Entity("e1", EntityType.PERSON, name, [Mention(alias, 0, len(alias))])
    rank = Relation("e1", "hasRank", name + alias, Evidence(evidence, 0, len(evidence)), False)
    return DocExtraction(doc, [person], [rank])


def _literals(quads: list[ox.Quad], predicate: URIRef) -> set[str]:
    return {q.object.value for q in quads if q.predicate.value == str(predicate)}


@settings(max_examples=200, deadline=None)
@given(name=AWKWARD, alias=AWKWARD, title=AWKWARD.filter(bool), evidence=AWKWARD)
def test_awkward_text_parses_back_from_nquads_to_the_same_literals(
    name: str, alias: str, title: str, evidence: str
) -> None:
    nquads = extraction_nquads(_awkward_extraction(name, alias, title, evidence), BUILT_AT)
    parsed = list(ox.parse(nquads.text.encode(), ox.RdfFormat.N_QUADS))
    assert len(parsed) == nquads.count
    assert _literals(parsed, RDFS.label) == {name}
    assert _literals(parsed, SKOS.altLabel) == ({alias} - {name})
    assert _literals(parsed, SDO.headline) == {title}
    assert _literals(parsed, KG.sourcePath) == {f"{title}.txt"}
    assert _literals(parsed, KG.text) == {evidence}  # the evidence lies in no given sentence
    assert _literals(parsed, KG.rank) == {name + alias}


@settings(max_examples=200, deadline=None)
@given(name=AWKWARD, alias=AWKWARD, title=AWKWARD, evidence=AWKWARD)
def test_rdflib_quads_of_awkward_text_serialise_to_the_same_nquads(
    name: str, alias: str, title: str, evidence: str
) -> None:
    ex = _awkward_extraction(name, alias, title, evidence)
    assert to_nquads(extraction_quads(ex, BUILT_AT)) == extraction_nquads(ex, BUILT_AT).text


def _one_relation(evidence: Evidence) -> DocExtraction:
    text = "Đại tá Hoàng Văn Lực tiếp đoàn. Hai bên trao đổi về hợp tác."
    doc = Document("pass", "pass.txt", text, {})
    person = Entity("e1", EntityType.PERSON, "Hoàng Văn Lực", [Mention("Hoàng Văn Lực", 7, 20)])
    rank = Relation("e1", "hasRank", "Đại tá", evidence, False)
    first, second = Sentence(0, 31, text[:31]), Sentence(32, len(text), text[32:])
    return DocExtraction(doc, [person], [rank], (first, second))


def _evidence_node(ex: DocExtraction) -> tuple[URIRef, set[tuple[object, object, object]]]:
    triples = {(s, p, o) for s, p, o, _ in extraction_quads(ex, BUILT_AT)}
    node = next(o for s, p, o in triples if p == PROV.wasDerivedFrom and "/assertion/" in s)
    return node, triples


def test_evidence_that_is_a_sentence_is_that_sentence() -> None:
    ex = _one_relation(Evidence("Đại tá Hoàng Văn Lực tiếp đoàn.", 0, 31))
    node, triples = _evidence_node(ex)
    assert node == URIRef(iri.sentence_iri("pass", 0, 31))
    assert len({s for s, p, o in triples if p == RDF.type and o == KG.Sentence}) == 2


def test_evidence_inside_a_sentence_gets_a_passage_of_its_own() -> None:
    ex = _one_relation(Evidence("Đại tá Hoàng Văn Lực", 0, 20))
    node, triples = _evidence_node(ex)
    assert node == URIRef(iri.sentence_iri("pass", 0, 20))
    assert (node, KG.text, Literal("Đại tá Hoàng Văn Lực", lang="vi")) in triples
    assert (node, KG.startOffset, Literal(0)) in triples
    assert (node, KG.endOffset, Literal(20)) in triples
    assert (node, KG.inDocument, URIRef(iri.document_iri("pass"))) in triples
    mentioned = {o for s, p, o in triples if p == KG.mentionedIn}
    assert mentioned == {URIRef(iri.sentence_iri("pass", 0, 31))}  # mentions keep their sentence
