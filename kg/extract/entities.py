"""Entity rules over one sentence's tokens: people by title and name shape, organisations, events and
agreements by their head nouns extended over the name, places from the gazetteer, dates by pattern.

Every rule reads lexicon categories (`Cat`), capitalisation, POS and a few punctuation shapes; none
knows a particular name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from .. import lexicon
from ..clean import match_key
from ..model import EntityType
from .dates import DateMatch
from .gazetteer import Cat, gazetteer
from .tokens import Match, Tokens

# POS tags (pyvi) that end a lower-case stretch of an organisation's name.
CLAUSE_POS = {"V", "R", "E", "C", "P", "T", "X", "Cc", "CH"}
PLURAL = {"các", "những", "nhiều", "mọi", "mỗi", "hai", "ba", "một số"}
HONORIFIC_KINDS = {"honorific"}
MAX_NAME = 5
# Function words a topic complement (`về hợp tác trong lĩnh vực ...`) runs through.
TOPIC_LINKS = {"trong", "của", "giữa", "cho", "với", "về", "đối với"}
MAX_PHRASE = 32


@dataclass
class Found:
    """A candidate mention in a sentence: token range [i, j) and what the rules learned about it."""

    type: EntityType
    i: int
    j: int
    canonical: str = ""
    kind: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    acronym: tuple[int, int] | None = None
    anaphor: bool = False
    positions: list[tuple[int, int]] = field(default_factory=list)
    rank: tuple[int, int] | None = None
    date: DateMatch | None = None
    entity: str = ""

    def overlaps(self, other: Found) -> bool:
        return self.i < other.j and other.i < self.j

    def inside(self, other: Found) -> bool:
        return other.i <= self.i and self.j <= other.j and (self.i, self.j) != (other.i, other.j)


@dataclass
class SentenceFinds:
    tokens: Tokens
    found: list[Found]

    def of(self, *types: EntityType) -> list[Found]:
        return [f for f in self.found if f.type in types]


# ------------------------------------------------------------------ people


def _name_run(t: Tokens, j: int, min_len: int = 2) -> tuple[int, int] | None:
    """A run of capitalised words at j that is shaped like a person's name."""
    k = j
    while k < len(t) and k - j < MAX_NAME and t[k].is_word and t[k].is_cap and not t[k].is_acronym:
        blocker = t.any_at(k, Cat.ORG_HEAD, Cat.POST, Cat.EVENT, Cat.AGREEMENT, Cat.KNOWN_ORG)
        rank = t.at(k, Cat.RANK)
        if rank and not _honorific(rank):
            blocker = blocker or rank
        if blocker and not _is_surname(t, k):
            break
        k += 1
    if k - j < min_len:
        return None
    return j, k


def _is_surname(t: Tokens, k: int) -> bool:
    return t[k].key in gazetteer().surnames


def _strip_leading_place(t: Tokens, i: int, j: int) -> tuple[int, int, str]:
    """`Nhật Bản Yamada Takio` after a title: the country is an attribute, not part of the name."""
    m = t.any_at(i, Cat.COUNTRY, Cat.PLACE)
    if m and j - m.end >= 2:
        entry = m.first(Cat.COUNTRY) or m.first(Cat.PLACE)
        return m.end, j, entry.canonical if entry else ""
    return i, j, ""


def _looks_foreign(t: Tokens, k: int) -> bool:
    return all(ch.isascii() for ch in t[k].text)


def _ranks_at(t: Tokens, i: int) -> tuple[int, int] | None:
    """One or more ranks or honorifics at i (`Thượng tướng, Tiến sĩ`)."""
    m = t.at(i, Cat.RANK)
    if not m or not t.word_start[i]:  # `ông` in `đàn ông` (a man) is no title
        return None
    longer = t.any_at(i, Cat.PLACE, Cat.COUNTRY, Cat.KNOWN_ORG, Cat.POST)
    if longer and longer.length > m.length:
        return None
    end = m.end
    while end + 1 < len(t) and t[end].text == "," and (more := t.at(end + 1, Cat.RANK)):
        end = more.end
    return i, end


def find_people(t: Tokens) -> list[Found]:
    people: list[Found] = []
    i = 0
    while i < len(t):
        here, cap = t.matches[i], t[i].is_cap
        person = (
            (Cat.RANK in here and _person_after_rank(t, i))
            or (Cat.POST in here and _person_after_post(t, i))
            or (cap and (_person_by_shape(t, i) or _person_after_cue(t, i)))
        )
        if person:
            person.positions.extend(_positions_after(t, person.j))
            people.append(person)
            i = person.j
        else:
            i += 1
    return people


def _person_after_rank(t: Tokens, i: int) -> Found | None:
    ranks = _ranks_at(t, i)
    if not ranks:
        return None
    run = _name_run(t, ranks[1])
    if not run or _only_a_place(t, *run):
        return None
    person = Found(EntityType.PERSON, *run, rank=ranks)
    before = _post_before(t, i)
    if before:
        person.positions.append(before)
    return person


def _only_a_place(t: Tokens, i: int, j: int) -> bool:
    """`ông Trung Quốc`: the run after the title is a country or place, not a name."""
    place = t.any_at(i, Cat.COUNTRY, Cat.PLACE)
    return place is not None and place.end >= j


def _post_before(t: Tokens, i: int) -> tuple[int, int] | None:
    """`Thứ trưởng Bộ Quốc phòng, Thượng tướng X`: the post written before the rank."""
    end = i - 1 if i > 0 and t[i - 1].text == "," else i
    for p in range(end - 1, max(-1, end - 14), -1):
        if not t[p].is_word or (t.at(p, Cat.STOP) and not t.at(p, Cat.POST)):
            return None
        if t.at(p, Cat.POST) and (p == 0 or not t[p - 1].is_word or t[p - 1].text == ","):
            return (p, end) if end > p else None
    return None


def _person_after_post(t: Tokens, i: int) -> Found | None:
    post = t.at(i, Cat.POST)
    if not post or t.at(i, Cat.RANK):
        return None
    k = post.end
    while k < min(len(t), post.end + 12):
        tok = t[k]
        if not tok.is_word or t.at(k, Cat.RANK):
            return None
        stop = t.at(k, Cat.STOP)
        if stop and stop.entries[0].term not in {"tại", "của", "về"}:
            return None
        known = t.any_at(k, *_LEXICAL)
        if known:
            k = known.end
            continue
        place = place_after_head(t, k)
        if place:
            k = place[1]
            continue
        if tok.is_cap and (_is_surname(t, k) or _looks_foreign(t, k)):
            run = _name_run(t, k)
            if run:
                person = Found(EntityType.PERSON, *run)
                person.positions.append((i, k))
                return person
        k += 1
    return None


_LEXICAL = (
    Cat.ORG_HEAD,
    Cat.POST,
    Cat.RANK,
    Cat.EVENT,
    Cat.AGREEMENT,
    Cat.KNOWN_ORG,
    Cat.COUNTRY,
    Cat.PLACE,
)


def _person_by_shape(t: Tokens, i: int) -> Found | None:
    """`Nguyễn Văn A cho biết`: a Vietnamese name shape followed by a verb or an apposed post."""
    if (
        not _is_surname(t, i)
        or t.any_at(i, *_LEXICAL)
        or (i > 0 and t[i - 1].is_cap and t[i - 1].is_word)
        or _after_place_head(t, i)
    ):
        return None
    run = _name_run(t, i)
    if not run or run[1] - run[0] > 4:
        return None
    k = run[1]
    follows_verb = (stop := t.at(k, Cat.STOP)) is not None and stop.entries[0].get("kind") == "verb"
    follows_post = k + 1 < len(t) and (t[k].text == "," or t[k].is_dash) and t.at(k + 1, Cat.POST)
    return Found(EntityType.PERSON, *run) if follows_verb or follows_post else None


def _person_after_cue(t: Tokens, i: int) -> Found | None:
    """`hội đàm với Yamamoto Sakura`: a capitalised name right after a cue whose object is a person
    (from relation_patterns.tsv: `tiếp`, `hội đàm với`, `gặp` …) is a person, even with no title."""
    if i == 0 or not t[i].is_cap or t[i - 1].key not in _cue_ends() or t.any_at(i, *_LEXICAL):
        return None
    if _after_place_head(t, i):
        return None
    keys = t.keys[max(0, i - 3) : i]
    if not any(tuple(keys[-len(cue) :]) == cue for cue in person_cues()):
        return None
    run = _name_run(t, i)
    if not run or any(t.any_at(k, *_LEXICAL) for k in range(*run)):
        return None
    return Found(EntityType.PERSON, *run)


@cache
def _cue_ends() -> frozenset[str]:
    return frozenset(cue[-1] for cue in person_cues())


@cache
def person_cues() -> tuple[tuple[str, ...], ...]:
    """Cues of relation patterns between two people (their object is a person)."""
    rows = lexicon.table("relation_patterns")
    cues = {
        tuple(match_key(w) for w in row["cue"].split())
        for row in rows
        if row["target"] == "PERSON" and row["agent"].startswith("PERSON")
    }
    return tuple(sorted(cues, key=len, reverse=True))


def _segment_end(t: Tokens, p: int) -> int:
    q = p
    topic = False
    while q < len(t) and not (
        t[q].text in {",", ";", ".", ":", "(", ")", "!", "?"} or t[q].is_dash
    ):
        stop = t.at(q, Cat.STOP)
        if stop and stop.entries[0].term == "về":
            topic = True
        elif (
            stop and not topic and q > p and stop.entries[0].get("kind") in {"verb", "anaphor"}
        ) or (stop and not topic and q > p and stop.entries[0].term in {"và", "với", "nhằm", "để"}):
            break
        q += 1
    return q


def _positions_after(t: Tokens, k: int) -> list[tuple[int, int]]:
    """Posts in apposition after a name: `X – phó cục trưởng Cục Y, trưởng nhóm Z –`."""
    segments: list[tuple[int, int]] = []
    while k < len(t) and (t[k].text == "," or t[k].is_dash):
        p = k + 1
        if p >= len(t):
            break
        q = _segment_end(t, p)
        if q == p:
            break
        if t.at(p, Cat.POST) and not t.at(p, Cat.RANK):
            segments.append((p, q))
        elif segments and _continues_post(t, p, q):
            segments[-1] = (segments[-1][0], q)
        else:
            break
        k = q
    return segments


def _continues_post(t: Tokens, p: int, q: int) -> bool:
    """An organisation or a place after a post's comma or dash belongs to that post."""
    if t[p].is_cap and t.any_at(p, Cat.ORG_HEAD, Cat.KNOWN_ORG):
        return True
    place = t.any_at(p, Cat.PLACE, Cat.COUNTRY)
    return bool(place and place.end == q)


# ------------------------------------------------------------------ named phrases


@dataclass
class _Phrase:
    end: int
    last: int
    acronym: tuple[int, int] | None = None
    anaphor: bool = False


def _bracket_acronym(t: Tokens, k: int) -> int | None:
    """`(EWG PKO)`, `(ADMM+)`: index after the closing bracket when k opens an acronym."""
    if t[k].text != "(":
        return None
    q = k + 1
    while q < len(t) and q - k <= 4 and (t[q].is_acronym or t[q].text == "+" or t[q].is_number):
        q += 1
    if q > k + 1 and q < len(t) and t[q].text == ")" and t[k + 1].is_acronym:
        return q + 1
    return None


def _extend(t: Tokens, j: int, kind: EntityType, *, topic: bool, head_cap: bool) -> _Phrase:
    """Extend a head noun at j-1 over the rest of its name."""
    ph = _Phrase(end=j, last=j)
    k = j
    lc_run = 0
    in_topic = False
    has_cap = False
    while k < len(t) and k - j < MAX_PHRASE:
        tok = t[k]
        acr_end = _bracket_acronym(t, k)
        if acr_end:
            ph.acronym = (k + 1, acr_end - 1)
            if kind is not EntityType.EVENT:
                break
            k = acr_end
            lc_run = 0
            continue
        if tok.is_dash and k > j and t[k - 1].is_number and k + 1 < len(t) and t[k + 1].is_number:
            k = ph.last = k + 2
            continue
        if tok.is_dash:
            nxt = t.any_at(k + 1, Cat.PLACE, Cat.COUNTRY)
            if nxt and k > j and t[k - 1].is_cap:
                k = ph.last = nxt.end
                continue
            break
        if tok.text == "," and kind is EntityType.EVENT and _period_after(t, k + 1):
            k = ph.last = _period_after(t, k + 1) or k
            continue
        if not tok.is_word:
            break
        date = t.date_at(k)
        if date:
            if kind is EntityType.EVENT and date[2].text.lower().startswith("năm"):
                k = ph.last = date[1]
                continue
            break
        known = t.any_at(k, Cat.KNOWN_ORG, Cat.PLACE, Cat.COUNTRY)
        if known and known.length > 1 and tok.is_cap:
            k = ph.last = known.end
            has_cap = True
            continue
        stop = None if tok.is_cap else t.at(k, Cat.STOP)
        if stop:
            step = _through_stop(
                t,
                k,
                stop.entries[0].term,
                stop.entries[0].get("kind"),
                kind,
                topic,
                head_cap or has_cap,
                in_topic,
            )
            if step is None:
                ph.anaphor = stop.entries[0].get("kind") == "anaphor"
                break
            in_topic = in_topic or stop.entries[0].term == "về"
            k = step
            if stop.entries[0].get("kind") in {"verb", "topic"}:
                ph.last = k
            continue
        if t.at(k, Cat.RANK) and kind is not EntityType.EVENT and not in_topic:
            break
        if kind is EntityType.ORGANIZATION and not in_topic and t[k].is_cap and t.at(k, Cat.POST):
            break
        if tok.is_cap or tok.is_number or tok.is_acronym:
            lc_run = 0
            has_cap = has_cap or tok.is_cap
        else:
            if kind is EntityType.ORGANIZATION and not in_topic and _ends_org(t, k):
                break
            lc_run += 1
            if lc_run > (8 if kind is EntityType.ORGANIZATION else 20):
                break
        k += 1
        ph.last = k
    ph.end = ph.last
    return ph


def _up_to_acronym(t: Tokens, j: int) -> _Phrase | None:
    """`nhóm chuyên gia gìn giữ hòa bình (EWG PKO)`: the acronym in brackets bounds the name."""
    for k in range(j, min(len(t), j + 10)):
        if t[k].text == "(":
            acr_end = _bracket_acronym(t, k)
            return (
                _Phrase(end=k, last=k, acronym=(k + 1, acr_end - 1)) if acr_end and k > j else None
            )
        stop = None if t[k].is_cap else t.at(k, Cat.STOP)
        if not t[k].is_word or (stop and stop.entries[0].get("kind") != "topic"):
            return None
    return None


def _only_cues(t: Tokens, j: int, k: int) -> bool:
    """Tokens j..k are nothing but event nouns joined by `và` (`Hội nghị và Hội thảo`)."""
    q, expect_cue = j, False
    while q < k:
        cue = t.at(q, Cat.EVENT)
        if expect_cue and cue:
            q, expect_cue = cue.end, False
        elif not expect_cue and t[q].key == "và":
            q, expect_cue = q + 1, True
        else:
            return False
    return not expect_cue


def _period_after(t: Tokens, k: int) -> int | None:
    """`, giai đoạn 2021 – 2023` inside an event's name: index after it."""
    if k + 1 < len(t) and t[k].key == "giai" and t[k + 1].key == "đoạn":
        q = k + 2
        if q < len(t) and t[q].is_number:
            q += 1
            if q + 1 < len(t) and t[q].is_dash and t[q + 1].is_number:
                q += 2
            return q
    return None


def _through_stop(
    t: Tokens,
    k: int,
    term: str,
    stop_kind: str,
    kind: EntityType,
    topic: bool,
    head_cap: bool,
    in_topic: bool,
) -> int | None:
    """Where a name continues past a stop word (`về`, `của`, `cho`, `và`), or None where it ends."""
    nxt = k + len(term.split())
    if nxt >= len(t):
        return None
    if term == "về" and topic and not in_topic:
        return nxt
    if in_topic and term in TOPIC_LINKS:
        return nxt
    if stop_kind == "topic" and (in_topic or kind is not EntityType.ORGANIZATION):
        return nxt
    if term == "của" and kind is EntityType.EVENT and not _bare_pronoun(t, nxt):
        return nxt
    if term == "của" and kind is EntityType.AGREEMENT and t[nxt].is_cap:
        return nxt
    if term == "cho" and kind is EntityType.EVENT and t.at(nxt, Cat.EVENT):
        return nxt
    if (
        term == "và"
        and kind is EntityType.EVENT
        and head_cap
        and t[nxt].is_cap
        and t.at(nxt, Cat.EVENT)
    ):
        return nxt
    return None


def _bare_pronoun(t: Tokens, k: int) -> bool:
    """`của ông`, `của bà`: a form of address with no name after it refers back to someone."""
    m = t.at(k, Cat.RANK)
    return bool(
        m and m.entries[0].get("kind") == "honorific" and not (m.end < len(t) and t[m.end].is_cap)
    )


def _ends_org(t: Tokens, k: int) -> bool:
    """A lower-case word that is a verb, adverb or preposition ends an organisation's name."""
    if t.any_at(k, Cat.PLACE, Cat.COUNTRY):
        return False
    if t[k].key in PLURAL:
        return not (k + 1 < len(t) and t[k + 1].is_cap)
    if _capital_ahead(t, k):
        return False
    return t.word_start[k] and t.pos[k] in CLAUSE_POS  # inside a word: no need to tag


def _capital_ahead(t: Tokens, k: int) -> bool:
    """A capitalised word or a bracketed acronym follows this lower-case stretch before any clause
    word or punctuation: the stretch is inside the name (`Quân đội nhân dân Việt Nam`)."""
    for q in range(k + 1, min(len(t), k + 3)):
        tok = t[q]
        if tok.text == "(":
            return _bracket_acronym(t, q) is not None
        if not tok.is_word or (not tok.is_cap and t.at(q, Cat.STOP)):
            return False
        if tok.is_cap or t.any_at(q, Cat.PLACE, Cat.COUNTRY):
            return True
    return False


def find_named(t: Tokens) -> list[Found]:
    """Organisations, events and agreements, including bare cues that refer back (`Hội nghị`)."""
    out: list[Found] = []
    for i in range(len(t)):
        if not t.matches[i] and not t[i].is_acronym:
            continue
        for found in (_known_org(t, i), _headed(t, i), _lone_acronym(t, i)):
            if found:
                out.append(found)
    return _prefer_longest(out)


def _in_brackets(t: Tokens, i: int) -> bool:
    k = i - 1
    while k >= 0 and (t[k].is_acronym or t[k].is_number or t[k].text == "+"):
        k -= 1
    return k >= 0 and t[k].text == "("


def _lone_acronym(t: Tokens, i: int) -> Found | None:
    """An acronym standing alone (`RPC tổ chức ...`): an organisation if the article expands it."""
    tok = t[i]
    if not tok.is_acronym or t.at(i, Cat.KNOWN_ORG) or _in_brackets(t, i):
        return None
    if sum(ch.isalpha() for ch in tok.text) < 3:
        return None
    return Found(EntityType.ORGANIZATION, i, i + 1, attrs={"acronym_only": "yes"})


def _known_org(t: Tokens, i: int) -> Found | None:
    m = t.matches[i].get(Cat.KNOWN_ORG)
    if not m:
        return None
    entry = m.entries[0]
    f = Found(EntityType.ORGANIZATION, i, m.end, canonical=entry.canonical, kind=entry.get("kind"))
    if entry.get("country"):
        f.attrs["country"] = entry.get("country")
    if entry.get("wikidata"):
        f.attrs["wikidata"] = entry.get("wikidata")
    acr_end = _bracket_acronym(t, m.end) if m.end < len(t) else None
    if acr_end and t.text(m.end + 1, acr_end - 1) in entry.get("aliases").split("|"):
        f.acronym = (m.end + 1, acr_end - 1)
    return f


_HEADS = (
    (Cat.ORG_HEAD, EntityType.ORGANIZATION),
    (Cat.EVENT, EntityType.EVENT),
    (Cat.AGREEMENT, EntityType.AGREEMENT),
)
_HEAD_CATS = frozenset(cat for cat, _ in _HEADS)


def _headed(t: Tokens, i: int) -> Found | None:
    here = t.matches[i]
    if _HEAD_CATS.isdisjoint(here):
        return None
    options = [(here[cat], typ) for cat, typ in _HEADS if cat in here]
    if not options or not t.word_start[i]:
        return None
    m, typ = max(options, key=lambda o: o[0].length)
    if m.end < len(t) and not t.word_start[m.end]:
        return None  # the head is the start of a longer word: `Ban đầu`, `Trường hợp`, `Đài Loan`
    rival = t.any_at(i, Cat.POST, Cat.RANK, Cat.PLACE, Cat.COUNTRY)
    known = t.at(i, Cat.KNOWN_ORG)
    if (rival and rival.length > m.length) or (known and known.length >= m.length):
        return None
    entry = m.first(_cat_of(typ))
    head_cap = t[i].is_cap
    topic = bool(entry and entry.get("topic") == "yes") or typ is not EntityType.ORGANIZATION
    ph = _extend(t, m.end, typ, topic=topic, head_cap=head_cap)
    if typ is EntityType.ORGANIZATION and ph.acronym is None:
        ph = _up_to_acronym(t, m.end) or ph
    f = Found(
        typ,
        i,
        ph.end,
        kind=entry.get("kind") if entry else "",
        acronym=ph.acronym,
        anaphor=ph.anaphor,
    )
    generic = i > 0 and t[i - 1].key in PLURAL
    if typ is EntityType.ORGANIZATION:
        has_acronym = ph.acronym is not None or any(t[k].is_acronym for k in range(m.end, ph.end))
        if generic or not (head_cap or has_acronym):
            return None
        if ph.end == m.end:
            f.anaphor = True
        if entry and entry.get("national") == "yes":
            f.attrs["national"] = "yes"
        return f
    if generic or (not head_cap and entry and entry.get("lowercase") == "no"):
        return None
    bare = ph.end == m.end or (typ is EntityType.EVENT and _only_cues(t, m.end, ph.end))
    if bare and not (typ is EntityType.AGREEMENT and head_cap and m.length >= 2):
        f.anaphor = True
    return f


def _cat_of(typ: EntityType) -> str:
    return {
        EntityType.ORGANIZATION: Cat.ORG_HEAD,
        EntityType.EVENT: Cat.EVENT,
        EntityType.AGREEMENT: Cat.AGREEMENT,
    }[typ]


def _prefer_longest(found: list[Found]) -> list[Found]:
    """Among candidates of one type that start at the same place or overlap, keep the longest;
    a known organisation's name hides the names inside it."""
    found.sort(key=lambda f: (f.i, -(f.j - f.i)))
    kept: list[Found] = []
    for f in found:
        if f.attrs.get("acronym_only") and any(f.inside(k) for k in found):
            continue
        if any(
            f.inside(k)
            and (k.canonical or (k.type == f.type and f.type is not EntityType.ORGANIZATION))
            for k in kept
        ):
            continue
        clash = next(
            (k for k in kept if k.type == f.type and k.overlaps(f) and not f.inside(k)), None
        )
        same_start = next((k for k in kept if k.i == f.i), None)
        if clash or same_start:
            continue
        kept.append(f)
    return kept


# ------------------------------------------------------------------ places and dates


def place_after_head(t: Tokens, i: int) -> tuple[int, int, str] | None:
    """`thị trấn La Gi`, `xã Tân Lộc`, `sông Hàn`: the capitalised name after a lower-case place
    noun at i, as (start, end, kind); None when no such name follows or a lexicon term does."""
    head = t.at(i, Cat.PLACE_HEAD)
    if head is None or t[i].is_cap or head.end >= len(t) or not t.word_start[head.end]:
        return None
    j = k = head.end
    while k < len(t) and k - j < 3 and t[k].is_word and (t[k].is_cap or (k > j and t[k].is_number)):
        if k - j >= 2 and _is_surname(t, k) and k + 1 < len(t) and t[k + 1].is_cap:
            break  # `đèo Hải Vân Lê Văn A`: a person's name begins
        blocker = t.any_at(k, *_NOT_IN_PLACE_NAMES)
        if blocker and not (blocker.first(Cat.RANK) and _honorific(blocker)):
            break
        k += 1
    known = t.any_at(j, Cat.PLACE, Cat.COUNTRY)
    if k == j or not t[j].is_cap or (known and known.end >= k):
        return None  # nothing named, or a place the gazetteer knows (found with its attributes)
    return j, k, head.entries[0].get("kind")


def _honorific(m: Match) -> bool:
    entry = m.first(Cat.RANK)
    return entry is not None and entry.get("kind") in HONORIFIC_KINDS


_NOT_IN_PLACE_NAMES = (Cat.ORG_HEAD, Cat.POST, Cat.RANK, Cat.EVENT, Cat.AGREEMENT, Cat.KNOWN_ORG)


def _after_place_head(t: Tokens, i: int) -> bool:
    return any(
        (m := t.at(k, Cat.PLACE_HEAD)) is not None and m.end == i and not t[k].is_cap
        for k in range(max(0, i - 3), i)
    )


_PLACE_CATS = frozenset({Cat.COUNTRY, Cat.PLACE})


def find_places(t: Tokens) -> list[Found]:
    out = []
    i = 0
    while i < len(t):
        here = t.matches[i]
        named = place_after_head(t, i) if Cat.PLACE_HEAD in here else None
        if named:
            start, end, kind = named
            out.append(
                Found(EntityType.LOCATION, start, end, canonical=t.text(start, end), kind=kind)
            )
            i = end
            continue
        m = None if _PLACE_CATS.isdisjoint(here) else t.any_at(i, Cat.COUNTRY, Cat.PLACE)
        if m and not _blocked_place(t, i, m.length):
            entry = m.first(Cat.COUNTRY) or m.first(Cat.PLACE)
            assert entry is not None
            f = Found(EntityType.LOCATION, i, m.end, canonical=entry.canonical)
            f.kind = "Country" if entry.cat == Cat.COUNTRY else entry.get("kind") or "Place"
            f.attrs["country"] = (
                entry.canonical if entry.cat == Cat.COUNTRY else entry.get("country")
            )
            if entry.get("wikidata"):
                f.attrs["wikidata"] = entry.get("wikidata")
            out.append(f)
            i = m.end
        else:
            i += 1
    return out


def _blocked_place(t: Tokens, i: int, length: int) -> bool:
    """A longer organisation, post or title starting here wins over the place name."""
    rival = t.any_at(i, Cat.KNOWN_ORG, Cat.ORG_HEAD, Cat.POST, Cat.EVENT)
    return bool(rival and rival.length > length)


def find_date_spans(t: Tokens) -> list[Found]:
    return [Found(EntityType.DATE, i, j, date=d) for i, j, d in t.dates]


# ------------------------------------------------------------------ one sentence


def scan(t: Tokens) -> SentenceFinds:
    """All candidates of a sentence, with nesting resolved by the annotation rules."""
    people = find_people(t)
    named = [
        f
        for f in find_named(t)
        if not any(f.overlaps(p) and f.i < p.j and f.i >= p.i for p in people)
    ]
    position_spans = [Found(EntityType.PERSON, a, b) for p in people for a, b in p.positions]
    named = [
        f
        for f in named
        if not (
            _party_organ(t, f)
            and any(f.inside(s) or (f.i, f.j) == (s.i, s.j) for s in position_spans)
        )
    ]
    names = [f for f in named if not f.anaphor]
    blockers = people + names + position_spans
    places = [pl for pl in find_places(t) if not any(pl.overlaps(b) for b in blockers)]
    places = [
        pl
        for pl in places
        if not _after_title(t, pl.i) and not t.in_quotes(pl.i) and not _not_a_place_here(t, pl.i)
    ]
    dates = [
        d for d in find_date_spans(t) if not any(d.overlaps(b) for b in names + position_spans)
    ]
    _inner_rank_place(t, people)
    return SentenceFinds(t, people + named + places + dates)


def _party_organ(t: Tokens, f: Found) -> bool:
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
    return any(before.endswith(w) for w in lexicon.words("not_place_after"))


def _after_title(t: Tokens, i: int) -> bool:
    """`Đại sứ Hoa Kỳ`: a country right after a post is the post's country, not a place."""
    return any(t.at(k, Cat.POST) and t.at(k, Cat.POST).end == i for k in range(max(0, i - 6), i))  # type: ignore[union-attr]


def _inner_rank_place(t: Tokens, people: Iterable[Found]) -> None:
    for p in people:
        i, j, country = _strip_leading_place(t, p.i, p.j)
        if country:
            p.i, p.j = i, j
            p.attrs["country"] = country
