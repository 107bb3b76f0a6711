"""The article as a whole: its events in order, and the generic nouns that refer back to them.

News names an event once and then writes `hội nghị`, `buổi lễ`, `lễ khai mạc`, `khóa huấn luyện`,
`chuyến thăm` for it; `Đây là khóa huấn luyện thứ ba` describes one already named. Each such noun
resolves to the latest event it can name: one with the same head noun, else of the same kind, else
the article's main event. `hai bên`, `hai Bộ trưởng`, `hai nước` name the two parties of the latest
talks or visit. The dateline (`Hà Nội, 24/4/2014 –`, `Seoul (TTXVN) –`) and `Sáng nay` give the
lead's place and date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import POSITIONS_SEPARATOR, EntityType
from ..entities import Candidate
from ..gazetteer import Cat, words_key
from ..tokens import Tokens
from .entities import Assembly

Span = tuple[int, int]
# The kinds of events a generic head noun can name when no event with that head is known.
COMPATIBLE = {
    "Conference": {"Conference", "Meeting"},
    "Meeting": {"Meeting", "Conference"},
    "Ceremony": {"Ceremony"},
    "Course": {"Course"},
    "Exercise": {"Exercise"},
    "Visit": {"Visit"},
    "Event": {"Event", "Conference"},
}


@dataclass(frozen=True)
class Mention:
    """A candidate of a sentence that names an entity: directly, or by referring back (`referent`)."""

    entity: str
    type: EntityType
    i: int
    j: int
    candidate: Candidate
    referent: bool = False


@dataclass
class Event:
    entity: str
    head: str
    kind: str
    sentence: int
    planned: bool = False


@dataclass
class Discourse:
    """What the article has said so far, sentence by sentence."""

    events: list[Event] = field(default_factory=list)
    timeline: list[tuple[int, str, EntityType]] = field(default_factory=list)
    pairs: list[tuple[int, str, str]] = field(default_factory=list)
    named: dict[tuple[EntityType, str], str] = field(default_factory=dict)
    last: dict[EntityType, str] = field(default_factory=dict)
    main: str | None = None
    dateline_place: str | None = None
    dateline_date: str | None = None
    place_alone: str | None = None  # a place on a line of its own before the lead (`Seoul (TTXVN)`)
    topics_named: set[str] = field(default_factory=set)
    co_chairs: dict[str, list[str]] = field(default_factory=dict)
    people_of: dict[str, list[str]] = field(default_factory=dict)  # country → its people, in order
    posts_of: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # person → post keys

    def latest(self, head: str = "", kind: str = "", before: int | None = None) -> str | None:
        """The latest event with this head noun, else of a kind the head can name."""
        events = [e for e in self.events if before is None or e.sentence <= before]
        for e in reversed(events):
            if head and (e.head == head or e.head.startswith(head + " ")):
                return e.entity  # `đối thoại` names the `Đối thoại chính sách …` met before
        kinds = COMPATIBLE.get(kind, {kind})
        for e in reversed(events):
            if kind and e.kind in kinds:
                return e.entity
        return None

    def current(self, n: int, typ: EntityType = EntityType.EVENT) -> str | None:
        """The event (or agreement) the article is talking about at sentence n: the latest one named
        (or referred back to) before it, else the main event."""
        latest = next((e for s, e, kind in reversed(self.timeline) if s < n and kind is typ), None)
        return latest or (self.main if typ is EntityType.EVENT else None)

    def occasion(self, n: int) -> str | None:
        """The latest event named before sentence n that is no ceremony (a course, an exercise, a
        conference, a visit), else the main event."""
        kinds = {e.entity: e.kind for e in self.events}
        latest = (
            e
            for s, e, typ in reversed(self.timeline)
            if s < n and typ is EntityType.EVENT and kinds.get(e) != "Ceremony"
        )
        return next(latest, None) or self.main

    def two_parties(self, n: int) -> tuple[str, str] | None:
        """`hai Bộ trưởng`, `hai bên`: the two people of the latest talks or reception before or in
        sentence n."""
        return next(((a, b) for s, a, b in reversed(self.pairs) if s <= n), None)

    def meet(self, n: int, a: str, b: str) -> None:
        self.pairs.append((n, a, b))

    def co_chair(self, n: int, event: str, person: str) -> None:
        """Two people co-chairing one event are a pair (`hai Thứ trưởng ký …` later)."""
        chairs = self.co_chairs.setdefault(event, [])
        if person not in chairs:
            chairs.append(person)
            if len(chairs) == 2:
                self.meet(n, *chairs)

    def see(self, entity: str, head: str, kind: str, sentence: int, planned: bool) -> None:
        self.timeline.append((sentence, entity, EntityType.EVENT))
        if not any(e.entity == entity for e in self.events):
            self.events.append(Event(entity, head, kind, sentence, planned))
        else:
            self.events = [e for e in self.events if e.entity != entity] + [
                next(e for e in self.events if e.entity == entity)
            ]
        if self.main is None and not planned:
            self.main = entity


def head_key(t: Tokens, c: Candidate) -> str:
    m = t.any_at(c.i, Cat.EVENT, Cat.ORG_HEAD, Cat.AGREEMENT)
    return " ".join(t.keys[m.i : m.end]) if m else t[c.i].key


def mentions_by_sentence(assembly: Assembly) -> tuple[list[list[Mention]], Discourse]:
    """Each sentence's mentions, generic nouns resolved, and the discourse that resolved them."""
    d = Discourse()
    kinds = {e.id: e.attributes.get("kind", "") for e in assembly.entities}
    planned = {e.id for e in assembly.entities if e.attributes.get("status")}
    types = {e.id: e.type for e in assembly.entities}
    for e in assembly.entities:
        if e.type is EntityType.PERSON and e.attributes.get("country"):
            d.people_of.setdefault(e.attributes["country"], []).append(e.id)
        if e.type is EntityType.PERSON and e.attributes.get("position"):
            posts = e.attributes["position"].split(POSITIONS_SEPARATOR)
            d.posts_of[e.id] = [words_key(p) for p in posts]
    out: list[list[Mention]] = []
    for s in assembly.sentences:
        t = s.tokens
        mentions: list[Mention] = []
        for c in sorted(s.candidates, key=lambda c: (c.i, -(c.j - c.i))):
            if c.refers_back:
                target = _refer(d, t, c, s.n)
                if target and types.get(target) is c.type:
                    mentions.append(Mention(target, c.type, c.i, c.j, c, referent=True))
                continue
            entity = assembly.of(s.n, c)
            if entity is None:
                continue
            mentions.append(Mention(entity, c.type, c.i, c.j, c))
        for m in mentions:
            head = head_key(t, m.candidate)
            d.named[(m.type, head)] = d.last[m.type] = m.entity
            if m.type is EntityType.EVENT:
                d.see(m.entity, head, kinds.get(m.entity, ""), s.n, m.entity in planned)
            elif m.type is EntityType.AGREEMENT:
                d.timeline.append((s.n, m.entity, EntityType.AGREEMENT))
        out.append(mentions)
    return out, d


def _refer(d: Discourse, t: Tokens, c: Candidate, n: int) -> str | None:
    head = head_key(t, c)
    if c.type is EntityType.EVENT:
        return d.latest(head, c.kind) or d.main
    if c.type is EntityType.PERSON:
        return _holder(d, t, c) if c.rule == "person.bare-post" else _counterpart(d, c)
    return d.named.get((c.type, head)) or (
        d.last.get(c.type) if c.type is EntityType.AGREEMENT else None
    )


def _holder(d: Discourse, t: Tokens, c: Candidate) -> str | None:
    """`Đại sứ cho biết …`: the one person of the article whose post begins with these words (none
    when several hold such a post: which one is meant is not written)."""
    key = tuple(t.keys[c.i : c.j])
    people = [
        p for p, posts in d.posts_of.items() if any(post[: len(key)] == key for post in posts)
    ]
    return people[0] if len(people) == 1 else None


def _counterpart(d: Discourse, c: Candidate) -> str | None:
    """`người đồng cấp Indonesia`: the one person of that country the article names (none when it
    names several: which one is meant is not written)."""
    people = d.people_of.get(c.country, [])
    return people[0] if len(people) == 1 else None
