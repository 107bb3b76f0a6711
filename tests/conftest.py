"""Shared helpers: documents made from sentences written for the tests.

The tests are layered: `unit/` one stage at a time, `integration/` one command (or API verb) end
to end, `golden/` the sample articles' extraction and graph against committed files (`make
golden` rewrites them). Named fixtures of their own live beside them (`store_fixtures.py`,
`view_graphs.py`, `cp1258.py`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Document


def make_document(text: str, doc_id: str = "t", published: str | None = None) -> Document:
    meta = {"published": published} if published else {}
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, meta=meta)


def _synthetic_graph(factory: pytest.TempPathFactory, articles: int) -> Path:
    """A synthetic corpus of `articles` articles (seed 3), built once per test session."""
    from kg.build import build
    from kg_dev.synthetic import write_corpus

    root = factory.mktemp(f"synthetic-{articles}")
    write_corpus(root / "corpus", articles, seed=3)
    build([root / "corpus"], root / "out", view=False, log=lambda _: None)
    return root / "out"


@pytest.fixture(scope="session")
def graph_300(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph of 300 synthetic articles (the README's commands are run on it)."""
    return _synthetic_graph(tmp_path_factory, 300)


@pytest.fixture(scope="session")
def graph_1000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph of 1,000 synthetic articles (the notebooks are run on it)."""
    return _synthetic_graph(tmp_path_factory, 1000)
