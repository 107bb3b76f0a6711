"""Nothing lost: a second `kg build` over a graph removes a document only when its file is gone
from a folder being built. Each row builds `src/` (good_a, good_b), changes something, runs a
second command, and names the exit status, a line the command must print and the documents the
store must hold afterwards.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cases import GOOD_A, GOOD_B

from kg.store import documents, open_store

KG = [sys.executable, "-c", "from kg.cli import main; main()"]
NEW = GOOD_B.replace("Vũ Minh Khôi", "Lương Văn Tân")
META = {"title": "Tin", "published": "2024-04-12"}


@dataclass(frozen=True)
class Loss:
    kind: str
    change: Callable[[Path], None]  # what happens to the folder between the two builds
    second: tuple[str, ...]  # the second command's arguments (before --out out)
    returncode: int
    says: str  # a regular expression some line of the second command's output matches
    stored: frozenset[str]  # the documents in the store afterwards


def _nothing(root: Path) -> None:
    return None


def _half_written_sidecar(root: Path) -> None:
    (root / "src" / "good_a.meta.json").write_text('{"title": "Tin", "publ', encoding="utf-8")


def _new_article_outside(root: Path) -> None:
    (root / "new.txt").write_text(NEW, encoding="utf-8")


def _file_gone(root: Path) -> None:
    (root / "src" / "good_b.txt").unlink()


def _record_gone(root: Path) -> None:
    (root / "src" / "feed.jsonl").write_text(_record("r1", GOOD_A) + "\n", encoding="utf-8")


def _record(doc_id: str, text: str) -> str:
    return json.dumps({"id": doc_id, "text": text.replace("Sato", "Kato")}, ensure_ascii=False)


BOTH = frozenset({"good_a", "good_b", "r1", "r2"})
LOSSES = (
    Loss("empty_path_argument", _nothing, ("",), 1, r"^error: an empty path was given", BOTH),
    Loss(
        "sidecar_unreadable_for_a_moment",
        _half_written_sidecar,
        ("src",),
        2,
        r"^skipped src/good_a\.meta\.json: unreadable metadata",
        BOTH,
    ),
    Loss(
        "one_new_file_given_to_build",
        _new_article_outside,
        ("new.txt",),
        0,
        r"^documents: 1 built, 0 unchanged, 0 removed, 0 skipped$",
        BOTH | {"new"},
    ),
    Loss(
        "same_folder_twice",
        _nothing,
        ("src", "src"),
        0,
        r"^documents: 0 built, 4 unchanged, 0 removed, 0 skipped$",
        BOTH,
    ),
    Loss(
        "folder_and_a_file_in_it",
        _nothing,
        ("src", "src/good_a.txt", "./src"),
        0,
        r"^documents: 0 built, 4 unchanged, 0 removed, 0 skipped$",
        BOTH,
    ),
    Loss(
        "file_gone_from_the_folder_built",
        _file_gone,
        ("src",),
        0,
        r"^removed src/good_b\.txt: no longer in src$",
        BOTH - {"good_b"},
    ),
    Loss(
        "record_gone_from_its_json_lines_file",
        _record_gone,
        ("src",),
        0,
        r"^removed src/feed\.jsonl:2: no longer in src/feed\.jsonl$",
        BOTH - {"r2"},
    ),
)


def _kg(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [*KG, "build", *args, "--out", "out"]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600)


def _stored(out: Path) -> set[str]:
    store = open_store(out, read_only=True)
    try:
        return set(documents(store))
    finally:
        store.close()


def _manifest(out: Path) -> set[str]:
    return set(json.loads((out / "manifest.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("loss", [pytest.param(r, id=r.kind) for r in LOSSES])
def test_a_second_build_removes_only_what_is_gone_from_a_folder(loss: Loss, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good_a.txt").write_text(GOOD_A, encoding="utf-8")
    (src / "good_a.meta.json").write_text(json.dumps(META), encoding="utf-8")
    (src / "good_b.txt").write_text(GOOD_B, encoding="utf-8")
    feed = "\n".join([_record("r1", GOOD_A), _record("r2", GOOD_B)]) + "\n"
    (src / "feed.jsonl").write_text(feed, encoding="utf-8")
    first = _kg(tmp_path, "src")
    assert first.returncode == 0, first.stderr
    assert _stored(tmp_path / "out") == BOTH
    loss.change(tmp_path)
    second = _kg(tmp_path, *loss.second)
    lines = (second.stdout + second.stderr).splitlines()
    assert second.returncode == loss.returncode, lines
    assert any(re.search(loss.says, line) for line in lines), lines
    assert "Traceback" not in second.stderr
    assert _stored(tmp_path / "out") == loss.stored
    assert _manifest(tmp_path / "out") == loss.stored
    third = _kg(tmp_path, "src")  # the store and the manifest agree: nothing is extracted again
    assert re.search(r"^documents: 0 built, \d+ unchanged, 0 removed", third.stdout, re.M), third
