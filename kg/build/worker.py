"""The worker: one task of the map, a batch of documents extracted and written as N-Quads.

Whichever engine runs it (this process, a local pool, Dask), a task returns its quads as one
N-Quads string, so that the driver bulk-loads them without making an RDF term in Python.
"""

from __future__ import annotations

import gc
import importlib.util
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .. import rdf
from ..ingest import Skipped
from ..model import DocExtraction, Document, KgError

Extractor = Callable[[Document], DocExtraction]


def default_extractor(doc: Document) -> DocExtraction:
    from ..extract import extract_document

    return extract_document(doc)


def require_extractor() -> None:
    if importlib.util.find_spec("kg.extract.pipeline") is None:
        raise KgError("the extractor (kg.extract.pipeline) is not installed in this checkout")


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
    objects and leaves no cycles behind, so the default thresholds collect for nothing. The
    previous thresholds come back after, whichever process ran it."""
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
