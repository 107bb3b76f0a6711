"""The loader: the batches' N-Quads into the store in bulk, on a thread of its own, and the
ontology graph beside them."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

import pyoxigraph as ox

from ..iri import ONTOLOGY_GRAPH
from ..store import GraphStore, remove_stale
from ..vocab import ontology_path

LOAD_QUADS = 200_000  # quads gathered before one bulk load (about 40 MB of N-Quads)
OPTIMIZE_QUADS = 50_000  # compact the store after loading at least this many quads (reads of an
# uncompacted store of a few hundred articles are several times slower)
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc mallopt parameters


def release_large_buffers(threshold: int = 1 << 20) -> None:
    """Have glibc map every allocation of `threshold` bytes or more on its own and unmap it when
    freed. By default glibc raises that threshold once large blocks are freed, after which the
    build's chunks of N-Quads (allocated by one thread and freed by another) fragment the heap and
    the driver keeps growing over a long build. No-op elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(M_MMAP_THRESHOLD, threshold)
    libc.mallopt(M_TRIM_THRESHOLD, threshold)


class Loader:
    """Gathers N-Quads from batches and bulk-loads them, in chunks of about LOAD_QUADS quads, on a
    thread of its own: Oxigraph releases the GIL while it loads, so the driver keeps collecting
    batches and the workers keep extracting meanwhile. One chunk loads while the next gathers.
    A document graph being replaced gets its new quads first; its old ones leave after, in one
    transaction (`remove_stale`), so no document is ever missing from the store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.parts: list[bytes] = []
        self.merged: list[bytes] = []
        self.replacing: set[str] = set()
        self.waiting = 0
        self.loaded = 0
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load")
        self.loading: Future[None] | None = None

    def add(self, nquads: bytes, quads: int, triples: bytes, replacing: Iterable[str] = ()) -> None:
        """A batch's quads, and the same statements as N-Triples (the worker wrote both);
        `replacing`: the stored graphs among them whose old quads must leave once these load."""
        if nquads:
            self.parts.append(nquads)
            self.merged.append(triples)
            self.replacing.update(replacing)
            self.waiting += quads
        if self.waiting >= LOAD_QUADS:
            self._send()

    def _send(self) -> None:
        self.wait()
        if self.parts:
            nquads = b"".join(self.parts)
            # A part without its N-Triples (a batch from an older worker) makes the store derive them.
            merged = _distinct_lines(self.merged) if all(self.merged) else None
            self.loading = self.thread.submit(self._load, nquads, merged, self.replacing)
        self.loaded += self.waiting
        self.parts, self.merged, self.replacing, self.waiting = [], [], set(), 0

    def _load(self, nquads: bytes, merged: bytes | None, replacing: set[str]) -> None:
        self.store.load_nquads(nquads, merged)
        if replacing:
            remove_stale(self.store, nquads, replacing)

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
    places and agencies again and again, and many of their merged-graph statements repeat."""
    return b"\n".join(dict.fromkeys(b"".join(parts).split(b"\n")))


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
