"""The lexicons of `ontology/lexicon/` compiled once into one longest-match index over syllables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from .. import lexicon
from ..clean import match_key

# Syllables: words with inner hyphens, dots or apostrophes (`Ô-xtrây-li-a`, `TP.HCM`), an optional
# trailing `+` (`ADMM+`); any other non-space character is a token of its own. `[^\W_]` is a letter
# or a number by Python's own Unicode tables (`str.isalnum`); `re` runs this a third faster than
# `regex` does `[\p{L}\p{N}]`.
SYLLABLE = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\+?|\S")


class Cat:
    RANK = "RANK"
    POST = "POST"
    ORG_HEAD = "ORG_HEAD"
    EVENT = "EVENT"
    AGREEMENT = "AGREEMENT"
    COUNTRY = "COUNTRY"
    PLACE = "PLACE"
    KNOWN_ORG = "KNOWN_ORG"
    PLACE_HEAD = "PLACE_HEAD"
    SITE_HEAD = "SITE_HEAD"
    STOP = "STOP"


@dataclass(frozen=True)
class Entry:
    """One lexicon term: its category, the canonical name it stands for, and the row's columns."""

    cat: str
    term: str
    canonical: str
    row: tuple[tuple[str, str], ...] = ()
    case_sensitive: bool = False

    @cached_property
    def columns(self) -> dict[str, str]:
        """The row as a dict, made on first use (rules read a column of an entry again and again)."""
        return dict(self.row)

    def get(self, column: str) -> str:
        return self.columns.get(column, "")


class Node(dict[str, "Node"]):
    """A trie node over syllable keys; `entries` are the terms that end here."""

    __slots__ = ("entries",)

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []


@dataclass
class Gazetteer:
    surnames: frozenset[str] = frozenset()
    trie: Node = field(default_factory=Node)

    def add(self, entry: Entry) -> None:
        key = tuple(match_key(s) for s in syllables_of(entry.term))
        if not key:
            return
        node = self.trie
        for syllable in key:
            node = node.setdefault(syllable, Node())
        node.entries.append(entry)

    def prefixes(self, keys: list[str], i: int) -> list[tuple[int, list[Entry]]]:
        """The terms matching `keys` from position i, as (length, entries), longest first."""
        out: list[tuple[int, list[Entry]]] = []
        node: Node | None = self.trie
        k = i
        while k < len(keys) and (node := node.get(keys[k])) is not None:  # type: ignore[union-attr]
            k += 1
            if node.entries:
                out.append((k - i, node.entries))
        out.reverse()
        return out


def syllables_of(text: str) -> list[str]:
    return SYLLABLE.findall(text)


@cache
def words_key(text: str) -> tuple[str, ...]:
    """A word's match keys, syllable by syllable (what `Tokens.keys` holds for it)."""
    return tuple(match_key(s) for s in syllables_of(text))


@cache
def function_words(role: str) -> frozenset[tuple[str, ...]]:
    """Words of one role in lexicon function_words (`locative`: `tại`, `ở` …), as key tuples: the
    one reading of that lexicon, for the entity rules and the relation rules alike."""
    return frozenset(
        words_key(row["term"]) for row in lexicon.table("function_words") if row["role"] == role
    )


def _is_acronym(term: str) -> bool:
    letters = [ch for ch in term if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= len(letters) - 1


def _row(row: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(row.items()))


@cache
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    for name, cat in (
        ("ranks", Cat.RANK),
        ("posts", Cat.POST),
        ("org_heads", Cat.ORG_HEAD),
        ("event_cues", Cat.EVENT),
        ("agreement_cues", Cat.AGREEMENT),
        ("clause_stops", Cat.STOP),
        ("place_heads", Cat.PLACE_HEAD),
        ("site_heads", Cat.SITE_HEAD),
    ):
        for row in lexicon.table(name):
            g.add(Entry(cat, row["term"], row["term"], _row(row)))
    for row in lexicon.table("countries"):
        _add_named(g, Cat.COUNTRY, row, row["name"])
    for row in lexicon.table("places"):
        _add_named(g, Cat.PLACE, row, row["name"])
    for row in lexicon.table("provinces"):
        _add_named(g, Cat.PLACE, {**row, "kind": "City", "country": "Việt Nam"}, row["name"])
    for row in lexicon.table("known_orgs"):
        _add_named(g, Cat.KNOWN_ORG, row, row["name"])
    g.surnames = frozenset(match_key(r["term"]) for r in lexicon.table("surnames"))
    return g


def _add_named(g: Gazetteer, cat: str, row: dict[str, str], canonical: str) -> None:
    names = [canonical, *[a for a in row.get("aliases", "").split("|") if a.strip()]]
    for name in names:
        g.add(Entry(cat, name.strip(), canonical, _row(row), case_sensitive=_is_acronym(name)))
