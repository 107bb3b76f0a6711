"""ISO dates as the graph holds them (`2023-04-12`, `2023-04`, `2023`, `a/b` ranges), as intervals."""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..model import KgError

Interval = tuple[date, date]
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def iso_interval(text: str) -> Interval | None:
    """The days an ISO date covers: `2022-06` → June 2022; `2022-06-06/2022-06-10` → that range."""
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = iso_interval(first.strip()), iso_interval(last.strip())
        return (start[0], end[1]) if start and end else None
    match = _ISO.match(text.strip())
    if not match:
        return None
    year, month, day = (int(x) if x else None for x in match.groups())
    assert year is not None
    try:
        if day and month:
            return date(year, month, day), date(year, month, day)
        if month:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def precision(text: str) -> str | None:
    """`day`, `month`, `year` or `range` for an ISO date, None for anything else."""
    if iso_interval(text) is None:
        return None
    if "/" in text:
        return "range"
    return {1: "year", 2: "month", 3: "day"}[len(text.strip().split("-"))]


def query_interval(start: str | None, end: str | None) -> Interval:
    """The days from `start` to `end` as a user gives them (either open); a user error when one
    cannot be read."""
    lo, hi = date.min, date.max
    if start:
        parsed = iso_interval(start)
        if parsed is None:
            raise KgError(f"cannot read the date {start!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        lo = parsed[0]
    if end:
        parsed = iso_interval(end)
        if parsed is None:
            raise KgError(f"cannot read the date {end!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        hi = parsed[1]
    return lo, hi
