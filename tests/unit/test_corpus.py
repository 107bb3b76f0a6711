"""The development corpus and the samples' gold: every gold file is usable by the scoring rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import check_gold, load_corpus

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DEV = CORPUS / "dev"
ROOT = CORPUS.parent.parent
GOLD_FILES = sorted((DEV / "gold").glob("*.json")) + sorted(
    (CORPUS / "samples" / "gold").glob("*.json")
)


def _article(gold_file: Path) -> Path:
    if gold_file.parent.parent == DEV:
        return DEV / "articles" / f"{gold_file.stem}.txt"
    return ROOT / "data" / "raw" / f"{gold_file.stem}.txt"


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_follows_the_rules(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = _article(gold_file).read_text(encoding="utf-8")
    assert check_gold(gold, text) == []


def test_check_gold_finds_what_breaks_the_rules() -> None:
    text = "Đại tá Lê Văn Bình tiếp Đại sứ Nhật Bản."
    gold = {
        "entities": [
            {
                "id": "e1",
                "type": "PERSON",
                "name": "Lê Văn Bình",
                "mentions": ["Lê Văn Bình"],
                "attributes": {},
            },
            {
                "id": "e1",
                "type": "PEOPLE",
                "name": "x",
                "mentions": ["Lê Văn Binh"],
                "attributes": {"title": "x"},
            },
        ],
        "relations": [
            {
                "subject": "e1",
                "predicate": "hasRank",
                "object": "Đại tá",
                "evidence": "Đại tá Lê Văn Bình",
            },
            {
                "subject": "e1",
                "predicate": "met",
                "object": "Nhật Bản",
                "evidence": "tiếp Đại sứ Nhật",
            },
            {
                "subject": "e9",
                "predicate": "knows",
                "object": "e1",
                "evidence": "Lê Văn Bình tiếp Đại sứ Mỹ",
            },
        ],
    }
    problems = "\n".join(check_gold(gold, text))
    assert "e1 is used 2 times" in problems
    assert "type 'PEOPLE'" in problems
    assert "mention 'Lê Văn Binh' is not in the article" in problems
    assert "attribute 'title'" in problems
    assert "met 'Nhật Bản': object must be an entity id" in problems
    assert "predicate is not one of the 18" in problems
    assert "no entity e9" in problems
    assert "evidence 'Lê Văn Bình tiếp Đại sứ Mỹ' is not in the article" in problems
    assert "hasRank" not in problems


def test_development_corpus_is_complete() -> None:
    corpus = load_corpus(DEV)
    slices = {stem[0] for stem in corpus.gold}
    assert len(corpus.gold) >= 48
    assert slices == {"b", "c", "m"}
    assert len(corpus.held_out) == 12
    for s in slices:
        assert sum(stem.startswith(s) for stem in corpus.held_out) == 4
