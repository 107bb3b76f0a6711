"""Relations on Vietnamese sentences written for these tests: every predicate, with its evidence."""

from __future__ import annotations

import pytest

from kg.extract import extract_document
from kg.model import DocExtraction
from tests.conftest import make_document


def triples(text: str, published: str | None = None) -> set[tuple[str, str, str]]:
    ex = extract_document(make_document(text, published=published))
    return {_triple(ex, r.subject, r.predicate, r.object) for r in ex.relations}


def _triple(ex: DocExtraction, s: str, p: str, o: str) -> tuple[str, str, str]:
    names = {e.id: e.name for e in ex.entities}
    return names[s], p, names.get(o, o)


KY_HOP = "Kỳ họp lần thứ 5 Nhóm chuyên gia ADMM+ về hành động bom mìn nhân đạo"

CASES = [
    (
        "Thượng tướng Hoàng Văn Lâm, Thứ trưởng Bộ Quốc phòng, tiếp Đại sứ Xin-ga-po Lim Wei Ming.",
        [
            ("Hoàng Văn Lâm", "hasRank", "Thượng tướng"),
            ("Hoàng Văn Lâm", "holdsPosition", "Thứ trưởng Bộ Quốc phòng"),
            ("Hoàng Văn Lâm", "memberOf", "Bộ Quốc phòng Việt Nam"),
            ("Hoàng Văn Lâm", "received", "Lim Wei Ming"),
        ],
    ),
    (
        "Chiều 5-3, Đại tướng Trần Minh Đức hội đàm với Bộ trưởng Quốc phòng Ô-xtrây-li-a Richard Moore.",
        [("Trần Minh Đức", "met", "Richard Moore"), ("Trần Minh Đức", "hasRank", "Đại tướng")],
    ),
    (
        "Hội thảo về an ninh biển do Học viện Quốc phòng tổ chức tại Hà Nội.",
        [
            ("Hội thảo về an ninh biển", "organizedBy", "Học viện Quốc phòng"),
            ("Hội thảo về an ninh biển", "heldIn", "Hà Nội"),
            ("Hội thảo về an ninh biển", "about", "an ninh biển"),
        ],
    ),
    (
        "Lào chủ trì Hội nghị Tư lệnh Lục quân ASEAN lần thứ 23.",
        [("Hội nghị Tư lệnh Lục quân ASEAN lần thứ 23", "chairedBy", "Lào")],
    ),
    (
        "Diễn tập cứu trợ nhân đạo diễn ra dưới sự đồng chủ trì của Thiếu tướng Lê Quang Vinh và Đại tá Somsak Chai.",
        [
            ("Diễn tập cứu trợ nhân đạo", "coChairedBy", "Lê Quang Vinh"),
            ("Diễn tập cứu trợ nhân đạo", "coChairedBy", "Somsak Chai"),
        ],
    ),
    (
        "Ngày 20-8-2019, Bộ Quốc phòng Việt Nam và Bộ Quốc phòng Ấn Độ đã ký Bản ghi nhớ về hợp tác quân y.",
        [
            ("Bản ghi nhớ về hợp tác quân y", "signedBy", "Bộ Quốc phòng Việt Nam"),
            ("Bản ghi nhớ về hợp tác quân y", "signedBy", "Bộ Quốc phòng Ấn Độ"),
            ("Bản ghi nhớ về hợp tác quân y", "signedOn", "20-8-2019"),
            ("Bản ghi nhớ về hợp tác quân y", "about", "hợp tác quân y"),
        ],
    ),
    (
        "Sáng 12/4, lễ bế mạc Khóa huấn luyện quan sát viên quân sự diễn ra tại Hà Nội.",
        [("Lễ bế mạc Khóa huấn luyện quan sát viên quân sự", "heldOn", "12/4")],
    ),
    (
        "Đoàn đại biểu tham dự Hội nghị Bộ trưởng Quốc phòng ASEAN lần thứ 17 tại Bali (tháng 11-2023).",
        [
            ("Hội nghị Bộ trưởng Quốc phòng ASEAN lần thứ 17", "heldIn", "Bali"),
            ("Hội nghị Bộ trưởng Quốc phòng ASEAN lần thứ 17", "heldOn", "tháng 11-2023"),
            (
                "Hội nghị Bộ trưởng Quốc phòng ASEAN lần thứ 17",
                "partOf",
                "Hội nghị Bộ trưởng Quốc phòng ASEAN",
            ),
        ],
    ),
    (
        "Đại tá Phạm Thanh Tùng tham dự Diễn đàn An ninh Shangri-La.",
        [("Phạm Thanh Tùng", "participatedIn", "Diễn đàn An ninh Shangri-La")],
    ),
    (
        "Hội nghị quan chức quốc phòng cấp cao được tổ chức trong khuôn khổ Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng.",
        [
            (
                "Hội nghị quan chức quốc phòng cấp cao",
                "partOf",
                "Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng",
            )
        ],
    ),
    (
        "Đội Công binh số 4 thuộc Phái bộ Liên hợp quốc tại Nam Sudan lên đường ngày 3-6-2024.",
        [
            ("Đội Công binh số 4", "partOf", "Phái bộ Liên hợp quốc tại Nam Sudan"),
            ("Phái bộ Liên hợp quốc tại Nam Sudan", "partOf", "Liên hợp quốc"),
        ],
    ),
    (
        "Về phía Hàn Quốc, ông Park Min Soo cảm ơn sự hỗ trợ.",
        [("Park Min Soo", "nationality", "Hàn Quốc")],
    ),
    (
        "Thái Lan đăng cai Hội nghị Tư lệnh Hải quân ASEAN.",
        [("Hội nghị Tư lệnh Hải quân ASEAN", "hostedBy", "Thái Lan")],
    ),
    (
        "Kỳ họp lần thứ 5 Nhóm chuyên gia ADMM+ về hành động bom mìn nhân đạo khai mạc sáng nay. "
        "Tại kỳ họp, các bên đã thảo luận về hợp tác rà phá bom mìn; trao đổi thông tin quân sự.",
        [
            (KY_HOP, "about", "hợp tác rà phá bom mìn"),
            (KY_HOP, "about", "trao đổi thông tin quân sự"),
            (KY_HOP, "partOf", "Nhóm chuyên gia ADMM+ về hành động bom mìn nhân đạo"),
        ],
    ),
    (
        "Hội nghị Tư lệnh Không quân ASEAN khai mạc. Tại hội nghị, các đại biểu thảo luận về an ninh hàng không; cứu hộ cứu nạn.",
        [
            ("Hội nghị Tư lệnh Không quân ASEAN", "about", "an ninh hàng không"),
            ("Hội nghị Tư lệnh Không quân ASEAN", "about", "cứu hộ cứu nạn"),
        ],
    ),
    (
        "Đông Timor và các quốc gia thành viên ASEAN cam kết hợp tác.",
        [("Đông Timor", "memberOf", "ASEAN")],
    ),
    (
        "Văn phòng Phái bộ Liên hợp quốc tại Li-băng mở cửa.",
        [("Văn phòng Phái bộ Liên hợp quốc tại Li-băng", "partOf", "Liên hợp quốc")],
    ),
    (
        "Trung tâm Huấn luyện Kỹ thuật tại Đà Nẵng tiếp nhận học viên.",
        [("Trung tâm Huấn luyện Kỹ thuật", "locatedIn", "Đà Nẵng")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_relations_are_found(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert expected, "a case states what it expects"
    found = triples(text)
    for triple in expected:
        assert triple in found, f"{triple} not in {sorted(found)}"


def test_every_predicate_is_covered_by_a_test_sentence() -> None:
    from kg.model import PREDICATES

    covered = {p for _, exp in CASES for _, p, _ in exp}
    assert covered == set(PREDICATES)


def test_reception_is_not_an_event() -> None:
    ex = extract_document(make_document("Trung tướng Võ Văn Hải tiếp Đại sứ Pháp Olivier Brochet."))
    assert not [e for e in ex.entities if e.type.value == "EVENT"]


def test_honorific_is_not_a_rank_relation() -> None:
    found = triples("Bà Trần Thị Mai, giám đốc Trung tâm Gìn giữ hòa bình, phát biểu.")
    assert not [t for t in found if t[1] == "hasRank"]


def test_relation_carries_sentence_evidence_rule_and_confidence() -> None:
    text = "Mở đầu bài. Thượng tướng Hoàng Văn Lâm tiếp Đại sứ Anh Iain Frew. Kết thúc."
    ex = extract_document(make_document(text))
    rel = next(r for r in ex.relations if r.predicate == "received")
    assert rel.evidence.text == "Thượng tướng Hoàng Văn Lâm tiếp Đại sứ Anh Iain Frew."
    assert text[rel.evidence.start : rel.evidence.end] == rel.evidence.text
    assert rel.rule == "frame.agent-cue-target:tiếp"
    assert 0 < rel.confidence <= 1


def test_rank_is_stated_as_of_the_publication_date() -> None:
    ex = extract_document(
        make_document("Trung tướng Lê Đức Anh phát biểu.", published="2022-06-07")
    )
    rel = next(r for r in ex.relations if r.predicate == "hasRank")
    assert dict(rel.attributes)["stated_on"] == "2022-06-07"


def test_new_cue_in_the_lexicon_needs_no_code(tmp_path, monkeypatch) -> None:
    import shutil

    from kg import lexicon
    from kg.extract import gazetteer
    from kg.extract.entities import people
    from kg.extract.relations import frames

    root = tmp_path / "ontology"
    shutil.copytree(lexicon.ontology_dir(), root)
    table = root / "lexicon" / "relation_patterns.tsv"
    monkeypatch.setenv("KG_ONTOLOGY", str(root))
    caches = (lexicon.table, lexicon.words, gazetteer.gazetteer, frames.frames, people.person_cues)
    text = "Đại tướng Lương Văn Khải thăm xã giao Tổng thống Ramon Castelo."
    wanted = ("Lương Văn Khải", "met", "Ramon Castelo")
    try:
        for cached in caches:
            cached.cache_clear()
        assert wanted not in triples(text)  # the cue is not in the lexicon yet
        table.write_text(
            table.read_text(encoding="utf-8")
            + "met\tagent_cue_target\tthăm xã giao\tagent\tPERSON\tPERSON\t0.7\t\n",
            encoding="utf-8",
        )
        for cached in caches:
            cached.cache_clear()
        assert wanted in triples(text)
    finally:
        monkeypatch.delenv("KG_ONTOLOGY")
        for cached in caches:
            cached.cache_clear()


def test_sentences_keep_the_original_spelling() -> None:
    text = "Hội nghị về hòa bình khai mạc tại Thủy Nguyên."
    ex = extract_document(make_document(text))
    assert [s.text for s in ex.sentences] == [text]


def test_rank_is_stated_as_of_the_event_when_the_article_has_no_date() -> None:
    text = "Ngày 4-9-2023, Hội thảo Hải quân ASEAN khai mạc tại Huế. Chuẩn đô đốc Lê Văn Sơn phát biểu."
    ex = extract_document(make_document(text))
    rel = next(r for r in ex.relations if r.predicate == "hasRank")
    assert dict(rel.attributes) == {"stated_on": "2023-09-04", "stated_on_from": "event"}
