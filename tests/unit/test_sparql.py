"""SPARQL text and its bounds: nesting counted outside strings, IRIs and comments; queries too long
or too deep refused before they run."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.model import KgError
from kg.sparql import MAX_NESTING, MAX_QUERY_CHARS, nesting


def test_nesting_counts_brackets_outside_strings_iris_and_comments() -> None:
    assert nesting("SELECT * { { ?s ?p ?o } }") == 2
    assert nesting('SELECT * { ?s ?p "{{{{" } # {{{{\r') == 1
    assert nesting("SELECT * { ?s ?p <http://x/\\u00e9#> . { } }") == 2
    with pytest.raises(KgError, match="levels deep"):
        open_store_query("SELECT * WHERE " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1))
    with pytest.raises(KgError, match="characters long"):
        open_store_query("ASK {}" + " " * MAX_QUERY_CHARS)


def open_store_query(text: str) -> object:
    from kg.sparql import evaluate

    return evaluate(lambda: ox.Store().query(text), text, bool)
