"""Reports of a run: the table of a part's scores, the summary of the parts, parts side by side,
and the list of errors."""

from __future__ import annotations

from collections import Counter

from .corpora import Evaluation
from .scoring import GROUPS, Error, Scores

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
