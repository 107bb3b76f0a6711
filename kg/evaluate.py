"""Scoring against gold annotations, by the rules of the corpus README.

Entities: per article, predicted entities align one-to-one with gold entities of the same type —
strict when a name or mention is equal after case and diacritic folding, relaxed when the best token
overlap F1 between their names and mentions is at least 0.5. Relations: the predicate is equal, the
subject aligns, and the object aligns (entities), matches as a date (ISO or day-month), or overlaps
the gold text (literals). Micro-averaged precision, recall and F1 per type and per predicate.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clean import ascii_key
from .model import KgError

RELAXED_MIN = 0.5
_WORD = re.compile(r"[\w+]+")


def fold(text: str) -> str:
    return " ".join(_WORD.findall(ascii_key(text)))


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(fold(a).split()), Counter(fold(b).split())
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Tallies keyed by (mode, group, label): mode strict|relaxed, group entity|relation."""

    tallies: dict[tuple[str, str, str], Tally] = field(default_factory=dict)

    def tally(self, mode: str, group: str, label: str) -> Tally:
        return self.tallies.setdefault((mode, group, label), Tally())

    def total(self, mode: str, group: str) -> Tally:
        out = Tally()
        for (m, g, _), t in self.tallies.items():
            if (m, g) == (mode, group):
                out.add(t)
        return out

    def labels(self, group: str) -> list[str]:
        return sorted({label for (_, g, label) in self.tallies if g == group})


# ------------------------------------------------------------------ alignment


def _names(ent: dict[str, Any]) -> list[str]:
    mentions = [m["text"] if isinstance(m, dict) else m for m in ent.get("mentions", [])]
    return [ent["name"], *mentions]


def _strict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    fa = {fold(n) for n in _names(a)}
    return any(fold(n) in fa for n in _names(b))


def _relaxed(a: dict[str, Any], b: dict[str, Any]) -> float:
    return max(token_f1(x, y) for x in _names(a) for y in _names(b))


def align(pred: list[dict[str, Any]], gold: list[dict[str, Any]], mode: str) -> dict[str, str]:
    """One-to-one map pred id → gold id of the same type, best scores first."""
    pairs = []
    for p in pred:
        for g in gold:
            if p["type"] != g["type"]:
                continue
            if _strict(p, g):
                pairs.append((2.0, p["id"], g["id"]))
            elif mode == "relaxed":
                score = _relaxed(p, g)
                if score >= RELAXED_MIN:
                    pairs.append((score, p["id"], g["id"]))
    out: dict[str, str] = {}
    used: set[str] = set()
    for _, pid, gid in sorted(pairs, key=lambda x: -x[0]):
        if pid not in out and gid not in used:
            out[pid] = gid
            used.add(gid)
    return out


# ------------------------------------------------------------------ scoring


def score_document(pred: dict[str, Any], gold: dict[str, Any], scores: Scores) -> None:
    for mode in ("strict", "relaxed"):
        mapping = align(pred["entities"], gold["entities"], mode)
        _score_entities(pred, gold, mapping, scores, mode)
        _score_relations(pred, gold, mapping, scores, mode)


def _score_entities(
    pred: dict[str, Any], gold: dict[str, Any], mapping: dict[str, str], scores: Scores, mode: str
) -> None:
    matched = set(mapping.values())
    for p in pred["entities"]:
        t = scores.tally(mode, "entity", p["type"])
        if p["id"] in mapping:
            t.tp += 1
        else:
            t.fp += 1
    for g in gold["entities"]:
        if g["id"] not in matched:
            scores.tally(mode, "entity", g["type"]).fn += 1


def _score_relations(
    pred: dict[str, Any], gold: dict[str, Any], mapping: dict[str, str], scores: Scores, mode: str
) -> None:
    pents = {e["id"]: e for e in pred["entities"]}
    gents = {e["id"]: e for e in gold["entities"]}
    unmatched = list(gold["relations"])
    for r in pred["relations"]:
        t = scores.tally(mode, "relation", r["predicate"])
        hit = next(
            (g for g in unmatched if _relation_match(r, g, mapping, pents, gents, mode)), None
        )
        if hit is None:
            t.fp += 1
        else:
            t.tp += 1
            unmatched.remove(hit)
    for g in unmatched:
        scores.tally(mode, "relation", g["predicate"]).fn += 1


def _relation_match(
    r: dict[str, Any],
    g: dict[str, Any],
    mapping: dict[str, str],
    pents: dict[str, Any],
    gents: dict[str, Any],
    mode: str,
) -> bool:
    if r["predicate"] != g["predicate"] or mapping.get(r["subject"]) != g["subject"]:
        return False
    pobj, gobj = r["object"], g["object"]
    if gobj in gents:
        if pobj in pents and mapping.get(pobj) == gobj:
            return True
        gent = gents[gobj]
        if gent["type"] == "DATE":
            return _same_date(pents.get(pobj), pobj, gent)
        return False
    ptext = pents[pobj]["name"] if pobj in pents else str(pobj)
    return literal_overlaps(ptext, gobj)


def literal_overlaps(pred: str, gold: str) -> bool:
    """A literal object matches when one text contains the other or their tokens overlap (F1 ≥ 0.5)."""
    a, b = fold(pred), fold(gold)
    return bool(a and b) and (a in b or b in a or token_f1(pred, gold) >= RELAXED_MIN)


def _same_date(pent: dict[str, Any] | None, pobj: str, gent: dict[str, Any]) -> bool:
    giso = gent.get("attributes", {}).get("iso")
    piso = (pent or {}).get("attributes", {}).get("iso") if pent else pobj
    if giso and piso and giso == piso:
        return True
    ptext = pent["name"] if pent else pobj
    return _day_month(ptext) is not None and _day_month(ptext) == _day_month(gent["name"])


def _day_month(text: str) -> tuple[int, int] | None:
    m = re.search(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})", text)
    return (int(m[1]), int(m[2])) if m else None


# ------------------------------------------------------------------ files and report


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    if not gold_dir.is_dir():
        raise KgError(f"{gold_dir}: gold folder not found")
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise KgError(f"{path}: unreadable gold file ({err})") from None
    return out


def evaluate(
    predictions: Iterable[tuple[str, dict[str, Any]]], gold: dict[str, dict[str, Any]]
) -> tuple[Scores, list[str]]:
    """Scores over the documents that have gold (matched by file stem); the stems scored."""
    scores = Scores()
    scored = []
    for stem, pred in predictions:
        if stem in gold:
            score_document(pred, gold[stem], scores)
            scored.append(stem)
    return scores, scored


def report(scores: Scores) -> str:
    lines = []
    for group in ("entity", "relation"):
        if not scores.labels(group):
            continue
        lines.append(
            f"{group:<16} {'strict P':>9} {'R':>6} {'F1':>6}   {'relaxed P':>9} {'R':>6} {'F1':>6}   {'gold':>5}"
        )
        for label in [*scores.labels(group), "OVERALL"]:
            s = (
                scores.total("strict", group)
                if label == "OVERALL"
                else scores.tally("strict", group, label)
            )
            r = (
                scores.total("relaxed", group)
                if label == "OVERALL"
                else scores.tally("relaxed", group, label)
            )
            lines.append(
                f"{label:<16} {s.precision:>9.3f} {s.recall:>6.3f} {s.f1:>6.3f}   "
                f"{r.precision:>9.3f} {r.recall:>6.3f} {r.f1:>6.3f}   {s.tp + s.fn:>5}"
            )
        lines.append("")
    return "\n".join(lines).rstrip()
