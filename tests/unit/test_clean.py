"""Clean: lengths and offsets are preserved, tone marks folded, page noise blanked."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.clean import MAX_SENTENCE, clean, match_key, noise_spans, old_tone_placement, visible_nfc
from tests.conftest import make_document


def test_tone_marks_move_to_the_old_placement() -> None:
    assert old_tone_placement("hòa bình, thủy quân, khỏe") == "hoà bình, thuỷ quân, khoẻ"


def test_diphthongs_that_keep_their_mark_are_untouched() -> None:
    assert old_tone_placement("của mùa hoàn thành quý") == "của mùa hoàn thành quý"


def test_match_key_joins_spellings() -> None:
    assert match_key("Liên Hợp Quốc") == match_key("liên hợp quốc")
    assert match_key("Hòa  Bình") == match_key("hoà bình")
    assert match_key("châu Á – Thái Bình Dương") == match_key("châu Á - Thái Bình Dương")


@given(st.text(alphabet=st.sampled_from("aàáảãạoòóỏõọuùúủũụyỳýỷỹỵe hHqQ,.\n"), max_size=60))
def test_normalised_text_keeps_the_length(text: str) -> None:
    assert len(old_tone_placement(unicodedata.normalize("NFC", text))) == len(
        unicodedata.normalize("NFC", text)
    )


_TONED_TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *"aàáảãạâăeêoòóỏõọôơuùúủũụưyỳýỷỹỵ AEOUYÒÓỎÕỌÙÚỦŨỤqhkt,.\n0",
            *"\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0315\u0323\u0331",  # marks
        ]
    ),
    max_size=40,
)


@given(_TONED_TEXT)
def test_composed_and_decomposed_spellings_get_one_placement(text: str) -> None:
    composed = unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", text)
    assert old_tone_placement(composed) == unicodedata.normalize(
        "NFC", old_tone_placement(decomposed)
    )


def test_decomposed_input_maps_offsets_back() -> None:
    text = unicodedata.normalize("NFD", "Thượng tướng Lê Hòa")
    cdoc = clean(make_document(text))
    start = cdoc.norm.index("Lê")
    a, b = cdoc.original(start, start + 2)
    assert unicodedata.normalize("NFC", text[a:b]) == "Lê"


def test_share_widget_credit_and_agency_tag_are_noise() -> None:
    text = "Chia sẻ\n(TTXVN) - Sáng nay, hội nghị khai mạc. Ảnh: baochinhphu.vn\nFeedback"
    removed = [text[a:b] for a, b in noise_spans(text)]
    assert "Chia sẻ" in removed
    assert any(r.startswith("(TTXVN)") for r in removed)
    assert any(r.startswith("Ảnh: baochinhphu.vn") for r in removed)
    assert "Feedback" in removed


@pytest.mark.parametrize("byline", ["MINH ANH", "HOÀNG TÂM", "NGUYỄN VĂN BÌNH"])
def test_an_uppercase_byline_ending_the_article_is_noise(byline: str) -> None:
    text = f"Hội nghị khai mạc sáng nay tại Hà Nội.\n\n{byline}\n"
    removed = [text[a:b] for a, b in noise_spans(text)]
    assert removed == [byline]


@pytest.mark.parametrize(
    "credit", ["(Theo TTXVN)", "Theo VOV", "Nguồn: VnExpress.net", "Theo Báo Quân đội nhân dân"]
)
def test_a_source_credit_on_its_own_line_is_noise(credit: str) -> None:
    text = f"Hội nghị khai mạc sáng nay tại Hà Nội.\n{credit}"
    assert [text[a:b] for a, b in noise_spans(text)] == [credit]


@pytest.mark.parametrize(
    "sentence",
    ["Theo Bộ Quốc phòng, đoàn có 20 người.", "Theo Thượng tướng Lê Huy Vịnh, hợp tác tốt."],
)
def test_a_sentence_opening_with_theo_is_kept(sentence: str) -> None:
    assert noise_spans(f"Hội nghị khai mạc sáng nay.\n{sentence}") == []


def test_an_uppercase_word_inside_the_article_is_kept() -> None:
    text = "Đại diện ASEAN phát biểu.\nASEAN\nHội nghị khai mạc sáng nay tại Hà Nội."
    assert noise_spans(text) == []


def test_glued_caption_keeps_its_own_sentence() -> None:
    text = "Tiêu đề bài báo về hội nghị - ảnh 1Các đại biểu dự lễ bế mạc. Ảnh: TTXVN"
    cdoc = clean(make_document(text))
    assert [s.text for s in cdoc.sentences] == ["Các đại biểu dự lễ bế mạc."]


def test_advert_with_phone_numbers_is_removed() -> None:
    text = (
        "Đại tướng Trần Văn Hải dự lễ kỷ niệm.\n"
        "Công ty Du lịch Sao Mai hân hạnh phục vụ quý khách. Hotline 0912.345.678 để được tư vấn."
    )
    cdoc = clean(make_document(text))
    assert [s.text for s in cdoc.sentences] == ["Đại tướng Trần Văn Hải dự lễ kỷ niệm."]


def test_an_article_on_one_line_is_not_an_advert() -> None:
    """A record with no line breaks is one paragraph; its scattered cue words are no advert."""
    sentence = (
        "Bộ Quốc phòng tiếp đoàn khách của Hải quân Hoa Kỳ, hai bên trao đổi về dịch vụ hậu cần "
        "và liên hệ công tác giữa hai lực lượng trong thời gian tới."
    )
    text = " ".join([sentence] * 40)
    cdoc = clean(make_document(text))
    assert cdoc.noise == ()
    assert len(cdoc.sentences) == 40


def test_sentences_split_on_full_stops() -> None:
    cdoc = clean(make_document("Hội nghị khai mạc. Các đoàn thảo luận! Kết thúc?"))
    assert len(cdoc.sentences) == 3


def test_zero_width_characters_are_removed_and_offsets_map_back() -> None:
    text = "Thượng tướng Lê\u200b Văn\u200c Hò\u200da\u2060 tiếp khách"
    cdoc = clean(make_document(text))
    assert "Lê Văn Hòa tiếp" in cdoc.norm.replace("Hoà", "Hòa")
    start = cdoc.norm.index("Lê")
    a, b = cdoc.original(start, start + len("Lê Văn Hoà"))
    assert text[a:b] == "Lê\u200b Văn\u200c Hò\u200da"


def test_a_composition_that_grows_and_one_that_shrinks_keep_offsets_apart() -> None:
    # U+0958 becomes two characters in NFC, `a` + U+0301 becomes one: same length, other places.
    text = "\u0958 a\u0301 Hà Nội"
    cdoc = clean(make_document(text))
    start = cdoc.norm.index("Hà")
    a, b = cdoc.original(start, start + 6)
    assert text[a:b] == "Hà Nội"


def test_visible_nfc_gives_the_clean_spelling() -> None:
    assert visible_nfc(unicodedata.normalize("NFD", "Lê Văn Hòa")) == "Lê Văn Hòa"
    assert visible_nfc("Lê\u200b Văn\ufeff Hòa") == "Lê Văn Hòa"


def test_a_line_without_full_stops_is_cut_into_bounded_sentences() -> None:
    line = "các đơn vị tăng cường hợp tác, " * 200
    cdoc = clean(make_document(line))
    assert len(cdoc.sentences) > 1
    assert all(s.end - s.start <= MAX_SENTENCE for s in cdoc.sentences)
    assert all(s.text.endswith(",") for s in cdoc.sentences[:-1])
    assert cdoc.sentences[-1].end == len(line.rstrip())


def test_a_megabyte_word_is_cut_too() -> None:
    cdoc = clean(make_document("a" * 5000))
    assert [s.end - s.start for s in cdoc.sentences] == [MAX_SENTENCE] * 5
