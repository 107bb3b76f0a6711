"""Entity rules over one sentence's tokens: people, organisations, events, agreements, places and
dates, with nesting resolved by the annotation rules.

Every rule reads lexicon categories (`Cat`), capitalisation, POS and a few punctuation shapes; none
knows a particular name. `scan` returns the sentence's candidates, immutable and keyed by position.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from ... import lexicon
from ...clean import match_key
from ...model import EntityType
from ..gazetteer import Cat
from ..tokens import Tokens, ends_with
from .candidate import Candidate, Span
from .names import find_named
from .people import find_people
from .places import find_places

__all__ = ["Candidate", "Span", "scan"]


def scan(t: Tokens) -> list[Candidate]:
    """All candidates of a sentence, overlaps resolved: a person's name and posts win over what they
    contain; a longer name of one type wins over a shorter one; places and dates inside names go."""
    people = [_country_peeled(t, p) for p in find_people(t)]
    posts = [span for p in people for span in p.posts]
    named = [
        f for f in find_named(t) if not any(f.overlaps(p) and p.i <= f.i < p.j for p in people)
    ]
    named = [f for f in named if not (any(_within(f, s) for s in posts) and _party_organ(t, f))]
    named = _without_modifiers(t, _prefer_longest(t, named))
    names = [f for f in named if not f.refers_back]
    acronyms = [f.acronym for f in named if f.acronym]
    blockers: list[Candidate | Span] = [*people, *names, *posts, *acronyms]
    places = [
        pl
        for pl in find_places(t)
        if not any(pl.overlaps(b) and not _destination(t, pl, b) for b in blockers)
        and not _after_post(t, pl.i)
        and not t.in_quotes(pl.i)
        and not _not_a_place_here(t, pl.i)
    ]
    dates = [
        Candidate(EntityType.DATE, i, j, "date.pattern", date=d)
        for i, j, d in t.dates
        if not any(_overlap(i, j, b) for b in blockers[len(people) :])
    ]
    return [*people, *named, *places, *dates]


def _within(f: Candidate, span: Span) -> bool:
    return span[0] <= f.i and f.j <= span[1]


def _overlap(i: int, j: int, b: Candidate | Span) -> bool:
    bi, bj = (b.i, b.j) if isinstance(b, Candidate) else b
    return i < bj and bi < j


def _prefer_longest(t: Tokens, found: list[Candidate]) -> list[Candidate]:
    """Among candidates of one type that start at the same place or overlap, keep the longest;
    a known organisation's name hides the names inside it; an event named right after a
    ceremony's head (`Lễ khai mạc Khóa huấn luyện …`) stays an event of its own."""
    found = sorted(found, key=lambda f: (f.i, -(f.j - f.i)))
    kept: list[Candidate] = []
    for f in found:
        if f.acronym_only and any(f.inside(k) for k in found):
            continue
        if any(
            f.inside(k)
            and (_hides_inner(t, k) or (k.type == f.type and f.type is not EntityType.ORGANIZATION))
            and not (f.type is EntityType.EVENT and f.i == head_end(t, k))
            for k in kept
        ):
            continue
        clash = any(k.type == f.type and k.overlaps(f) and not f.inside(k) for k in kept)
        same_start = any(k.i == f.i and not _session_body(k, f) for k in kept)
        if clash or same_start or any(_in_head(t, f, k) for k in kept):
            continue
        kept.append(f)
    return kept


def _destination(t: Tokens, place: Candidate, outer: Candidate | Span) -> bool:
    """`thăm chính thức Hàn Quốc`, `chuyến công tác tại Australia`: the place a visit goes to is
    named in the visit's name and stays a place of its own (where the visit is held)."""
    return (
        isinstance(outer, Candidate)
        and outer.type is EntityType.EVENT
        and outer.kind == "Visit"
        and place.inside(outer)
        and place.i >= head_end(t, outer)
    )


def _session_body(outer: Candidate, f: Candidate) -> bool:
    """`Hội nghị Bộ trưởng Quốc phòng ASEAN` inside `… lần thứ 17`: the body a session is of."""
    return outer.type is EntityType.EVENT and f.rule == "name.known" and f.inside(outer)


def _hides_inner(t: Tokens, k: Candidate) -> bool:
    """A known organisation named like a meeting (`Hội nghị Bộ trưởng Quốc phòng ASEAN`) holds no
    organisation of its own in its name (`Phái bộ Liên hợp quốc tại Nam Sudan` holds the UN); nor
    does a named site (`Nhà khách Chính phủ`, `Trung tâm Hội nghị và Triển lãm …`)."""
    site = k.type is EntityType.LOCATION and k.rule == "place.site"
    return site or (bool(k.canonical) and t.at(k.i, Cat.EVENT) is not None)


def _in_head(t: Tokens, f: Candidate, outer: Candidate) -> bool:
    """`Đại học Quốc gia X` inside `Trường Đại học Quốc gia X`: a name starting inside another
    name's head noun is that name, not one of its own."""
    head = t.any_at(outer.i, Cat.ORG_HEAD, Cat.EVENT, Cat.AGREEMENT, Cat.SITE_HEAD)
    return head is not None and outer.i < f.i < head.end and f.j <= outer.j


def head_end(t: Tokens, c: Candidate) -> int:
    """Where the head of an event's or agreement's name ends, with its descriptors and ordinal
    (`Kỳ họp lần thứ 18`, `Hội nghị thường niên lần thứ 20`): the first capitalised word after it
    begins what the event is of."""
    m = t.any_at(c.i, Cat.EVENT, Cat.AGREEMENT)
    k = m.end if m else c.i + 1
    q = k
    while q < c.j and q - k < 6 and _descriptor(t, q):
        q += 1
    owner = q < c.j and (t[q].is_cap or t.at(q, Cat.ORG_HEAD) is not None)
    return q if owner else k


def _descriptor(t: Tokens, q: int) -> bool:
    """A word between an event's head and the body it is of: `thường niên`, `lần thứ 20`."""
    tok = t[q]
    if tok.is_cap or t.at(q, Cat.ORG_HEAD) is not None:
        return False
    return (tok.is_word or tok.is_number) and tok.key not in {"của", "về", "giữa", "và", "tại"}


def _without_modifiers(t: Tokens, named: list[Candidate]) -> list[Candidate]:
    """`Hội nghị Bộ trưởng Quốc phòng các nước ASEAN`: an organisation inside an event's or an
    agreement's name is no entity of its own, unless the event is that organisation's own meeting
    (`Kỳ họp lần thứ 18 Nhóm chuyên gia …`: the name follows the head)."""
    outers = [
        f for f in named if f.type in {EntityType.EVENT, EntityType.AGREEMENT} and not f.refers_back
    ]
    orgs = [f for f in named if f.type is EntityType.ORGANIZATION and not f.refers_back]
    return [
        f
        for f in named
        if f.type is not EntityType.ORGANIZATION
        or not (
            any(f.inside(o) and not _owner_of(t, o, f) and not _a_party(t, o, f) for o in outers)
            or any(_a_word_of(t, o, f) for o in orgs)
        )
    ]


def _a_word_of(t: Tokens, outer: Candidate, f: Candidate) -> bool:
    """`Lực lượng an ninh lâm thời Liên hợp quốc` in `Phái bộ Lực lượng …`, `Quân đội 108` in `Bệnh
    viện Trung ương Quân đội 108`: a head word inside an organisation's name names nothing of its
    own, unless it is a known body or comes after `của`, `thuộc` or a bracket."""
    if outer is f or not f.inside(outer) or (f.i, f.j) == (outer.i, outer.j):
        return False
    return f.rule == "name.organisation" and t[f.i - 1].key not in {"của", "thuộc", "("}


def _owner_of(t: Tokens, outer: Candidate, f: Candidate) -> bool:
    """`Kỳ họp lần thứ 18 Nhóm chuyên gia …`, `Hội nghị thường niên lần thứ 18 của AAPTC`: the body
    whose meeting it is, named right after the head (and `của`)."""
    start = head_end(t, outer)
    if f.i == start or _session_body(outer, f):
        return True
    q = start
    while q < f.i and _descriptor(t, q):
        q += 1
    return f.i == q + 1 and t[q].key == "của"


def _a_party(t: Tokens, outer: Candidate, f: Candidate) -> bool:
    """`Bản ghi nhớ … giữa A và B`: A and B are parties, organisations of their own."""
    if not any(t[k].key == "giữa" for k in range(outer.i, f.i)):
        return False
    q = f.i - 1
    while q > outer.i and f.i - q <= 6 and t[q].is_word and not t[q].is_cap and t[q].key != "và":
        q -= 1  # `giữa đoàn đại biểu quân sự cấp cao Bộ Quốc phòng X và …`: a delegation's body
    if q < f.i - 1 and t[q].key not in {"giữa", "và"}:
        q = f.i - 1
    return t[q].key in {
        "giữa",
        "và",
        "với",
        "(",  # `giữa Tổng cục X (Bộ Quốc phòng) và …`: a party's parent
    }


def _party_organ(t: Tokens, f: Candidate) -> bool:
    if f.type is not EntityType.ORGANIZATION:
        return False
    keys = t.keys_at(f.i, f.i + max(map(len, party_organs()), default=0))
    return any(keys[: len(organ)] == organ for organ in party_organs())


@cache
def party_organs() -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(match_key(w) for w in term.split()) for term in lexicon.words("party_organs")
    )


def _not_a_place_here(t: Tokens, i: int) -> bool:
    """`tiếng Anh`, `người Nhật`: a language or a people, not a place."""
    before = " ".join(t.keys[max(0, i - 2) : i])
    return any(before.endswith(w) for w in _not_place_after())


@cache
def _not_place_after() -> tuple[str, ...]:
    return tuple(match_key(w) for w in lexicon.words("not_place_after"))


def _after_post(t: Tokens, i: int) -> bool:
    """`Đại sứ Hoa Kỳ`, `người đồng cấp Indonesia`: a country right after a post (or after the word
    for a counterpart) is the post's country, not a place."""
    for k in range(max(0, i - 6), i):
        post = t.at(k, Cat.POST)
        if post and post.end == i:
            return True
    return ends_with(t, i, "counterpart") > 0


def _country_peeled(t: Tokens, p: Candidate) -> Candidate:
    """`Nhật Bản Yamada Takio` after a title: the country is an attribute, not part of the name."""
    m = t.any_at(p.i, Cat.COUNTRY, Cat.PLACE)
    if m and p.j - m.end >= 1 and m.end > p.i:
        entry = m.first(Cat.COUNTRY) or m.first(Cat.PLACE)
        return replace(p, i=m.end, country=entry.canonical if entry else "")
    return p
