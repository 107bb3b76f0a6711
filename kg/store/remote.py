"""A remote store: any SPARQL 1.1 server, through the Query, Update and Graph Store protocols."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..model import KgError
from ..sparql import OPAQUE
from ..vocab import PREFIXES, in_merged_graph
from .base import COUNT_TRIPLES, Bindings, Table, Term, quad_order, value

_DROP = """DELETE {{ ?s ?p ?o }} WHERE {{
  GRAPH <{graph}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }}
}} ;
DROP SILENT GRAPH <{graph}>"""


@dataclass(frozen=True)
class Endpoints:
    """Where a SPARQL 1.1 server takes queries, updates and Graph Store requests."""

    query: str
    update: str
    store: str

    @classmethod
    def of(cls, url: str) -> Endpoints:
        """The endpoints a URL names. A bare server (`http://host:7878`) is laid out as Oxigraph
        is: `/query`, `/update`, `/store`. A URL ending in `/query` or `/sparql` is the query
        endpoint (what `kg serve` prints), with `update` and `store` beside it. Any other URL is
        one endpoint for all three, as the Protocol and the Graph Store Protocol allow (Fuseki's
        dataset URL `http://host:3030/ds`, for one)."""
        parts = urllib.parse.urlsplit(url.rstrip("/"))
        path = parts.path
        if not path:
            base = url.rstrip("/")
            return cls(f"{base}/query", f"{base}/update", f"{base}/store")
        head, _, last = path.rpartition("/")
        if last in ("query", "sparql"):
            beside = [
                urllib.parse.urlunsplit(parts._replace(path=f"{head}/{n}"))
                for n in ("update", "store")
            ]
            return cls(url.rstrip("/"), beside[0], beside[1])
        same = url.rstrip("/")
        return cls(same, same, same)


class RemoteStore:
    """A SPARQL 1.1 server: Query and Update protocols, Graph Store protocol for loads."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.endpoints = Endpoints.of(url)
        self.timeout = timeout

    def select(self, sparql: str, bindings: Bindings | None = None) -> Table:
        data = self._query(substitute(sparql, bindings or {}))
        columns = list(data.get("head", {}).get("vars", []))
        rows = [
            [_json_term(b[c]) if c in b else None for c in columns]
            for b in data.get("results", {}).get("bindings", [])
        ]
        return Table(columns, rows)

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql).get("boolean", False))

    def values(self, sparql: str) -> Iterator[list[str]]:
        for row in self.select(sparql).rows:
            yield [value(term) for term in row]

    def _query(self, sparql: str) -> dict[str, Any]:
        body = self._send(
            self.endpoints.query,
            with_prefixes(sparql).encode("utf-8"),
            "application/sparql-query",
            accept="application/sparql-results+json",
        )
        try:
            result: dict[str, Any] = json.loads(body)
        except ValueError:  # Oxigraph's --timeout-s cuts the results off and still answers 200
            tail = " ".join(body[-120:].decode("utf-8", "replace").split())
            raise KgError(f"{self.url} sent an incomplete answer (…{tail})") from None
        return result

    def update(self, sparql: str) -> None:
        body = with_prefixes(sparql).encode("utf-8")
        self._send(self.endpoints.update, body, "application/sparql-update")

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Per graph: its statements leave the default graph unless another graph states them."""
        statements = [_DROP.format(graph=g) for g in graphs]
        if statements:
            self.update(" ;\n".join(statements))

    def load_nquads(self, nquads: str | bytes, merged: bytes | None = None) -> None:
        """One Graph Store POST of N-Triples per named graph, and one of their merge."""
        by_graph: dict[str, list[str]] = {}
        union: set[str] = set()
        data = nquads.encode("utf-8") if isinstance(nquads, str) else nquads
        for quad in ox.parse(data, ox.RdfFormat.N_QUADS):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode):
                line = f"{quad.triple} .\n"
                by_graph.setdefault(graph.value, []).append(line)
                if in_merged_graph(str(quad.subject), str(quad.predicate)):
                    union.add(line)
        for graph, lines in by_graph.items():
            target = f"{self.endpoints.store}?{urllib.parse.urlencode({'graph': graph})}"
            self._send(target, "".join(lines).encode("utf-8"), "application/n-triples")
        if union:
            body = "".join(sorted(union)).encode("utf-8")
            self._send(f"{self.endpoints.store}?default", body, "application/n-triples")

    def quads(self) -> Iterator[ox.Quad]:
        table = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in table.rows:
            if not isinstance(s, ox.NamedNode | ox.BlankNode) or o is None:
                continue
            if isinstance(p, ox.NamedNode) and isinstance(g, ox.NamedNode):
                yield ox.Quad(s, p, o, g)

    def graph_names(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return sorted(value(row[0]) for row in rows if isinstance(row[0], ox.NamedNode))

    def quads_in(self, graph: str) -> list[ox.Quad]:
        name = ox.NamedNode(graph)
        table = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")
        found = [
            ox.Quad(s, p, o, name)
            for s, p, o in table.rows
            if isinstance(s, ox.NamedNode | ox.BlankNode)
            and isinstance(p, ox.NamedNode)
            and o is not None
        ]
        return sorted(found, key=quad_order)

    def count(self) -> int:
        named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        return self._number(named) + self.triples()

    def triples(self) -> int:
        return self._number(COUNT_TRIPLES)

    def optimize(self) -> None:
        return None

    def _number(self, sparql: str) -> int:
        rows = self.select(sparql).rows
        return int(value(rows[0][0]) or 0) if rows else 0

    def close(self) -> None:
        return None

    def _send(self, url: str, body: bytes, content_type: str, accept: str = "*/*") -> bytes:
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": content_type, "Accept": accept}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            reason = detail[0] if detail else err.reason
            raise KgError(f"{self.url} answered {err.code}: {reason}") from None
        except (urllib.error.URLError, OSError) as err:
            raise KgError(f"cannot reach the SPARQL server at {self.url}: {err}") from None


def with_prefixes(sparql: str) -> str:
    """The query with our prefixes declared (the protocol has no default prefixes)."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+(\w*):", sparql, re.IGNORECASE)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p.lower() not in declared]
    return "\n".join([*lines, sparql])


_TOKENS = re.compile(
    rf"(?P<opaque>{OPAQUE})|(?P<var>[?$](?P<name>\w+))|(?P<select>\bSELECT\b)"
    r"|(?P<body>\{|\bWHERE\b)|(?P<end>\})|(?P<modifier>\bGROUP\s+BY\b|\bORDER\s+BY\b|\bHAVING\b)"
    r"|(?P<open>\()|(?P<close>\))",
    re.IGNORECASE,
)


def substitute(sparql: str, bindings: Bindings) -> str:
    """SEP-0007 substitution for servers, which take no bindings: each parameter variable is
    replaced by its RDF term in N-Triples syntax (escaped, so a value is only ever a literal or
    an IRI). Where a bare term is not SPARQL, it is wrapped: projected as `(term AS ?var)`, and
    in GROUP BY, ORDER BY and HAVING as the expression `(term)` (grouping by a constant groups
    as before)."""
    if not bindings:
        return sparql
    out: list[str] = []
    pos, mode, depth = 0, "body", 0
    for match in _TOKENS.finditer(sparql):
        kind = match.lastgroup
        if kind == "select":
            mode, depth = "projection", 0
        elif kind in ("body", "end"):
            mode = "body"
        elif kind == "modifier":
            mode = "modifier"
        elif kind in ("open", "close"):
            depth += 1 if kind == "open" else -1
        elif kind == "var" and match["name"] in bindings:
            term = str(bindings[match["name"]])
            if mode == "projection" and depth == 0:
                term = f"({term} AS ?{match['name']})"
            elif mode == "modifier":
                term = f"({term})"
            out += [sparql[pos : match.start()], term]
            pos = match.end()
    return "".join(out) + sparql[pos:]


def _json_term(value: dict[str, str]) -> Term:
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])
