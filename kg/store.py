"""Store: the graph on disk (embedded Oxigraph) or behind a SPARQL 1.1 endpoint; one interface.

`open_store(location)` picks the code path: a folder is the embedded store (pyoxigraph, written
with bulk loads, flushed after transactional writes, see STORES.md), an `http(s)://` URL is a
remote server reached over the SPARQL 1.1 Query, Update and Graph Store protocols (Oxigraph's
layout: `/query`, `/update`, `/store`).

Every statement lives in its document's named graph (provenance; dropping a document is dropping
its graph). What the graphs say of entities and documents is also stated, once, in the default
graph, which is kept equal to the RDF merge of those statements (`vocab.in_merged_graph`);
provenance (assertions, tenures, sentences) stays in the document graphs, where queries find it
with `GRAPH ?g`. Queries run on the default graph: a union *view* of the named graphs would repeat
an entity's label once per document that names it (Oxigraph's union default graph is a multiset),
multiplying every join.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pyoxigraph as ox

from .iri import BASE, document_iri, graph_iri
from .model import KgError
from .ntriples import unescape
from .sparql import OPAQUE, evaluate, one_line
from .vocab import KG_NS, PREFIXES, in_merged_graph

STORE_DIR = "store"
COMPACTION_THREADS = "rocksdb:low"  # how RocksDB names its compaction threads (Linux)
COMPACTION_NICE = 19  # the lowest CPU priority
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Bindings = dict[str, Term]
T = TypeVar("T")


@dataclass(frozen=True)
class DocRecord:
    """What the store knows of a built document: its graph, content hash and build time."""

    doc_id: str
    graph: str
    content_hash: str
    built_at: str
    source: str


@dataclass(frozen=True)
class Table:
    """A SELECT result: column names and rows of RDF terms (None where unbound)."""

    columns: list[str]
    rows: list[list[Term | None]]


_DOCUMENTS = f"""
PREFIX kg: <{KG_NS}>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?g ?id ?hash ?built ?source WHERE {{
  GRAPH ?g {{ ?d a kg:Document ; schema:identifier ?id ; kg:contentHash ?hash ;
               prov:generatedAtTime ?built ; kg:sourcePath ?source }}
}}"""


class GraphStore(Protocol):
    """The verbs the build, query and export need from any store."""

    def select(self, sparql: str, bindings: Bindings | None = None) -> Table: ...

    def ask(self, sparql: str) -> bool: ...

    def values(self, sparql: str) -> Iterator[list[str]]:
        """A SELECT's rows as the lexical values of their terms ('' where unbound): for large
        results, which would cost a Python object per term."""
        ...

    def drop_graphs(self, graphs: Iterable[str]) -> None: ...

    def load_nquads(self, nquads: str | bytes, merged: bytes | None = None) -> None:
        """Quads (text, or UTF-8) into their named graphs, and the merged graph's statements among
        them into the default graph; `merged`, when given, is those statements as N-Triples."""
        ...

    def update(self, sparql: str) -> None:
        """A SPARQL 1.1 Update (the default graph is the merged graph, not their union)."""
        ...

    def quads(self) -> Iterator[ox.Quad]: ...

    def graph_names(self) -> list[str]:
        """The named graphs, sorted."""
        ...

    def quads_in(self, graph: str) -> list[ox.Quad]:
        """The quads of one named graph, sorted."""
        ...

    def count(self) -> int:
        """Quads in the store, the default graph's copies included."""
        ...

    def triples(self) -> int:
        """Statements in the default graph: the merged graph queries see (provenance is not in it)."""
        ...

    def optimize(self) -> None:
        """Compact after writes (bulk loads leave many small files that slow look-ups down)."""
        ...

    def close(self) -> None: ...


TERMS_PER_QUERY = 200  # IRIs in one VALUES clause or one DELETE DATA


def in_chunks(items: Sequence[str], size: int = TERMS_PER_QUERY) -> Iterator[Sequence[str]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def iri_terms(iris: Iterable[str]) -> str:
    """IRIs as the terms of a VALUES clause."""
    return " ".join(str(ox.NamedNode(i)) for i in iris)


def value(term: Term | None) -> str:
    """The lexical value of a term ('' when unbound)."""
    if term is None:
        return ""
    return str(term) if isinstance(term, ox.Triple) else term.value


def documents(store: GraphStore) -> dict[str, DocRecord]:
    """doc_id → DocRecord for every document graph in the store (the build manifest)."""
    found: dict[str, DocRecord] = {}
    for g, doc_id, hashed, built, source in store.select(_DOCUMENTS).rows:
        if g is None or doc_id is None:
            continue
        found[value(doc_id)] = DocRecord(
            doc_id=value(doc_id),
            graph=value(g),
            content_hash=value(hashed),
            built_at=value(built),
            source=value(source),
        )
    return found


_DOCUMENT = """
SELECT ?hash ?built ?source WHERE {
  GRAPH %(graph)s { %(doc)s kg:contentHash ?hash ; prov:generatedAtTime ?built ; kg:sourcePath ?source }
}"""


def document(store: GraphStore, doc_id: str) -> DocRecord | None:
    """The record of one document, looked up by its graph and node (an incremental add reads no
    others: one index look-up, where a search by identifier scans every document)."""
    graph = ox.NamedNode(graph_iri(doc_id))
    node = ox.NamedNode(document_iri(doc_id))
    rows = store.select(_DOCUMENT % {"graph": graph, "doc": node}).rows
    for hashed, built, source in rows:
        return DocRecord(doc_id, graph.value, value(hashed), value(built), value(source))
    return None


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def store_path(out: Path) -> Path:
    """`<out>/store`, or `out` itself when it is already a store folder."""
    if (out / STORE_DIR).is_dir():
        return out / STORE_DIR
    if (out / "CURRENT").is_file():
        return out
    return out / STORE_DIR


def open_store(location: str | Path, read_only: bool = False) -> GraphStore:
    """The embedded store in a build folder, or a remote endpoint for an http(s) URL."""
    if is_url(location):
        return RemoteStore(str(location))
    path = store_path(Path(location))
    if read_only and not path.is_dir():
        raise KgError(f"no graph at {location}: run `kg build FILES --out {location}` first")
    return LocalStore(path, read_only=read_only)


# ---------------------------------------------------------------- embedded


def yield_compaction(tasks: Path = Path("/proc/self/task")) -> int:
    """Give RocksDB's compaction threads the lowest CPU priority, as RocksDB's own
    `Env::LowerThreadPoolCPUPriority` would (pyoxigraph does not expose it); how many there are.

    Each bulk load lands as new files that overlap the store, and RocksDB merges them in the
    background. On a busy machine those merges would otherwise take a core from the extraction
    workers for every chunk loaded (100 of the 264 CPU-seconds of the driver at 10,000 articles);
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

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        try:
            if read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as err:
            raise KgError(
                f"cannot open the store at {path}: {err} (is another kg using it?)"
            ) from None

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
        escaped there), parsed line by line."""

        def tsv(result: object) -> bytes:
            if not isinstance(result, ox.QuerySolutions):
                raise KgError("the query is not a SELECT query")
            return result.serialize(format=ox.QueryResultsFormat.TSV) or b""

        text = self._run(sparql, None, tsv).decode("utf-8")
        for line in text.split("\n")[1:]:
            if line:
                yield [_tsv_value(cell) for cell in line.split("\t")]

    def construct(self, sparql: str, bindings: Bindings | None = None) -> list[ox.Triple]:
        def triples(result: object) -> list[ox.Triple]:
            if not isinstance(result, ox.QueryTriples):
                raise KgError("the query is not a CONSTRUCT or DESCRIBE query")
            return list(result)

        return self._run(sparql, bindings, triples)

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
        (kg.rdf), so the parser need not check them again (9 % of the load).
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
        return sorted(found, key=_sort_key)

    def count(self) -> int:
        return len(self._store)

    def triples(self) -> int:
        """Counted by the query engine: 13 × faster than iterating the quads in Python."""
        rows = self.select(_COUNT_TRIPLES).rows
        return int(value(rows[0][0]) or 0) if rows else 0

    def optimize(self) -> None:
        self._store.optimize()

    def close(self) -> None:
        """Flush and release the folder (RocksDB allows one writer process at a time)."""
        if not self.read_only:
            self._store.flush()
        del self._store


def _tsv_value(cell: str) -> str:
    """The lexical value of a term as SPARQL TSV results write it: `<iri>`, `"text"@vi`,
    `"2021-05-16"^^<…#date>`, a bare number, `_:blank`, or nothing (unbound)."""
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    if cell.startswith('"'):
        return unescape(cell[1 : cell.rindex('"')])
    return cell


_COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
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


# ---------------------------------------------------------------- remote


_DROP = """DELETE {{ ?s ?p ?o }} WHERE {{
  GRAPH <{graph}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }}
}} ;
DROP SILENT GRAPH <{graph}>"""


@dataclass(frozen=True)
class Endpoints:
    """Where a SPARQL 1.1 server takes queries, updates and Graph Store requests."""

    query: str
    update: str
    store: str

    @classmethod
    def of(cls, url: str) -> Endpoints:
        """The endpoints a URL names. A bare server (`http://host:7878`) is laid out as Oxigraph
        is: `/query`, `/update`, `/store`. A URL ending in `/query` or `/sparql` is the query
        endpoint (what `kg serve` prints), with `update` and `store` beside it. Any other URL is
        one endpoint for all three, as the Protocol and the Graph Store Protocol allow (Fuseki's
        dataset URL `http://host:3030/ds`, for one)."""
        parts = urllib.parse.urlsplit(url.rstrip("/"))
        path = parts.path
        if not path:
            base = url.rstrip("/")
            return cls(f"{base}/query", f"{base}/update", f"{base}/store")
        head, _, last = path.rpartition("/")
        if last in ("query", "sparql"):
            beside = [
                urllib.parse.urlunsplit(parts._replace(path=f"{head}/{n}"))
                for n in ("update", "store")
            ]
            return cls(url.rstrip("/"), beside[0], beside[1])
        same = url.rstrip("/")
        return cls(same, same, same)


class RemoteStore:
    """A SPARQL 1.1 server: Query and Update protocols, Graph Store protocol for loads."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.endpoints = Endpoints.of(url)
        self.timeout = timeout

    def select(self, sparql: str, bindings: Bindings | None = None) -> Table:
        data = self._query(substitute(sparql, bindings or {}))
        columns = list(data.get("head", {}).get("vars", []))
        rows = [
            [_json_term(b[c]) if c in b else None for c in columns]
            for b in data.get("results", {}).get("bindings", [])
        ]
        return Table(columns, rows)

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql).get("boolean", False))

    def values(self, sparql: str) -> Iterator[list[str]]:
        for row in self.select(sparql).rows:
            yield [value(term) for term in row]

    def _query(self, sparql: str) -> dict[str, Any]:
        body = self._send(
            self.endpoints.query,
            with_prefixes(sparql).encode("utf-8"),
            "application/sparql-query",
            accept="application/sparql-results+json",
        )
        try:
            result: dict[str, Any] = json.loads(body)
        except ValueError:  # Oxigraph's --timeout-s cuts the results off and still answers 200
            tail = " ".join(body[-120:].decode("utf-8", "replace").split())
            raise KgError(f"{self.url} sent an incomplete answer (…{tail})") from None
        return result

    def update(self, sparql: str) -> None:
        body = with_prefixes(sparql).encode("utf-8")
        self._send(self.endpoints.update, body, "application/sparql-update")

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Per graph: its statements leave the default graph unless another graph states them."""
        statements = [_DROP.format(graph=g) for g in graphs]
        if statements:
            self.update(" ;\n".join(statements))

    def load_nquads(self, nquads: str | bytes, merged: bytes | None = None) -> None:
        """One Graph Store POST of N-Triples per named graph, and one of their merge."""
        by_graph: dict[str, list[str]] = {}
        union: set[str] = set()
        data = nquads.encode("utf-8") if isinstance(nquads, str) else nquads
        for quad in ox.parse(data, ox.RdfFormat.N_QUADS):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode):
                line = f"{quad.triple} .\n"
                by_graph.setdefault(graph.value, []).append(line)
                if in_merged_graph(str(quad.subject), str(quad.predicate)):
                    union.add(line)
        for graph, lines in by_graph.items():
            target = f"{self.endpoints.store}?{urllib.parse.urlencode({'graph': graph})}"
            self._send(target, "".join(lines).encode("utf-8"), "application/n-triples")
        if union:
            body = "".join(sorted(union)).encode("utf-8")
            self._send(f"{self.endpoints.store}?default", body, "application/n-triples")

    def quads(self) -> Iterator[ox.Quad]:
        table = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in table.rows:
            if not isinstance(s, ox.NamedNode | ox.BlankNode) or o is None:
                continue
            if isinstance(p, ox.NamedNode) and isinstance(g, ox.NamedNode):
                yield ox.Quad(s, p, o, g)

    def graph_names(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return sorted(value(row[0]) for row in rows if isinstance(row[0], ox.NamedNode))

    def quads_in(self, graph: str) -> list[ox.Quad]:
        name = ox.NamedNode(graph)
        table = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")
        found = [
            ox.Quad(s, p, o, name)
            for s, p, o in table.rows
            if isinstance(s, ox.NamedNode | ox.BlankNode)
            and isinstance(p, ox.NamedNode)
            and o is not None
        ]
        return sorted(found, key=_sort_key)

    def count(self) -> int:
        named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        return self._number(named) + self.triples()

    def triples(self) -> int:
        return self._number(_COUNT_TRIPLES)

    def optimize(self) -> None:
        return None

    def _number(self, sparql: str) -> int:
        rows = self.select(sparql).rows
        return int(value(rows[0][0]) or 0) if rows else 0

    def close(self) -> None:
        return None

    def _send(self, url: str, body: bytes, content_type: str, accept: str = "*/*") -> bytes:
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": content_type, "Accept": accept}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            reason = detail[0] if detail else err.reason
            raise KgError(f"{self.url} answered {err.code}: {reason}") from None
        except (urllib.error.URLError, OSError) as err:
            raise KgError(f"cannot reach the SPARQL server at {self.url}: {err}") from None


def with_prefixes(sparql: str) -> str:
    """The query with our prefixes declared (the protocol has no default prefixes)."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+(\w*):", sparql, re.IGNORECASE)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p.lower() not in declared]
    return "\n".join([*lines, sparql])


_TOKENS = re.compile(
    rf"(?P<opaque>{OPAQUE})|(?P<var>[?$](?P<name>\w+))|(?P<select>\bSELECT\b)"
    r"|(?P<body>\{|\bWHERE\b)|(?P<end>\})|(?P<modifier>\bGROUP\s+BY\b|\bORDER\s+BY\b|\bHAVING\b)"
    r"|(?P<open>\()|(?P<close>\))",
    re.IGNORECASE,
)


def substitute(sparql: str, bindings: Bindings) -> str:
    """SEP-0007 substitution for servers, which take no bindings: each parameter variable is
    replaced by its RDF term in N-Triples syntax (escaped, so a value is only ever a literal or
    an IRI). Where a bare term is not SPARQL, it is wrapped: projected as `(term AS ?var)`, and
    in GROUP BY, ORDER BY and HAVING as the expression `(term)` (grouping by a constant groups
    as before)."""
    if not bindings:
        return sparql
    out: list[str] = []
    pos, mode, depth = 0, "body", 0
    for match in _TOKENS.finditer(sparql):
        kind = match.lastgroup
        if kind == "select":
            mode, depth = "projection", 0
        elif kind in ("body", "end"):
            mode = "body"
        elif kind == "modifier":
            mode = "modifier"
        elif kind in ("open", "close"):
            depth += 1 if kind == "open" else -1
        elif kind == "var" and match["name"] in bindings:
            term = str(bindings[match["name"]])
            if mode == "projection" and depth == 0:
                term = f"({term} AS ?{match['name']})"
            elif mode == "modifier":
                term = f"({term})"
            out += [sparql[pos : match.start()], term]
            pos = match.end()
    return "".join(out) + sparql[pos:]


def _json_term(value: dict[str, str]) -> Term:
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])


# ---------------------------------------------------------------- export

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


def _sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def export(store: GraphStore, output: Path, fmt: str) -> int:
    """Write the graph: all named graphs (trig, nquads, jsonld) or their union (turtle, ntriples).

    The same graph always gives the same file: named graphs are written one at a time in order,
    each sorted (memory holds one graph, not the dataset); the union is the store's default graph,
    which the embedded store dumps itself, in its own order. Returns how many statements were
    written.
    """
    if fmt == "jsonld":
        return _export_jsonld(sorted(store.quads(), key=_sort_key), output)
    if fmt not in EXPORT_FORMATS:
        raise KgError(
            f"unknown export format {fmt!r}: use turtle, trig, nquads, ntriples or jsonld"
        )
    rdf_format = EXPORT_FORMATS[fmt]
    pretty = rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE)
    prefixes = {k: v for k, v in PREFIXES.items() if k != "kgr"} if pretty else None
    output.parent.mkdir(parents=True, exist_ok=True)
    if not rdf_format.supports_datasets:
        return _export_union(store, output, rdf_format, prefixes)
    written = 0

    def graph_by_graph() -> Iterator[ox.Quad]:
        nonlocal written
        for graph in store.graph_names():
            quads = store.quads_in(graph)
            written += len(quads)
            yield from quads

    ox.serialize(graph_by_graph(), str(output), rdf_format, prefixes=prefixes)
    return written


def _export_union(
    store: GraphStore, output: Path, rdf_format: ox.RdfFormat, prefixes: dict[str, str] | None
) -> int:
    if isinstance(store, LocalStore):
        native = store.oxigraph
        native.dump(str(output), rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        return store.triples()
    triples = sorted(
        {q.triple for q in store.quads()},
        key=lambda t: (str(t.subject), str(t.predicate), str(t.object)),
    )
    ox.serialize(triples, str(output), rdf_format, prefixes=prefixes)
    return len(triples)


def _export_jsonld(quads: list[ox.Quad], output: Path) -> int:
    """JSON-LD through rdflib (pyoxigraph writes no JSON-LD), with our prefixes as the context."""
    from rdflib import Dataset

    nquads = "".join(f"{q} .\n" for q in quads)
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    output.parent.mkdir(parents=True, exist_ok=True)
    dataset.serialize(
        destination=str(output), format="json-ld", context=PREFIXES, auto_compact=True
    )
    return len(quads)
