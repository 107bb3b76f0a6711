"""Nothing left behind: a build (its driver and its extraction workers) and `kg extract` leave the
temp folder as they found it. pyvi's models once left two 2.3 MB `model*.crfsuite` files there
per process that loaded them (`kg.crf` now removes them once their taggers are open)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

KG = [sys.executable, "-c", "from kg.cli import main; main()"]
ARTICLES = 10  # more than one batch: the build starts a pool of extraction workers


def _kg(tmp: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.run(
        [*KG, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_a_build_and_an_extraction_leave_no_file_in_the_temp_folder(tmp_path: Path) -> None:
    tmp, src = tmp_path / "tmp", tmp_path / "src"
    tmp.mkdir()
    src.mkdir()
    for n in range(ARTICLES):
        text = f"Ngày {n + 1}-5-2024, Thượng tướng Lê Văn An đã tiếp Đại tá Trần Văn Bình tại Huế."
        (src / f"bai_{n}.txt").write_text(text, encoding="utf-8")
    before = sorted(tmp.iterdir())
    build = _kg(tmp, tmp_path, "build", "src", "--out", "out", "--jobs", "2", "--no-view")
    assert build.returncode == 0, build.stderr
    extract = _kg(tmp, tmp_path, "extract", "src/bai_0.txt")
    assert extract.returncode == 0, extract.stderr
    assert sorted(tmp.iterdir()) == before == []
