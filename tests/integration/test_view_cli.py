"""`kg view`, `kg stats` and `kg path` on a built folder (a store written from the fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner
from view_graphs import MEETINGS_TRIG, write_store

from kg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(MEETINGS_TRIG, tmp_path_factory.mktemp("out"))


def test_view_writes_the_page_and_prints_its_path(built: Path) -> None:
    result = runner.invoke(app, ["view", str(built)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(built / "graph.html")
    assert (built / "graph.html").stat().st_size > 100_000


def test_view_accepts_focus_types_dates_and_output(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "binh.html"
    args = ["view", str(built), "--focus", "Lê Văn Bình", "--depth", "1", "--output", str(target)]
    args += ["--types", "PERSON,EVENT", "--from", "2023-01", "--to", "2023-12"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Hội nghị Hợp tác an ninh biển lần thứ 3" in target.read_text("utf-8")


def test_stats_prints_types_centrality_and_communities(built: Path) -> None:
    result = runner.invoke(app, ["stats", str(built)])
    assert result.exit_code == 0, result.output
    assert "13 entities, 12 relations" in result.output
    assert "pagerank:" in result.output and "communities:" in result.output


def test_stats_as_json(built: Path) -> None:
    result = runner.invoke(app, ["stats", str(built), "--json", "--top", "2"])
    summary = json.loads(result.output)
    assert summary["types"]["PERSON"] == 3 and len(summary["top_pagerank"]) == 2


def test_path_prints_each_hop_with_its_predicate(built: Path) -> None:
    result = runner.invoke(app, ["path", str(built), "henrik solberg", "bo quoc phong viet nam"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Lê Văn Bình —met→ Henrik Solberg"
    assert len(result.output.splitlines()) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "{missing}"], "no built graph here"),
        (["path", "{built}", "Không Ai", "Lê Văn Bình"], "no entity named"),
        (["view", "{built}", "--types", "NGƯỜI"], "unknown entity type"),
        (["view", "{built}", "--from", "hôm qua"], "cannot read the date"),
    ],
)
def test_user_errors_are_one_line_without_traceback(
    built: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    filled = [a.format(built=built, missing=tmp_path / "nothing") for a in args]
    result = runner.invoke(app, filled)
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
