"""Dates as Vietnamese news writes them, normalised to ISO 8601.

Forms: `15-9-2015`, `15/9/2015`, `ngày 15 tháng 9 năm 2015`, ranges `6-10/6/2022`, month-only
`tháng 12-2022` / `tháng 12/2022` / `tháng 12 năm 2022`, years `năm 2023`, and day-month `11-10`, `7/6`
after a time word (`ngày`, `sáng`, `chiều` …) or in brackets. A day-month without a year takes it from the
article's publication date, else from a dated mention of the same month in the article, and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

_SEP = r"\s*[-/.]\s*"
_D = r"(?P<d>[0-3]?\d)"
_M = r"(?P<m>[01]?\d)"
_Y = r"(?P<y>(?:19|20)\d\d)"
_CUE = r"(?:(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|rạng sáng|từ|đến|tới|và|hết)\s+)"
# Said first in a form that starts with a digit: `regex` then skips every other position at once,
# where it would try the form's optional parts there (five times slower on a sentence).
_DIGIT_AHEAD = r"(?=\d)"

_PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (name, regex.compile(pattern, regex.I))
    for name, pattern in (
        (
            "words",
            r"(?:ngày\s+)?(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)(?:\s*(?:năm|,)\s*(?P<y>(?:19|20)\d\d))?",
        ),
        ("range", rf"(?P<d1>[0-3]?\d)\s*[-–]\s*(?P<d2>[0-3]?\d)\s*/\s*{_M}\s*/\s*{_Y}"),
        (
            "range_to",
            rf"(?P<d1>[0-3]?\d)\s+(?:đến|tới)\s+(?:ngày\s+)?(?P<d2>[0-3]?\d){_SEP}{_M}{_SEP}{_Y}",
        ),
        ("full", rf"{_DIGIT_AHEAD}{_D}(?P<s>[-/.]){_M}(?P=s){_Y}"),
        ("month_year", rf"tháng\s+{_M}(?:\s*[-/]\s*|\s+năm\s+){_Y}"),
        ("month", r"tháng\s+(?P<m>[01]?\d)(?![\d/-])"),
        ("year", rf"năm\s+{_Y}(?![\d/-])"),
        (
            "day_month",
            rf"{_DIGIT_AHEAD}(?:(?<={_CUE})|(?<=\())(?P<d>[0-3]?\d)(?P<s>[-/])(?P<m>[01]?\d)(?![\d/-]|\s*[-/]\s*\d)",
        ),
    )
)


_DIGIT = regex.compile(r"\d")
_NGAY = regex.compile(r"ngày\s+", regex.I)
_DIGIT_SEP = regex.compile(r"\d\s*[-–/.]")


def _has(*words: str) -> Callable[[str], bool]:
    return lambda low: any(w in low for w in words)


# What a form cannot match without (on the lowercased sentence): skips most patterns cheaply.
def _digit_then_separator(low: str) -> bool:
    return _DIGIT_SEP.search(low) is not None


_NEEDS: dict[str, Callable[[str], bool]] = {
    "words": _has("tháng"),
    "range": _digit_then_separator,
    "range_to": _has("đến", "tới"),
    "full": _digit_then_separator,
    "month_year": _has("tháng"),
    "month": _has("tháng"),
    "year": _has("năm"),
    "day_month": _digit_then_separator,
}


@dataclass(frozen=True)
class DateMatch:
    """A date in the text: `text` as written (without `ngày`), `iso` when its year is known."""

    start: int
    end: int
    text: str
    iso: str | None
    month_day: tuple[int, int] | None = None
    year_inferred: bool = False


def find_dates(text: str) -> list[DateMatch]:
    """Every date in `text`, longest first where two forms overlap."""
    if not _DIGIT.search(text):  # every form has a number; most sentences have none
        return []
    low = text.lower()
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        if not _NEEDS[name](low):
            continue
        for m in pattern.finditer(text):
            start, end = _strip_ngay(text, m.start(), m.end())
            if any(s < end and start < e for s, e in taken):
                continue
            match = _build(name, m, text[start:end], start, end)
            if match is not None:
                found.append(match)
                taken.append((start, end))
    return sorted(found, key=lambda d: d.start)


def _strip_ngay(text: str, start: int, end: int) -> tuple[int, int]:
    head = _NGAY.match(text[start:end])
    return (start + head.end(), end) if head else (start, end)


def _build(name: str, m: regex.Match[str], text: str, start: int, end: int) -> DateMatch | None:
    g = m.groupdict()
    if name in {"range", "range_to"}:
        y, mo = int(g["y"]), int(g["m"])
        first, last = _iso_day(y, mo, int(g["d1"])), _iso_day(y, mo, int(g["d2"]))
        if first is None or last is None or first > last:
            return None
        return DateMatch(start, end, text, f"{first}/{last}", (mo, int(g["d1"])))
    if name in {"full", "words"} and g.get("y"):
        iso = _iso_day(int(g["y"]), int(g["m"]), int(g["d"]))
        return DateMatch(start, end, text, iso, (int(g["m"]), int(g["d"]))) if iso else None
    if name in {"words", "day_month"}:
        day, month = int(g["d"]), int(g["m"])
        if _iso_day(2000, month, day) is None:
            return None
        return DateMatch(start, end, text, None, (month, day))
    if name == "month_year":
        month = int(g["m"])
        return DateMatch(start, end, text, f"{g['y']}-{month:02d}") if 1 <= month <= 12 else None
    if name == "month":
        month = int(g["m"])
        return DateMatch(start, end, text, None) if 1 <= month <= 12 else None
    if name == "year":
        return DateMatch(start, end, text, g["y"])
    return None


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def infer_years(dates: list[DateMatch], published: str | None) -> list[DateMatch]:
    """Give day-month dates a year: the publication year, else that of a dated mention of the same month."""
    pub_year = _year_of(published)
    known: dict[int, int] = {}
    for d in dates:
        if d.iso and d.month_day:
            known.setdefault(d.month_day[0], int(d.iso[:4]))
    out = []
    for d in dates:
        if d.iso is None and d.month_day is not None:
            year = pub_year or known.get(d.month_day[0])
            iso = _iso_day(year, *d.month_day) if year else None
            if iso:
                d = replace(d, iso=iso, year_inferred=True)
        out.append(d)
    return out


def _year_of(published: str | None) -> int | None:
    if published and regex.match(r"(?:19|20)\d\d", published):
        return int(published[:4])
    return None


def iso_datatype(iso: str) -> str:
    """The XSD datatype name of an ISO string: date, gYearMonth, gYear, or string for a range."""
    if regex.fullmatch(r"\d{4}-\d\d-\d\d", iso):
        return "date"
    if regex.fullmatch(r"\d{4}-\d\d", iso):
        return "gYearMonth"
    if regex.fullmatch(r"\d{4}", iso):
        return "gYear"
    return "string"
