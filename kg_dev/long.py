"""`kg bench --long`: one long document of each size built on its own, with the wall time and peak
memory of the build (a fresh interpreter each, so its memory is its own), and whether it was built
or refused (`kg.ingest.MAX_CHARS`)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SENTENCE = (
    "Ngày 12-4-2024, tại Hà Nội, Thượng tướng Đinh Quang Lợi, Thứ trưởng Bộ Quốc phòng, đã tiếp "
    "Đại sứ Nhật Bản Sato Haruki. "
)


@dataclass(frozen=True)
class LongRun:
    megabytes: float
    seconds: float
    peak_mb: float
    outcome: str  # the build's documents line, or the line that refused the document

    def line(self) -> str:
        return (
            f"{self.megabytes:g} MB document: {self.seconds:.1f} s, peak memory "
            f"{self.peak_mb:,.0f} MB — {self.outcome}"
        )


def write_long(path: Path, megabytes: float) -> None:
    """`megabytes` MB (MiB) of UTF-8 text: one sentence, repeated, cut at a character."""
    size = int(megabytes * 2**20)
    unit = SENTENCE.encode("utf-8")
    data = (unit * (size // len(unit) + 1))[:size]
    path.write_bytes(data.decode("utf-8", "ignore").encode("utf-8"))


def build_long(megabytes: float, work: Path) -> LongRun:
    """`kg build` of one document of that size, timed, with the peak resident memory of the
    process (`wait4`: a build of one document extracts it in the process itself)."""
    article = work / f"long_{megabytes:g}mb.txt"
    write_long(article, megabytes)
    command = [sys.executable, "-c", "from kg.cli import main; main()", "build", str(article)]
    command += ["--out", str(work / f"out_{megabytes:g}"), "--no-view", "--no-export"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    lines = output.splitlines()
    said = [x for x in lines if x.startswith(("documents:", "skipped", "error:"))]
    article.unlink()
    return LongRun(megabytes, seconds, usage.ru_maxrss / 1024, said[0] if said else output[-200:])


def bench_long(sizes: list[float]) -> list[str]:
    """One line per size."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-long-") as work:
        return [build_long(mb, Path(work)).line() for mb in sizes]
