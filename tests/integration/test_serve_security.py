"""`kg serve` against a hostile client: no outbound connection whatever the query text, no
write, no crash from a nesting bomb, runaway queries stopped in the engine, dead engines
replaced. A canary listener on loopback stands for any URL an attacker would name."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_fixtures import build_fixture_graph

from kg.serve import Limits, Server, free_port
from kg.sparql import MAX_QUERY_CHARS
from kg.store import open_store

pytestmark = pytest.mark.server


class Canary:
    """A loopback listener that records every connection made to it."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.listener.getsockname()[1]
        self.contacts: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    self.contacts.append(connection.recv(1000))
                except OSError:
                    self.contacts.append(b"")

    def close(self) -> None:
        self.listener.close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    listener = Canary()
    yield listener
    listener.close()


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("secure"))


LINES: list[str] = []  # what the server printed


@pytest.fixture(scope="module")
def server(graph: Path) -> Iterator[Server]:
    limits = Limits(timeout=2.0, engines=2)
    with Server(graph, "127.0.0.1", free_port(), limits, log=LINES.append) as running:
        yield running


def send(
    url: str,
    body: str | None = None,
    content_type: str = "application/sparql-query",
    method: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    data = body.encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def quads(server: Server) -> int:
    return open_store(server.query_url).count()


# ---------------------------------------------------------------- SERVICE, LOAD, updates


def bypasses(target: str) -> dict[str, str]:
    """The three texts that got SERVICE past the old text filter."""
    union = "SELECT * WHERE {{ {{ BIND(<http://x/{iri}#> AS ?x) }} UNION {{ SERVICE <{t}> {{ ?s ?p ?o }} }} }}"
    return {
        "comment ended by CR": f"SELECT * WHERE {{ # x\rSERVICE <{target}> {{ ?s ?p ?o }} }}",
        "non-ASCII IRI then #": union.format(iri="\u00a0", t=target),
        "escaped IRI then #": union.format(iri="\\u00e9", t=target),
    }


@pytest.mark.parametrize("name", list(bypasses("x")))
def test_the_bypasses_reach_an_unsandboxed_store(name: str) -> None:
    """The control: pyoxigraph itself fetches the SERVICE of each bypass."""
    control = Canary()
    try:
        with pytest.raises(OSError):
            list(ox.Store().query(bypasses(control.url)[name]))  # type: ignore[arg-type]
        assert _waited_for(lambda: len(control.contacts) == 1)
    finally:
        control.close()


@pytest.mark.parametrize("name", list(bypasses("x")))
def test_the_bypasses_reach_nothing_through_the_endpoint(
    server: Server, canary: Canary, name: str
) -> None:
    before = len(canary.contacts)
    status, _, body = send(server.query_url, bypasses(canary.url)[name])
    assert status == 403 and b"SERVICE" in body
    assert not _waited_for(lambda: len(canary.contacts) > before, seconds=0.5)


def _waited_for(condition: object, seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def comment() -> st.SearchStrategy[str]:
    ends = st.sampled_from(["\n", "\r", "\r\n", "\u2028", "\u0085", "\x0c", ""])
    return st.builds(lambda text, end: f"#{text}{end}", st.text(max_size=12), ends)


def tricky_iri() -> st.SearchStrategy[str]:
    parts = st.sampled_from(
        ["é", "\u00a0", "\\u00e9", "\\U0001F600", "#", "%23", " ", "\\u003E", "{", "'", '"', "x"]
    )
    return st.lists(parts, max_size=5).map(lambda p: f"<http://x/{''.join(p)}>")


def tricky_string() -> st.SearchStrategy[str]:
    inner = st.text(alphabet=st.sampled_from(list("#{}<>'\"\\\r\n xSERVICE")), max_size=10)
    quotes = st.sampled_from(['"', "'", '"""', "'''"])
    return st.builds(lambda q, text: f"{q}{text}{q}", quotes, inner)


def noise() -> st.SearchStrategy[str]:
    return st.lists(
        st.one_of(comment(), tricky_iri(), tricky_string(), st.sampled_from([" ", "\t", "\r"])),
        max_size=4,
    ).map("".join)


def keyword(word: str) -> st.SearchStrategy[str]:
    spellings = [word, word.lower(), word.title(), "".join(f"\\u{ord(c):04X}" for c in word)]
    return st.sampled_from(spellings)


@st.composite
def attack(draw: st.DrawFn, target: str) -> str:
    """A query or update naming `target` behind comment, escape and IRI tricks."""
    host = draw(st.sampled_from([target, target.replace("127.0.0.1", "localhost")]))
    before, after = draw(noise()), draw(noise())
    service = draw(keyword("SERVICE")) + draw(st.sampled_from(["", " SILENT"]))
    forms = [
        f"SELECT * WHERE {{ {before} {service} <{host}> {{ ?s ?p ?o }} {after} }}",
        f"SELECT * WHERE {{ {before} BIND(<{host}> AS ?e) {service} ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{host}> }} {before} {service} ?e {{ ?s ?p ?o }} }}",
        f"ASK {{ {before} {{ }} UNION {{ {service} <{host}> {{ ?s ?p ?o }} }} {after} }}",
        f"{before} {draw(keyword('LOAD'))} <{host}> {after}",
        f"{before} LOAD SILENT <{host}> INTO GRAPH <urn:g>",
        f"INSERT DATA {{ {before} <urn:a> <urn:b> <urn:c> }}",
        f"{before} DROP ALL",
        f"CLEAR DEFAULT {after}",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ {service} <{host}> {{ ?s ?p ?o }} }}",
    ]
    return draw(st.sampled_from(forms))


def deliveries(url: str, text: str) -> list[tuple[str, dict[str, object]]]:
    """The ways a client can hand a server that text."""
    return [
        (f"{url}?{urllib.parse.urlencode({'query': text})}", {}),
        (url, {"body": text}),
        (url, {"body": urllib.parse.urlencode({"query": text}), "content_type": _FORM}),
        (url, {"body": urllib.parse.urlencode({"update": text}), "content_type": _FORM}),
        (url, {"body": text, "content_type": "application/sparql-update"}),
        (
            url.replace("/query", "/update"),
            {"body": text, "content_type": "application/sparql-update"},
        ),
    ]


_FORM = "application/x-www-form-urlencoded"
_ANSWERS = {200, 400, 403, 405, 413, 415}


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_generated_service_load_or_update_reaches_the_canary_or_writes(
    server: Server, canary: Canary, data: st.DataObject
) -> None:
    text = data.draw(attack(canary.url))
    way = data.draw(st.sampled_from(deliveries(server.query_url, text)))
    status, _, body = send(way[0], **way[1])  # type: ignore[arg-type]
    assert status in _ANSWERS, body
    assert canary.contacts == []


def test_after_the_generated_attempts_nothing_was_contacted_or_written(
    server: Server, canary: Canary, graph: Path
) -> None:
    """After the generated family (same module, run before this one): a late connection would
    show here, and the store still holds what the build wrote."""
    time.sleep(0.5)
    assert canary.contacts == []
    local = open_store(graph, read_only=True)
    try:
        assert quads(server) == local.count()
    finally:
        local.close()


# ---------------------------------------------------------------- nesting bombs

BOMBS = {
    "{}": "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
    "()": "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "OPTIONAL": "SELECT * WHERE { " + "OPTIONAL { " * 5000 + "}" * 5000 + " }",
    "STR()": "SELECT * WHERE { FILTER(" + "STR(" * 2000 + "1" + ")" * 2000 + ") }",
}


def _name(number: int) -> str:
    """A short variable name: a, b, …, ba, bb, …"""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if not number:
            return letters


# No bracket nesting, so the depth check lets them through; each is 1.1 to 1.3 times as deep as
# the depth that overflowed an 8 MB stack (measured on pyoxigraph 0.5.13), so without the engine's
# deep stack each would crash the process that runs it.
CHAINS = {
    "!": "SELECT * WHERE { FILTER(" + "!" * 12_000 + "true) }",
    "+": "SELECT * WHERE { FILTER(" + "1+" * 9_000 + "1) }",
    "&&": "SELECT * WHERE { FILTER(" + "true&&" * 10_800 + "true) }",
    "UNION": "SELECT * WHERE { " + "{}UNION" * 8_500 + "{} }",
    "BIND": "SELECT * WHERE { " + "".join(f"BIND(1 AS?{_name(i)})" for i in range(4_600)) + " }",
}


def chain(name: str) -> str:
    assert len(CHAINS[name]) <= MAX_QUERY_CHARS
    return CHAINS[name]


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_nesting_bomb_is_refused_and_the_endpoint_stays_up(server: Server, name: str) -> None:
    status, _, body = send(server.query_url, BOMBS[name])
    assert status == 400 and b"levels deep" in body
    assert send(f"{server.query_url}?query=ASK%7B%7D")[0] == 200


@pytest.mark.parametrize("name", list(CHAINS))
def test_the_longest_chains_run_in_the_engine_without_a_crash(server: Server, name: str) -> None:
    status, _, body = send(server.query_url, chain(name))
    assert status in (200, 400, 503), body
    assert b"engine stopped" not in body
    assert not [line for line in LINES if "stopped (" in line]


def test_kg_query_prints_one_error_line_for_a_nesting_bomb(graph: Path) -> None:
    result = _kg("query", "--graph", str(graph), BOMBS["{}"])
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: the query nests 5,000 levels deep; at most 128 are accepted"
    ]


def test_the_embedded_store_survives_the_longest_chains(graph: Path) -> None:
    """In a child process: a crash there is an exit status, not the end of the test run."""
    code = (
        "import sys\n"
        "from kg.store import open_store\n"
        "from kg.model import KgError\n"
        "store = open_store(sys.argv[1], read_only=True)\n"
        "for text in sys.stdin.read().split('\\0'):\n"
        "    try:\n"
        "        store.select(text)\n"
        "    except KgError:\n"
        "        pass\n"
    )
    texts = "\0".join(chain(name) for name in ("!", "&&", "BIND"))  # the quicker ones
    result = subprocess.run(
        [sys.executable, "-c", code, str(graph)], input=texts, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-500:]


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


# ---------------------------------------------------------------- runaway queries, dead engines

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o1 }"


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU of a live process (None once it is gone or a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if stat[0] == "Z":
        return None
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc")
def test_a_runaway_aggregate_stops_using_the_cpu_at_the_timeout(server: Server) -> None:
    assert server.pool is not None
    before = set(server.pool.pids())
    started = time.monotonic()
    status, headers, body = send(server.query_url, RUNAWAY)
    answered = time.monotonic() - started
    assert status == 503 and b"ran over 2 s" in body and "Retry-After" in headers
    assert answered < server.limits.timeout + 2
    gone = before - set(server.pool.pids())
    assert len(gone) == 1  # the engine that ran it was replaced
    (engine,) = gone
    assert cpu_seconds(engine) is None  # killed: it uses no CPU any more
    assert _waited_for(lambda: len(server.pool.pids()) == 2 and _idle(server), seconds=10)
    usage = {pid: cpu_seconds(pid) or 0.0 for pid in server.pool.pids()}
    time.sleep(1.0)
    spent = sum((cpu_seconds(pid) or 0.0) - used for pid, used in usage.items())
    assert spent < 0.2  # the engines left are idle
    assert send(f"{server.query_url}?query=ASK%7B%7D")[0] == 200


def _idle(server: Server) -> bool:
    return server.pool is not None and server.pool.busy_count() == 0


def test_runaway_queries_beyond_the_engines_get_503_with_retry_after(server: Server) -> None:
    results: list[tuple[int, dict[str, str], bytes]] = []
    threads = [
        threading.Thread(target=lambda: results.append(send(server.query_url, RUNAWAY)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _, _ in results] == [503] * 8
    assert all("Retry-After" in headers for _, headers, _ in results)
    assert _waited_for(lambda: _idle(server) and len(server.pool.pids()) == 2, seconds=10)  # type: ignore[union-attr]
    assert send(f"{server.query_url}?query=ASK%7B%7D")[0] == 200


def test_an_engine_that_dies_is_reported_and_replaced(server: Server) -> None:
    assert server.pool is not None
    assert _waited_for(lambda: _idle(server) and len(server.pool.pids()) == 2, seconds=10)  # type: ignore[union-attr]
    victim = server.pool.pids()[0]
    os.kill(victim, signal.SIGKILL)
    statuses = [send(f"{server.query_url}?query=ASK%7B%7D")[0] for _ in range(6)]
    assert set(statuses) <= {200, 503} and statuses[-1] == 200
    lines = [line for line in LINES if str(victim) in line]
    assert lines == [f"query engine {victim} stopped (killed by SIGKILL); starting another"]
    assert _waited_for(lambda: len(server.pool.pids()) == 2, seconds=10)  # type: ignore[union-attr]
