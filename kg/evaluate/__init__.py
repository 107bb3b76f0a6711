"""Scoring against gold annotations, by the rules of the corpus README.

Entities: per article, predicted entities align one-to-one with gold entities of the same type —
strict when a name or mention is equal after case and diacritic folding, relaxed when the best token
overlap F1 between their names and mentions is at least 0.5. Relations: the predicate is equal, the
subject aligns, and the object aligns (entities), matches as a date (ISO or day-month), or overlaps
the gold text (literals). Micro-averaged precision, recall and F1 per type and per predicate.

A corpus is a folder of gold files (`gold/*.json`, or the folder itself) with the articles they
annotate (`articles/`, or given apart); `held_out.txt` beside them names the articles kept out of
rule tuning, so that every report shows the tuned part and the held-out part apart.
"""

from __future__ import annotations

from .corpora import (
    HELD_OUT_FILE,
    Corpus,
    Evaluation,
    check_gold,
    evaluate,
    evaluate_corpora,
    load_corpus,
    load_gold,
    slice_of,
)
from .reports import compare, error_listing, report, summary
from .scoring import (
    RELAXED_MIN,
    DocResult,
    Error,
    Scores,
    Tally,
    align,
    fold,
    literal_overlaps,
    score_document,
    token_f1,
)

__all__ = [
    "HELD_OUT_FILE",
    "RELAXED_MIN",
    "Corpus",
    "DocResult",
    "Error",
    "Evaluation",
    "Scores",
    "Tally",
    "align",
    "check_gold",
    "compare",
    "error_listing",
    "evaluate",
    "evaluate_corpora",
    "fold",
    "literal_overlaps",
    "load_corpus",
    "load_gold",
    "report",
    "score_document",
    "slice_of",
    "summary",
    "token_f1",
]
