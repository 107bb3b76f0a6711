"""Listing pages: the listing queries read one page of a sorted index the build derives."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import DERIVED_GRAPH, derive
from kg.iri import listing_iri
from kg.model import KgError
from kg.pages import LISTINGS, ordered, page_lines
from kg.query import query
from kg.store import open_store
from kg.vocab import KG

PAGE_SIZE = next(listing.size for listing in LISTINGS if listing.name == "people")
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
    lines = page_lines("people", items, DERIVED_GRAPH, PAGE_SIZE)
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
