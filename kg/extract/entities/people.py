"""People: a name after a rank, a title or a post, a Vietnamese name shape before a verb of speech
or an apposed post, a name after a cue whose object is a person (`tiếp`, `hội đàm với`).

A name is a run of capitalised words; it may hold initials (`Rebecca J. Thornton`), a family name in
capitals (`TANAKA Hiroshi`), particles of foreign names (`bin`, `van`, `de`), and, when its shape
is foreign, a single word (`Bộ trưởng Quốc phòng Indonesia Suharjo`).
"""

from __future__ import annotations

import re
from functools import cache

from ... import lexicon
from ...clean import match_key
from ...model import EntityType
from ..gazetteer import Cat
from ..tokens import Match, Tokens, ends_with, role_starts, starts_with
from .candidate import Candidate, Span
from .shapes import (
    LEXICAL,
    NAMED_HEADS,
    after_place_head,
    is_honorific,
    is_surname,
    place_after_head,
    stop_at,
)

MAX_NAME = 6
VERBS = {"verb", "activity"}
ENDS_POST = {"verb", "activity", "anaphor", "time"}
MAX_TITLE = 12

# A Vietnamese syllable: onset, one to three vowels, a final consonant. A capitalised word that is
# not one (`Thornton`, `Lucía`, `Wei`) has a foreign shape.
_VOWELS = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_SYLLABLE = re.compile(
    rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_VOWELS}]{{1,3}}(?:ch|ng|nh|[cmnpt])?"
)


@cache
def vietnamese_syllable(text: str) -> bool:
    return _SYLLABLE.fullmatch(text.lower()) is not None


def foreign_shaped(t: Tokens, k: int) -> bool:
    """A capitalised word that cannot be a Vietnamese syllable, or a family name in capitals."""
    tok = t[k]
    return tok.is_cap and (not vietnamese_syllable(tok.text) or _caps_family_name(t, k))


@cache
def particles() -> frozenset[str]:
    """Lower-case particles inside foreign names (`bin`, `van`, `de`): lexicon name_particles."""
    return frozenset(match_key(w) for w in lexicon.words("name_particles"))


def _caps_family_name(t: Tokens, k: int) -> bool:
    """`TANAKA` in `TANAKA Hiroshi` or `Hiroshi TANAKA`: a word in capitals beside a capitalised one,
    that no lexicon knows (an acronym such as `ASEAN` is an organisation's)."""
    tok = t[k]
    if not tok.is_acronym or len(tok.text) < 2 or not tok.text.isalpha() or t.any_at(k, *LEXICAL):
        return False
    return any(
        0 <= q < len(t) and t[q].is_cap and not t[q].is_acronym and t[q].is_word
        for q in (k - 1, k + 1)
    )


def _name_word(t: Tokens, k: int) -> bool:
    tok = t[k]
    return tok.is_word and tok.is_cap and (not tok.is_acronym or _caps_family_name(t, k))


def name_run(t: Tokens, j: int, min_len: int = 2) -> Span | None:
    """A run of words at j shaped like a person's name: capitalised words, initials (`J.`),
    particles between them; no word that begins an organisation, post, event or agreement."""
    k = last = j
    while k < len(t) and k - j < MAX_NAME:
        if _name_word(t, k):
            blocker = t.any_at(k, *NAMED_HEADS)
            rank = t.at(k, Cat.RANK)
            if rank and is_honorific(rank) and blocker is rank:
                blocker = None
            if blocker and not is_surname(t, k) and not _head_as_given_name(t, j, k, blocker):
                break
            k = last = k + 1
            if _initial(t, k - 1):
                k += 1  # the dot after an initial
            continue
        if k > j and t[k].key in particles() and k + 1 < len(t) and _name_word(t, k + 1):
            k += 1
            continue
        break
    if last - j < min_len or _initial(t, last - 1):
        return None
    return j, last


def _head_as_given_name(t: Tokens, j: int, k: int, blocker: Match) -> bool:
    """`Nguyễn Văn Trường dẫn đầu`, `Lê Quang Đạo,`: a one-syllable head noun inside a name, with no
    capitalised word after it to name, is a given name."""
    nxt = k + 1
    return (
        k - j >= 2
        and blocker.length == 1
        and (nxt >= len(t) or not (t[nxt].is_cap and t[nxt].is_word))
    )


def _initial(t: Tokens, k: int) -> bool:
    """`J` followed by a dot inside a name (`Rebecca J. Thornton`)."""
    tok = t[k]
    return (
        len(tok.text) == 1
        and tok.text.isupper()
        and k + 2 < len(t)
        and t[k + 1].text == "."
        and _name_word(t, k + 2)
    )


def _single_name(t: Tokens, k: int) -> Span | None:
    """One foreign-shaped word ending a title (`… Indonesia Suharjo,`): a person's single name."""
    if k >= len(t) or not foreign_shaped(t, k) or t.any_at(k, *LEXICAL) or t[k].is_acronym:
        return None
    nxt = t[k + 1] if k + 1 < len(t) else None
    return (k, k + 1) if nxt is None or not nxt.is_cap else None


# ------------------------------------------------------------------ ranks and posts


def ranks_at(t: Tokens, i: int) -> Span | None:
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


def post_before(t: Tokens, i: int) -> Span | None:
    """`Thứ trưởng Bộ Quốc phòng, Thượng tướng X`: the post written before the rank, at the start
    of a clause or after a verb or function word (`Tham dự có Tư lệnh Quân khu 7, Trung tướng X`,
    `gặp Tổng Tham mưu trưởng Quân đội Y, Đại tướng Z`)."""
    end = i - 1 if i > 0 and t[i - 1].text == "," else i
    for p in range(end - 1, max(-1, end - 14), -1):
        if not t[p].is_word or _function_word(t, p):
            return None
        if t.at(p, Cat.POST) and (p == 0 or not t[p - 1].is_word or _function_word(t, p - 1)):
            return (p, end) if end > p and not _names_someone(t, p, end) else None
    return None


def _names_someone(t: Tokens, p: int, end: int) -> bool:
    """`của Bộ trưởng Quốc phòng Hàn Quốc X, Đại tướng Y`: the title before the comma ends with
    another person's name, so it is that person's, not the next one's."""
    other = after_post(t, p)
    return (
        other is not None
        and other.j <= end
        and other.j - other.i >= 2
        and (other.j - other.i >= 3 or is_surname(t, other.i) or foreign_shaped(t, other.i))
    )


def _function_word(t: Tokens, p: int) -> bool:
    return t.at(p, Cat.STOP) is not None and t.at(p, Cat.POST) is None


def _segment_end(t: Tokens, p: int) -> int:
    """Where a post apposed after a name ends: punctuation, or a verb or conjunction after it."""
    q = p
    topic = False
    head = t.at(p, Cat.POST)
    head_end = head.end if head is not None else p  # `Tổng Thư ký`: no verb `ký` inside the head
    while q < len(t) and not (
        t[q].text in {",", ";", ".", ":", "(", ")", "!", "?"} or t[q].is_dash
    ):
        stop = stop_at(t, q) if q >= head_end else None
        if stop and stop.entries[0].term == "về":
            topic = True
        elif stop and not topic and q > p:
            kind = stop.entries[0].get("kind")
            if stop.entries[0].term == "và" and _name_goes_on(t, q + 1):
                q += 1
                continue  # `Viện Chiến lược và Lịch sử quốc phòng`: an organisation's own `và`
            if kind in ENDS_POST or stop.entries[0].term in {"và", "với", "nhằm", "để", "cùng"}:
                break
        q += 1
    return q


def _name_goes_on(t: Tokens, k: int) -> bool:
    """After `và` in a post, a capitalised word that begins no title, rank, person or organisation
    continues the organisation's name."""
    if k >= len(t) or not t[k].is_cap or not t[k].is_word:
        return False
    if t.any_at(k, Cat.RANK, Cat.POST, Cat.ORG_HEAD, Cat.KNOWN_ORG, Cat.COUNTRY):
        return False
    return not (is_surname(t, k) and name_run(t, k))


def posts_after(t: Tokens, k: int) -> tuple[Span, ...]:
    """Posts in apposition after a name: `X – phó cục trưởng Cục Y, trưởng nhóm Z –`."""
    segments: list[Span] = []
    while k < len(t) and (t[k].text == "," or t[k].is_dash):
        p = k + 1
        if p >= len(t):
            break
        q = _segment_end(t, p)
        if q == p:
            break
        if t.at(p, Cat.POST) and not t.at(p, Cat.RANK):
            if _names_someone(t, p, q):
                break  # `X, Bộ trưởng Quốc phòng Lào Y thăm …`: the title is Y's, not X's
            segments.append((p, q))
        elif segments and _continues_post(t, p, q):
            segments[-1] = (segments[-1][0], q)
        else:
            break
        k = q
    return tuple(segments)


def _continues_post(t: Tokens, p: int, q: int) -> bool:
    """An organisation or a place after a post's comma or dash belongs to that post."""
    if t[p].is_cap and t.any_at(p, Cat.ORG_HEAD, Cat.KNOWN_ORG):
        return True
    place = t.any_at(p, Cat.PLACE, Cat.COUNTRY)
    return bool(place and place.end == q)


# ------------------------------------------------------------------ rules


def after_rank(t: Tokens, i: int) -> Candidate | None:
    """`Thượng tướng Đỗ Minh Khang`, `bà Sakamoto Yui`, `ngài Suharjo`."""
    ranks = ranks_at(t, i)
    if not ranks:
        return None
    run = name_run(t, ranks[1]) or _single_name(t, ranks[1])
    if not run or _only_a_place(t, *run):
        return None
    before = post_before(t, i)
    return Candidate(
        EntityType.PERSON, *run, "person.after-rank", rank=ranks, posts=(before,) if before else ()
    )


def _only_a_place(t: Tokens, i: int, j: int) -> bool:
    """`ông Trung Quốc`: the run after the title is a country or place, not a name."""
    place = t.any_at(i, Cat.COUNTRY, Cat.PLACE)
    return place is not None and place.end >= j


def after_post(t: Tokens, i: int) -> Candidate | None:
    """`Bộ trưởng Quốc phòng Malaysia Azman Hakim`, `Đại sứ Hoa Kỳ tại Việt Nam Marc Evans`: the
    name that ends a title, after the organisation or country the title carries."""
    post = t.at(i, Cat.POST)
    if not post or t.at(i, Cat.RANK) or _inside_a_name(t, i):
        return None
    k = post.end
    single = True  # a single name right after the post or a country: `Bộ trưởng Indonesia Suharjo`
    site = False  # a site's head (`Căn cứ Hải quân San Diego`): its own name follows, no holder's
    while k < min(len(t), post.end + MAX_TITLE):
        tok = t[k]
        if not tok.is_word or t.at(k, Cat.RANK):
            return None
        stop = stop_at(t, k)
        if stop and stop.entries[0].term not in {"tại", "của", "về"}:
            return None
        site = site or Cat.SITE_HEAD in t.matches[k]
        known = t.any_at(k, *LEXICAL)
        if known:
            k = known.end
            single = bool(known.first(Cat.COUNTRY) or known.first(Cat.PLACE))
            continue
        seat = _seat(t, k)
        if seat is not None:
            k, single = seat, False
            continue
        place = place_after_head(t, k)
        if place:
            k, single = place[1], False
            continue
        if tok.is_cap and (
            single or is_surname(t, k) or foreign_shaped(t, k) or (not site and foreign_run(t, k))
        ):
            run = name_run(t, k) or (_single_name(t, k) if single else None)
            if run:
                return Candidate(EntityType.PERSON, *run, "person.after-post", posts=((i, k),))
        k += 1
        single = False
    return None


def _seat(t: Tokens, k: int) -> int | None:
    """`Tổng Lãnh sự Việt Nam tại San Francisco`: a name no lexicon knows right after `tại` or `ở`
    in a title is the post's seat, not its holder; the index after it."""
    if k == 0 or not ends_with(t, k, "locative") or t.any_at(k, *LEXICAL):
        return None
    run = name_run(t, k)
    return run[1] if run is not None and not is_surname(t, k) else None


def foreign_run(t: Tokens, k: int) -> bool:
    """`Bộ trưởng Quốc phòng Tea Seiha`: a name whose first word could be Vietnamese but whose
    later words cannot."""
    run = name_run(t, k)
    return run is not None and any(foreign_shaped(t, q) for q in range(k + 1, run[1]))


def _inside_a_name(t: Tokens, i: int) -> bool:
    """`tư lệnh` in `Bộ Tư lệnh Miền Nam`: a post word inside an organisation's head is no title."""
    for k in range(max(0, i - 3), i):
        m = t.any_at(k, Cat.ORG_HEAD, Cat.KNOWN_ORG, Cat.EVENT)
        if m is not None and m.end > i:
            return True
    return False


def by_shape(t: Tokens, i: int) -> Candidate | None:
    """`Nguyễn Văn A cho biết`: a Vietnamese name shape followed by a verb or an apposed post."""
    if (
        not is_surname(t, i)
        or t.any_at(i, *LEXICAL)
        or (i > 0 and t[i - 1].is_cap and t[i - 1].is_word)
        or after_place_head(t, i)
    ):
        return None
    run = name_run(t, i)
    if not run or run[1] - run[0] > 4:
        return None
    k = run[1]
    stop = t.at(k, Cat.STOP)
    follows_verb = stop is not None and stop.entries[0].get("kind") in VERBS
    follows_post = k + 1 < len(t) and (t[k].text == "," or t[k].is_dash) and t.at(k + 1, Cat.POST)
    return (
        Candidate(EntityType.PERSON, *run, "person.shape") if follows_verb or follows_post else None
    )


def after_cue(t: Tokens, i: int) -> Candidate | None:
    """`hội đàm với Yamamoto Sakura`: a capitalised name right after a cue whose object is a person
    (from the relation frames: `tiếp`, `hội đàm với`, `gặp` …), even with no title."""
    if i == 0 or not t[i].is_cap or t[i - 1].key not in _cue_ends() or t.any_at(i, *LEXICAL):
        return None
    if after_place_head(t, i):
        return None
    keys = t.keys[max(0, i - 3) : i]
    if not any(tuple(keys[-len(cue) :]) == cue for cue in person_cues()):
        return None
    run = name_run(t, i)
    if not run or any(t.any_at(k, *LEXICAL) for k in range(*run)):
        return None
    return Candidate(EntityType.PERSON, *run, "person.after-cue")


def counterpart(t: Tokens, i: int) -> Candidate | None:
    """`người đồng cấp Indonesia Sjafrie Hartono`: the name after `người đồng cấp` and a country is
    a person of that country; with no name (`hội đàm với người đồng cấp Indonesia`) the phrase
    refers back to the person of that country the article names (lexicon role counterpart)."""
    n = starts_with(t, i, "counterpart")
    if not n:
        return None
    k = i + n
    place = t.at(k, Cat.COUNTRY)
    entry = place.first(Cat.COUNTRY) if place is not None else None
    country = entry.canonical if entry is not None else ""
    end = place.end if place is not None else k
    run = name_run(t, end) if end < len(t) and t[end].is_cap else None
    if run is not None and not t.any_at(end, *LEXICAL):
        return Candidate(EntityType.PERSON, *run, "person.counterpart", country=country)
    if not country:
        return None
    return Candidate(
        EntityType.PERSON, i, end, "person.counterpart", country=country, refers_back=True
    )


def bare_post(t: Tokens, i: int) -> Candidate | None:
    """`Cùng ngày, Đại sứ đã dự lễ khởi công`, `Bộ trưởng nhấn mạnh …`: a capitalised post with no
    name, organisation, country or number after it refers back to the one person the article gives
    that post; not after a number or a word that makes it someone else or several (role not_one:
    `hai Bộ trưởng`, `phu nhân Đại sứ`, `Thay mặt Bộ trưởng`), nor after a capitalised word that is
    no form of address (`Phó Đại sứ`, but `Ngài Đại sứ`), nor before `hai nước` or `của`."""
    post = t.at(i, Cat.POST)
    if post is None or not t.word_start[i]:
        return None
    end = post.end
    head = t.any_at(i, Cat.ORG_HEAD, Cat.KNOWN_ORG, Cat.EVENT)
    if head is not None and head.end >= end:
        return None  # `Đại sứ quán`, `Tổng Lãnh sự quán`: the post begins a name
    if end < len(t) and (
        not t.word_start[end]
        or t[end].is_cap
        or t[end].is_number
        or t[end].key == "của"
        or starts_with(t, end, "pair")
        or t.any_at(end, *LEXICAL)
    ):
        return None
    before = t[i - 1] if i > 0 else None
    if before is not None and (
        (
            before.is_cap and before.is_word and not t.at(i - 1, Cat.RANK)
        )  # `Phó Đại sứ`; `Ngài Đại sứ`
        or before.is_number  # `3 Thứ trưởng`
        or ends_with(t, i, "not_one")
    ):
        return None
    return Candidate(EntityType.PERSON, i, end, "person.bare-post", refers_back=True)


@cache
def _cue_ends() -> frozenset[str]:
    return frozenset(cue[-1] for cue in person_cues())


@cache
def person_cues() -> tuple[tuple[str, ...], ...]:
    """Cues of relation frames between two people (their object is a person)."""
    rows = lexicon.table("relation_patterns")
    cues = {
        tuple(match_key(w) for w in row["cue"].split())
        for row in rows
        if row["target"] == "PERSON" and row["agent"].startswith("PERSON")
    }
    return tuple(sorted(cues, key=len, reverse=True))


def find_people(t: Tokens) -> list[Candidate]:
    """Every person of the sentence, each with the posts apposed after the name."""
    people: list[Candidate] = []
    counterparts = {k for k, _ in role_starts(t, "counterpart")}  # where `counterpart` can find one
    i = 0
    while i < len(t):
        here, cap = t.matches[i], t[i].is_cap
        person = (
            (Cat.RANK in here and after_rank(t, i))
            or (Cat.POST in here and after_post(t, i))
            or (cap and (by_shape(t, i) or after_cue(t, i)))
            or (i in counterparts and counterpart(t, i))
            or (cap and Cat.POST in here and bare_post(t, i))
        )
        if person:
            person = _with_posts_after(t, person)
            people.append(person)
            i = person.j
        else:
            i += 1
    return people


def _with_posts_after(t: Tokens, p: Candidate) -> Candidate:
    after = posts_after(t, p.j)
    if not after:
        return p
    from dataclasses import replace

    return replace(p, posts=p.posts + after)
