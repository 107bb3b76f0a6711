"""The store layer: parameters as terms, never as query text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.query import term
from kg.store import (
    Endpoints,
    LocalStore,
    merged_ntriples,
    substitute,
    value,
    yield_compaction,
)
from kg.store.local import COMPACTION_NICE, COMPACTION_THREADS


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


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h:7878", ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")),
        (
            "http://h:7878/query",
            ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ),
        ("http://h/kg/sparql", ("http://h/kg/sparql", "http://h/kg/update", "http://h/kg/store")),
        ("http://h:3030/ds", ("http://h:3030/ds", "http://h:3030/ds", "http://h:3030/ds")),
    ],
)
def test_a_server_url_names_its_endpoints(url: str, expected: tuple[str, str, str]) -> None:
    found = Endpoints.of(url)
    assert (found.query, found.update, found.store) == expected


def test_parameter_kinds_make_typed_terms() -> None:
    assert term("2022-06-07", "date") == ox.Literal(
        "2022-06-07", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )
    assert term("Thượng Tướng  Phùng", "name") == ox.Literal("thượng tướng phùng")
    assert term("received", "predicate") == ox.NamedNode("https://w3id.org/kg-vn/ontology#received")


def test_merged_triples_drop_only_the_graph_name() -> None:
    graph = "<https://w3id.org/kg-vn/id/graph/march-1>"
    tricky = '"tên <https://w3id.org/kg-vn/id/graph/x> ."@vi'
    nquads = f"<urn:a> <urn:p> {tricky} {graph} .\n<urn:a> <urn:q> <urn:b> {graph} .\n"
    triples = {q.triple for q in ox.parse(merged_ntriples(nquads), ox.RdfFormat.N_TRIPLES)}
    expected = {q.triple for q in ox.parse(nquads.encode(), ox.RdfFormat.N_QUADS)}
    assert triples == expected
    other = "<urn:a> <urn:p> <urn:b> <urn:other-graph> .\n"
    assert {q.triple for q in ox.parse(merged_ntriples(other), ox.RdfFormat.N_TRIPLES)} == {
        ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.NamedNode("urn:b"))
    }


_TYPES = [
    None,
    "vi",
    "http://www.w3.org/2001/XMLSchema#date",
    "http://www.w3.org/2001/XMLSchema#integer",
]


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.text(max_size=30), min_size=1, max_size=6), kinds=st.data())
def test_values_read_from_tsv_equal_the_terms_values(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], kinds: st.DataObject
) -> None:
    """`values` parses Oxigraph's TSV results: every literal (quotes, backslashes, tabs, newlines,
    controls, emoji) and IRI comes back as `select` gives it, unbound as ''."""
    store = LocalStore(tmp_path_factory.mktemp("values"))
    try:
        for k, text in enumerate(texts):
            kind = kinds.draw(st.sampled_from(_TYPES))
            if kind is None or kind == "vi":
                literal = ox.Literal(text, language=kind) if kind else ox.Literal(text)
            else:
                literal = ox.Literal(text, datatype=ox.NamedNode(kind))
            store.oxigraph.add(ox.Quad(ox.NamedNode(f"urn:s{k}"), ox.NamedNode("urn:p"), literal))
        sparql = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:q> ?none } }"
        expected = sorted([value(t) for t in row] for row in store.select(sparql).rows)
        assert sorted(store.values(sparql)) == expected
    finally:
        store.close()


_PRIORITIES = """
import os, sys
from pathlib import Path
from kg.store import LocalStore
store = LocalStore(Path(sys.argv[1]))
store.load_nquads("<urn:s> <urn:p> <urn:o> <urn:g> .\\n")
for task in os.listdir("/proc/self/task"):
    name = open(f"/proc/self/task/{task}/comm").read().strip()
    print(name, os.getpriority(os.PRIO_PROCESS, int(task)))
print("main", os.getpriority(os.PRIO_PROCESS, 0))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="thread names come from /proc")
def test_a_bulk_load_leaves_compaction_the_cores_the_rest_does_not_use(tmp_path: Path) -> None:
    """RocksDB's compaction threads get the lowest priority; every other thread keeps the
    process's. In a process of its own: a thread's priority cannot be raised again."""
    out = subprocess.run(
        [sys.executable, "-c", _PRIORITIES, str(tmp_path / "store")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [line.rsplit(" ", 1) for line in out.splitlines()]
    main = int(dict(rows)["main"])
    compaction = [int(nice) for name, nice in rows if name.startswith(COMPACTION_THREADS)]
    others = [int(nice) for name, nice in rows if not name.startswith(COMPACTION_THREADS)]
    assert compaction and all(nice == max(main, COMPACTION_NICE) for nice in compaction)
    assert all(nice == main for nice in others)


_LOAD_AND_DIE = """
import os, sys
from pathlib import Path
from kg.store import LocalStore
store = LocalStore(Path(sys.argv[1]))
store.load_nquads(
    "<urn:s> <urn:p> <urn:o> <urn:g> .\\n<urn:s> <urn:p> \\"v\\"@vi <urn:g> .\\n",
    b"<urn:s> <urn:p> <urn:o> .\\n",
)
os._exit(0)  # no close, no flush: the process ends as a killed build would
"""


def test_a_bulk_load_is_durable_without_a_flush(tmp_path: Path) -> None:
    """load_nquads does not flush (a flush would wait for RocksDB to merge its files): what it
    loaded is in the store when the process ends right after, without closing it."""
    subprocess.run([sys.executable, "-c", _LOAD_AND_DIE, str(tmp_path / "store")], check=True)
    store = LocalStore(tmp_path / "store", read_only=True)
    try:
        assert len(store.quads_in("urn:g")) == 2
        assert store.triples() == 1
    finally:
        store.close()


def test_without_thread_names_compaction_keeps_its_priority(tmp_path: Path) -> None:
    """No /proc (macOS, Windows), or no RocksDB thread among the tasks: nothing is changed."""
    assert yield_compaction(tmp_path / "missing") == 0
    (tmp_path / "123").mkdir()
    (tmp_path / "123" / "comm").write_text("python\n")
    (tmp_path / "not-a-thread").mkdir()
    assert yield_compaction(tmp_path) == 0
