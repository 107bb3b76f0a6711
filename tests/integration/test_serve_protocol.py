"""`kg serve` as a standard SPARQL endpoint: browsers (CORS, OPTIONS, HEAD, the page at /), the
URL it prints taken wherever a graph is, and every named query giving the same rows through it."""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import build_fixture_graph

from kg.query import named_queries, page_note, query
from kg.serve import Limits, Server, free_port

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_graph(tmp_path_factory.mktemp("protocol"))


@pytest.fixture(scope="module")
def server(graph: Path) -> Iterator[Server]:
    with Server(graph, "127.0.0.1", free_port(), Limits(engines=1)) as running:
        yield running


def request(
    url: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    prepared = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(prepared, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


ASK = "?query=ASK%7B%7D"
ORIGIN = {"Origin": "https://yasgui.example"}


def test_a_preflight_is_answered_with_cors_on_loopback(server: Server) -> None:
    headers = {**ORIGIN, "Access-Control-Request-Method": "POST"}
    headers["Access-Control-Request-Headers"] = "content-type"
    status, answer, body = request(server.query_url, "OPTIONS", headers)
    assert status == 204 and body == b""
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert "POST" in answer["Access-Control-Allow-Methods"]
    assert "Content-Type" in answer["Access-Control-Allow-Headers"]


def test_a_cross_origin_query_may_be_read(server: Server) -> None:
    status, answer, body = request(server.query_url + ASK, headers=ORIGIN)
    assert status == 200 and b"true" in body
    assert answer["Access-Control-Allow-Origin"] == "*"


def test_cors_can_be_narrowed_or_turned_off(graph: Path) -> None:
    only = ("https://allowed.example",)
    with Server(graph, "127.0.0.1", free_port(), Limits(engines=1), cors=only) as narrow:
        allowed = request(narrow.query_url + ASK, headers={"Origin": only[0]})[1]
        other = request(narrow.query_url + ASK, headers=ORIGIN)[1]
    assert allowed["Access-Control-Allow-Origin"] == only[0]
    assert "Access-Control-Allow-Origin" not in other
    assert Server(graph, "127.0.0.1", cors=()).cors == ()
    assert Server(graph, "0.0.0.0").cors == ()  # not on by default off loopback


def test_head_answers_like_get_without_a_body(server: Server) -> None:
    status, answer, body = request(server.query_url + ASK, "HEAD")
    assert status == 200 and body == b""
    assert int(answer["Content-Length"]) == len(request(server.query_url + ASK)[2])
    assert request(server.url + "/", "HEAD")[0] == 200


def test_the_page_at_the_root_works_offline_and_escapes_the_examples(server: Server) -> None:
    status, answer, body = request(server.url + "/")
    page = body.decode("utf-8")
    assert status == 200 and answer["Content-Type"].startswith("text/html")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
    named = page.split('id="named">', 1)[1].split("</script>", 1)[0]
    assert "<" not in named and "meetings" in named  # IRIs written as \u003c…, never raw
    assert 'fetch("/query"' in page


def test_the_printed_url_is_taken_wherever_a_graph_is(server: Server) -> None:
    assert server.query_url.endswith("/query")
    frame = query(server.query_url, "people", {"date": "2023-06-01"})
    assert set(frame[frame["name"] == "Lê Văn Minh"]["rank"].dropna()) == {"Trung tướng"}
    assert page_note(server.query_url, "people", {}) == "people: page 1 of 1"


def test_an_idle_connection_is_closed(graph: Path) -> None:
    quick = Server(graph, "127.0.0.1", free_port(), Limits(engines=1, idle=2))
    with quick, socket.create_connection((quick.host, quick.port), timeout=10) as idle:
        started = time.monotonic()
        assert idle.recv(100) == b""  # closed by the server, nothing sent
        assert time.monotonic() - started < 8


def test_the_graph_store_reads_one_graph(server: Server) -> None:
    status, answer, body = request(
        server.url + "/store?default", headers={"Accept": "application/n-triples"}
    )
    assert status == 200 and answer["Content-Type"].startswith("application/n-triples")
    assert b"Kowalski Jan" in body
    assert request(server.url + "/store")[0] == 400


def arguments(graph: Path) -> list[tuple[str, dict[str, str]]]:
    """Each named query with the parameters a user would give it."""
    values = {"name": "Lê Văn Minh", "date": "2023-06-01", "predicate": "received", "text": "x"}
    cases: list[tuple[str, dict[str, str]]] = []
    for name, item in named_queries().items():
        cases.append((name, {p.name: values[p.kind] for p in item.params if p.required}))
        optional = {p.name: values.get(p.kind, "1") for p in item.params if not p.required}
        if optional:
            cases.append((name, {**cases[-1][1], **optional}))
    return cases


def test_every_named_query_gives_the_same_rows_locally_and_through_the_endpoint(
    server: Server, graph: Path
) -> None:
    cases = arguments(graph)
    assert {name for name, _ in cases} == set(named_queries())
    for name, params in cases:
        local = query(graph, name, params)
        remote = query(server.query_url, name, params)
        assert list(remote.columns) == list(local.columns), name
        assert remote.astype(str).values.tolist() == local.astype(str).values.tolist(), (
            name,
            params,
        )
        assert name not in ("meetings", "agreements") or len(local) > 0
