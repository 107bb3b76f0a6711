"""Name look-up: which entity a name a user typed means, wherever a name is taken.

A name matches an entity when it equals one of the entity's names after folding case, tone-mark
placement and diacritics (`do minh khang` finds `Đỗ Minh Khang`). When several entities match, the
one chosen is, in order: one whose name matches with its diacritics as typed, the one named in
most documents, then by label and IRI; the choice says which it took and what else matched.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from .clean import ascii_key, match_key

log = logging.getLogger("kg")


@dataclass(frozen=True)
class Candidate:
    """An entity a name may mean: its id, label, type, every name it goes by, and how many
    documents name it."""

    id: str
    label: str
    type: str
    names: tuple[str, ...]
    sources: int = 0

    def describe(self) -> str:
        plural = "" if self.sources == 1 else "s"
        return f"{self.label} ({self.type}, {self.sources} document{plural})"


@dataclass(frozen=True)
class Choice:
    """The entity chosen for a name, and the others it could have meant."""

    asked: str
    chosen: Candidate
    others: tuple[Candidate, ...] = ()

    def note(self) -> str | None:
        """One line saying which entity was taken when the name was ambiguous, else None."""
        if not self.others:
            return None
        shown = "; ".join(c.describe() for c in self.others[:5])
        more = f" and {len(self.others) - 5} more" if len(self.others) > 5 else ""
        return (
            f"note: {self.asked!r} names {len(self.others) + 1} entities; chose "
            f"{self.chosen.describe()} over {shown}{more}"
        )


def matches(name: str, names: Iterable[str]) -> bool:
    """Whether `name` equals one of `names` once case and diacritics are folded."""
    key = ascii_key(name)
    return any(ascii_key(n) == key for n in names)


def choose(name: str, candidates: Iterable[Candidate]) -> Choice | None:
    """The candidate `name` means (see the module's rule), or None when none matches."""
    exact, folded = match_key(name), ascii_key(name)
    found = [c for c in candidates if folded in {ascii_key(n) for n in c.names}]
    if not found:
        return None

    def rank(c: Candidate) -> tuple[bool, int, str, str]:
        return (exact not in {match_key(n) for n in c.names}, -c.sources, c.label, c.id)

    ordered = sorted(found, key=rank)
    choice = Choice(name, ordered[0], tuple(ordered[1:]))
    note = choice.note()
    if note:
        log.info(note)
    return choice
