"""kg: knowledge graphs from Vietnamese news.

The public API, one verb per thing people do with the graph:

- `extract(paths)` — extraction records (entities, relations, evidence) for each article;
- `build(paths, out)` — build or update the graph in `out/` (embedded store, graph files, HTML view);
- `load(out)` — the built graph as an rdflib Dataset (one named graph per article);
- `query(out, sparql_or_name, params)` — a SPARQL SELECT or a named query as a pandas DataFrame;
- `explain(out, name)` — an entity's labels, mentions, sources and the merges behind it;
- `to_networkx(out_or_dataset)` — the relationship graph as a networkx MultiDiGraph;
- `render(graph, path, ...)` — the offline, filterable HTML view; `show(graph, ...)` inside Jupyter.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The submodules that share a name with a verb below are imported first, so the verbs (bound after
# them) are what `kg.build`, `kg.query` and `kg.render` stay: a later `import kg.query` finds the
# module in sys.modules and leaves the package attribute alone.
from . import analyze as _analyze
from . import build as _build
from . import query as _query
from . import render as _render
from .extract import extract_document
from .ingest import Skipped, read_documents
from .model import (
    DocExtraction,
    Document,
    Entity,
    EntityType,
    Evidence,
    KgError,
    Mention,
    Relation,
)

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    from rdflib import Dataset


__all__ = [
    "DocExtraction",
    "Document",
    "Entity",
    "EntityType",
    "Evidence",
    "KgError",
    "Mention",
    "Relation",
    "Skipped",
    "build",
    "explain",
    "extract",
    "load",
    "query",
    "render",
    "show",
    "to_networkx",
]

__version__ = "0.1.0"


def extract(paths: Iterable[str | Path]) -> Iterator[DocExtraction | Skipped]:
    """Extraction records for every article under `paths`; unreadable files come back as Skipped."""
    for item in read_documents(paths):
        yield item if isinstance(item, Skipped) else extract_document(item)


def build(paths: Iterable[str | Path], out: str | Path, **options: Any) -> _build.BuildReport:
    """Build or bring up to date the graph of `paths` in `out` (options: store_url, jobs, engine,
    scheduler, rebuild, prune, export, view, progress); skipped inputs are listed in the report
    instead of printed."""
    return _build.build(paths, out, log=lambda _message: None, **options)


def load(out: str | Path) -> Dataset:
    """The graph a build wrote to `out`, as an rdflib Dataset with one named graph per article."""
    return _render.read_built_graph(out)


def query(
    out: str | Path, sparql_or_name: str, params: dict[str, str] | None = None
) -> pd.DataFrame:
    """A SPARQL SELECT (text or the name of a query in ontology/queries) as a DataFrame.

    `params` are bound as values of the query's variables, never pasted into its text.
    """
    return _query.query(out, sparql_or_name, params)


def explain(out: str | Path, name: str) -> list[_query.Explanation]:
    """Entities whose label or spelling matches `name`, with mentions, sources and merge reasons."""
    return _query.explain(out, name)


def to_networkx(source: str | Path | Dataset) -> nx.MultiDiGraph:
    """The relationship graph of a built folder (or of a Dataset) as a networkx MultiDiGraph."""
    data = load(source) if isinstance(source, str | Path) else source
    return _analyze.to_networkx(data)


def render(graph: nx.MultiDiGraph, path: str | Path, **options: Any) -> Path:
    """Write the offline HTML view of `graph` (options: title, focus, depth, types, date_from, date_to)."""
    return _render.render(graph, path, **options)


def show(graph: nx.MultiDiGraph, height: int = 640, title: str = "kg", **options: Any) -> Any:
    """The HTML view inline in Jupyter: an iframe holding the whole offline page (no network).

    Options as for `render`: focus, depth, types, date_from, date_to.
    """
    from IPython.display import HTML

    shown = _render.select(graph, **options)
    focus = options.get("focus")
    focus_id = _analyze.find_entity(shown, focus) if focus else None
    document = _render.page(shown, title=title, focus_id=focus_id)
    style = f"width:100%;height:{int(height)}px;border:0"
    return HTML(f'<iframe srcdoc="{html.escape(document, quote=True)}" style="{style}"></iframe>')
