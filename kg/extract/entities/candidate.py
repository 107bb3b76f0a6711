"""A candidate mention: a token range of one sentence and what the rules learned about it.

Candidates are immutable and keyed by position (`key`): later stages look them up by that key and
make changed copies (`dataclasses.replace`) instead of editing them in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import EntityType
from ..dates import DateMatch

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Candidate:
    """Tokens [i, j) of a sentence named by `rule`.

    `refers_back`: a generic noun (`Hội nghị`, `buổi lễ`) that names an entity already met, not a
    new one. `rank`, `posts`, `acronym`: token ranges of a person's rank, apposed posts, and an
    organisation's bracketed acronym. `canonical`, `kind`, `country`, `wikidata`: what a lexicon row
    or the name's shape says of it.
    """

    type: EntityType
    i: int
    j: int
    rule: str
    kind: str = ""
    canonical: str = ""
    refers_back: bool = False
    rank: Span | None = None
    posts: tuple[Span, ...] = ()
    acronym: Span | None = None
    country: str = ""
    wikidata: str = ""
    national: bool = False
    acronym_only: bool = False
    date: DateMatch | None = None

    @property
    def key(self) -> tuple[int, int, EntityType]:
        return self.i, self.j, self.type

    def overlaps(self, other: Candidate | Span) -> bool:
        i, j = (other.i, other.j) if isinstance(other, Candidate) else other
        return self.i < j and i < self.j

    def inside(self, other: Candidate | Span) -> bool:
        """Strictly inside `other` (a shorter range within it)."""
        i, j = (other.i, other.j) if isinstance(other, Candidate) else other
        return i <= self.i and self.j <= j and (self.i, self.j) != (i, j)
