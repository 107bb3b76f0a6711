"""Build: articles in, a queryable graph out, incrementally.

Only documents whose content changed are extracted again; the extraction is a map over batches of
documents (a local process pool by default, Dask when asked), each batch returning one N-Quads
string that the driver bulk-loads into the store. A document no longer among the inputs has its
named graph dropped.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from . import iri, rdf
from .ingest import Skipped, read_documents
from .model import DocExtraction, Document, KgError
from .pages import derived_pages
from .store import DocRecord, GraphStore, documents, export, open_store, value
from .vocab import KG, ontology_path

Extractor = Callable[[Document], DocExtraction]
BatchResult = tuple[str, list[str], list[Skipped]]

GRAPH_TRIG = "graph.trig"
GRAPH_TTL = "graph.ttl"
EXTRACTIONS = "extractions.jsonl"
MANIFEST = "manifest.json"


@dataclass
class BuildReport:
    """What a build did: the figures `kg build` prints."""

    out: Path
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: int = 0
    triples: int = 0
    view: Path | None = None

    def summary(self) -> str:
        types = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        return "\n".join(
            [
                f"documents: {len(self.built)} built, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed, {len(self.skipped)} skipped",
                f"entities: {types}",
                f"relations: {self.relations}",
                f"triples: {self.triples}",
            ]
        )


def default_extractor(doc: Document) -> DocExtraction:
    from .extract import extract_document

    return extract_document(doc)


def _require_extractor() -> None:
    if importlib.util.find_spec("kg.extract.pipeline") is None:
        raise KgError("the extractor (kg.extract.pipeline) is not installed in this checkout")


def build_time() -> str:
    """`SOURCE_DATE_EPOCH` when set (reproducible builds), else now, as an xsd:dateTime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    except ValueError:
        raise KgError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


# ---------------------------------------------------------------- the map


def extract_batch(docs: Sequence[Document], built_at: str, extractor: Extractor) -> BatchResult:
    """One batch: its quads as one N-Quads string, each document's extraction as JSON, and the
    documents the extractor failed on (reported as skipped; the batch goes on)."""
    quads: list[rdf.Quad] = []
    lines: list[str] = []
    failed: list[Skipped] = []
    for doc in docs:
        try:
            ex = extractor(doc)
            doc_quads = rdf.extraction_quads(ex, built_at)
        except Exception as err:  # one bad document must not stop the build
            failed.append(Skipped(doc.source, f"extraction failed ({type(err).__name__}: {err})"))
            continue
        quads.extend(doc_quads)
        lines.append(json.dumps(_json_record(ex), ensure_ascii=False))
    return rdf.to_nquads(quads), lines, failed


def _json_record(ex: DocExtraction) -> dict[str, object]:
    record = ex.to_json()
    for entity, item in zip(ex.entities, record["entities"], strict=True):
        item["iri"] = item.get("iri") or str(rdf.entity_ref(entity))
    return record


def batches(docs: Sequence[Document], workers: int) -> list[list[Document]]:
    """About four batches per worker, so a slow document does not hold the others back."""
    if not docs:
        return []
    size = max(1, -(-len(docs) // (workers * 4)))
    return [list(docs[i : i + size]) for i in range(0, len(docs), size)]


SMALL_BUILD = 8


def default_workers(documents: int) -> int:
    """One process per core, up to 8; a handful of documents is faster in this process
    (each worker would load the NLP pipeline first)."""
    return min(os.cpu_count() or 1, 8) if documents >= SMALL_BUILD else 1


def run_map(
    parts: list[list[Document]],
    built_at: str,
    extractor: Extractor,
    workers: int,
    dask: str | None = None,
) -> list[BatchResult]:
    if dask:
        return _run_dask(parts, built_at, extractor, dask, workers)
    if workers <= 1 or len(parts) <= 1:
        return [extract_batch(part, built_at, extractor) for part in parts]
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(extract_batch, part, built_at, extractor) for part in parts]
        return [f.result() for f in futures]


def _run_dask(
    parts: list[list[Document]], built_at: str, extractor: Extractor, address: str, workers: int
) -> list[BatchResult]:
    """The same map on Dask distributed: `local` starts a LocalCluster, else a scheduler address."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KgError('--dask needs the Dask extra: pip install "kg[dask]"') from None
    if address == "local":
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster,
            Client(cluster) as client,
        ):
            futures = client.map(extract_batch, parts, built_at=built_at, extractor=extractor)
            return list(client.gather(futures))
    with Client(address) as client:
        futures = client.map(extract_batch, parts, built_at=built_at, extractor=extractor)
        return list(client.gather(futures))


# ---------------------------------------------------------------- the build


_ENTITY_COUNTS = """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:entityType ?type } GROUP BY ?type"""
_RELATION_COUNT = """
SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?a a kg:Assertion ;
  rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }"""


@dataclass
class _Plan:
    changed: list[Document]
    unchanged: list[Document]
    removed: list[DocRecord]
    replaced: list[DocRecord]


def _read_inputs(paths: Iterable[str | Path], report: BuildReport) -> list[Document]:
    docs: dict[str, Document] = {}
    for item in read_documents(paths):
        if isinstance(item, Skipped):
            report.skipped.append(item)
        elif item.doc_id in docs:
            first = docs[item.doc_id].source
            report.skipped.append(Skipped(item.source, f"same document id as {first}; rename one"))
        else:
            docs[item.doc_id] = item
    return list(docs.values())


def _plan(
    docs: list[Document], known: dict[str, DocRecord], cached: dict[str, str], rebuild: bool
) -> _Plan:
    plan = _Plan([], [], [], [])
    for doc in docs:
        record = known.get(doc.doc_id)
        same = record is not None and record.content_hash == rdf.content_hash(doc)
        if same and not rebuild and doc.doc_id in cached:
            plan.unchanged.append(doc)
            continue
        plan.changed.append(doc)
        if record is not None:
            plan.replaced.append(record)
    current = {d.doc_id for d in docs}
    plan.removed = [r for doc_id, r in sorted(known.items()) if doc_id not in current]
    return plan


def _read_cached(out: Path) -> dict[str, str]:
    """doc_id → extraction JSON line of the previous build."""
    path = out / EXTRACTIONS
    if not path.is_file():
        return {}
    cached: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            cached[json.loads(line)["doc_id"]] = line
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
    return cached


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    store_url: str | None = None,
    workers: int | None = None,
    *,
    dask: str | None = None,
    extractor: Extractor | None = None,
    rebuild: bool = False,
    log: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build (or bring up to date) the graph of `paths` in `out`, or in the store at `store_url`."""
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    say = log or (lambda message: print(message, file=sys.stderr))
    report = BuildReport(out=out_dir)
    docs = _read_inputs(paths, report)
    for skipped in report.skipped:
        say(str(skipped))
    if not docs:
        raise KgError("no readable article among the inputs; nothing was built or removed")
    cached = _read_cached(out_dir)
    store = open_store(store_url or out_dir)
    try:
        plan = _plan(docs, documents(store), cached, rebuild)
        if extractor is None and plan.changed:
            _require_extractor()
        lines, failed = _extract_and_load(
            store, plan, extractor or default_extractor, workers, dask
        )
        load_ontology(store)
        derive(store)
        store.optimize()
        for item in failed:
            say(str(item))
        report.skipped.extend(failed)
        failed_sources = {f.source for f in failed}
        report.built = [d.doc_id for d in plan.changed if d.source not in failed_sources]
        report.unchanged = [d.doc_id for d in plan.unchanged]
        report.removed = [r.doc_id for r in plan.removed]
        records = [*(cached[d.doc_id] for d in plan.unchanged), *lines]
        _write_outputs(store, out_dir, records, report)
    finally:
        store.close()
    report.view = _write_view(out_dir, say)
    return report


def _extract_and_load(
    store: GraphStore, plan: _Plan, extractor: Extractor, workers: int | None, dask: str | None
) -> tuple[list[str], list[Skipped]]:
    built_at = build_time()
    n = workers or default_workers(len(plan.changed))
    results = run_map(batches(plan.changed, n), built_at, extractor, n, dask)
    store.drop_graphs(r.graph for r in [*plan.replaced, *plan.removed])
    store.load_nquads("".join(nquads for nquads, _, _ in results))
    lines = [line for _, batch_lines, _ in results for line in batch_lines]
    return lines, [item for _, _, failed in results for item in failed]


ONTOLOGY_GRAPH = iri.BASE + "graph/ontology"


def load_ontology(store: GraphStore) -> None:
    """Put ontology/kg.ttl in the graph `kgr:graph/ontology`, replacing the previous copy."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    triples = ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    nquads = "".join(f"{ox.Quad(t.subject, t.predicate, t.object, graph)} .\n" for t in triples)
    store.drop_graphs([ONTOLOGY_GRAPH])
    store.load_nquads(nquads)


def _write_outputs(store: GraphStore, out: Path, records: list[str], report: BuildReport) -> None:
    """graph.trig, graph.ttl, extractions.jsonl and manifest.json, and the report's figures."""
    records.sort(key=lambda line: json.loads(line)["doc_id"])
    text = "".join(line + "\n" for line in records)
    (out / EXTRACTIONS).write_text(text, encoding="utf-8")
    export(store, out / GRAPH_TRIG, "trig")
    export(store, out / GRAPH_TTL, "turtle")
    report.triples = store.triples()
    for row in store.select(_ENTITY_COUNTS).rows:
        report.entities[value(row[0])] = int(value(row[1]))
    report.relations = int(value(store.select(_RELATION_COUNT).rows[0][0]) or 0)
    manifest = {
        r.doc_id: {
            "source": r.source,
            "graph": r.graph,
            "content_hash": r.content_hash,
            "built_at": r.built_at,
        }
        for r in sorted(documents(store).values(), key=lambda r: r.doc_id)
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _write_view(out: Path, say: Callable[[str], None]) -> Path | None:
    """The HTML view, when the view writer (kg.render.write_view) is installed."""
    try:
        render = importlib.import_module("kg.render")
    except ModuleNotFoundError as err:
        if err.name != "kg.render":
            raise
        return None
    writer = getattr(render, "write_view", None)
    if writer is None:
        return None
    try:
        result = writer(out)
    except Exception as err:  # the graph is built; a failing view must not undo that
        say(f"view not written: {type(err).__name__}: {err}")
        return None
    return Path(result) if result is not None else None


# ---------------------------------------------------------------- derived statements

DERIVED_GRAPH = iri.BASE + "graph/derived"
_TENURES = """
SELECT ?tenure ?person ?kind ?on WHERE {
  ?tenure kg:holder ?person ; a ?kind ; kg:statedOn ?on .
  FILTER(DATATYPE(?on) = xsd:date)
}"""


def superseded(rows: list[tuple[str, str, str, str]]) -> dict[str, str]:
    """tenure → the next later date on which the same kind is stated about the same person."""
    dates: dict[tuple[str, str], set[str]] = {}
    for _, person, kind, on in rows:
        dates.setdefault((person, kind), set()).add(on)
    ordered = {key: sorted(values) for key, values in dates.items()}
    found: dict[str, str] = {}
    for tenure, person, kind, on in rows:
        later = [d for d in ordered[(person, kind)] if d > on]
        if later:
            found[tenure] = later[0]
    return found


def derive(store: GraphStore) -> None:
    """Rewrite `kgr:graph/derived`: each tenure's `kg:supersededOn`, so "rank at a date" is a
    filter rather than a negation over every document (Oxigraph evaluates those slowly)."""
    rows = [tuple(value(t) for t in row) for row in store.select(_TENURES).rows]
    found = superseded([(r[0], r[1], r[2], r[3]) for r in rows])
    graph = f"<{DERIVED_GRAPH}>"
    predicate = f"<{KG.supersededOn}>"
    date_type = "<http://www.w3.org/2001/XMLSchema#date>"
    lines = sorted(
        f'<{tenure}> {predicate} "{on}"^^{date_type} {graph} .\n' for tenure, on in found.items()
    )
    lines += derived_pages(store, DERIVED_GRAPH)
    store.drop_graphs([DERIVED_GRAPH])
    store.load_nquads("".join(lines))
