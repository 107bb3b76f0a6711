"""The extractor fingerprint covers everything extraction runs or reads, and nothing at the edges."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import fingerprint, lexicon
from kg.model import Document

ROOT = Path(__file__).resolve().parents[2]

# Extracts the samples and writes each as quads, recording every file of the checkout whose code
# runs (a function called, a module executed) and every file opened, from the first call on: the
# extraction pipeline, its lexicons and models are loaded then, on first use.
_TRACE = """
import json, sys
from pathlib import Path
from kg.extract import extract_document
from kg.ingest import read_documents
from kg.rdf import extraction_nquads

root = Path(sys.argv[1])
docs = list(read_documents([root / "data" / "raw"]))
ran, opened = set(), set()

def opening(event, args):
    if event == "open" and isinstance(args[0], str | Path):
        opened.add(str(Path(args[0]).resolve()))

def running(frame, event, arg):
    if event == "call":
        ran.add(frame.f_code.co_filename)

sys.addaudithook(opening)
sys.setprofile(running)
for doc in docs:
    extraction_nquads(extract_document(doc), "2024-01-01T00:00:00Z")
sys.setprofile(None)
ours = (root / "kg", root / "ontology")  # the package and its data; libraries count by version
inside = lambda p: Path(p).is_file() and any(Path(p).resolve().is_relative_to(o) for o in ours)
print(json.dumps(sorted(str(Path(p).resolve()) for p in (ran | opened) if inside(p))))
"""


def _used_by_extraction() -> set[Path]:
    run = subprocess.run(
        [sys.executable, "-c", _TRACE, str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    used = {Path(p) for p in json.loads(run.stdout)}
    return {p for p in used if "__pycache__" not in p.parts and p.suffix != ".pyc"}


def test_every_file_extraction_runs_or_reads_is_in_the_fingerprint() -> None:
    used = _used_by_extraction()
    assert any(p.suffix == ".tsv" for p in used) and any(p.match("kg/extract/*.py") for p in used)
    missing = used - {p.resolve() for p in fingerprint.files()}
    assert not missing, f"extraction uses files the fingerprint does not read: {sorted(missing)}"


def test_the_fingerprint_leaves_the_edges_out() -> None:
    """Building, storing, deriving, querying, drawing and the command line do not change what
    extraction makes of an article: editing them must not make every archive extract again."""
    files = {p.resolve() for p in fingerprint.files()}
    package = ROOT / "kg"
    edges = [package / name for name in ("build", "derive", "store", "cli")]
    edges += [package / f"{name}.py" for name in ("query", "render", "serve", "analyze")]
    for edge in edges:
        assert not any(f == edge or f.is_relative_to(edge) for f in files), edge


def test_every_file_of_the_extraction_package_counts_whatever_it_is() -> None:
    files = {p.resolve() for p in fingerprint.files()}
    package = ROOT / "kg" / "extract"
    found = {p.resolve() for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"}
    assert {p for p in found if "__pycache__" not in p.parts} <= files


def test_imports_read_as_text_are_those_the_parser_finds() -> None:
    for path in sorted([*(ROOT / "kg").rglob("*.py"), *(ROOT / "kg_dev").rglob("*.py")]):
        source = path.read_text(encoding="utf-8")
        parsed: set[tuple[int, str, tuple[str, ...]]] = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                parsed |= {(0, alias.name, ()) for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                names = tuple(alias.name for alias in node.names)
                parsed.add((node.level, node.module or "", names))
        read = {
            (lv, module, tuple(names))
            for lv, module, names in fingerprint.import_statements(source)
        }
        assert read == parsed, path


def test_a_changed_or_moved_file_or_library_changes_the_digest(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    rule = tmp_path / "a" / "rule.py"
    rule.write_text("CUE = 'tiếp'\n", encoding="utf-8")
    before = fingerprint.digest_of([rule], [tmp_path], ["spacy==3.8.18"])
    assert fingerprint.digest_of([rule], [tmp_path], ["spacy==3.8.18"]) == before
    assert fingerprint.digest_of([rule], [tmp_path], ["spacy==3.8.19"]) != before
    rule.write_text("CUE = 'đón'\n", encoding="utf-8")
    assert fingerprint.digest_of([rule], [tmp_path], ["spacy==3.8.18"]) != before
    moved = tmp_path / "b.py"
    shutil.copy(rule, moved)
    changed = fingerprint.digest_of([rule], [tmp_path], ["spacy==3.8.18"])
    assert fingerprint.digest_of([moved], [tmp_path], ["spacy==3.8.18"]) != changed


def test_the_libraries_extraction_imports_are_named_with_their_versions() -> None:
    names = {entry.split("==")[0].lower() for entry in fingerprint.libraries()}
    assert {"spacy", "pyvi", "regex", "rdflib"} <= names
    assert all("==" in entry for entry in fingerprint.libraries())


def test_editing_a_lexicon_changes_the_fingerprint_and_the_content_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document("d", "d.txt", "Đại tá Lê Văn Hòa tiếp Đại sứ Lào.")
    before, hashed = fingerprint.extractor_fingerprint(), fingerprint.content_hash(doc)
    copy = tmp_path / "ontology"
    shutil.copytree(lexicon.ontology_dir(), copy)
    with (copy / "lexicon" / "posts.tsv").open("a", encoding="utf-8") as f:
        f.write("phó đặc phái viên thứ nhất\n")
    monkeypatch.setenv("KG_ONTOLOGY", str(copy))
    fingerprint.extractor_fingerprint.cache_clear()
    try:
        assert fingerprint.extractor_fingerprint() != before
        assert fingerprint.content_hash(doc) != hashed
    finally:
        monkeypatch.delenv("KG_ONTOLOGY")
        fingerprint.extractor_fingerprint.cache_clear()
    assert fingerprint.extractor_fingerprint() == before
