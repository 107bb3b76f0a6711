"""A whole article written for the tests (not from the samples): what a reader would take from it."""

from __future__ import annotations

import gc
from pathlib import Path

from kg.extract import extract_document
from kg.ingest import read_documents
from kg.model import DocExtraction

ARTICLE = Path(__file__).parent / "articles" / "vn_au_mou.txt"


def _read() -> DocExtraction:
    (doc,) = list(read_documents([ARTICLE]))
    return extract_document(doc)  # type: ignore[arg-type]


def _facts(ex: DocExtraction) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in ex.entities}
    return {(names[r.subject], r.predicate, names.get(r.object, r.object)) for r in ex.relations}


def test_people_organisations_and_events_of_the_article() -> None:
    ex = _read()
    by_type = {(e.type.value, e.name) for e in ex.entities}
    assert {
        ("PERSON", "Lê Quang Trung"),
        ("PERSON", "Michael Carter"),
        ("PERSON", "Nguyễn Tân Cương"),
        ("PERSON", "Andrew Hughes"),
        ("ORGANIZATION", "Bộ Quốc phòng Ô-xtrây-li-a"),
        ("ORGANIZATION", "Phái bộ Liên hợp quốc tại Nam Sudan"),
        ("ORGANIZATION", "Bệnh viện dã chiến cấp 2 số 6"),
        ("EVENT", "Đối thoại Chính sách Quốc phòng Việt Nam – Ô-xtrây-li-a lần thứ 8"),
        ("EVENT", "Hội thảo quốc tế về gìn giữ hòa bình"),
    } <= by_type
    assert not any(
        name == "Bộ Chính trị" or name.startswith("Bộ Chính trị ") for _, name in by_type
    )
    assert len([e for e in ex.entities if e.type.value == "AGREEMENT"]) == 1


def test_relations_of_the_article() -> None:
    facts = _facts(_read())
    assert {
        ("Lê Quang Trung", "met", "Michael Carter"),
        ("Nguyễn Tân Cương", "received", "Andrew Hughes"),
        ("Andrew Hughes", "memberOf", "Lực lượng Phòng vệ Ô-xtrây-li-a"),
        (
            "Đối thoại Chính sách Quốc phòng Việt Nam – Ô-xtrây-li-a lần thứ 8",
            "heldIn",
            "Canberra",
        ),
        (
            "Đối thoại Chính sách Quốc phòng Việt Nam – Ô-xtrây-li-a lần thứ 8",
            "heldOn",
            "tháng 10/2024",
        ),
        ("Hội thảo quốc tế về gìn giữ hòa bình", "heldOn", "tháng 6-2024"),
        (
            "ASEAN",
            "participatedIn",
            "Hội thảo quốc tế về gìn giữ hòa bình",
        ),
    } <= facts


def test_byline_is_not_an_entity() -> None:
    assert not [e for e in _read().entities if "TTXVN" in e.name]


def test_an_extracted_article_leaves_no_cyclic_garbage() -> None:
    """Refcounting frees an article's tokens and finds when it is done: a reference cycle among
    them would leave thousands of objects per article for the garbage collector to walk."""
    _read()
    gc.collect()
    gc.disable()
    try:
        _read()
        assert gc.collect() == 0
    finally:
        gc.enable()
