"""Extract: entities, dates and relations of one document, with offsets into its original text."""

from __future__ import annotations

from ..model import DocExtraction, Document


def extract_document(doc: Document) -> DocExtraction:
    """Entities (with canonical keys and IRIs) and relations of one document."""
    from .pipeline import run

    return run(doc)
