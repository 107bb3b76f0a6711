"""Building at scale, on small synthetic corpora: streaming in batches, adding one article,
incremental derived statements, large-graph outputs, and the same graph on Dask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import build, loader, outputs
from kg.build import engines as engines_module
from kg.derive import derive
from kg.iri import DERIVED_GRAPH
from kg.store import open_store
from kg.vocab import KG, in_merged_graph
from kg_dev.synthetic import write_corpus


def _quiet(**options: object) -> dict[str, object]:
    """Build options for tests: no messages, and no whole-graph files unless asked for."""
    return {"log": lambda _message: None, "view": False, "export": False, **options}


def _nquads(out: Path) -> list[str]:
    """Every statement of every named graph, canonical (sorted N-Quads lines)."""
    store = open_store(out, read_only=True)
    try:
        return sorted(f"{quad} ." for quad in store.quads())
    finally:
        store.close()


def _internal(nquad: str) -> bool:
    """A statement exports leave out: the ontology's graph, name keys, listing pages, hashes and
    build times."""
    from kg.store.export import INTERNAL_PREDICATES

    return (
        "/graph/ontology>" in nquad
        or "/list/" in nquad.split(" ", 1)[0]
        or any(f"<{p}>" in nquad for p in INTERNAL_PREDICATES)
    )


def _derived(out: Path) -> list[str]:
    store = open_store(out, read_only=True)
    try:
        return [f"{q} ." for q in store.quads_in(DERIVED_GRAPH)]
    finally:
        store.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("synth"), 16, seed=7)[0].parent


# ---------------------------------------------------------------- streaming builds


def test_small_batches_and_loads_give_the_same_graph(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build([corpus], tmp_path / "whole", jobs=1, **_quiet())
    monkeypatch.setattr(engines_module, "BATCH_DOCS", 2)
    monkeypatch.setattr(loader, "LOAD_QUADS", 500)
    build([corpus], tmp_path / "pieces", jobs=1, **_quiet())
    assert _nquads(tmp_path / "pieces") == _nquads(tmp_path / "whole")
    lines = (tmp_path / "pieces" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 16


def test_rebuilding_in_pieces_replaces_every_graph_and_keeps_the_merge(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out"
    build([corpus], out, jobs=1, **_quiet())
    before = _nquads(out)
    monkeypatch.setattr(engines_module, "BATCH_DOCS", 2)  # old graphs dropped while new ones wait
    report = build([corpus], out, jobs=1, rebuild=True, **_quiet())
    assert len(report.built) == 16 and _nquads(out) == before
    store = open_store(out, read_only=True)
    try:
        merged = {
            " ".join(str(t) for t in row)
            for row in store.select("SELECT ?s ?p ?o { ?s ?p ?o }").rows
        }
        quads = list(store.quads())
    finally:
        store.close()
    assert merged == {
        str(q.triple) for q in quads if in_merged_graph(str(q.subject), str(q.predicate))
    }


def test_dask_cluster_builds_the_same_graph_as_the_process_pool(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.distributed")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    local = build([corpus], tmp_path / "local", jobs=2, **_quiet())
    dask = build([corpus], tmp_path / "dask", jobs=2, engine="dask", **_quiet())
    assert sorted(dask.built) == sorted(local.built) and len(local.built) == 16
    assert _nquads(tmp_path / "dask") == _nquads(tmp_path / "local")


def test_adding_an_article_keeps_the_others_and_adding_it_again_changes_nothing(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([corpus], out, jobs=1, **_quiet())
    new = write_corpus(tmp_path / "new", 1, seed=7, fmt="txt", start=500)[0]
    report = build([new], out, prune=False, **_quiet())
    assert report.built == ["synth-7-000500"] and report.removed == []
    quads = _nquads(out)
    again = build([new], out, prune=False, **_quiet())
    assert again.built == [] and again.unchanged == ["synth-7-000500"]
    assert _nquads(out) == quads and len(quads) == len(set(quads))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == 17
    records = (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) == 17


def test_incremental_derived_statements_equal_a_full_derive(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    some = tmp_path / "some"
    write_corpus(some, 8, seed=7)
    build([some], out, jobs=1, **_quiet())
    rest = write_corpus(tmp_path / "rest", 8, seed=7, fmt="txt", start=8)
    build(rest, out, jobs=1, prune=False, **_quiet())  # 8 more: derived for their people only
    incremental = _derived(out)
    store = open_store(out)
    try:
        derive(store)
    finally:
        store.close()
    assert incremental == _derived(out) and any(str(KG.supersededOn) in q for q in incremental)


def test_a_large_graph_is_not_exported_whole_and_its_view_shows_the_latest_documents(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outputs, "WHOLE_GRAPH_DOCS", 10)
    monkeypatch.setattr(outputs, "WHOLE_VIEW_DOCS", 10)
    monkeypatch.setattr(outputs, "VIEW_DOCS", 3)
    messages: list[str] = []
    report = build([corpus], tmp_path / "out", jobs=1, log=messages.append)
    assert not (tmp_path / "out" / "graph.trig").exists() and not report.exported
    assert report.view == tmp_path / "out" / "graph.html" and report.view.is_file()
    assert any("graph.trig and graph.ttl not written" in m for m in messages)
    assert any("latest 3 of 16 documents" in m for m in messages)


def test_export_on_request_streams_every_named_graph(corpus: Path, tmp_path: Path) -> None:
    report = build([corpus], tmp_path / "out", jobs=1, **_quiet(export=True))
    from rdflib import Dataset

    dataset = Dataset().parse(tmp_path / "out" / "graph.trig", format="trig")
    data = [q for q in _nquads(tmp_path / "out") if not _internal(q)]
    assert report.exported and sum(len(g) for g in dataset.graphs()) == len(data)
