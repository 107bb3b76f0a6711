"""Listing pages: the listing queries read one page of a sorted index the build derives."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import DERIVED_GRAPH, derive
from kg.clean import match_key
from kg.model import KgError
from kg.pages import PAGE_SIZE, added_pages, listing_iri, ordered, page_lines
from kg.query import query
from kg.store import open_store
from kg.vocab import KG

KGR = "https://w3id.org/kg-vn/id/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FAMILY = ["Lê", "Đỗ", "Ân", "Bùi", "Trịnh", "Vương", "Hà", "Ông"]
GIVEN = ["Văn Khải", "Thị Hoa", "Minh Tâm", "Đức Anh", "Quang Vinh"]


def _people_lines(names: list[str], graph: str, first: int = 0) -> str:
    lines = []
    for k, name in enumerate(names, start=first):
        person = f"<{KGR}person/p{k}>"
        lines.append(f"{person} <{RDF_TYPE}> <{KG.Person}> <{graph}> .\n")
        lines.append(f'{person} <{RDFS_LABEL}> "{name}" <{graph}> .\n')
    return "".join(lines)


def _people_store(folder: Path, n: int) -> list[str]:
    """A store of `n` people with invented names; returns the names."""
    rng = random.Random(7)
    names = [f"{rng.choice(FAMILY)} {rng.choice(GIVEN)} {k}" for k in range(n)]
    rng.shuffle(names)
    store = open_store(folder)
    try:
        store.load_nquads(_people_lines(names, f"{KGR}graph/people"))
        derive(store)
    finally:
        store.close()
    return names


def test_people_added_later_join_the_page_their_name_falls_on(tmp_path: Path) -> None:
    names = _people_store(tmp_path, 2 * PAGE_SIZE + 17)
    page_two = query(tmp_path, "people", {"page": "2"})["name"].tolist()
    later = ["An Bình", page_two[0] + " Anh", "Ông Văn Khải 999"]  # before all, on page 2, known
    doc = f"{KGR}graph/later"
    store = open_store(tmp_path)
    try:
        store.load_nquads(_people_lines(later, doc, first=len(names)))
        lines = added_pages(store, DERIVED_GRAPH, [doc])
        assert lines is not None and len(lines) == 3
        store.load_nquads("".join(lines))
    finally:
        store.close()
    pages = [query(tmp_path, "people", {"page": str(n)})["name"].tolist() for n in (1, 2, 3)]
    assert "An Bình" in pages[0] and page_two[0] + " Anh" in pages[1]
    assert sorted(name for page in pages for name in page) == sorted(names + later)
    assert all(page == sorted(page, key=match_key) for page in pages)


def test_a_listing_without_pages_asks_for_a_full_derivation(tmp_path: Path) -> None:
    doc = f"{KGR}graph/first"
    store = open_store(tmp_path)
    try:
        store.load_nquads(_people_lines(["Lê Thị Hoa"], doc))
        assert added_pages(store, DERIVED_GRAPH, [doc]) is None
    finally:
        store.close()


def test_people_come_a_page_at_a_time_in_name_order(tmp_path: Path) -> None:
    names = _people_store(tmp_path, 2 * PAGE_SIZE + 17)
    pages = [query(tmp_path, "people", {"page": str(n)})["name"].tolist() for n in (1, 2, 3, 4)]
    assert [len(p) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 17, 0]
    listed = [name for page in pages for name in page]
    assert sorted(listed) == sorted(names)  # every person once, none lost between pages
    assert pages[0] == query(tmp_path, "people")["name"].tolist()  # page 1 by default
    # Name order ignores case and tone-mark placement: "Ân" and "Ông" sort by their letters.
    assert [match_key(n) for n in listed] == sorted(match_key(n) for n in listed)
    count = query(tmp_path, f"SELECT ?n WHERE {{ <{listing_iri('people')}> kg:pageCount ?n }}")
    assert count["n"].tolist() == [3]


@pytest.mark.parametrize("page", ["0", "-1", "two", "1.5", ""])
def test_a_page_is_a_number_from_one(tmp_path: Path, page: str) -> None:
    _people_store(tmp_path, 3)
    with pytest.raises(KgError, match="page"):
        query(tmp_path, "people", {"page": page})


def test_an_item_sorts_by_its_least_key_and_ties_by_iri() -> None:
    def row(item: str | None, label: str) -> list[ox.NamedNode | ox.Literal | None]:
        return [ox.NamedNode(item) if item else None, ox.Literal(label)]

    rows = [
        row("urn:b", "Bình"),
        row("urn:a", "Bình"),
        row("urn:c", "Yên"),
        row("urn:c", "An"),  # a second label: the least one places it
        row(None, "Không"),
    ]
    assert ordered(rows, lambda fields: (fields[0],)) == ["urn:c", "urn:a", "urn:b"]


def test_page_lines_put_each_item_on_its_page() -> None:
    items = [f"urn:item{k}" for k in range(PAGE_SIZE + 1)]
    lines = page_lines("people", items, DERIVED_GRAPH, {i: (i,) for i in items})
    assert f"<{KGR}list/people/1> <{KG.lists}> <urn:item0>" in lines[0]
    assert f"<{KGR}list/people/2> <{KG.lists}> <urn:item{PAGE_SIZE}>" in lines[PAGE_SIZE]
    assert lines[-1].startswith(f'<{listing_iri("people")}> <{KG.pageCount}> "2"')


def test_the_command_line_says_which_page_of_how_many(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    _people_store(tmp_path, PAGE_SIZE + 1)
    first = CliRunner().invoke(app, ["query", "--graph", str(tmp_path), "people"])
    assert first.exit_code == 0
    assert "people: page 1 of 2; --param page=2 for the next" in first.stderr
    last = CliRunner().invoke(app, ["query", "-g", str(tmp_path), "people", "-p", "page=2"])
    assert "people: page 2 of 2" in last.stderr and "for the next" not in last.stderr
    bad = CliRunner().invoke(app, ["query", "-g", str(tmp_path), "people", "-p", "page=x"])
    assert isinstance(bad.exception, KgError) and "page 'x'" in str(bad.exception)
