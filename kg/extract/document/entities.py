"""From candidates to a document's entities: one entity per referent, each merge with its reason.

Keys are what make one node across documents: a lexicon's canonical name, a person's name (foreign
names in either order), a date's ISO value, an event's name when it carries a number or a year;
otherwise the key is the article's own (a generic event, a date without a year). `kg.iri.entity_iri`
turns the key into the IRI, so two documents that resolve to one key share one node.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from rapidfuzz.distance import Levenshtein

from ... import lexicon
from ...clean import ascii_key, match_key, visible_nfc
from ...iri import entity_iri
from ...model import (
    MERGE_REASONS_SEPARATOR,
    POSITIONS_SEPARATOR,
    CleanDocument,
    Entity,
    EntityType,
    Mention,
)
from ..dates import infer_years
from ..entities import Candidate
from ..entities.names import generic_object
from ..entities.shapes import is_honorific, is_surname
from ..gazetteer import Cat, gazetteer
from ..tokens import Tokens
from .sentences import SentenceCandidates, Surface

NATIONAL_DEFAULT = "Việt Nam"
FUNCTION_WORDS = {"ve", "cua", "cac", "va", "the", "of", "tai"}
# The types whose clusters `_same_referent` may join (people, dates and places never merge there).
MERGEABLE = frozenset({EntityType.ORGANIZATION, EntityType.EVENT, EntityType.AGREEMENT})

Placed = tuple[int, Candidate]  # (sentence index, candidate)


@dataclass
class Cluster:
    type: EntityType
    key: str
    members: list[Placed] = field(default_factory=list)
    canonical: str = ""
    reasons: list[str] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)
    national: bool = False
    content: frozenset[str] | None = None  # the first name's words, once computed


@dataclass(frozen=True)
class Assembly:
    """The document's entities and, for every candidate that names one, its entity id."""

    entities: list[Entity]
    sentences: list[SentenceCandidates]
    entity_of: dict[tuple[int, int, int, EntityType], str]

    def of(self, n: int, c: Candidate) -> str | None:
        return self.entity_of.get((n, *c.key))


def assemble(cdoc: CleanDocument, sentences: list[SentenceCandidates]) -> Assembly:
    """Entities of the document from its sentences' candidates."""
    surface = Surface(cdoc)
    sentences = _first_ceremonies(_dated(_with_repeated_people(sentences), cdoc.doc.published))
    sentences = _acronym_owners(sentences)
    tokens = {s.n: s.tokens for s in sentences}
    clusters: dict[tuple[EntityType, str], Cluster] = {}
    for s in sentences:
        for c in sorted(s.candidates, key=lambda c: c.rule == "name.code"):
            if c.refers_back:
                continue
            if c.rule == "name.code":
                host = _code_host(s, c)
                if host is None:
                    continue
                c = replace(c, kind=host.kind)
                typ, key, canonical = _identity(cdoc.doc.doc_id, surface, s.tokens, host)
            else:
                typ, key, canonical = _identity(cdoc.doc.doc_id, surface, s.tokens, c)
            if not key:
                continue
            cluster = clusters.setdefault((typ, key), Cluster(typ, key, canonical=canonical))
            cluster.members.append((s.n, c))
            cluster.national = cluster.national or _national(s.tokens, c)
            if c.acronym:
                cluster.acronyms.add(s.tokens.text(*c.acronym))
    merged = _merge_people(_merge_similar(list(clusters.values()), tokens), tokens)
    _attach_acronyms(merged, tokens)
    entities = [_entity(surface, tokens, n, c) for n, c in enumerate(merged, start=1)]
    entity_of = {
        (sn, *c.key): ent.id
        for cl, ent in zip(merged, entities, strict=True)
        for sn, c in cl.members
    }
    return Assembly(entities, sentences, entity_of)


# ------------------------------------------------------------------ identity


def _identity(
    doc_id: str, surface: Surface, t: Tokens, c: Candidate
) -> tuple[EntityType, str, str]:
    text = surface.text(t, c.i, c.j)
    if c.type is EntityType.PERSON:
        return c.type, person_key(text), ""
    if c.type is EntityType.DATE:
        assert c.date is not None
        # A date without a known year is only this article's: `14-3` elsewhere may be another year.
        return c.type, c.date.iso or f"{doc_id}#{match_key(c.date.text)}", ""
    if c.type is EntityType.LOCATION:
        return c.type, match_key(c.canonical or text), c.canonical or text
    if c.type is EntityType.ORGANIZATION:
        canonical = c.canonical or _national_name(t, c, text)
        known = known_org(canonical) or _head_and_known_name(t, c) or _known_by_acronym(t, c)
        if known:
            canonical = known["name"]
        key = match_key(
            expand_abbreviations(
                _countries_named_one_way(t, c) if not c.canonical and not known else canonical
            )
        )
        return c.type, _without_service_classifier(key), canonical
    if c.type is EntityType.EVENT and not _individuated(text):
        return c.type, f"{doc_id}#{match_key(text)}", ""
    return c.type, match_key(text), ""


def _without_service_classifier(key: str) -> str:
    """`quân chủng hải quân việt nam` and `hải quân việt nam` name one service."""
    for words in _service_classifiers():
        if key.startswith(words + " ") and len(key.split()) > len(words.split()) + 1:
            return key[len(words) + 1 :]
    return key


@cache
def _service_classifiers() -> tuple[str, ...]:
    rows = lexicon.table("function_words")
    return tuple(match_key(r["term"]) for r in rows if r["role"] == "service")


def _countries_named_one_way(t: Tokens, c: Candidate) -> str:
    """`Bộ Quốc phòng Nga` and `Bộ Quốc phòng Liên bang Nga` are one ministry: the countries a name
    carries, by their canonical names (with `Việt Nam` for an unqualified national body)."""
    words: list[str] = []
    k = c.i
    while k < c.j:
        m = t.at(k, Cat.COUNTRY)
        if m is not None and m.end <= c.j:
            entry = m.first(Cat.COUNTRY)
            words.append(entry.canonical if entry else t.text(k, m.end))
            k = m.end
        else:
            words.append(t[k].text)
            k += 1
    if _national(t, c):
        words.append(NATIONAL_DEFAULT)
    return " ".join(words)


def _code_host(s: SentenceCandidates, c: Candidate) -> Candidate | None:
    """`Cuộc diễn tập … , mang mật danh "Force 18"`: the event a code name is given to (the last one
    named before it in the sentence)."""
    hosts = [
        h
        for h in s.candidates
        if h.type is EntityType.EVENT and not h.refers_back and h.j <= c.i and h.rule != "name.code"
    ]
    return max(hosts, key=lambda h: h.j) if hosts else None


def _individuated(name: str) -> bool:
    """An event's name that tells one occurrence from another: a number, a year, a code name."""
    words = name.split()
    return any(ch.isdigit() for ch in name) or sum(w[:1].isupper() for w in words[1:]) >= 2


def person_key(name: str) -> str:
    """A person's key: the name's match key; a foreign name's words in sorted order (either order)."""
    words = match_key(name).replace(".", " ").split()
    if words and words[0] not in gazetteer().surnames and not _vietnamese_name(words):
        return " ".join(sorted(words))
    return " ".join(words)


def _vietnamese_name(words: list[str]) -> bool:
    return all(not w.isascii() for w in words[1:2])


def _national(t: Tokens, c: Candidate) -> bool:
    return c.national and not any(t.any_at(k, Cat.COUNTRY) for k in range(c.i, c.j))


def _national_name(t: Tokens, c: Candidate, text: str) -> str:
    """`Bộ Quốc phòng` in a Vietnamese article is `Bộ Quốc phòng Việt Nam` unless a country is named."""
    return f"{text} {NATIONAL_DEFAULT}" if _national(t, c) else text


def _head_and_known_name(t: Tokens, c: Candidate) -> dict[str, str] | None:
    """`Phái bộ UNISFA`: a head noun before a known organisation's name or acronym is that one,
    when the head names that kind of body (`Văn phòng Liên hợp quốc` is an office of the UN, not
    the UN)."""
    head = t.at(c.i, Cat.ORG_HEAD)
    if head is None or head.end >= c.j:
        return None
    known = known_org(t.text(head.end, c.j))
    kind = head.entries[0].get("kind")
    return known if known and kind and known.get("kind", "").lower() == kind else None


def _known_by_acronym(t: Tokens, c: Candidate) -> dict[str, str] | None:
    """`Phái bộ Lực lượng lâm thời Liên hợp quốc tại Abyei (UNISFA)`: a name followed by a known
    acronym in brackets is that organisation when the two names share most of their words; after
    `Trường Đại học Kinh tế (ĐHQGHN)` the acronym is a parent's, written short."""
    if c.acronym is None:
        return None
    known = known_org(t.text(*c.acronym))
    if known is None:
        return None
    name = set(match_key(t.text(c.i, c.j)).split())
    words = set(match_key(known["name"]).split())
    return known if len(name & words) * 3 >= len(words) * 2 else None


def expand_abbreviations(name: str) -> str:
    """`UBND tỉnh Quảng Ninh` → `Ủy ban nhân dân tỉnh Quảng Ninh` (lexicon abbreviations)."""
    words = name.split()
    table = _abbreviations()
    return " ".join(table.get(w, w) for w in words) if any(w in table for w in words) else name


@cache
def _abbreviations() -> dict[str, str]:
    return {row["term"]: row["expansion"] for row in lexicon.table("abbreviations")}


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


def _with_repeated_people(sentences: list[SentenceCandidates]) -> list[SentenceCandidates]:
    """A name found once (after a title) is a person wherever else the article writes it, and
    `ông Hùng`, `bà Hạnh` after it is that person by the last word of the name."""
    full = {
        s.tokens.keys_at(c.i, c.j)
        for s in sentences
        for c in s.candidates
        if c.type is EntityType.PERSON and not c.refers_back  # `Đại sứ` alone is no name
    }
    given = Counter(name[-1] for name in full if len(name) >= 2)
    out = []
    for s in sentences:
        found = list(s.candidates)
        for i, n in _occurrences(s.tokens, full, {g for g, k in given.items() if k == 1}):
            if any(c.i <= i < c.j for c in found if c.type is EntityType.PERSON):
                continue
            found = [c for c in found if not (c.i < i + n and i < c.j)]
            found.append(
                Candidate(
                    EntityType.PERSON, i, i + n, "person.repeated", rank=_rank_before(s.tokens, i)
                )
            )
        out.append(
            replace(s, candidates=tuple(found))
            if len(found) != len(s.candidates) or found != list(s.candidates)
            else s
        )
    return out


def _occurrences(
    t: Tokens, names: set[tuple[str, ...]], given: set[str]
) -> Iterator[tuple[int, int]]:
    for name in names:
        n = len(name)
        for i in t.positions.get(name[0], ()):
            if t[i].is_cap and t.keys_at(i, i + n) == name and not _name_goes_on(t, i + n):
                yield i, n
    for g in given:
        for i in t.positions.get(g, ()):
            rank = t.at(i - 1, Cat.RANK) if i > 0 else None
            if (
                t[i].is_cap
                and rank
                and rank.end == i
                and is_honorific(rank)
                and not _name_goes_on(t, i + 1)
            ):
                yield i, 1


def _name_goes_on(t: Tokens, k: int) -> bool:
    return k < len(t) and t[k].is_cap and t[k].is_word


def _rank_before(t: Tokens, i: int) -> tuple[int, int] | None:
    for k in range(max(0, i - 3), i):
        m = t.at(k, Cat.RANK)
        if m and m.end == i:
            return k, i
    return None


def _dated(sentences: list[SentenceCandidates], published: str | None) -> list[SentenceCandidates]:
    """Day-month dates get the year of the article (`infer_years`)."""
    dated = [
        (s.n, c) for s in sentences for c in s.candidates if c.type is EntityType.DATE and c.date
    ]
    inferred = infer_years([c.date for _, c in dated if c.date], published, _story_year(sentences))
    new = {(n, c.key): replace(c, date=d) for (n, c), d in zip(dated, inferred, strict=True)}
    if not new:
        return sentences
    return [
        _with_candidates(s, [new.get((s.n, c.key), c) for c in s.candidates]) for s in sentences
    ]


def _with_candidates(s: SentenceCandidates, candidates: list[Candidate]) -> SentenceCandidates:
    """The sentence with these candidates: itself when they are its own, in its order (most
    sentences of an article; `dataclasses.replace` is slow to copy the rest)."""
    if len(candidates) == len(s.candidates) and all(
        a is b for a, b in zip(candidates, s.candidates, strict=True)
    ):
        return s
    return replace(s, candidates=tuple(candidates))


def _story_year(sentences: list[SentenceCandidates]) -> int | None:
    """The year the story is set in: that of its dated days (`14 đến 17-11-2014`), else of its
    months (`tháng 6/2024`), else the year in an event's name (`Khóa huấn luyện … năm 2024`), else
    the one year it names, if only one."""
    by_kind: dict[str, Counter[int]] = {
        "day": Counter(),
        "month": Counter(),
        "name": Counter(),
        "year": Counter(),
    }
    for s in sentences:
        for c in s.candidates:
            if c.type is EntityType.DATE and c.date and c.date.iso:
                kind = (
                    "day" if len(c.date.iso) >= 10 else "month" if len(c.date.iso) >= 7 else "year"
                )
                by_kind[kind][int(c.date.iso[:4])] += 1
            elif c.type is EntityType.EVENT and not c.refers_back:
                for tok in s.tokens[c.i : c.j]:
                    if len(tok.text) == 4 and tok.text.isdigit() and tok.text[:2] in {"19", "20"}:
                        by_kind["name"][int(tok.text)] += 1
    for kind in ("day", "month", "name"):
        if by_kind[kind]:
            return by_kind[kind].most_common(1)[0][0]
    years = by_kind["year"]
    return next(iter(years)) if len(years) == 1 else None


def _acronym_owners(sentences: list[SentenceCandidates]) -> list[SentenceCandidates]:
    """`Đại học Quốc gia Hà Nội (ĐHQGHN)` … `Trường Đại học Kinh tế (ĐHQGHN)`: an acronym in brackets
    is the name's own only once; after another name it stands for the one it abbreviates (the one
    whose initials it spells, else the first), there a parent written short."""
    claims: dict[str, list[tuple[int, Candidate]]] = {}
    for s in sentences:
        for c in s.candidates:
            if c.acronym and c.type is EntityType.ORGANIZATION:
                claims.setdefault(s.tokens.text(*c.acronym), []).append((s.n, c))
    losers: dict[tuple[int, tuple[int, int, EntityType]], Candidate] = {}
    for acronym, cands in claims.items():
        names = {match_key(_candidate_text(sentences, n, c)) for n, c in cands}
        if len(names) < 2:
            continue
        owner = next((key for key in names if _spells(acronym, key)), None) or match_key(
            _candidate_text(sentences, *cands[0])
        )
        for n, c in cands:
            if match_key(_candidate_text(sentences, n, c)) != owner:
                losers[(n, c.key)] = c
    if not losers:
        return sentences
    out = []
    for s in sentences:
        changed: list[Candidate] = []
        for c in s.candidates:
            if (s.n, c.key) in losers and c.acronym:
                changed.append(replace(c, acronym=None))
                changed.append(
                    Candidate(
                        EntityType.ORGANIZATION, *c.acronym, "name.acronym", acronym_only=True
                    )
                )
            else:
                changed.append(c)
        out.append(replace(s, candidates=tuple(changed)))
    return out


def _candidate_text(sentences: list[SentenceCandidates], n: int, c: Candidate) -> str:
    return sentences[n].tokens.text(c.i, c.j)


def _spells(acronym: str, name: str) -> bool:
    """Whether an acronym's letters are the initials of a name's words (`ĐHQGHN`, `Đại học Quốc gia
    Hà Nội`), in order, skipping none but function words."""
    letters = [ch for ch in ascii_key(acronym) if ch.isalpha()]
    initials = [w[0] for w in ascii_key(name).split() if w and w not in FUNCTION_WORDS]
    return bool(letters) and letters == initials


def _first_ceremonies(sentences: list[SentenceCandidates]) -> list[SentenceCandidates]:
    """`tổ chức lễ ký kết …`, `Lễ khai mạc diễn ra …`: a ceremony named by its specific noun alone
    (`lễ ký kết`, `lễ khai mạc`, not `buổi lễ`) is an event the first time; later it refers back."""
    seen: set[str] = set()
    out = []
    for s in sentences:
        changed = []
        for c in sorted(s.candidates, key=lambda c: c.i):
            if c.type is EntityType.EVENT:
                cue = s.tokens.at(c.i, Cat.EVENT)
                head = " ".join(s.tokens.keys[cue.i : cue.end]) if cue else ""
                specific = (
                    cue is not None
                    and cue.entries[0].get("kind") == "Ceremony"
                    and len([w for w in head.split() if w not in CLASSIFIERS]) >= 2
                )
                bare = cue is not None and (
                    c.j == cue.end or generic_object(s.tokens, cue.end, c.j)
                )
                if c.refers_back and specific and not _seen(head, seen) and bare:
                    c = replace(c, refers_back=False)
                if specific:
                    seen.add(head)
            changed.append(c)
        out.append(_with_candidates(s, changed))
    return out


def _seen(head: str, seen: set[str]) -> bool:
    """`lễ ký` after `Lễ ký kết …`, `lễ ký kết` after `Lễ ký …`: one ceremony's head, short or long."""
    return any(f"{head} ".startswith(f"{h} ") or f"{h} ".startswith(f"{head} ") for h in seen)


# ------------------------------------------------------------------ merges


def _content(t: Tokens, c: Candidate) -> frozenset[str]:
    """The words of a name, without acronyms, brackets, function words and an event's classifier
    (`chuyến thăm X` is `thăm X`), its countries by their canonical names (`Cộng hòa Philippines`
    is `Philippines`)."""
    words: list[str] = []
    k = _after_classifier(t, c)
    while k < c.j:
        country = t.at(k, Cat.COUNTRY)
        if country is not None and country.end <= c.j:
            entry = country.first(Cat.COUNTRY)
            words.append("@" + ascii_key(entry.canonical if entry else t.text(k, country.end)))
            k = country.end
            continue
        tok = t[k]
        if tok.is_word and not tok.is_acronym:
            words.append(ascii_key(tok.text))
        k += 1
    return frozenset(w for w in words if w not in FUNCTION_WORDS)


CLASSIFIERS = {"cuộc", "chuyến", "buổi"}


def _after_classifier(t: Tokens, c: Candidate) -> int:
    return (
        c.i + 1
        if c.type is EntityType.EVENT and t[c.i].key in CLASSIFIERS and c.j > c.i + 1
        else c.i
    )


def _merge_similar(clusters: list[Cluster], tokens: dict[int, Tokens]) -> list[Cluster]:
    """Join clusters that name one thing: same words apart from acronyms, or an event's shorter
    title. A cluster is compared only with the kept clusters of its own type."""
    out: list[Cluster] = []
    kept: dict[EntityType, list[Cluster]] = {}
    for c in clusters:
        same_type = kept.setdefault(c.type, [])
        target = None
        if c.type in MERGEABLE:
            target = next((o for o in same_type if _same_referent(o, c, tokens)), None)
        if target is None:
            out.append(c)
            same_type.append(c)
            continue
        target.members.extend(c.members)
        target.acronyms |= c.acronyms
        target.national = target.national or c.national
        target.reasons.append(
            f"'{_surface(c, tokens)}' merged with '{_surface(target, tokens)}': "
            f"{_why(target, c, tokens)}"
        )
    return out


def _first(c: Cluster, tokens: dict[int, Tokens]) -> tuple[Tokens, Candidate]:
    n, cand = c.members[0]
    return tokens[n], cand


def _surface(c: Cluster, tokens: dict[int, Tokens]) -> str:
    t, cand = _first(c, tokens)
    return t.text(cand.i, cand.j)


def _from_lexicon(c: Cluster) -> bool:
    return any(cand.canonical or cand.wikidata for _, cand in c.members)


def _same_referent(a: Cluster, b: Cluster, tokens: dict[int, Tokens]) -> bool:
    if a.type != b.type or a.type not in MERGEABLE:
        return False
    if _from_lexicon(a) and _from_lexicon(b):
        return False
    wa, wb = _words(a, tokens), _words(b, tokens)
    if a.type is EntityType.ORGANIZATION:
        return bool(wa) and (
            wa == wb or _same_but_for_a_country(wa, wb) or _short_form(a, b, tokens)
        )
    if _head_word(a, tokens) != _head_word(b, tokens) and not _code_names_agree(a, b, tokens):
        return False
    (small, small_numbers), (large, large_numbers) = sorted(
        ((wa, _numbers(a, tokens)), (wb, _numbers(b, tokens))), key=lambda pair: len(pair[0])
    )
    if _code_names_agree(a, b, tokens):
        return not _ceremony_and_its_event(a, b, tokens)
    if not small or not small <= large or not small_numbers <= large_numbers:
        return False
    close = len(small) >= 4 and len(small) / len(large) >= 0.6 and small_numbers == large_numbers
    headline = len(small) >= 5 and any(
        tokens[n].sentence.start == 0 for n, _ in a.members + b.members
    )
    return close or headline


def _short_form(a: Cluster, b: Cluster, tokens: dict[int, Tokens]) -> bool:
    """`Nhóm chuyên gia`, `Trung tâm Huấn luyện` after `Nhóm chuyên gia ADMM+ về …`, `Trung tâm
    Huấn luyện Kỹ thuật …`: the start of a name met before is a short mention of it, unless what
    follows is a country (`Bộ Quốc phòng` is not `Bộ Quốc phòng Nhật Bản`)."""
    (ta, ca), (tb, cb) = _first(a, tokens), _first(b, tokens)
    if _from_lexicon(b) or cb.national or cb.j - cb.i < 2:
        return False
    long, short = ta.keys[ca.i : ca.j], tb.keys[cb.i : cb.j]
    n = len(short)
    if n >= len(long) or long[:n] != short:
        return False
    return ta.at(ca.i + n, Cat.COUNTRY) is None and ta.at(ca.i + n, Cat.PLACE) is None


def _words(c: Cluster, tokens: dict[int, Tokens]) -> frozenset[str]:
    """The cluster's first name's words (computed once: a cluster is compared many times)."""
    if c.content is None:
        c.content = _content(*_first(c, tokens))
    return c.content


def _same_but_for_a_country(wa: frozenset[str], wb: frozenset[str]) -> bool:
    """`Quân chủng Hải quân` and `Quân chủng Hải quân Việt Nam` in one (Vietnamese) article: the same
    body, once with its country and once without."""
    ca, cb = {w for w in wa if w[0] == "@"}, {w for w in wb if w[0] == "@"}
    home = {"@" + ascii_key(NATIONAL_DEFAULT)}
    return (ca | cb) == home and (not ca or not cb) and bool(wa - ca) and wa - ca == wb - cb


def _head_word(c: Cluster, tokens: dict[int, Tokens]) -> str:
    t, cand = _first(c, tokens)
    return t[_after_classifier(t, cand)].key


def _code_names_agree(a: Cluster, b: Cluster, tokens: dict[int, Tokens]) -> bool:
    """`diễn tập Force 18` and `Diễn tập thực địa … Force 18`: the same capitalised code name
    with a number, in two names of one type."""
    ca, cb = _code(a, tokens), _code(b, tokens)
    return bool(ca) and ca == cb


def _ceremony_and_its_event(a: Cluster, b: Cluster, tokens: dict[int, Tokens]) -> bool:
    """`Lễ khai mạc Diễn tập … "Khaan Quest 2019"` and `diễn tập … Khaan Quest 2019`: a ceremony
    held for an event carries the event's code name, and is still another event."""
    kinds = {_first(c, tokens)[1].kind == "Ceremony" for c in (a, b)}
    return len(kinds) == 2


def _code(c: Cluster, tokens: dict[int, Tokens]) -> tuple[str, ...]:
    """A capitalised word and a number in any of the cluster's names (`Force 18`)."""
    for n, cand in c.members:
        t = tokens[n]
        for k in range(cand.i + (cand.rule != "name.code"), cand.j - 1):
            word, number = t[k], t[k + 1]
            if word.is_cap and word.is_word and number.is_number and not t.any_at(k, *_PLACES):
                return (word.key, number.key)
    return ()


_PLACES = (Cat.PLACE, Cat.COUNTRY, Cat.KNOWN_ORG)


def _numbers(c: Cluster, tokens: dict[int, Tokens]) -> set[str]:
    return {
        tok.key for n, cand in c.members for tok in tokens[n][cand.i : cand.j] if tok.text.isdigit()
    }


def _why(a: Cluster, b: Cluster, tokens: dict[int, Tokens]) -> str:
    if a.type is EntityType.ORGANIZATION:
        wa, wb = _words(a, tokens), _words(b, tokens)
        if wa == wb:
            return "the same words apart from acronyms and function words"
        if _same_but_for_a_country(wa, wb):
            return f"the same name, once without its country ({NATIONAL_DEFAULT})"
        return "the start of a name met before, a short mention of it"
    return "one name's words contain the other's, with the same numbers or code name"


def _merge_people(clusters: list[Cluster], tokens: dict[int, Tokens]) -> list[Cluster]:
    """A misspelt repeat of a name (`Lê Thi Mỹ Hạnh` for `Lê Thị Mỹ Hạnh`, `Hưng` for `Hùng`) and
    a given name after `ông`/`bà` are the person the article named in full."""
    people = [c for c in clusters if c.type is EntityType.PERSON]
    drop: set[int] = set()
    for a in people:
        for b in people:
            if a is b or id(a) in drop or id(b) in drop or len(b.members) > len(a.members):
                continue
            reason = _same_person(a, b)
            if reason:
                a.members.extend(b.members)
                a.reasons.append(
                    f"'{_surface(b, tokens)}' merged with '{_surface(a, tokens)}': {reason}"
                )
                drop.add(id(b))
    return [c for c in clusters if id(c) not in drop]


def _same_person(a: Cluster, b: Cluster) -> str:
    wa, wb = a.key.split(), b.key.split()
    if len(wb) == 1 and len(wa) >= 2 and wb[0] == match_key(a.key).split()[-1]:
        return "the given name of a person named in full"
    if len(wa) != len(wb) or len(wa) < 2:
        return ""
    if ascii_key(a.key) == ascii_key(b.key):
        return "the same name but for diacritics (a typo)"
    if wa[0] == wb[0] and Levenshtein.distance(a.key, b.key) == 1 and len(a.key) >= 8:
        return "one letter apart (a typo)"
    return ""


def _attach_acronyms(clusters: list[Cluster], tokens: dict[int, Tokens]) -> None:
    """A lone acronym names the expansion it was written in brackets after, or, one letter apart
    (`ADDM+` for `ADMM+`), the one it misspells; a lone acronym the article never expands is dropped."""
    by_acronym = {acr: c for c in clusters for acr in c.acronyms}
    for c in [c for c in clusters if _is_lone_acronym(c)]:
        clusters.remove(c)
        text = _surface(c, tokens)
        target = by_acronym.get(text)
        reason = (
            f"'{text}' is the acronym written in brackets after '{_surface(target, tokens)}'"
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
            target.members.extend(c.members)
            target.reasons.append(reason)


def _is_lone_acronym(c: Cluster) -> bool:
    return c.type is EntityType.ORGANIZATION and all(cand.acronym_only for _, cand in c.members)


def near_miss(a: str, b: str) -> bool:
    """Two acronyms one letter apart (`ADDM+` / `ADMM+`): a typo of the same name."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


# ------------------------------------------------------------------ entity records


def _entity(surface: Surface, tokens: dict[int, Tokens], n: int, c: Cluster) -> Entity:
    mentions = _mentions(surface, tokens, c)
    ent = Entity(id=f"e{n}", type=c.type, name=_name(c, mentions), mentions=mentions, key=c.key)
    ent.iri = entity_iri(c.type.value, c.key)
    ent.attributes = _attributes(surface, tokens, c)
    if c.reasons:
        ent.attributes["merge_reasons"] = MERGE_REASONS_SEPARATOR.join(c.reasons)
    return ent


def _mentions(surface: Surface, tokens: dict[int, Tokens], c: Cluster) -> list[Mention]:
    seen: set[tuple[int, int]] = set()
    out = []
    for n, cand in sorted(c.members, key=lambda m: tokens[m[0]][m[1].i].start):
        start, end = surface.span(tokens[n], cand.i, cand.j)
        if (start, end) not in seen:
            seen.add((start, end))
            out.append(Mention(surface.cdoc.doc.text[start:end], start, end))
    return out


def _name(c: Cluster, mentions: list[Mention]) -> str:
    """The name as the article writes it: a person's most frequent spelling, an organisation's or an
    event's longest full form (with the country an unqualified ministry stands for)."""
    texts = [visible_nfc(m.text) for m in mentions]
    if c.type in {EntityType.DATE, EntityType.LOCATION}:
        return texts[0]
    if c.type is EntityType.PERSON:
        full = [x for x in texts if len(x.split()) >= 2] or texts
        counts = Counter(full)
        return max(full, key=lambda x: (counts[x], len(x.split()), -full.index(x)))
    full = [x for x in texts if not _acronym_text(x)] or texts
    name = max(full, key=lambda x: (len(x), -full.index(x)))
    if c.type in {EntityType.EVENT, EntityType.AGREEMENT}:
        name = name[:1].upper() + name[1:]  # `lễ bế mạc …` in running text names `Lễ bế mạc …`
    if c.national and NATIONAL_DEFAULT not in name:
        name = f"{name} {NATIONAL_DEFAULT}"
    return name


def _acronym_text(text: str) -> bool:
    if " " in text.strip():
        return False  # most names: no need to count their letters
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= len(letters) - 1


def _attributes(surface: Surface, tokens: dict[int, Tokens], c: Cluster) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for n, cand in c.members:
        t = tokens[n]
        for key, value in (
            ("country", cand.country),
            ("wikidata", cand.wikidata),
            ("kind", cand.kind),
        ):
            if value:
                attrs.setdefault(key, value)
        if cand.rank and "rank" not in attrs:
            rank = surface.text(t, *cand.rank)
            attrs["rank"] = rank[:1].upper() + rank[1:]
        if cand.date and cand.date.iso:
            attrs["iso"] = cand.date.iso
            if cand.date.year_inferred:
                attrs["year_inferred"] = "true"
        status = _status(t, cand)
        if status:
            attrs.setdefault("status", status)
    if c.type is EntityType.ORGANIZATION:
        known = known_org(c.canonical) if c.canonical else None
        if known and known.get("country"):
            attrs.setdefault("country", known["country"])
        if c.national:
            attrs.setdefault("country", NATIONAL_DEFAULT)
    positions = _positions(surface, tokens, c)
    if positions:
        attrs["position"] = POSITIONS_SEPARATOR.join(positions)
    if c.acronyms:
        attrs["acronym"] = sorted(c.acronyms)[0]
    if c.type is EntityType.PERSON and "country" not in attrs:
        country = _person_country(tokens, c)
        if country:
            attrs["country"] = country
    return attrs


def _positions(surface: Surface, tokens: dict[int, Tokens], c: Cluster) -> list[str]:
    out: list[str] = []
    keys: set[str] = set()
    for n, cand in c.members:
        for a, b in cand.posts:
            text = surface.text(tokens[n], a, b)
            if match_key(text) not in keys:
                keys.add(match_key(text))
                out.append(text[:1].upper() + text[1:])
    return out


def _person_country(tokens: dict[int, Tokens], c: Cluster) -> str:
    """The first country named in the person's posts (not one after `tại`: `Đại sứ quán Nhật Bản tại
    Việt Nam` is Japan's), else Vietnam for a Vietnamese name shape."""
    for n, cand in c.members:
        t = tokens[n]
        for a, b in cand.posts:
            for k in range(a, b):
                m = t.at(k, Cat.COUNTRY)
                if m and m.end <= b and t[k - 1].key != "tại":
                    entry = m.first(Cat.COUNTRY)
                    return entry.canonical if entry else ""
    n, cand = c.members[0]
    return NATIONAL_DEFAULT if is_surname(tokens[n], cand.i) else ""


def _status(t: Tokens, c: Candidate) -> str:
    """`planned` for an event or agreement named after `dự kiến`, `sẽ` … in its sentence."""
    if c.type not in {EntityType.EVENT, EntityType.AGREEMENT}:
        return ""
    keys = t.keys[: c.i] + t.keys[c.j : c.j + 4]
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
