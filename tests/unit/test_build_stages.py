"""The build's stages one by one: one task (worker), chunks (loader), the progress line, batches
and the map (engines), the build time and the manifest (plan), the records file (outputs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import engines, loader, outputs, plan, worker
from kg.model import Document, KgError
from kg.progress import rate_line


def test_a_chunk_loads_each_merged_statement_once_in_order() -> None:
    parts = [b'<a> <p> "x\\ry" .\n<b> <p> <c> .\n', b"<b> <p> <c> .\n<d> <p> <e> .\n"]
    assert loader._distinct_lines(parts) == (b'<a> <p> "x\\ry" .\n<b> <p> <c> .\n<d> <p> <e> .\n')


def test_a_batch_collects_less_often_and_puts_the_thresholds_back() -> None:
    import gc

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def extractor(doc: object) -> object:
        seen.append(gc.get_threshold())
        raise ValueError("unreadable")

    docs = [Document("one", "one.txt", "Hà Nội, ngày 5-3.")]
    batch = worker.extract_batch(docs, "2026-01-01T00:00:00Z", extractor)  # type: ignore[arg-type]
    assert seen == [worker.GC_THRESHOLDS] and gc.get_threshold() == before
    assert len(batch.failed) == 1


def test_progress_line_gives_rate_and_time_left() -> None:
    assert rate_line(100, 1000, 10.0) == "100/1,000 documents, 10.0 docs/s, about 1 min 30 s left"
    assert rate_line(5, None, 1.0) == "5 documents, 5.0 docs/s"


# ---------------------------------------------------------------- engines


class _Task:
    """A task that records when its result is taken."""

    def __init__(self, docs: list[Document], log: list[str]) -> None:
        self.docs, self.log = docs, log

    def result(self) -> worker.Batch:
        self.log.append(f"result {self.docs[0].doc_id}")
        return worker.Batch(b"", 0, [self.docs[0].doc_id], [], [])


def _docs(n: int) -> list[Document]:
    return [Document(f"d{k}", f"d{k}.txt", "Hà Nội.") for k in range(n)]


def test_batches_are_cut_lazily_at_the_batch_size(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [len(b) for b in engines.batches(_docs(19))] == [8, 8, 3]
    monkeypatch.setattr(engines, "BATCH_DOCS", 5)
    assert [len(b) for b in engines.batches(_docs(12))] == [5, 5, 2]


def test_the_map_keeps_two_batches_per_job_ahead_and_takes_them_in_order() -> None:
    log: list[str] = []

    def submit(docs: list[Document]) -> _Task:
        log.append(f"submit {docs[0].doc_id}")
        return _Task(docs, log)

    taken: list[str] = []
    engines.run_map(engines.batches(_docs(6), 1), submit, 2, lambda d, b: taken.extend(b.records))
    assert taken == [f"d{k}" for k in range(6)]
    assert log[:6] == ["submit d0", "submit d1", "submit d2", "submit d3", "result d0", "submit d4"]


@pytest.mark.parametrize(
    ("engine", "scheduler", "message"),
    [("spark", None, "unknown engine 'spark'"), ("local", "tcp://h:8786", "--scheduler needs")],
)
def test_an_unknown_engine_or_a_scheduler_without_dask_is_a_clear_error(
    engine: str, scheduler: str | None, message: str
) -> None:
    with pytest.raises(KgError, match=message):
        engines.open_engine(engine, 1, scheduler, "2026-01-01T00:00:00Z", lambda d: None)  # type: ignore[arg-type,return-value]


# ---------------------------------------------------------------- plan


def test_the_build_time_is_fixed_by_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert plan.build_time() == "2023-11-14T22:13:20Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "hôm qua")
    with pytest.raises(KgError, match="is not a number of seconds"):
        plan.build_time()


def test_the_manifest_is_written_sorted_and_read_back(tmp_path: Path) -> None:
    manifest = {"b": {"source": "b.txt"}, "a": {"source": "a.txt", "content_hash": "x"}}
    plan.write_manifest(tmp_path / plan.MANIFEST, manifest)
    text = (tmp_path / plan.MANIFEST).read_text(encoding="utf-8")
    assert text.index('"a"') < text.index('"b"') and plan.read_manifest(tmp_path) == manifest
    (tmp_path / plan.MANIFEST).write_text("[1, 2", encoding="utf-8")
    assert plan.read_manifest(tmp_path) == {}  # a broken manifest: every document built again


# ---------------------------------------------------------------- outputs


def test_records_are_appended_or_merged_without_the_dropped_documents(tmp_path: Path) -> None:
    path = tmp_path / outputs.EXTRACTIONS
    first = outputs.Records(path)
    first.add(['{"doc_id": "a"}', '{"doc_id": "b"}'])
    first.finish(set())
    second = outputs.Records(path)
    second.add(['{"doc_id": "c"}'])
    second.finish(set())
    assert [json.loads(line)["doc_id"] for line in path.open(encoding="utf-8")] == ["a", "b", "c"]
    third = outputs.Records(path)
    third.add(['{"doc_id": "a", "v": 2}'])
    third.finish({"a"})
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    assert [r["doc_id"] for r in records] == ["b", "c", "a"] and records[-1]["v"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [outputs.EXTRACTIONS]
