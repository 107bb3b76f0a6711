"""One sentence as the relation rules see it: its tokens, its mentions resolved to entities, the
article's discourse so far, and the relations found, each with the rule that found it."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...model import EntityType
from ..document.discourse import Discourse, Mention
from ..document.sentences import Surface
from ..entities import Span
from ..gazetteer import words_key
from ..tokens import Tokens, cached

CLAUSE_BREAKS = {";", ".", "!", "?"}


@dataclass(frozen=True)
class Found:
    """A relation a rule read: subject and object are entity ids, or the object is text."""

    subject: str
    predicate: str
    object: str
    rule: str
    confidence: float
    literal: bool = False


@dataclass
class SentenceView:
    n: int
    t: Tokens
    mentions: list[Mention]
    posts: list[Span]
    discourse: Discourse
    surface: Surface
    types: dict[str, EntityType]
    discourse_acronyms: dict[str, str]
    labels: dict[str, str] = field(default_factory=dict)
    found: list[Found] = field(default_factory=list)
    _outer: tuple[Mention, ...] | None = None
    _by_types: dict[frozenset[str], tuple[Mention, ...]] = field(default_factory=dict)
    _cues: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)

    def text(self, i: int, j: int) -> str:
        return self.surface.text(self.t, i, j)

    def add(self, s: str, p: str, o: str, rule: str, conf: float, literal: bool = False) -> None:
        if not s or not o or (not literal and s == o):
            return
        self.found.append(Found(s, p, o, rule, conf, literal))
        if p in {"met", "received"}:
            self.discourse.meet(self.n, s, o)
        elif p == "coChairedBy":
            self.discourse.co_chair(self.n, s, o)

    def outer(self, types: Iterable[str] | None = None) -> tuple[Mention, ...]:
        """Mentions not nested in another mention nor inside a person's post, of some types (a
        tuple worked out once per set of types: the rules ask tens of thousands of times a pass)."""
        if self._outer is None:
            self._outer = tuple(m for m in self.mentions if not self._inside_another(m))
        if not self._outer or types is None:
            return self._outer  # a sentence without mentions: no need to read `types`
        key = types if isinstance(types, frozenset) else frozenset(types)
        found = self._by_types.get(key)
        if found is None:
            found = self._by_types[key] = tuple(m for m in self._outer if m.type.value in key)
        return found

    def _inside_another(self, m: Mention) -> bool:
        """Whether m lies inside a person's post or inside a longer mention (loops, not `any` over
        generators: it runs for every pair of a sentence's mentions)."""
        for a, b in self.posts:
            if a <= m.i and m.j <= b:
                return True
        return _within_a_longer(m, self.mentions)

    def inside(self, a: int, b: int, types: Iterable[str], strictly: bool = False) -> list[Mention]:
        """The outermost mentions of some types within tokens a..b (strictly: shorter than a..b)."""
        wanted = set(types)
        inner = [
            m
            for m in self.mentions
            if a <= m.i
            and m.j <= b
            and m.type.value in wanted
            and not (strictly and m.j - m.i == b - a)
        ]
        return [m for m in inner if not _within_a_longer(m, inner)]

    def clause(self, k: int) -> Span:
        """The clause around token k: from after the previous break to the next break."""
        cuts = self._breaks
        n = bisect.bisect_left(cuts, k)
        a = cuts[n - 1] + 1 if n > 0 else 0
        b = cuts[n] if n < len(cuts) else len(self.t)
        return a, b

    @cached
    def _breaks(self) -> list[int]:
        return [q for q, tok in enumerate(self.t) if tok.text in CLAUSE_BREAKS and self.breaks(q)]

    def breaks(self, q: int) -> bool:
        """Whether token q ends a clause (`;`, `.` …, but not the dot of an initial: `Daniel R.`)."""
        t = self.t
        if t[q].text not in CLAUSE_BREAKS:
            return False
        return not (
            t[q].text == "." and q > 0 and len(t[q - 1].text) == 1 and t[q - 1].text.isupper()
        )

    def at(self, k: int, types: Iterable[str] | None = None) -> Mention | None:
        """The outer mention starting at token k."""
        return next((m for m in self.outer(types) if m.i == k), None)

    def cues(self, cue: tuple[str, ...]) -> tuple[int, ...]:
        """Where a cue stands as whole words outside every mention (worked out once per cue)."""
        found = self._cues.get(cue)
        if found is None:
            found = self._cues[cue] = tuple(self._find_cue(cue))
        return found

    def _find_cue(self, cue: tuple[str, ...]) -> list[int]:
        t = self.t
        n = len(cue)
        covered = self._covered
        out = []
        for i in t.positions.get(cue[0], ()):
            if covered[i] or t.keys_at(i, i + n) != cue:
                continue
            if not t.word_start[i] and i > 0 and not t[i - 1].is_cap:
                continue
            if i + n < len(t) and not t.word_start[i + n]:
                continue
            out.append(i)
        return out

    @cached
    def _covered(self) -> list[bool]:
        """Whether each token lies inside a mention (the view's mentions are fixed when it is made)."""
        n = len(self.t)
        covered = [False] * n
        for m in self.mentions:
            for k in range(max(m.i, 0), min(m.j, n)):
                covered[k] = True
        return covered

    def has(self, *words: str) -> bool:
        return any(words_key(w)[0] in self.t.positions and self.cues(words_key(w)) for w in words)


def _within_a_longer(m: Mention, others: list[Mention]) -> bool:
    """Whether one of `others`, longer than m, covers it."""
    length = m.j - m.i
    for o in others:  # noqa: SIM110  (a loop: any() over a generator costs twice as much here)
        if o.i <= m.i and m.j <= o.j and o.j - o.i > length and o is not m:
            return True
    return False
