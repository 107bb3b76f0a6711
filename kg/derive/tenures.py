"""Tenure supersession: each dated rank or post gets `kg:supersededOn`, the next later date on
which the same kind is stated about the same person, so "rank at a date" is a filter rather than
a negation over every document (Oxigraph evaluates those slowly)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..iri import DERIVED_GRAPH
from ..store import GraphStore, delete_data, in_chunks, iri_terms
from ..vocab import KG, XSD

_TENURES = """
SELECT ?tenure ?person ?kind ?on WHERE {
  VALUES ?kind { kg:RankTenure kg:PostTenure }
  GRAPH ?g { ?tenure a ?kind ; kg:holder ?person ; kg:statedOn ?on }
  FILTER(DATATYPE(?on) = xsd:date)
}"""
# The tenures of some people, each with what the derived graph says of it now (`?old`).
_TENURES_OF = """
SELECT ?tenure ?person ?kind ?on ?old WHERE {
  GRAPH ?g { VALUES ?person { %(terms)s } ?tenure kg:holder ?person ; a ?kind ; kg:statedOn ?on }
  FILTER(DATATYPE(?on) = xsd:date)
  OPTIONAL { GRAPH <%(g)s> { ?tenure kg:supersededOn ?old } }
}"""
_CLEAR_TENURES = """
DELETE { GRAPH <%(g)s> { ?tenure kg:supersededOn ?on } }
WHERE { VALUES ?tenure { %(terms)s } GRAPH <%(g)s> { ?tenure kg:supersededOn ?on } }"""


def superseded(rows: Sequence[Sequence[str]]) -> dict[str, str]:
    """tenure → the next later date on which the same kind is stated about the same person."""
    dates: dict[tuple[str, str], set[str]] = {}
    for _, person, kind, on in rows:
        dates.setdefault((person, kind), set()).add(on)
    ordered = {key: sorted(values) for key, values in dates.items()}
    found: dict[str, str] = {}
    for tenure, person, kind, on in rows:
        later = ordered[(person, kind)]
        at = bisect.bisect_right(later, on)
        if at < len(later):
            found[tenure] = later[at]
    return found


def all_superseded(store: GraphStore) -> str:
    """`<tenure> kg:supersededOn "date"` for every superseded tenure of the store, as N-Quads."""
    rows = list(store.values(_TENURES))
    return "".join(sorted(_superseded_line(t, on) for t, on in superseded(rows).items()))


def rederive_people(store: GraphStore, people: Sequence[str], stale: Sequence[str]) -> None:
    """The `kg:supersededOn` of these people's tenures brought up to date, and those of the
    `stale` tenures (dropped with their documents) removed."""
    for chunk in in_chunks(stale):
        store.update(_CLEAR_TENURES % {"g": DERIVED_GRAPH, "terms": iri_terms(chunk)})
    for chunk in in_chunks(people):
        rows = list(store.values(_TENURES_OF % {"g": DERIVED_GRAPH, "terms": iri_terms(chunk)}))
        _rederive(store, rows)


def _rederive(store: GraphStore, rows: Sequence[Sequence[str]]) -> None:
    """Bring the `kg:supersededOn` of these tenures (all those of their holders) up to date,
    writing only what changed: a person named in thousands of articles has thousands of tenures,
    and one new article moves the end of one or two of them."""
    now = superseded([row[:4] for row in rows])
    before: dict[str, set[str]] = {}
    for tenure, _, _, _, old in rows:
        if old:
            before.setdefault(tenure, set()).add(old)
    gone = {(t, on) for t, olds in before.items() for on in olds if now.get(t) != on}
    added = {(t, on) for t, on in now.items() if on not in before.get(t, set())}
    for update in delete_data([_superseded_line(t, on) for t, on in sorted(gone)], merged=False):
        store.update(update)
    store.load_nquads("".join(_superseded_line(t, on) for t, on in sorted(added)))


def _superseded_line(tenure: str, on: str) -> str:
    """`<tenure> kg:supersededOn "on"^^xsd:date` in the derived graph, as an N-Quads line."""
    return f'<{tenure}> <{KG.supersededOn}> "{on}"^^<{XSD.date}> <{DERIVED_GRAPH}> .\n'
