"""Lexicons load from ontology/lexicon; their content is part of every document's content hash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import lexicon


def test_every_lexicon_has_a_documented_header() -> None:
    for path in sorted((lexicon.ontology_dir() / "lexicon").glob("*.tsv")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#"), f"{path.name} lacks a header saying what its columns mean"
        assert lexicon.table(path.stem), f"{path.name} has no rows"


def test_no_person_names_in_lexicons() -> None:
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in (lexicon.ontology_dir() / "lexicon").glob("*.tsv")
    )
    for name in ("Phùng Sĩ Tấn", "Nguyễn Như Cảnh", "Matsuzawa"):
        assert name not in text


def test_editing_a_lexicon_changes_the_extractor_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = lexicon.extractor_fingerprint()
    copy = tmp_path / "ontology"
    shutil.copytree(lexicon.ontology_dir(), copy)
    with (copy / "lexicon" / "posts.tsv").open("a", encoding="utf-8") as f:
        f.write("phó đặc phái viên thứ nhất\n")
    monkeypatch.setenv("KG_ONTOLOGY", str(copy))
    lexicon.extractor_fingerprint.cache_clear()
    try:
        assert lexicon.extractor_fingerprint() != before
    finally:
        monkeypatch.delenv("KG_ONTOLOGY")
        lexicon.extractor_fingerprint.cache_clear()
