"""Scoring extraction against gold (kg.evaluate): alignment, strict and relaxed, relations, dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.evaluate import align, evaluate, literal_overlaps, load_gold, report, token_f1
from kg.model import KgError


def _entity(eid: str, typ: str, name: str, *mentions: str, **attributes: str) -> dict[str, Any]:
    return {
        "id": eid,
        "type": typ,
        "name": name,
        "mentions": [{"text": m} for m in mentions],
        "attributes": attributes,
    }


def _relation(subject: str, predicate: str, obj: str) -> dict[str, Any]:
    return {"subject": subject, "predicate": predicate, "object": obj, "evidence": "…"}


GOLD = {
    "entities": [
        _entity("g1", "PERSON", "Phan Văn Giang"),
        _entity("g2", "ORGANIZATION", "Bộ Quốc phòng Việt Nam", "Bộ Quốc phòng"),
        _entity("g3", "EVENT", "Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng lần thứ 9"),
        _entity("g4", "DATE", "ngày 16-11", iso="2022-11-16"),
    ],
    "relations": [
        _relation("g1", "memberOf", "g2"),
        _relation("g3", "heldOn", "g4"),
        _relation("g1", "holdsPosition", "Bộ trưởng Bộ Quốc phòng"),
    ],
}


def test_strict_alignment_folds_case_and_diacritics_and_keeps_types_apart() -> None:
    pred = [
        _entity("p1", "PERSON", "phan van giang"),
        _entity("p2", "ORGANIZATION", "Bộ quốc phòng"),
        _entity("p3", "PERSON", "Bộ Quốc phòng Việt Nam"),
    ]
    assert align(pred, GOLD["entities"], "strict") == {"p1": "g1", "p2": "g2"}


def test_relaxed_alignment_takes_a_name_that_shares_most_words() -> None:
    pred = [_entity("p1", "EVENT", "Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng")]
    assert align(pred, GOLD["entities"], "strict") == {}
    assert align(pred, GOLD["entities"], "relaxed") == {"p1": "g3"}


def test_one_gold_entity_is_matched_once() -> None:
    pred = [_entity("p1", "PERSON", "Phan Văn Giang"), _entity("p2", "PERSON", "PHAN VĂN GIANG")]
    assert len(align(pred, GOLD["entities"], "strict")) == 1


def test_scores_count_hits_misses_and_extras_per_type_and_predicate() -> None:
    pred = {
        "entities": [
            _entity("p1", "PERSON", "Phan Văn Giang"),
            _entity("p2", "ORGANIZATION", "Bộ Quốc phòng"),
            _entity("p3", "LOCATION", "Campuchia"),
            _entity("p4", "DATE", "16-11", iso="2022-11-16"),
            _entity("p5", "EVENT", "Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng lần thứ 9"),
        ],
        "relations": [
            _relation("p1", "memberOf", "p2"),
            _relation("p5", "heldOn", "p4"),
            _relation("p1", "holdsPosition", "bộ trưởng"),
            _relation("p1", "nationality", "p3"),
        ],
    }
    scores, scored = evaluate([("a", pred), ("b", pred)], {"a": GOLD})
    assert scored == ["a"]
    entities = scores.total("strict", "entity")  # `16-11` is not the name `ngày 16-11`
    assert (entities.tp, entities.fp, entities.fn) == (3, 2, 1)
    assert entities.f1 == pytest.approx(2 * (3 / 5) * (3 / 4) / (3 / 5 + 3 / 4))
    relations = scores.total("strict", "relation")  # but the event was held on that date
    assert (relations.tp, relations.fp, relations.fn) == (3, 1, 0)
    assert scores.tally("strict", "relation", "nationality").precision == 0.0


def test_a_date_matches_by_its_iso_value_or_its_day_and_month() -> None:
    pred = {
        "entities": [
            _entity("p5", "EVENT", "Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng lần thứ 9"),
        ],
        "relations": [_relation("p5", "heldOn", "16/11")],
    }
    scores, _ = evaluate([("a", pred)], {"a": GOLD})
    assert scores.tally("strict", "relation", "heldOn").tp == 1


def test_literal_objects_match_by_containment_or_shared_words() -> None:
    assert literal_overlaps("bộ trưởng", "Bộ trưởng Bộ Quốc phòng")
    assert not literal_overlaps("thứ trưởng", "Tổng Tham mưu trưởng")
    assert token_f1("Lê Văn Hòa", "le van hoa") == 1.0


def test_the_report_has_a_row_per_label_and_overall(tmp_path: Path) -> None:
    scores, _ = evaluate([("a", GOLD)], {"a": GOLD})
    lines = report(scores).splitlines()
    assert lines[0].startswith("entity") and any(line.startswith("OVERALL") for line in lines)
    overall = next(line for line in lines if line.startswith("OVERALL"))
    assert overall.split()[1:4] == ["1.000", "1.000", "1.000"]


def test_gold_files_are_read_by_stem_and_a_broken_one_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    assert set(load_gold(tmp_path)) == {"a"}
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    with pytest.raises(KgError, match=r"b\.json: unreadable gold file"):
        load_gold(tmp_path)
    with pytest.raises(KgError, match="gold folder not found"):
        load_gold(tmp_path / "none")
