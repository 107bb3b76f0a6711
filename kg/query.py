"""Query: SPARQL over a built graph (folder or server URL), by text or by name, as a table.

Named queries are the `ontology/queries/<name>.rq` files; their header says what they return and
which parameters they take: `# param NAME: optional|required KIND help`, where KIND is `name` (an
entity name, matched through `kg:nameKey`, so case and tone-mark placement do not matter), `date`
(YYYY-MM-DD, an xsd:date), `predicate` (one of the 18, as its kg: IRI), `text` (a string) or
`page` (1, 2, …: the `kg:pageNumber` of a page `kg:pageOf kgr:list/<query>`, 1 when not given;
see `kg.pages`). Parameters are bound as initial bindings (typed RDF terms), never pasted into the
query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyoxigraph as ox

from . import terminal
from .clean import ascii_key, match_key
from .iri import listing_iri
from .lexicon import ontology_dir
from .model import PREDICATES, KgError, iso_date
from .names import Candidate, choose
from .results import XSD, frame, python_value
from .results import render as render
from .store import Bindings, GraphStore, Table, Term, open_store, value
from .vocab import KG_NS

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_PARAM = re.compile(
    r"^#\s*param\s+(\w+):\s*(optional|required)\s+(name|date|predicate|text|page)\b\s*(.*)$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    kind: str
    help: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: tuple[Param, ...]


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def read_named_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    description = header[0].lstrip("# ").split(":", 1)[-1].strip() if header else ""
    params = tuple(
        Param(m[1], m[2] == "required", m[3], m[4].strip())
        for m in (_PARAM.match(line) for line in header)
        if m
    )
    return NamedQuery(path.stem, description, text, params)


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {p.stem: read_named_query(p) for p in sorted(queries_dir().glob("*.rq"))}


def resolve(sparql_or_name: str) -> NamedQuery:
    """A named query, or ad-hoc SPARQL text wrapped as a query without declared parameters."""
    text = sparql_or_name.strip()
    if _NAME.match(text):
        found = named_queries()
        if text not in found:
            names = ", ".join(sorted(found))
            raise KgError(f"no named query {text!r} in {queries_dir()}; named queries: {names}")
        return found[text]
    return NamedQuery("", "", sparql_or_name, ())


def parse_params(pairs: list[str]) -> dict[str, str]:
    """`NAME=VALUE` strings from the command line as a dict."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not re.match(r"^\w+$", name):
            raise KgError(f"--param {pair!r}: write it as NAME=VALUE")
        params[name] = value
    return params


def term(value: str, kind: str | None = None) -> Term:
    """A parameter value as an RDF term of its declared kind; undeclared: an ISO date is an
    xsd:date, anything else a string."""
    if kind == "name":
        return ox.Literal(match_key(value))
    if kind == "predicate":
        if value not in PREDICATES:
            raise KgError(f"unknown predicate {value!r}; use one of: {', '.join(PREDICATES)}")
        return ox.NamedNode(KG_NS + value)
    day = iso_date(value) if _ISO_DATE.match(value) else None
    if kind == "date" and day is None:
        raise KgError(f"{value!r} is not a date: write it as YYYY-MM-DD")
    if kind in ("date", None) and day is not None:
        return ox.Literal(day, datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(value)


def bindings(named: NamedQuery, params: dict[str, str]) -> Bindings:
    declared = {p.name for p in named.params}
    kinds = {p.name: p.kind for p in named.params}
    if named.name:
        unknown = sorted(set(params) - declared)
        if unknown:
            raise KgError(
                f"query {named.name!r} takes no parameter {unknown[0]!r}; "
                f"it takes: {', '.join(sorted(declared)) or 'none'}"
            )
        missing = [p.name for p in named.params if p.required and p.name not in params]
        if missing:
            raise KgError(f"query {named.name!r} needs --param {missing[0]}=VALUE")
    bound = {
        name: page_term(value) if kinds.get(name) == "page" else term(value, kinds.get(name))
        for name, value in params.items()
    }
    for p in named.params:  # a listing shows its first page unless told otherwise
        if p.kind == "page" and p.name not in bound:
            bound[p.name] = page_term("1")
    return bound


def page_term(value: str) -> Term:
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise KgError(f"page {value!r}: write a page number, 1 or more")
    return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))


def run(
    location: str | Path,
    sparql_or_name: str,
    params: dict[str, str] | None = None,
    chosen: dict[str, str] | None = None,
) -> Table:
    """The raw result table (RDF terms) of a query against a folder or a server URL. Each `name`
    parameter is bound to the key of the entity it means (kg.names; `chosen` gets its IRI)."""
    named = resolve(sparql_or_name)
    bound = bindings(named, params or {})
    store = open_store(location, read_only=True)
    try:
        for p in named.params:
            if p.kind == "name" and p.name in (params or {}):
                key, iri = name_key(store, (params or {})[p.name])
                bound[p.name] = ox.Literal(key)
                if iri and chosen is not None:
                    chosen[p.name] = iri
        table = store.select(named.text, bound)
    finally:
        store.close()
    hidden = {p.name for p in named.params}
    keep = [i for i, c in enumerate(table.columns) if c not in hidden]
    return Table([table.columns[i] for i in keep], [[row[i] for i in keep] for row in table.rows])


_CANDIDATES = """
SELECT ?entity ?label ?type (GROUP_CONCAT(DISTINCT ?key; separator="\\u001f") AS ?keys)
       (COUNT(DISTINCT ?g) AS ?sources) WHERE {
  { ?entity kg:nameKey %(exact)s } UNION { ?entity kg:nameKey %(folded)s }
  ?entity rdfs:label ?label ; kg:entityType ?type ; kg:nameKey ?key .
  OPTIONAL { GRAPH ?g { ?entity kg:entityType ?type } }
} GROUP BY ?entity ?label ?type"""


def name_key(store: GraphStore, name: str) -> tuple[str, str | None]:
    """The name key to look `name` up by, and the IRI of the entity it means (kg.names: case and
    diacritics folded, the tie broken and said); `name` as a key when no entity has it."""
    found: dict[str, Candidate] = {}
    # the keys as escaped RDF terms (a literal can be nothing else), not bound: Oxigraph binds
    # only variables a query projects
    terms = {"exact": ox.Literal(match_key(name)), "folded": ox.Literal(ascii_key(name))}
    for entity, label, kind, keys, sources in store.select(_CANDIDATES % terms).rows:
        iri, text = value(entity), value(label)
        known = found.get(iri)
        text = min(text, known.label) if known else text
        names = (text, *value(keys).split("\u001f"))
        found[iri] = Candidate(iri, text, value(kind), names, int(value(sources) or 0))
    choice = choose(name, found.values())
    if choice is None:
        return match_key(name), None
    # the key as typed when it names the chosen entity alone, else the key of its label
    own = {match_key(n) for n in choice.chosen.names}
    typed = match_key(name)
    key = typed if typed in own and not choice.others else match_key(choice.chosen.label)
    return key, choice.chosen.id


def page_note(location: str | Path, sparql_or_name: str, params: dict[str, str]) -> str | None:
    """`page 2 of 74` for a listing query (one taking a `page` parameter), else None."""
    named = resolve(sparql_or_name)
    page = next((p.name for p in named.params if p.kind == "page"), None)
    if page is None:
        return None
    store = open_store(location, read_only=True)
    try:
        rows = store.select(_PAGE_COUNT, {"list": ox.NamedNode(listing_iri(named.name))}).rows
    finally:
        store.close()
    total = int(value(rows[0][0])) if rows and rows[0][0] is not None else 0
    current = int(params.get(page, "1"))
    if current > max(total, 1):
        raise KgError(
            f"{named.name} has {total} page(s): --param {page}={current} is past the last"
        )
    more = f"; --param {page}={current + 1} for the next" if current < total else ""
    return f"{named.name}: page {current} of {total}{more}"


_PAGE_COUNT = "SELECT ?n ?list WHERE { ?list kg:pageCount ?n }"


def query(
    location: str | Path, sparql_or_name: str, params: dict[str, str] | None = None
) -> pd.DataFrame:
    """A SELECT query (SPARQL text or a named query) as a typed DataFrame (kg.results: nullable
    dtypes, pd.NA where missing, dates as ISO text with a `_precision` column). The entity each
    name parameter was taken to mean is in `.attrs["chosen"]` (name → IRI)."""
    chosen: dict[str, str] = {}
    table = frame(run(location, sparql_or_name, params, chosen))
    table.attrs["chosen"] = chosen
    return table


# ---------------------------------------------------------------- explain

_EXPLAIN = """
SELECT DISTINCT ?entity ?type ?class ?label ?alt ?reason ?sentence ?start ?source ?name WHERE {
  { ?entity kg:nameKey ?name ; kg:entityType ?type ; rdfs:label ?label }
  UNION { ?entity kg:nameKey ?name ; a ?class }
  UNION { ?entity kg:nameKey ?name ; skos:altLabel ?alt }
  UNION { ?entity kg:nameKey ?name ; kg:mergeReason ?reason }
  UNION {
    ?entity kg:nameKey ?name .
    GRAPH ?g {
      ?entity kg:mentionedIn ?where .
      { ?where kg:inDocument ?doc ; kg:text ?sentence ; kg:startOffset ?start .
        ?doc kg:sourcePath ?source }
      UNION { ?where kg:sourcePath ?source }
    }
  }
}"""
# A mention is in a sentence, or (when no sentence holds it) in the document itself: the two cases
# as a UNION. `(kg:inDocument?)/kg:sourcePath` and a free `?doc kg:sourcePath` in the graph both
# scanned far more than the entity's mentions (2-4 s at 10,000 articles; this form 3 ms).


@dataclass
class Explanation:
    """What the graph knows of one entity and where it read it."""

    iri: str
    type: str
    labels: list[str]
    classes: list[str]
    spellings: list[str]
    merge_reasons: list[str]
    mentions: list[tuple[str, int, str]]

    def lines(self) -> list[str]:
        out = [
            f"{' / '.join(self.labels)}  ({self.type}: {', '.join(self.classes)})",
            f"  iri: {self.iri}",
        ]
        if self.spellings:
            out.append(f"  also written: {'; '.join(self.spellings)}")
        out += [f"  merged because: {reason}" for reason in self.merge_reasons]
        out.append(f"  mentioned in {len({m[0] for m in self.mentions})} document(s):")
        out += [f"    {src} [{start}]: {text}" for src, start, text in self.mentions]
        return [terminal.safe(line) for line in out]


def explain(location: str | Path, name: str) -> list[Explanation]:
    """Each entity called `name` (any spelling, case-insensitive): type, labels, mentions."""
    store = open_store(location, read_only=True)
    try:
        key, _ = name_key(store, name)
        table = store.select(_EXPLAIN, {"name": ox.Literal(key)})
    finally:
        store.close()
    found: dict[str, Explanation] = {}
    for row in table.rows:
        entity, kind, cls, label, alt, reason, sentence, start, source = (
            python_value(v) for v in row[:9]
        )
        item = found.setdefault(str(entity), Explanation(str(entity), "", [], [], [], [], []))
        item.type = item.type or str(kind or "")
        _add(item.labels, label)
        _add(item.classes, cls and str(cls).rsplit("#", 1)[-1])
        _add(item.spellings, alt)
        _add(item.merge_reasons, reason)
        if source is not None:
            mention = (
                str(source),
                int(str(start)) if start is not None else -1,
                str(sentence or ""),
            )
            if mention not in item.mentions:
                item.mentions.append(mention)
    for item in found.values():
        item.mentions.sort()
        item.classes.sort()
    if not found:
        raise KgError(f"no entity named {name!r} in {location}")
    return list(found.values())


def _add(values: list[str], value: object) -> None:
    if value is not None and str(value) not in values:
        values.append(str(value))
