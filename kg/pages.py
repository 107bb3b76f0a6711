"""Listing pages: the sorted order of people, meetings, agreements and contacts, cut into pages.

A listing query over a large graph spends its time sorting thousands of rows (on disk, Oxigraph
fetches the strings it compares) and returning them. The build therefore writes, in
`kgr:graph/derived`, each listing's order as pages of `PAGE_SIZE` items (people: half as many):
`kgr:list/people/3 kg:lists <person>`, and `kgr:list/people kg:pageCount 118`. The named queries
`people`, `meetings`, `agreements` and `contacts` read one page (`--param page=N`, 1 by default)
through that index: a look-up of a hundred items, whatever the size of the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .clean import match_key
from .iri import listing_iri, page_iri
from .store import GraphStore, Term, value
from .vocab import KG

PAGE_SIZE = 100

SortKey = tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """A listing: the pattern that finds its items (`?item` and the sort fields; an item may come
    back on several rows, its least key counts) and how the fields sort."""

    name: str
    fields: str
    body: str
    key: Callable[[list[str]], SortKey]
    size: int = PAGE_SIZE

    @property
    def select(self) -> str:
        return f"SELECT ?item {self.fields} WHERE {{ {self.body} }}"


def _by_name(fields: list[str]) -> SortKey:
    return (match_key(fields[0]), fields[0])


def _by_date_then_name(fields: list[str]) -> SortKey:
    name, date = fields
    return ("1" if not date else "0" + date, match_key(name), name)


def _contacts(fields: list[str]) -> SortKey:
    subject, obj, on = fields
    return ("1" if not on else "0" + on, match_key(subject), match_key(obj))


# Plain joins without GROUP BY or ORDER BY: Oxigraph answers them as index scans, and Python
# keeps each item's least key and sorts (several times faster than aggregating in SPARQL on disk).
LISTINGS = (
    # A page of people shows every rank and post each has been given: half as many people.
    Listing("people", "?name", "?item a kg:Person ; rdfs:label ?name .", _by_name, PAGE_SIZE // 2),
    Listing(
        "meetings",
        "?name ?date",
        "?item a kg:Event ; rdfs:label ?name . OPTIONAL { ?item kg:heldOn/kg:isoDate ?date }",
        _by_date_then_name,
    ),
    Listing(
        "agreements",
        "?name ?date",
        "?item a kg:Agreement ; rdfs:label ?name . OPTIONAL { ?item kg:signedOn/kg:isoDate ?date }",
        _by_date_then_name,
    ),
    Listing(
        "contacts",
        "?subject ?object ?on",
        "?item rdf:predicate ?p ; rdf:subject/rdfs:label ?subject ; rdf:object/rdfs:label ?object ."
        " FILTER(?p IN (kg:met, kg:received)) OPTIONAL { ?item kg:statedOn ?on }",
        _contacts,
    ),
)


def ordered(rows: Iterable[list[Term | None]], key: Callable[[list[str]], SortKey]) -> list[str]:
    """The items (first column) of `rows`, sorted by their least `key` of the other columns, then
    by IRI."""
    least: dict[str, SortKey] = {}
    for row in rows:
        if row[0] is None:
            continue
        item, k = value(row[0]), key([value(t) for t in row[1:]])
        if item not in least or k < least[item]:
            least[item] = k
    return sorted(least, key=lambda item: (least[item], item))


def page_lines(listing: str, items: list[str], graph: str, size: int = PAGE_SIZE) -> list[str]:
    """N-Quads of one listing's pages: each item on its page, and the number of pages."""
    lines = [
        f"<{page_iri(listing, 1 + n // size)}> <{KG.lists}> <{item}> <{graph}> .\n"
        for n, item in enumerate(items)
    ]
    pages = -(-len(items) // size)
    count = f'"{pages}"^^<http://www.w3.org/2001/XMLSchema#integer>'
    lines.append(f"<{listing_iri(listing)}> <{KG.pageCount}> {count} <{graph}> .\n")
    return lines


def derived_pages(store: GraphStore, graph: str) -> list[str]:
    """The pages of every listing, as N-Quads in `graph`."""
    lines: list[str] = []
    for listing in LISTINGS:
        items = ordered(store.select(listing.select).rows, listing.key)
        lines.extend(page_lines(listing.name, items, graph, listing.size))
    return lines
