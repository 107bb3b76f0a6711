"""Listing pages: the sorted order of people, meetings, agreements and contacts, cut into pages.

A listing query over a large graph spends its time sorting thousands of rows (on disk, Oxigraph
fetches the strings it compares) and returning them. The build therefore writes, in
`kgr:graph/derived`, each listing's order cut into pages: `<page> kg:lists <person>`, with
`<page> kg:pageOf kgr:list/people ; kg:pageNumber 3`, and `kgr:list/people kg:pageCount 118`.
The named queries `people`, `meetings`, `agreements` and `contacts` read one page
(`--param page=N`, 1 by default) through that index: a look-up of a page's items, whatever the
size of the graph.

Where pages break is chosen by the items themselves (content-defined, as rsync cuts files): an
item whose IRI's digest falls in 1 / `size` of its range starts a run of items, except the first
such item of the listing, and the items before the second make the `start` run. A run longer than
1.5 × `size` is cut into pages of about `size`; a shorter one is one page. So pages hold about
`size` items (at most 1.5 ×, sometimes only a few), the layout depends only on the items and their
sort keys, never on the order they were built in, and an article added or removed changes the
runs its own items sit in, not the others: the build redoes those pages and renumbers the rest
(`page_changes`).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..clean import match_key
from ..iri import digest, listing_iri, page_iri
from ..store import GraphStore, in_chunks, iri_terms, value
from ..vocab import KG, XSD

PAGE_SIZE = 100
INTEGER = str(XSD.integer)

SortKey = tuple[str, ...]
Position = tuple[SortKey, str]  # an item's place in its listing: its least key, then its IRI


@dataclass(frozen=True)
class Listing:
    """A listing: what makes `?item` one of its items (`member`, as a document graph states it),
    the pattern that finds its items with their sort fields (an item may come back on several rows,
    its least value of each field counts) and how the fields sort. An item's key depends on
    statements about the item itself only, so only the items an article names can move."""

    name: str
    member: str
    fields: str
    body: str  # `{items}` marks where the VALUES of `select_of` go, `{member}` the member pattern
    key: Callable[[list[str]], SortKey]
    size: int = PAGE_SIZE

    @property
    def select(self) -> str:
        return f"SELECT ?item {self.fields} WHERE {{ {self._pattern('')} }}"

    def select_of(self, items: Sequence[str]) -> str:
        """The same, for the given items only. The VALUES go inside a `GRAPH ?g` block: outside
        it, Oxigraph reads every contact and joins them, whatever the items."""
        values = f"VALUES ?item {{ {iri_terms(items)} }}"
        return f"SELECT ?item {self.fields} WHERE {{ {self._pattern(values)} }}"

    def _pattern(self, items: str) -> str:
        return self.body.format(items=items, member=self.member)


def _by_name(fields: list[str]) -> SortKey:
    return (match_key(fields[0]), fields[0])


def _by_date_then_name(fields: list[str]) -> SortKey:
    name, date = fields
    return ("1" if not date else "0" + date, match_key(name), name)


def _by_date_then_people(fields: list[str]) -> SortKey:
    subject, obj, on = fields
    return ("1" if not on else "0" + on, subject, obj)


# Plain joins without GROUP BY or ORDER BY: Oxigraph answers them as index scans, and Python
# keeps each item's least key and sorts (several times faster than aggregating in SPARQL on disk).
LISTINGS = (
    # A page of people shows every rank and post each has been given: half as many people.
    Listing(
        "people",
        "?item a kg:Person .",
        "?name",
        "{items} {member} ?item rdfs:label ?name .",
        _by_name,
        PAGE_SIZE // 2,
    ),
    Listing(
        "meetings",
        "?item a kg:Event .",
        "?name ?date",
        "{items} {member}"
        " {{ ?item rdfs:label ?name }} UNION {{ ?item kg:heldOn/kg:isoDate ?date }}",
        _by_date_then_name,
    ),
    Listing(
        "agreements",
        "?item a kg:Agreement .",
        "?name ?date",
        "{items} {member}"
        " {{ ?item rdfs:label ?name }} UNION {{ ?item kg:signedOn/kg:isoDate ?date }}",
        _by_date_then_name,
    ),
    # By date, then the IRIs of the two sides (their names, folded to ASCII): an assertion's own
    # statements, so a new spelling of a person's name moves none of the contacts of other articles.
    Listing(
        "contacts",
        "?item rdf:predicate ?p FILTER(?p IN (kg:met, kg:received))",
        "?subject ?object ?on",
        "GRAPH ?g {{ {items} {member} ?item rdf:subject ?subject ; rdf:object ?object ."
        " OPTIONAL {{ ?item kg:statedOn ?on }} }}",
        _by_date_then_people,
    ),
)


def least_keys(
    rows: Iterable[list[str]], key: Callable[[list[str]], SortKey]
) -> dict[str, SortKey]:
    """item (first column) → `key` of its least value in each other column ('' when it has none).
    Columns are taken one by one, so a listing may find them in separate UNION branches: an item
    named in many articles has many names and dates, and their product would be huge."""
    values: dict[str, list[set[str]]] = {}
    for row in rows:
        if not row[0]:
            continue
        columns = values.setdefault(row[0], [set() for _ in row[1:]])
        for column, cell in zip(columns, row[1:], strict=True):
            if cell:
                column.add(cell)
    return {item: key([_least(c) for c in columns]) for item, columns in values.items()}


def _least(column: set[str]) -> str:
    return min(column, key=lambda v: (match_key(v), v)) if column else ""


def starts_page(item: str, size: int) -> bool:
    """Whether an item starts a page: its IRI's digest falls in 1 / `size` of the range."""
    return size <= 1 or int(digest(item, length=12), 16) % size == 0


START = ""  # the boundary of the start page: the items before the first item that starts a page


@dataclass
class Layout:
    """Pages of one listing: boundary (the item that starts the page, START for the start page) →
    its items, and where each boundary sorts."""

    listing: str
    pages: dict[str, list[str]] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)


def lay_out(name: str, keys: dict[str, SortKey], size: int, whole: bool = True) -> Layout:
    """The pages of items with these keys: each item in the run of the last item before it that
    starts a page; a run longer than 1.5 × `size` is cut into runs of about `size`, each starting a
    page of its own (so no page holds more than 1.5 × `size` items). The first item of a listing
    that could start a page does not (`whole`: these are all the listing's first items), so the
    first page is not a sliver of a few items."""
    layout = Layout(name)
    for boundary, run in _runs(sorted(keys, key=lambda i: (keys[i], i)), size, whole):
        parts = -(-len(run) // size) if len(run) > size * 3 // 2 else 1
        for n in range(parts):
            part = run[n * len(run) // parts : (n + 1) * len(run) // parts]
            first = boundary if n == 0 else part[0]
            layout.pages[first] = part
            if first != START:
                layout.positions[first] = (keys[first], first)
    return layout


def _runs(items: list[str], size: int, skip_first: bool) -> Iterator[tuple[str, list[str]]]:
    """(boundary, items from it to the next boundary), START for the items before the first."""
    boundary, run = START, list[str]()
    for item in items:
        if starts_page(item, size) and not skip_first:
            if run:
                yield boundary, run
            boundary, run = item, []
        elif starts_page(item, size):
            skip_first = False
        run.append(item)
    if run:
        yield boundary, run


def numbers(starts: bool, positions: dict[str, Position]) -> dict[str, int]:
    """boundary → page number: the start page first when it holds items, then by position."""
    order = sorted(positions, key=positions.__getitem__)
    return {b: n for n, b in enumerate([START, *order] if starts else order, start=1)}


@dataclass(frozen=True)
class Statements:
    """What a listing's pages state: every page's number, and the items, listing and boundary
    position of the pages in `pages` (all of them, or those a change touches)."""

    listing: str
    number: dict[str, int]
    positions: dict[str, Position]
    pages: dict[str, list[str]]

    def lines(self, graph: str) -> set[str]:
        listing = f"<{listing_iri(self.listing)}>"
        lines = {f'{listing} <{KG.pageCount}> "{len(self.number)}"^^<{INTEGER}> <{graph}> .\n'}
        for boundary, n in self.number.items():
            page = f"<{page_iri(self.listing, boundary)}>"
            lines.add(f'{page} <{KG.pageNumber}> "{n}"^^<{INTEGER}> <{graph}> .\n')
            if boundary not in self.pages:
                continue
            lines.add(f"{page} <{KG.pageOf}> {listing} <{graph}> .\n")
            if boundary != START:
                key, item = self.positions[boundary]
                position = ox.Literal(json.dumps([list(key), item], ensure_ascii=False))
                lines.add(f"{page} <{KG.pageKey}> {position} <{graph}> .\n")
            lines.update(f"{page} <{KG.lists}> <{i}> <{graph}> .\n" for i in self.pages[boundary])
        return lines


def statements(layout: Layout) -> Statements:
    """Everything a layout states."""
    number = numbers(bool(layout.pages.get(START)), layout.positions)
    return Statements(layout.listing, number, layout.positions, layout.pages)


def derived_pages(store: GraphStore, graph: str) -> list[str]:
    """The pages of every listing, laid out in full, as N-Quads in `graph`."""
    lines: set[str] = set()
    for listing in LISTINGS:
        keys = least_keys(store.values(listing.select), listing.key)
        lines |= statements(lay_out(listing.name, keys, listing.size)).lines(graph)
    return sorted(lines)


# ---------------------------------------------------------------- changing a few items


@dataclass(frozen=True)
class PageChanges:
    """What turns the pages in the store into the pages of the graph as it is now."""

    removed: list[str]
    added: list[str]


def page_changes(store: GraphStore, graph: str, touched: dict[str, set[str]]) -> PageChanges:
    """The statements to remove and add so that the pages show the items `touched` (listing name →
    items added, removed or restated since the pages were laid out) where they now sort: the pages
    they leave and join are laid out again, the others only renumbered. A listing whose pages are
    not in the store (a store from an older kg) is laid out in full."""
    removed: set[str] = set()
    added: set[str] = set()
    for listing in LISTINGS:
        items = sorted(touched.get(listing.name, ()))
        if not items:
            continue
        index = _index(store, f"<{graph}>", listing.name)
        if index.number:
            old, new = _relaid(store, graph, listing, index, items)
        else:
            old = _all_stated(store, graph, listing.name)
            keys = least_keys(store.values(listing.select), listing.key)
            new = statements(lay_out(listing.name, keys, listing.size)).lines(graph)
        removed |= old - new
        added |= new - old
    return PageChanges(sorted(removed), sorted(added))


_INDEX = """
SELECT ?page ?number ?position WHERE { GRAPH %(g)s {
  ?page kg:pageOf %(list)s ; kg:pageNumber ?number . OPTIONAL { ?page kg:pageKey ?position } } }"""
_PAGE_OF = """
SELECT ?page ?item WHERE { VALUES ?item { %(items)s } GRAPH %(g)s { ?page kg:lists ?item } }"""
_ITEMS_OF = """
SELECT ?page ?item WHERE { VALUES ?page { %(pages)s } GRAPH %(g)s { ?page kg:lists ?item } }"""
_STATED = """
SELECT ?s ?p ?o WHERE { GRAPH %(g)s { ?s ?p ?o }
  FILTER(?s = %(list)s || STRSTARTS(STR(?s), "%(prefix)s")) }"""


@dataclass
class _Index:
    """The pages of a listing as the store has them: first item → number, and first item →
    position (the start page, START, has none)."""

    listing: str
    number: dict[str, int]
    positions: dict[str, Position]

    def firsts(self) -> list[str]:
        """The first items of the stored pages, in order (START first)."""
        return [START, *sorted(self.positions, key=self.positions.__getitem__)]

    def landing(self, gone: set[str]) -> Callable[[Position], str]:
        """The page an item at a position falls on, among the pages whose first is not `gone`."""
        kept = sorted(self.positions[b] for b in self.positions if b not in gone)

        def page(position: Position) -> str:
            at = bisect.bisect_right(kept, position)
            return kept[at - 1][1] if at else START

        return page

    def staying(self, page_of: dict[str, str], keys: dict[str, SortKey], size: int) -> set[str]:
        """The touched items that stay where they are: listed, still there, on the page their key
        falls on, neither the first of a page nor one that starts a page. Their pages, and the
        cuts of their runs, do not change."""
        landing = self.landing({item for item in page_of if item in self.positions})
        return {
            item
            for item, page in page_of.items()
            if item in keys
            and item not in self.positions
            and not starts_page(item, size)
            and landing((keys[item], item)) == page
        }

    def runs(self, size: int) -> dict[str, str]:
        """first item of each page → the boundary of the run it was cut from."""
        run, found = START, {}
        for first in self.firsts():
            if first != START and starts_page(first, size):
                run = first
            found[first] = run
        return found

    def region(self, page_of: dict[str, str], keys: dict[str, SortKey], size: int) -> set[str]:
        """The pages to lay out again: those the touched items are on and fall on, and for a page
        whose first item moved or went, the page its other items fall on; with every page of the
        runs these are cut from (a run is cut again as a whole)."""
        gone = {item for item in page_of if item in self.positions}
        landing = self.landing(gone)
        pages = set(page_of.values())
        pages |= {landing((k, item)) for item, k in keys.items()}
        pages |= {landing(self.positions[b]) for b in gone}
        run_of = self.runs(size)
        runs = {run_of.get(page, START) for page in pages}
        if START in runs:  # the first run's start may stop or start counting as a boundary
            runs |= {next((run for run in run_of.values() if run != START), START)}
        return pages | {first for first, run in run_of.items() if run in runs}


def _index(store: GraphStore, g: str, name: str) -> _Index:
    rows = store.select(_INDEX % {"g": g, "list": f"<{listing_iri(name)}>"}).rows
    index = _Index(name, {}, {})
    for _, n, position in rows:
        boundary = START
        if position is not None:
            key, boundary = json.loads(value(position))
            index.positions[boundary] = (tuple(key), boundary)
        index.number[boundary] = int(value(n))
    return index


def _relaid(
    store: GraphStore, graph: str, listing: Listing, index: _Index, touched: list[str]
) -> tuple[set[str], set[str]]:
    """(old, new): the statements of the pages the touched items leave or join, before and after,
    with every page's number and the page count."""
    g = f"<{graph}>"
    page_of = _pages_of(store, g, index, touched)
    keys = _keys(store, listing, touched)
    staying = index.staying(page_of, keys, listing.size)
    if len(staying) == len(touched):
        return set(), set()
    page_of = {item: page for item, page in page_of.items() if item not in staying}
    keys = {item: key for item, key in keys.items() if item not in staying}
    touched = [item for item in touched if item not in staying]
    region = index.region(page_of, keys, listing.size)
    members = _members(store, g, index, region)
    others = set().union(*members.values()) - set(touched)
    keys.update(_keys(store, listing, sorted(others)))
    relaid = lay_out(listing.name, keys, listing.size, whole=START in region)
    if relaid.pages.get(START) and START not in region:
        raise AssertionError(f"{listing.name}: items fell before the pages laid out again")
    gone = set(page_of) & set(index.positions)
    positions = {b: p for b, p in index.positions.items() if b not in region and b not in gone}
    positions.update(relaid.positions)
    starts = bool(relaid.pages.get(START)) if START in region else START in index.number
    old = Statements(listing.name, index.number, index.positions, members)
    new = Statements(listing.name, numbers(starts, positions), positions, relaid.pages)
    return old.lines(graph), new.lines(graph)


def _pages_of(store: GraphStore, g: str, index: _Index, items: list[str]) -> dict[str, str]:
    """item → the boundary of the page the store lists it on (items not listed are left out)."""
    boundary = {page_iri(index.listing, b): b for b in index.number}
    found: dict[str, str] = {}
    for chunk in in_chunks(items):
        query = _PAGE_OF % {"items": iri_terms(chunk), "g": g}
        for page, item in store.select(query).rows:
            found[value(item)] = boundary[value(page)]
    return found


def _members(store: GraphStore, g: str, index: _Index, region: set[str]) -> dict[str, list[str]]:
    """boundary → the items the store lists on that page, for the stored pages of `region`."""
    pages = {page_iri(index.listing, b): b for b in region if b in index.number}
    members: dict[str, list[str]] = {b: [] for b in pages.values()}
    for chunk in in_chunks(sorted(pages)):
        query = _ITEMS_OF % {"pages": iri_terms(chunk), "g": g}
        for page, item in store.select(query).rows:
            members[pages[value(page)]].append(value(item))
    return members


def _keys(store: GraphStore, listing: Listing, items: Sequence[str]) -> dict[str, SortKey]:
    keys: dict[str, SortKey] = {}
    for chunk in in_chunks(items):
        keys.update(least_keys(store.values(listing.select_of(chunk)), listing.key))
    return keys


def _all_stated(store: GraphStore, graph: str, name: str) -> set[str]:
    """Every statement of a listing's pages in `graph`, whatever their layout."""
    listing = listing_iri(name)
    query = _STATED % {"g": f"<{graph}>", "list": f"<{listing}>", "prefix": listing + "/"}
    return {f"{s} {p} {o} <{graph}> .\n" for s, p, o in store.select(query).rows}
