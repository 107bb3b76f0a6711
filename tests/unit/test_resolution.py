"""One node per real-world entity across documents: spellings, acronyms, name order, national default."""

from __future__ import annotations

from kg.extract import extract_document
from kg.model import DocExtraction, EntityType
from tests.conftest import make_document

JUNE = (
    "Ngày 12-6-2023, Trung tướng Đỗ Minh Khang, Thứ trưởng Bộ Quốc phòng, tiếp bà Sakura Yamamoto, "
    "Phó Giám đốc Trung tâm Hợp tác quốc tế. Hai bên khẳng định Liên Hiệp Quốc giữ vai trò trung tâm."
)
OCTOBER = (
    "Ngày 9-10-2023, Thượng tướng Đỗ Minh Khang hội đàm với Yamamoto Sakura tại Tokyo. "
    "Đại tá Đỗ Văn Tùng cho biết LHQ đánh giá cao Bộ Quốc phòng Việt Nam."
)


def _people(ex: DocExtraction) -> dict[str, str]:
    return {e.name: e.iri for e in ex.entities if e.type is EntityType.PERSON}


def _iri(ex: DocExtraction, typ: EntityType, name: str) -> str:
    return next(e.iri for e in ex.entities if e.type is typ and e.name == name)


def test_same_person_is_one_node_with_both_dated_ranks() -> None:
    june = extract_document(make_document(JUNE, "june"))
    october = extract_document(make_document(OCTOBER, "october"))
    assert _people(june)["Đỗ Minh Khang"] == _people(october)["Đỗ Minh Khang"]
    ranks = sorted(
        (dict(r.attributes)["stated_on"], r.object)
        for ex in (june, october)
        for r in ex.relations
        if r.predicate == "hasRank" and ex.entity(r.subject).name == "Đỗ Minh Khang"
    )
    assert ranks == [("2023-06-12", "Trung tướng"), ("2023-10-09", "Thượng tướng")]


def test_foreign_name_in_either_order_is_one_node() -> None:
    june = extract_document(make_document(JUNE, "june"))
    october = extract_document(make_document(OCTOBER, "october"))
    assert _people(june)["Sakura Yamamoto"] == _people(october)["Yamamoto Sakura"]


def test_united_nations_spellings_and_acronym_are_one_node() -> None:
    june = extract_document(make_document(JUNE, "june"))
    october = extract_document(make_document(OCTOBER, "october"))
    org = EntityType.ORGANIZATION
    assert _iri(june, org, "Liên Hiệp Quốc") == _iri(october, org, "LHQ")


def test_unqualified_ministry_is_vietnams_in_a_vietnamese_article() -> None:
    june = extract_document(make_document(JUNE, "june"))
    october = extract_document(make_document(OCTOBER, "october"))
    org = EntityType.ORGANIZATION
    assert _iri(june, org, "Bộ Quốc phòng Việt Nam") == _iri(october, org, "Bộ Quốc phòng Việt Nam")


def test_people_who_share_a_surname_stay_apart() -> None:
    october = extract_document(make_document(OCTOBER, "october"))
    people = _people(october)
    assert people["Đỗ Minh Khang"] != people["Đỗ Văn Tùng"]


def test_iris_are_the_same_on_every_run() -> None:
    first = extract_document(make_document(OCTOBER, "october"))
    second = extract_document(make_document(OCTOBER, "october"))
    assert [e.iri for e in first.entities] == [e.iri for e in second.entities]


def test_merges_keep_their_reason() -> None:
    text = "Trung tâm Huấn luyện Gìn giữ hòa bình (PKTC) khai giảng khóa học. PKTC mời giảng viên nước ngoài."
    ex = extract_document(make_document(text))
    centre = next(e for e in ex.entities if e.attributes.get("acronym") == "PKTC")
    assert "PKTC" in centre.attributes["merge_reasons"]


def test_dates_without_a_year_stay_in_their_article() -> None:
    first = extract_document(make_document("Chiều 14-3, hai đoàn hội đàm.", "a"))
    second = extract_document(make_document("Chiều 14-3, hai đoàn hội đàm.", "b"))
    dated = extract_document(make_document("Chiều 14-3-2024, hai đoàn hội đàm.", "c"))
    again = extract_document(make_document("Ngày 14/3/2024 hai bên gặp nhau.", "d"))
    iri = {ex.doc.doc_id: next(e.iri for e in ex.entities) for ex in (first, second, dated, again)}
    assert iri["a"] != iri["b"]
    assert iri["c"] == iri["d"]
