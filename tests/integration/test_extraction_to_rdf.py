"""The extractor's records as kg.rdf writes them: what one side joins, the other splits."""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract_document
from kg.ingest import Skipped, read_documents
from kg.model import MERGE_REASONS_SEPARATOR
from kg.rdf import extraction_quads
from kg.vocab import KG

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [ROOT / "data" / "raw", ROOT / "tests" / "corpus" / "dev" / "articles"]


def test_each_merge_reason_the_extractor_gives_is_a_statement_of_its_own() -> None:
    """Some entities of the sample and development articles are merged for two reasons or more:
    each reason is one kg:mergeReason, none holds the separator."""
    several = 0
    for doc in read_documents(ARTICLES):
        assert not isinstance(doc, Skipped), doc
        ex = extract_document(doc)
        joined = [e.attributes.get("merge_reasons", "") for e in ex.entities]
        several += sum(MERGE_REASONS_SEPARATOR in reasons for reasons in joined)
        expected = {
            r for reasons in joined if reasons for r in reasons.split(MERGE_REASONS_SEPARATOR)
        }
        stated = {
            str(o)
            for _, p, o, _ in extraction_quads(ex, "2024-01-01T00:00:00Z")
            if p == KG.mergeReason
        }
        assert stated == expected, doc.source
    assert several
