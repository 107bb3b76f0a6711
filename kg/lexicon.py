"""Language knowledge as data: loads the TSV files of `ontology/lexicon/` once per process."""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
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


def lexicon_dir() -> Path:
    """`ontology/lexicon/`: the language knowledge extraction reads, one TSV file a lexicon."""
    return ontology_dir() / "lexicon"


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `ontology/lexicon/<name>.tsv` as dicts keyed by the header row.

    Lines starting with `#` document the columns and are skipped; empty cells are ''.
    """
    path = lexicon_dir() / f"{name}.tsv"
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


def is_honorific(row: Mapping[str, str]) -> bool:
    """Whether a row of `ranks.tsv` is a form of address (`ông`, `bà`): kept as an attribute of
    the person it precedes, never a rank."""
    return row.get("kind") == "honorific"
