"""The README's commands, run as a new user would in a clean clone: every `kg …` of its code blocks
and of its prose (the command tables are synopses with placeholders), the shown outputs compared
line for line, and the Python API block executed. The few that need a server, a remote store or
ten thousand articles are named below with the reason, so a new command cannot slip by unrun."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
KG = Path(sys.executable).parent / "kg"
NOT_RUN = {
    "kg serve out --port 7878": "serves until stopped (tests/integration/test_serve*.py)",
    "kg query --graph http://127.0.0.1:7878/query people": "needs that server",
    "kg build data/raw --store http://host:7878": "needs a remote SPARQL store (test_store_remote)",
    "kg synth --articles 10000 --seed 0 --out corpus": "ten thousand articles (make bench)",
}
FIRST = "kg build data/raw --out out"  # what `make run` does, before anything reads out/


@dataclass(frozen=True)
class Example:
    """A command of the README and the output it shows (None when it shows none)."""

    command: str
    shown: list[str] | None


def _fenced_blocks(text: str) -> Iterator[tuple[str, list[str]]]:
    lines = iter(text.splitlines())
    for line in lines:
        if line.startswith("```"):
            language = line[3:].strip()
            body: list[str] = []
            for inner in lines:
                if inner.startswith("```"):
                    break
                body.append(inner)
            yield language, body


def _prompted(body: list[str]) -> Iterator[Example]:
    """`$ kg …` (continued while a quote is open), then its output up to the next prompt."""
    i = 0
    while i < len(body):
        if not body[i].startswith("$ kg "):
            i += 1
            continue
        command = body[i][2:]
        while command.count("'") % 2:
            i += 1
            command += "\n" + body[i]
        i += 1
        output: list[str] = []
        while i < len(body) and not body[i].startswith("$ "):
            output.append(body[i])
            i += 1
        yield Example(command, output)


def examples(text: str) -> list[Example]:
    found: list[Example] = []
    for language, body in _fenced_blocks(text):
        if language == "python":
            continue
        found += _prompted(body)
        found += [
            Example(line.split("#")[0].strip(), None) for line in body if line.startswith("kg ")
        ]
    fenced = re.sub(r"```.*?```", "", text, flags=re.S)
    for line in fenced.splitlines():
        if not line.lstrip().startswith("|"):
            found += [
                Example(span, None)
                for span in re.findall(r"`(kg [^`]+)`", line)
                if len(span.split()) >= 3
            ]
    return found


def python_block(text: str) -> str:
    return next("\n".join(body) for language, body in _fenced_blocks(text) if language == "python")


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a clone holds that the commands read (the articles, the gold), and no out/."""
    root = tmp_path_factory.mktemp("clone")
    for part in ("data/raw", "tests/corpus/samples", "tests/corpus/dev"):
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        (root / part).symlink_to(ROOT / part, target_is_directory=True)
    return root


def kg(clone: Path, command: str) -> subprocess.CompletedProcess[str]:
    args = [str(KG), *shlex.split(command)[1:]]
    env = {**os.environ, "COLUMNS": "100"}  # the tables shown are a 100-column terminal's
    done = subprocess.run(args, cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


def test_the_readme_names_only_commands_that_run_or_say_why_not() -> None:
    commands = {e.command for e in examples(README.read_text("utf-8"))}
    assert set(NOT_RUN) <= commands
    assert "kg eval tests/corpus/samples/gold data/raw" in commands


def test_every_readme_command_runs_in_a_clean_clone(clone: Path) -> None:
    kg(clone, FIRST)
    ran = []
    for example in examples(README.read_text("utf-8")):
        if example.command in NOT_RUN:
            continue
        done = kg(clone, example.command)
        ran.append(example.command)
        if example.shown is not None:
            assert [line.rstrip() for line in done.stdout.rstrip("\n").splitlines()] == [
                line.rstrip() for line in example.shown
            ], example.command
    assert len(ran) >= 8


def test_the_python_api_block_runs(clone: Path, tmp_path: Path) -> None:
    script = tmp_path / "readme_api.py"
    script.write_text(python_block(README.read_text("utf-8")), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], cwd=clone, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert (clone / "people.html").stat().st_size > 0
