"""The extractor fingerprint: what, besides an article, decides the quads a build makes of it.

It is part of each document's content hash, so a build after an upgrade of the extractor, a
lexicon edit or a new release of a library the extractor runs on extracts the articles again
instead of keeping what an older extractor made. Nothing is listed by hand, so nothing can be
forgotten: the code is every file of the `kg.extract` package and every kg module that it and
`kg.rdf` import, followed from import to import; the libraries are those these modules import;
the data is the lexicon folder and the ontology they read.
"""

from __future__ import annotations

import hashlib
import json
import re
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


# Import statements, wherever they stand (inside functions too). Read as text rather than parsed:
# parsing every module costs more than the rest of the fingerprint together, once per process.
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<dots>\.*)(?P<module>[\w.]*)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n]*)|import[ \t]+(?P<modules>[^\n]*))",
    re.M,
)
_COMMENT = re.compile(r"#[^\n]*")


def import_statements(source: str) -> Iterator[tuple[int, str, list[str]]]:
    """(level, module, names) of each import statement of Python source: `from ..a import b, c`
    → (2, "a", ["b", "c"]); `import a.b, c` → (0, "a.b", []) and (0, "c", [])."""
    for match in _IMPORT.finditer(source):
        if match["modules"] is not None:
            for part in _COMMENT.sub("", match["modules"]).split(","):
                yield 0, part.split(" as ")[0].strip(), []
            continue
        names = _COMMENT.sub("", match["names"]).strip().strip("()").split(",")
        words = [n.split(" as ")[0].strip() for n in names]
        yield len(match["dots"]), match["module"], [w for w in words if w]


def imported_modules(path: Path) -> Iterator[str]:
    """The absolute names of the modules a file imports."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for level, module, names in import_statements(path.read_text(encoding="utf-8")):
        if not level:
            yield module
            if not names:
                continue
        parts = package.split(".")
        anchor = parts[: len(parts) - level + 1] if level else []
        base = ".".join([*anchor, *([module] if module else [])])
        for alias in names:
            inner = f"{base}.{alias}"
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
        for name in imported_modules(path):
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
    found = {dist for name in _closure()[1] for dist in _distributions(name)}
    return sorted(f"{dist}=={metadata.version(dist)}" for dist in found)


def _distributions(module: str) -> list[str]:
    """The distributions that install a top-level module: its own name when one is installed
    under it (a direct look-up), else the owners the installed distributions declare (a scan of
    them all, done once)."""
    try:
        metadata.version(module)
    except metadata.PackageNotFoundError:
        return _owners().get(module, [])
    return [module]


@cache
def _owners() -> dict[str, list[str]]:
    return dict(metadata.packages_distributions())


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
