"""The document as the later stages see it: each sentence's tokens and candidates, and the one
place where token positions become offsets and text of the original article."""

from __future__ import annotations

from dataclasses import dataclass

from ...clean import visible_nfc
from ...model import CleanDocument, Evidence
from ..entities import Candidate
from ..tokens import Tokens


@dataclass(frozen=True)
class SentenceCandidates:
    """One sentence: its index in the document, its tokens, its candidates."""

    n: int
    tokens: Tokens
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Surface:
    """Token ranges of a sentence as offsets into, and text of, the original article."""

    cdoc: CleanDocument

    def span(self, t: Tokens, i: int, j: int) -> tuple[int, int]:
        return self.cdoc.original(*t.span(i, j))

    def raw(self, t: Tokens, i: int, j: int) -> str:
        start, end = self.span(t, i, j)
        return self.cdoc.doc.text[start:end]

    def text(self, t: Tokens, i: int, j: int) -> str:
        """Tokens i..j as written (NFC, invisible characters out): a name or a literal value."""
        return visible_nfc(self.raw(t, i, j)) if i < j else ""

    def sentence(self, t: Tokens) -> Evidence:
        s = t.sentence
        start, end = self.cdoc.original(s.start, s.end)
        return Evidence(self.cdoc.doc.text[start:end], start, end)
