"""Benchmarks: extraction speed against `spacy.blank("vi")` tokenisation alone and against
underthesea's `ner()` on the same text; and, with `scale=True`, the build at scale on synthetic
corpora: speed-up from 1 to 2 jobs, wall time and peak memory of whole builds, the time to add one
article, and named-query latencies. Figures, not tests: nothing here is run by pytest.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import spacy

from kg.clean import clean
from kg.extract import extract_document
from kg.model import Document
from kg.store import Bindings


@dataclass(frozen=True)
class Speed:
    label: str
    seconds: float
    articles: int
    characters: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def characters_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0


def _timed(
    label: str, docs: list[Document], repeat: int, work: Callable[[Document], object]
) -> Speed:
    """CPU time of `repeat` passes (process time, so other load on the machine does not count)."""
    chars = sum(len(d.text) for d in docs) * repeat
    start = time.process_time()
    for _ in range(repeat):
        for d in docs:
            work(d)
    return Speed(label, time.process_time() - start, len(docs) * repeat, chars)


def measure(docs: list[Document], repeat: int = 20, rounds: int = 3) -> tuple[Speed, Speed]:
    """(tokenisation alone, full extraction): the best of `rounds` interleaved rounds, after one
    warm-up pass that loads models and lexicons."""
    tokenizer = spacy.blank("vi")
    for d in docs:
        tokenizer(clean(d).norm)
        extract_document(d)
    bases, fulls = [], []
    for _ in range(rounds):
        bases.append(
            _timed('spacy.blank("vi") tokenisation', docs, repeat, lambda d: tokenizer(d.text))
        )
        fulls.append(
            _timed(
                "kg extraction (clean, NLP, entities, relations)", docs, repeat, extract_document
            )
        )
    return min(bases, key=lambda s: s.seconds), min(fulls, key=lambda s: s.seconds)


def measure_underthesea(docs: list[Document]) -> Speed | str:
    """underthesea's `ner()` sentence by sentence (as it is meant to run), or why it cannot run."""
    try:
        from underthesea import ner
    except ImportError:
        return 'underthesea is not installed (pip install -e ".[bench]")'
    sentences = [s.text for d in docs for s in clean(d).sentences if s.text.strip()]
    try:
        ner(sentences[0])  # loads its models: offline, they ship in the wheel
    except Exception as err:  # a model it would have to download
        return f"underthesea ner() cannot run here: {type(err).__name__}: {err}"
    start = time.process_time()
    for sentence in sentences:
        ner(sentence)
    seconds = time.process_time() - start
    return Speed("underthesea ner()", seconds, len(docs), sum(len(s) for s in sentences))


def report(base: Speed, full: Speed, other: Speed | str | None = None) -> str:
    lines = [f"{'':<48} {'articles/s':>11} {'chars/s':>11} {'CPU s':>8}"]
    speeds = [base, full] + ([other] if isinstance(other, Speed) else [])
    for s in speeds:
        lines.append(
            f"{s.label:<48} {s.articles_per_second:>11.1f} {s.characters_per_second:>11.0f} {s.seconds:>8.2f}"
        )
    ratio = _ratio(full.characters_per_second, base.characters_per_second)
    lines.append(f"ratio extraction / tokenisation: {ratio:.2f} (target ≥ 0.50)")
    if isinstance(other, Speed):
        versus = _ratio(full.characters_per_second, other.characters_per_second)
        lines.append(f"ratio extraction / underthesea ner(): {versus:.1f} (target ≥ 10)")
    elif other:
        lines.append(other)
    lines.append(
        f"extraction per core: {full.characters_per_second:,.0f} characters/s (target ≥ 100,000)"
    )
    return "\n".join(lines)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


# ---------------------------------------------------------------- at scale


@dataclass(frozen=True)
class Run:
    """One command timed: wall seconds, peak memory of its process tree and of its largest
    process, and what it printed."""

    seconds: float
    peak_tree_mb: float
    peak_process_mb: float
    output: str


@contextmanager
def _sampling(pid: int, every: float = 0.1) -> Iterator[list[float]]:
    """Peak RSS (MB) of a process and its descendants, sampled: [tree total, largest process]."""
    import psutil

    peaks = [0.0, 0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                root = psutil.Process(pid)
                sizes = [p.memory_info().rss for p in [root, *root.children(recursive=True)]]
            except psutil.Error:
                sizes = []
            if sizes:
                peaks[0] = max(peaks[0], sum(sizes) / 2**20)
                peaks[1] = max(peaks[1], max(sizes) / 2**20)
            stop.wait(every)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peaks
    finally:
        stop.set()
        thread.join()


def run_kg(*args: str) -> Run:
    """`kg ARGS` in a fresh interpreter (so its memory is its own), timed and sampled."""
    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with _sampling(process.pid) as peaks:
        output, _ = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 2):
        raise RuntimeError(f"kg {' '.join(args)} failed ({process.returncode}):\n{output}")
    return Run(seconds, peaks[0], peaks[1], output)


def speedup(docs: list[Document], jobs: int) -> tuple[float, float]:
    """Wall seconds to extract `docs` with 1 job and with `jobs` (workers started and warmed
    first, so only the map is timed)."""
    from kg.build.engines import BATCH_DOCS, batches, open_engine, run_map
    from kg.build.plan import build_time
    from kg.build.worker import default_extractor

    times = []
    for n in (1, jobs):
        with open_engine("local", n, None, build_time(), default_extractor) as submit:
            warm = [submit(docs[i : i + 1]) for i in range(n)]
            for task in warm:
                task.result()
            start = time.perf_counter()
            run_map(batches(docs, BATCH_DOCS), submit, n, lambda _docs, _batch: None)
            times.append(time.perf_counter() - start)
    return times[0], times[1]


@dataclass
class ScaleFigures:
    """Everything `make bench` prints, as lines of a Markdown report."""

    lines: list[str] = field(default_factory=list)

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)


def _documents(articles: int, seed: int, start: int = 0) -> list[Document]:
    from .synthetic import articles as synthetic_articles

    return [
        Document(a.doc_id, f"{a.doc_id}.txt", a.text, a.meta())
        for a in synthetic_articles(articles, seed, start)
    ]


def extraction_section(figures: ScaleFigures, docs: list[Document], sample: list[Document]) -> None:
    base, full = measure(docs, repeat=2, rounds=3)
    other = measure_underthesea(sample)
    figures.say("## Extraction speed (CPU time, one core)")
    figures.say()
    figures.say(f"{len(docs)} synthetic articles, {sum(len(d.text) for d in docs):,} characters;")
    figures.say(f"underthesea `ner()` on {len(sample)} of them, sentence by sentence.")
    figures.say()
    figures.say("```")
    for line in report(base, full, other).splitlines():
        figures.say(line)
    figures.say("```")


def speedup_section(figures: ScaleFigures, docs: list[Document]) -> None:
    cores = os.cpu_count() or 1
    jobs = max(2, min(cores, 2))
    one, many = speedup(docs, jobs)
    figures.say()
    figures.say(f"## Parallel extraction: {len(docs)} articles, warmed process pool")
    figures.say()
    figures.say(f"- 1 job: {one:.1f} s; {jobs} jobs: {many:.1f} s")
    figures.say(f"- speed-up: {one / many:.2f}× (target ≥ 1.8× on 2 cores)")


def build_section(figures: ScaleFigures, work: Path, sizes: list[int], seed: int) -> Path:
    """Whole builds of each size; returns the folder of the largest."""
    from .synthetic import write_corpus

    figures.say()
    figures.say("## Whole builds into the embedded store (`kg build CORPUS --out DIR`)")
    figures.say()
    figures.say(
        "| articles | characters | wall time | docs/s | peak memory, all processes | largest process |"
    )
    figures.say("|---:|---:|---:|---:|---:|---:|")
    out = work
    for size in sizes:
        corpus = work / f"corpus-{size}"
        write_corpus(corpus, size, seed=seed)
        chars = sum(
            len(json.loads(line)["text"])
            for f in corpus.glob("*.jsonl")
            for line in f.open(encoding="utf-8")
        )
        out = work / f"out-{size}"
        run = run_kg("build", str(corpus), "--out", str(out), "--no-progress")
        figures.say(
            f"| {size:,} | {chars:,} | {run.seconds:.0f} s | {size / run.seconds:.1f} | "
            f"{run.peak_tree_mb:,.0f} MB | {run.peak_process_mb:,.0f} MB |"
        )
    return out


def add_section(figures: ScaleFigures, work: Path, out: Path, size: int, seed: int) -> None:
    """One new article added to the largest store: as a command, as the build step alone, and
    again (nothing may change); and a full re-scan with the article among the corpus."""
    from kg.build import build

    from .synthetic import write_corpus

    new = work / "new"
    write_corpus(new, 1, seed=seed, fmt="txt", start=size)
    command = run_kg("add", str(new), "--out", str(out))
    second = work / "second"
    write_corpus(second, 1, seed=seed, fmt="txt", start=size + 1)
    extract_document(_documents(1, seed, size + 2)[0])  # the extractor is loaded already
    start = time.perf_counter()
    build([second], out, prune=False, log=lambda _m: None)
    step = time.perf_counter() - start
    before = _quads(out)
    start = time.perf_counter()
    again = build([second], out, prune=False, log=lambda _m: None)
    repeat = time.perf_counter() - start
    after = _quads(out)
    rescan = run_kg("build", str(work / f"corpus-{size}"), str(new), str(second), "--out", str(out))
    figures.say()
    figures.say(f"## Adding one article to the {size:,}-article store")
    figures.say()
    figures.say(
        f"- `kg add NEW.txt --out DIR` (a new Python process, NLP models loaded): {command.seconds:.2f} s"
    )
    figures.say(
        f"- the build step alone (`kg.build.build([NEW], DIR, prune=False)`, models loaded): {step:.2f} s (target < 1 s)"
    )
    figures.say(
        f"- the same article again: {repeat:.2f} s, {len(again.built)} built, "
        f"quads {before:,} before and {after:,} after (no duplicates: {before == after})"
    )
    figures.say(
        f"- `kg build CORPUS NEW…` re-scanning all {size + 2:,} inputs, nothing changed: {rescan.seconds:.1f} s"
    )


def _quads(out: Path) -> int:
    from kg.store import open_store

    store = open_store(out, read_only=True)
    try:
        return store.count()
    finally:
        store.close()


QUERY_BUDGET_MS = 20_000  # fewer runs of a query that takes longer in all
QUERY_TIMEOUT_S = 60  # a query still running then is stopped and reported as such


def _timed_query(out: Path, text: str, bound: Bindings, runs: int) -> tuple[float, int, int]:
    """(median ms, runs, rows) of one query on a store opened read-only in this process."""
    from kg.store import open_store

    store = open_store(out, read_only=True)
    try:
        times: list[float] = []
        found = 0
        while len(times) < runs and sum(times) < QUERY_BUDGET_MS:
            start = time.perf_counter()
            found = len(store.select(text, bound).rows)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times), len(times), found
    finally:
        store.close()


def _in_child(run: Callable[[], tuple[float, int, int]]) -> tuple[float, int, int] | None:
    """`run()` in a forked child, or None when it outlasts QUERY_TIMEOUT_S."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=lambda: sender.send(run()), daemon=True)
    process.start()
    result = receiver.recv() if receiver.poll(QUERY_TIMEOUT_S) else None
    process.kill()
    process.join()
    return result


def query_section(figures: ScaleFigures, out: Path, size: int, runs: int = 5) -> None:
    from kg.query import bindings, named_queries
    from kg.store import open_store, value

    store = open_store(out, read_only=True)
    try:
        rows = store.select(
            "SELECT ?label WHERE { ?p kg:received ?o ; rdfs:label ?label } LIMIT 1"
        ).rows
    finally:
        store.close()
    person = value(rows[0][0]) if rows else "x"
    cases = [
        ("people", {}),
        ("people", {"date": "2020-06-30"}),
        ("person", {"name": person, "date": "2020-06-30"}),
        ("meetings", {}),
        ("contacts", {}),
        ("agreements", {}),
        ("entity", {"name": person}),
        ("evidence", {"subject": person, "predicate": "received"}),
    ]
    named = named_queries()
    figures.say()
    figures.say(
        f"## Named queries on the {size:,}-article store (median of {runs} runs, fewer past "
        f"{QUERY_BUDGET_MS // 1000} s; stopped after {QUERY_TIMEOUT_S} s)"
    )
    figures.say()
    figures.say("| query | ms | runs | rows |")
    figures.say("|---|---:|---:|---:|")
    for name, params in cases:
        bound = bindings(named[name], params)
        label = name + "".join(f" {k}=…" for k in params)
        result = _in_child(partial(_timed_query, out, named[name].text, bound, runs))
        if result is None:
            figures.say(f"| {label} | > {QUERY_TIMEOUT_S * 1000:,} (stopped) | 0 | – |")
            continue
        median, count, found = result
        figures.say(f"| {label} | {median:,.1f} | {count} | {found:,} |")


def scale(sizes: list[int], seed: int = 0, keep: Path | None = None) -> list[str]:
    """The build at scale, every section of docs/BENCHMARKS.md; returns the report's lines."""
    figures = ScaleFigures()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    figures.say(f"# kg benchmarks ({datetime.now(UTC):%Y-%m-%d})")
    figures.say()
    figures.say(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, load average "
        f"{load:.1f} when the run started (other work on the machine slows wall-clock figures)."
    )
    figures.say()
    docs = _documents(40, seed)
    extraction_section(figures, docs, docs[:8])
    speedup_section(figures, _documents(160, seed, 100_000))
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        out = build_section(figures, work, sizes, seed)
        add_section(figures, work, out, sizes[-1], seed)
        query_section(figures, out, sizes[-1])
    return figures.lines
