"""Tenure supersession (kg.derive.tenures): each rank or post ends where the next one of its kind
about the same person is stated, derived in full or only for the people a change touches."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import RDF, XSD

from kg import iri
from kg.derive import Affected, derive, superseded
from kg.iri import DERIVED_GRAPH
from kg.store import GraphStore, open_store
from kg.vocab import KG


def test_a_tenure_is_superseded_by_the_next_later_one_of_its_kind() -> None:
    rows = [
        ("t1", "minh", "Rank", "2022-06-07"),
        ("t2", "minh", "Rank", "2022-10-11"),
        ("t3", "minh", "Post", "2022-01-01"),
        ("t4", "minh", "Rank", "2022-10-11"),
    ]
    assert superseded(rows) == {"t1": "2022-10-11"}


def _tenure_lines(graph: str, tenures: list[tuple[str, str, str, str]]) -> str:
    lines = []
    for tenure, person, kind, on in tenures:
        lines.append(f"<{tenure}> <{RDF.type}> <{KG[kind]}> <{graph}> .\n")
        lines.append(f"<{tenure}> <{KG.holder}> <{person}> <{graph}> .\n")
        lines.append(f'<{tenure}> <{KG.statedOn}> "{on}"^^<{XSD.date}> <{graph}> .\n')
    return "".join(lines)


def _superseded_in(store: GraphStore) -> set[tuple[str, str]]:
    rows = store.values(
        f"SELECT ?t ?on WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?t kg:supersededOn ?on }} }}"
    )
    return {(t, on) for t, on in rows}


def test_incremental_derive_moves_only_what_changed_and_equals_a_full_one(tmp_path: Path) -> None:
    """Documents stating ranks and posts of a few people come and go, on dates between and around
    those already stated; after each step the derived `kg:supersededOn` of the people concerned,
    redone incrementally, equal what a full derive gives."""
    rng = random.Random(11)
    people = [f"{iri.BASE}person/p{k}" for k in range(3)]
    graphs: dict[str, list[tuple[str, str, str, str]]] = {}
    store = open_store(tmp_path / "store")
    try:
        for step in range(30):
            if graphs and rng.random() < 0.3:
                graph = rng.choice(sorted(graphs))
                gone = graphs.pop(graph)
                store.drop_graphs([graph])
                derive(store, Affected(people={t[1] for t in gone}, stale={t[0] for t in gone}))
            else:
                graph = f"{iri.BASE}graph/g{step}"
                tenures = [
                    (
                        f"{iri.BASE}tenure/s{step}-{k}",
                        rng.choice(people),
                        rng.choice(["RankTenure", "PostTenure"]),
                        f"2022-{rng.randint(1, 12):02}-{rng.choice([1, 15]):02}",
                    )
                    for k in range(rng.randint(1, 3))
                ]
                graphs[graph] = tenures
                store.load_nquads(_tenure_lines(graph, tenures))
                derive(store, Affected(people={t[1] for t in tenures}))
            stated = [t for tenures in graphs.values() for t in tenures]
            assert _superseded_in(store) == set(superseded(stated).items()), f"step {step}"
        assert _superseded_in(store)  # some were superseded along the way
    finally:
        store.close()
