"""kg: knowledge graphs from Vietnamese news.

The public API, one verb per thing people do with the graph:

- `extract(paths)` — extraction records (entities, relations, evidence) for each article;
- `build(paths, out)` — build or update the graph in `out/` (embedded store, graph files, HTML view);
- `load(out)` — the built graph as an rdflib Dataset (one named graph per article);
- `query(out, sparql_or_name, params)` — a SPARQL SELECT or a named query as a pandas DataFrame;
- `explain(out, name)` — an entity's labels, mentions, sources and the merges behind it;
- `to_networkx(out_or_dataset)` — the relationship graph as a networkx MultiDiGraph;
- `render(graph, path, ...)` — the offline, filterable HTML view; `show(graph, ...)` inside Jupyter.

`kg.extract`, `kg.build`, `kg.query` and `kg.render` are also the modules of those stages: each is
the module itself, called as the verb, so `kg.build.build`, `kg.build.BuildReport` and
`from kg.build import build` reach the module as they would in any package.
"""

from __future__ import annotations

import html
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import analyze as _analyze
from . import build, extract, query, render
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


class _Verb(types.ModuleType):
    """A module that is also the verb of the same name: calling it calls the verb."""

    __verb__: Callable[..., Any]

    def __call__(self, *args: Any, **options: Any) -> Any:
        return self.__verb__(*args, **options)


def _verb(module: types.ModuleType, verb: Callable[..., Any]) -> None:
    module.__verb__ = verb  # type: ignore[attr-defined]
    module.__class__ = _Verb


def _extract(paths: Iterable[str | Path]) -> Iterator[DocExtraction | Skipped]:
    """Extraction records for every article under `paths`; unreadable files come back as Skipped."""
    for item in read_documents(paths):
        yield item if isinstance(item, Skipped) else extract.extract_document(item)


def _build(paths: Iterable[str | Path], out: str | Path, **options: Any) -> build.BuildReport:
    """Build or bring up to date the graph of `paths` in `out` (options: store_url, jobs, engine,
    scheduler, rebuild, prune, export, view, progress); skipped inputs are listed in the report
    instead of printed."""
    return build.build(paths, out, log=lambda _message: None, **options)


_verb(extract, _extract)
_verb(build, _build)
_verb(query, query.query)
_verb(render, render.render)


def load(out: str | Path) -> Dataset:
    """The graph a build wrote to `out`, as an rdflib Dataset over its store, read in place (one
    named graph per article; the default graph is their merge, without provenance)."""
    import pyoxigraph as ox
    import rdflib
    from oxrdflib import OxigraphStore

    from .store import store_path

    path = store_path(Path(out))
    if not (path / "CURRENT").is_file():
        raise KgError(f"{out}: no built graph here; run `kg build SOURCES --out {out}` first")
    return rdflib.Dataset(store=OxigraphStore(store=ox.Store.read_only(str(path))))


def explain(out: str | Path, name: str) -> list[query.Explanation]:
    """Entities whose label or spelling matches `name`, with mentions, sources and merge reasons."""
    return query.explain(out, name)


def to_networkx(source: str | Path | Dataset) -> nx.MultiDiGraph:
    """The relationship graph of a built folder, a SPARQL server or a Dataset as a networkx
    MultiDiGraph, read from the store a query at a time; every attribute is a string or a number,
    so `nx.write_gexf` and `nx.write_graphml` take it as it is."""
    return _analyze.to_networkx(source)


def show(graph: nx.MultiDiGraph, height: int = 640, title: str = "kg", **options: Any) -> Any:
    """The HTML view inline in Jupyter: an iframe holding the whole offline page (no network).

    Options as for `render`: focus, depth, types, date_from, date_to.
    """
    try:
        from IPython.display import HTML
    except ImportError:
        raise KgError("kg.show is for notebooks: pip install 'kg[notebook]' (IPython)") from None

    shown = render.select(graph, **options)
    focus = options.get("focus")
    focus_id = _analyze.find_entity(shown, focus) if focus else None
    document = render.page(shown, title=title, focus_id=focus_id)
    style = f"width:100%;height:{int(height)}px;border:0"
    frame = f'<iframe srcdoc="{html.escape(document, quote=True)}" style="{style}"></iframe>'
    return HTML(f"<div>{frame}</div>")  # a bare <iframe> makes IPython warn on every view
