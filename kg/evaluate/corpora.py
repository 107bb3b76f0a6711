"""Gold files, corpora (gold with the articles it annotates, some held out of rule tuning) and
runs over several corpora, scored document by document."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import PREDICATES, EntityType, KgError
from .scoring import DocResult, Error, Scores, score_document

ENTITY_TYPES = frozenset(t.value for t in EntityType)
# Predicates whose object may be text rather than an entity (a post, a rank, a topic).
LITERAL_PREDICATES = frozenset({"holdsPosition", "hasRank", "about"})
ATTRIBUTES = frozenset({"country", "position", "rank", "iso", "acronym", "status", "note"})
HELD_OUT_FILE = "held_out.txt"


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
