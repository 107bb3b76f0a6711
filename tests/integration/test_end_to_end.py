"""The sample corpus built end to end: facts of the graph, the view, and the CLI's exit codes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kg

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("e2e") / "out"
    report = kg.build([RAW], out)
    assert len(report.built) == 2 and not report.skipped
    return out


def _people(out: Path) -> dict[str, list[tuple[str, str]]]:
    rows = kg.query(out, "people")
    found: dict[str, list[tuple[str, str]]] = {}
    for row in rows.itertuples():
        if isinstance(row.rank, str):
            found.setdefault(row.name, []).append(
                (row.rank, "" if pd.isna(row.statedOn) else row.statedOn)
            )
    return found


def test_person_is_named_without_title_and_keeps_both_dated_ranks(built: Path) -> None:
    people = _people(built)
    assert "Thượng tướng Phùng Sĩ Tấn" not in people
    ranks = dict(people["Phùng Sĩ Tấn"])
    assert set(ranks) == {"Thượng tướng", "Trung tướng"}
    assert str(ranks["Trung tướng"]).startswith("2022-06")


def test_one_node_per_real_world_entity_across_both_articles(built: Path) -> None:
    """Each article labels an entity as it writes it (`Liên Hiệp Quốc`, `Liên hợp quốc`); the node is
    one, in both articles' graphs."""
    rows = kg.query(
        built,
        """PREFIX kg: <https://w3id.org/kg-vn/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?e (COUNT(DISTINCT ?g) AS ?articles) (GROUP_CONCAT(DISTINCT ?label; separator="|") AS ?labels)
        WHERE {
          GRAPH ?g { ?e rdfs:label ?label ; kg:entityType ?t . }
          FILTER(?t IN ("PERSON", "ORGANIZATION"))
        } GROUP BY ?e""",
    )
    nodes = [
        (set(str(labels).split("|")), int(n))
        for labels, n in zip(rows["labels"], rows["articles"], strict=True)
    ]

    def named(*spellings: str) -> list[int]:
        folded = {s.casefold() for s in spellings}
        return [n for labels, n in nodes if folded & {x.casefold() for x in labels}]

    assert named("Liên hợp quốc", "Liên Hiệp Quốc") == [2]
    assert named("Bộ Quốc phòng Việt Nam") == [2]
    assert named("Phùng Sĩ Tấn") == [2]
    assert sum(any("nhóm chuyên gia" in x.lower() for x in labels) for labels, _ in nodes) == 1


def test_every_relation_leads_to_its_sentence(built: Path) -> None:
    rows = kg.query(built, "evidence", {"subject": "Phùng Sĩ Tấn", "predicate": "received"})
    (sentence,) = set(rows["evidence"])
    text = (RAW / "000_eee691ba2fce41dd.txt").read_text(encoding="utf-8")
    start, end = int(rows["start"].iloc[0]), int(rows["end"].iloc[0])
    assert text[start:end] == sentence and "đã tiếp bà Matsuzawa Tomoko" in sentence


def test_view_loads_nothing_from_the_network(built: Path) -> None:
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)\\s*=\\s*["']?(https?:)?//""", page)


def test_cli_reports_skipped_files_and_exits_2(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(
        "Đại tướng Lê Văn Hòa tiếp Đại sứ Lào Khamphao Ernthavanh.", encoding="utf-8"
    )
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (src / "latin.txt").write_bytes(
        "Hội nghị quốc phòng".encode("cp1258", errors="replace") + b"\xff\xfe"
    )
    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    skipped = [line for line in run.stderr.splitlines() if line.startswith("skipped ")]
    assert sorted(Path(line.split(":")[0].split()[1]).name for line in skipped) == [
        "empty.txt",
        "image.txt",
        "latin.txt",
    ]
    assert "Traceback" not in run.stderr
    assert (tmp_path / "out" / "graph.html").is_file()


def test_extract_prints_the_contract(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "extract",
            str(RAW / "002_ec9689aacc76d368.txt"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    record = json.loads(run.stdout.splitlines()[0])
    assert set(record) >= {"doc_id", "source", "entities", "relations"}
    entity = record["entities"][0]
    assert set(entity) >= {"id", "type", "name", "mentions", "attributes", "iri"}
    assert set(entity["mentions"][0]) == {"text", "start", "end"}
    relation = record["relations"][0]
    assert set(relation) >= {"subject", "predicate", "object", "evidence", "confidence"}
