"""Build: articles in, a queryable graph out, incrementally and in bounded memory.

The build streams: documents are read one at a time and those whose content changed are planned
for extraction (`plan`), grouped in small batches, each batch is extracted by a worker (`worker`)
on an engine (`engines`: this process, a local process pool, or Dask) and comes back as one
N-Quads string that the driver bulk-loads into the store (`loader`). At most `IN_FLIGHT × jobs`
batches are in flight, so memory does not grow with the corpus. A document no longer among the
inputs has its named graph dropped (unless `prune=False`, as `kg add` does). After the stream come
the derived statements (`kg.derive`), then the files beside the store and the counts (`outputs`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from .. import iri
from ..derive import Affected, derive, listed_in, tenures_in
from ..ingest import count_documents
from ..model import Document, KgError
from ..progress import BuildProgress
from ..store import DocRecord, GraphStore, open_store
from .engines import SMALL_BUILD, batches, default_jobs, open_engine, run_map
from .loader import OPTIMIZE_QUADS, Loader, load_ontology, release_large_buffers
from .outputs import EXTRACTIONS, Records, Wanted, write_outputs
from .plan import (
    MANIFEST,
    Inputs,
    build_time,
    changed_documents,
    next_manifest,
    read_manifest,
    write_manifest,
)
from .report import BuildReport
from .worker import Batch, Extractor, default_extractor, require_extractor

__all__ = ["BuildOptions", "BuildReport", "build"]

INCREMENTAL_DOCS = 500  # up to this many changed documents, derive only for the people they name


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where extraction runs and which outputs are written."""

    jobs: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    rebuild: bool = False
    prune: bool = True
    outputs: Wanted = field(default_factory=Wanted)
    progress: bool | None = None  # None: a bar on a terminal, log lines on long builds


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    store_url: str | None = None,
    *,
    jobs: int | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    extractor: Extractor | None = None,
    rebuild: bool = False,
    prune: bool = True,
    export: bool | None = None,
    view: bool | None = None,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build (or bring up to date) the graph of `paths` in `out`, or in the store at `store_url`;
    `log` takes the messages (skipped inputs, notes), printed on stderr by default."""
    options = BuildOptions(
        jobs=jobs,
        engine=engine or ("dask" if scheduler else "local"),
        scheduler=scheduler,
        rebuild=rebuild,
        prune=prune,
        outputs=Wanted(export=export, view=view),
        progress=progress,
    )
    release_large_buffers()
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    say = log or (lambda message: print(message, file=sys.stderr))
    store = open_store(store_url or out_dir)
    try:
        report = _Run(store, out_dir, options, extractor or default_extractor, say).execute(paths)
    finally:
        store.close()
    return report


class _Run:
    """One build: the stream from inputs to store, and what is made after it."""

    def __init__(
        self,
        store: GraphStore,
        out: Path,
        options: BuildOptions,
        extractor: Extractor,
        say: Callable[[str], None],
    ) -> None:
        self.store, self.out, self.options, self.say = store, out, options, say
        self.extractor = extractor
        self.report = BuildReport(out=out)
        self.manifest = read_manifest(out)
        listed = {k: str(v.get("content_hash", "")) for k, v in self.manifest.items()}
        self.inputs = Inputs(store, listed, options.rebuild, everything=options.prune)
        self.records = Records(out / EXTRACTIONS)
        self.loader = Loader(store)
        self.built_at = build_time()
        self.affected = Affected()
        self.dropped: set[str] = set()  # doc_ids whose extraction records are gone
        self.graphs_dropped = 0

    def execute(self, paths: Iterable[str | Path]) -> BuildReport:
        paths = list(paths)
        with BuildProgress(count_documents(paths), self.options.progress, self.say) as progress:
            self.progress = progress
            changed = changed_documents(paths, self.inputs, self.report, progress)
            head = list(islice(changed, SMALL_BUILD))
            try:
                if head:
                    self._extract(chain(head, changed), len(head) >= SMALL_BUILD)
                self.loader.flush()
            finally:
                self.loader.close()
        if not self.inputs.seen:
            self.records.discard()
            raise KgError("no readable article among the inputs; nothing was built or removed")
        self._remove_missing()
        self._finish()
        return self.report

    def _extract(self, docs: Iterable[Document], many: bool) -> None:
        """The map: batches of `docs` extracted on the engine, each taken as it comes back."""
        if self.extractor is default_extractor:
            require_extractor()
        jobs = self.options.jobs or (default_jobs() if many else 1)
        engine, scheduler = self.options.engine, self.options.scheduler
        with open_engine(engine, jobs, scheduler, self.built_at, self.extractor) as submit:
            run_map(batches(docs), submit, jobs, self._take)

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
        self._note_people(batch.holders)
        self.progress.advance(len(docs))

    def _note_people(self, people: Iterable[str]) -> None:
        if len(self.report.built) > INCREMENTAL_DOCS:
            self.affected.everyone = True  # a large build derives for everyone at the end
        self.affected.note_people(set(people))

    def _drop(self, records: list[DocRecord]) -> None:
        if not records:
            return
        if not self.affected.everyone:
            graphs = [r.graph for r in records]
            people, tenures = tenures_in(self.store, graphs)
            self._note_people(people)
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
        gone = self.inputs.missing()
        self._drop(gone)
        self.report.removed = [r.doc_id for r in gone]
        self.dropped.update(r.doc_id for r in gone)

    def _finish(self) -> None:
        """Ontology, derived statements, then the files beside the store. A large build is
        compacted meanwhile, on a thread of its own (Oxigraph releases the GIL): compaction keeps
        one core busy, the rest of the work here the other."""
        self.report.quads_loaded = self.loader.loaded
        changed = bool(self.report.built or self.graphs_dropped)
        load_ontology(self.store)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-compact") as compactor:
            large = self.loader.loaded >= OPTIMIZE_QUADS
            compacting = compactor.submit(self.store.optimize) if large else None
            if changed:
                self._derive()
            self._write_files(changed)
            if compacting is not None:
                compacting.result()

    def _derive(self) -> None:
        if not self.affected.everyone:
            built = [iri.graph_iri(doc_id) for doc_id in self.report.built]
            self.affected.note_listed(listed_in(self.store, built))
        derive(self.store, self.affected)

    def _write_files(self, changed: bool) -> None:
        """extractions.jsonl, the manifest, then the exports, the counts and the view."""
        manifest = next_manifest(
            self.manifest,
            self.dropped,
            self.report,
            self.inputs,
            self.built_at,
            self.options.prune,
        )
        self.records.finish(self.dropped)
        write_manifest(self.out / MANIFEST, manifest)
        wanted = self.options.outputs
        write_outputs(self.store, self.out, self.report, wanted, len(manifest), changed, self.say)
