"""kg.vocab.KG mirrors ontology/kg.ttl, and docs/ONTOLOGY.md is rendered from it."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg import lexicon
from kg.clean import match_key
from kg.model import PREDICATES
from kg.vocab import (
    CUE_LEXICONS,
    ENTITY_CLASS,
    KG,
    docs_path,
    lexicon_cues,
    ontology_graph,
    ontology_markdown,
    ontology_path,
    ontology_terms,
    with_lexicon_cues,
)


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


def _cues(graph: Graph, cls: URIRef) -> set[str]:
    return {str(cue) for cue in graph.objects(cls, KG.cue)}


@pytest.mark.parametrize(("entity_type", "lexicon_name"), sorted(CUE_LEXICONS.items()))
def test_the_ontologys_cue_words_are_those_of_the_lexicon_kinds(
    entity_type: str, lexicon_name: str
) -> None:
    """The lexicon's `kind` column says which subclass a cue word opens; kg.ttl's `kg:cue`
    annotations must say the same, subclass by subclass, and the class itself has none."""
    graph = ontology_graph()
    base = ENTITY_CLASS[entity_type]
    kinds: dict[URIRef, set[str]] = {}
    for row in lexicon.table(lexicon_name):
        kinds.setdefault(URIRef(KG[row["kind"]]), set()).add(row["term"])
    subclasses = set(graph.subjects(RDFS.subClassOf, base))
    assert set(kinds) <= subclasses | {base}, "a kind that is no class of the ontology"
    assert not _cues(graph, base)
    for cls in subclasses:
        assert _cues(graph, cls) == kinds.get(cls, set()), cls


def test_the_ontologys_cue_words_are_written_from_the_lexicons() -> None:
    turtle = ontology_path().read_text(encoding="utf-8")
    assert with_lexicon_cues(turtle) == turtle, "run: python -m kg.vocab"


def test_cue_words_are_written_into_the_subclasses_and_nowhere_else() -> None:
    turtle = (
        'kg:Visit a owl:Class ;\n    rdfs:subClassOf kg:Event ;\n    kg:cue "cũ"@vi .\n\n'
        'kg:Mission a owl:Class ;\n    rdfs:subClassOf kg:Organization ;\n    kg:cue "phái bộ"@vi .\n'
    )
    written = with_lexicon_cues(turtle)
    visit = ", ".join(f'"{w}"@vi' for w in lexicon_cues()["Visit"])
    assert f"rdfs:subClassOf kg:Event ;\n    kg:cue {visit} .\n" in written
    assert '"cũ"' not in written and 'kg:cue "phái bộ"@vi .\n' in written


def test_a_cue_word_has_one_kind() -> None:
    for name in CUE_LEXICONS.values():
        kinds: dict[str, set[str]] = {}
        for row in lexicon.table(name):
            kinds.setdefault(match_key(row["term"]), set()).add(row["kind"])
        assert not {term: k for term, k in kinds.items() if len(k) > 1}
