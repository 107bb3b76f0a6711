"""Lexicons load from ontology/lexicon; their content is part of every document's content hash."""

from __future__ import annotations

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
