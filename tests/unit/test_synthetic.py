"""The synthetic corpus of the developer tools (kg_dev): reproducible, news-sized, varied."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg import lexicon
from kg.ingest import count_documents
from kg_dev.cast import MILITARY_RANKS
from kg_dev.synthetic import article, articles, write_corpus


def test_same_seed_gives_the_same_articles_and_another_seed_others() -> None:
    assert [a.text for a in articles(5, seed=3)] == [a.text for a in articles(5, seed=3)]
    assert article(3, 0).text != article(4, 0).text


def test_an_article_does_not_depend_on_the_corpus_size() -> None:
    assert next(iter(articles(3, seed=1, start=10))) == article(1, 10)


def test_articles_are_news_sized_and_carry_web_noise() -> None:
    texts = [a.text for a in articles(60, seed=0)]
    assert all(1900 <= len(t) <= 5000 for t in texts)
    noise = ("Chia sẻ", "Theo ", "Tin liên quan", "Tags:", "hotline", "Ảnh:", "Bình luận")
    assert sum(any(n in t for n in noise) for t in texts) >= 50


def test_people_are_combined_from_syllables_and_vary() -> None:
    surnames = set(lexicon.words("surnames"))
    after_rank = re.compile(rf"\b(?:{'|'.join(MILITARY_RANKS)}) (\S+ \S+ \S+)", re.IGNORECASE)
    names = {m for a in articles(40, seed=0) for m in after_rank.findall(a.text)}
    vietnamese = {n for n in names if n.split()[0] in surnames}
    assert len(vietnamese) >= 30


def test_corpus_shards_are_json_lines_of_a_thousand_at_most(tmp_path: Path) -> None:
    files = write_corpus(tmp_path, 1200, seed=2)
    assert [f.name for f in files] == ["shard-0000000.jsonl", "shard-0001000.jsonl"]
    first = json.loads(files[0].open(encoding="utf-8").readline())
    assert set(first) == {"id", "text", "title", "published", "outlet"}
    assert count_documents([tmp_path]) == 1200
