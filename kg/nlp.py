"""NLP: a spaCy pipeline on `spacy.blank("vi")` that segments normalised text with pyvi.

The tokenizer un-glues names that pyvi joins to the next verb (`Liên Hiệp Quốc thể hiện`) and marks
sentence starts by the clean stage's rule, so the Doc's sentences are the evidence units.
Extraction components are added on top by `kg.extract.pipeline`.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.lang.vi import VietnameseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .clean import split_sentences
from .crf import join_syllables
from .ingest import MAX_BYTES

# `doc.user_data` keys: the character offsets where the segmenter starts a word; the text the Doc
# was made of (equal to `doc.text`, which spaCy joins from the tokens on every access).
WORD_STARTS = "kg.word_starts"
TEXT = "kg.text"

# The pattern of spaCy's `VietnameseTokenizer.pyvi_sylabelize_with_ws` (from pyvi), alternatives in
# its order, compiled once and without capturing groups: `findall` gives the pieces themselves.
_SYLLABLES_AND_SPACES = re.compile(
    r"\s+"
    r"|[A-ZĐ]+\.|Tp\.|Mr\.|Mrs\.|Ms\.|Dr\.|ThS\."  # abbreviations
    r"|==>|->|\.\.\.|>>"  # arrows and ellipses
    r"|\w+://[^\s]+"  # web addresses
    r"|[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+"  # e-mail addresses
    r"|\d+(?:[\.,_]\d+)+"  # numbers with separators
    r"|[^\w\s]|\w+"
)


def _is_capitalised(syllable: str) -> bool:
    return syllable[:1].isupper()


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """`spacy.util.get_words_and_spaces` in linear time (spaCy's copies the rest of the text for
    every word, which is quadratic on a long article): the words of `text` in order, whitespace
    other than one space after a word as tokens of their own, and whether a space follows each."""
    out_words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        start = text.index(word, pos)
        if start > pos:
            out_words.append(text[pos:start])
            spaces.append(False)
        out_words.append(word)
        pos = start + len(word)
        spaced = pos < len(text) and text[pos] == " "
        spaces.append(spaced)
        pos += spaced
    if pos < len(text):
        out_words.append(text[pos:])
        spaces.append(False)
    return out_words, spaces


def split_glue(words: list[str]) -> list[str]:
    """Split a token of two or more capitalised syllables followed by lowercase ones."""
    out: list[str] = []
    for word in words:
        if " " not in word:
            out.append(word)
            continue
        syllables = word.split(" ")
        n_caps = 0
        while n_caps < len(syllables) and _is_capitalised(syllables[n_caps]):
            n_caps += 1
        if n_caps >= 2 and n_caps < len(syllables):
            out.append(" ".join(syllables[:n_caps]))
            out.append(" ".join(syllables[n_caps:]))
        else:
            out.append(word)
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
        words: list[str] = []
        before: list[str] = []
        space = ""  # the whitespace run since the last syllable (two runs never follow each other)
        for seg in self.pyvi_sylabelize_with_ws(text):
            if seg.isspace():
                space = seg
            else:
                words.append(seg)
                before.append(space)
                space = ""
        return join_syllables(words, before)

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(split_glue(self.pyvi_tokenize(text)), text)
        sent_starts, word_starts = _starts(text, words, spaces)
        doc = Doc(
            self.vocab,
            words=words,
            spaces=spaces,
            sent_starts=sent_starts,
        )
        doc.user_data[WORD_STARTS] = word_starts
        doc.user_data[TEXT] = text
        return doc

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return GlueFixTokenizer, (self.vocab,)


@spacy.registry.tokenizers("kg.vi_tokenizer.v1")
def create_tokenizer():  # type: ignore[no-untyped-def]
    def factory(nlp: Language) -> GlueFixTokenizer:
        return GlueFixTokenizer(nlp.vocab)

    return factory


def _starts(
    text: str, words: list[str], spaces: list[bool]
) -> tuple[list[bool | int | None], frozenset[int]]:
    """Each token's sentence start by `kg.clean.split_sentences` (the rule evidence offsets use),
    and the character offsets where words begin, worked out as the tokenizer builds the Doc
    (cheaper than components walking the tokens again)."""
    sentences = {start for start, _ in split_sentences(text)}
    sent_starts: list[bool | int | None] = []
    word_starts: list[int] = []
    idx = 0
    for word, space in zip(words, spaces, strict=True):
        sent_starts.append(idx == 0 or idx in sentences)
        if not word.isspace():
            word_starts.append(idx)
        idx += len(word) + (1 if space else 0)
    return sent_starts, frozenset(word_starts)


@cache
def blank_pipeline() -> Language:
    """`spacy.blank("vi")` with the glue-fixing, sentence-marking tokenizer (built once).

    spaCy refuses texts over a million characters for the sake of its parser and NER, which this
    pipeline does not have; any article ingest accepts is let through."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "kg.vi_tokenizer.v1"}}})
    nlp.max_length = MAX_BYTES
    return nlp
