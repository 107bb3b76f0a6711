"""NLP: a spaCy pipeline on `spacy.blank("vi")` that segments normalised text with pyvi.

The tokenizer un-glues names that pyvi joins to the next verb (`Liên Hiệp Quốc thể hiện`) and marks
sentence starts by the clean stage's rule, so the Doc's sentences are the evidence units.
Extraction components are added on top by `kg.extract.pipeline`.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy import util
from spacy.lang.vi import VietnameseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .clean import split_sentences
from .ingest import MAX_BYTES


def _is_capitalised(syllable: str) -> bool:
    return syllable[:1].isupper()


def split_glue(words: list[str]) -> list[str]:
    """Split a token of two or more capitalised syllables followed by lowercase ones."""
    out: list[str] = []
    for word in words:
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
    """pyvi word segmentation with name/verb glue split apart."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__(vocab, use_pyvi=True)

    def __call__(self, text: str) -> Doc:
        words = split_glue(self.pyvi_tokenize(text))
        words, spaces = util.get_words_and_spaces(words, text)
        return Doc(
            self.vocab,
            words=words,
            spaces=spaces,
            sent_starts=_sentence_starts(text, words, spaces),
        )

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return GlueFixTokenizer, (self.vocab,)


@spacy.registry.tokenizers("kg.vi_tokenizer.v1")
def create_tokenizer():  # type: ignore[no-untyped-def]
    def factory(nlp: Language) -> GlueFixTokenizer:
        return GlueFixTokenizer(nlp.vocab)

    return factory


def _sentence_starts(text: str, words: list[str], spaces: list[bool]) -> list[bool | int | None]:
    """Sentence starts by `kg.clean.split_sentences`, the rule evidence offsets use, set as the
    tokenizer builds the Doc (cheaper than a component writing `is_sent_start` token by token)."""
    starts = {start for start, _ in split_sentences(text)}
    out: list[bool | int | None] = []
    idx = 0
    for word, space in zip(words, spaces, strict=True):
        out.append(idx == 0 or idx in starts)
        idx += len(word) + (1 if space else 0)
    return out


@cache
def blank_pipeline() -> Language:
    """`spacy.blank("vi")` with the glue-fixing, sentence-marking tokenizer (built once).

    spaCy refuses texts over a million characters for the sake of its parser and NER, which this
    pipeline does not have; any article ingest accepts is let through."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "kg.vi_tokenizer.v1"}}})
    nlp.max_length = MAX_BYTES
    return nlp
