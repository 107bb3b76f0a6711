"""Ingest: turn the files a user names into Documents, and say why a file could not be read."""

from __future__ import annotations

import codecs
import errno
import itertools
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import Document, InputError, KgError, iso_date
from .terminal import escape
from .webpage import html_to_text

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
META_SUFFIX = ".meta.json"
MAX_BYTES = 20 * 1024 * 1024
# The longest article text extracted (after decoding, per HTML page or JSON Lines record). News
# articles are kilobytes; extraction's time grows faster than a text's length and its memory with
# it, so a longer text is refused before extraction, with one line. Set from measured memory
# (`kg bench --long`, docs/BENCHMARKS.md): a text just under it peaks at about 0.6 GB.
MAX_CHARS = 1024 * 1024
MAX_META_BYTES = 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SAFE_ID = re.compile(r"[^0-9A-Za-z_.-]+")
_HTML_END = re.compile(r"</(html|body)\s*>", re.IGNORECASE)
_FOLDER, _FILE = "folder", "file"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why. A build keeps whatever the store holds for `held`:
    the input itself by default, the article when `source` is its sidecar, nothing ('') when the
    report says an input is gone rather than unreadable (a folder without articles)."""

    source: str
    reason: str
    input: str | None = None

    @property
    def held(self) -> str:
        return self.source if self.input is None else self.input

    def __str__(self) -> str:
        return f"skipped {printable(self.source)}: {printable(self.reason)}"


def printable(text: str) -> str:
    """`text` on one line: control characters, line separators and undecodable bytes of a file
    name (surrogates) written as escapes, so a report line is one line and always printable."""
    return _UNPRINTABLE.sub(escape, text)


def note(source: str, message: str) -> None:
    """A document was read, but not as written (say how): one `note <name>: ...` line."""
    log.warning("note %s: %s", printable(source), message)


def require_paths(paths: Iterable[str | Path]) -> list[str | Path]:
    """The paths a user named, refused whole when one is empty: `Path("")` is the current folder,
    and building it by accident would remove every document built from elsewhere."""
    given = list(paths)
    if not given:
        raise KgError("no file or folder given")
    if any(isinstance(p, str) and not p.strip() for p in given):
        raise KgError("an empty path was given; name a file or folder ('.' for the current one)")
    return given


def find_sources(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Expand folders into their article files (sorted, so builds are reproducible); links to
    folders are followed once, and what cannot be followed is reported. A file named twice
    (`D D`, `D D/a.txt`) is read once."""
    listed: set[str] = set()
    for raw in require_paths(paths):
        path = Path(raw)
        kind = _kind(path)
        found = _walk(path) if kind == _FOLDER else [path] if kind == _FILE else []
        for item in found:
            if isinstance(item, Path):
                key = os.path.abspath(item)
                if key in listed:
                    continue
                listed.add(key)
            yield item
        if kind not in (_FOLDER, _FILE):
            yield Skipped(str(path), kind)


def _kind(path: Path) -> str:
    """`folder`, `file`, or why the path is neither."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return "broken symbolic link"
        if err.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot be read ({err.strerror or err})"
    if stat.S_ISDIR(mode):
        return _FOLDER
    if stat.S_ISREG(mode):
        return _FILE
    return "not a regular file (a device, pipe or socket)"


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Depth first, by name; a folder reached a second time (a link loop) is reported, not read."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    found = False
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError as err:  # removed or replaced while the walk went on
            yield Skipped(str(folder), f"folder cannot be read ({err.strerror or err})")
            continue
        if (info.st_dev, info.st_ino) in seen:
            yield Skipped(
                str(folder), "folder already read (a symbolic link loop or a second link)"
            )
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            children = sorted(folder.iterdir())
        except OSError as err:
            yield Skipped(str(folder), f"folder cannot be read ({err.strerror or err})")
            continue
        subfolders = []
        for child in children:
            kind = _kind(child)
            if kind == _FOLDER:
                subfolders.append(child)
            elif kind == _FILE:
                if _is_article(child):
                    found = True
                    yield child
            elif _is_article(child) or child.is_symlink():
                yield Skipped(str(child), kind)
        stack.extend(reversed(subfolders))
    if not found:
        reason = f"no {', '.join(sorted(SUFFIXES))} file in this folder"
        yield Skipped(str(root), reason, input="")


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
    source = printable(str(path))
    data = _read_bytes(source, path, MAX_BYTES)
    text = decode(source, data)
    suffix = path.suffix.lower()
    try:
        meta = read_meta(path)
    except InputError as err:
        yield Skipped(err.source, err.reason, input=source)
        return
    if suffix == ".jsonl":
        yield from _jsonl_documents(path, text, meta)
        return
    if suffix in {".html", ".htm"}:
        if not _HTML_END.search(text[-4096:]):
            note(source, "the page ends before </html> (cut off?); its readable part is used")
        text, html_meta = html_to_text(source, text)
        meta = {**html_meta, **meta}
    _require_article_text(source, text)
    yield Document(doc_id=doc_id_for(path.stem), source=source, text=text, meta=meta)


def _read_bytes(source: str, path: Path, limit: int) -> bytes:
    """The file's bytes; a file over `limit` is refused before it is read, a pipe or device
    before anything waits on it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(source, "not a regular file (a device, pipe or socket)")
            if info.st_size > limit:
                raise InputError(
                    source, f"too large ({info.st_size:,} bytes; the limit is {limit:,})"
                )
            data = handle.read(limit + 1)
    except OSError as err:
        raise InputError(source, f"cannot be read ({err.strerror or err})") from None
    if len(data) > limit:
        raise InputError(source, f"too large (over {limit:,} bytes, and still growing)")
    return data


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode(source: str, data: bytes) -> str:
    """The text of a file: UTF-8, or UTF-16/32 with a byte-order mark, or Vietnamese in the legacy
    Windows-1258 code page (decoded with a note); newlines as `\\n`, stray control characters as
    spaces (so offsets still count the characters of the file)."""
    if not data.strip():
        raise InputError(source, "empty file")
    text = _unicode_text(source, data)
    if not text.strip():
        raise InputError(source, "empty file")
    if len(_CONTROL.findall(text[:8192])) > 8:
        raise InputError(source, "binary file (control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    stray = len(_CONTROL.findall(text))
    if stray:
        note(source, f"{stray} control character(s) replaced by spaces")
        text = _CONTROL.sub(" ", text)
    return text


def _unicode_text(source: str, data: bytes) -> str:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(
                    source, f"not valid {name} after its byte-order mark (byte {err.start})"
                ) from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes; UTF-16 needs a byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        legacy = windows_1258(data)
        if legacy is None:
            raise InputError(
                source,
                f"not valid UTF-8 (byte {err.start}), nor Vietnamese in Windows-1258; save it as UTF-8",
            ) from None
        note(
            source, "not UTF-8; decoded as Vietnamese in Windows-1258 (save it as UTF-8 to be sure)"
        )
        return legacy


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"


def windows_1258(data: bytes) -> str | None:
    """The text of Windows-1258 bytes when it reads as Vietnamese, in NFC, else None.

    The code page writes most tones as combining marks after the vowel, so Vietnamese shows at
    least one of those in every 50 letters, and nearly all of them on vowels; Latin-1 text in
    French, German or Portuguese decodes too but shows none.
    """
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    letters = sum(ch.isalpha() for ch in text)
    on_vowels = sum(1 for a, b in itertools.pairwise(text) if b in _TONE_MARKS and a in _VOWELS)
    marks = sum(text.count(mark) for mark in _TONE_MARKS)
    if on_vowels == 0 or on_vowels * 50 < letters or (marks - on_vowels) * 10 > marks:
        return None
    return unicodedata.normalize("NFC", text)


def _require_article_text(source: str, text: str) -> None:
    if len(text.strip()) < 2 or not any(ch.isalpha() for ch in text):
        raise InputError(source, "no article text")
    if len(text) > MAX_CHARS:
        raise InputError(
            source,
            f"too long for one article ({len(text):,} characters; the limit is {MAX_CHARS:,}): "
            "split it into articles",
        )


def _jsonl_documents(path: Path, text: str, meta: dict[str, str]) -> Iterator[Document | Skipped]:
    found = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{printable(str(path))}:{lineno}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as err:
            yield Skipped(where, f"malformed JSON ({_json_error(err)})")
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            yield Skipped(where, "no 'text' field with article text")
            continue
        try:
            _require_article_text(where, body)
        except InputError as err:
            yield Skipped(where, err.reason)
            continue
        found = True
        raw_id = str(record.get("id") or f"{path.stem}-{lineno}")
        try:
            extra = _meta_values(where, record)
        except InputError as err:
            yield Skipped(where, err.reason)
            continue
        yield Document(doc_id_for(raw_id), where, _valid_unicode(where, body), {**meta, **extra})
    if not found:
        yield Skipped(printable(str(path)), "no article in this JSON Lines file")


def _json_error(err: Exception) -> str:
    if isinstance(err, json.JSONDecodeError):
        return err.msg
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return " ".join(str(err).split())[:120]


def _valid_unicode(source: str, text: str) -> str:
    """JSON can carry lone surrogates (`\\ud800`), which no file or store can hold, and control
    characters (`\\u001b`), which a file's text has replaced (`decode`): each becomes U+FFFD or a
    space, one character for one, so offsets still hold, with a note."""
    if _SURROGATE.search(text):
        note(source, "lone surrogate(s) in the text replaced by U+FFFD")
        text = _SURROGATE.sub("\ufffd", text)
    stray = len(_CONTROL.findall(text))
    if stray:
        note(source, f"{stray} control character(s) replaced by spaces")
        text = _CONTROL.sub(" ", text)
    return text


META_KEYS = ("title", "url", "published", "outlet", "source", "language")


def _meta_values(source: str, record: dict[str, object]) -> dict[str, str]:
    """The metadata kg keeps, as text on one line; a `published` value that is no date is refused
    (the article is skipped rather than dated wrongly, or its graph failing the shapes)."""
    meta = {
        k: _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", str(v)))
        for k, v in record.items()
        if k in META_KEYS and v
    }
    published = meta.get("published")
    if published is not None and iso_date(published) is None:
        raise InputError(source, f"published {published!r} is not a date: write it as YYYY-MM-DD")
    return meta


def read_meta(path: Path) -> dict[str, str]:
    """The optional `<stem>.meta.json` beside an article."""
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.is_file():
        return {}
    source = printable(str(meta_path))
    data = _read_bytes(source, meta_path, MAX_META_BYTES)
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        reason = _json_error(err) if not isinstance(err, UnicodeDecodeError) else "not UTF-8"
        raise InputError(source, f"unreadable metadata ({reason})") from None
    if not isinstance(record, dict):
        raise InputError(source, "metadata must be a JSON object")
    try:
        return _meta_values(source, record)
    except InputError as err:
        raise InputError(source, f"unreadable metadata ({err.reason})") from None


def doc_id_for(stem: str) -> str:
    """A document id that is safe in IRIs and file names; the file stem when it already is."""
    cleaned = _SAFE_ID.sub("_", stem).strip("_.")
    return cleaned or "document"
