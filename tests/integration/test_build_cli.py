"""The command line over a built graph: one-line errors, exit codes, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from store_fixtures import build_fixture_graph
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

runner = CliRunner()


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("cli"))


def test_query_by_name_with_a_parameter_as_json(graph: Path) -> None:
    args = ["query", "--graph", str(graph), "people", "--param", "date=2023-06-01"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    names = {row["name"] for row in json.loads(result.stdout)}
    assert names == {"Lê Văn Minh", "Kowalski Jan"}


def test_query_from_a_file(graph: Path, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Assertion }", encoding="utf-8")
    result = runner.invoke(
        app, ["query", "--graph", str(graph), "--file", str(rq), "--format", "csv"]
    )
    assert result.exit_code == 0 and result.stdout.startswith("n\n")


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    """The real `kg` entry point (its one-line error handling lives in `main`)."""
    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_invalid_sparql_is_one_line_and_exit_1(graph: Path) -> None:
    result = _kg("query", "--graph", str(graph), "SELECT ?x WHERE {")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: invalid SPARQL")


def test_validate_passes_on_a_built_graph(graph: Path) -> None:
    result = runner.invoke(app, ["validate", str(graph)])
    assert result.exit_code == 0, result.output
    assert "0 violation(s)" in result.stderr


def test_validate_reports_a_broken_graph(graph: Path, tmp_path: Path) -> None:
    copy = tmp_path / "broken"
    runner.invoke(
        app, ["export", str(graph), "--format", "nquads", "--output", str(tmp_path / "g.nq")]
    )
    store = open_store(copy)
    try:
        lines = (tmp_path / "g.nq").read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if "#confidence>" not in line]
        store.load_nquads("\n".join(kept) + "\n")
    finally:
        store.close()
    result = runner.invoke(app, ["validate", str(copy)])
    assert result.exit_code == 1
    assert "confidence" in result.stdout


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_export_formats_parse_back(graph: Path, tmp_path: Path, fmt: str) -> None:
    from rdflib import Dataset

    target = tmp_path / f"graph.{fmt}"
    result = runner.invoke(app, ["export", str(graph), "--format", fmt, "--output", str(target)])
    assert result.exit_code == 0, result.output
    parsed = Dataset().parse(
        target,
        format={"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt],
    )
    assert len(parsed) > 0 or sum(len(g) for g in parsed.graphs()) > 0


def test_explain_prints_sources(graph: Path) -> None:
    result = runner.invoke(app, ["explain", "Kowalski Jan", "--graph", str(graph)])
    assert result.exit_code == 0
    assert "PERSON" in result.stdout and "march.txt" in result.stdout


def test_build_with_only_unreadable_inputs_is_fatal(tmp_path: Path) -> None:
    result = _kg("build", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"skipped {tmp_path / 'missing.txt'}: no such file or folder"
    assert lines[1].startswith("error: no readable article")


def test_build_help_documents_the_exit_codes() -> None:
    result = runner.invoke(app, ["build", "--help"])
    assert "2 some inputs were skipped" in " ".join(result.stdout.split())


def test_query_table_fits_the_terminal(graph: Path) -> None:
    result = runner.invoke(app, ["query", "--graph", str(graph), "contacts"], env={"COLUMNS": "70"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 1 and max(len(line) for line in lines) <= 70
    assert any(line.endswith("…") for line in lines)


def test_a_damaged_store_is_one_line_saying_what_to_do(graph: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "damaged"
    shutil.copytree(graph, copy)
    (copy / "store" / "CURRENT").write_text("garbage\n", encoding="utf-8")
    result = _kg("query", "--graph", str(copy), "people")
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"error: the store at {copy / 'store'} is damaged (")
    assert "build the articles into a new folder" in result.stderr


def test_version_is_printed() -> None:
    from importlib.metadata import version

    result = _kg("--version")
    assert result.returncode == 0 and result.stdout == f"kg {version('kg')}\n"


@pytest.mark.parametrize(
    "args",
    [
        ["build", "nothing.txt", "--jobs", "-3"],
        ["stats", ".", "--top", "0"],
        ["serve", ".", "--port", "70000"],
        ["build", "nothing.txt", "--jobs", "tư"],
    ],
)
def test_a_numeric_option_out_of_range_is_one_line_and_exit_1(args: list[str]) -> None:
    result = _kg(*args)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: Invalid value")
    assert "--help)" in result.stderr


def test_an_output_path_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Đại tá Lê Văn An tiếp đoàn Bộ Quốc phòng Lào.", "utf-8")
    (tmp_path / "out").write_text("", encoding="utf-8")
    result = _kg("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: the output {tmp_path / 'out'} is a file, not a folder: name a folder for the graph\n"
    )


def test_help_texts_name_no_issue_numbers() -> None:
    import re

    from kg_dev.commands import bench, synth

    commands = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    if "bench" not in commands:  # the developer tools' commands, as the entry point adds them
        app.command()(bench)
        app.command()(synth)
        commands += ["bench", "synth"]
    for name in ["", *commands]:
        result = runner.invoke(app, [*([name] if name else []), "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, name
        assert not re.search(r"#\d+|\bissues?\b", result.stdout, re.IGNORECASE), name


def test_an_export_to_a_folder_or_an_unwritable_place_is_one_line(
    graph: Path, tmp_path: Path
) -> None:
    for command in ("export", "view"):
        result = _kg(command, str(graph), "--output", str(tmp_path))
        assert result.returncode == 1, command
        assert result.stderr == f"error: the output {tmp_path} is a folder: name a file to write\n"
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = _kg("export", str(graph), "--output", str(tmp_path / "file" / "g.trig"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"error: cannot write {tmp_path / 'file' / 'g.trig'} (")
