"""The store layer: parameters as terms, never as query text."""

from __future__ import annotations

import pyoxigraph as ox

from kg.query import term
from kg.store import substitute


def test_substitution_escapes_a_parameter_into_one_literal() -> None:
    attack = 'x" } ; DROP ALL ; SELECT * { ?s ?p "'
    sparql = "SELECT ?e ?name WHERE { ?e kg:nameKey ?name }"
    text = substitute(sparql, {"name": ox.Literal(attack)})
    assert text.startswith('SELECT ?e ("x\\" } ; DROP ALL ; SELECT * { ?s ?p \\"" AS ?name)')
    parsed = ox.Store().query(text, prefixes={"kg": "https://w3id.org/kg-vn/ontology#"})
    assert list(parsed) == []


def test_substitution_leaves_strings_iris_and_comments_alone() -> None:
    sparql = 'SELECT ?x WHERE { ?x <urn:?name> "?name" } # ?name'
    assert substitute(sparql, {"name": ox.Literal("v")}) == sparql


def test_parameter_kinds_make_typed_terms() -> None:
    assert term("2022-06-07", "date") == ox.Literal(
        "2022-06-07", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )
    assert term("Thượng Tướng  Phùng", "name") == ox.Literal("thượng tướng phùng")
    assert term("received", "predicate") == ox.NamedNode("https://w3id.org/kg-vn/ontology#received")
