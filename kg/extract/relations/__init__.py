"""Relations: structural rules inside names and brackets, titles, frames (a cue with its argument
slots, from lexicon relation_patterns), place and time, topics, each a small named function over
one sentence (`SentenceView`) that sees the article's discourse: the events named so far, what a
generic noun refers back to, the dateline.

Every relation carries the sentence it was read from as evidence, the rule and a confidence.
"""

from __future__ import annotations

from collections.abc import Callable

from ...clean import match_key
from ...model import CleanDocument, Entity, EntityType, Relation
from ..document.discourse import mentions_by_sentence
from ..document.entities import Assembly
from ..document.sentences import Surface
from . import delegations, frames, structure, time_place, titles, topics
from .context import SentenceView

Rule = Callable[[SentenceView], None]

RULES: tuple[Rule, ...] = (
    titles.ranks,
    titles.posts,
    titles.members,
    titles.nationality,
    titles.appointments,
    structure.organisation_in_organisation,
    structure.meeting_of_organisation,
    structure.visit_destination,
    structure.ceremony_of_event,
    structure.agreement_parties,
    structure.event_parties,
    structure.parent_in_brackets,
    structure.place_after_comma,
    structure.capital_of,
    structure.located_at,
    structure.acronym_in_name,
    structure.framework,
    structure.organisations_in_a_title,
    structure.ministry_after_comma,
    frames.apply_frames,
    delegations.delegations,
    delegations.heads_in_talks,
    delegations.members,
    delegations.witnesses,
    delegations.present_at,
    delegations.welcomes,
    delegations.visitors,
    time_place.dateline,
    time_place.fronted,
    time_place.after_event,
    time_place.signed_when,
    topics.name_topics,
    topics.cue_topics,
)
TIME_QUALIFIED = {"hasRank", "holdsPosition", "memberOf"}


def find_relations(cdoc: CleanDocument, assembly: Assembly) -> list[Relation]:
    surface = Surface(cdoc)
    per_sentence, discourse = mentions_by_sentence(assembly)
    types = {e.id: e.type for e in assembly.entities}
    labels = {e.id: e.name for e in assembly.entities if e.type is EntityType.ORGANIZATION}
    acronyms = _acronyms(assembly.entities)
    views = []
    for s, mentions in zip(assembly.sentences, per_sentence, strict=True):
        posts = [
            span for m in mentions if m.type is EntityType.PERSON for span in m.candidate.posts
        ]
        view = SentenceView(
            s.n, s.tokens, mentions, posts, discourse, surface, types, acronyms, labels
        )
        for rule in RULES:  # also without mentions: `hai Bộ trưởng đã hội đàm` names the pair
            rule(view)
        views.append(view)
    relations = _records(cdoc, surface, views, assembly.entities)
    return _dedupe(_fullest_posts(_chairs_are_not_participants(relations)))


def _records(
    cdoc: CleanDocument, surface: Surface, views: list[SentenceView], entities: list[Entity]
) -> list[Relation]:
    article_date = _reference_date(cdoc, views, entities)
    iso = {e.id: e.attributes.get("iso", "") for e in entities}
    out: list[Relation] = []
    for view in views:
        evidence = surface.sentence(view.t)
        stated_on = (
            article_date if cdoc.doc.published else _sentence_date(view, iso) or article_date
        )
        for f in view.found:
            attrs: tuple[tuple[str, str], ...] = ()
            if f.predicate in TIME_QUALIFIED and stated_on:
                attrs = (("stated_on", stated_on[0]), ("stated_on_from", stated_on[1]))
            out.append(
                Relation(
                    f.subject,
                    f.predicate,
                    f.object,
                    evidence,
                    not f.literal,
                    f.rule,
                    f.confidence,
                    attrs,
                )
            )
    return out


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


def _reference_date(
    cdoc: CleanDocument, views: list[SentenceView], entities: list[Entity]
) -> tuple[str, str] | None:
    """The date a rank or post is stated as of: the article's publication date, else the day its
    first dated event began (`event`), else none."""
    if cdoc.doc.published:
        return cdoc.doc.published[:10], "published"
    iso = {e.id: e.attributes.get("iso", "") for e in entities}
    for view in views:
        for f in view.found:
            day = iso.get(f.object, "").split("/")[0]
            if f.predicate == "heldOn" and len(day) == 10:
                return day, "event"
    return None


def _sentence_date(view: SentenceView, iso: dict[str, str]) -> tuple[str, str] | None:
    """`Ngày 12-6-2023, Trung tướng X tiếp ...`: the full date opening the sentence."""
    t = view.t
    for d in view.outer({"DATE"}):
        day = iso.get(d.entity, "").split("/")[0]
        if d.i <= 3 and d.j < len(t) and t[d.j].text == "," and len(day) == 10:
            return day, "sentence"
    return None


def _chairs_are_not_participants(relations: list[Relation]) -> list[Relation]:
    """Who chairs or co-chairs an event is recorded as such, not also as taking part in it."""
    chairs = {
        (r.object, r.subject) for r in relations if r.predicate in {"chairedBy", "coChairedBy"}
    }
    return [
        r
        for r in relations
        if not (r.predicate == "participatedIn" and (r.subject, r.object) in chairs)
    ]


def _fullest_posts(relations: list[Relation]) -> list[Relation]:
    """`Bộ trưởng Vorontsov` after `Bộ trưởng Quốc phòng Nga Gennady Vorontsov`: a post that is the
    start of a fuller post of the same person says nothing more."""
    posts: dict[str, list[str]] = {}
    for r in relations:
        if r.predicate == "holdsPosition":
            posts.setdefault(r.subject, []).append(match_key(r.object))
    return [
        r
        for r in relations
        if r.predicate != "holdsPosition"
        or not any(
            other != match_key(r.object) and other.startswith(match_key(r.object) + " ")
            for other in posts[r.subject]
        )
    ]


def _dedupe(relations: list[Relation]) -> list[Relation]:
    best: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        key = (r.subject, r.predicate, match_key(r.object))
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return list(best.values())
