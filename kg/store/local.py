"""The embedded store: Oxigraph on disk (RocksDB), written with bulk loads."""

from __future__ import annotations

import errno
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from ..iri import BASE
from ..model import KgError
from ..ntriples import unescape
from ..sparql import evaluate, one_line
from ..vocab import PREFIXES, in_merged_graph
from .base import COUNT_TRIPLES, Bindings, Table, quad_order, value

COMPACTION_THREADS = "rocksdb:low"  # how RocksDB names its compaction threads (Linux)
COMPACTION_NICE = 19  # the lowest CPU priority
T = TypeVar("T")


def yield_compaction(tasks: Path = Path("/proc/self/task")) -> int:
    """Give RocksDB's compaction threads the lowest CPU priority, as RocksDB's own
    `Env::LowerThreadPoolCPUPriority` would (pyoxigraph does not expose it); how many there are.

    Each bulk load lands as new files that overlap the store, and RocksDB merges them in the
    background. On a busy machine those merges would otherwise take a core from the extraction
    workers for every chunk loaded (docs/BENCHMARKS.md has the share of the driver's CPU time);
    at the lowest priority they run on what the workers leave, merge more files at once, and so
    rewrite the store fewer times. The final compaction (`optimize`) still merges everything, so
    queries find the store as compact as before. The price: starved of CPU, the merges fall behind
    until RocksDB stops taking files (36 unmerged in one column family) and one thread merges while
    the loader waits, about once per 10,000 articles (docs/BENCHMARKS.md).
    Linux only (thread names under /proc); elsewhere a no-op. A thread's priority cannot be raised
    again without privileges, so the threads stay at it for the life of the process."""
    if not hasattr(os, "setpriority") or not tasks.is_dir():
        return 0
    count = 0
    for task in tasks.iterdir():
        try:
            if not (task / "comm").read_text().startswith(COMPACTION_THREADS):
                continue
            tid = int(task.name)
            if os.getpriority(os.PRIO_PROCESS, tid) < COMPACTION_NICE:
                os.setpriority(os.PRIO_PROCESS, tid, COMPACTION_NICE)
            count += 1
        except (OSError, ValueError):  # the thread ended meanwhile, or the OS refused
            continue
    return count


class LocalStore:
    """On-disk Oxigraph via pyoxigraph; queries see the union of the named graphs by default."""

    def __init__(self, path: Path | None, read_only: bool = False) -> None:
        """The store in folder `path`, or one in memory when `path` is None."""
        self.path = path
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except (OSError, RuntimeError) as err:
            raise KgError(open_error(path, err)) from None

    @classmethod
    def around(cls, store: ox.Store) -> LocalStore:
        """An Oxigraph store opened elsewhere (by oxrdflib, say), read through this interface;
        closing it leaves the store open."""
        local = cls.__new__(cls)
        local.path, local.read_only, local._store = None, True, store
        return local

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def select(self, sparql: str, bindings: Bindings | None = None) -> Table:
        def table(result: object) -> Table:
            if not isinstance(result, ox.QuerySolutions):
                raise KgError("the query is not a SELECT query")
            columns = [v.value for v in result.variables]
            return Table(columns, [[solution[c] for c in columns] for solution in result])

        return self._run(sparql, bindings, table)

    def ask(self, sparql: str) -> bool:
        return self._run(sparql, None, bool)

    def values(self, sparql: str) -> Iterator[list[str]]:
        """Through Oxigraph's TSV results (written in Rust; tabs and newlines in literals are
        escaped there) into a temporary file, read back line by line: memory holds one row,
        however many the query gives."""

        with tempfile.TemporaryFile() as file:

            def spool(result: object) -> None:
                if not isinstance(result, ox.QuerySolutions):
                    raise KgError("the query is not a SELECT query")
                result.serialize(file, ox.QueryResultsFormat.TSV)

            self._run(sparql, None, spool)
            file.seek(0)
            lines = io.TextIOWrapper(file, encoding="utf-8", newline="\n")
            next(lines, None)  # the header
            for line in lines:
                line = line.rstrip("\n")
                if line:
                    yield [_tsv_value(cell) for cell in line.split("\t")]

    def _run(self, sparql: str, bindings: Bindings | None, collect: Callable[[object], T]) -> T:
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        return evaluate(
            lambda: self._store.query(sparql, prefixes=PREFIXES, substitutions=subs or None),
            sparql,
            collect,
        )

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove named graphs, and their statements from the default graph unless another
        named graph still states them."""
        for graph in graphs:
            name = ox.NamedNode(graph)
            if not self._store.contains_named_graph(name):
                continue
            triples = [q.triple for q in self._store.quads_for_pattern(None, None, None, name)]
            self._store.remove_graph(name)
            for t in triples:
                if not self._stated_elsewhere(t):
                    self._store.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        self._store.flush()

    def _stated_elsewhere(self, t: ox.Triple) -> bool:
        for quad in self._store.quads_for_pattern(t.subject, t.predicate, t.object, None):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                return True
        return False

    def load_nquads(self, nquads: str | bytes, merged: bytes | None = None) -> None:
        """Bulk-load quads into their named graphs, and the merged graph's statements among them
        (`vocab.in_merged_graph`) into the default graph.
        Leniently: the data is kg's own, its IRIs minted valid (kg.iri) and its literals escaped
        (kg.rdf), so the parser need not check them again.
        Not flushed: a bulk load writes files that RocksDB takes in whole, durable without a
        flush, and a flush would wait until merging has brought the store's unmerged files under
        RocksDB's slowdown threshold, with the extraction workers idle meanwhile."""
        if not nquads:
            return
        data = nquads.encode("utf-8") if isinstance(nquads, str) else nquads
        yield_compaction()
        self._store.bulk_load(data, ox.RdfFormat.N_QUADS, lenient=True)
        triples = merged if merged is not None else merged_ntriples(data.decode("utf-8"))
        if triples:
            self._store.bulk_load(
                triples, ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=True
            )

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as err:
            raise KgError(f"invalid SPARQL update: {one_line(err)}") from None
        self._store.flush()

    def quads(self) -> Iterator[ox.Quad]:
        for quad in self._store.quads_for_pattern(None, None, None, None):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                yield quad

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads_in(self, graph: str) -> list[ox.Quad]:
        found = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return sorted(found, key=quad_order)

    def count(self) -> int:
        return len(self._store)

    def triples(self) -> int:
        """Counted by the query engine, much faster than iterating the quads in Python."""
        rows = self.select(COUNT_TRIPLES).rows
        return int(value(rows[0][0]) or 0) if rows else 0

    def optimize(self) -> None:
        self._store.optimize()

    def close(self) -> None:
        """Flush and release the folder (RocksDB allows one writer process at a time)."""
        if not self.read_only:
            self._store.flush()
        del self._store


def open_error(path: Path | None, err: Exception) -> str:
    """What went wrong opening the store, and what to do, on one line."""
    text = one_line(err)
    if path is None:
        return f"cannot make a store in memory ({text})"
    lowered = text.lower()
    if "corrupt" in lowered or ("no such file" in lowered and path.is_dir()):
        return (
            f"the store at {path} is damaged ({text}): move it away, or build the articles "
            "into a new folder (kg build ARTICLES --out NEW)"
        )
    if "read-only file system" in lowered or getattr(err, "errno", None) == errno.EROFS:
        return (
            f"the store at {path} is on a read-only disk ({text}): kg query still reads it; "
            "to build, copy it to a writable folder or build into a new one (--out NEW)"
        )
    if "permission denied" in lowered or isinstance(err, PermissionError):
        return (
            f"no permission to open the store at {path} ({text}): check the folder's owner "
            "and permissions, or build into a new folder (--out NEW)"
        )
    if "lock file" in lowered or "temporarily unavailable" in lowered:
        return f"the store at {path} is in use by another kg process (a build?); wait for it to end"
    if "no space" in lowered:
        return f"no space left for the store at {path} ({text}); free some and build again"
    return f"cannot open the store at {path} ({text})"


def _tsv_value(cell: str) -> str:
    """The lexical value of a term as SPARQL TSV results write it: `<iri>`, `"text"@vi`,
    `"2021-05-16"^^<…#date>`, a bare number, `_:blank`, or nothing (unbound)."""
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    if cell.startswith('"'):
        return unescape(cell[1 : cell.rindex('"')])
    return cell


_OUR_GRAPH = f" <{BASE}graph/"


def merged_ntriples(nquads: str) -> bytes:
    """The statements of N-Quads that the merged default graph holds (`vocab.in_merged_graph`),
    without their graph names, as N-Triples.

    Our own quads all end with a `kgr:graph/...` name, cut off as text (no IRI holds a space, so
    the last ` <kgr:graph/` starts the graph name); anything else goes through the parser.
    """
    lines = nquads.splitlines()
    if all(line.endswith("> .") and _OUR_GRAPH in line for line in lines if line):
        kept = [line for line in lines if line and in_merged_graph(*line.split(" ", 2)[:2])]
        return "".join(line.rsplit(_OUR_GRAPH, 1)[0] + " .\n" for line in kept).encode("utf-8")
    quads = ox.parse(nquads.encode("utf-8"), ox.RdfFormat.N_QUADS)
    triples = (q.triple for q in quads if in_merged_graph(str(q.subject), str(q.predicate)))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
