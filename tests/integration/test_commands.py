"""`kg eval` on an article of our own, and the developer tools' `kg synth` and `kg bench`, which
reach the command line through the `kg.commands` entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

KG = [sys.executable, "-c", "from kg.cli import main; main()"]
ARTICLE = "Sáng 5-3, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng, tiếp Đại sứ Lào."


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=cwd, check=False)


def _corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    entities = [{"id": "g1", "type": "PERSON", "name": "Phan Văn Giang", "mentions": []}]
    record = {"entities": entities, "relations": []}
    (gold / "a.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def test_eval_scores_an_article_against_its_gold(tmp_path: Path) -> None:
    _corpus(tmp_path)
    run = _kg("eval", "gold", "a.txt", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[1].split()[:2] == ["all", "1"]  # one document scored
    person = next(line for line in run.stdout.splitlines() if line.startswith("PERSON"))
    assert person.split()[1:4] == ["1.000", "1.000", "1.000"]  # the gold person, found


def test_eval_of_a_gold_file_without_its_article_is_one_error_line(tmp_path: Path) -> None:
    _corpus(tmp_path)
    (tmp_path / "gold" / "b.json").write_text('{"entities": [], "relations": []}', "utf-8")
    run = _kg("eval", "gold", "a.txt", cwd=tmp_path)
    assert run.returncode == 1 and run.stderr == "error: gold: no article for 1 gold file(s): b\n"


def test_synth_writes_a_reproducible_corpus(tmp_path: Path) -> None:
    for name in ("one", "two"):
        run = _kg("synth", "--articles", "3", "--seed", "4", "--out", name, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "3 articles in 1 file(s) under two"
    first = (tmp_path / "one" / "shard-0000000.jsonl").read_bytes()
    assert first == (tmp_path / "two" / "shard-0000000.jsonl").read_bytes()
    bad = _kg("synth", "--articles", "1", "--out", "x", "--format", "xml", cwd=tmp_path)
    assert bad.returncode == 1 and bad.stderr == "error: unknown format 'xml': use jsonl or txt\n"


def test_bench_times_extraction_on_the_given_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run = _kg("bench", "a.txt", "--repeat", "1", "--output", "figures.md", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "ratio extraction / tokenisation:" in run.stdout
    assert "ratio extraction / tokenisation:" in (tmp_path / "figures.md").read_text("utf-8")


def test_bench_long_gives_time_and_peak_memory_and_refuses_long_documents(tmp_path: Path) -> None:
    run = _kg("bench", "--long", "0.02,5,20", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert [line.split(" document:")[0] for line in lines] == ["0.02 MB", "5 MB", "20 MB"]
    assert "documents: 1 built" in lines[0]
    for line in lines[1:]:
        assert "too long for one article" in line, line
        peak = float(line.split("peak memory ")[1].split(" MB")[0].replace(",", ""))
        assert peak < 600, line  # refused before extraction: the text, not its analysis


def test_bench_long_sizes_that_are_not_numbers_are_one_line(tmp_path: Path) -> None:
    run = _kg("bench", "--long", "1,năm", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr == "error: --long takes sizes in MB above 0, as 1,5,20 (not '1,năm')\n"
