"""Extraction quality on the development corpus and the samples: floors just under what the
extractor reaches, so that quality cannot fall without a test saying so.

Raise a floor when the extractor gets better; never lower one to let a change through without saying
why in its commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg import extract
from kg.evaluate import Evaluation, evaluate_corpora, load_corpus
from kg.ingest import Skipped

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ROOT = CORPUS.parent.parent

# part -> (entity strict, entity relaxed, relation strict, relation relaxed) F1 floors
FLOORS = {
    "all": (0.938, 0.962, 0.832, 0.86),
    "tuned": (0.947, 0.97, 0.85, 0.878),
    "held-out": (0.914, 0.943, 0.785, 0.812),
}
SAMPLE_FLOORS = (0.98, 0.98, 0.84, 0.84)
# The tuned and held-out parts may not drift further apart than this (entities, relations, strict):
# the issues' targets, 0.05 and 0.07. Measured 0.033 and 0.065.
GAP = (0.05, 0.07)


def _predict(paths: list[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    for item in extract(paths):
        assert not isinstance(item, Skipped), item
        yield Path(item.doc.source).stem, item.to_json()


@pytest.fixture(scope="module")
def development() -> Evaluation:
    return evaluate_corpora([load_corpus(CORPUS / "dev")], _predict)


def _figures(run: Evaluation, part: str) -> tuple[float, float, float, float]:
    s = run.part(part)
    return (
        s.total("strict", "entity").f1,
        s.total("relaxed", "entity").f1,
        s.total("strict", "relation").f1,
        s.total("relaxed", "relation").f1,
    )


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_development_corpus_stays_above_its_floors(development: Evaluation, part: str) -> None:
    found = _figures(development, part)
    assert all(f >= floor for f, floor in zip(found, FLOORS[part], strict=True)), (part, found)


def test_held_out_articles_stay_close_to_the_tuned_ones(development: Evaluation) -> None:
    tuned, held = _figures(development, "tuned"), _figures(development, "held-out")
    assert tuned[0] - held[0] <= GAP[0] and tuned[2] - held[2] <= GAP[1], (tuned, held)


def test_samples_stay_above_their_floors() -> None:
    samples = load_corpus(CORPUS / "samples" / "gold", [ROOT / "data" / "raw"])
    found = _figures(evaluate_corpora([samples], _predict), "all")
    assert all(f >= floor for f, floor in zip(found, SAMPLE_FLOORS, strict=True)), found
