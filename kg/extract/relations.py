"""Relations: patterns over entity candidates, cue words and punctuation (filled in below)."""

from __future__ import annotations

from ..model import CleanDocument, Entity, Relation
from .entities import SentenceFinds


def find_relations(
    cdoc: CleanDocument, finds: list[SentenceFinds], index: dict[int, str], entities: list[Entity]
) -> list[Relation]:
    return []
