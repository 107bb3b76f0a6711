"""Topics (`about`): the `về …` complement of an event's or agreement's name, and the items after a
topic cue (`thảo luận …`, `tập trung vào …: A, B và C`, `trong các lĩnh vực: …`, a quoted title),
each item a clean literal (`;` separates items; without `;`, commas and the last `và` do)."""

from __future__ import annotations

from functools import cache

from ... import lexicon
from ...clean import match_key
from ..document.discourse import Mention
from ..entities.shapes import stop_at
from ..gazetteer import syllables_of
from .context import SentenceView

DATED = {"EVENT", "AGREEMENT"}
END_TOPIC = {".", "!", "?"}


@cache
def topic_cues() -> tuple[tuple[tuple[str, ...], bool], ...]:
    """Topic cues, longest first, each with whether its event may come after it in the sentence."""
    cues = (
        (tuple(match_key(s) for s in syllables_of(row["term"])), row["event"] == "any")
        for row in lexicon.table("topic_cues")
    )
    return tuple(sorted(cues, key=lambda c: len(c[0]), reverse=True))


def topic_start(view: SentenceView, m: Mention) -> int:
    """Where a name's own `về ...` complement starts (its end when it has none)."""
    for k in range(m.i + 1, m.j):
        if view.t[k].key == "về" and not any(o is not m and o.i < k < o.j for o in view.mentions):
            return k
    return m.j


def name_topics(view: SentenceView) -> None:
    """`Bản ghi nhớ về hợp tác quân y` → about `hợp tác quân y`."""
    t = view.t
    for m in view.outer(DATED):
        if m.referent:
            continue
        k = topic_start(view, m)
        if k < m.j - 1:
            end = next((q for q in range(k + 1, m.j) if t[q].key == "giữa"), m.j)
            if end > k + 1:
                view.add(m.entity, "about", view.text(k + 1, end), "topic.name", 0.7, literal=True)


def cue_topics(view: SentenceView) -> None:
    """`Các Bộ trưởng thảo luận về A; B`, `tập trung vào ba nội dung: A, B và C` → about each."""
    t = view.t
    for cue, anywhere in topic_cues():
        if cue[0] not in t.positions:
            continue
        for ci in view.cues(cue):
            subject = _subject(view, ci, anywhere)
            if subject is None:
                continue
            for a, b in topic_items(view, ci + len(cue)):
                view.add(
                    subject,
                    "about",
                    view.text(a, b),
                    "topic.cue:" + " ".join(cue),
                    0.6,
                    literal=True,
                )
            break


def _subject(view: SentenceView, ci: int, anywhere: bool) -> str | None:
    named = view.outer(DATED)
    before = [m for m in named if m.j <= ci]
    if before:
        return before[-1].entity
    if named and anywhere:
        return named[0].entity
    return view.discourse.current(view.n)


def topic_items(view: SentenceView, k: int) -> list[tuple[int, int]]:
    """Token ranges of the topics after a cue: a quotation, or the items to the sentence's end."""
    t = view.t
    start = k
    for q in range(k, min(len(t), k + 10)):
        if t[q].text in {'"', "“"}:
            end = next((e for e in range(q + 1, len(t)) if t[e].text in {'"', "”"}), len(t))
            return [(q + 1, end)] if end > q + 1 else []
        if t[q].key in {"gồm", "về", ":", "là"}:
            start = q + 1
            break
    end = next((q for q in range(start, len(t)) if t[q].text in END_TOPIC), len(t))
    end = _clause_end(view, start, end)
    separators = {";"} if any(t[q].text == ";" for q in range(start, end)) else {",", "và"}
    items, a = [], start
    for q in range(start, end + 1):
        if q == end or t[q].text in separators or (t[q].key in separators and q > a):
            if q - a >= 1 and _is_topic(view, a, q):
                items.append(_trim(view, a, q))
            a = q + 1
    return [x for x in items if x[1] > x[0]]


def _clause_end(view: SentenceView, start: int, end: int) -> int:
    """A topic list ends before `, nhằm …`, `, đi đến thống nhất …`: a comma then a verb."""
    t = view.t
    for q in range(start, end - 1):
        if (
            t[q].text == ","
            and (stop := stop_at(t, q + 1))
            and stop.entries[0].get("kind") == "verb"
        ):
            return q
    return end


def _is_topic(view: SentenceView, a: int, b: int) -> bool:
    return any(tok.is_word for tok in view.t[a:b])


def _trim(view: SentenceView, a: int, b: int) -> tuple[int, int]:
    t = view.t
    while a < b and (not t[a].is_word or t[a].key in {"các", "những"}):
        a += 1
    while b > a and not t[b - 1].is_word and t[b - 1].text not in {")", "+"}:
        b -= 1
    return a, b
