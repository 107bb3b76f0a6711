"""Names folded everywhere a name is taken, with a tie-break that says what it chose; query
results typed, with one missing-value convention and dates as ISO text with their precision."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pytest
from store_fixtures import build_fixture_graph
from typer.testing import CliRunner
from view_graphs import PREFIXES, write_store

import kg
from kg.cli import app
from kg.query import query, render

runner = CliRunner()
BINH = "https://w3id.org/kg-vn/id/person/le-van-binh-a"
BINH_ACUTE = "https://w3id.org/kg-vn/id/person/le-van-binh-b"

# Two people whose names differ only by a tone mark: Lê Văn Bình, named in two articles, and
# Lê Văn Bính, named in one.
TWO_NAMESAKES = (
    PREFIXES
    + """
kgr:graph/a { kgr:person/le-van-binh-a a kg:Person ; kg:entityType "PERSON" ;
      rdfs:label "Lê Văn Bình"@vi ; kg:nameKey "lê văn bình" , "le van binh" .
  kgr:doc/a a kg:Document ; kg:sourcePath "a.txt" . }
kgr:graph/b { kgr:person/le-van-binh-a a kg:Person ; kg:entityType "PERSON" ;
      rdfs:label "Lê Văn Bình"@vi ; kg:nameKey "lê văn bình" , "le van binh" .
  kgr:doc/b a kg:Document ; kg:sourcePath "b.txt" . }
kgr:graph/c { kgr:person/le-van-binh-b a kg:Person ; kg:entityType "PERSON" ;
      rdfs:label "Lê Văn Bính"@vi ; kg:nameKey "lê văn bính" , "le van binh" .
  kgr:doc/c a kg:Document ; kg:sourcePath "c.txt" . }
"""
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("names"))


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(TWO_NAMESAKES, tmp_path_factory.mktemp("namesakes"))


@pytest.mark.parametrize("name", ["le van minh", "LÊ VĂN MINH", "Le Van Minh"])
def test_explain_folds_case_and_diacritics(graph: Path, name: str) -> None:
    assert [item.labels for item in kg.explain(graph, name)] == [["Lê Văn Minh"]]


def test_named_queries_fold_names(graph: Path) -> None:
    person = query(graph, "person", {"name": "le van minh"})
    assert set(person["rank"].dropna()) == {"Trung tướng", "Thượng tướng"}
    evidence = query(graph, "evidence", {"subject": "le van minh", "predicate": "received"})
    assert list(evidence["objectValue"]) == ["Kowalski Jan"]
    assert person.attrs["chosen"]["name"].startswith("https://w3id.org/kg-vn/id/person/")


def test_the_cli_folds_names_in_explain_and_queries(graph: Path) -> None:
    explained = runner.invoke(app, ["explain", "le van minh", "--graph", str(graph)])
    assert explained.exit_code == 0 and "Lê Văn Minh" in explained.output
    run = ["query", "--graph", str(graph), "person", "--param", "name=le van minh"]
    assert "Thượng tướng" in runner.invoke(app, run).output


def test_the_entity_named_in_most_documents_wins_a_folded_tie(
    namesakes: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kg"):
        found = kg.explain(namesakes, "le van binh")
    assert [item.iri for item in found] == [BINH]
    assert "chose Lê Văn Bình (PERSON, 2 documents) over Lê Văn Bính (PERSON, 1 document)" in (
        caplog.text
    )


def test_a_name_typed_with_its_diacritics_wins_over_a_busier_namesake(namesakes: Path) -> None:
    assert [item.iri for item in kg.explain(namesakes, "Lê Văn Bính")] == [BINH_ACUTE]


def test_path_and_the_networkx_search_take_the_same_entity(namesakes: Path) -> None:
    graph = kg.to_networkx(namesakes)
    assert kg.analyze.find_entity(graph, "le van binh") == BINH
    assert kg.analyze.find_entity(graph, "lê văn bính") == BINH_ACUTE


def test_the_cli_says_which_entity_it_chose(namesakes: Path) -> None:
    result = CliRunner().invoke(app, ["explain", "le van binh", "--graph", str(namesakes)])
    assert result.exit_code == 0
    assert "Lê Văn Bính" not in result.stdout and "Lê Văn Bình" in result.stdout


def test_columns_are_typed_and_missing_values_are_na(graph: Path) -> None:
    people = query(graph, "people")
    assert {str(people[c].dtype) for c in people.columns} == {"string"}
    assert people["position"].isna().any()
    assert not (people.astype(object) == "").any().any()  # no empty strings for missing values
    assert all(v is pd.NA for v in people["position"] if not isinstance(v, str))
    ranked = query(graph, "SELECT (COUNT(*) AS ?n) (1.5 AS ?x) WHERE { ?s ?p ?o }")
    assert str(ranked["n"].dtype) == "Int64" and str(ranked["x"].dtype) == "Float64"


def test_dates_are_iso_text_with_their_precision(graph: Path) -> None:
    people = query(graph, "people")
    stated = people["statedOn"].dropna()
    assert set(stated) <= {"2023-03-14", "2023-10-02"}
    assert set(people["statedOn_precision"].dropna()) == {"day"}
    agreements = query(graph, "agreements")
    assert list(agreements["signedOn"]) == ["2023-03-14"]
    meetings = query(graph, "meetings")
    assert meetings["date"].isna().all() and str(meetings["date"].dtype) == "string"


def test_a_date_without_a_year_is_missing_and_ranges_say_so() -> None:
    import pyoxigraph as ox

    from kg.results import frame
    from kg.store import Table

    rows = [[ox.Literal(v)] for v in ("11-10", "2022-06-06/2022-06-10", "2022-12", "2022")]
    table = frame(Table(["date"], rows))
    assert table["date"].tolist() == [pd.NA, "2022-06-06/2022-06-10", "2022-12", "2022"]
    assert table["date_precision"].tolist() == [pd.NA, "range", "month", "year"]


def test_json_output_keeps_slashes_and_letters_and_writes_null(graph: Path) -> None:
    text = render(query(graph, "contacts"), "json")
    assert "\\/" not in text and "\\u" not in text
    records = json.loads(text)
    assert records[0]["source"].endswith("march.txt") or "/" in records[0]["source"]
    people = json.loads(render(query(graph, "people"), "json"))
    assert any(r["position"] is None for r in people)
