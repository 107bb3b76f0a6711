"""kg: knowledge graphs from Vietnamese news.

The public API: `extract()` reads articles into records, `build()` writes the graph, `load()` opens a
built graph, `query()` runs SPARQL, `to_networkx()` projects it, `render()` writes the HTML view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .extract import extract_document
from .ingest import Skipped, read_documents
from .model import DocExtraction, Document, Entity, EntityType, Evidence, Mention, Relation

__all__ = [
    "DocExtraction",
    "Document",
    "Entity",
    "EntityType",
    "Evidence",
    "Mention",
    "Relation",
    "Skipped",
    "extract",
]

__version__ = "0.1.0"


def extract(paths: Iterable[str | Path]) -> Iterator[DocExtraction | Skipped]:
    """Extraction records for every article under `paths`; unreadable files come back as Skipped."""
    for item in read_documents(paths):
        yield item if isinstance(item, Skipped) else extract_document(item)
