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

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clean import ascii_key
from .model import PREDICATES, EntityType, KgError

RELAXED_MIN = 0.5
_WORD = re.compile(r"[\w+]+")
ENTITY_TYPES = frozenset(t.value for t in EntityType)
# Predicates whose object may be text rather than an entity (a post, a rank, a topic).
LITERAL_PREDICATES = frozenset({"holdsPosition", "hasRank", "about"})
ATTRIBUTES = frozenset({"country", "position", "rank", "iso", "acronym", "status", "note"})
HELD_OUT_FILE = "held_out.txt"
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


# ------------------------------------------------------------------ gold files


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    if not gold_dir.is_dir():
        raise KgError(f"{gold_dir}: gold folder not found")
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        if path.name.endswith(".meta.json"):
            continue
        try:
            out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise KgError(f"{path}: unreadable gold file ({err})") from None
    return out


def check_gold(gold: dict[str, Any], text: str) -> list[str]:
    """What makes a gold file unusable or off the rules: every mention and evidence an exact
    substring of its article, types, predicates and attributes from the closed sets, ids that exist."""
    problems: list[str] = []
    ids = Counter(e.get("id") for e in gold.get("entities", []))
    problems += [f"entity id {i} is used {n} times" for i, n in ids.items() if n > 1]
    for e in gold.get("entities", []):
        problems += _entity_problems(e, text)
    for r in gold.get("relations", []):
        problems += _relation_problems(r, ids, text)
    return problems


def _entity_problems(e: dict[str, Any], text: str) -> list[str]:
    where = f"{e.get('id')} ({e.get('name')})"
    out = []
    if e.get("type") not in ENTITY_TYPES:
        out.append(f"{where}: type {e.get('type')!r} is not one of {sorted(ENTITY_TYPES)}")
    if not e.get("mentions"):
        out.append(f"{where}: no mentions")
    out += [
        f"{where}: mention {m!r} is not in the article"
        for m in e.get("mentions", ())
        if m not in text
    ]
    out += [
        f"{where}: attribute {k!r} is not one of {sorted(ATTRIBUTES)}"
        for k in e.get("attributes", {})
        if k not in ATTRIBUTES
    ]
    return out


def _relation_problems(r: dict[str, Any], ids: Counter[str], text: str) -> list[str]:
    where = f"{r.get('subject')} {r.get('predicate')} {r.get('object')!r}"
    out = []
    if r.get("predicate") not in PREDICATES:
        out.append(f"{where}: predicate is not one of the {len(PREDICATES)}")
    if r.get("subject") not in ids:
        out.append(f"{where}: no entity {r.get('subject')}")
    if r.get("object") not in ids and r.get("predicate") not in LITERAL_PREDICATES:
        out.append(f"{where}: object must be an entity id")
    if not r.get("evidence") or r["evidence"] not in text:
        out.append(f"{where}: evidence {r.get('evidence')!r} is not in the article")
    return out


# ------------------------------------------------------------------ corpora


@dataclass(frozen=True)
class Corpus:
    """Gold files and the articles they annotate; `held_out`: stems kept out of rule tuning."""

    name: str
    gold: dict[str, dict[str, Any]]
    articles: dict[str, Path]
    held_out: frozenset[str] = frozenset()


def load_corpus(path: Path, articles: Iterable[Path] = ()) -> Corpus:
    """A corpus folder (`gold/`, `articles/`, `held_out.txt`: one file stem or article id, the
    part before the first `_`, per line) or a bare gold folder whose articles
    are among `articles` (files or folders, matched by file stem)."""
    gold_dir = path / "gold" if (path / "gold").is_dir() else path
    gold = load_gold(gold_dir)
    if not gold:
        raise KgError(f"{gold_dir}: no gold files (*.json)")
    sources = [path / "articles"] if (path / "articles").is_dir() else []
    found = _article_files([*sources, *articles])
    missing = sorted(set(gold) - set(found))
    if missing:
        raise KgError(
            f"{gold_dir}: no article for {len(missing)} gold file(s): {', '.join(missing[:5])}"
        )
    return Corpus(
        path.name if gold_dir != path else gold_dir.name,
        gold,
        {s: found[s] for s in gold},
        _held_out(path, gold_dir, gold),
    )


def _article_files(paths: Iterable[Path]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for p in paths:
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file() and f.suffix.lower() in {".txt", ".html", ".htm"}:
                out.setdefault(f.stem, f)
    return out


def _held_out(path: Path, gold_dir: Path, gold: dict[str, Any]) -> frozenset[str]:
    listing = next(
        (d / HELD_OUT_FILE for d in (path, gold_dir) if (d / HELD_OUT_FILE).is_file()), None
    )
    if listing is None:
        return frozenset()
    names = {ln.split("#")[0].strip() for ln in listing.read_text(encoding="utf-8").splitlines()}
    names.discard("")
    by_id = {stem.split("_")[0]: stem for stem in gold}
    unknown = sorted(n for n in names if n not in gold and n not in by_id)
    if unknown:
        raise KgError(f"{listing}: no gold file for {', '.join(unknown)}")
    return frozenset(n if n in gold else by_id[n] for n in names)


# ------------------------------------------------------------------ evaluation runs


@dataclass
class Evaluation:
    """Per-document results of one run over several corpora, and the parts a report shows."""

    results: dict[tuple[str, str], DocResult] = field(default_factory=dict)
    corpora: list[Corpus] = field(default_factory=list)

    def part(self, name: str) -> Scores:
        out = Scores()
        for key in self.keys(name):
            out.add(self.results[key].scores)
        return out

    def keys(self, name: str) -> list[tuple[str, str]]:
        """Documents of a part: `all`, `tuned`, `held-out`, a corpus name, or `slice X`."""
        held = {(c.name, s) for c in self.corpora for s in c.held_out}
        pick = {
            "all": lambda k: True,
            "tuned": lambda k: k not in held,
            "held-out": lambda k: k in held,
        }.get(name)
        if pick is None and name.startswith("slice "):
            prefix = name.split(" ", 1)[1]
            return [k for k in self.results if slice_of(k[1]) == prefix]
        if pick is None:
            return [k for k in self.results if k[0] == name]
        return [k for k in self.results if pick(k)]

    def parts(self) -> list[str]:
        names = ["all"]
        if any(c.held_out for c in self.corpora):
            names += ["tuned", "held-out"]
        if len(self.corpora) > 1:
            names += [c.name for c in self.corpora]
        slices = sorted({slice_of(stem) for _, stem in self.results} - {""})
        if len(slices) > 1:
            names += [f"slice {s}" for s in slices]
        return names

    def errors(self, name: str = "all") -> list[Error]:
        return [e for key in self.keys(name) for e in self.results[key].errors]


def slice_of(stem: str) -> str:
    """`m03_dien_tap…` → `m`: the letters an article's name starts with (its slice of the corpus)."""
    m = re.match(r"[A-Za-z]+(?=\d)", stem)
    return m[0] if m else ""


def evaluate_corpora(corpora: list[Corpus], predict: Any) -> Evaluation:
    """Score `predict(paths) -> iterable of (stem, extraction JSON)` on every corpus."""
    run = Evaluation(corpora=corpora)
    for corpus in corpora:
        for stem, pred in predict([corpus.articles[s] for s in sorted(corpus.gold)]):
            if stem in corpus.gold:
                run.results[(corpus.name, stem)] = score_document(pred, corpus.gold[stem], stem)
    return run


def evaluate(
    predictions: Iterable[tuple[str, dict[str, Any]]], gold: dict[str, dict[str, Any]]
) -> tuple[Scores, list[str]]:
    """Scores over the documents that have gold (matched by file stem); the stems scored."""
    scores = Scores()
    scored = []
    for stem, pred in predictions:
        if stem in gold:
            scores.add(score_document(pred, gold[stem], stem).scores)
            scored.append(stem)
    return scores, scored


# ------------------------------------------------------------------ reports


def report(scores: Scores) -> str:
    """Per type and per predicate: P, R, F1 strict and relaxed, and the gold count."""
    lines = []
    for group in GROUPS:
        if not scores.labels(group):
            continue
        lines.append(
            f"{group:<16} {'strict P':>9} {'R':>6} {'F1':>6}   {'relaxed P':>9} {'R':>6} {'F1':>6}   {'gold':>5}"
        )
        for label in [*scores.labels(group), "OVERALL"]:
            s, r = (
                (scores.total("strict", group), scores.total("relaxed", group))
                if label == "OVERALL"
                else (scores.tally("strict", group, label), scores.tally("relaxed", group, label))
            )
            lines.append(
                f"{label:<16} {s.precision:>9.3f} {s.recall:>6.3f} {s.f1:>6.3f}   "
                f"{r.precision:>9.3f} {r.recall:>6.3f} {r.f1:>6.3f}   {s.gold:>5}"
            )
        lines.append("")
    return "\n".join(lines).rstrip()


def summary(run: Evaluation) -> str:
    """One line per part: documents, entity and relation F1, strict and relaxed."""
    lines = [
        f"{'part':<16} {'docs':>5}   {'entity F1 strict':>16} {'relaxed':>8}   "
        f"{'relation F1 strict':>18} {'relaxed':>8}"
    ]
    for name in run.parts():
        s = run.part(name)
        lines.append(
            f"{name:<16} {len(run.keys(name)):>5}   "
            f"{s.total('strict', 'entity').f1:>16.3f} {s.total('relaxed', 'entity').f1:>8.3f}   "
            f"{s.total('strict', 'relation').f1:>18.3f} {s.total('relaxed', 'relation').f1:>8.3f}"
        )
    return "\n".join(lines)


def compare(run: Evaluation, parts: list[str]) -> str:
    """Per type and per predicate, F1 strict/relaxed of each part side by side, with gold counts."""
    lines = []
    for group in GROUPS:
        scores = [run.part(p) for p in parts]
        labels = sorted({lb for s in scores for lb in s.labels(group)})
        head = "".join(f"   {p[:17]:>17} {'gold':>5}" for p in parts)
        lines.append(f"{group + ' F1 s/r':<16}{head}")
        for label in [*labels, "OVERALL"]:
            cells = []
            for s in scores:
                st, rt = (
                    (s.total("strict", group), s.total("relaxed", group))
                    if label == "OVERALL"
                    else (s.tally("strict", group, label), s.tally("relaxed", group, label))
                )
                cells.append(f"   {st.f1:>8.3f}/{rt.f1:<8.3f} {st.gold:>5}")
            lines.append(f"{label:<16}{''.join(cells)}")
        lines.append("")
    return "\n".join(lines).rstrip()


def error_listing(errors: list[Error], only: set[str] | None = None) -> str:
    """Errors grouped by type or predicate, then by kind: what a rule writer reads first."""
    lines = []
    order = {"missed": 0, "boundary": 1, "spurious": 2}
    keyed = sorted(errors, key=lambda e: (GROUPS.index(e.group), e.label, order[e.kind], e.doc))
    current = None
    for e in keyed:
        if only and e.label not in only and e.group not in only:
            continue
        if (e.group, e.label) != current:
            current = (e.group, e.label)
            counts = Counter(x.kind for x in errors if (x.group, x.label) == current)
            tally = ", ".join(
                f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: order[kv[0]])
            )
            lines.append(f"\n== {e.group} {e.label}: {tally}")
        lines.append("  " + e.line())
    return "\n".join(lines).lstrip("\n")
