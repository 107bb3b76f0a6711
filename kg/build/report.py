"""The report of a build: what it built, kept, removed and skipped, and the graph's figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import Skipped


@dataclass
class BuildReport:
    """What a build did: the figures `kg build` prints."""

    out: Path
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: int | None = None  # None: not counted (a small update of a large graph)
    triples: int | None = None
    quads_loaded: int = 0
    view: Path | None = None
    exported: bool = False

    def summary(self) -> str:
        types = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        return "\n".join(
            [
                f"documents: {len(self.built)} built, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed, {len(self.skipped)} skipped",
                f"entities: {types}",
                f"relations: {_figure(self.relations)}",
                f"triples: {_figure(self.triples)}",
            ]
        )


def _figure(count: int | None) -> str:
    return "not counted (small update of a large graph)" if count is None else str(count)
