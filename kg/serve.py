"""Serve: a built graph read-only over the SPARQL 1.1 Protocol, safe to leave open to hostile clients.

What keeps it safe is how queries run, not what their text looks like: every query goes to an
engine process (`kg.engine`) that has no network (so `SERVICE` cannot fetch anything), holds the
store read-only and is only ever asked `Store.query` (so nothing writes), runs each query on a stack
deep enough for any query of the accepted size (so a nesting bomb cannot overflow it), and is
killed at the deadline and replaced (so a runaway query stops using the CPU). In front of the
engines, waitress (a WSGI server) takes the connections: a listen backlog of 1,024, a bounded
number of connections and threads, idle connections closed; when no engine can take a query soon,
the answer is 503 with Retry-After, never a reset.

Routes: `/query` (and `/sparql`): GET, HEAD and POST per the Protocol (`default-graph-uri` and
`named-graph-uri` honoured); `/store`: Graph Store Protocol reads of `?default` or `?graph=IRI`;
`/`: an offline query page. Writes of any kind get 403. CORS is on (`*`) by default on loopback.
On loopback, requests naming another host are refused (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import Answer, Busy, EnginePool, Request
from .model import KgError

# The Oxigraph server's helpers, importable from here as before.
from .oxigraph_server import oxigraph_binary as oxigraph_binary
from .oxigraph_server import start_oxigraph as start_oxigraph
from .oxigraph_server import stop_process as stop_process
from .oxigraph_server import wait_ready as wait_ready
from .sparql import MAX_QUERY_CHARS
from .store import store_path

_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
_QUERY_TYPES = ("application/sparql-query", "application/x-www-form-urlencoded")
_STATUS = {
    200: "200 OK",
    204: "204 No Content",
    400: "400 Bad Request",
    403: "403 Forbidden",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    413: "413 Content Too Large",
    415: "415 Unsupported Media Type",
    500: "500 Internal Server Error",
    503: "503 Service Unavailable",
}
_OUTCOME_STATUS = {
    "ok": 200,
    "invalid": 400,
    "failed": 400,
    "service": 403,
    "too-large": 413,
    "timeout": 503,
    "crashed": 503,
}
Headers = list[tuple[str, str]]
StartResponse = Callable[[str, Headers], Any]


@dataclass(frozen=True)
class Limits:
    """What one request may cost, and how much the server takes on at once."""

    timeout: float = 30.0
    max_result: int = 64 * 1024 * 1024
    max_request: int = 1024 * 1024
    engines: int = max(1, min(4, os.cpu_count() or 1))
    threads: int = 16
    connections: int = 256
    backlog: int = 1024
    idle: int = 15


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


# ---------------------------------------------------------------- the WSGI application


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def refuse(status: int, message: str, *headers: tuple[str, str]) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)


class Endpoint:
    """The WSGI application: routes, the read-only rules, CORS, and the engines behind them."""

    def __init__(
        self,
        pool: EnginePool,
        limits: Limits,
        page: bytes,
        check_host: bool,
        cors: tuple[str, ...],
    ) -> None:
        self.pool, self.limits, self.page = pool, limits, page
        self.check_host, self.cors = check_host, cors

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        try:
            reply = self.route(method, environ)
        except Exception as err:  # a bug must not cost the client its answer
            reply = refuse(500, f"the request could not be handled: {type(err).__name__}")
        headers = [
            ("Content-Type", reply.content_type),
            ("Content-Length", str(len(reply.body))),
            *reply.headers,
            *self.cors_headers(environ, method),
        ]
        start_response(_STATUS.get(reply.status, f"{reply.status} Error"), headers)
        return [b"" if method == "HEAD" else reply.body]

    def route(self, method: str, environ: dict[str, Any]) -> Reply:
        path = environ.get("PATH_INFO", "/").rstrip("/") or "/"
        host = _host(environ.get("HTTP_HOST", ""))
        if self.check_host and host and not is_loopback(host):
            return refuse(403, "this endpoint answers requests to localhost only")
        if method == "OPTIONS":
            return Reply(204, "text/plain", b"", (("Allow", "GET, HEAD, POST, OPTIONS"),))
        params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if path == "/" and "query" not in params:
            return self.page_reply(method)
        if path in ("/", "/query", "/sparql"):
            return self.query_reply(method, environ, params)
        if path == "/store":
            return self.store_reply(method, params)
        if path == "/update":
            return refuse(403, "read-only endpoint: no SPARQL Update")
        return refuse(404, "not found: the endpoint is /query (and /store, and the page at /)")

    def page_reply(self, method: str) -> Reply:
        if method not in ("GET", "HEAD"):
            return refuse(405, "the page at / is read with GET", ("Allow", "GET, HEAD, OPTIONS"))
        return Reply(200, "text/html; charset=utf-8", self.page)

    def query_reply(
        self, method: str, environ: dict[str, Any], params: dict[str, list[str]]
    ) -> Reply:
        if method in ("GET", "HEAD"):
            fields = params
        elif method == "POST":
            body = _body(environ, self.limits.max_request)
            if body is None:
                return refuse(413, f"request larger than {self.limits.max_request:,} bytes")
            kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                return refuse(415, "read-only endpoint: send queries, not updates")
            if kind not in _QUERY_TYPES:
                return refuse(415, f"send a query as one of: {', '.join(_QUERY_TYPES)}")
            if kind == "application/sparql-query":
                fields = {**params, "query": [body.decode("utf-8", "replace")]}
            else:
                fields = {**params, **urllib.parse.parse_qs(body.decode("utf-8", "replace"))}
        else:
            return refuse(403, "read-only endpoint", ("Allow", "GET, HEAD, POST, OPTIONS"))
        if "update" in fields:
            return refuse(403, "read-only endpoint: no SPARQL Update")
        queries = fields.get("query", [])
        if len(queries) != 1:
            return refuse(400, "send exactly one query (the `query` parameter or the body)")
        if len(queries[0]) > MAX_QUERY_CHARS:
            return refuse(413, f"the query is longer than {MAX_QUERY_CHARS:,} characters")
        request = Request(
            queries[0],
            environ.get("HTTP_ACCEPT", "*/*"),
            tuple(fields.get("default-graph-uri", [])),
            tuple(fields.get("named-graph-uri", [])),
        )
        return self.run(request)

    def store_reply(self, method: str, params: dict[str, list[str]]) -> Reply:
        """Graph Store Protocol, reads only: one graph as a CONSTRUCT through the engines."""
        if method not in ("GET", "HEAD"):
            return refuse(403, "read-only endpoint: the graph store is not writable")
        graphs = params.get("graph", [])
        if "default" in params:
            pattern = "{ ?s ?p ?o }"
        elif len(graphs) == 1 and not any(c in graphs[0] for c in '<>"{}|^`\\ '):
            pattern = f"{{ GRAPH <{graphs[0]}> {{ ?s ?p ?o }} }}"
        else:
            return refuse(400, "name one graph: /store?default or /store?graph=IRI")
        return self.run(Request(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {pattern}", "*/*"))

    def run(self, request: Request) -> Reply:
        result = self.pool.run(request)
        if isinstance(result, Busy):
            return refuse(
                503,
                "every query engine is busy; try again shortly",
                ("Retry-After", str(result.retry_after)),
            )
        return answer_reply(result, self.limits)

    def cors_headers(self, environ: dict[str, Any], method: str) -> Headers:
        origin = environ.get("HTTP_ORIGIN")
        if not origin or not self.cors or ("*" not in self.cors and origin not in self.cors):
            return []
        allowed = "*" if "*" in self.cors else origin
        headers = [("Access-Control-Allow-Origin", allowed), ("Vary", "Origin")]
        if method == "OPTIONS":
            headers += [
                ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
                ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                ("Access-Control-Max-Age", "600"),
            ]
            if environ.get("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK") == "true":
                headers.append(("Access-Control-Allow-Private-Network", "true"))
        return headers


def answer_reply(result: Answer, limits: Limits) -> Reply:
    status = _OUTCOME_STATUS.get(result.outcome, 400)
    if result.outcome == "ok":
        return Reply(200, result.content_type, result.body)
    if result.outcome == "timeout":
        message = f"{result.message}; narrow it or add a LIMIT"
        return refuse(503, message, ("Retry-After", "1"))
    if result.outcome == "too-large":
        mb = limits.max_result / 1024 / 1024
        return refuse(413, f"the result is larger than {mb:g} MB; narrow the query or add a LIMIT")
    if result.outcome == "crashed":
        return refuse(503, result.message, ("Retry-After", "1"))
    return refuse(status, result.message)


def _body(environ: dict[str, Any], limit: int) -> bytes | None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        return None
    data: bytes = environ["wsgi.input"].read(length) if length > 0 else b""
    return data


def _host(header: str) -> str:
    return header.rsplit(":", 1)[0] if header.count(":") == 1 or "]:" in header else header


def query_page(endpoint_path: str, limits: Limits) -> bytes:
    """The page at `/`: a form that POSTs to the endpoint and draws the answer as a table, with
    the named queries as examples (their parameters at their defaults); no network needed."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from .query import bindings, named_queries
    from .store import substitute, with_prefixes

    examples = {
        q.name: with_prefixes(substitute(q.text, bindings(q, {})))
        for q in named_queries().values()
        if not any(p.required for p in q.params)
    }
    environment = Environment(
        loader=PackageLoader("kg", "templates"), autoescape=select_autoescape()
    )
    html = environment.get_template("query.html").render(
        endpoint=endpoint_path,
        endpoint_path=endpoint_path,
        timeout=f"{limits.timeout:g}",
        max_mb=f"{limits.max_result / 1024 / 1024:g}",
        examples=examples,
        initial=next(iter(examples.values()), "SELECT * WHERE { ?s ?p ?o } LIMIT 10"),
    )
    return html.encode("utf-8")


# ---------------------------------------------------------------- the server


class Server:
    """A built graph served read-only at http://HOST:PORT/query, until `stop()`."""

    def __init__(
        self,
        out: Path,
        host: str = "127.0.0.1",
        port: int = 7878,
        limits: Limits = Limits(),
        cors: tuple[str, ...] | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        location = store_path(out)
        if not location.is_dir():
            raise KgError(f"no graph at {out}: run `kg build FILES --out {out}` first")
        self.location, self.host, self.port, self.limits = location, host, port, limits
        self.cors = cors if cors is not None else (("*",) if is_loopback(host) else ())
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.pool: EnginePool | None = None
        self._http: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    def start(self) -> Server:
        from waitress import create_server

        limits = self.limits
        self.pool = EnginePool(
            self.location, limits.engines, limits.max_result, limits.timeout, log=self.log
        ).start()
        app = Endpoint(
            self.pool, limits, query_page("/query", limits), is_loopback(self.host), self.cors
        )
        logging.getLogger("waitress").setLevel(logging.ERROR)
        try:
            self._http = create_server(
                app,
                host=self.host,
                port=self.port,
                threads=limits.threads,
                backlog=limits.backlog,
                connection_limit=limits.connections,
                channel_timeout=limits.idle,
                cleanup_interval=max(1, limits.idle // 3),
                max_request_body_size=limits.max_request,
                ident="kg",
                expose_tracebacks=False,
            )
        except OSError as err:
            self.stop()
            raise KgError(f"cannot listen on {self.host}:{self.port}: {err.strerror}") from None
        self._thread = threading.Thread(target=self._http.run, name="kg-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._http is not None:
            from waitress import wasyncore

            http, self._http = self._http, None
            # closed from inside waitress's loop (through its trigger), which then ends
            http.trigger.pull_trigger(lambda: wasyncore.close_all(http._map))
            if self._thread is not None:
                self._thread.join(timeout=5)
            http.task_dispatcher.shutdown(timeout=1)
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def exposure_warning(host: str) -> str | None:
    """What to tell someone serving on an address other machines can reach."""
    if is_loopback(host):
        return None
    return (
        f"warning: listening on {host}: anyone who can reach this machine can query the graph "
        "(read-only, bounded); use the default 127.0.0.1 to keep it local"
    )


def serve(
    out: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: Limits = Limits(),
    cors: tuple[str, ...] | None = None,
) -> None:
    """Serve `out` read-only until Ctrl-C (SIGINT) or SIGTERM; the engines stop with it."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    with Server(out, host, port, limits, cors) as server:
        print(f"SPARQL endpoint: {server.query_url}  (read-only; Ctrl-C stops it)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopped", flush=True)
