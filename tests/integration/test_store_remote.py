"""Building into, and querying, a real Oxigraph server over the SPARQL 1.1 protocols."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import ARTICLE_MARCH, fixture_extractor, write_articles

from kg.build import build
from kg.query import query
from kg.serve import free_port, start_oxigraph, stop_process
from kg.store import documents, open_store

pytestmark = pytest.mark.server


@pytest.fixture()
def endpoint(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process: subprocess.Popen[bytes] = start_oxigraph(
        tmp_path / "server-db", "127.0.0.1", port, read_only=False
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(process)


def _build(src: Path, out: Path, url: str) -> object:
    return build([src], out, store_url=url, extractor=fixture_extractor, jobs=1, log=print)


def _count(url: str) -> int:
    store = open_store(url)
    return store.count()


def test_build_into_a_server_gives_the_same_graph_as_the_embedded_store(
    tmp_path: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "remote", endpoint)
    build([src], tmp_path / "local", extractor=fixture_extractor, jobs=1, log=print)
    remote = (tmp_path / "remote" / "graph.trig").read_bytes()
    assert remote == (tmp_path / "local" / "graph.trig").read_bytes()
    frame = query(endpoint, "people", {"date": "2023-12-31"})
    assert set(frame[frame["name"] == "Lê Văn Minh"]["rank"].dropna()) == {"Thượng tướng"}


def test_incremental_build_on_a_server(tmp_path: Path, endpoint: str) -> None:
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "out", endpoint)
    before = _count(endpoint)
    report = _build(src, tmp_path / "out", endpoint)
    assert report.built == [] and _count(endpoint) == before
    (src / "march.txt").write_text(ARTICLE_MARCH.replace("lần thứ 3", "lần thứ 4"), "utf-8")
    report = _build(src, tmp_path / "out", endpoint)
    assert report.built == ["march"]
    assert "lần thứ 4" in (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
    changed = _count(endpoint)
    assert _build(src, tmp_path / "out", endpoint).built == [] and _count(endpoint) == changed
    (src / "october.txt").unlink()
    report = _build(src, tmp_path / "out", endpoint)
    assert report.removed == ["october"]
    assert set(documents(open_store(endpoint))) == {"march"}


def test_parameters_sent_to_a_server_stay_literals(tmp_path: Path, endpoint: str) -> None:
    src = write_articles(tmp_path / "src")
    _build(src, tmp_path / "out", endpoint)
    before = _count(endpoint)
    attack = 'x")) } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER(("'
    assert query(endpoint, "entity", {"name": attack}).empty
    assert _count(endpoint) == before


def test_a_cut_off_answer_from_a_server_is_a_clear_error(tmp_path: Path) -> None:
    from kg.model import KgError

    src = write_articles(tmp_path / "src")
    build([src], tmp_path / "out", extractor=fixture_extractor, jobs=1, log=print)
    port = free_port()
    process = start_oxigraph(tmp_path / "out" / "store", "127.0.0.1", port, timeout=1)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    try:
        with pytest.raises(KgError, match=r"incomplete answer .*cancelled"):
            open_store(f"http://127.0.0.1:{port}").select(slow)
    finally:
        stop_process(process)
