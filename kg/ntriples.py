"""N-Triples literal text: the escaping kg.rdf writes and the unescaping that reads it back (also
from Oxigraph's TSV results, which escape tabs and code points too)."""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f"}


def escape(text: str) -> str:
    """A literal's text as N-Triples writes it between quotes (the backslash first)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _unescaped(match: re.Match[str]) -> str:
    code = match[1]
    if code[0] in "uU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPED.get(code, code)


def unescape(text: str) -> str:
    """The text of a literal written between quotes: `\\"`, `\\\\`, `\\n`, `\\t`, `\\u00e9`, …"""
    return _ESCAPE.sub(_unescaped, text) if "\\" in text else text
