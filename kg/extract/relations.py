"""Relations from patterns over a sentence's entity mentions, cue words and punctuation.

Cue-driven patterns come from `ontology/lexicon/relation_patterns.tsv` (a new cue is a new row);
structural ones are read off the mentions themselves: apposed ranks and posts, a name nested in a
name, `tại` before a place, a date in the clause of an event, `về ...` topics. Bare nouns that refer
back (`Hội nghị`, `lễ khai mạc`, `Hiệp hội`) resolve to the latest entity of that type and head.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .. import lexicon
from ..clean import match_key, visible_nfc
from ..model import CleanDocument, Entity, EntityType, Evidence, Relation
from .assemble import near_miss
from .entities import Found, SentenceFinds
from .gazetteer import Cat, syllables_of
from .tokens import Tokens

CLAUSE_BREAKS = {";", ".", "!", "?"}
# `diễn ra tại Canberra vào tháng 10/2024`: a date after one of these belongs to the clause's event.
TIME_PREPOSITIONS = {"vào", "ngày", "trong", "từ"}
LIST_JOINERS = {"và", ",", "cùng", "với", ":"}


@dataclass(frozen=True)
class Pattern:
    predicate: str
    shape: str
    cue: tuple[str, ...]
    subject: str
    agent: frozenset[str]
    target: frozenset[str]
    confidence: float
    gap: int | None


@cache
def patterns() -> tuple[Pattern, ...]:
    """The rows of relation_patterns.tsv, longest cues first (a longer cue wins its tokens)."""
    found = (
        Pattern(
            row["predicate"],
            row["shape"],
            tuple(match_key(s) for s in syllables_of(row["cue"])),
            row["subject"],
            frozenset(row["agent"].split("|")),
            frozenset(row["target"].split("|")),
            float(row["confidence"]),
            int(row["gap"]) if row.get("gap") else None,
        )
        for row in lexicon.table("relation_patterns")
    )
    return tuple(sorted(found, key=lambda p: -len(p.cue)))


@cache
def topic_cues() -> tuple[tuple[tuple[str, ...], bool], ...]:
    """Topic cues, longest first, each with whether its event may come after it in the sentence."""
    cues = (
        (tuple(match_key(s) for s in syllables_of(row["term"])), row["event"] == "any")
        for row in lexicon.table("topic_cues")
    )
    return tuple(sorted(cues, key=lambda c: len(c[0]), reverse=True))


@dataclass
class M:
    """A mention in a sentence resolved to an entity (anaphors included)."""

    entity: str
    type: EntityType
    i: int
    j: int
    found: Found


@dataclass
class View:
    """One sentence as the relation rules see it."""

    sf: SentenceFinds
    mentions: list[M]
    blocked: list[tuple[int, int]]
    resolver: Resolver
    acronyms: dict[str, str]
    cdoc: CleanDocument
    relations: list[Relation] = field(default_factory=list)
    _outer: tuple[tuple[int, int], list[M]] | None = None

    @property
    def t(self) -> Tokens:
        return self.sf.tokens

    def text(self, i: int, j: int) -> str:
        """Tokens i..j as written in the original article."""
        start, end = self.cdoc.original(*self.t.span(i, j))
        return visible_nfc(self.cdoc.doc.text[start:end])

    def outer(self, types: frozenset[str] | set[str] | None = None) -> list[M]:
        """Mentions not nested in another mention nor inside a post, optionally of some types.

        Worked out once per sentence (every cue asks; a sentence thick with names would
        otherwise cost the cube of their number)."""
        key = (len(self.mentions), len(self.blocked))
        if self._outer is None or self._outer[0] != key:
            self._outer = (key, self._outermost())
        found = self._outer[1]
        return list(found) if types is None else [m for m in found if m.type.value in types]

    def _outermost(self) -> list[M]:
        out = []
        for m in self.mentions:
            if any(a <= m.i and m.j <= b for a, b in self.blocked):
                continue
            if any(
                o is not m and o.i <= m.i and m.j <= o.j and (o.j - o.i) > (m.j - m.i)
                for o in self.mentions
            ):
                continue
            out.append(m)
        return out


class Resolver:
    """Latest entity per (type, head noun) and per type, for nouns that refer back."""

    def __init__(self) -> None:
        self.by_head: dict[tuple[EntityType, str], str] = {}
        self.by_type: dict[EntityType, str] = {}

    def see(self, m: M, head: str) -> None:
        self.by_head[(m.type, head)] = m.entity
        self.by_type[m.type] = m.entity

    def resolve(self, typ: EntityType, head: str) -> str | None:
        return self.by_head.get((typ, head)) or self.by_type.get(typ)


def head_of(t: Tokens, f: Found) -> str:
    for cat in (Cat.EVENT, Cat.ORG_HEAD, Cat.AGREEMENT):
        m = t.at(f.i, cat)
        if m:
            return " ".join(t.keys[m.i : m.end])
    return t[f.i].key


# ------------------------------------------------------------------ driver


def find_relations(
    cdoc: CleanDocument, finds: list[SentenceFinds], index: dict[int, str], entities: list[Entity]
) -> list[Relation]:
    resolver = Resolver()
    types = {e.id: e.type for e in entities}
    acronyms = _acronyms(entities)
    views = []
    for sf in finds:
        view = _view(sf, index, types, resolver, acronyms, cdoc)
        if view.mentions:  # every rule relates mentions: a sentence without any has no relation
            for rule in RULES:
                rule(view)
        views.append(view)
    article_date = _reference_date(cdoc, views, entities)
    iso = {e.id: e.attributes.get("iso", "") for e in entities}
    out: list[Relation] = []
    for view in views:
        evidence = _evidence(cdoc, view.sf)
        stated_on = (
            article_date if cdoc.doc.published else _sentence_date(view, iso) or article_date
        )
        for r in view.relations:
            attrs = r.attributes
            if r.predicate in TIME_QUALIFIED and stated_on:
                attrs = (("stated_on", stated_on[0]), ("stated_on_from", stated_on[1]))
            out.append(
                Relation(
                    r.subject,
                    r.predicate,
                    r.object,
                    evidence,
                    r.object_is_entity,
                    r.rule,
                    r.confidence,
                    attrs,
                )
            )
    return _dedupe(out)


def _acronyms(entities: list[Entity]) -> dict[str, str]:
    """Acronym → organisation id, from the acronyms the article expands and those it writes alone."""
    out: dict[str, str] = {}
    for e in entities:
        if e.type is not EntityType.ORGANIZATION:
            continue
        for text in [e.attributes.get("acronym", ""), *(m.text for m in e.mentions)]:
            if text and " " not in text and sum(ch.isupper() for ch in text) >= 2:
                out.setdefault(text, e.id)
    return out


TIME_QUALIFIED = {"hasRank", "holdsPosition", "memberOf"}


def _reference_date(
    cdoc: CleanDocument, views: list[View], entities: list[Entity]
) -> tuple[str, str] | None:
    """The date a rank or post is stated as of: the article's publication date, else the day its
    first dated event began (`event`), else none."""
    if cdoc.doc.published:
        return cdoc.doc.published[:10], "published"
    iso = {e.id: e.attributes.get("iso", "") for e in entities}
    for view in views:
        for r in view.relations:
            day = iso.get(r.object, "").split("/")[0]
            if r.predicate == "heldOn" and len(day) == 10:
                return day, "event"
    return None


def _sentence_date(view: View, iso: dict[str, str]) -> tuple[str, str] | None:
    """`Ngày 12-6-2023, Trung tướng X tiếp ...`: the full date opening the sentence."""
    for d in view.outer({"DATE"}):
        day = iso.get(d.entity, "").split("/")[0]
        if _fronted(view.t, d) and len(day) == 10:
            return day, "sentence"
    return None


def _view(
    sf: SentenceFinds,
    index: dict[int, str],
    types: dict[str, EntityType],
    resolver: Resolver,
    acronyms: dict[str, str],
    cdoc: CleanDocument,
) -> View:
    t = sf.tokens
    mentions: list[M] = []
    for f in sorted(sf.found, key=lambda f: (f.i, -(f.j - f.i))):
        head = head_of(t, f)
        if f.anaphor:
            target = resolver.resolve(f.type, head)
            if target and types.get(target) is f.type:
                mentions.append(M(target, f.type, f.i, f.j, f))
            continue
        entity = index.get(id(f))
        if entity:
            m = M(entity, f.type, f.i, f.j, f)
            mentions.append(m)
            resolver.see(m, head)
    blocked = [span for f in sf.found if f.type is EntityType.PERSON for span in f.positions]
    return View(sf, mentions, blocked, resolver, acronyms, cdoc)


def _evidence(cdoc: CleanDocument, sf: SentenceFinds) -> Evidence:
    s = sf.tokens.sentence
    start, end = cdoc.original(s.start, s.end)
    return Evidence(cdoc.doc.text[start:end], start, end)


def _dedupe(relations: list[Relation]) -> list[Relation]:
    best: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        key = (r.subject, r.predicate, match_key(r.object))
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return list(best.values())


def _add(view: View, s: str, p: str, o: str, rule: str, conf: float, entity: bool = True) -> None:
    if entity and s == o:
        return
    view.relations.append(Relation(s, p, o, Evidence("", 0, 0), entity, rule, conf))


# ------------------------------------------------------------------ apposition


def apposition(view: View) -> None:
    """`Thượng tướng X, Thứ trưởng Bộ Y` → hasRank, holdsPosition, memberOf (the posts' organisations)."""
    t = view.t
    for m in view.mentions:
        f = m.found
        if m.type is not EntityType.PERSON or f.anaphor:
            continue
        if f.rank and not _honorific(t, f.rank[0]):
            rank = view.text(*f.rank)
            _add(
                view,
                m.entity,
                "hasRank",
                rank[:1].upper() + rank[1:],
                "apposition.rank",
                0.9,
                False,
            )
        for a, b in f.positions:
            post = view.text(a, b)
            _add(
                view,
                m.entity,
                "holdsPosition",
                post[:1].upper() + post[1:],
                "apposition.post",
                0.85,
                False,
            )
            for org in _outer_in(view, a, b, {EntityType.ORGANIZATION}):
                _add(view, m.entity, "memberOf", org.entity, "apposition.post-organisation", 0.8)


def _honorific(t: Tokens, i: int) -> bool:
    """`ông`, `bà`: a form of address, kept as an attribute but not a rank."""
    m = t.at(i, Cat.RANK)
    return bool(m and m.entries[0].get("kind") == "honorific")


def _outer_in(view: View, a: int, b: int, types: set[EntityType]) -> list[M]:
    inside = [m for m in view.mentions if a <= m.i and m.j <= b and m.type in types]
    return [
        m
        for m in inside
        if not any(
            o is not m and o.i <= m.i and m.j <= o.j and (o.j - o.i) > (m.j - m.i) for o in inside
        )
    ]


# ------------------------------------------------------------------ nesting


def nesting(view: View) -> None:
    """A name inside a name: an event or organisation is part of the organisation it names; an
    agreement is about it; a ceremony of a meeting is part of that meeting."""
    for outer in view.mentions:
        if outer.found.anaphor:
            continue
        topic_at = _topic_start(view, outer)
        for inner in _outer_in(view, outer.i, topic_at, {EntityType.ORGANIZATION}):
            if inner is outer or (inner.i, inner.j) == (outer.i, outer.j):
                continue
            if outer.type in {EntityType.EVENT, EntityType.ORGANIZATION}:
                _add(view, outer.entity, "partOf", inner.entity, "nesting.name-in-name", 0.75)
            elif outer.type is EntityType.AGREEMENT and view.t[inner.i - 1].key == "của":
                _add(view, outer.entity, "about", inner.entity, "nesting.agreement-of", 0.7)
        if outer.type is EntityType.EVENT:
            _ceremony_of(view, outer)


def _topic_start(view: View, m: M) -> int:
    """Where a name's own `về ...` complement starts (its end when it has none)."""
    for k in range(m.i + 1, m.j):
        if view.t[k].key == "về" and not any(o is not m and o.i < k < o.j for o in view.mentions):
            return k
    return m.j


def _ceremony_of(view: View, outer: M) -> None:
    """`lễ khai mạc Hội nghị`: a ceremony named after a meeting is part of that meeting."""
    t = view.t
    head = t.at(outer.i, Cat.EVENT)
    if head is None or head.entries[0].get("kind") != "Ceremony":
        return
    k = head.end
    while k < outer.j:
        cue = t.at(k, Cat.EVENT)
        if cue:
            cue_head = " ".join(t.keys[cue.i : cue.end])
            ref = view.resolver.resolve(EntityType.EVENT, cue_head)
            if ref and ref != outer.entity:
                _add(view, outer.entity, "partOf", ref, "nesting.event-of-event", 0.75)
            return
        k += 1


def acronym_links(view: View) -> None:
    """An organisation whose name carries another's acronym (`nhóm chuyên gia ADMM+ về ...`), even
    misspelt by one letter, is part of that organisation."""
    t = view.t
    for m in view.mentions:
        if m.type is not EntityType.ORGANIZATION or m.found.anaphor:
            continue
        for tok in t[m.i + 1 : m.j]:
            if not tok.is_acronym:
                continue
            near = [
                e for acr, e in view.acronyms.items() if acr == tok.text or near_miss(acr, tok.text)
            ]
            for target in set(near) - {m.entity}:
                _add(view, m.entity, "partOf", target, "nesting.acronym-in-name", 0.7)


# ------------------------------------------------------------------ cue patterns


def cue_patterns(view: View) -> None:
    """Every row of relation_patterns.tsv whose cue the sentence holds, longest cues first."""
    taken: set[int] = set()
    covered = [(m.i, m.j) for m in view.mentions] + view.blocked
    present = view.t.positions
    for p in patterns():
        if p.cue[0] not in present:
            continue
        for ci in _cue_positions(view, p.cue, covered):
            if ci in taken and p.shape != "cooccur":
                continue
            cj = ci + len(p.cue)
            if SHAPES[p.shape](view, p, ci, cj):
                taken.update(range(ci, cj))


def _cue_positions(view: View, cue: tuple[str, ...], covered: list[tuple[int, int]]) -> list[int]:
    t = view.t
    n = len(cue)
    out = []
    for i in t.positions.get(cue[0], ()):
        if t.keys_at(i, i + n) != cue:
            continue
        if any(a <= i < b for a, b in covered):
            continue
        inside_word = not t.word_start[i] and i > 0 and not t[i - 1].is_cap
        if inside_word or (i + n < len(t) and not t.word_start[i + n]):
            continue
        out.append(i)
    return out


def _clause(view: View, ci: int) -> tuple[int, int]:
    t = view.t
    a = ci
    while a > 0 and t[a - 1].text not in CLAUSE_BREAKS:
        a -= 1
    b = ci
    while b < len(t) and t[b].text not in CLAUSE_BREAKS:
        b += 1
    return a, b


def _with_coordinated(view: View, first: M, allowed: frozenset[str], limit: int) -> list[M]:
    """`X và Y`, `A, B, C`: the mentions joined to `first` by `và` or commas."""
    group = [first]
    ordered = [m for m in view.outer(allowed) if m.i >= first.j and m.j <= limit]
    for m in ordered:
        between = view.t[group[-1].j : m.i]
        if between and all(tok.key in LIST_JOINERS for tok in between):
            group.append(m)
        elif m.i > group[-1].j:
            break
    return group


def _adverbial(view: View, m: M) -> bool:
    """`tại Hà Nội`, `ở Lào`: a place in a locative phrase is where, not who."""
    return m.i > 0 and view.t[m.i - 1].key in {"tại", "ở"}


def agent_cue_target(view: View, p: Pattern, ci: int, cj: int) -> bool:
    a, b = _clause(view, ci)
    agents = [m for m in view.outer(p.agent) if a <= m.i and m.j <= ci and not _adverbial(view, m)]
    targets = [m for m in view.outer(p.target) if cj <= m.i and m.j <= b]
    if not agents or not targets:
        return False
    if p.gap is not None:
        agents = [m for m in agents if ci - m.j <= p.gap]
        if not agents:
            return False
    agent_group = _with_coordinated(view, agents[0], p.agent, ci)
    target_group = _with_coordinated(view, targets[0], p.target, b)
    for ag in agent_group:
        for tg in target_group:
            _relate(view, p, ag, tg, "cue." + p.shape)
    return True


def do_agent_cue(view: View, p: Pattern, ci: int, cj: int) -> bool:
    t = view.t
    a, _ = _clause(view, ci)
    dos = [k for k in range(a, ci) if t[k].key == "do"]
    if not dos:
        return False
    agents = [m for m in view.outer(p.agent) if m.i > dos[-1] and m.j <= ci]
    target = _sentence_event(view, p.target, before=dos[-1])
    if not agents or target is None:
        return False
    group = _with_coordinated(view, agents[0], p.agent, ci)
    if agents[0].i != dos[-1] + 1 or ci - group[-1].j > 1:
        return False
    for ag in group:
        _relate(view, p, ag, target, "cue." + p.shape)
    return True


def cue_cua_agents(view: View, p: Pattern, ci: int, cj: int) -> bool:
    t = view.t
    if cj >= len(t) or t[cj].key != "của":
        return False
    _, b = _clause(view, ci)
    agents = [m for m in view.outer(p.agent) if m.i > cj and m.j <= b]
    target = _sentence_event(view, p.target, before=ci)
    if not agents or target is None:
        return False
    for ag in agents:
        _relate(view, p, ag, target, "cue." + p.shape)
    return True


def cooccur(view: View, p: Pattern, ci: int, cj: int) -> bool:
    agents = view.outer(p.agent)
    targets = view.outer(p.target)
    if not agents or not targets:
        return False
    for ag in agents:
        tg = min(targets, key=lambda m: abs(m.i - ci))
        _relate(view, p, ag, tg, "cue.cooccur")
    return True


def _relate(view: View, p: Pattern, agent: M, target: M, rule: str) -> None:
    s, o = (agent, target) if p.subject == "agent" else (target, agent)
    _add(view, s.entity, p.predicate, o.entity, f"{rule}:{' '.join(p.cue)}", p.confidence)


def _sentence_event(view: View, types: frozenset[str], before: int) -> M | None:
    """The event (or agreement) the sentence is about: the nearest before `before`, else the first."""
    candidates = [m for m in view.outer(types)]
    earlier = [m for m in candidates if m.j <= before]
    if earlier:
        return earlier[-1]
    return candidates[0] if candidates else None


SHAPES = {
    "agent_cue_target": agent_cue_target,
    "do_agent_cue": do_agent_cue,
    "cue_cua_agents": cue_cua_agents,
    "cooccur": cooccur,
}


# ------------------------------------------------------------------ place and time


def locative(view: View) -> None:
    """`EVENT tại PLACE` → heldIn; `ORG tại PLACE` → locatedIn; `Tại PLACE, EVENT ...` → heldIn."""
    t = view.t
    for k, tok in enumerate(t):
        if tok.key != "tại" or any(m.i <= k < m.j for m in view.mentions):
            continue
        place = next((m for m in view.outer({"LOCATION"}) if k < m.i <= k + 3), None)
        if place is None:
            continue
        org = next((m for m in view.outer({"ORGANIZATION"}) if m.j == k), None)
        if org:
            _add(view, org.entity, "locatedIn", place.entity, "locative.locatedIn", 0.75)
            continue
        a, _ = _clause(view, k)
        events = [m for m in view.outer({"EVENT"}) if a <= m.i and m.j <= k and k - m.j <= 15]
        between = events and any(
            events[-1].j <= m.i
            and m.j <= k
            and m.type is not EntityType.DATE
            and t[m.i - 1].key != "do"
            for m in view.outer()
        )
        if events and not between:
            _add(view, events[-1].entity, "heldIn", place.entity, "locative.heldIn", 0.75)
            continue
        if k <= 2 or t[k - 1].text == ",":
            after = [m for m in view.outer({"EVENT"}) if m.i > place.j]
            if after:
                _add(view, after[0].entity, "heldIn", place.entity, "locative.fronted", 0.7)


def temporal(view: View) -> None:
    """A date in brackets after an event, or fronted before the sentence's event: heldOn / signedOn."""
    t = view.t
    signing = any(_cue_positions(view, cue, []) for cue in (("ký",), ("ký", "kết")))
    for d in view.outer({"DATE"}):
        if d.i > 0 and t[d.i - 1].text == "(":
            before = [m for m in view.outer({"EVENT", "AGREEMENT"}) if m.j <= d.i]
            if before:
                _dated(view, before[-1], d, signing, "temporal.bracketed")
            continue
        if _fronted(t, d):
            subject = next((m for m in view.outer({"EVENT", "AGREEMENT"}) if m.i > d.j), None)
            if subject:
                _dated(view, subject, d, signing, "temporal.fronted")
            continue
        if d.i > 0 and t[d.i - 1].key in TIME_PREPOSITIONS:
            a, _ = _clause(view, d.i)
            before = [m for m in view.outer({"EVENT", "AGREEMENT"}) if a <= m.i and m.j <= d.i]
            if before:
                _dated(view, before[-1], d, signing, "temporal.after-event")


def _fronted(t: Tokens, d: M) -> bool:
    """`Ngày 11-10, ...`, `Sáng 7/6, ...`, `Từ ngày 6-10/6/2022, ...`: a date opening the sentence."""
    return d.i <= 3 and d.j < len(t) and t[d.j].text == ","


def _dated(view: View, m: M, d: M, signing: bool, rule: str) -> None:
    pred = "signedOn" if m.type is EntityType.AGREEMENT and signing else "heldOn"
    if m.type is EntityType.AGREEMENT and not signing:
        return
    _add(view, m.entity, pred, d.entity, rule, 0.75)


# ------------------------------------------------------------------ topics


def topics(view: View) -> None:
    """`về X` in an event's or agreement's name, `thảo luận ... gồm A; B`, `chủ đề "..."` → about."""
    t = view.t
    for m in view.outer({"EVENT", "AGREEMENT"}):
        if m.found.anaphor:
            continue
        k = _topic_start(view, m)
        if k < m.j - 1:
            _add(view, m.entity, "about", view.text(k + 1, m.j), "topic.name", 0.7, False)
    covered = [(m.i, m.j) for m in view.mentions]
    for cue, anywhere in topic_cues():
        if cue[0] not in t.positions:
            continue
        for ci in _cue_positions(view, cue, covered):
            events = view.outer({"EVENT"})
            before = [m for m in events if m.j <= ci]
            event = before[-1] if before else (events[0] if events and anywhere else None)
            if event is None:
                continue
            for a, b in _topic_items(t, ci + len(cue)):
                _add(
                    view,
                    event.entity,
                    "about",
                    view.text(a, b),
                    "topic.cue:" + " ".join(cue),
                    0.6,
                    False,
                )
            break


def _topic_items(t: Tokens, k: int) -> list[tuple[int, int]]:
    """Token ranges of the topics after a cue: a quotation, or `;`-separated items to the sentence end."""
    start = k
    for q in range(k, min(len(t), k + 10)):
        if t[q].text in {'"', "“"}:
            end = next((e for e in range(q + 1, len(t)) if t[e].text in {'"', "”"}), len(t))
            return [(q + 1, end)] if end > q + 1 else []
        if t[q].key in {"gồm", "về", ":"}:
            start = q + 1
            break
    end = len(t)
    while end > start and not t[end - 1].is_word and t[end - 1].text not in {")", "+"}:
        end -= 1
    items, a = [], start
    for q in range(start, end + 1):
        if q == end or t[q].text == ";":
            if q - a >= 2:
                items.append((a, q))
            a = q + 1
    return items


RULES = (apposition, nesting, acronym_links, cue_patterns, locative, temporal, topics)
