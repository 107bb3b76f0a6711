"""Outputs: the files beside the store (extraction records, graph.trig and graph.ttl, the view)
and the report's counts of the graph."""

from __future__ import annotations

import importlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..iri import ONTOLOGY_GRAPH
from ..model import PREDICATES
from ..store import GraphStore, export, value
from ..vocab import ontology_path
from .report import BuildReport

GRAPH_TRIG = "graph.trig"
GRAPH_TTL = "graph.ttl"
ONTOLOGY_TTL = "ontology.ttl"  # beside the exports, which hold data only
EXTRACTIONS = "extractions.jsonl"
WHOLE_GRAPH_DOCS = 100  # up to this many documents the build exports the graph
WHOLE_VIEW_DOCS = 1_000  # up to this many documents the build's view draws the whole graph
VIEW_DOCS = 250  # above it, the view shows the graphs of the latest VIEW_DOCS documents

Say = Callable[[str], None]

_DOC_ID = re.compile(r'^\{"doc_id": "([^"\\]*)"')


class Records:
    """extractions.jsonl, written as batches arrive: new records go to a side file, which is
    appended to the previous file, or merged with what is kept of it, when the build ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fresh_path = path.with_suffix(".jsonl.new")
        self.fresh = self.fresh_path.open("w", encoding="utf-8")

    def add(self, lines: list[str]) -> None:
        for line in lines:
            self.fresh.write(line + "\n")

    def discard(self) -> None:
        """Nothing to record (a build that read no article): the side file goes."""
        self.fresh.close()
        self.fresh_path.unlink(missing_ok=True)

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


@dataclass(frozen=True)
class Wanted:
    """Which of the optional outputs a build writes (None: decided by the graph's size)."""

    export: bool | None = None  # None: graph.trig and graph.ttl for graphs of ≤ WHOLE_GRAPH_DOCS
    view: bool | None = None  # None: the whole graph when small, else after large builds only


def write_outputs(
    store: GraphStore,
    out: Path,
    report: BuildReport,
    wanted: Wanted,
    docs: int,
    changed: bool,
    say: Say,
) -> None:
    """The exports, the counts and the view of a graph of `docs` documents, after a build
    (`changed`: one that added or dropped a document graph)."""
    whole = docs <= WHOLE_GRAPH_DOCS
    if wanted.export if wanted.export is not None else whole:
        export(store, out / GRAPH_TRIG, "trig")
        export(store, out / GRAPH_TTL, "turtle")
        shutil.copyfile(ontology_path(), out / ONTOLOGY_TTL)
        report.exported = True
    elif wanted.export is None:
        _remove_stale_exports(out, say, docs)
    large_build = len(report.built) >= WHOLE_GRAPH_DOCS
    count_graph(store, report, whole or large_build)
    if wanted.view if wanted.view is not None else whole or large_build:
        report.view = _write_view(out, store, docs, say)
    elif wanted.view is None and changed:
        say(f"view not redrawn for {len(report.built)} changed documents (--view draws it)")


def _remove_stale_exports(out: Path, say: Say, docs: int) -> None:
    stale = [out / name for name in (GRAPH_TRIG, GRAPH_TTL, ONTOLOGY_TTL) if (out / name).exists()]
    for path in stale:
        path.unlink()
    say(
        f"graph.trig and graph.ttl not written: {docs:,} documents is over "
        f"{WHOLE_GRAPH_DOCS:,}; query the store, or write them with --export or `kg export`"
    )


_ENTITY_COUNTS = """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:entityType ?type } GROUP BY ?type"""
# Every relation is stated directly and reified by its assertions; the direct statements are
# counted (an index scan of the merged graph, where counting distinct assertions joins them all).
_RELATION_COUNT = f"""
SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {" ".join(f"kg:{p}" for p in PREDICATES)} }} ?s ?p ?o }}"""


def count_graph(store: GraphStore, report: BuildReport, full: bool) -> None:
    """The report's figures: entities always; relations and statements only when `full` (they
    scan the whole graph, long on large ones: not worth it after adding a few articles)."""
    for row in store.select(_ENTITY_COUNTS).rows:
        report.entities[value(row[0])] = int(value(row[1]))
    if full:
        report.triples = store.triples()
        report.relations = int(value(store.select(_RELATION_COUNT).rows[0][0]) or 0)


def _write_view(out: Path, store: GraphStore, docs: int, say: Say) -> Path | None:
    """The HTML view (kg.render) of the graph read from the store: the whole graph up to
    WHOLE_VIEW_DOCS documents, else the graph of the latest VIEW_DOCS of them (the view hides
    isolated entities until asked and filters the rest). A failing view does not fail the build."""
    try:
        render = importlib.import_module("kg.render")
    except ModuleNotFoundError as err:
        if err.name != "kg.render":
            raise
        return None
    from .. import analyze

    try:
        title = f"Đồ thị tri thức — {out.name}"
        if docs <= WHOLE_VIEW_DOCS:
            graph = analyze.to_networkx(store)
        else:
            graph = _latest_graph(store)
            title += f" ({VIEW_DOCS:,} bài mới nhất / {docs:,})"
            say(
                f"view: the graph of the latest {VIEW_DOCS:,} of {docs:,} documents "
                "(`kg view` draws any part of it)"
            )
        result = render.render(graph, out / render.VIEW_FILE, title=title)
    except Exception as err:  # the graph is built; a failing view must not undo that
        say(f"view not written: {type(err).__name__}: {err}")
        return None
    return Path(result) if result is not None else None


_LATEST = """
SELECT ?g WHERE { GRAPH ?g { ?d a kg:Document . OPTIONAL { ?d schema:datePublished ?on } } }
ORDER BY DESC(?on) ?g LIMIT %d"""


def _latest_graph(store: GraphStore) -> Any:
    """The networkx graph of the latest VIEW_DOCS documents, copied into a store in memory."""
    from .. import analyze
    from ..store import LocalStore

    graphs = [value(row[0]) for row in store.select(_LATEST % VIEW_DOCS).rows]
    graphs.append(ONTOLOGY_GRAPH)
    nquads = "".join(f"{q} .\n" for g in graphs for q in store.quads_in(g))
    latest = LocalStore(None)
    latest.load_nquads(nquads)
    return analyze.to_networkx(latest)
