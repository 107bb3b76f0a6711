"""N-Triples text: terms as kg.rdf writes them (`<iri>`, `"text"@vi`, `"12"^^<…#integer>`), the
escaping of literals and the unescaping that reads them back (also from Oxigraph's TSV results,
which escape tabs and code points too), and rdflib terms and quads written as N-Quads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib import XSD, Literal, URIRef
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import Node

Quad = tuple[Node, Node, Node, Node | None]  # subject, predicate, object, graph (None: default)

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


class Terms:
    """A vocabulary's terms in N-Triples syntax (`<iri>`), each made once, on first use."""

    def __init__(self, namespace: Namespace | type[DefinedNamespace]) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = f"<{self._namespace[name]}>"
        setattr(self, name, term)
        return term


XSD_TERMS = Terms(XSD)


def rdflib_term(term: str) -> Node:
    """A term in N-Triples syntax as rdflib makes it, its lexical form kept as written."""
    if term.startswith("<"):
        return URIRef(term[1:-1])
    body, _, suffix = term[1:].rpartition('"')
    if suffix.startswith("@"):
        return Literal(unescape(body), lang=suffix[1:])
    if suffix.startswith("^^"):
        return Literal(unescape(body), datatype=URIRef(suffix[3:-1]), normalize=False)
    return Literal(unescape(body))


def nt_iri(value: str) -> str:
    return f"<{value}>"


def nt_plain(text: str) -> str:
    return f'"{escape(text)}"'


def nt_vi(text: str) -> str:
    return f'"{escape(text)}"@vi'


def nt_typed(lexical: str, datatype: str) -> str:
    return f'"{escape(lexical)}"^^{datatype}'


def nt_integer(value: int) -> str:
    return f'"{value}"^^{XSD_TERMS.integer}'


def nt_boolean(value: bool) -> str:
    return f'"{"true" if value else "false"}"^^{XSD_TERMS.boolean}'


def nt_decimal(value: float) -> str:
    """Rounded to 4 places, written as rdflib writes a Decimal (`0.8`, never `8E-1`)."""
    return f'"{Decimal(str(round(value, 4))):f}"^^{XSD_TERMS.decimal}'


def nt_term(term: Node) -> str:
    """One rdflib term in N-Triples syntax (IRIs and literals only: the data has no blank nodes)."""
    if isinstance(term, Literal):
        if term.language:
            return f'"{escape(str(term))}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return nt_typed(str(term), f"<{term.datatype}>")
        return nt_plain(str(term))
    return f"<{term}>"


def to_nquads(quads: Iterable[Quad]) -> str:
    """N-Quads text, one statement a line (a quad of the default graph without its graph name),
    sorted and without duplicates."""
    lines = {" ".join(nt_term(t) for t in quad if t is not None) + " .\n" for quad in quads}
    return "".join(sorted(lines))
