"""Plan: which documents a build extracts, and the manifest of what a finished build stored.

A document is extracted again unless its content hash (`kg.fingerprint.content_hash`) equals both
the store's record of it and the manifest's: the manifest is written last, so a build cut short
leaves the previous one, and the next build extracts again whatever the interrupted one loaded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import iri
from ..fingerprint import content_hash
from ..ingest import Skipped, read_documents
from ..model import Document, KgError
from ..progress import BuildProgress
from ..store import DocRecord, GraphStore, document, documents
from .report import BuildReport

MANIFEST = "manifest.json"

Manifest = dict[str, dict[str, str]]  # doc_id → source, graph, content hash, build time


def build_time() -> str:
    """`SOURCE_DATE_EPOCH` when set (reproducible builds), else now, as an xsd:dateTime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    except ValueError:
        raise KgError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Inputs:
    """The documents read so far and the decisions taken on them."""

    store: GraphStore
    listed: dict[str, str]  # doc_id → content hash, from the last complete build's manifest
    rebuild: bool
    everything: bool  # read every record of the store at once (a build that removes documents)
    known: dict[str, DocRecord | None] = field(default_factory=dict)  # the store's records
    seen: dict[str, str] = field(default_factory=dict)  # doc_id → source
    hashes: dict[str, str] = field(default_factory=dict)  # doc_id → content hash, changed ones

    def __post_init__(self) -> None:
        if self.everything:
            self.known.update(documents(self.store))

    def record(self, doc_id: str) -> DocRecord | None:
        """The store's record of a document (one look-up each when not read at once)."""
        if not self.everything and doc_id not in self.known:
            self.known[doc_id] = document(self.store, doc_id)
        return self.known.get(doc_id)

    def unchanged(self, doc: Document, hashed: str) -> bool:
        if self.rebuild or self.listed.get(doc.doc_id) != hashed:
            return False
        record = self.record(doc.doc_id)
        return record is not None and record.content_hash == hashed

    def missing(self) -> list[DocRecord]:
        """The stored documents that are not among the inputs read, by doc_id."""
        known = sorted(self.known.items())
        return [r for doc_id, r in known if r is not None and doc_id not in self.seen]


def changed_documents(
    paths: Iterable[str | Path], inputs: Inputs, report: BuildReport, progress: BuildProgress
) -> Iterator[Document]:
    """The documents to extract, in input order; the rest are counted as they are read."""
    for item in read_documents(paths):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            progress.say(str(item))
            continue
        if item.doc_id in inputs.seen:
            first = inputs.seen[item.doc_id]
            skipped = Skipped(item.source, f"same document id as {first}; rename one")
            report.skipped.append(skipped)
            progress.say(str(skipped))
            continue
        inputs.seen[item.doc_id] = item.source
        hashed = content_hash(item)
        if inputs.unchanged(item, hashed):
            report.unchanged.append(item.doc_id)
            progress.advance()
            continue
        inputs.hashes[item.doc_id] = hashed
        yield item


def read_manifest(out: Path) -> Manifest:
    """The manifest of the last build that finished: doc_id → source, graph, hash, time."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def next_manifest(
    previous: Manifest,
    dropped: set[str],
    report: BuildReport,
    inputs: Inputs,
    built_at: str,
    prune: bool,
) -> Manifest:
    """The previous manifest, less the documents dropped, plus those built now (and, when
    `prune`, only the documents among the inputs)."""
    kept = {k: v for k, v in previous.items() if k not in dropped}
    failed = {f.source for f in report.skipped}
    for doc_id in report.built:
        source = inputs.seen[doc_id]
        if source in failed:
            continue
        kept[doc_id] = {
            "source": source,
            "graph": iri.graph_iri(doc_id),
            "content_hash": inputs.hashes[doc_id],
            "built_at": built_at,
        }
    if not prune:
        return kept
    return {k: v for k, v in kept.items() if k in inputs.seen}


def write_manifest(path: Path, manifest: Manifest) -> None:
    """doc_id → source, graph, content hash, build time; written last, so it lists only what a
    finished build put in the store (a build cut short re-extracts what it had loaded)."""
    temporary = path.with_suffix(".json.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write("{")
        for i, doc_id in enumerate(sorted(manifest)):
            entry = json.dumps(manifest[doc_id], ensure_ascii=False)
            handle.write(f"{',' if i else ''}\n {json.dumps(doc_id, ensure_ascii=False)}: {entry}")
        handle.write("\n}\n")
    os.replace(temporary, path)
