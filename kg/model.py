"""Records passed between pipeline stages: small dataclasses named for what they are."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    LOCATION = "LOCATION"
    EVENT = "EVENT"
    AGREEMENT = "AGREEMENT"
    DATE = "DATE"


PREDICATES: tuple[str, ...] = (
    "holdsPosition",
    "hasRank",
    "memberOf",
    "partOf",
    "nationality",
    "organizedBy",
    "chairedBy",
    "coChairedBy",
    "participatedIn",
    "hostedBy",
    "heldIn",
    "heldOn",
    "signedBy",
    "signedOn",
    "about",
    "met",
    "received",
    "locatedIn",
)
DATE_PREDICATES = ("heldOn", "signedOn")  # relations whose object is a date (an ISO literal)
# Relations that state a person's rank or post as text, and the entity attribute that holds the
# same: each is kept as a dated tenure (kg:RankTenure, kg:PostTenure).
TENURE_ATTRIBUTES = {"hasRank": "rank", "holdsPosition": "position"}
# Between the reasons of an entity's `merge_reasons` attribute (why its spellings are one entity).
MERGE_REASONS_SEPARATOR = " | "
# Between the posts of a person's `position` attribute (`Thứ trưởng Bộ Quốc phòng; Trưởng đoàn`).
POSITIONS_SEPARATOR = "; "


@dataclass(frozen=True)
class Document:
    """One source article as read from disk: `text` is the original text all offsets point into."""

    doc_id: str
    source: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def published(self) -> str | None:
        return self.meta.get("published") or None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CleanDocument:
    """A document ready for matching.

    `norm` is the text in NFC without invisible format characters, tone marks moved, noise blanked
    out with spaces. When that kept the original text as it was (the usual case), an offset into
    `norm` is an offset into the original text; otherwise `offsets` maps each index of `norm` back.
    """

    doc: Document
    norm: str
    noise: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...]
    offsets: tuple[int, ...] | None = None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into `norm` as offsets into the original text."""
        if self.offsets is None:
            return start, end
        first, last = self.offsets[start], self.offsets[end]
        while last > first and unicodedata.category(self.doc.text[last - 1]) == "Cf":
            last -= 1  # zero-width characters cleaning removed after the span are not part of it
        return first, last


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Entity:
    id: str
    type: EntityType
    name: str
    mentions: list[Mention] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    key: str = ""
    iri: str = ""


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: Evidence
    object_is_entity: bool = True
    rule: str = ""
    confidence: float = 0.5
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass
class DocExtraction:
    doc: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sentences: tuple[Sentence, ...] = ()

    def entity(self, entity_id: str) -> Entity:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        raise KeyError(entity_id)

    def to_json(self) -> dict[str, Any]:
        """The `kg extract --format json` contract of ARCHITECTURE.md."""
        return {
            "doc_id": self.doc.doc_id,
            "source": self.doc.source,
            "entities": [
                {
                    "id": e.id,
                    "type": e.type.value,
                    "name": e.name,
                    "mentions": [
                        {"text": m.text, "start": m.start, "end": m.end} for m in e.mentions
                    ],
                    "attributes": dict(e.attributes),
                    "iri": e.iri,
                }
                for e in self.entities
            ],
            "relations": [
                {
                    "subject": r.subject,
                    "predicate": r.predicate,
                    "object": r.object,
                    "evidence": {
                        "text": r.evidence.text,
                        "start": r.evidence.start,
                        "end": r.evidence.end,
                    },
                    "confidence": r.confidence,
                    "rule": r.rule,
                    **({"attributes": dict(r.attributes)} if r.attributes else {}),
                }
                for r in self.relations
            ],
        }


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\w:.+-]*)?", re.ASCII)


def iso_date(text: str) -> str | None:
    """`YYYY-MM-DD` when `text` is a day of the calendar written so (ASCII digits, a time after
    it allowed), else None: `2022-13-45`, `2022-02-30`, `0000-00-00` and full-width digits are
    no dates."""
    found = _ISO_DAY.fullmatch(text.strip())
    if found is None:
        return None
    try:
        date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
    return found.group()[:10]


class KgError(Exception):
    """An error a user can cause; the CLI prints its message on one line."""


@contextmanager
def writing(path: Path) -> Iterator[Path]:
    """`path`, its folder made, for the body to write; a folder at `path`, or an OSError while
    writing (a parent that is a file, no permission, a full disk), is a KgError saying which."""
    if path.is_dir():
        raise KgError(f"the output {path} is a folder: name a file to write")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield path
    except OSError as err:
        raise KgError(f"cannot write {path} ({err.strerror or err})") from None


class InputError(KgError):
    """A source file that cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
