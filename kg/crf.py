"""pyvi's word segmenter and POS tagger with their features computed fast.

pyvi builds one Python dict of features per syllable (`ViTokenizer.word2features`) and hands the
dicts to its CRF model; building the dicts costs more than the CRF itself. Here each feature is
the UTF-8 string python-crfsuite would make of it (`name` for a true flag, `name:value` for a
string; as bytes, which it takes as they are instead of encoding every feature of every call),
made once per distinct syllable or syllable pair and reused, and the model's own tagger labels
them. A false flag has weight 0 in pyvi's dicts, so leaving it out gives the same scores: the
labels are pyvi's, exactly (tests compare both on the UD Vietnamese treebank and arbitrary text).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from pyvi import ViPosTagger, ViTokenizer

Features = list[list[bytes]]
_PUNCTUATION = frozenset(string.punctuation)
_BIGRAMS: frozenset[str] = frozenset(ViTokenizer.ViTokenizer.bi_grams)
_TRIGRAMS: frozenset[str] = frozenset(ViTokenizer.ViTokenizer.tri_grams)
_POS_FILTERED = frozenset(ViPosTagger.ViPosTagger.filtered_tags)


def _own_model_file(model: Any) -> None:
    """pyvi's models are sklearn-crfsuite CRFs, which unpickle by writing the model to a file in
    the temp folder that nothing removes (2.3 MB each, two per process that imports pyvi). The
    tagger is opened from it now (crfsuite reads the whole file into memory) and the file goes."""
    resource = getattr(model, "modelfile", None)
    if resource is None or not getattr(resource, "auto", False) or resource.name is None:
        return
    model.tagger_  # noqa: B018  (opens the tagger while the file is there)
    resource.keep_tempfiles = False
    resource.cleanup()


_own_model_file(ViTokenizer.ViTokenizer.model)
_own_model_file(ViPosTagger.ViPosTagger.model)


def _flags(prefix: str, **flags: bool) -> list[bytes]:
    return [_attribute(prefix + name) for name, on in flags.items() if on]


def _attribute(name: str) -> bytes:
    return name.encode("utf-8")


_BI_BEFORE, _TRI_BEFORE = _attribute("-1:word.bi_gram()"), _attribute("-2:word.tri_gram()")
_BI_AFTER, _TRI_AFTER = _attribute("+1:word.bi_gram()"), _attribute("+2:word.tri_gram()")
_BOS, _EOS = _attribute("BOS"), _attribute("EOS")


# ---------------------------------------------------------------- word segmentation


def _grams(grams: frozenset[str], n: int) -> dict[tuple[str, ...], frozenset[str]]:
    """pyvi's n-gram dictionary by its first n-1 syllables: the last syllables that complete each.
    Syllables hold no space, so `"a b" in bi_grams` is `"b" in _BIGRAM_ENDS[("a",)]`, read
    without making the string "a b" at every pair of syllables of a text."""
    out: dict[tuple[str, ...], set[str]] = {}
    for gram in grams:
        *head, last = gram.split(" ")
        if len(head) == n - 1:
            out.setdefault(tuple(head), set()).add(last)
    return {head: frozenset(lasts) for head, lasts in out.items()}


_BIGRAM_ENDS = _grams(_BIGRAMS, 2)
_TRIGRAM_ENDS = _grams(_TRIGRAMS, 3)
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Syllable:
    """A syllable's segmenter features as itself, as the previous syllable and as the next
    one; its lower case, and the syllables that make a dictionary bigram after it."""

    own: list[bytes]
    as_prev: list[bytes]
    as_next: list[bytes]
    low: str
    bigram_ends: frozenset[str]


@cache
def _seg_word(word: str) -> _Syllable:
    low = word.lower()
    upper, title = word.isupper(), word.istitle()
    own = [_attribute("bias"), _attribute("word.lower():" + low)]
    own += _flags("word.", **{"isupper()": upper, "istitle()": title, "isdigit()": word.isdigit()})
    prev = [
        _attribute("-1:word.lower():" + low),
        *_flags("-1:word.", **{"istitle()": title, "isupper()": upper}),
    ]
    nxt = [
        _attribute("+1:word.lower():" + low),
        *_flags("+1:word.", **{"istitle()": title, "isupper()": upper}),
    ]
    return _Syllable(own, prev, nxt, low, _BIGRAM_ENDS.get((low,), _NONE))


def segmenter_features(words: Sequence[str]) -> Features:
    """`ViTokenizer.sent2features(words, False)` for syllables `words`, as python-crfsuite
    attribute strings (in pyvi's order)."""
    shapes = [_seg_word(w) for w in words]
    n = len(shapes)
    # bi[i]: words i and i+1 are a dictionary bigram; tri[i]: words i..i+2 a trigram.
    bi = [b.low in a.bigram_ends for a, b in pairwise(shapes)]
    tri = [
        c.low in _TRIGRAM_ENDS.get((a.low, b.low), _NONE)
        for a, b, c in zip(shapes, shapes[1:], shapes[2:], strict=False)
    ]
    out: Features = []
    for i in range(n):
        if i > 0:
            feats = shapes[i].own + shapes[i - 1].as_prev
            if bi[i - 1]:
                feats.append(_BI_BEFORE)
            if i > 1 and tri[i - 2]:
                feats.append(_TRI_BEFORE)
        else:
            feats = shapes[i].own[:]
        if i < n - 1:
            feats += shapes[i + 1].as_next
            if bi[i]:
                feats.append(_BI_AFTER)
            if i < n - 2 and tri[i]:
                feats.append(_TRI_AFTER)
        out.append(feats)
    return out


def _tag(model: Any, features: Features) -> list[str]:
    """Labels from one of pyvi's models (sklearn-crfsuite), through its python-crfsuite tagger."""
    labels: list[str] = model.tagger_.tag(features)
    return labels


def word_starts(words: Sequence[str]) -> list[int]:
    """pyvi's segmentation of syllables `words`: the index of each word's first syllable, as
    spaCy's `VietnameseTokenizer.pyvi_tokenize` groups them."""
    if not words:
        return []
    labels = _tag(ViTokenizer.ViTokenizer.model, segmenter_features(words))
    return [0] + [
        i
        for i, (label, (prev, cur)) in enumerate(zip(labels[1:], pairwise(words), strict=True), 1)
        if not (label == "I_W" and _joins(prev, cur))
    ]


def _joins(prev: str, cur: str) -> bool:
    """Whether pyvi lets a syllable its CRF labels "inside a word" join the one before it."""
    return (
        cur not in _PUNCTUATION
        and prev not in _PUNCTUATION
        and not cur[0].isdigit()
        and not prev[0].isdigit()
        and not (cur[0].istitle() and not prev[0].istitle())
    )


# ---------------------------------------------------------------- part of speech


@cache
def _pos_word(word: str) -> tuple[list[bytes], ...]:
    """A word's POS features as itself, and at offsets -1, -2, +1, +2."""
    low, title, upper = word.lower(), word.istitle(), word.isupper()
    digit1, upper3 = word[:1].isdigit(), word[:3].isupper()
    own = [_attribute("bias"), _attribute("word.lower():" + low)]
    own += _flags(
        "",
        **{
            "word.istitle()": title,
            "word.isdigit()": word.isdigit(),
            "word[:1].isdigit()": digit1,
            "word[:3].isupper()": upper3,
            "word.isfiltered": word in _POS_FILTERED,
        },
    )
    near = {
        "-1": {"istitle()": title, "[:1].isdigit()": digit1, "[:3].isupper()": upper3},
        "+1": {"istitle()": title, "[:1].isdigit()": digit1, "isupper()": upper},
    }
    far = {"istitle()": title, "isupper()": upper}
    by_offset = {
        off: [_attribute(f"{off}:word.lower():{low}"), *_flags(f"{off}:word", **_dotted(flags))]
        for off, flags in (*near.items(), ("-2", far), ("+2", far))
    }
    return own, by_offset["-1"], by_offset["-2"], by_offset["+1"], by_offset["+2"]


def _dotted(flags: dict[str, bool]) -> dict[str, bool]:
    return {(name if name.startswith("[") else "." + name): on for name, on in flags.items()}


def pos_features(words: Sequence[str]) -> Features:
    """`ViPosTagger.sent2features(words, False)`, as python-crfsuite attribute strings."""
    shapes = [_pos_word(w) for w in words]
    n = len(words)
    out: Features = []
    for i in range(n):
        feats = list(shapes[i][0])
        if i > 0:
            feats += shapes[i - 1][1]
            if i > 1:
                feats += shapes[i - 2][2]
        else:
            feats.append(_BOS)
        if i < n - 1:
            feats += shapes[i + 1][3]
            if i < n - 2:
                feats += shapes[i + 2][4]
        else:
            feats.append(_EOS)
        out.append(feats)
    return out


def pos_tags(words: Sequence[str]) -> list[str]:
    """pyvi's POS tag of each word (`ViPosTagger.postagging_tokens(words)[1]`)."""
    return _tag(ViPosTagger.ViPosTagger.model, pos_features(words)) if words else []
