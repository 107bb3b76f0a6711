"""Listing pages: the listing queries read one page of a sorted index the build derives."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.derive import Affected, derive
from kg.derive.pages import (
    LISTINGS,
    derived_pages,
    lay_out,
    least_keys,
    page_changes,
    starts_page,
    statements,
)
from kg.iri import DERIVED_GRAPH, listing_iri
from kg.model import KgError
from kg.query import query
from kg.store import GraphStore, open_store, value
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
    rows = [
        ["urn:b", "Bình"],
        ["urn:a", "Bình"],
        ["urn:c", "Yên"],
        ["urn:c", "An"],  # a second label: the least one places it
        ["", "Không"],  # unbound item
    ]
    keys = least_keys(rows, lambda fields: (fields[0],))
    assert keys == {"urn:a": ("Bình",), "urn:b": ("Bình",), "urn:c": ("An",)}
    one_page = lay_out("people", keys, 10**9)  # no item starts a page
    assert one_page.pages == {"": ["urn:c", "urn:a", "urn:b"]}


def test_each_field_counts_its_least_value_so_names_and_dates_can_come_apart() -> None:
    rows = [["urn:e", "Hội nghị B", ""], ["urn:e", "", "2021-05-16"], ["urn:e", "Hội nghị A", ""]]
    keys = least_keys(rows, lambda fields: tuple(fields))
    assert keys == {"urn:e": ("Hội nghị A", "2021-05-16")}


def test_pages_break_where_an_item_starts_one_and_long_runs_are_cut() -> None:
    keys = {f"urn:item{k:04}": (f"{k:04}",) for k in range(3000)}
    layout = lay_out("people", keys, 10)
    starters = [item for item in sorted(keys) if starts_page(item, 10)]
    assert 200 < len(starters) < 400  # about one item in ten
    assert set(starters) <= set(layout.pages)  # each starts a page; long runs are cut further
    sizes = [len(items) for items in layout.pages.values()]
    assert max(sizes) <= 15 and sum(sizes) == 3000
    assert sum(size > 10 for size in sizes) > 0  # runs of 11 to 15 are left whole
    order = sorted(keys)
    for first, items in layout.pages.items():
        start = order.index(items[0])
        assert items == order[start : start + len(items)]  # consecutive, in order
        assert first == "" or items[0] == first
    lines = statements(layout).lines(DERIVED_GRAPH)
    assert f'<{listing_iri("people")}> <{KG.pageCount}> "{len(layout.pages)}"' in "".join(lines)
    assert sum(f"<{KG.lists}>" in line for line in lines) == 3000


def test_the_command_line_says_which_page_of_how_many(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    _people_store(tmp_path, 4 * PAGE_SIZE)
    store = open_store(tmp_path)
    try:
        total = next(
            int(value(q.object))
            for q in store.quads_in(DERIVED_GRAPH)
            if q.predicate == ox.NamedNode(KG.pageCount)
            and q.subject == ox.NamedNode(listing_iri("people"))
        )
    finally:
        store.close()
    assert total > 1
    first = CliRunner().invoke(app, ["query", "--graph", str(tmp_path), "people"])
    assert first.exit_code == 0
    assert f"people: page 1 of {total}; --param page=2 for the next" in first.stderr
    last = CliRunner().invoke(app, ["query", "-g", str(tmp_path), "people", "-p", f"page={total}"])
    assert f"people: page {total} of {total}" in last.stderr and "for the next" not in last.stderr
    bad = CliRunner().invoke(app, ["query", "-g", str(tmp_path), "people", "-p", "page=x"])
    assert isinstance(bad.exception, KgError) and "page 'x'" in str(bad.exception)


def _stated_pages(store: GraphStore) -> set[str]:
    page_predicates = {KG.lists, KG.pageOf, KG.pageNumber, KG.pageKey, KG.pageCount}
    quads = store.quads_in(DERIVED_GRAPH)
    return {f"{q} .\n" for q in quads if q.predicate.value in {str(p) for p in page_predicates}}


def _person(k: int) -> str:
    return f"{KGR}person/p{k}"


def test_a_person_who_starts_no_page_changes_one_statement(tmp_path: Path) -> None:
    names = _people_store(tmp_path, 5 * PAGE_SIZE)
    newcomer = next(k for k in range(len(names), 10**6) if not starts_page(_person(k), PAGE_SIZE))
    store = open_store(tmp_path)
    try:
        store.load_nquads(_people_lines(["An Văn Mới"], f"{KGR}graph/late", first=newcomer))
        changes = page_changes(store, DERIVED_GRAPH, {"people": {_person(newcomer)}})
    finally:
        store.close()
    assert changes.removed == []
    assert len(changes.added) == 1 and f"<{_person(newcomer)}>" in changes.added[0]


def test_pages_changed_article_by_article_equal_pages_laid_out_in_full(tmp_path: Path) -> None:
    """Articles added (new people, new spellings of known people) and removed in random order: the
    pages updated after each equal the pages a full layout gives."""
    rng = random.Random(11)
    names = _people_store(tmp_path, 4 * PAGE_SIZE)
    store = open_store(tmp_path)
    graphs: dict[str, set[str]] = {}
    try:
        for step in range(40):
            if graphs and rng.random() < 0.35:
                graph = rng.choice(sorted(graphs))
                listed = graphs.pop(graph)
                store.drop_graphs([graph])
            else:
                graph = f"{KGR}graph/step{step}"
                known = rng.sample(range(len(names)), 3)  # new spellings, which may sort first
                new = [len(names) + 100 * step + k for k in range(rng.randint(1, 12))]
                lines = [_people_lines([f"{rng.choice(FAMILY)} Mới {k}"], graph, k) for k in new]
                lines += [_people_lines([f"{rng.choice(FAMILY)} Khác"], graph, k) for k in known]
                store.load_nquads("".join(lines))
                listed = {_person(k) for k in [*new, *known]}
                graphs[graph] = listed
            derive(store, Affected(listed={"people": listed}))
            incremental = _stated_pages(store)
            assert incremental == set(derived_pages(store, DERIVED_GRAPH)), f"step {step}"
    finally:
        store.close()


def test_pages_follow_when_the_first_item_that_could_start_a_page_changes(
    tmp_path: Path,
) -> None:
    """People who would start a page arrive before the first one and leave again: the first of
    them never starts one, and each time the pages updated in place equal a full layout."""
    store = open_store(tmp_path)
    names = [f"Hà Văn {k:03}" for k in range(6 * PAGE_SIZE)]
    starters = [k for k in range(len(names), 10**6) if starts_page(_person(k), PAGE_SIZE)][:2]
    try:
        store.load_nquads(_people_lines(names, f"{KGR}graph/people"))
        derive(store)
        steps = [("add", starters[0], "An Văn Một"), ("add", starters[1], "An Văn Hai")]
        steps += [("drop", starters[1], ""), ("drop", starters[0], "")]
        for action, k, name in steps:
            graph = f"{KGR}graph/starter{k}"
            if action == "add":
                store.load_nquads(_people_lines([name], graph, first=k))
            else:
                store.drop_graphs([graph])
            derive(store, Affected(listed={"people": {_person(k)}}))
            assert _stated_pages(store) == set(derived_pages(store, DERIVED_GRAPH)), (action, k)
    finally:
        store.close()
