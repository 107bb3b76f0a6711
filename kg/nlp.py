"""NLP: a spaCy pipeline on `spacy.blank("vi")` that segments normalised text with pyvi.

The tokenizer un-glues names that pyvi joins to the next verb (`Liên Hiệp Quốc thể hiện`) and marks
sentence starts by the clean stage's rule, so the Doc's sentences are the evidence units.
Extraction components are added on top by `kg.extract.pipeline`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise

import spacy
from spacy.attrs import SENT_START
from spacy.lang.vi import VietnameseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .clean import split_sentences
from .crf import word_starts
from .ingest import MAX_BYTES

# `doc.user_data` keys: the character offsets where the segmenter starts a word; the text the Doc
# was made of (equal to `doc.text`, which spaCy joins from the tokens on every access).
WORD_STARTS = "kg.word_starts"
TEXT = "kg.text"
# … and its tokens as plain lists (`DocTokens`), and its sentences by `kg.clean.split_sentences`.
TOKENS = "kg.tokens"
SENTENCES = "kg.sentences"

# The pattern of spaCy's `VietnameseTokenizer.pyvi_sylabelize_with_ws` (from pyvi), alternatives in
# its order (whitespace runs first), compiled once and without capturing groups: `findall` gives the
# pieces themselves.
_SYLLABLE = (
    r"[A-ZĐ]+\.|Tp\.|Mr\.|Mrs\.|Ms\.|Dr\.|ThS\."  # abbreviations
    r"|==>|->|\.\.\.|>>"  # arrows and ellipses
    r"|\w+://[^\s]+"  # web addresses
    r"|[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+"  # e-mail addresses
    r"|\d+(?:[\.,_]\d+)+"  # numbers with separators
    r"|[^\w\s]|\w+"
)
_SYLLABLES_AND_SPACES = re.compile(r"\s+|" + _SYLLABLE)
# The syllables alone, as the group of a split: no syllable starts at whitespace, so the pieces are
# [space, syllable, space, …, syllable, space], each space the whitespace (maybe none) before the
# next syllable, and the syllables' offsets add up from the pieces' lengths.
_SPLIT_AT_SYLLABLES = re.compile(f"({_SYLLABLE})")


def _is_capitalised(syllable: str) -> bool:
    return syllable[:1].isupper()


def glue_at(word: str) -> int | None:
    """Where a word of two or more capitalised syllables followed by lowercase ones is split: the
    length of its capitalised part (None: it is not)."""
    syllables = word.split(" ")
    n_caps = 0
    while n_caps < len(syllables) and _is_capitalised(syllables[n_caps]):
        n_caps += 1
    if n_caps >= 2 and n_caps < len(syllables):
        return len(" ".join(syllables[:n_caps]))
    return None


Spans = list[tuple[int, int]]


def segment(text: str) -> Spans:
    """pyvi's words of `text` (what `pyvi_tokenize` returns, whitespace aside) as (start, end)
    offsets, found in one pass over its syllables."""
    pieces = _SPLIT_AT_SYLLABLES.split(text)
    syllables = pieces[1::2]
    bounds = list(accumulate(map(len, pieces)))  # syllable k is text[bounds[2k] : bounds[2k + 1]]
    firsts = word_starts(syllables)
    return [(bounds[2 * a], bounds[2 * b - 1]) for a, b in pairwise([*firsts, len(syllables)])]


@dataclass
class DocTokens:
    """What spaCy's Doc is made of: its tokens (whitespace other than one space after a word is a
    token of its own), whether a space follows each, where each starts; where the words start."""

    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    word_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> DocTokens:
        """The tokens of a Doc another tokenizer made."""
        words = [t.text for t in doc]
        starts = [t.idx for t in doc]
        firsts = [start for start, word in zip(starts, words, strict=True) if not word.isspace()]
        return cls(words, [bool(t.whitespace_) for t in doc], starts, firsts)

    def covering(self, start: int, end: int) -> range:
        """The tokens of `Doc.char_span(start, end, alignment_mode="expand")` (none where it makes
        no span)."""
        first, last = self._at(start), self._at(end - 1)
        if first < 0 or last < 0:
            return range(0)
        if start == self.starts[first] + len(self.words[first]):  # the space after a token
            first += 1
        return range(first, last + 1)

    def _at(self, char: int) -> int:
        """The token whose text or the one space after it holds character `char` (-1: none); as
        spaCy's `token_by_char`: the tokens and their spaces cover the text one after another."""
        if char < 0 or not self.words:
            return -1
        if char >= self.starts[-1] + len(self.words[-1]) + self.spaces[-1]:
            return -1
        return bisect.bisect_right(self.starts, char) - 1


def doc_tokens(text: str, spans: Spans) -> DocTokens:
    """The Doc's tokens for pyvi's words at `spans`, names split from the verb pyvi glued them to
    (`glue_at`): spaCy's `get_words_and_spaces` of those words, read off their offsets."""
    out = DocTokens()
    words, spaces, starts = out.words, out.spaces, out.starts
    pos = 0
    n = len(text)
    for start, end in spans:
        if start > pos:
            words.append(text[pos:start])
            spaces.append(False)
            starts.append(pos)
        word = text[start:end]
        cut = glue_at(word) if " " in word and word[0].isupper() else None  # most are neither
        if cut is not None:
            words.append(word[:cut])
            spaces.append(True)
            starts.append(start)
            out.word_starts.append(start)
            word, start = word[cut + 1 :], start + cut + 1
        words.append(word)
        starts.append(start)
        out.word_starts.append(start)
        spaced = end < n and text[end] == " "
        spaces.append(spaced)
        pos = end + spaced
    if pos < n:
        words.append(text[pos:])
        spaces.append(False)
        starts.append(pos)
    return out


class GlueFixTokenizer(VietnameseTokenizer):
    """pyvi word segmentation (its CRF, with features made fast: `kg.crf`) with name/verb glue
    split apart."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__(vocab, use_pyvi=True)

    def pyvi_sylabelize_with_ws(self, text: str) -> list[str]:
        """`VietnameseTokenizer.pyvi_sylabelize_with_ws`: syllables, punctuation and whitespace runs,
        with its pattern compiled once (spaCy's builds it on every call)."""
        pieces: list[str] = _SYLLABLES_AND_SPACES.findall(text)
        return pieces

    def pyvi_tokenize(self, text: str) -> list[str]:
        """`VietnameseTokenizer.pyvi_tokenize`, the same words, faster."""
        if not text or text.isspace():
            return [text] if text else []
        return [text[start:end] for start, end in segment(text)]

    def __call__(self, text: str) -> Doc:
        tokens = doc_tokens(text, segment(text))
        sentences = split_sentences(text)
        doc = Doc(self.vocab, words=tokens.words, spaces=tokens.spaces)
        if tokens.words:
            _mark_sentences(doc, tokens.starts, sentences)
        doc.user_data[WORD_STARTS] = frozenset(tokens.word_starts)
        doc.user_data[TEXT] = text
        doc.user_data[TOKENS] = tokens
        doc.user_data[SENTENCES] = sentences
        return doc

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return GlueFixTokenizer, (self.vocab,)


@spacy.registry.tokenizers("kg.vi_tokenizer.v1")
def create_tokenizer():  # type: ignore[no-untyped-def]
    def factory(nlp: Language) -> GlueFixTokenizer:
        return GlueFixTokenizer(nlp.vocab)

    return factory


_NOT_A_START = 2**64 - 1  # SENT_START -1 (a token that starts no sentence) in spaCy's uint64 arrays


def _mark_sentences(doc: Doc, starts: list[int], sentences: Sequence[tuple[int, int]]) -> None:
    """Each token's SENT_START (1 or -1, as `Doc(sent_starts=…)` stores True and False) by
    `kg.clean.split_sentences`, the rule evidence offsets use. Set as one array: `Doc(sent_starts=…)`
    copies a list into the Doc item by item, a fifth of the tokenizer's time."""
    values = doc.to_array([SENT_START])
    values.fill(_NOT_A_START)
    values[0] = 1
    for sentence, _ in sentences:
        k = bisect.bisect_left(starts, sentence)
        if k < len(starts) and starts[k] == sentence:
            values[k] = 1
    # spaCy's stubs call what to_array gives floats; it is the uint64 array from_array takes
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]


@cache
def blank_pipeline() -> Language:
    """`spacy.blank("vi")` with the glue-fixing, sentence-marking tokenizer (built once).

    spaCy refuses texts over a million characters for the sake of its parser and NER, which this
    pipeline does not have; any article ingest accepts is let through."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "kg.vi_tokenizer.v1"}}})
    nlp.max_length = MAX_BYTES
    return nlp
