"""kg.crf and the tokenizer's helpers give pyvi's and spaCy's results exactly, only faster."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyvi import ViPosTagger
from spacy.lang.vi import VietnameseTokenizer
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from kg import crf
from kg.clean import split_sentences
from kg.nlp import TEXT, TOKENS, GlueFixTokenizer

ROOT = Path(__file__).resolve().parents[2]
TREEBANK = ROOT.parent / "shared" / "datasets" / "UD_Vietnamese-VTB"

STOCK = VietnameseTokenizer(Vocab(), use_pyvi=True)
FAST = GlueFixTokenizer(Vocab())

OWN = [
    "Sáng 3-4, Thiếu tướng Lê Văn Khải tiếp Đoàn công tác của Bộ Quốc phòng Ô-xtrây-li-a.",
    "Hai bên thống nhất thúc đẩy hợp tác gìn giữ hòa bình Liên hợp quốc (LHQ) trong năm 2024.",
    "Khóa tập huấn sĩ quan tham mưu diễn ra tại Hà Nội từ ngày 6 đến 10/6/2022.",
    "THỦY QUÂN LỤC CHIẾN   và\n\nHọc viện Quốc phòng – ký Bản ghi nhớ…",
    "",
    "   ",
]


def _treebank_sentences() -> list[str]:
    if not TREEBANK.is_dir():
        pytest.skip("shared/datasets/UD_Vietnamese-VTB is not beside the checkout")
    return [
        line[len("# text = ") :].strip()
        for path in sorted(TREEBANK.glob("*.conllu"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# text = ")
    ]


def _pos_reference(words: list[str]) -> list[str]:
    return list(ViPosTagger.postagging_tokens(words)[1]) if words else []


def test_segmentation_equals_pyvi_on_the_treebank() -> None:
    sentences = _treebank_sentences()
    assert len(sentences) > 1000
    differ = [s for s in sentences if FAST.pyvi_tokenize(s) != STOCK.pyvi_tokenize(s)]
    assert differ == []
    article = "\n".join(sentences[:300])  # one long sequence, as an article is tagged
    assert FAST.pyvi_tokenize(article) == STOCK.pyvi_tokenize(article)


def test_pos_tags_equal_pyvi_on_the_treebank() -> None:
    for sentence in _treebank_sentences()[:400]:
        words = [w.replace(" ", "_") for w in STOCK.pyvi_tokenize(sentence)]
        assert crf.pos_tags(words) == _pos_reference(words), sentence


@pytest.mark.parametrize("text", OWN)
def test_own_sentences_segment_and_tag_as_pyvi(text: str) -> None:
    assert FAST.pyvi_tokenize(text) == STOCK.pyvi_tokenize(text)
    words = [w.replace(" ", "_") for w in STOCK.pyvi_tokenize(text) if not w.isspace()]
    assert crf.pos_tags(words) == _pos_reference(words)


_PIECES = [
    *"aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯ0123456789 \n\t.,;:-–()\"'/",
    *["hòa", "thuỷ", "Việt", "Nam", "quốc", "phòng", "Bộ", "  ", "ΣΑ", "😀", "\u200b"],
]
_vi_text = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join) | st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(_vi_text)
def test_segmentation_equals_pyvi_on_arbitrary_text(text: str) -> None:
    assert FAST.pyvi_tokenize(text) == STOCK.pyvi_tokenize(text)


_SYLLABLE_PIECES = [
    *_PIECES,
    *["TP.", "Tp.", "Mr.", "Mrs.", "ThS.", "ĐH.", "==>", "->", "...", ">>", "_", "@", "://"],
    *["https://qdnd.vn/a-1", "ban.bien-tap@qdnd.vn", "1.000", "3,5", "2_0"],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SYLLABLE_PIECES), max_size=40).map("".join) | st.text(max_size=60))
def test_syllables_and_whitespace_equal_spacy(text: str) -> None:
    assert FAST.pyvi_sylabelize_with_ws(text) == STOCK.pyvi_sylabelize_with_ws(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=6).filter(lambda w: " " not in w), max_size=12))
def test_pos_tags_equal_pyvi_on_arbitrary_words(words: list[str]) -> None:
    assert crf.pos_tags(words) == _pos_reference(words)


@settings(max_examples=300, deadline=None)
@given(_vi_text)
def test_doc_tokens_are_spacys_words_and_spaces_of_the_unglued_words(text: str) -> None:
    words = _unglued(STOCK.pyvi_tokenize(text))
    doc = FAST(text)
    spaces = [bool(t.whitespace_) for t in doc]
    assert ([t.text for t in doc], spaces) == tuple(get_words_and_spaces(words, text))


def _unglued(words: list[str]) -> list[str]:
    """Each word with two or more capitalised syllables before lowercase ones split in two."""
    out: list[str] = []
    for word in words:
        syllables = word.split(" ")
        caps = next((k for k, s in enumerate(syllables) if not s[:1].isupper()), len(syllables))
        if 2 <= caps < len(syllables):
            out += [" ".join(syllables[:caps]), " ".join(syllables[caps:])]
        else:
            out.append(word)
    return out


@settings(max_examples=200, deadline=None)
@given(_vi_text)
def test_doc_keeps_the_text_it_was_made_of(text: str) -> None:
    doc = FAST(text)
    assert doc.user_data[TEXT] == doc.text == text


@settings(max_examples=200, deadline=None)
@given(_vi_text)
def test_doc_sentences_start_where_the_clean_stage_splits_them(text: str) -> None:
    starts = {0} | {start for start, _ in split_sentences(text)}
    assert [t.is_sent_start for t in FAST(text)] == [t.idx in starts for t in FAST(text)]


@settings(max_examples=200, deadline=None)
@given(_vi_text, st.integers(0, 60), st.integers(1, 60))
def test_doc_tokens_cover_a_stretch_as_spacys_expanding_char_span(
    text: str, start: int, length: int
) -> None:
    doc = FAST(text)
    span = doc.char_span(start, start + length, alignment_mode="expand")
    expected = range(span.start, span.end) if span is not None else range(0)
    assert doc.user_data[TOKENS].covering(start, start + length) == expected
