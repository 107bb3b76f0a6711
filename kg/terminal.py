"""Text for a terminal: control characters written as escapes, and result tables fitted to the
terminal's width (a cell too long ends with an ellipsis; `--format csv|json` gives full values)."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Sequence

# C0 and C1 control characters, DEL, line and paragraph separators, lone surrogates, and the bidi
# embeddings, overrides and isolates, which reorder what a terminal shows after them.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
ELLIPSIS = "…"
GAP = "  "
MIN_WIDTH = 6  # no column is cut narrower than this


def safe(text: str) -> str:
    """`text` as one line a terminal shows as written: unsafe characters as `\\x1b`, `\\u202e`."""
    return _UNSAFE.sub(escape, text)


def escape(found: re.Match[str]) -> str:
    """The character found as an escape: `\\xe0` for a byte of a file name that is not UTF-8
    (a surrogate), else Python's (`\\x1b`, `\\u202e`)."""
    ch = found.group()
    if "\udc80" <= ch <= "\udcff":  # a byte of a file name that is not UTF-8
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode()


def width(text: str) -> int:
    """Columns `text` takes on a terminal: wide East Asian characters two, marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def clip(text: str, columns: int) -> str:
    """`text` in at most `columns` columns, ending with an ellipsis when cut."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        step = width(ch)
        if used + step > columns - 1:
            break
        out.append(ch)
        used += step
    return "".join(out) + ELLIPSIS


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def table(
    columns: Sequence[str], rows: Sequence[Sequence[str]], limit: int | None = None
) -> list[str]:
    """Rows under their headers, aligned, each line at most `limit` columns (the terminal's
    width by default): the widest columns are narrowed first, their cells cut with an ellipsis."""
    limit = limit or terminal_width()
    cells = [[safe(c) for c in columns], *([safe(c) for c in row] for row in rows)]
    widths = [max(width(line[i]) for line in cells) for i in range(len(columns))]
    room = limit - len(GAP) * (len(columns) - 1)
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_WIDTH:
            break
        widths[widest] -= 1
    return [
        GAP.join(_pad(clip(cell, w), w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in cells
    ]


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))
