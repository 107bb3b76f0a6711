"""Named and ad-hoc SPARQL queries over a built graph, with bound parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from store_fixtures import build_fixture_graph

from kg.model import KgError
from kg.query import explain, named_queries, query, render


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("query"))


def _ranks(frame: pd.DataFrame, name: str) -> set[str]:
    return set(frame[(frame["name"] == name)]["rank"].dropna())


def test_named_queries_are_those_documented() -> None:
    expected = {"people", "person", "meetings", "contacts", "agreements", "entity", "evidence"}
    assert set(named_queries()) == expected


def test_people_lists_every_rank_with_the_date_it_was_stated(graph: Path) -> None:
    frame = query(graph, "people")
    assert _ranks(frame, "Lê Văn Minh") == {"Trung tướng", "Thượng tướng"}
    assert "date" not in frame.columns


def test_people_at_a_date_gives_the_rank_then(graph: Path) -> None:
    assert _ranks(query(graph, "people", {"date": "2023-06-01"}), "Lê Văn Minh") == {"Trung tướng"}
    later = query(graph, "people", {"date": "2023-12-31"})
    assert _ranks(later, "Lê Văn Minh") == {"Thượng tướng"}
    posts = set(later[later["name"] == "Lê Văn Minh"]["position"].dropna())
    assert posts == {"Thứ trưởng Bộ Quốc phòng"}


def test_people_before_any_article_knows_no_rank(graph: Path) -> None:
    assert _ranks(query(graph, "people", {"date": "2020-01-01"}), "Lê Văn Minh") == set()


def test_meetings_give_place_and_organiser(graph: Path) -> None:
    frame = query(graph, "meetings")
    row = frame[frame["name"] == "Hội nghị quân y khu vực lần thứ 3"].iloc[0]
    assert row["place"] == "Đà Nẵng"
    assert row["organizer"] == "Bộ Quốc phòng Việt Nam"
    assert row["kind"] == "Conference"


def test_contacts_carry_their_evidence(graph: Path) -> None:
    frame = query(graph, "contacts")
    received = frame[frame["relation"] == "received"].iloc[0]
    assert (received["subject"], received["object"]) == ("Lê Văn Minh", "Kowalski Jan")
    assert "đã tiếp" in received["evidence"]


def test_agreements_give_the_signing_date(graph: Path) -> None:
    frame = query(graph, "agreements")
    assert list(frame["signedOn"]) == ["2023-03-14"]


def test_entity_finds_any_spelling_and_names_its_sources(graph: Path) -> None:
    frame = query(graph, "entity", {"name": "bộ quốc phòng"})
    assert set(frame["type"]) == {"ORGANIZATION"}
    assert {Path(s).name for s in frame["source"]} == {"march.txt"}


def test_evidence_of_an_edge(graph: Path) -> None:
    params = {"subject": "Lê Văn Minh", "predicate": "hasRank", "object": "thượng tướng"}
    frame = query(graph, "evidence", params)
    assert len(frame) >= 1
    assert all("Thượng tướng Lê Văn Minh" in text for text in frame["evidence"])
    assert set(frame["relation"]) == {"hasRank"}


def test_an_injection_string_is_only_a_literal(graph: Path) -> None:
    attack = 'x")) } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER(("'
    assert query(graph, "entity", {"name": attack}).empty
    assert len(query(graph, "people")) > 0  # nothing was dropped


def test_a_missing_required_parameter_is_a_clear_error(graph: Path) -> None:
    with pytest.raises(KgError, match="needs --param name"):
        query(graph, "entity")


def test_an_unknown_query_name_lists_the_named_queries(graph: Path) -> None:
    with pytest.raises(KgError, match="named queries: agreements"):
        query(graph, "peoples")


def test_ad_hoc_sparql_uses_our_prefixes_and_the_union_of_graphs(graph: Path) -> None:
    frame = query(graph, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kg:Person }")
    assert frame["n"].tolist() == [2]


def test_results_render_as_csv_and_json(graph: Path) -> None:
    frame = query(graph, "agreements")
    assert render(frame, "csv").splitlines()[0].startswith("name,signedOn")
    assert json.loads(render(frame, "json"))[0]["name"] == "Bản ghi nhớ về hợp tác quân y"


def test_explain_gives_type_spellings_merge_reasons_and_sentences(graph: Path) -> None:
    (item,) = explain(graph, "Bộ Quốc phòng")
    assert item.type == "ORGANIZATION"
    assert "GovernmentAgency" in item.classes
    assert item.merge_reasons
    assert any("do Bộ Quốc phòng tổ chức" in text for _, _, text in item.mentions)


def test_one_persons_rank_at_a_date_by_any_spelling(graph: Path) -> None:
    frame = query(graph, "person", {"name": "LÊ VĂN MINH", "date": "2023-12-31"})
    assert set(frame["rank"].dropna()) == {"Thượng tướng"}
    assert {Path(s).name for s in frame["source"]} == {"march.txt", "october.txt"}


def test_explain_names_the_document_of_a_mention_in_no_sentence(tmp_path: Path) -> None:
    from kg.build import build
    from kg.model import DocExtraction, Document, Entity, EntityType

    article = tmp_path / "src" / "tin.txt"
    article.parent.mkdir()
    article.write_text("Bộ Ngoại giao ra thông cáo.", encoding="utf-8")

    def extractor(doc: Document) -> DocExtraction:  # an entity the article names nowhere exactly
        return DocExtraction(doc, [Entity("e1", EntityType.ORGANIZATION, "Bộ Ngoại giao", [])], [])

    build([article.parent], tmp_path / "out", jobs=1, extractor=extractor, progress=False)
    (item,) = explain(tmp_path / "out", "Bộ Ngoại giao")
    assert [(Path(source).name, start) for source, start, _ in item.mentions] == [("tin.txt", -1)]
