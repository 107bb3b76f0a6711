"""Shared helpers: documents made from sentences written for the tests.

The tests are layered: `unit/` one stage at a time, `integration/` one command (or API verb) end
to end, `golden/` the sample articles' extraction and graph against committed files (`make
golden` rewrites them). Named fixtures of their own live beside them (`store_fixtures.py`,
`view_graphs.py`, `cp1258.py`).
"""

from __future__ import annotations

from kg.model import Document


def make_document(text: str, doc_id: str = "t", published: str | None = None) -> Document:
    meta = {"published": published} if published else {}
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, meta=meta)
