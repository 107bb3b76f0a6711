"""Ingest: turn the files a user names into Documents, and say why a file could not be read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import Document, InputError

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
META_SUFFIX = ".meta.json"
MAX_BYTES = 20 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SAFE_ID = re.compile(r"[^0-9A-Za-z_.-]+")


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.source}: {self.reason}"


def find_sources(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Expand folders into their article files (sorted, so builds are reproducible)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _is_article(child):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def _is_article(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.name.endswith(META_SUFFIX)


def count_documents(paths: Iterable[str | Path]) -> int:
    """About how many documents `paths` hold, without reading them as articles: one per file, one
    per non-empty line of a JSON Lines file (for progress and ETA)."""
    total = 0
    for item in find_sources(paths):
        if isinstance(item, Skipped):
            continue
        if item.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            with item.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            continue
    return total


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Every readable article in `paths`; unreadable ones come back as `Skipped` with a reason."""
    for item in find_sources(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield from read_file(item)
        except InputError as err:
            yield Skipped(err.source, err.reason)


def read_file(path: Path) -> Iterator[Document | Skipped]:
    data = _read_bytes(path)
    text = _decode(path, data)
    suffix = path.suffix.lower()
    meta = read_meta(path)
    if suffix == ".jsonl":
        yield from _jsonl_documents(path, text, meta)
        return
    if suffix in {".html", ".htm"}:
        text, html_meta = html_to_text(path, text)
        meta = {**html_meta, **meta}
    _require_article_text(str(path), text)
    yield Document(doc_id=doc_id_for(path.stem), source=str(path), text=text, meta=meta)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        return path.read_bytes()
    except OSError as err:
        raise InputError(str(path), f"cannot be read ({err.strerror or err})") from None


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError(str(path), "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(str(path), "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"not valid UTF-8 (byte {err.start})") from None
    if len(_CONTROL.findall(text[:8192])) > 8:
        raise InputError(str(path), "binary file (control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _require_article_text(source: str, text: str) -> None:
    if len(text.strip()) < 2 or not any(ch.isalpha() for ch in text):
        raise InputError(source, "no article text")


def _jsonl_documents(path: Path, text: str, meta: dict[str, str]) -> Iterator[Document | Skipped]:
    found = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"malformed JSON ({err.msg})")
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            yield Skipped(where, "no 'text' field with article text")
            continue
        found = True
        raw_id = str(record.get("id") or f"{path.stem}-{lineno}")
        extra = {k: str(v) for k, v in record.items() if k in META_KEYS and v}
        yield Document(doc_id_for(raw_id), where, body, {**meta, **extra})
    if not found:
        yield Skipped(str(path), "no article in this JSON Lines file")


META_KEYS = ("title", "url", "published", "outlet", "source", "language")


def read_meta(path: Path) -> dict[str, str]:
    """The optional `<stem>.meta.json` beside an article."""
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.is_file():
        return {}
    try:
        record = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(str(meta_path), f"unreadable metadata ({err})") from None
    if not isinstance(record, dict):
        raise InputError(str(meta_path), "metadata must be a JSON object")
    return {k: str(v) for k, v in record.items() if k in META_KEYS and v}


def html_to_text(path: Path, html: str) -> tuple[str, dict[str, str]]:
    """The article body of a web page (trafilatura), with its title and date when it has them."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, deduplicate=True)
    if not text or not text.strip():
        raise InputError(str(path), "no article text found in the HTML page")
    meta: dict[str, str] = {}
    info = trafilatura.extract_metadata(html)
    if info is not None:
        if info.title:
            meta["title"] = info.title
        if info.date:
            meta["published"] = info.date
        if info.url:
            meta["url"] = info.url
    return text, meta


def doc_id_for(stem: str) -> str:
    """A document id that is safe in IRIs and file names; the file stem when it already is."""
    cleaned = _SAFE_ID.sub("_", stem).strip("_.")
    return cleaned or "document"
