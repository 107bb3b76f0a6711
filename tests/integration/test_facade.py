"""The facade `kg`: its verbs do not hide the modules of the same name."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from store_fixtures import fixture_extractor, write_articles

import kg
from kg.build import BuildReport
from kg.model import DocExtraction


@pytest.mark.parametrize("name", ["build", "extract", "query", "render"])
def test_a_verb_is_its_module(name: str) -> None:
    module = getattr(kg, name)
    assert inspect.ismodule(module) and module.__name__ == f"kg.{name}"
    assert callable(module)


def test_the_modules_functions_are_reached_as_the_docs_say() -> None:
    """docs/BUILD.md: `kg.build.build(paths, out)`, `kg.query.query(...)`, `kg.query.explain`."""
    from kg.build import build

    assert kg.build.build is build and inspect.isfunction(build)
    assert inspect.isfunction(kg.query.query) and inspect.isfunction(kg.query.explain)
    assert inspect.isfunction(kg.render.render)
    assert inspect.isfunction(kg.extract.extract_document)


def test_the_module_path_works_in_a_fresh_interpreter(tmp_path: Path) -> None:
    """`import kg.build` first, then the verb and the module's function, as a user would."""
    script = "import kg.build, kg; print(callable(kg.build), kg.build.build.__module__)"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "kg.build"]


def test_building_through_the_verb_is_quiet_and_through_the_module_says_what_it_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_articles(tmp_path / "src", ("march",))
    (src / "empty.txt").write_text("", encoding="utf-8")
    report = kg.build([src], tmp_path / "a", extractor=fixture_extractor, jobs=1, view=False)
    assert isinstance(report, BuildReport) and report.built == ["march"]
    assert capsys.readouterr().err == ""
    kg.build.build([src], tmp_path / "b", extractor=fixture_extractor, jobs=1, view=False)
    assert f"skipped {src / 'empty.txt'}: empty file" in capsys.readouterr().err


def test_extracting_through_the_verb_gives_records_and_skips(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Đại tá Lê Văn Hòa tiếp Đại sứ Lào.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    items = list(kg.extract([tmp_path]))
    assert isinstance(items[0], DocExtraction) and isinstance(items[1], kg.Skipped)
