"""Scoring one document against its gold: alignment of entities (strict and relaxed), matching of
relations, tallies per type and per predicate, and the errors behind them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..clean import ascii_key

RELAXED_MIN = 0.5
_WORD = re.compile(r"[\w+]+")
MODES = ("strict", "relaxed")
GROUPS = ("entity", "relation")


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
    def gold(self) -> int:
        return self.tp + self.fn

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

    def add(self, other: Scores) -> None:
        for key, t in other.tallies.items():
            self.tallies.setdefault(key, Tally()).add(t)


@dataclass(frozen=True)
class Error:
    """One disagreement with the gold: `missed` (gold not found), `spurious` (found, not in the
    gold) or `boundary` (found, but named differently: it aligns only when relaxed)."""

    doc: str
    group: str
    label: str
    kind: str
    found: str = ""
    expected: str = ""
    evidence: str = ""

    def line(self) -> str:
        if self.kind == "boundary":
            text = f"found {self.found!r}, gold {self.expected!r}"
        else:
            text = self.found if self.kind == "spurious" else self.expected
        tail = f"   « {self.evidence} »" if self.evidence else ""
        return f"{self.doc}  {self.kind:<8} {text}{tail}"


@dataclass
class DocResult:
    stem: str
    scores: Scores
    errors: list[Error]


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


def score_document(pred: dict[str, Any], gold: dict[str, Any], stem: str = "") -> DocResult:
    """Tallies of one document in both modes, and its errors (entities: missed and spurious when
    relaxed, boundary when only relaxed aligns; relations: missed and spurious when relaxed)."""
    result = DocResult(stem, Scores(), [])
    mappings = {}
    for mode in MODES:
        mapping = mappings[mode] = align(pred["entities"], gold["entities"], mode)
        _score_entities(pred, gold, mapping, result.scores, mode)
        unmatched, spurious = _score_relations(pred, gold, mapping, result.scores, mode)
    result.errors = [
        *_entity_errors(stem, pred, gold, mappings["strict"], mappings["relaxed"]),
        *_relation_errors(stem, pred, gold, unmatched, spurious),
    ]
    return result


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
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Tallies of the relations; the gold relations left unmatched and the spurious predicted ones."""
    pents = {e["id"]: e for e in pred["entities"]}
    gents = {e["id"]: e for e in gold["entities"]}
    unmatched = list(gold["relations"])
    spurious = []
    for r in pred["relations"]:
        t = scores.tally(mode, "relation", r["predicate"])
        hit = next(
            (g for g in unmatched if _relation_match(r, g, mapping, pents, gents, mode)), None
        )
        if hit is None:
            t.fp += 1
            spurious.append(r)
        else:
            t.tp += 1
            unmatched.remove(hit)
    for g in unmatched:
        scores.tally(mode, "relation", g["predicate"]).fn += 1
    return unmatched, spurious


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


# ------------------------------------------------------------------ error listing


def _entity_errors(
    stem: str,
    pred: dict[str, Any],
    gold: dict[str, Any],
    strict: dict[str, str],
    relaxed: dict[str, str],
) -> Iterator[Error]:
    gents = {e["id"]: e for e in gold["entities"]}
    found = set(relaxed.values())
    for p in pred["entities"]:
        if p["id"] not in relaxed:
            yield Error(stem, "entity", p["type"], "spurious", found=p["name"])
        elif p["id"] not in strict:
            expected = gents[relaxed[p["id"]]]["name"]
            yield Error(stem, "entity", p["type"], "boundary", found=p["name"], expected=expected)
    for g in gold["entities"]:
        if g["id"] not in found:
            yield Error(stem, "entity", g["type"], "missed", expected=g["name"])


def _relation_errors(
    stem: str,
    pred: dict[str, Any],
    gold: dict[str, Any],
    unmatched: list[dict[str, Any]],
    spurious: list[dict[str, Any]],
) -> Iterator[Error]:
    for g in unmatched:
        text = _triple(g, {e["id"]: e for e in gold["entities"]})
        yield Error(
            stem, "relation", g["predicate"], "missed", expected=text, evidence=g["evidence"]
        )
    for r in spurious:
        evidence = r["evidence"]["text"] if isinstance(r["evidence"], dict) else r["evidence"]
        text = _triple(r, {e["id"]: e for e in pred["entities"]})
        if r.get("rule"):
            text = f"{text}  [{r['rule']}]"
        yield Error(stem, "relation", r["predicate"], "spurious", found=text, evidence=evidence)


def _triple(r: dict[str, Any], ents: dict[str, Any]) -> str:
    subject = ents[r["subject"]]["name"] if r["subject"] in ents else r["subject"]
    obj = ents[r["object"]]["name"] if r["object"] in ents else r["object"]
    return f"{subject} → {obj}"
