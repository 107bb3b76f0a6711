"""Language knowledge as data: loads the TSV files of `ontology/lexicon/` once per process."""

from __future__ import annotations

import csv
import hashlib
import os
from functools import cache
from pathlib import Path

from .model import KgError


def ontology_dir() -> Path:
    """The `ontology/` folder: `$KG_ONTOLOGY` when set, else the one beside the package."""
    env = os.environ.get("KG_ONTOLOGY")
    path = Path(env) if env else Path(__file__).resolve().parent.parent / "ontology"
    if not path.is_dir():
        raise KgError(f"ontology folder not found at {path}; set KG_ONTOLOGY to its location")
    return path


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `ontology/lexicon/<name>.tsv` as dicts keyed by the header row.

    Lines starting with `#` document the columns and are skipped; empty cells are ''.
    """
    path = ontology_dir() / "lexicon" / f"{name}.tsv"
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    except OSError as err:
        raise KgError(f"lexicon {path} cannot be read: {err.strerror}") from None
    body = [ln for ln in lines if not ln.startswith("#")]
    reader = csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items() if k} for row in reader)


@cache
def words(name: str, column: str = "term") -> tuple[str, ...]:
    """One column of a lexicon, longest entries first (so longer cues win when matching)."""
    values = {row[column] for row in table(name) if row.get(column)}
    return tuple(sorted(values, key=lambda v: (-len(v), v)))


# Modules at the edges (running builds, storing, querying, drawing, measuring): a change to them
# does not change what extraction makes of an article, so it must not make every archive rebuild.
NOT_EXTRACTION = frozenset(
    {
        "cli.py",
        "build.py",
        "store.py",
        "progress.py",
        "query.py",
        "serve.py",
        "render.py",
        "analyze.py",
        "evaluate.py",
        "validate.py",
        "benchmark.py",
        "synthetic.py",
    }
)


@cache
def extractor_fingerprint() -> str:
    """sha256 of what extraction depends on besides the article: the code and the ontology folder.

    Part of each document's content hash, so a build after an upgrade or a lexicon edit extracts
    the articles again instead of keeping triples an older extractor made.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    code = [p for p in sorted(package.rglob("*.py")) if p.name not in NOT_EXTRACTION]
    files = [*code, *sorted(ontology_dir().rglob("*.t[st][vl]"))]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
