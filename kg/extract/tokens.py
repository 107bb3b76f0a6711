"""Syllable tokens of a sentence with their lexicon matches: the surface every entity rule reads."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate
from typing import Any, Generic, TypeVar, overload

from ..clean import match_key
from ..model import Sentence
from .dates import DateMatch, find_dates
from .gazetteer import SYLLABLE, Cat, Entry, function_words, gazetteer

T = TypeVar("T")


class cached(Generic[T]):
    """`functools.cached_property` without its lock: Python 3.11's takes a lock on each first read,
    which costs twice the read itself, and each sentence's tokens make a dozen of them."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)  # later reads find it there
        return value


DASHES = {"-", "–", "—"}
# SYLLABLE as the one group of a split: it matches every character but whitespace, so the pieces
# between two syllables are the whitespace between them (`finditer` makes a match object a syllable).
_SPLIT_AT_SYLLABLES = re.compile(f"({SYLLABLE.pattern})")


@dataclass(slots=True, eq=False)
class Tok:
    """A syllable or punctuation mark; its shape is worked out once, when it is made.

    Read-only by convention (not `frozen`: a frozen dataclass is four times slower to make, and
    every sentence makes hundreds)."""

    text: str
    start: int
    end: int
    key: str
    is_word: bool
    is_cap: bool
    is_number: bool
    is_acronym: bool
    is_dash: bool

    @classmethod
    def make(cls, text: str, start: int, end: int) -> Tok:
        return cls(text, start, end, *_shape(text))


@cache
def _shape(text: str) -> tuple[str, bool, bool, bool, bool, bool]:
    """Key and shape of a syllable: worked out once per distinct syllable in the process."""
    first = text[:1]
    upper = first.isupper()
    acronym = upper and text.isupper() and sum(ch.isalpha() for ch in text) >= 2
    return match_key(text), first.isalnum(), upper, first.isdigit(), acronym, text in DASHES


@dataclass(slots=True, eq=False)
class Match:
    """A lexicon term found at token `i`, covering `length` tokens.

    Read-only by convention, like `Tok` (a sentence makes a dozen, and a frozen dataclass is
    several times slower to make)."""

    i: int
    length: int
    entries: tuple[Entry, ...]
    end: int  # i + length, stored: the rules read it far more often than matches are made

    def first(self, cat: str) -> Entry | None:
        for e in self.entries:
            if e.cat == cat:
                return e
        return None


_NO_MATCH: dict[str, Match] = {}
_CASED = frozenset({Cat.COUNTRY, Cat.PLACE, Cat.KNOWN_ORG})  # categories whose case may matter


class Tokens(list[Tok]):
    """The tokens of one sentence and, per position, the longest lexicon match of each category.

    A list of `Tok` (so `t[i]` and `len(t)`, which the rules call constantly, run at C speed)."""

    def __init__(
        self,
        sentence: Sentence,
        word_starts: frozenset[int] | None = None,
        tagger: Callable[[], dict[int, str]] | None = None,
    ) -> None:
        """`word_starts`: character offsets where the segmenter starts a word (None: every
        syllable is a word); `tagger`: on demand, the POS of each word by its start offset."""
        pieces = _SPLIT_AT_SYLLABLES.split(sentence.text)
        # pieces: [space, syllable, space, …, syllable, space], the spaces maybe empty, so
        # syllable k runs from bounds[2k + 1] to bounds[2k + 2] (offsets into the document)
        bounds = list(accumulate(map(len, pieces), initial=sentence.start))
        shape = _shape
        super().__init__(
            [
                Tok(w, start, end, *shape(w))
                for w, start, end in zip(pieces[1::2], bounds[1::2], bounds[2::2], strict=False)
            ]
        )
        self.sentence = sentence
        self._word_starts = word_starts
        self._tagger = tagger

    @cached
    def keys(self) -> list[str]:
        """Each syllable's match key, in order (`t.keys[i:j]` is a name's key sequence)."""
        return [tok.key for tok in self]

    def keys_at(self, i: int, j: int) -> tuple[str, ...]:
        """The match keys of tokens i..j, to compare with a lexicon term's key tuple."""
        return tuple(self.keys[i:j])

    @cached
    def word_start(self) -> list[bool]:
        """Whether each syllable begins a word of the segmenter (`Quốc` in `Quốc phòng`, not `phòng`)."""
        starts = self._word_starts
        return [starts is None or tok.start in starts for tok in self]

    @cached
    def pos(self) -> list[str]:
        """Each syllable's word POS (pyvi), `_` for a syllable inside a word; tagged on first use."""
        tags = self._tagger() if self._tagger else {}
        return [
            tags.get(tok.start, "") if first else "_"
            for tok, first in zip(self, self.word_start, strict=True)
        ]

    @cached
    def matches(self) -> list[dict[str, Match]]:
        """For each token, the longest match per category starting there."""
        keys = self.keys
        n = len(keys)
        table: list[dict[str, Match]] = [_NO_MATCH] * n  # shared, never written to
        trie = gazetteer().trie
        for i, key in enumerate(keys):
            node = trie.get(key)
            if node is None:
                continue
            # The trie walked from i (what `Gazetteer.prefixes` does, inlined: it runs at every
            # token): the terms ending on the way, then read longest first.
            ends = [(1, node.entries)] if node.entries else []
            k = i + 1
            while node and k < n and (node := node.get(keys[k])) is not None:  # node: a child
                k += 1
                if node.entries:
                    ends.append((k - i, node.entries))
            if not ends:
                continue
            here: dict[str, Match] = {}
            for length, entries in reversed(ends):
                for entry in entries:
                    if entry.cat in here or (
                        (entry.case_sensitive or entry.cat in _CASED)  # what _case_fits reads
                        and not self._case_fits(entry, i, length)
                    ):
                        continue
                    here[entry.cat] = Match(i, length, (entry,), i + length)
            if here:
                table[i] = here
        return table

    def _case_fits(self, entry: Entry, i: int, length: int) -> bool:
        tok = self[i]
        if entry.case_sensitive:
            return self.text(i, i + length).replace(" ", "") == entry.term.replace(" ", "")
        if entry.cat in (Cat.COUNTRY, Cat.PLACE) and entry.term[:1].isupper():
            return tok.is_cap
        if entry.cat == Cat.KNOWN_ORG and entry.term[:1].isupper():
            return tok.is_cap or length >= 3
        return True

    @cached
    def positions(self) -> dict[str, list[int]]:
        """Where each syllable key occurs in the sentence."""
        out: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            if key in out:
                out[key].append(i)
            else:
                out[key] = [i]  # not `setdefault(key, [])`, which makes a list for every token
        return out

    @cached
    def dates(self) -> list[tuple[int, int, DateMatch]]:
        """Dates in the sentence as token ranges, with offsets into the document."""
        s = self.sentence
        out = []
        for d in find_dates(s.text):
            start, end = s.start + d.start, s.start + d.end
            i = next((k for k, tok in enumerate(self) if tok.end > start), None)
            j = next((k for k, tok in enumerate(self) if tok.start >= end), len(self))
            if i is not None:
                out.append((i, j, replace(d, start=start, end=end)))
        return out

    def date_at(self, i: int) -> tuple[int, int, DateMatch] | None:
        return self._date_starts.get(i) if self.dates else None

    @cached
    def _date_starts(self) -> dict[int, tuple[int, int, DateMatch]]:
        starts: dict[int, tuple[int, int, DateMatch]] = {}
        for d in self.dates:
            starts.setdefault(d[0], d)
        return starts

    @cached
    def quoted(self) -> list[tuple[int, int]]:
        """Token ranges inside quotation marks (themes, titles, slogans)."""
        out, open_at = [], None
        for k, tok in enumerate(self):
            if tok.text in {'"', "“", "”"}:
                if open_at is None and tok.text != "”":
                    open_at = k
                elif open_at is not None:
                    out.append((open_at, k + 1))
                    open_at = None
        return out

    def in_quotes(self, i: int) -> bool:
        return any(a < i < b for a, b in self.quoted)

    def at(self, i: int, cat: str) -> Match | None:
        if i < 0:
            return None
        try:
            return self.matches[i].get(cat)
        except IndexError:
            return None

    def any_at(self, i: int, *cats: str) -> Match | None:
        """The longest match at i among the categories."""
        if i < 0 or i >= len(self):
            return None
        here = self.matches[i]
        if not here:
            return None  # most tokens match no term
        best = None
        for c in cats:
            m = here.get(c)
            if m is not None and (best is None or m.length > best.length):
                best = m
        return best

    def text(self, i: int, j: int) -> str:
        """The sentence text from token i to token j (exclusive), as written."""
        if i >= j:
            return ""
        s = self.sentence
        return s.text[self[i].start - s.start : self[j - 1].end - s.start]

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self[i].start, self[j - 1].end


# ------------------------------------------------------------------ function-word roles
# Where a word of a `function_words.tsv` role stands in a sentence: what entity and relation rules
# alike read (a rule names a role, never a word).


@cache
def _by_first(role: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The words of a role by their first syllable, longest first (what `starts_with` looks up)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(function_words(role), key=len, reverse=True):
        out.setdefault(words[0], []).append(words)
    return {first: tuple(ws) for first, ws in out.items()}


@cache
def _by_last(role: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(function_words(role), key=len, reverse=True):
        out.setdefault(words[-1], []).append(words)
    return {last: tuple(ws) for last, ws in out.items()}


def ends_with(t: Tokens, k: int, role: str) -> int:
    """The length of a word of `role` that ends right before token k (0 when none does)."""
    if k <= 0:
        return 0
    for words in _by_last(role).get(t.keys[k - 1], ()):
        n = len(words)
        if k >= n and tuple(t.keys[k - n : k]) == words:
            return n
    return 0


def role_starts(t: Tokens, role: str) -> list[tuple[int, int]]:
    """Every (position, length) where a word of `role` starts in the sentence, found through the
    sentence's index of first syllables rather than by trying every token."""
    out = []
    for first in _by_first(role):
        for k in t.positions.get(first, ()):
            n = starts_with(t, k, role)
            if n:
                out.append((k, n))
    return sorted(out)


def starts_with(t: Tokens, k: int, role: str) -> int:
    """The length of a word of `role` that starts at token k (0 when none does)."""
    if k >= len(t):
        return 0
    for words in _by_first(role).get(t.keys[k], ()):
        n = len(words)
        if tuple(t.keys[k : k + n]) == words:
            return n
    return 0
