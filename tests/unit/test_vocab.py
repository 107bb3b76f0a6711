"""kg.vocab.KG mirrors ontology/kg.ttl, and docs/ONTOLOGY.md is rendered from it."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef

from kg.model import PREDICATES
from kg.vocab import KG, docs_path, ontology_graph, ontology_markdown, ontology_terms


def _declared() -> set[str]:
    return set(KG.__annotations__)


def test_every_ontology_term_is_in_the_namespace_and_back() -> None:
    assert ontology_terms(ontology_graph()) == _declared()


def test_a_typo_in_a_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        _ = KG.heldAt


def test_the_18_predicates_are_properties_of_the_ontology() -> None:
    graph = ontology_graph()
    for name in PREDICATES:
        kinds = set(graph.objects(URIRef(KG[name]), RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property}, name


def test_every_term_has_labels_and_comments_in_vietnamese_and_english() -> None:
    graph = ontology_graph()
    for name in _declared():
        term = URIRef(KG[name])
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in graph.objects(term, prop) if isinstance(o, Literal)}
            assert {"vi", "en"} <= langs, (name, prop)


def test_ontology_doc_is_up_to_date() -> None:
    expected = ontology_markdown(ontology_graph())
    assert docs_path().read_text(encoding="utf-8") == expected, "run: python -m kg.vocab"
