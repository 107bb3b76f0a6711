"""Listing pages: the sorted order of people, meetings, agreements and contacts, cut into pages.

A listing query over a large graph spends its time sorting thousands of rows (on disk, Oxigraph
fetches the strings it compares) and returning them. The build therefore writes, in
`kgr:graph/derived`, each listing's order as pages of `PAGE_SIZE` items:
`kgr:list/people/3 kg:lists <person>`, and `kgr:list/people kg:pageCount 118`. The named queries
`people`, `meetings`, `agreements` and `contacts` read one page (`--param page=N`, 1 by default)
through that index: a look-up of a hundred items, whatever the size of the graph.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from . import iri
from .clean import match_key
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

    def select(self, graph: str | None = None) -> str:
        """The items of the whole graph, or those one document's graph names."""
        body = f"GRAPH <{graph}> {{ {self.body} }}" if graph else self.body
        return f"SELECT ?item {self.fields} WHERE {{ {body} }}"


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
    Listing("people", "?name", "?item a kg:Person ; rdfs:label ?name .", _by_name),
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


def page_iri(listing: str, page: int) -> str:
    return f"{iri.BASE}list/{listing}/{page}"


def listing_iri(listing: str) -> str:
    return f"{iri.BASE}list/{listing}"


def least_keys(
    rows: Iterable[list[Term | None]], key: Callable[[list[str]], SortKey]
) -> dict[str, SortKey]:
    """Each item (first column) of `rows` with its least `key` of the other columns."""
    least: dict[str, SortKey] = {}
    for row in rows:
        if row[0] is None:
            continue
        item, k = value(row[0]), key([value(t) for t in row[1:]])
        if item not in least or k < least[item]:
            least[item] = k
    return least


def ordered(rows: Iterable[list[Term | None]], key: Callable[[list[str]], SortKey]) -> list[str]:
    """The items (first column) of `rows`, sorted by their least `key` of the other columns, then
    by IRI."""
    least = least_keys(rows, key)
    return sorted(least, key=lambda item: (least[item], item))


def _key_literal(key: SortKey) -> str:
    return str(ox.Literal(json.dumps(list(key), ensure_ascii=False)))


def page_lines(listing: str, items: list[str], graph: str, keys: dict[str, SortKey]) -> list[str]:
    """N-Quads of one listing's pages: each item on its page, each page's first key (where later
    additions go, see `added_pages`), and the number of pages."""
    lines = [
        f"<{page_iri(listing, 1 + n // PAGE_SIZE)}> <{KG.lists}> <{item}> <{graph}> .\n"
        for n, item in enumerate(items)
    ]
    lines += [
        f"<{page_iri(listing, 1 + n // PAGE_SIZE)}> <{KG.firstKey}> "
        f"{_key_literal(keys[item])} <{graph}> .\n"
        for n, item in enumerate(items)
        if n % PAGE_SIZE == 0
    ]
    pages = -(-len(items) // PAGE_SIZE)
    count = f'"{pages}"^^<http://www.w3.org/2001/XMLSchema#integer>'
    lines.append(f"<{listing_iri(listing)}> <{KG.pageCount}> {count} <{graph}> .\n")
    return lines


def derived_pages(store: GraphStore, graph: str) -> list[str]:
    """The pages of every listing, as N-Quads in `graph`."""
    lines: list[str] = []
    for listing in LISTINGS:
        least = least_keys(store.select(listing.select()).rows, listing.key)
        items = sorted(least, key=lambda item: (least[item], item))
        lines.extend(page_lines(listing.name, items, graph, least))
    return lines


_FENCES = "SELECT ?page ?key WHERE { ?page kg:firstKey ?key }"
_LISTED = "SELECT ?page ?item WHERE { ?page kg:lists ?item } LIMIT 1"


def added_pages(store: GraphStore, graph: str, documents: Iterable[str]) -> list[str] | None:
    """N-Quads placing the items that the document graphs `documents` name and no page lists yet
    on the page whose first key precedes theirs (pages then hold a few more than `PAGE_SIZE`
    until the next full derivation); None when a listing has no pages yet (derive them all).

    An item no document names any more stays on its page but drops out of the listing queries,
    which join each listed item to its label."""
    fences = _fences(store)
    lines: list[str] = []
    for listing in LISTINGS:
        new: dict[str, SortKey] = {}
        for doc_graph in documents:
            rows = store.select(listing.select(doc_graph)).rows
            for item, k in least_keys(rows, listing.key).items():
                new[item] = min(k, new.get(item, k))
        unlisted = sorted(item for item in new if not _listed(store, item))
        if not unlisted:
            continue
        bounds = fences.get(listing.name)
        if not bounds:
            return None
        firsts = [k for _, k in bounds]
        for item in unlisted:
            page = bounds[max(0, bisect.bisect_right(firsts, new[item]) - 1)][0]
            lines.append(f"<{page_iri(listing.name, page)}> <{KG.lists}> <{item}> <{graph}> .\n")
    return lines


def _listed(store: GraphStore, item: str) -> bool:
    return bool(store.select(_LISTED, {"item": ox.NamedNode(item)}).rows)


def _fences(store: GraphStore) -> dict[str, list[tuple[int, SortKey]]]:
    """listing → (page number, first key) of each page, in page order."""
    prefix = iri.BASE + "list/"
    found: dict[str, list[tuple[int, SortKey]]] = {}
    for page, key in store.select(_FENCES).rows:
        listing, _, number = value(page).removeprefix(prefix).rpartition("/")
        if number.isdigit():
            found.setdefault(listing, []).append((int(number), tuple(json.loads(value(key)))))
    return {name: sorted(bounds) for name, bounds in found.items()}
