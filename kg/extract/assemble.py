"""From candidate mentions to a document's entities: one entity per referent, each merge with its reason.

Keys are what make one node across documents: a lexicon's canonical name, a person's name (foreign
names in either order), a date's ISO value, otherwise the name's match key. `kg.iri.entity_iri` turns
the key into the IRI, so two documents that resolve to one key share one node.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from .. import lexicon
from ..clean import ascii_key, match_key, visible_nfc
from ..iri import entity_iri
from ..model import CleanDocument, Entity, EntityType, Mention
from .dates import infer_years
from .entities import Found, SentenceFinds
from .gazetteer import Cat, gazetteer
from .tokens import Tokens

NATIONAL_DEFAULT = "Việt Nam"
FUNCTION_WORDS = {"ve", "cua", "cac", "va", "the", "of"}


@dataclass
class Cluster:
    type: EntityType
    key: str
    finds: list[tuple[Found, Tokens]] = field(default_factory=list)
    canonical: str = ""
    reasons: list[str] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)
    content: frozenset[str] | None = None


def assemble(
    cdoc: CleanDocument, finds: list[SentenceFinds]
) -> tuple[list[Entity], dict[int, str]]:
    """Entities of the document, and a map from each candidate (by `id`) to its entity id."""
    _add_repeated_people(finds)
    _date_years(finds, cdoc.doc.published)
    clusters: dict[tuple[EntityType, str], Cluster] = {}
    _first_ceremonies(finds)
    for sf in finds:
        for f in sf.found:
            if f.anaphor:
                continue
            typ, key, canonical = _identity(cdoc, f, sf.tokens)
            if not key:
                continue
            c = clusters.setdefault((typ, key), Cluster(typ, key, canonical=canonical))
            c.finds.append((f, sf.tokens))
            if f.acronym:
                c.acronyms.add(sf.tokens.text(*f.acronym))
    merged = _merge_similar(list(clusters.values()))
    _attach_acronyms(merged, finds)
    entities = [_entity(cdoc, n, c) for n, c in enumerate(merged, start=1)]
    index: dict[int, str] = {}
    for c, ent in zip(merged, entities, strict=True):
        for f, _ in c.finds:
            f.entity = ent.id
            index[id(f)] = ent.id
    return entities, index


# ------------------------------------------------------------------ identity


def _identity(cdoc: CleanDocument, f: Found, t: Tokens) -> tuple[EntityType, str, str]:
    text = surface(cdoc, t, f.i, f.j)
    if f.type is EntityType.PERSON:
        return f.type, person_key(text), ""
    if f.type is EntityType.DATE:
        assert f.date is not None
        # A date without a known year is only this article's: `14-3` elsewhere may be another year.
        return f.type, f.date.iso or f"{cdoc.doc.doc_id}#{match_key(f.date.text)}", ""
    if f.type is EntityType.LOCATION:
        return f.type, match_key(f.canonical), f.canonical
    if f.type is EntityType.ORGANIZATION:
        canonical = f.canonical or _national_name(f, t, text)
        known = known_org(canonical) or _head_and_known_name(f, t)
        if known:
            f.attrs.update({k: v for k, v in known.items() if k in {"country", "wikidata"} and v})
            canonical = known["name"]
        return f.type, match_key(canonical), canonical
    return f.type, match_key(text), ""


def person_key(name: str) -> str:
    """A person's key: the name's match key; a foreign (ASCII) name's words in sorted order."""
    words = match_key(name).split()
    if all(w.isascii() for w in words) and words[0] not in gazetteer().surnames:
        return " ".join(sorted(words))
    return " ".join(words)


def _head_and_known_name(f: Found, t: Tokens) -> dict[str, str] | None:
    """`Phái bộ UNISFA`: a head noun before a known organisation's name or acronym is that one."""
    head = t.at(f.i, Cat.ORG_HEAD)
    if head is None or head.end >= f.j:
        return None
    return known_org(t.text(head.end, f.j))


def _national_name(f: Found, t: Tokens, text: str) -> str:
    """`Bộ Quốc phòng` in a Vietnamese article is `Bộ Quốc phòng Việt Nam` unless a country is named."""
    if f.attrs.get("national") != "yes":
        return text
    if any(t.any_at(k, Cat.COUNTRY) for k in range(f.i, f.j)):
        return text
    return f"{text} {NATIONAL_DEFAULT}"


def known_org(name: str) -> dict[str, str] | None:
    """The lexicon row of a known organisation, by its name or any alias."""
    return _known_org_index().get(match_key(name))


@cache
def _known_org_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for row in lexicon.table("known_orgs"):
        for n in [row["name"], *row["aliases"].split("|")]:
            if n:
                index.setdefault(match_key(n), row)
    return index


# ------------------------------------------------------------------ people seen again


def _add_repeated_people(finds: list[SentenceFinds]) -> None:
    """A name found once (after a title) is a person wherever else the article writes it."""
    names = {
        sf.tokens.keys_at(f.i, f.j) for sf in finds for f in sf.found if f.type is EntityType.PERSON
    }
    for sf in finds:
        for name in names:
            for i in _occurrences(sf.tokens, name):
                if any(f.i <= i < f.j for f in sf.found if f.type is EntityType.PERSON):
                    continue
                sf.found = [f for f in sf.found if not (f.i < i + len(name) and i < f.j)]
                sf.found.append(
                    Found(EntityType.PERSON, i, i + len(name), rank=_rank_before(sf.tokens, i))
                )


def _occurrences(t: Tokens, name: tuple[str, ...]) -> Iterator[int]:
    n = len(name)
    for i in t.positions.get(name[0], ()):
        if t[i].is_cap and t.keys_at(i, i + n) == name:
            if i + n < len(t) and t[i + n].is_cap and t[i + n].is_word:
                continue
            yield i


def _rank_before(t: Tokens, i: int) -> tuple[int, int] | None:
    for k in range(max(0, i - 3), i):
        m = t.at(k, Cat.RANK)
        if m and m.end == i:
            return k, i
    return None


def _first_ceremonies(finds: list[SentenceFinds]) -> None:
    """`tổ chức lễ xuất quân cho ...`: a ceremony named by its noun alone is an event the first time,
    and a later bare noun refers back to it."""
    seen: set[str] = set()
    for sf in finds:
        for f in sorted(sf.found, key=lambda f: f.i):
            if f.type is not EntityType.EVENT:
                continue
            cue = sf.tokens.at(f.i, Cat.EVENT)
            if cue is None:
                continue
            head = " ".join(sf.tokens.keys[cue.i : cue.end])
            ceremony = cue.entries[0].get("kind") == "Ceremony" and cue.length >= 3
            if f.anaphor and ceremony and head not in seen and f.j == cue.end:
                f.anaphor = False
            seen.add(head)


def _date_years(finds: list[SentenceFinds], published: str | None) -> None:
    dated = [f for sf in finds for f in sf.found if f.type is EntityType.DATE and f.date]
    inferred = infer_years([f.date for f in dated if f.date], published)
    for f, d in zip(dated, inferred, strict=True):
        f.date = d


# ------------------------------------------------------------------ merges


def _content(c: Cluster) -> frozenset[str]:
    """The words of a cluster's first mention, without acronyms, brackets and function words."""
    if c.content is None:
        c.content = _content_of(*c.finds[0])
    return c.content


def _content_of(f: Found, t: Tokens) -> frozenset[str]:
    words = (ascii_key(tok.text) for tok in t[f.i : f.j] if tok.is_word and not tok.is_acronym)
    return frozenset(w for w in words if w not in FUNCTION_WORDS)


# The types whose clusters `_same_referent` may join (people, dates and places never merge here).
MERGEABLE = frozenset({EntityType.ORGANIZATION, EntityType.EVENT, EntityType.AGREEMENT})


def _merge_similar(clusters: list[Cluster]) -> list[Cluster]:
    """Join clusters that name one thing: same words apart from acronyms, or an event's shorter title.

    A cluster is compared only with the kept clusters of its own type (no other can match)."""
    out: list[Cluster] = []
    kept: dict[EntityType, list[Cluster]] = {}
    for c in clusters:
        same_type = kept.setdefault(c.type, [])
        target = None
        if c.type in MERGEABLE:
            target = next((o for o in same_type if _same_referent(o, c)), None)
        if target is None:
            out.append(c)
            same_type.append(c)
            continue
        target.finds.extend(c.finds)
        target.acronyms |= c.acronyms
        target.reasons.append(
            f"'{_surface(c)}' merged with '{_surface(target)}': {_why(target, c)}"
        )
    return out


def _from_lexicon(c: Cluster) -> bool:
    return any(f.canonical or f.attrs.get("wikidata") for f, _ in c.finds)


def _surface(c: Cluster) -> str:
    f, t = c.finds[0]
    return t.text(f.i, f.j)


def _raw_words(c: Cluster) -> set[str]:
    return {w for f, t in c.finds for w in ascii_key(t.text(f.i, f.j)).split()}


def _same_referent(a: Cluster, b: Cluster) -> bool:
    if a.type != b.type or a.type not in MERGEABLE:
        return False
    if a.type is not EntityType.ORGANIZATION and a.key.split()[:1] != b.key.split()[:1]:
        return False
    if _from_lexicon(a) and _from_lexicon(b):
        return False
    wa, wb = _content(a), _content(b)
    if a.type is EntityType.ORGANIZATION:
        return bool(wa) and wa == wb
    (small, small_numbers), (large, large_numbers) = sorted(
        ((wa, _numbers(a)), (wb, _numbers(b))), key=lambda pair: len(pair[0])
    )
    if not small or not small <= large or not small_numbers <= large_numbers:
        return False
    close = len(small) >= 4 and len(small) / len(large) >= 0.6 and small_numbers == large_numbers
    headline = len(small) >= 5 and any(t.sentence.start == 0 for _, t in (a.finds + b.finds))
    return close or headline


def _numbers(c: Cluster) -> set[str]:
    return {w for w in _raw_words(c) if w.isdigit()}


def _why(a: Cluster, b: Cluster) -> str:
    if a.type is EntityType.ORGANIZATION:
        return "the same words apart from acronyms and function words"
    return "one name's words contain the other's, with the same numbers"


def _attach_acronyms(clusters: list[Cluster], finds: list[SentenceFinds]) -> None:
    """A lone acronym names the expansion it was written in brackets after, or, one letter apart
    (`ADDM+` for `ADMM+`), the one it misspells; a lone acronym the article never expands is dropped."""
    by_acronym = {acr: c for c in clusters for acr in c.acronyms}
    for c in [c for c in clusters if _is_lone_acronym(c)]:
        clusters.remove(c)
        text = _surface(c)
        target = by_acronym.get(text)
        reason = (
            f"'{text}' is the acronym written in brackets after '{_surface(target)}'"
            if target
            else ""
        )
        if target is None:
            near = [acr for acr in by_acronym if near_miss(acr, text)]
            if len(near) == 1:
                target = by_acronym[near[0]]
                reason = (
                    f"'{text}' read as '{near[0]}': one letter apart, the article expands only that"
                )
        if target is not None:
            target.finds.extend(c.finds)
            target.reasons.append(reason)
    for c in clusters:
        for w in sorted(_acronym_tokens(c)):
            near = [acr for acr in by_acronym if near_miss(acr, w) and by_acronym[acr] is not c]
            if len(near) == 1:
                c.reasons.append(f"'{w}' in this name read as '{near[0]}' (one letter apart)")


def _is_lone_acronym(c: Cluster) -> bool:
    return c.type is EntityType.ORGANIZATION and all(
        f.attrs.get("acronym_only") for f, _ in c.finds
    )


def _acronym_tokens(c: Cluster) -> set[str]:
    return {tok.text for f, t in c.finds for tok in t[f.i : f.j] if tok.is_acronym}


def near_miss(a: str, b: str) -> bool:
    """Two acronyms one letter apart (`ADDM+` / `ADMM+`): a typo of the same name."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


# ------------------------------------------------------------------ entity records


def _entity(cdoc: CleanDocument, n: int, c: Cluster) -> Entity:
    mentions = _mentions(cdoc, c)
    name = _name(c, mentions)
    ent = Entity(id=f"e{n}", type=c.type, name=name, mentions=mentions, key=c.key)
    ent.iri = entity_iri(c.type.value, c.key)
    ent.attributes = _attributes(cdoc, c)
    if c.reasons:
        ent.attributes["merge_reasons"] = " | ".join(c.reasons)
    return ent


def surface(cdoc: CleanDocument, t: Tokens, i: int, j: int) -> str:
    """Tokens i..j as written in the original text."""
    start, end = cdoc.original(*t.span(i, j))
    return visible_nfc(cdoc.doc.text[start:end])


def _mentions(cdoc: CleanDocument, c: Cluster) -> list[Mention]:
    seen: set[tuple[int, int]] = set()
    out = []
    for f, t in sorted(c.finds, key=lambda p: p[1][p[0].i].start):
        start, end = cdoc.original(*t.span(f.i, f.j))
        if (start, end) not in seen:
            seen.add((start, end))
            out.append(Mention(cdoc.doc.text[start:end], start, end))
    return out


def _name(c: Cluster, mentions: list[Mention]) -> str:
    if c.type is EntityType.DATE:
        return visible_nfc(mentions[0].text)
    if c.canonical:
        return c.canonical
    if c.type is EntityType.PERSON:
        return visible_nfc(mentions[0].text)
    longest = visible_nfc(max(mentions, key=lambda m: (len(m.text), -m.start)).text)
    return longest[:1].upper() + longest[1:]


def _attributes(cdoc: CleanDocument, c: Cluster) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for f, t in c.finds:
        for k, v in f.attrs.items():
            if v and k not in {"national", "acronym_only"}:
                attrs.setdefault(k, v)
        if f.kind:
            attrs.setdefault("kind", f.kind)
        if f.rank and "rank" not in attrs:
            rank = surface(cdoc, t, *f.rank)
            attrs["rank"] = rank[:1].upper() + rank[1:]
        if f.date and f.date.iso:
            attrs["iso"] = f.date.iso
            if f.date.year_inferred:
                attrs["year_inferred"] = "true"
        status = _status(t, f)
        if status:
            attrs.setdefault("status", status)
    positions = _positions(cdoc, c)
    if positions:
        attrs["position"] = "; ".join(positions)
    if c.acronyms:
        attrs["acronym"] = sorted(c.acronyms)[0]
    if c.type is EntityType.PERSON and "country" not in attrs:
        country = _person_country(c)
        if country:
            attrs["country"] = country
    return attrs


def _positions(cdoc: CleanDocument, c: Cluster) -> list[str]:
    out: list[str] = []
    keys: set[str] = set()
    for f, t in c.finds:
        for a, b in f.positions:
            text = surface(cdoc, t, a, b)
            if match_key(text) not in keys:
                keys.add(match_key(text))
                out.append(text[:1].upper() + text[1:])
    return out


def _person_country(c: Cluster) -> str:
    """The first country named in the person's posts (not one after `tại`: `Đại sứ quán Nhật Bản tại
    Việt Nam` is Japan's), else Vietnam for a Vietnamese name shape."""
    for f, t in c.finds:
        for a, b in f.positions:
            for k in range(a, b):
                m = t.at(k, Cat.COUNTRY)
                if m and m.end <= b and t[k - 1].key != "tại":
                    entry = m.first(Cat.COUNTRY)
                    return entry.canonical if entry else ""
    f, t = c.finds[0]
    return NATIONAL_DEFAULT if t[f.i].key in gazetteer().surnames else ""


def _status(t: Tokens, f: Found) -> str:
    """`planned` for an event or agreement named after `dự kiến`, `sẽ` … in its sentence."""
    if f.type not in {EntityType.EVENT, EntityType.AGREEMENT}:
        return ""
    keys = t.keys[: f.i]
    for cue, status in _modality():
        if cue and cue[0] not in t.positions:
            continue  # most sentences hold none of the cues
        n = len(cue)
        if any(tuple(keys[k : k + n]) == cue for k in range(len(keys) - n + 1)):
            return status
    return ""


@cache
def _modality() -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple(
        (tuple(match_key(row["term"]).split()), row["status"]) for row in lexicon.table("modality")
    )
