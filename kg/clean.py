"""Clean: one normaliser for matching, noise blanked out, sentences found; offsets stay original.

`norm` is NFC with tone marks in the old placement that pyvi's dictionary uses (`hoà`, `thuỷ`).
Both steps keep lengths where the input is NFC already (the usual case); where NFC composition
shortens the text, `offsets` maps every `norm` index back to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

import regex

from . import lexicon
from .model import CleanDocument, Document, Sentence

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# A tone on the first vowel of an open `oa`, `oe`, `uy` (new style) moves to the second (old style).
_NEW_STYLE = regex.compile(
    r"([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])(?![\p{L}\p{M}])"
    r"|([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])(?![\p{L}\p{M}])"
)


def _toned(bases: str) -> str:
    """The composed letters of `bases` carrying one tone mark (`oO` → `òóõỏọÒÓÕỎỌ`)."""
    return "".join(unicodedata.normalize("NFC", b + tone) for b in bases for tone in sorted(_TONES))


# The same pattern on composed (NFC) text, where a toned `o` or `u` is one letter: `òa` → `oà`.
_NEW_STYLE_COMPOSED = regex.compile(
    rf"[{_toned('oO')}][aAeE](?![\p{{L}}\p{{M}}])|[{_toned('uU')}][yY](?![\p{{L}}\p{{M}}])"
)
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
_INVISIBLE = regex.compile(r"\p{Cf}")


def invisible(ch: str) -> bool:
    """Zero-width spaces and joiners, word joiners, BOMs, bidi marks, soft hyphens (Unicode Cf)."""
    return unicodedata.category(ch) == "Cf"


def nfc_with_offsets(text: str) -> tuple[str, tuple[int, ...] | None]:
    """NFC text without invisible format characters and, unless that is the text itself, the
    original index of each character (plus the text's length at the end).

    A character of the result stands for a group of the original: one base character with the
    combining marks and invisible characters after it; its index is the group's first character.
    """
    if unicodedata.is_normalized("NFC", text) and not _INVISIBLE.search(text):
        return text, None
    out: list[str] = []
    index: list[int] = []
    start: int | None = None
    for i in range(len(text) + 1):
        if i < len(text) and (invisible(text[i]) or unicodedata.combining(text[i])):
            continue
        if start is not None:
            visible = "".join(ch for ch in text[start:i] if not invisible(ch))
            piece = unicodedata.normalize("NFC", visible)
            out.append(piece)
            index.extend([start] * len(piece))
        start = i
    index.append(len(text))
    return "".join(out), tuple(index)


def visible_nfc(text: str) -> str:
    """A piece of the original text as a value (a name, a rank): NFC, invisible characters out."""
    if unicodedata.is_normalized("NFC", text) and not _INVISIBLE.search(text):
        return text
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def old_tone_placement(text: str) -> str:
    """`hòa` → `hoà`, `thủy` → `thuỷ`; the length of NFC text is unchanged.

    NFC text (the usual case) has its few moves made in place, which gives what decomposing,
    moving and composing the whole text again gives, at a fraction of the cost."""
    if unicodedata.is_normalized("NFC", text):
        return _NEW_STYLE_COMPOSED.sub(_move_composed_tone, text)
    decomposed = unicodedata.normalize("NFD", text)
    if not any(ch in _TONES for ch in decomposed):
        return text
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(_move_tone, decomposed))


def _move_composed_tone(m: regex.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFD", m[0])
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(_move_tone, decomposed))


def _move_tone(m: regex.Match[str]) -> str:
    if m[1]:
        return m[1] + m[3] + m[2]
    return m[4] + m[6] + m[5]


@cache
def match_key(text: str) -> str:
    """The key two spellings share when they name the same thing: case, tone placement, dashes."""
    folded = old_tone_placement(unicodedata.normalize("NFC", text)).translate(_DASHES)
    return _SPACES.sub(" ", folded).strip().casefold()


def without_diacritics(text: str) -> str:
    """`Liên Hợp Quốc` → `Lien Hop Quoc`: the letters without their marks, `đ` read as `d`."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def ascii_key(text: str) -> str:
    """`match_key` without diacritics (`Liên hợp quốc` → `lien hop quoc`), for loose matching."""
    return without_diacritics(match_key(text))


def is_acronym(word: str) -> bool:
    """`ADMM+`, `LHQ`, `TP.HCM`: a word of two letters or more, written in capitals."""
    return word[:1].isupper() and word.isupper() and sum(ch.isalpha() for ch in word) >= 2


# ---------------------------------------------------------------- noise


@cache
def _noise_patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    rows = lexicon.table("noise")
    return tuple((row["kind"], regex.compile(row["pattern"], regex.M | regex.V1)) for row in rows)


@cache
def _ad_cues() -> tuple[tuple[regex.Pattern[str], int], ...]:
    return tuple(
        (regex.compile(row["pattern"], regex.I), int(row["weight"]))
        for row in lexicon.table("advert_cues")
    )


AD_THRESHOLD = 4
# An advert is a dense block: at least one point per this many characters. An article with no line
# breaks (a JSONL record, flattened HTML) is one long paragraph that gathers points here and there.
AD_CHARS_PER_POINT = 100


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of page furniture: widgets, credits, agency tags, glued captions, adverts."""
    spans: list[tuple[int, int]] = []
    for _kind, pattern in _noise_patterns():
        for m in pattern.finditer(text):
            group = "noise" if "noise" in pattern.groupindex else 0
            if m.end(group) > m.start(group):
                spans.append((m.start(group), m.end(group)))
    for start, end in _paragraphs(text):
        score = _advert_score(text[start:end])
        if score >= AD_THRESHOLD and score * AD_CHARS_PER_POINT >= end - start:
            spans.append((start, end))
    return _merge(spans)


def _advert_score(paragraph: str) -> int:
    """One pass per cue: `regex` finds each cue's literal words fast, where one alternation of all
    cues, tried at every position, costs three times the passes."""
    return sum(w * len(p.findall(paragraph)) for p, w in _ad_cues())


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    for m in re.finditer(r"[^\n]+", text):
        yield m.start(), m.end()


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace each span by spaces ending in a newline, so sentences break where noise was."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
        if end - 1 >= start and chars[end - 1] == " ":
            chars[end - 1] = "\n"
    return "".join(chars)


# ---------------------------------------------------------------- sentences

# A sentence ends after `.`, `!`, `?` or `…` before a capital or a digit; not after an initial
# inside a name (`Rebecca J. Thornton`).
_SENT_END = regex.compile(r"(?<=[.!?…])(?<!(?<!\p{L})\p{Lu}\.)[\"”']?\s+(?=[\"“'(\[]?[\p{Lu}\d])")


MAX_SENTENCE = 1000  # characters; the longest sentence of the sample articles has 782


@cache
def _not_an_end() -> regex.Pattern[str]:
    """Dots that end an abbreviation, not a sentence (`TP. Hồ Chí Minh`, `TS. Nguyễn …`): the
    lexicon abbreviations written with a dot."""
    dotted = [row["term"] for row in lexicon.table("abbreviations") if row["term"].endswith(".")]
    words = "|".join(regex.escape(d[:-1]) for d in sorted(dotted, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})$") if words else regex.compile(r"(?!)")


def _ends_sentence(line: str, dot: int) -> bool:
    return not (line[dot] == "." and _not_an_end().search(line, 0, dot))


@lru_cache(maxsize=2)
def split_sentences(norm: str) -> tuple[tuple[int, int], ...]:
    """Sentence ranges of `norm`: a line is at least one sentence; `. X` starts another; a run
    longer than MAX_SENTENCE is cut (the relation rules compare a sentence's mentions pairwise).

    Cached for the last two texts: the clean stage, then the tokenizer (marking sentence starts), ask
    for the same one."""
    ranges: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", norm):
        start = line.start()
        for m in _SENT_END.finditer(line.group()):
            if not _ends_sentence(line.group(), m.start() - 1):
                continue
            ranges.extend(_capped(norm, start, line.start() + m.start()))
            start = line.start() + m.end()
        ranges.extend(_capped(norm, start, line.end()))
    return tuple(_trim(norm, s, e) for s, e in ranges if norm[s:e].strip())


def _capped(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """`start..end` in pieces of at most MAX_SENTENCE characters, cut after a comma or semicolon
    in the second half of a piece, else after its last space, else anywhere."""
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = max(window.rfind(", "), window.rfind("; ")) + 1
        if cut <= MAX_SENTENCE // 2:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = MAX_SENTENCE
        yield start, start + cut
        start += cut
    yield start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clean(doc: Document) -> CleanDocument:
    composed, offsets = nfc_with_offsets(doc.text)
    noise = tuple(noise_spans(composed))
    norm = old_tone_placement(blank(composed, noise))
    sentences = tuple(Sentence(start, end, norm[start:end]) for start, end in split_sentences(norm))
    return CleanDocument(doc=doc, norm=norm, noise=noise, sentences=sentences, offsets=offsets)
