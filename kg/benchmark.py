"""Extraction speed against `spacy.blank("vi")` tokenisation alone, on the same text."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import spacy

from .clean import clean
from .extract import extract_document
from .model import Document


@dataclass(frozen=True)
class Speed:
    label: str
    seconds: float
    articles: int
    characters: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def characters_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0


def _timed(
    label: str, docs: list[Document], repeat: int, work: Callable[[Document], object]
) -> Speed:
    """CPU time of `repeat` passes (process time, so other load on the machine does not count)."""
    chars = sum(len(d.text) for d in docs) * repeat
    start = time.process_time()
    for _ in range(repeat):
        for d in docs:
            work(d)
    return Speed(label, time.process_time() - start, len(docs) * repeat, chars)


def measure(docs: list[Document], repeat: int = 20, rounds: int = 3) -> tuple[Speed, Speed]:
    """(tokenisation alone, full extraction): the best of `rounds` interleaved rounds, after one
    warm-up pass that loads models and lexicons."""
    tokenizer = spacy.blank("vi")
    for d in docs:
        tokenizer(clean(d).norm)
        extract_document(d)
    bases, fulls = [], []
    for _ in range(rounds):
        bases.append(
            _timed('spacy.blank("vi") tokenisation', docs, repeat, lambda d: tokenizer(d.text))
        )
        fulls.append(
            _timed(
                "kg extraction (clean, NLP, entities, relations)", docs, repeat, extract_document
            )
        )
    return min(bases, key=lambda s: s.seconds), min(fulls, key=lambda s: s.seconds)


def report(base: Speed, full: Speed) -> str:
    lines = [f"{'':<48} {'articles/s':>11} {'chars/s':>11} {'CPU s':>8}"]
    for s in (base, full):
        lines.append(
            f"{s.label:<48} {s.articles_per_second:>11.1f} {s.characters_per_second:>11.0f} {s.seconds:>8.2f}"
        )
    ratio = (
        full.characters_per_second / base.characters_per_second
        if base.characters_per_second
        else 0.0
    )
    lines.append(f"ratio extraction / tokenisation: {ratio:.2f} (target ≥ 0.50)")
    return "\n".join(lines)
