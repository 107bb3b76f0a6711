"""Crash safety: a build killed with SIGKILL while it writes loses nothing stored before, and the
next build completes it to exactly the graph a clean build makes.

The kill comes when the store shows the second build writing (a new table file, or a write-ahead
log with data), so it lands mid-write whether the build loads once at the end or batch by batch.
The whole process group is killed (the build and its extraction workers), as the kernel's
out-of-memory killer or a power cut would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import open_store, store_path
from kg.vocab import in_merged_graph

FAMILIES = ("Lê", "Trần", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Khánh", "Long")
PLACES = ("Hà Nội", "Đà Nẵng", "Huế", "Cần Thơ", "Hải Phòng")
FIRST, SECOND = 4, 24  # articles in the first build; in the second (the first four unchanged)
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1718000000"}


def article(n: int) -> str:
    host = f"{FAMILIES[n % 8]} Văn {GIVEN[n % 7]}"
    guest = f"{FAMILIES[(n + 3) % 8]} Thị {GIVEN[(n + 2) % 7]}"
    return (
        f"Ngày {n % 28 + 1}-{n % 12 + 1}-2024, tại {PLACES[n % 5]}, Thượng tướng {host}, "
        f"Thứ trưởng Bộ Quốc phòng, đã tiếp Đại tá {guest}. Hội nghị hợp tác quốc phòng lần thứ "
        f"{n + 1} do Bộ Quốc phòng tổ chức tại {PLACES[(n + 1) % 5]}.\n"
    )


def write_articles(src: Path, count: int) -> None:
    src.mkdir(exist_ok=True)
    for n in range(count):
        (src / f"bai_{n:03d}.txt").write_text(article(n), encoding="utf-8")


def kg_build(cwd: Path, out: str, *options: str, **popen: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from kg.cli import main; main()", "build", "src"]
    return subprocess.Popen(
        [*command, "--out", out, *options],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def finished(process: subprocess.Popen[str]) -> int:
    _, stderr = process.communicate(timeout=600)
    assert "Traceback" not in stderr, stderr
    return process.returncode


def data_files(store: Path) -> dict[str, int]:
    """Table files and write-ahead logs of the store, with their sizes."""
    found = {}
    for path in store.glob("*"):
        if path.suffix in (".sst", ".log"):
            try:
                found[path.name] = path.stat().st_size
            except FileNotFoundError:  # compaction removed it meanwhile
                continue
    return found


def writing(store: Path, before: dict[str, int]) -> bool:
    now = data_files(store)
    new_tables = [name for name in now if name.endswith(".sst") and name not in before]
    log_data = [name for name, size in now.items() if name.endswith(".log") and size > 1024]
    return bool(new_tables or log_data)


def kill_when_writing(process: subprocess.Popen[str], store: Path) -> None:
    """SIGKILL the build's process group once the store shows it writing (at most 5 minutes)."""
    before = data_files(store)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if writing(store, before):
            os.killpg(process.pid, signal.SIGKILL)
            break
        time.sleep(0.002)
    process.communicate(timeout=60)


Quad = tuple[str, str, str, str]


def quads(out: Path) -> Iterator[Quad]:
    """Every quad of the store, the default graph's included, as N-Triples terms."""
    store = ox.Store.read_only(str(store_path(out)))
    try:
        for q in store.quads_for_pattern(None, None, None, None):
            yield str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)
    finally:
        del store


def _build_then_kill(root: Path, first: int, then: int | None, *options: str) -> dict[str, object]:
    """A finished build of `first` articles, then (with `then` articles written, if given) a build
    with `options` killed mid-write: the root, the first build's quads and the killed return code."""
    write_articles(root / "src", first)
    assert finished(kg_build(root, "out")) == 0
    before = set(quads(root / "out"))
    if then is not None:
        write_articles(root / "src", then)
    process = kg_build(root, "out", *options, start_new_session=True)
    kill_when_writing(process, store_path(root / "out"))
    return {"root": root, "first": before, "returncode": process.returncode}


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A first build of four articles; then a build of 24 killed mid-write."""
    return _build_then_kill(tmp_path_factory.mktemp("crash"), FIRST, SECOND)


def test_the_second_build_was_killed_while_it_ran(crashed: dict[str, object]) -> None:
    assert crashed["returncode"] == -signal.SIGKILL


def test_the_store_opens_after_the_kill(crashed: dict[str, object]) -> None:
    out = Path(str(crashed["root"])) / "out"
    store = open_store(out, read_only=True)
    try:
        assert store.ask("ASK { ?d a kg:Document }")
    finally:
        store.close()


def test_documents_stored_before_the_kill_are_intact(crashed: dict[str, object]) -> None:
    first: set[Quad] = crashed["first"]  # type: ignore[assignment]
    now = set(quads(Path(str(crashed["root"])) / "out"))
    documents = {q for q in first if "/graph/bai-" in q[3]}
    assert len({q[3] for q in documents}) == FIRST
    assert documents <= now
    merged = {(s, p, o, "DEFAULT") for s, p, o, _ in documents if in_merged_graph(s, p)}
    assert merged <= now


def test_a_rerun_completes_to_the_graph_of_a_clean_build(crashed: dict[str, object]) -> None:
    root = Path(str(crashed["root"]))
    assert finished(kg_build(root, "out")) == 0
    assert finished(kg_build(root, "clean")) == 0
    recovered, clean = list(quads(root / "out")), list(quads(root / "clean"))
    assert len(recovered) == len(set(recovered))
    assert set(recovered) == set(clean)
    graphs = {q[3] for q in recovered if "/graph/bai-" in q[3]}
    assert len(graphs) == SECOND
    store = open_store(root / "out", read_only=True)
    try:
        rows = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows
        documents = store.select("SELECT ?d WHERE { ?d a kg:Document }").rows
    finally:
        store.close()
    statements = [tuple(str(t) for t in row) for row in rows]
    assert len(statements) == len(set(statements))
    assert len(documents) == SECOND


@pytest.fixture(scope="module")
def rebuild_killed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A build of 24 articles; then `--rebuild` killed mid-write."""
    return _build_then_kill(tmp_path_factory.mktemp("rebuild"), SECOND, None, "--rebuild")


def test_a_rebuild_killed_mid_write_leaves_every_document(
    rebuild_killed: dict[str, object],
) -> None:
    assert rebuild_killed["returncode"] == -signal.SIGKILL
    first: set[Quad] = rebuild_killed["first"]  # type: ignore[assignment]
    now = set(quads(Path(str(rebuild_killed["root"])) / "out"))
    documents = {q for q in first if "/graph/bai-" in q[3]}
    assert len({q[3] for q in documents}) == SECOND
    assert len({q[3] for q in documents & now}) == SECOND
    assert documents <= now
