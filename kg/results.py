"""Query results as typed tables: one convention for missing values, dates as ISO text with their
precision, and the three ways a table is printed (text, CSV, JSON).

Every column gets a pandas nullable dtype: `string` for text and IRIs, `Int64` for integers,
`Float64` for decimals, `boolean` for booleans. A missing value is `pd.NA` everywhere (an unbound
variable, or an empty string, which the listings give for an empty list). A date column (typed
`xsd:date`, `xsd:gYearMonth` or `xsd:gYear`, or named like one: `date`, `statedOn` …) holds ISO
8601 text: `2022-06-06`, `2022-06`, `2022` or a range `2022-06-06/2022-06-10`; a value that is no
such date (a day and month the article gave without a year) is missing; beside it, a column
`<name>_precision` says `day`, `month`, `year` or `range`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pandas as pd
import pyoxigraph as ox

from . import terminal
from .analyze.dates import precision
from .model import KgError
from .store import Table, Term

XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = {XSD + "date", XSD + "gYearMonth", XSD + "gYear", XSD + "dateTime"}
DATE_COLUMNS = {"date", "statedOn", "signedOn", "heldOn", "datePublished", "published"}
FORMATS = ("table", "csv", "json")
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger")}
_FLOATS = {XSD + t for t in ("decimal", "double", "float")}


def python_value(value: Term | None) -> object:
    """IRIs and strings as str, numbers as int/float, booleans as bool, dates as ISO text,
    unbound as None."""
    if value is None:
        return None
    if not isinstance(value, ox.Literal):
        return str(value) if isinstance(value, ox.Triple) else value.value
    datatype = value.datatype.value
    try:
        if datatype in _INTEGERS:
            return int(value.value)
        if datatype == XSD + "decimal":
            return float(Decimal(value.value))
        if datatype in _FLOATS:
            return float(value.value)
        if datatype == XSD + "boolean":
            return value.value in ("true", "1")
    except ValueError:
        return value.value
    if datatype == XSD + "dateTime":
        return value.value[:10]
    return value.value


def _is_date_column(name: str, terms: list[Term | None]) -> bool:
    bound = [t for t in terms if t is not None]
    if name in DATE_COLUMNS:
        return True
    return bool(bound) and all(
        isinstance(t, ox.Literal) and t.datatype.value in DATE_TYPES for t in bound
    )


def _dtype(values: list[object]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "Int64"
    if kinds and kinds <= {int, float}:
        return "Float64"
    return "string"


def frame(table: Table) -> pd.DataFrame:
    """A result table (RDF terms) as a typed DataFrame (see the module's conventions)."""
    columns: dict[str, pd.Series] = {}
    for i, name in enumerate(table.columns):
        terms = [row[i] for row in table.rows]
        values = [python_value(t) for t in terms]
        values = [None if v == "" else v for v in values]
        if _is_date_column(name, terms):
            found = [precision(str(v)) if v is not None else None for v in values]
            columns[name] = pd.Series(
                [v if p else None for v, p in zip(values, found, strict=True)], dtype="string"
            )
            columns[f"{name}_precision"] = pd.Series(found, dtype="string")
            continue
        kind = _dtype(values)
        if kind == "string":
            values = [None if v is None else str(v) for v in values]
        columns[name] = pd.Series(values, dtype=kind)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(table.rows)))


def _plain(value: Any) -> Any:
    if value is pd.NA or value is None:
        return None
    return value.item() if hasattr(value, "item") else value


def render(table: pd.DataFrame, fmt: str, width: int | None = None) -> str:
    """A result as a text table fitted to `width` columns (the terminal's by default; a cell too
    long is cut with an ellipsis, control characters escaped), CSV or JSON (an array of records;
    null where missing, text as written: no `\\/`, no `\\u` escapes of Vietnamese letters)."""
    if fmt == "csv":
        return str(table.to_csv(index=False))
    if fmt == "json":
        records = [
            {column: _plain(value) for column, value in zip(table.columns, row, strict=True)}
            for row in table.itertuples(index=False, name=None)
        ]
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if fmt == "table":
        if table.empty:
            return "(no results)\n"
        rows = [
            ["" if pd.isna(v) else str(v) for v in row]
            for row in table.itertuples(index=False, name=None)
        ]
        return "\n".join(terminal.table([str(c) for c in table.columns], rows, width)) + "\n"
    raise KgError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
