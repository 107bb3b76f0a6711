"""Dates as Vietnamese news writes them, normalised to ISO 8601.

Forms: `15-9-2015`, `15/9/2015`, `ngày 15 tháng 9 năm 2015`, `3 March 2019`, ranges `6-10/6/2022`,
`5 đến 9-8`, `10/2-14/3/2020`, `4 (thứ hai) đến 8 tháng 6`, quarters `quý I/2025`, month-only
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

_MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAY_NOTE = r"(?:\s*\([^()\d]{1,12}\))?"  # `4 (thứ hai)`

_PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (name, regex.compile(pattern, regex.I))
    for name, pattern in (
        (
            "range_months_to",
            rf"{_DIGIT_AHEAD}(?P<d1>[0-3]?\d)(?P<s>[-/.])(?P<m1>[01]?\d)(?:(?P=s)(?:19|20)\d\d)?\s+(?:đến|tới)\s+(?:ngày\s+)?(?P<d2>[0-3]?\d)(?P=s)(?P<m>[01]?\d)(?:(?P=s){_Y})?(?![\d/-])",
        ),
        (
            "day_pair",
            rf"{_DIGIT_AHEAD}(?<=ngày\s+)(?P<d1>[0-3]?\d)(?:\s*,\s*[0-3]?\d)*\s+và\s+(?:ngày\s+)?(?P<d2>[0-3]?\d)(?P<s>[-/.])(?P<m>[01]?\d)(?:(?P=s){_Y})?(?![\d/-])",
        ),
        (
            "range_words",
            rf"{_DIGIT_AHEAD}(?P<d1>[0-3]?\d){_DAY_NOTE}\s+(?:đến|tới|(?<=ngày\s+\d{{1,2}}\s+)và)\s+(?:ngày\s+)?(?P<d2>[0-3]?\d){_DAY_NOTE}\s+tháng\s+(?P<m>[01]?\d)(?:\s*(?:năm|,)\s*(?P<y>(?:19|20)\d\d))?",
        ),
        (
            "words",
            r"(?:ngày\s+)?(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)(?:\s*(?:năm|,)\s*(?P<y>(?:19|20)\d\d))?",
        ),
        (
            "range_months",
            rf"{_DIGIT_AHEAD}(?P<d1>[0-3]?\d)\s*/\s*(?P<m1>[01]?\d)\s*[-–]\s*(?P<d2>[0-3]?\d)\s*/\s*(?P<m>[01]?\d)(?:\s*/\s*{_Y})?(?![\d/])",
        ),
        (
            "range",
            rf"{_DIGIT_AHEAD}(?P<d1>[0-3]?\d)\s*[-–]\s*(?P<d2>[0-3]?\d)\s*/\s*{_M}(?:\s*/\s*{_Y})?(?![\d/])",
        ),
        (
            "range_to",
            rf"{_DIGIT_AHEAD}(?P<d1>[0-3]?\d)\s+(?:đến|tới)\s+(?:ngày\s+)?(?P<d2>[0-3]?\d)(?P<s>[-/.]){_M}(?:(?P=s){_Y})?(?![\d/-])",
        ),
        ("full", rf"{_DIGIT_AHEAD}{_D}(?P<s>[-/.]){_M}(?P=s){_Y}"),
        ("english", rf"{_DIGIT_AHEAD}(?P<d>[0-3]?\d)\s+(?P<mon>{_MONTHS_EN})\s*,?\s+{_Y}"),
        ("english_us", rf"(?P<mon>{_MONTHS_EN})\s+(?P<d>[0-3]?\d)\s*,\s*{_Y}"),
        ("quarter", rf"quý\s+(?P<q>IV|I{{1,3}}|[1-4])\s*[/-]\s*{_Y}"),
        ("month_year", rf"tháng\s+{_M}(?:\s*[-/]\s*|\s+năm\s+){_Y}"),
        ("month_this_year", r"tháng\s+(?P<m>[01]?\d)\s+năm\s+nay"),
        ("month", r"tháng\s+(?P<m>[01]?\d)(?![\d/-])"),
        ("year", rf"(?:(?:đầu|cuối|giữa)\s+)?năm\s+{_Y}(?![\d/-])"),
        (
            "day_month",
            rf"{_DIGIT_AHEAD}(?:(?<={_CUE})|(?<=\()|(?<=,\s)(?=\d{{1,2}}[-/]\d{{1,2}},))(?P<d>[0-3]?\d)(?P<s>[-/])(?P<m>[01]?\d)(?![\d/-]|\s*[-/]\s*\d)",
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
    "range_months_to": _has("đến", "tới"),
    "day_pair": _has(" và "),
    "range_words": _has("tháng"),
    "words": _has("tháng"),
    "range_months": _digit_then_separator,
    "range": _digit_then_separator,
    "range_to": _has("đến", "tới"),
    "english": _has(*_MONTHS_EN.split("|")),
    "english_us": _has(*_MONTHS_EN.split("|")),
    "quarter": _has("quý"),
    "month_this_year": _has("năm nay"),
    "full": _digit_then_separator,
    "month_year": _has("tháng"),
    "month": _has("tháng"),
    "year": _has("năm"),
    "day_month": _digit_then_separator,
}


@dataclass(frozen=True)
class DateMatch:
    """A date in the text: `text` as written (without `ngày`), `iso` when its year is known.

    A date written without its year keeps what it says in `month_day` (a range also in `until`, its
    last day) or `month` (`tháng 6 năm nay`), for `infer_years` to complete."""

    start: int
    end: int
    text: str
    iso: str | None
    month_day: tuple[int, int] | None = None
    year_inferred: bool = False
    until: tuple[int, int] | None = None
    month: int | None = None


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
    if name in {"range", "range_to", "range_words", "range_months", "range_months_to", "day_pair"}:
        return _range(g, text, start, end)
    if name in {"english", "english_us"}:
        month = _MONTHS_EN.split("|").index(g["mon"].lower()) + 1
        iso = _iso_day(int(g["y"]), month, int(g["d"]))
        return DateMatch(start, end, text, iso, (month, int(g["d"]))) if iso else None
    if name in {"full", "words"} and g.get("y"):
        iso = _iso_day(int(g["y"]), int(g["m"]), int(g["d"]))
        return DateMatch(start, end, text, iso, (int(g["m"]), int(g["d"]))) if iso else None
    if name in {"words", "day_month"}:
        day, month = int(g["d"]), int(g["m"])
        if _iso_day(2000, month, day) is None:
            return None
        return DateMatch(start, end, text, None, (month, day))
    if name == "quarter":
        q = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(g["q"].upper()) or int(g["q"])
        return DateMatch(start, end, text, f"{g['y']}-{3 * q - 2:02d}/{g['y']}-{3 * q:02d}")
    if name == "month_year":
        month = int(g["m"])
        return DateMatch(start, end, text, f"{g['y']}-{month:02d}") if 1 <= month <= 12 else None
    if name in {"month", "month_this_year"}:
        month = int(g["m"])
        if not 1 <= month <= 12:
            return None
        return DateMatch(start, end, text, None, month=month if name == "month_this_year" else None)
    if name == "year":
        return DateMatch(start, end, text, g["y"])
    return None


def _range(g: dict[str, str], text: str, start: int, end: int) -> DateMatch | None:
    """`6-10/6/2022`, `5 đến 9/8`, `10/2-14/3/2020`, `28/2 đến 2/3/2025`, `4 (thứ hai) đến 8 tháng 6
    năm 2019`; two or more days of one month (`ngày 14 và 15/6`) run from the first to the last."""
    month = int(g["m"])
    first_month = int(g.get("m1") or month)
    d1, d2 = int(g["d1"]), int(g["d2"])
    if _iso_day(2000, first_month, d1) is None or _iso_day(2000, month, d2) is None:
        return None
    if (first_month, d1) >= (month, d2):
        return None
    if not g.get("y"):
        return DateMatch(start, end, text, None, (first_month, d1), until=(month, d2))
    y = int(g["y"])
    return DateMatch(
        start,
        end,
        text,
        f"{_iso_day(y, first_month, d1)}/{_iso_day(y, month, d2)}",
        (first_month, d1),
    )


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def infer_years(
    dates: list[DateMatch], published: str | None, story_year: int | None = None
) -> list[DateMatch]:
    """Give dates without a year one: the publication year, else that of a dated mention of the
    same month, else the year the story is set in (`story_year`); and say so (`year_inferred`)."""
    pub_year = _year_of(published)
    known: dict[int, int] = {}
    for d in dates:
        if d.iso and d.month_day:
            known.setdefault(d.month_day[0], int(d.iso[:4]))
    out = []
    for d in dates:
        if d.iso is None and (d.month_day is not None or (d.month and pub_year)):
            month = d.month_day[0] if d.month_day else d.month or 0
            year = pub_year or known.get(month) or story_year
            iso = _complete(d, year) if year else None
            if iso:
                d = replace(d, iso=iso, year_inferred=True)
        out.append(d)
    return out


def _complete(d: DateMatch, year: int) -> str | None:
    if d.month_day is None:
        return f"{year}-{d.month:02d}" if d.month else None
    first = _iso_day(year, d.month_day[0], d.month_day[1])
    if d.until is None or first is None:
        return first
    last = _iso_day(year, d.until[0], d.until[1])
    return f"{first}/{last}" if last else None


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
