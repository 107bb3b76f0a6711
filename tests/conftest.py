"""Shared fixtures: the sample articles and their gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import Skipped, read_documents
from kg.model import DocExtraction, Document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "raw"
GOLD = ROOT.parent / "shared" / "corpus" / "gold"


def make_document(text: str, doc_id: str = "t", published: str | None = None) -> Document:
    meta = {"published": published} if published else {}
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, meta=meta)


@pytest.fixture(scope="session")
def sample_documents() -> list[Document]:
    return [d for d in read_documents([DATA]) if not isinstance(d, Skipped)]


@pytest.fixture(scope="session")
def sample_extractions(sample_documents: list[Document]) -> list[DocExtraction]:
    from kg.extract import extract_document

    return [extract_document(d) for d in sample_documents]


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    if not GOLD.is_dir():
        pytest.skip("shared/corpus/gold is not beside the checkout")
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in GOLD.glob("*.json")}
