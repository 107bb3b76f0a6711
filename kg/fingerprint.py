"""The extractor fingerprint: what, besides an article, decides the quads a build makes of it.

It is part of each document's content hash, so a build after an upgrade of the extractor, a
lexicon edit or a new release of a library the extractor runs on extracts the articles again
instead of keeping what an older extractor made. Nothing is listed by hand, so nothing can be
forgotten: the code is every file of the `kg.extract` package and every kg module that it and
`kg.rdf` import, followed from import to import; the libraries are those these modules import;
the data is the lexicon folder and the ontology they read.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

from .lexicon import lexicon_dir
from .model import Document
from .vocab import ontology_path

PACKAGE = Path(__file__).resolve().parent
ROOTS = ("kg.extract", "kg.rdf")  # what turns an article into its quads


def module_path(name: str) -> Path | None:
    """The file of a kg module or package (`kg.extract` → kg/extract/__init__.py), None when
    `name` is not one of kg's."""
    parts = name.split(".")
    if parts[0] != PACKAGE.name:
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> Iterator[str]:
    """The absolute names of the modules a file imports, anywhere in it (functions included)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                inner = f"{base}.{alias.name}"
                yield inner if module_path(inner) is not None else base


@cache
def _closure() -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """(kg modules, top-level names of other modules) imported from ROOTS, transitively."""
    extract = PACKAGE / "extract"
    todo = sorted(extract.rglob("*.py"))
    todo += [p for p in (module_path(root) for root in ROOTS) if p is not None]
    seen: set[Path] = set()
    others: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _imported(path):
            found = module_path(name)
            if found is not None:
                todo.append(found)
            elif name.split(".")[0] != PACKAGE.name:
                others.add(name.split(".")[0])
    return tuple(sorted(seen)), tuple(sorted(others - set(sys.stdlib_module_names)))


def files() -> list[Path]:
    """Every file the fingerprint reads: the extraction package (whatever the files are), the kg
    modules imported from it and from kg.rdf, the lexicons and the ontology."""
    extract = [p for p in (PACKAGE / "extract").rglob("*") if _source(p)]
    data = [p for p in lexicon_dir().rglob("*") if p.is_file()]
    return sorted({*extract, *_closure()[0]}) + sorted(data) + [ontology_path()]


def _source(path: Path) -> bool:
    return path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"


def libraries() -> list[str]:
    """`distribution==version` of the libraries those modules import (standard library aside)."""
    owners = metadata.packages_distributions()
    found = {dist for name in _closure()[1] for dist in owners.get(name, [])}
    return sorted(f"{dist}=={metadata.version(dist)}" for dist in found)


def digest_of(paths: Iterable[Path], roots: Iterable[Path], versions: Iterable[str]) -> str:
    """sha256 of each file's place (relative to the first of `roots` it lies in) and bytes, and of
    the library versions."""
    digest = hashlib.sha256()
    bases = list(roots)
    for path in paths:
        base = next((b for b in bases if path.is_relative_to(b)), path.parent)
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


@cache
def extractor_fingerprint() -> str:
    """The fingerprint of this installation's extractor (computed once per process)."""
    roots = [ontology_path().parent, PACKAGE.parent]
    return digest_of(files(), roots, libraries())


def content_hash(doc: Document) -> str:
    """sha256 of what a document's triples depend on: its text, metadata and source path, and the
    extractor (code, libraries, lexicons, ontology) that reads it."""
    payload = json.dumps(
        [doc.text, sorted(doc.meta.items()), doc.source, extractor_fingerprint()],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
