"""Places: names the gazetteer knows, the proper name after a place noun (`huyện Thạch Thất`,
`thủ đô Bangui`), and capitalised names in a place's position that no lexicon knows (`tại Juba`,
`Bentiu, Nam Sudan`, `Kandy (Sri Lanka)`)."""

from __future__ import annotations

from functools import cache

from ... import lexicon
from ...clean import match_key
from ...model import EntityType
from ..gazetteer import Cat
from ..tokens import Tokens
from .candidate import Candidate
from .people import name_run
from .shapes import LEXICAL, place_after_head

_PLACE_CATS = frozenset({Cat.COUNTRY, Cat.PLACE})
MAX_PLACE = 4


def known_place(t: Tokens, i: int) -> Candidate | None:
    m = t.any_at(i, Cat.COUNTRY, Cat.PLACE)
    if m is None or _blocked(t, i, m.length) or _inside_word(t, m.end):
        return None
    entry = m.first(Cat.COUNTRY) or m.first(Cat.PLACE)
    assert entry is not None
    country = entry.canonical if entry.cat == Cat.COUNTRY else entry.get("country")
    kind = "Country" if entry.cat == Cat.COUNTRY else entry.get("kind") or "Place"
    return Candidate(
        EntityType.LOCATION,
        i,
        m.end,
        "place.gazetteer",
        kind=kind,
        canonical=entry.canonical,
        country=country,
        wikidata=entry.get("wikidata"),
    )


def _inside_word(t: Tokens, end: int) -> bool:
    """`Anh hùng` (hero) is no `Anh` (England): the name would end inside a lower-case word."""
    return end < len(t) and not t.word_start[end] and t[end].is_word and not t[end].is_cap


def _blocked(t: Tokens, i: int, length: int) -> bool:
    """A longer organisation, post or title starting here wins over the place name."""
    rival = t.any_at(i, Cat.KNOWN_ORG, Cat.ORG_HEAD, Cat.POST, Cat.EVENT)
    return bool(rival and rival.length > length)


def after_place_noun(t: Tokens, i: int) -> Candidate | None:
    named = place_after_head(t, i)
    if not named:
        return None
    start, end, kind = named
    return Candidate(
        EntityType.LOCATION, start, end, "place.after-noun", kind=kind, canonical=t.text(start, end)
    )


def by_position(t: Tokens, i: int) -> Candidate | None:
    """`tại Juba`, `ở Bangui`, `đến Kathmandu`: an unknown capitalised name where a place stands,
    or before `, COUNTRY` / `(COUNTRY)`."""
    if not t[i].is_cap or t[i].is_acronym or t.any_at(i, *LEXICAL, Cat.SITE_HEAD):
        return None  # `tại Trụ sở.`: a site's head alone names no place
    end = _capitalised_run(t, i)
    if end is None:
        return None
    prep = _prep_before(t, i)
    if prep or _country_follows(t, end):
        if (
            name_run(t, i)
            and not _country_follows(t, end)
            and end - i >= 2
            and prep not in _before_names()
        ):
            return None
        return Candidate(
            EntityType.LOCATION, i, end, "place.position", kind="City", canonical=t.text(i, end)
        )
    return None


def _capitalised_run(t: Tokens, i: int) -> int | None:
    k = i
    while (
        k < len(t)
        and k - i < MAX_PLACE
        and t[k].is_word
        and t[k].is_cap
        and not t.any_at(k, *LEXICAL)
    ):
        k += 1
    if k < len(t) and t[k].is_word and (t[k].is_cap or t[k].is_acronym):
        return None  # the run goes on into a lexicon name: not a place of its own
    return k if k > i else None


def _country_follows(t: Tokens, k: int) -> bool:
    """`Bentiu, Nam Sudan` / `Kandy (Sri Lanka)`: a country right after a comma or in brackets."""
    if k + 1 >= len(t) or t[k].text not in {",", "("}:
        return False
    country = t.at(k + 1, Cat.COUNTRY)
    if country is None:
        return False
    return t[k].text == "," or (country.end < len(t) and t[country.end].text == ")")


def _prep_before(t: Tokens, i: int) -> str:
    """The word of lexicon place_prepositions right before token i (`tại`, `thủ đô`), or ''."""
    if i == 0:
        return ""
    for prep in _place_preps().get(t.keys[i - 1], ()):
        n = len(prep)
        if i >= n and tuple(t.keys[i - n : i]) == prep:
            return " ".join(prep)
    return ""


@cache
def _before_names() -> frozenset[str]:
    """The place words after which even a name-shaped run is a place (lexicon column `names`)."""
    rows = lexicon.table("place_prepositions")
    return frozenset(" ".join(match_key(r["term"]).split()) for r in rows if r["names"] == "yes")


@cache
def _place_preps() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Words after which a capitalised name is a place, by their last syllable, longest first."""
    preps = {tuple(match_key(w).split()) for w in lexicon.words("place_prepositions")}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for prep in sorted(preps, key=len, reverse=True):
        by_last.setdefault(prep[-1], []).append(prep)
    return {last: tuple(group) for last, group in by_last.items()}


def find_places(t: Tokens) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while i < len(t):
        here = t.matches[i]
        found = (
            (Cat.PLACE_HEAD in here and after_place_noun(t, i))
            or (not _PLACE_CATS.isdisjoint(here) and known_place(t, i))
            or (t[i].is_cap and by_position(t, i))
        )
        if found:
            out.append(found)
            i = found.j
        else:
            i += 1
    return out
