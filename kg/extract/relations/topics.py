"""Topics (`about`): the `về …` complement of an event's or agreement's name, and the items after a
topic cue (`thảo luận …`, `tập trung vào …: A, B và C`, `trong các lĩnh vực: …`, a quoted title),
each item a clean literal (`;` separates items; without `;`, commas and the last `và` do)."""

from __future__ import annotations

from functools import cache

from ... import lexicon
from ...clean import match_key
from ...model import EntityType
from ..document.discourse import Mention
from ..entities.shapes import stop_at
from ..gazetteer import syllables_of
from ..tokens import Tokens, ends_with, starts_with
from .context import SentenceView

DATED = {"EVENT", "AGREEMENT"}
DISCUSSING = {"Conference", "Meeting"}  # the kinds of event whose name can say what they discuss
END_TOPIC = {".", "!", "?"}


@cache
def topic_cues() -> tuple[tuple[tuple[str, ...], bool, bool], ...]:
    """Topic cues, longest first, each with whether its event may come after it in the sentence
    and whether it opens a list of fields."""
    cues = (
        (
            tuple(match_key(s) for s in syllables_of(row["term"])),
            row["event"] == "any",
            row.get("fields") == "yes",
        )
        for row in lexicon.table("topic_cues")
    )
    return tuple(sorted(cues, key=lambda c: len(c[0]), reverse=True))


@cache
def _needs_opener() -> frozenset[tuple[str, ...]]:
    """The noun cues whose topics follow only after a list opener (lexicon column `opener`)."""
    return frozenset(
        tuple(match_key(s) for s in syllables_of(row["term"]))
        for row in lexicon.table("topic_cues")
        if row.get("opener") == "yes"
    )


OPENERS = {"gồm", "là", "về", ":", '"', "“"}
OPENER_REACH = 10  # tokens after a cue in which `_items` looks for `gồm`, `về`, `:` or `là`


def _opened(view: SentenceView, cj: int) -> bool:
    """A list opener after a noun cue, as near as `_items` looks for one (`các nội dung: …`, `các
    nội dung hợp tác trọng tâm trong thời gian tới, gồm: …`)."""
    t = view.t
    near = range(cj, min(len(t), cj + OPENER_REACH))
    return any(t[q].key in OPENERS or t[q].text in OPENERS for q in near)


def topic_start(view: SentenceView, m: Mention) -> int:
    """Where a name's own `về ...` complement starts (its end when it has none)."""
    for k in range(m.i + 1, m.j):
        if view.t[k].key == "về" and not any(o is not m and o.i < k < o.j for o in view.mentions):
            return k
    return m.j


def name_topics(view: SentenceView) -> None:
    """`Bản ghi nhớ về hợp tác quân y` → about `hợp tác quân y`; `… về hợp tác trong các lĩnh vực
    giáo dục, năng lượng tái tạo và phát triển cảng biển` → about each field; `Hội thảo về an ninh
    biển` → about `an ninh biển`. An agreement's or a meeting's name says what it is about; a course
    or an exercise `về …` is named after its subject. The first full name gives the topic, not a
    shorter name met later."""
    t = view.t
    for m in view.outer(DATED):
        if m.referent or m.entity in view.discourse.topics_named:
            continue
        if m.type is EntityType.EVENT and m.candidate.kind not in DISCUSSING:
            continue
        k = topic_start(view, m)
        if k < m.j - 1:
            end = next((q for q in range(k + 1, m.j) if t[q].key == "giữa"), m.j)
            end = _before_period(view, k + 1, end)
            if end <= k + 1:
                continue
            view.discourse.topics_named.add(m.entity)
            fields = _fields(view, k + 1, end)
            for a, b in fields or [(k + 1, end)]:
                view.add(m.entity, "about", view.text(a, b), "topic.name", 0.7, literal=True)


def _before_period(view: SentenceView, a: int, b: int) -> int:
    """`… giai đoạn 2024 – 2029`, `… đến năm 2030`, `… lần thứ 3`, `(ABC-2025)`: a name's period,
    number or bracket is no part of its topic (lexicon role numbering)."""
    t = view.t
    for q in range(a + 1, b):
        if t[q].text == "(":
            return q
        n = starts_with(t, q, "numbering")
        if n and any(tok.is_number for tok in t[q + n : min(b, q + n + 2)]):
            return q
    return b


def _fields(view: SentenceView, a: int, b: int) -> list[tuple[int, int]]:
    """`hợp tác trong các lĩnh vực A, B và C`: the fields listed, each a topic."""
    t = view.t
    for q in range(a, b - 3):
        if t.keys_at(q, q + 4) == ("trong", "các", "lĩnh", "vực"):
            return topic_items(view, q + 4, b)
    return []


def cue_topics(view: SentenceView) -> None:
    """`Các Bộ trưởng thảo luận về A; B`, `tập trung vào ba nội dung: A, B và C`, `hợp tác trong các
    lĩnh vực: A, B` → about each, for the event or agreement the sentence is framed by."""
    t = view.t
    starts = sorted(
        (ci, ci + len(cue), anywhere, fields)
        for cue, anywhere, fields in topic_cues()
        if cue[0] in t.positions
        for ci in view.cues(cue)
    )
    starts = [s for s in starts if not any(o[0] < s[0] < o[1] for o in starts)]  # longest cues win
    starts = [  # `tập trung vào ba nội dung: …`: the later cue reads the list
        s
        for n, s in enumerate(starts)
        if not (n + 1 < len(starts) and starts[n + 1][0] - s[1] <= 2)
    ]
    for n, (ci, cj, anywhere, fields) in enumerate(starts):
        if t.keys_at(ci, cj) in _needs_opener() and not _opened(view, cj):
            continue
        subject = _subject(view, ci, anywhere)
        if subject is None:
            continue
        limit = starts[n + 1][0] if n + 1 < len(starts) else len(t)
        for a, b in topic_items(view, cj, limit, fields):
            obj = _named_topic(view, a, b)
            if obj:
                view.add(subject, "about", obj, "topic.cue-entity", 0.65)
            else:
                view.add(subject, "about", view.text(a, b), "topic.cue", 0.6, literal=True)


def _named_topic(view: SentenceView, a: int, b: int) -> str | None:
    """A topic that is an agreement or an event the article names (`Hiệp định Thương mại …`)."""
    inner = view.inside(a, b, DATED)
    return inner[0].entity if len(inner) == 1 and inner[0].j - inner[0].i >= (b - a) // 2 else None


def _subject(view: SentenceView, ci: int, anywhere: bool) -> str | None:
    framed = _framing(view, ci)
    if framed:
        return framed
    named = [m for m in view.outer(DATED) if not _inside_topic(view, m, ci) and not _aside(view, m)]
    before = [m for m in named if m.j <= ci]
    if before:
        return before[-1].entity
    if named and anywhere:
        return named[0].entity
    if _a_meeting_of_people(view) or any(_aside(view, m) for m in view.outer(DATED)):
        return None  # `X đã làm việc với Y; hai bên trao đổi về …`: a meeting that is no event
    return view.discourse.current(view.n)


def _aside(view: SentenceView, m: Mention) -> bool:
    """`Bên lề kỳ họp, …`: what happens on the sidelines of an event is not part of it."""
    return ends_with(view.t, m.i, "sidelines") > 0


def _a_meeting_of_people(view: SentenceView) -> bool:
    """The sentence tells of people meeting (`met`, `received`) rather than of the event."""
    return any(f.predicate in {"met", "received"} for f in view.found)


def _framing(view: SentenceView, ci: int) -> str | None:
    """`Tại hội đàm, …`, `Theo bản ghi nhớ, …`, `Trong chuyến thăm, …`: the event or agreement the
    opening phrase of the sentence names (by name or referring back)."""
    t = view.t
    if ci == 0 or t[0].key not in {"tại", "theo", "trong"}:
        return None
    first = next((m for m in view.outer(DATED) if m.i <= 3), None)
    if first is None or first.j >= len(t) or t[first.j].text != ",":
        return None
    return first.entity


def _inside_topic(view: SentenceView, m: Mention, ci: int) -> bool:
    return m.i > ci


def topic_items(
    view: SentenceView, k: int, limit: int | None = None, fields: bool = False
) -> list[tuple[int, int]]:
    """Token ranges of the topics after a cue: a quotation, or the items to the clause's end; after
    a cue of fields, the first part (up to `;`) is a list of fields split at commas."""
    items = _items(view, k, limit)
    end = items[0][1] if items else 0
    if not fields or not items or end >= len(view.t) or view.t[end].text != ";":
        return items
    a, b = items[0]
    return [*_items(view, a, b), *items[1:]]


def _items(view: SentenceView, k: int, limit: int | None = None) -> list[tuple[int, int]]:
    t = view.t
    limit = len(t) if limit is None else limit
    start = k
    for q in range(k, min(limit, k + OPENER_REACH)):
        if t[q].text in {'"', "“"}:
            end = next((e for e in range(q + 1, len(t)) if t[e].text in {'"', "”"}), len(t))
            return [(q + 1, end)] if end > q + 1 else []
        if t[q].key in {"gồm", "về", ":", "là"} and not (t[q].key == "về" and q > k + 3):
            start = q + 1
            break
    end = next((q for q in range(start, limit) if t[q].text in END_TOPIC and view.breaks(q)), limit)
    end = _clause_end(view, start, end)
    while end > start and t[end - 1].text in {",", ";"}:
        end -= 1  # `… cùng quan tâm, đánh giá …`: the comma before the next cue closes no item
    has_semicolon = any(t[q].text == ";" for q in range(start, end))
    # `…, trong đó có vấn đề Biển Đông`, `…, nhất là …` (role elaboration): after a comma, a topic
    # of its own, and that comma enumerates nothing. Comma → the marker's length.
    elaborations = {
        q: n
        for q in range(start, end)
        if t[q].text == "," and (n := starts_with(t, q + 1, "elaboration"))
    }
    enumerated = has_semicolon or any(
        t[q].text == "," and q not in elaborations for q in range(start, end)
    )
    last_va = max((q for q in range(start, end) if t[q].key == "và"), default=end)
    items, a = [], start
    for q in range(start, end + 1):
        sep = q in elaborations or (
            q < end
            and (
                t[q].text == ";"
                if has_semicolon
                else (t[q].text == "," and q < last_va and not _scopes(t, q))
                or (enumerated and t[q].key == "và")
            )
            and not _in_a_name(view, q, start, end)
        )
        if q == end or sep:
            if q > a and _is_topic(view, a, q):
                items.append(_trim(view, a, q))
            a = q + 1 + elaborations.get(q, 0)
    return [x for x in items if x[1] > x[0]]


def _in_a_name(view: SentenceView, q: int, start: int, end: int) -> bool:
    """`Bản ghi nhớ … giữa Bộ Quốc phòng Việt Nam và Bộ Quốc phòng Philippines`: a separator inside
    a name within the list separates no topics (the name whose own complement the list is does
    not count)."""
    return any(start <= m.i < q < m.j - 1 and m.j <= end for m in view.outer())


def _scopes(t: Tokens, q: int) -> bool:
    """`các vấn đề quốc tế, khu vực cùng quan tâm`, `tình hình thế giới, khu vực`: a comma between
    two scope words (lexicon function_words, role scope) joins two modifiers of one noun, not two
    items."""
    return ends_with(t, q, "scope") > 0 and starts_with(t, q + 1, "scope") > 0


def _clause_end(view: SentenceView, start: int, end: int) -> int:
    """A topic list ends before `, nhằm …`, `, đi đến thống nhất …`, `, đồng thời …`: a comma then
    a verb or a word that opens a new clause (lexicon function_words, role clause_link)."""
    t = view.t
    for q in range(start, end - 1):
        if t[q].text != ",":
            continue
        stop = stop_at(t, q + 1)
        if (stop and stop.entries[0].get("kind") == "verb") or starts_with(t, q + 1, "clause_link"):
            return q
    return end


def _is_topic(view: SentenceView, a: int, b: int) -> bool:
    """A topic is a noun phrase, not a clause: it holds no verb of a clause (`sẽ`, `được`, `đóng
    góp`), only the verbs that name an activity (`tăng cường hợp tác`)."""
    t = view.t
    if not any(tok.is_word for tok in t[a:b]):
        return False
    for q in range(a, b):
        stop = stop_at(t, q)
        if stop is not None and stop.entries[0].get("kind") in {"verb", "anaphor"}:
            return False
    return True


def _trim(view: SentenceView, a: int, b: int) -> tuple[int, int]:
    t = view.t
    while a < b and (not t[a].is_word or t[a].key in {"các", "những"}):
        a += 1
    while b > a and (
        (not t[b - 1].is_word and t[b - 1].text not in {")", "+"})
        or ends_with(t, b, "joiner")  # `… hai năm qua và` before the next cue
    ):
        b -= 1
    return a, b
