"""Store: the graph on disk (embedded Oxigraph) or behind a SPARQL 1.1 endpoint; one interface.

`open_store(location)` picks the code path: a folder is the embedded store (pyoxigraph, written
with bulk loads, flushed after transactional writes, see STORES.md), an `http(s)://` URL is a
remote server reached over the SPARQL 1.1 Query, Update and Graph Store protocols (at the
endpoints its URL names, `Endpoints`: Oxigraph's layout `/query`, `/update`, `/store` for a bare
server).

Every statement lives in its document's named graph (provenance; dropping a document is dropping
its graph). What the graphs say of entities and documents is also stated, once, in the default
graph, which is kept equal to the RDF merge of those statements (`vocab.in_merged_graph`);
provenance (assertions, tenures, sentences) stays in the document graphs, where queries find it
with `GRAPH ?g`. Queries run on the default graph: a union *view* of the named graphs would repeat
an entity's label once per document that names it (Oxigraph's union default graph is a multiset),
multiplying every join.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..iri import document_iri, graph_iri
from ..model import KgError
from ..sparql import OPAQUE
from ..vocab import KG_NS
from .base import (
    Bindings,
    DocRecord,
    GraphStore,
    Table,
    Term,
    delete_data,
    in_chunks,
    iri_terms,
    remove_stale,
    value,
)
from .export import export
from .local import LocalStore, merged_ntriples, yield_compaction
from .remote import Endpoints, RemoteStore, substitute, with_prefixes

__all__ = [
    "OPAQUE",
    "Bindings",
    "DocRecord",
    "Endpoints",
    "GraphStore",
    "LocalStore",
    "RemoteStore",
    "Table",
    "Term",
    "delete_data",
    "document",
    "documents",
    "export",
    "in_chunks",
    "iri_terms",
    "is_url",
    "merged_ntriples",
    "open_store",
    "remove_stale",
    "store_path",
    "substitute",
    "value",
    "with_prefixes",
    "yield_compaction",
]

STORE_DIR = "store"

_DOCUMENTS = f"""
PREFIX kg: <{KG_NS}>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?g ?id ?hash ?built ?source WHERE {{
  GRAPH ?g {{ ?d a kg:Document ; schema:identifier ?id ; kg:contentHash ?hash ;
               prov:generatedAtTime ?built ; kg:sourcePath ?source }}
}}"""


def documents(store: GraphStore) -> dict[str, DocRecord]:
    """doc_id → DocRecord for every document graph in the store (the build manifest). A graph
    with two records (a build killed while it replaced it: `remove_stale`) gets no content
    hash, so the next build extracts the document again."""
    found: dict[str, DocRecord] = {}
    for g, doc_id, hashed, built, source in store.select(_DOCUMENTS).rows:
        if g is None or doc_id is None:
            continue
        record = DocRecord(value(doc_id), value(g), value(hashed), value(built), value(source))
        found[record.doc_id] = _distrusted(record) if record.doc_id in found else record
    return found


def _distrusted(record: DocRecord) -> DocRecord:
    return DocRecord(record.doc_id, record.graph, "", record.built_at, record.source)


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
        record = DocRecord(doc_id, graph.value, value(hashed), value(built), value(source))
        return record if len(rows) == 1 else _distrusted(record)
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
