"""Nothing lost, nothing let in: every kind of bad input in `cases.py` goes through `kg build` with
good articles beside it. Each is reported on one line naming it and the reason (or read without a
word when it is a valid article), the good articles of the same batch are built, the exit code is
the documented one, and no traceback is printed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
from cases import (
    CASES,
    GOOD_A,
    GOOD_B,
    LARGE,
    REFERENCE,
    SCRIPT_TAGS,
    ZERO_WIDTH,
    Case,
    unavailable,
    without_root_override,
)

from kg.ingest import Skipped, read_documents

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2
LINE = re.compile(r"^(skipped|note) (src/.+?): (.+)$")
GOOD_IDS = {"good_a", "good_b"}


@dataclass
class Run:
    """One `kg build src --out out` over a folder of cases and two good articles."""

    returncode: int
    stdout: str
    stderr: str
    names: dict[str, list[str]]  # case kind → the names it must be reported as
    out: Path

    @property
    def reports(self) -> list[tuple[str, str, str]]:
        found = [LINE.match(line) for line in self.stderr.splitlines()]
        return [(m[1], m[2], m[3]) for m in found if m]

    @property
    def built(self) -> set[str]:
        manifest = self.out / "manifest.json"
        return set(json.loads(manifest.read_text("utf-8"))) if manifest.is_file() else set()


def _kg_build(folder: Path, cases: list[Case]) -> Run:
    src = folder / "src"
    src.mkdir(parents=True)
    (src / "good_a.txt").write_text(GOOD_A, encoding="utf-8")
    (src / "good_b.txt").write_text(GOOD_B, encoding="utf-8")
    names = {case.kind: case.write(src) for case in cases}
    given = [f"src/{name}" for case in cases if case.argument for name in names[case.kind]]
    command = [sys.executable, "-c", "from kg.cli import main; main()", "build", "src", *given]
    command += ["--out", "out"]
    if any(case.needs == "unreadable" for case in cases):
        command = without_root_override(command)
    run = subprocess.run(
        command,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Run(run.returncode, run.stdout, run.stderr, names, folder / "out")


def _of(outcome: str) -> list[Case]:
    return [c for c in CASES if c.outcome == outcome and not unavailable(c)]


def _params(outcome: str) -> list[object]:
    """The cases of one outcome as test parameters; one this machine cannot show is skipped."""
    params = []
    for case in CASES:
        if case.outcome == outcome:
            why = unavailable(case)
            marks = [pytest.mark.skip(reason=why)] if why else []
            params.append(pytest.param(case, id=case.kind, marks=marks))
    return params


@pytest.fixture(scope="module")
def skipping(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every unreadable kind at once, with two good articles."""
    return _kg_build(tmp_path_factory.mktemp("skipping"), _of("skipped"))


@pytest.fixture(scope="module")
def reading(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every odd-but-readable kind at once (notes and silent ones), with two good articles."""
    return _kg_build(tmp_path_factory.mktemp("reading"), _of("note") + _of("built"))


def _lines_for(run: Run, case: Case) -> list[list[tuple[str, str, str]]]:
    return [[r for r in run.reports if r[1] == f"src/{name}"] for name in run.names[case.kind]]


def test_kinds_of_bad_input_number_at_least_25() -> None:
    assert len({c.kind for c in CASES}) == len(CASES) >= 25


@pytest.mark.parametrize("case", _params("skipped"))
def test_unreadable_input_is_named_with_its_reason_and_the_batch_is_built(
    case: Case, skipping: Run
) -> None:
    for lines in _lines_for(skipping, case):
        assert len(lines) == 1, skipping.stderr
        status, _name, reason = lines[0]
        assert status == "skipped" and re.search(case.reason, reason), lines[0]
    assert skipping.returncode == EXIT_PARTIAL
    assert GOOD_IDS | set(case.doc_ids) <= skipping.built
    assert "Traceback" not in skipping.stderr


@pytest.mark.parametrize("case", _params("note"))
def test_input_read_in_another_way_is_built_with_a_note(case: Case, reading: Run) -> None:
    (lines,) = _lines_for(reading, case)
    assert len(lines) == 1, reading.stderr
    status, _name, reason = lines[0]
    assert status == "note" and re.search(case.reason, reason), lines[0]
    assert GOOD_IDS | set(case.doc_ids) <= reading.built
    assert reading.returncode == EXIT_OK
    assert "Traceback" not in reading.stderr


@pytest.mark.parametrize("case", _params("built"))
def test_odd_but_valid_article_is_built_without_a_word(case: Case, reading: Run) -> None:
    assert not [
        r for r in reading.reports if r[1] in {f"src/{n}" for n in reading.names[case.kind]}
    ]
    assert GOOD_IDS | set(case.doc_ids) <= reading.built
    assert reading.returncode == EXIT_OK


def test_stderr_holds_only_the_report_lines(skipping: Run, reading: Run) -> None:
    for run in (skipping, reading):
        assert [line for line in run.stderr.splitlines() if not LINE.match(line)] == []
    assert skipping.stdout.startswith(f"documents: {len(skipping.built)} built, 0 unchanged")


def test_markup_in_an_article_stays_text_in_the_view(reading: Run) -> None:
    page = (reading.out / "graph.html").read_text("utf-8")
    # the sentence is in a tooltip: HTML-escaped, then `&` escaped again inside the JSON block
    assert "\\u0026lt;script\\u0026gt;alert" in page
    assert SCRIPT_TAGS not in page and "<img src=x" not in page and "<script>alert" not in page


def test_only_bad_inputs_is_exit_1_with_one_line_each(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    run = subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "build", "src", "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == EXIT_ERROR
    assert run.stderr.splitlines() == [
        "skipped src/empty.txt: empty file",
        "skipped src/image.txt: binary file (contains NUL bytes; UTF-16 needs a byte-order mark)",
        "error: no readable article among the inputs; nothing was built or removed",
    ]


def test_an_oversized_file_is_refused_without_being_read(tmp_path: Path) -> None:
    (tmp_path / "large.txt").write_bytes(b"a" * LARGE)
    tracemalloc.start()
    try:
        (skipped,) = list(read_documents([tmp_path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(skipped, Skipped) and skipped.reason.startswith("too large")
    assert peak < LARGE // 20


def _facts(text: str) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    from kg.extract import extract_document
    from kg.model import Document

    ex = extract_document(Document("t", "t.txt", text))
    names = {e.id: e.name for e in ex.entities}
    entities = {(e.type.value, e.name, e.iri) for e in ex.entities}
    relations = {
        (names[r.subject], r.predicate, names.get(r.object, r.object)) for r in ex.relations
    }
    for e in ex.entities:
        assert all(text[m.start : m.end] == m.text for m in e.mentions)
    return entities, relations


@pytest.mark.parametrize(
    "spelling",
    [pytest.param("nfd", id="decomposed_nfd"), pytest.param("zero_width", id="zero_width")],
)
def test_decomposed_or_zero_width_spelling_gives_the_same_entities(spelling: str) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", REFERENCE) if spelling == "nfd" else ZERO_WIDTH
    reference = _facts(REFERENCE)
    assert {name for _, name, _ in reference[0]} >= {"Lê Văn Hòa", "Tanaka Ken", "Hà Nội"}
    assert _facts(text) == reference


def test_every_kind_is_documented() -> None:
    documented = (Path(__file__).parents[3] / "docs" / "BAD_INPUT.md").read_text("utf-8")
    assert [c.kind for c in CASES if f"`{c.kind}`" not in documented] == []
