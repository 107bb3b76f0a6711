"""Build: articles in, a queryable graph out, incrementally and in bounded memory.

The build streams: documents are read one at a time, those whose content changed are grouped in
small batches, each batch is extracted by a worker (a local process pool by default, Dask when
asked) and comes back as one N-Quads string that the driver bulk-loads into the store, a few
batches at a time. At most `2 × jobs` batches are in flight, so memory does not grow with the
corpus. A document no longer among the inputs has its named graph dropped (unless `prune=False`,
as `kg add` does).
"""

from __future__ import annotations

import bisect
import ctypes
import gc
import importlib
import importlib.util
import json
import multiprocessing
import os
import re
import shutil
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from . import iri, rdf
from .ingest import Skipped, count_documents, read_documents
from .model import PREDICATES, DocExtraction, Document, KgError
from .pages import LISTED_TYPES, derived_pages, page_changes
from .progress import BuildProgress
from .store import (
    DocRecord,
    GraphStore,
    document,
    documents,
    export,
    in_chunks,
    iri_terms,
    open_store,
    value,
)
from .vocab import KG, XSD, ontology_path

Extractor = Callable[[Document], DocExtraction]

GRAPH_TRIG = "graph.trig"
GRAPH_TTL = "graph.ttl"
EXTRACTIONS = "extractions.jsonl"
MANIFEST = "manifest.json"

BATCH_DOCS = 8  # documents per task: small, so a slow article does not hold the others back
IN_FLIGHT = 2  # batches per job submitted ahead of the one being loaded
LOAD_QUADS = 200_000  # quads gathered before one bulk load (about 40 MB of N-Quads)
SMALL_BUILD = 8  # fewer changed documents are extracted in this process (no pool to start)
WHOLE_GRAPH_DOCS = 100  # up to this many documents the build exports the graph and draws it whole
VIEW_DOCS = 25  # above it, the view shows the graphs of the latest VIEW_DOCS documents
INCREMENTAL_DOCS = 500  # up to this many changed documents, derive only for the people they name
OPTIMIZE_QUADS = 500_000  # compact the store after loading at least this many quads


@dataclass
class BuildReport:
    """What a build did: the figures `kg build` prints."""

    out: Path
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: int | None = None  # None: not counted (a small update of a large graph)
    triples: int | None = None
    quads_loaded: int = 0
    view: Path | None = None
    exported: bool = False

    def summary(self) -> str:
        types = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        return "\n".join(
            [
                f"documents: {len(self.built)} built, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed, {len(self.skipped)} skipped",
                f"entities: {types}",
                f"relations: {_figure(self.relations)}",
                f"triples: {_figure(self.triples)}",
            ]
        )


def _figure(count: int | None) -> str:
    return "not counted (small update of a large graph)" if count is None else str(count)


def default_extractor(doc: Document) -> DocExtraction:
    from .extract import extract_document

    return extract_document(doc)


def _require_extractor() -> None:
    if importlib.util.find_spec("kg.extract.pipeline") is None:
        raise KgError("the extractor (kg.extract.pipeline) is not installed in this checkout")


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc mallopt parameters


def release_large_buffers(threshold: int = 1 << 20) -> None:
    """Have glibc map every allocation of `threshold` bytes or more on its own and unmap it when
    freed. By default glibc raises that threshold to 32 MB once large blocks are freed, after
    which the build's chunks of N-Quads (tens of MB, allocated by one thread and freed by another)
    fragment the heap and the driver grows by a hundred MB over a long build. No-op elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(M_MMAP_THRESHOLD, threshold)
    libc.mallopt(M_TRIM_THRESHOLD, threshold)


def build_time() -> str:
    """`SOURCE_DATE_EPOCH` when set (reproducible builds), else now, as an xsd:dateTime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    except ValueError:
        raise KgError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


# ---------------------------------------------------------------- the map


@dataclass
class Batch:
    """What one task returns: its quads as N-Quads, UTF-8 encoded (Dask and process pools move
    bytes as they are, where a string is encoded by the worker's pickle and decoded by the driver's,
    and the store loads bytes), each document's extraction record as a JSON line,
    the people whose ranks or posts it states, and the documents the extractor failed on."""

    nquads: bytes
    quads: int
    records: list[str]
    holders: list[str]
    failed: list[Skipped]
    triples: bytes = b""  # the same statements as N-Triples, for the merged default graph


GC_THRESHOLDS = (50_000, 20, 100)  # while a batch is extracted (Python's default: 700, 10, 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic collector less often: extraction makes hundreds of thousands of short-lived
    objects and leaves no cycles behind, so the default thresholds collect for nothing (about 4 %
    of the extraction time). The previous thresholds come back after, whichever process ran it."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def extract_batch(docs: Sequence[Document], built_at: str, extractor: Extractor) -> Batch:
    """One task: extract each document (one bad document does not stop the batch)."""
    with fewer_collections():
        return _extract_batch(docs, built_at, extractor)


def _extract_batch(docs: Sequence[Document], built_at: str, extractor: Extractor) -> Batch:
    texts: list[str] = []
    triples: list[str] = []
    quads = 0
    holders: set[str] = set()
    records: list[str] = []
    failed: list[Skipped] = []
    for doc in docs:
        try:
            ex = extractor(doc)
            nquads = rdf.extraction_nquads(ex, built_at)
        except Exception as err:  # one bad document must not stop the build
            failed.append(Skipped(doc.source, f"extraction failed ({type(err).__name__}: {err})"))
            continue
        texts.append(nquads.text)
        triples.append(nquads.triples)
        quads += nquads.count
        holders.update(nquads.holders)
        records.append(json.dumps(_json_record(ex), ensure_ascii=False))
    text, merged = "".join(texts).encode("utf-8"), "".join(triples).encode("utf-8")
    return Batch(text, quads, records, sorted(holders), failed, merged)


def _json_record(ex: DocExtraction) -> dict[str, object]:
    record = ex.to_json()
    for entity, item in zip(ex.entities, record["entities"], strict=True):
        item["iri"] = item.get("iri") or str(rdf.entity_ref(entity))
    return record


def batches(docs: Iterable[Document], size: int = BATCH_DOCS) -> Iterator[list[Document]]:
    """Consecutive groups of `size` documents, read lazily."""
    it = iter(docs)
    while part := list(islice(it, size)):
        yield part


def default_jobs() -> int:
    """One process per core."""
    return os.cpu_count() or 1


class TaskResult(Protocol):
    def result(self) -> Batch: ...


Submit = Callable[[list[Document]], TaskResult]


def _done(batch: Batch) -> Future[Batch]:
    future: Future[Batch] = Future()
    future.set_result(batch)
    return future


@contextmanager
def in_process(built_at: str, extractor: Extractor) -> Iterator[Submit]:
    yield lambda docs: _done(extract_batch(docs, built_at, extractor))


@contextmanager
def process_pool(built_at: str, extractor: Extractor, jobs: int) -> Iterator[Submit]:
    """A local pool; forkserver, so workers do not inherit the driver's store handle."""
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield lambda docs: pool.submit(extract_batch, docs, built_at, extractor)


@contextmanager
def dask_cluster(
    built_at: str, extractor: Extractor, jobs: int, scheduler: str | None
) -> Iterator[Submit]:
    """The same map on Dask: a scheduler at `scheduler`, else a local cluster on 127.0.0.1."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KgError('--engine dask needs the Dask extra: pip install "kg[dask]"') from None

    def submitter(client: Any) -> Submit:
        return lambda docs: client.submit(extract_batch, docs, built_at, extractor, pure=False)

    if scheduler:
        with Client(scheduler) as client:
            yield submitter(client)
        return
    with (
        LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield submitter(client)


def open_engine(
    engine: str, jobs: int, scheduler: str | None, built_at: str, extractor: Extractor
) -> AbstractContextManager[Submit]:
    if engine == "dask":
        return dask_cluster(built_at, extractor, jobs, scheduler)
    if engine != "local":
        raise KgError(f"unknown engine {engine!r}: use local or dask")
    if scheduler:
        raise KgError("--scheduler needs --engine dask")
    if jobs <= 1:
        return in_process(built_at, extractor)
    return process_pool(built_at, extractor, jobs)


def run_map(
    parts: Iterable[list[Document]],
    submit: Submit,
    jobs: int,
    take: Callable[[list[Document], Batch], None],
) -> None:
    """Submit batches with at most `IN_FLIGHT × jobs` waiting, and hand each result to `take` in
    submission order (so the outputs do not depend on which worker was faster)."""
    pending: deque[tuple[list[Document], TaskResult]] = deque()
    for part in parts:
        pending.append((part, submit(part)))
        if len(pending) >= IN_FLIGHT * max(jobs, 1):
            docs, task = pending.popleft()
            take(docs, task.result())
    while pending:
        docs, task = pending.popleft()
        take(docs, task.result())


# ---------------------------------------------------------------- reading and planning


@dataclass
class _Inputs:
    """The documents read so far and the decisions taken on them."""

    store: GraphStore
    listed: dict[str, str]  # doc_id → content hash, from the last complete build's manifest
    rebuild: bool
    everything: bool  # read every record of the store at once (a build that removes documents)
    known: dict[str, DocRecord | None] = field(default_factory=dict)  # the store's records
    seen: dict[str, str] = field(default_factory=dict)  # doc_id → source
    hashes: dict[str, str] = field(default_factory=dict)  # doc_id → content hash, changed ones

    def __post_init__(self) -> None:
        if self.everything:
            self.known.update(documents(self.store))

    def record(self, doc_id: str) -> DocRecord | None:
        """The store's record of a document (one look-up each when not read at once)."""
        if not self.everything and doc_id not in self.known:
            self.known[doc_id] = document(self.store, doc_id)
        return self.known.get(doc_id)

    def unchanged(self, doc: Document, hashed: str) -> bool:
        if self.rebuild or self.listed.get(doc.doc_id) != hashed:
            return False
        record = self.record(doc.doc_id)
        return record is not None and record.content_hash == hashed


def _changed_documents(
    paths: Iterable[str | Path], inputs: _Inputs, report: BuildReport, progress: BuildProgress
) -> Iterator[Document]:
    """The documents to extract, in input order; the rest are counted as they are read."""
    for item in read_documents(paths):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            progress.say(str(item))
            continue
        if item.doc_id in inputs.seen:
            first = inputs.seen[item.doc_id]
            skipped = Skipped(item.source, f"same document id as {first}; rename one")
            report.skipped.append(skipped)
            progress.say(str(skipped))
            continue
        inputs.seen[item.doc_id] = item.source
        hashed = rdf.content_hash(item)
        if inputs.unchanged(item, hashed):
            report.unchanged.append(item.doc_id)
            progress.advance()
            continue
        inputs.hashes[item.doc_id] = hashed
        yield item


def _read_manifest(out: Path) -> dict[str, dict[str, str]]:
    """The manifest of the last build that finished: doc_id → source, graph, hash, time."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------- the build


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where extraction runs and which outputs are written."""

    jobs: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    rebuild: bool = False
    prune: bool = True
    export: bool | None = None  # None: graph.trig and graph.ttl for graphs of ≤ WHOLE_GRAPH_DOCS
    view: bool | None = None  # None: the whole graph when small, else after large builds only
    progress: bool | None = None  # None: a bar on a terminal, log lines on long builds


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    store_url: str | None = None,
    workers: int | None = None,
    *,
    jobs: int | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    dask: str | None = None,
    extractor: Extractor | None = None,
    rebuild: bool = False,
    prune: bool = True,
    export: bool | None = None,
    view: bool | None = None,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build (or bring up to date) the graph of `paths` in `out`, or in the store at `store_url`.

    `workers` is the older name of `jobs`; `dask="local"|ADDRESS` the older `engine="dask"`
    (with `scheduler=ADDRESS`).
    """
    if dask is not None:
        engine = engine or "dask"
        scheduler = scheduler or (None if dask == "local" else dask)
    options = BuildOptions(
        jobs=jobs or workers,
        engine=engine or ("dask" if scheduler else "local"),
        scheduler=scheduler,
        rebuild=rebuild,
        prune=prune,
        export=export,
        view=view,
        progress=progress,
    )
    release_large_buffers()
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    say = log or (lambda message: print(message, file=sys.stderr))
    store = open_store(store_url or out_dir)
    try:
        report = _Run(store, out_dir, options, extractor, say).execute(paths)
    finally:
        store.close()
    return report


class _Run:
    """One build: the stream from inputs to store, and the outputs written after it."""

    def __init__(
        self,
        store: GraphStore,
        out: Path,
        options: BuildOptions,
        extractor: Extractor | None,
        say: Callable[[str], None],
    ) -> None:
        self.store, self.out, self.options, self.say = store, out, options, say
        self.extractor = extractor
        self.report = BuildReport(out=out)
        self.manifest = _read_manifest(out)
        listed = {k: str(v.get("content_hash", "")) for k, v in self.manifest.items()}
        self.inputs = _Inputs(store, listed, options.rebuild, everything=options.prune)
        self.records = _Records(out / EXTRACTIONS)
        self.loader = _Loader(store)
        self.built_at = build_time()
        self.affected = _Affected()
        self.dropped: set[str] = set()  # doc_ids whose extraction records are gone
        self.graphs_dropped = 0
        self.total_docs = 0

    def execute(self, paths: Iterable[str | Path]) -> BuildReport:
        paths = list(paths)
        with BuildProgress(count_documents(paths), self.options.progress, self.say) as progress:
            self.progress = progress
            changed = _changed_documents(paths, self.inputs, self.report, progress)
            head = list(islice(changed, SMALL_BUILD))
            if head and self.extractor is None:
                _require_extractor()
            jobs = self.options.jobs or (default_jobs() if len(head) >= SMALL_BUILD else 1)
            engine = self.options.engine
            try:
                if head:
                    with open_engine(
                        engine, jobs, self.options.scheduler, self.built_at, self._extractor()
                    ) as submit:
                        run_map(batches(chain(head, changed)), submit, jobs, self._take)
                self.loader.flush()
            finally:
                self.loader.close()
        if not self.inputs.seen:
            raise KgError("no readable article among the inputs; nothing was built or removed")
        self._remove_missing()
        self._finish()
        return self.report

    def _extractor(self) -> Extractor:
        return self.extractor or default_extractor

    def _take(self, docs: list[Document], batch: Batch) -> None:
        """One batch back: its documents' old graphs out, its quads into the load buffer."""
        self._drop([r for d in docs if (r := self.inputs.record(d.doc_id)) is not None])
        self.loader.add(batch.nquads, batch.quads, batch.triples)
        self.records.add(batch.records)
        failed = {f.source for f in batch.failed}
        for item in batch.failed:
            self.progress.say(str(item))
        self.report.skipped.extend(batch.failed)
        self.report.built.extend(d.doc_id for d in docs if d.source not in failed)
        self.dropped.update(d.doc_id for d in docs if d.doc_id in self.manifest)
        self._note_affected(batch.holders)
        self.progress.advance(len(docs))

    def _note_affected(self, people: Iterable[str]) -> None:
        if len(self.report.built) > INCREMENTAL_DOCS:
            self.affected.everyone = True  # a large build derives for everyone at the end
        if not self.affected.everyone:
            self.affected.people.update(people)

    def _drop(self, records: list[DocRecord]) -> None:
        if not records:
            return
        if not self.affected.everyone:
            graphs = [r.graph for r in records]
            people, tenures = _tenures_in(self.store, graphs)
            self._note_affected(people)
            self.affected.stale.update(tenures)
            self.affected.note_listed(listed_in(self.store, graphs))
        # Quads waiting in the loader are other documents' or these documents' new ones: dropping
        # first and loading them after keeps the default graph the merge of the named graphs. A
        # chunk being loaded finishes first: a drop deciding which statements no other graph
        # states must not race a load adding them.
        self.loader.wait()
        self.store.drop_graphs(r.graph for r in records)
        self.graphs_dropped += len(records)

    def _remove_missing(self) -> None:
        if not self.options.prune:
            return
        known = sorted(self.inputs.known.items())
        gone = [r for doc_id, r in known if r is not None and doc_id not in self.inputs.seen]
        self._drop(gone)
        self.report.removed = [r.doc_id for r in gone]
        self.dropped.update(r.doc_id for r in gone)

    def _finish(self) -> None:
        """Ontology, derived statements, then the files beside the store. A large build is
        compacted meanwhile, on a thread of its own (Oxigraph releases the GIL): compaction keeps
        one core busy for half a minute at 10,000 articles, the rest of the work here the other."""
        report, store = self.report, self.store
        report.quads_loaded = self.loader.loaded
        changed = bool(report.built or self.graphs_dropped)
        load_ontology(store)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-compact") as compactor:
            compacting = (
                compactor.submit(store.optimize) if self.loader.loaded >= OPTIMIZE_QUADS else None
            )
            if changed:
                self._derive()
            self._write_outputs(changed)
            if compacting is not None:
                compacting.result()

    def _derive(self) -> None:
        store, affected = self.store, self.affected
        if affected.everyone:
            derive(store)
            return
        built = [iri.graph_iri(doc_id) for doc_id in self.report.built]
        affected.note_listed(listed_in(store, built))
        derive(store, sorted(affected.people), sorted(affected.stale), affected.listed)

    def _write_outputs(self, changed: bool) -> None:
        """extractions.jsonl, the manifest, the exports, the counts and the view."""
        report, store = self.report, self.store
        manifest = self._manifest()
        self.total_docs = len(manifest)
        self.records.finish(self.dropped)
        _write_manifest(self.out / MANIFEST, manifest)
        whole = self.total_docs <= WHOLE_GRAPH_DOCS
        export_wanted = self.options.export if self.options.export is not None else whole
        if export_wanted:
            export(store, self.out / GRAPH_TRIG, "trig")
            export(store, self.out / GRAPH_TTL, "turtle")
            report.exported = True
        elif self.options.export is None:
            _remove_stale_exports(self.out, self.say, self.total_docs)
        large_build = len(report.built) >= WHOLE_GRAPH_DOCS
        _count_graph(store, report, whole or large_build)
        view_wanted = (
            self.options.view
            if self.options.view is not None
            else (report.exported and whole) or large_build
        )
        if view_wanted:
            report.view = _write_view(self.out, store, self.total_docs, self.say)
        elif self.options.view is None and changed:
            self.say(
                f"view not redrawn for {len(report.built)} changed documents (--view draws it)"
            )

    def _manifest(self) -> dict[str, dict[str, str]]:
        """The previous manifest, less the documents dropped, plus those built now."""
        kept = {k: v for k, v in self.manifest.items() if k not in self.dropped}
        failed = {f.source for f in self.report.skipped}
        for doc_id in self.report.built:
            source = self.inputs.seen[doc_id]
            if source in failed:
                continue
            kept[doc_id] = {
                "source": source,
                "graph": iri.graph_iri(doc_id),
                "content_hash": self.inputs.hashes[doc_id],
                "built_at": self.built_at,
            }
        if not self.options.prune:
            return kept
        return {k: v for k, v in kept.items() if k in self.inputs.seen}


def _write_manifest(path: Path, manifest: dict[str, dict[str, str]]) -> None:
    """doc_id → source, graph, content hash, build time; written last, so it lists only what a
    finished build put in the store (a build cut short re-extracts what it had loaded)."""
    temporary = path.with_suffix(".json.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write("{")
        for i, doc_id in enumerate(sorted(manifest)):
            entry = json.dumps(manifest[doc_id], ensure_ascii=False)
            handle.write(f"{',' if i else ''}\n {json.dumps(doc_id, ensure_ascii=False)}: {entry}")
        handle.write("\n}\n")
    os.replace(temporary, path)


def _remove_stale_exports(out: Path, say: Callable[[str], None], docs: int) -> None:
    stale = [out / name for name in (GRAPH_TRIG, GRAPH_TTL) if (out / name).exists()]
    for path in stale:
        path.unlink()
    say(
        f"graph.trig and graph.ttl not written: {docs:,} documents is over "
        f"{WHOLE_GRAPH_DOCS:,}; query the store, or write them with --export or `kg export`"
    )


@dataclass
class _Affected:
    """Whose derived statements a build must redo: the people whose tenures it added or dropped,
    and the dropped tenures themselves; everyone after a large build."""

    people: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)
    everyone: bool = False
    listed: dict[str, set[str]] = field(default_factory=dict)  # listing → items stated

    def note_listed(self, listed: dict[str, set[str]]) -> None:
        for name, items in listed.items():
            self.listed.setdefault(name, set()).update(items)


_HOLDERS = "SELECT ?tenure ?person WHERE { GRAPH %s { ?tenure kg:holder ?person } }"


_LISTED = """
SELECT ?item ?kind WHERE { GRAPH %s {
  { VALUES ?kind { kg:Person kg:Event kg:Agreement } ?item a ?kind }
  UNION { ?item rdf:predicate ?p FILTER(?p IN (kg:met, kg:received)) BIND("contacts" AS ?kind) } } }"""


def listed_in(store: GraphStore, graphs: list[str]) -> dict[str, set[str]]:
    """listing name → the items of that listing these document graphs state something about."""
    names = {str(cls): name for name, cls in LISTED_TYPES.items()} | {"contacts": "contacts"}
    listed: dict[str, set[str]] = {}
    for graph in graphs:
        for item, kind in store.select(_LISTED % ox.NamedNode(graph)).rows:
            listed.setdefault(names[value(kind)], set()).add(value(item))
    return listed


def _tenures_in(store: GraphStore, graphs: list[str]) -> tuple[set[str], set[str]]:
    """(people, tenures): the ranks and posts these document graphs state, and whose."""
    people: set[str] = set()
    tenures: set[str] = set()
    for graph in graphs:
        for tenure, person in store.select(_HOLDERS % ox.NamedNode(graph)).rows:
            tenures.add(value(tenure))
            people.add(value(person))
    return people, tenures


class _Loader:
    """Gathers N-Quads from batches and bulk-loads them, in chunks of about LOAD_QUADS quads, on a
    thread of its own: Oxigraph releases the GIL while it loads, so the driver keeps collecting
    batches and the workers keep extracting meanwhile. One chunk loads while the next gathers."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.parts: list[bytes] = []
        self.merged: list[bytes] = []
        self.waiting = 0
        self.loaded = 0
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load")
        self.loading: Future[None] | None = None

    def add(self, nquads: bytes, quads: int, triples: bytes) -> None:
        """A batch's quads, and the same statements as N-Triples (the worker wrote both)."""
        if nquads:
            self.parts.append(nquads)
            self.merged.append(triples)
            self.waiting += quads
        if self.waiting >= LOAD_QUADS:
            self._send()

    def _send(self) -> None:
        self.wait()
        if self.parts:
            nquads = b"".join(self.parts)
            # A part without its N-Triples (a batch from an older worker) makes the store derive them.
            merged = _distinct_lines(self.merged) if all(self.merged) else None
            self.loading = self.thread.submit(self.store.load_nquads, nquads, merged)
        self.loaded += self.waiting
        self.parts, self.merged, self.waiting = [], [], 0

    def wait(self) -> None:
        """Until the chunk being loaded is in the store (its error, if any, is raised here)."""
        if self.loading is not None:
            loading, self.loading = self.loading, None
            loading.result()

    def flush(self) -> None:
        """Everything gathered so far into the store."""
        self._send()
        self.wait()

    def close(self) -> None:
        self.thread.shutdown(wait=True)


def _distinct_lines(parts: list[bytes]) -> bytes:
    """The lines of these parts, each once: the documents of a chunk describe the same people,
    places and agencies again and again, and half of their merged-graph statements repeat."""
    return b"\n".join(dict.fromkeys(b"".join(parts).split(b"\n")))


_DOC_ID = re.compile(r'^\{"doc_id": "([^"\\]*)"')


class _Records:
    """extractions.jsonl, written as batches arrive: new records go to a side file, which is
    appended to the previous file, or merged with what is kept of it, when the build ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fresh_path = path.with_suffix(".jsonl.new")
        self.fresh = self.fresh_path.open("w", encoding="utf-8")
        self.count = 0

    def add(self, lines: list[str]) -> None:
        for line in lines:
            self.fresh.write(line + "\n")
        self.count += len(lines)

    def finish(self, dropped: set[str]) -> None:
        self.fresh.close()
        if not self.path.is_file():
            os.replace(self.fresh_path, self.path)
            return
        if not dropped:
            with self.path.open("ab") as target, self.fresh_path.open("rb") as source:
                shutil.copyfileobj(source, target)
            self.fresh_path.unlink()
            return
        merged = self.path.with_suffix(".jsonl.tmp")
        with merged.open("w", encoding="utf-8") as target:
            with self.path.open(encoding="utf-8") as old:
                for line in old:
                    match = _DOC_ID.match(line)
                    if match is None or match[1] not in dropped:
                        target.write(line)
            with self.fresh_path.open(encoding="utf-8") as fresh:
                shutil.copyfileobj(fresh, target)
        os.replace(merged, self.path)
        self.fresh_path.unlink()


# ---------------------------------------------------------------- figures


_ENTITY_COUNTS = """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:entityType ?type } GROUP BY ?type"""
# Every relation is stated directly and reified by its assertions; the direct statements are
# counted (an index scan of the merged graph, where counting distinct assertions joins them all).
_RELATION_COUNT = f"""
SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {" ".join(f"kg:{p}" for p in PREDICATES)} }} ?s ?p ?o }}"""


def _count_graph(store: GraphStore, report: BuildReport, full: bool) -> None:
    """The report's figures: entities always; relations and statements only when `full` (they
    scan the whole graph, seconds on large ones: not worth it after adding a few articles)."""
    for row in store.select(_ENTITY_COUNTS).rows:
        report.entities[value(row[0])] = int(value(row[1]))
    if full:
        report.triples = store.triples()
        report.relations = int(value(store.select(_RELATION_COUNT).rows[0][0]) or 0)


ONTOLOGY_GRAPH = iri.BASE + "graph/ontology"


def load_ontology(store: GraphStore) -> None:
    """Put ontology/kg.ttl in the graph `kgr:graph/ontology`, replacing the previous copy (left
    alone when it is the same)."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    triples = ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    lines = {f"{ox.Quad(t.subject, t.predicate, t.object, graph)} .\n" for t in triples}
    if lines == {f"{q} .\n" for q in store.quads_in(ONTOLOGY_GRAPH)}:
        return
    nquads = "".join(sorted(lines))
    store.drop_graphs([ONTOLOGY_GRAPH])
    store.load_nquads(nquads)


def _write_view(out: Path, store: GraphStore, docs: int, say: Callable[[str], None]) -> Path | None:
    """The HTML view (kg.render): the whole graph when it is small, else the graph of the latest
    VIEW_DOCS documents read from the store. A failing view does not fail the build."""
    try:
        render = importlib.import_module("kg.render")
    except ModuleNotFoundError as err:
        if err.name != "kg.render":
            raise
        return None
    try:
        if docs <= WHOLE_GRAPH_DOCS and (out / GRAPH_TRIG).is_file():
            result = render.write_view(out)
        else:
            result = _latest_view(render, out, store, docs)
            say(
                f"view: the graph of the latest {min(VIEW_DOCS, docs):,} of {docs:,} documents "
                "(too large to draw whole); query the store for the rest"
            )
    except Exception as err:  # the graph is built; a failing view must not undo that
        say(f"view not written: {type(err).__name__}: {err}")
        return None
    return Path(result) if result is not None else None


_LATEST = """
SELECT ?g WHERE { GRAPH ?g { ?d a kg:Document . OPTIONAL { ?d schema:datePublished ?on } } }
ORDER BY DESC(?on) ?g LIMIT %d"""


def _latest_view(render: Any, out: Path, store: GraphStore, docs: int) -> Path:
    from rdflib import Dataset

    from . import analyze

    graphs = [value(row[0]) for row in store.select(_LATEST % VIEW_DOCS).rows]
    graphs.append(ONTOLOGY_GRAPH)
    lines = [f"{q} .\n" for g in graphs for q in store.quads_in(g)]
    dataset = Dataset()
    dataset.parse(data="".join(lines), format="nquads")
    title = f"Đồ thị tri thức — {out.name} ({min(VIEW_DOCS, docs):,} bài mới nhất / {docs:,})"
    path: Path = render.render(analyze.to_networkx(dataset), out / render.VIEW_FILE, title=title)
    return path


# ---------------------------------------------------------------- derived statements

DERIVED_GRAPH = iri.BASE + "graph/derived"
_TENURES = """
SELECT ?tenure ?person ?kind ?on WHERE {
  VALUES ?kind { kg:RankTenure kg:PostTenure }
  GRAPH ?g { ?tenure a ?kind ; kg:holder ?person ; kg:statedOn ?on }
  FILTER(DATATYPE(?on) = xsd:date)
}"""
# The tenures of some people, each with what the derived graph says of it now (`?old`).
_TENURES_OF = """
SELECT ?tenure ?person ?kind ?on ?old WHERE {
  GRAPH ?g { VALUES ?person { %(terms)s } ?tenure kg:holder ?person ; a ?kind ; kg:statedOn ?on }
  FILTER(DATATYPE(?on) = xsd:date)
  OPTIONAL { GRAPH <%(g)s> { ?tenure kg:supersededOn ?old } }
}"""
_CLEAR_TENURES = """
DELETE { GRAPH <%(g)s> { ?tenure kg:supersededOn ?on } }
WHERE { VALUES ?tenure { %(terms)s } GRAPH <%(g)s> { ?tenure kg:supersededOn ?on } }"""


def superseded(rows: Sequence[Sequence[str]]) -> dict[str, str]:
    """tenure → the next later date on which the same kind is stated about the same person."""
    dates: dict[tuple[str, str], set[str]] = {}
    for _, person, kind, on in rows:
        dates.setdefault((person, kind), set()).add(on)
    ordered = {key: sorted(values) for key, values in dates.items()}
    found: dict[str, str] = {}
    for tenure, person, kind, on in rows:
        later = ordered[(person, kind)]
        at = bisect.bisect_right(later, on)
        if at < len(later):
            found[tenure] = later[at]
    return found


def derive(
    store: GraphStore,
    people: Sequence[str] | None = None,
    stale: Sequence[str] = (),
    listed: dict[str, set[str]] | None = None,
) -> None:
    """Rewrite `kgr:graph/derived`: each tenure's `kg:supersededOn`, so "rank at a date" is a
    filter rather than a negation over every document (Oxigraph evaluates those slowly).

    With `people`, only their tenures are derived again (an incremental build): a tenure is
    superseded only by later tenures of the same person, so nobody else's can change; `stale`
    names tenures the build dropped, whose statements go too; `listed` the items of each listing
    the changed documents state something about (`listed_in`), whose pages (`kg.pages`) are laid
    out again.
    """
    if people is None:
        rows = list(store.values(_TENURES))
        pages = "".join(derived_pages(store, DERIVED_GRAPH))
        store.drop_graphs([DERIVED_GRAPH])
        store.load_nquads(_derived_nquads(rows) + pages)
        return
    for chunk in in_chunks(stale):
        store.update(_CLEAR_TENURES % {"g": DERIVED_GRAPH, "terms": iri_terms(chunk)})
    for chunk in in_chunks(people):
        rows = list(store.values(_TENURES_OF % {"g": DERIVED_GRAPH, "terms": iri_terms(chunk)}))
        _rederive(store, rows)
    changes = page_changes(store, DERIVED_GRAPH, listed or {})
    for update in _delete_data(changes.removed):
        store.update(update)
    store.load_nquads("".join(changes.added))


def _rederive(store: GraphStore, rows: Sequence[Sequence[str]]) -> None:
    """Bring the `kg:supersededOn` of these tenures (all those of their holders) up to date,
    writing only what changed: a person named in thousands of articles has thousands of tenures,
    and one new article moves the end of one or two of them."""
    now = superseded([row[:4] for row in rows])
    before: dict[str, set[str]] = {}
    for tenure, _, _, _, old in rows:
        if old:
            before.setdefault(tenure, set()).add(old)
    gone = {(t, on) for t, olds in before.items() for on in olds if now.get(t) != on}
    added = {(t, on) for t, on in now.items() if on not in before.get(t, set())}
    for update in _delete_data([_superseded_line(t, on) for t, on in sorted(gone)], merged=False):
        store.update(update)
    store.load_nquads("".join(_superseded_line(t, on) for t, on in sorted(added)))


def _delete_data(lines: Sequence[str], merged: bool = True) -> Iterator[str]:
    """DELETE DATA updates for N-Quads lines of derived statements (no IRI or literal of theirs
    holds a space), and, when `merged`, for their copies in the default graph (the pages'
    statements have one, and no other graph states them; provenance such as `kg:supersededOn`
    has none)."""
    for chunk in in_chunks(lines):
        statements = [line.rsplit(" ", 2) for line in chunk]
        quads = " ".join(f"GRAPH {graph} {{ {triple} . }}" for triple, graph, _ in statements)
        triples = " ".join(f"{triple} ." for triple, _, _ in statements) if merged else ""
        yield f"DELETE DATA {{ {quads} {triples} }}"


def _superseded_line(tenure: str, on: str) -> str:
    """`<tenure> kg:supersededOn "on"^^xsd:date` in the derived graph, as an N-Quads line."""
    return f'<{tenure}> <{KG.supersededOn}> "{on}"^^<{XSD.date}> <{DERIVED_GRAPH}> .\n'


def _derived_nquads(rows: Sequence[Sequence[str]]) -> str:
    """`<tenure> kg:supersededOn "date"` for each superseded tenure."""
    return "".join(sorted(_superseded_line(t, on) for t, on in superseded(rows).items()))
