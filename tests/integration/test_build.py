"""Incremental builds into the embedded store, with the fixture extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from store_fixtures import ARTICLE_MARCH, fixture_extractor, write_articles

from kg import iri
from kg.build import build
from kg.iri import DERIVED_GRAPH, ONTOLOGY_GRAPH
from kg.model import DocExtraction, Document, KgError
from kg.store import documents, open_store
from kg.vocab import KG, in_merged_graph


def _count(out: Path) -> int:
    store = open_store(out)
    try:
        return store.count()
    finally:
        store.close()


def _build(src: Path, out: Path, **kwargs: object) -> object:
    return build([src], out, extractor=fixture_extractor, jobs=1, log=lambda _: None, **kwargs)


def test_build_writes_store_and_files(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "src")
    report = build([src], tmp_path / "out", extractor=fixture_extractor, jobs=1)
    assert sorted(report.built) == ["march", "october"]
    for name in ("graph.trig", "graph.ttl", "extractions.jsonl", "manifest.json"):
        assert (tmp_path / "out" / name).is_file()
    lines = (tmp_path / "out" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["march", "october"]
    assert report.entities["PERSON"] == 2
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert 0 < len(Graph().parse(data=ttl, format="turtle")) < report.triples  # data only


def test_rebuilding_identical_input_changes_nothing(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "out")
    before = (_count(tmp_path / "out"), (tmp_path / "out" / "graph.trig").read_bytes())
    report = _build(src, tmp_path / "out")
    assert report.built == [] and sorted(report.unchanged) == ["march", "october"]
    assert (_count(tmp_path / "out"), (tmp_path / "out" / "graph.trig").read_bytes()) == before


def test_only_the_changed_document_is_extracted_again(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "out")
    (src / "march.txt").write_text(ARTICLE_MARCH.replace("lần thứ 3", "lần thứ 4"), "utf-8")
    report = _build(src, tmp_path / "out")
    assert report.built == ["march"] and report.unchanged == ["october"]
    trig = (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
    assert "lần thứ 4" in trig and "lần thứ 3" not in trig


def test_a_removed_source_drops_its_named_graph(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "out")
    (src / "october.txt").unlink()
    report = _build(src, tmp_path / "out")
    assert report.removed == ["october"]
    store = open_store(tmp_path / "out")
    try:
        assert set(documents(store)) == {"march"}
        graphs = {q.graph_name.value for q in store.quads()}
    finally:
        store.close()
    assert graphs == {iri.graph_iri("march"), ONTOLOGY_GRAPH, DERIVED_GRAPH}


def test_same_input_gives_same_graph_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "a")
    _build(src, tmp_path / "b")
    trig_a = (tmp_path / "a" / "graph.trig").read_bytes()
    assert trig_a == (tmp_path / "b" / "graph.trig").read_bytes()
    assert b"2023-11-14T22:13:20Z" not in trig_a  # build times stay in the store


def test_unreadable_input_is_reported_and_the_rest_built(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "src", ("march",))
    (src / "empty.txt").write_text("   ", encoding="utf-8")
    messages: list[str] = []
    report = build(
        [src], tmp_path / "out", extractor=fixture_extractor, jobs=1, log=messages.append
    )
    assert report.built == ["march"]
    assert messages == [f"skipped {src / 'empty.txt'}: empty file"]


def test_no_readable_article_is_an_error_that_leaves_no_side_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(KgError, match="no readable article among the inputs"):
        build([src], tmp_path / "out", extractor=fixture_extractor, jobs=1, log=lambda _: None)
    assert not list((tmp_path / "out").glob("extractions.jsonl*"))


def test_process_pool_gives_the_same_graph_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "serial")
    build([src], tmp_path / "pool", extractor=fixture_extractor, jobs=2, log=lambda _: None)
    serial = (tmp_path / "serial" / "graph.trig").read_bytes()
    assert (tmp_path / "pool" / "graph.trig").read_bytes() == serial


def test_dask_local_cluster_gives_the_same_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.distributed")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "serial")
    build([src], tmp_path / "dask", extractor=fixture_extractor, jobs=2, engine="dask", log=print)
    serial = (tmp_path / "serial" / "graph.trig").read_bytes()
    assert (tmp_path / "dask" / "graph.trig").read_bytes() == serial


def test_extraction_failure_skips_only_that_document(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "src")
    messages: list[str] = []
    report = build(
        [src], tmp_path / "out", extractor=failing_on_october, jobs=1, log=messages.append
    )
    assert report.built == ["march"]
    assert [s.source for s in report.skipped] == [str(src / "october.txt")]
    assert messages[0].startswith(f"skipped {src / 'october.txt'}: extraction failed (ValueError")


def failing_on_october(doc: Document) -> DocExtraction:
    if doc.doc_id == "october":
        raise ValueError("không đọc được câu")
    return fixture_extractor(doc)


def test_sample_corpus_builds_and_validates(tmp_path: Path) -> None:
    from kg.validate import validate

    raw = Path(__file__).resolve().parents[2] / "data" / "raw"
    report = build([raw], tmp_path / "out", log=print)
    assert len(report.built) == 2 and not report.skipped
    assert report.entities["PERSON"] > 0 and report.relations > 0
    assert validate(tmp_path / "out") == []


def _merged_and_named(out: Path) -> tuple[set[str], set[str]]:
    """The default graph's statements, and the named graphs' statements it should hold."""
    store = open_store(out)
    try:
        rows = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows
        merged = {" ".join(str(t) for t in row) for row in rows}
        quads = list(store.quads())
    finally:
        store.close()
    named = {str(q.triple) for q in quads if in_merged_graph(str(q.subject), str(q.predicate))}
    assert any("/assertion/" in str(q.subject) for q in quads)  # provenance: named graphs only
    return merged, named


def test_default_graph_stays_the_merge_of_the_document_graphs(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "out")
    merged, named = _merged_and_named(tmp_path / "out")
    assert merged == named
    assert not any(iri.is_provenance(t.split(" ", 1)[0][1:-1]) for t in merged)
    assert not any(f" <{KG.mentionedIn}> " in t for t in merged)
    (src / "october.txt").unlink()
    _build(src, tmp_path / "out")
    merged_after, named_after = _merged_and_named(tmp_path / "out")
    assert merged_after == named_after
    assert any("Lê Văn Minh" in t for t in merged_after)  # still stated by the March article
    assert not any("Sông Hàn" in t for t in merged_after)  # stated only in October


def _all_quads(out: Path) -> set[str]:
    store = open_store(out)
    try:
        return {str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, None)}
    finally:
        store.close()


def test_a_replaced_graph_left_with_old_and_new_statements_is_extracted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.ingest import read_documents
    from kg.rdf import extraction_nquads

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "out")
    (march,) = [d for d in read_documents([src / "march.txt"]) if isinstance(d, Document)]
    store = open_store(tmp_path / "out")
    try:  # a build killed after loading the new version, before the old one left
        store.load_nquads(extraction_nquads(fixture_extractor(march), "2030-01-01T00:00:00Z").text)
        assert documents(store)["march"].content_hash == ""
    finally:
        store.close()
    report = _build(src, tmp_path / "out")
    assert report.built == ["march"] and report.unchanged == ["october"]
    _build(src, tmp_path / "clean")
    assert _all_quads(tmp_path / "out") == _all_quads(tmp_path / "clean")


def test_a_document_the_extractor_fails_on_keeps_its_graph(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "out")
    before = _all_quads(tmp_path / "out")
    (src / "october.txt").write_text(ARTICLE_MARCH.replace("lần thứ 3", "lần thứ 9"), "utf-8")
    report = build(
        [src], tmp_path / "out", extractor=failing_on_october, jobs=1, log=lambda _: None
    )
    assert report.built == [] and [s.source for s in report.skipped] == [str(src / "october.txt")]
    assert _all_quads(tmp_path / "out") == before
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {"march", "october"}
