"""Shapes the entity rules share: a token that is a family name, a form of address, a place noun
followed by a proper name, a word the segmenter starts or ends."""

from __future__ import annotations

from ..gazetteer import Cat, gazetteer
from ..tokens import Match, Tokens

HONORIFIC = "honorific"
# Lexicon categories that begin a name of their own: a capitalised word matching one of them is
# not part of a person's or a place's name.
NAMED_HEADS = (Cat.ORG_HEAD, Cat.POST, Cat.RANK, Cat.EVENT, Cat.AGREEMENT, Cat.KNOWN_ORG)
LEXICAL = (*NAMED_HEADS, Cat.COUNTRY, Cat.PLACE)


def is_surname(t: Tokens, k: int) -> bool:
    return t[k].key in gazetteer().surnames


def is_honorific(m: Match | None) -> bool:
    """`ông`, `bà`, `ngài`: a form of address, kept as an attribute but no rank."""
    entry = m.first(Cat.RANK) if m else None
    return entry is not None and entry.get("kind") == HONORIFIC


def word_ends_at(t: Tokens, k: int) -> bool:
    """Whether a segmenter word ends before token k (so a span ending at k cuts no word)."""
    return k >= len(t) or t.word_start[k] or not t[k].is_word


def starts_word(t: Tokens, k: int) -> bool:
    """Token k begins a segmenter word (`Quốc` in `Quốc phòng`, not `phòng`)."""
    return k < len(t) and t.word_start[k]


def stop_at(t: Tokens, k: int) -> Match | None:
    """A clause word (`đã`, `tại`, `do` …) at k that is a whole word, not the start or the end of a
    longer one (`do` in `tự do`, `bị` in `trang bị`)."""
    if k >= len(t) or t[k].is_cap:
        return None
    m = t.at(k, Cat.STOP)
    if m is None or (m.length == 1 and not (t.word_start[k] and word_ends_at(t, m.end))):
        return None  # a one-syllable clause word must be a whole word; a longer one is read as such
    return m


def place_after_head(t: Tokens, i: int) -> tuple[int, int, str] | None:
    """`thị trấn La Gi`, `xã Tân Lộc`, `sông Hàn`: the capitalised name after a lower-case place
    noun at i, as (start, end, kind); None when no such name follows or a lexicon term does."""
    head = t.at(i, Cat.PLACE_HEAD)
    if head is None or t[i].is_cap or head.end >= len(t) or not t.word_start[head.end]:
        return None
    if not t.word_start[i] and is_surname(t, head.end):  # `nông thôn Lê Quốc Trung`: a person
        return None
    j = k = head.end
    while k < len(t) and k - j < 4 and t[k].is_word and (t[k].is_cap or (k > j and t[k].is_number)):
        if k - j >= 2 and is_surname(t, k) and k + 1 < len(t) and t[k + 1].is_cap:
            break  # `đèo Hải Vân Lê Văn A`: a person's name begins
        blocker = t.any_at(k, *NAMED_HEADS)
        if blocker and not (blocker.first(Cat.RANK) and is_honorific(blocker)):
            break
        k += 1
    known = t.any_at(j, Cat.PLACE, Cat.COUNTRY)
    if k == j or not t[j].is_cap or (known and known.end >= k):
        return None  # nothing named, or a place the gazetteer knows (found with its attributes)
    return j, k, head.entries[0].get("kind")


def after_place_head(t: Tokens, i: int) -> bool:
    return any(
        (m := t.at(k, Cat.PLACE_HEAD)) is not None and m.end == i and not t[k].is_cap
        for k in range(max(0, i - 3), i)
    )
