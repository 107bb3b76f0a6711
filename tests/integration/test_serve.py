"""`kg serve`: the built graph read-only over HTTP; no writes, no outbound SERVICE calls."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import build_fixture_graph

from kg.query import query
from kg.serve import Limits, Server, exposure_warning, free_port

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    out = build_fixture_graph(tmp_path_factory.mktemp("serve"))
    with Server(out, "127.0.0.1", free_port()) as running:
        yield running


def _post(url: str, body: str, content_type: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _people(server: Server) -> int:
    return len(query(server.url, "SELECT ?p WHERE { ?p a kg:Person }"))


def test_queries_are_answered_over_http(server: Server) -> None:
    frame = query(server.url, "people", {"date": "2023-06-01"})
    ranks = set(frame[frame["name"] == "Lê Văn Minh"]["rank"].dropna())
    assert ranks == {"Trung tướng"}


def test_an_update_is_refused_and_changes_nothing(server: Server) -> None:
    before = _people(server)
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> a <https://w3id.org/kg-vn/ontology#Person> } }"
    status, _ = _post(f"{server.url}/update", update, "application/sparql-update")
    assert status == 403
    form = urllib.parse.urlencode({"update": update})
    status, _ = _post(f"{server.url}/query", form, "application/x-www-form-urlencoded")
    assert status in (400, 403)
    assert _people(server) == before


def test_a_service_clause_makes_no_outbound_connection(server: Server) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1.0)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        sparql = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
        status, body = _post(f"{server.url}/query", sparql, "application/sparql-query")
        assert status == 403 and b"SERVICE" in body
        with pytest.raises(TimeoutError):
            listener.accept()


def test_serve_refuses_a_folder_without_a_graph(tmp_path: Path) -> None:
    from kg.model import KgError

    with pytest.raises(KgError, match="no graph"):
        Server(tmp_path / "nothing")


def test_kg_serve_prints_the_url_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    out = build_fixture_graph(tmp_path)
    port = free_port()
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve", str(out)]
    process = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in line
        assert len(query(f"http://127.0.0.1:{port}", "contacts")) > 0
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    store = Server(out, port=free_port())  # the folder is free again: a new server opens it
    store.start().stop()


# ---------------------------------------------------------------- hardening

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def bounded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The fixture graph behind a gate with a 1 s timeout and a 20 kB result limit."""
    out = build_fixture_graph(tmp_path_factory.mktemp("bounded"))
    limits = Limits(timeout=1.0, max_result=20_000)
    with Server(out, "127.0.0.1", free_port(), limits) as running:
        yield running


def _request(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _quads(server: Server) -> int:
    count = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    return int(query(server.url, count)["n"][0])


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
@pytest.mark.parametrize("target", ["default", "graph=urn%3Ax"])
def test_graph_store_writes_are_refused(server: Server, method: str, target: str) -> None:
    before = _quads(server)
    triple = b"<urn:a> <urn:b> <urn:c> .\n"
    status, body = _request(
        f"{server.url}/store?{target}", method, triple, {"Content-Type": "application/n-triples"}
    )
    assert status == 403 and b"read-only" in body
    assert _quads(server) == before


def test_an_update_posted_as_a_query_is_refused(server: Server) -> None:
    update = "DELETE WHERE { ?s ?p ?o }"
    status, _ = _post(f"{server.url}/query", update, "application/sparql-update")
    assert status == 415
    assert _people(server) > 0


def test_service_is_refused_in_every_form_of_request(server: Server) -> None:
    sparql = "SELECT * WHERE { service # a comment\n <http://10.0.0.1/sparql> { ?s ?p ?o } }"
    encoded = urllib.parse.urlencode({"query": sparql})
    assert _request(f"{server.url}/query?{encoded}")[0] == 403
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert _request(f"{server.url}/query", "POST", encoded.encode(), form)[0] == 403


def test_a_query_over_the_time_limit_gets_503_and_the_server_goes_on(bounded: Server) -> None:
    status, body = _post(f"{bounded.url}/query", SLOW, "application/sparql-query")
    assert status == 503 and b"ran over 1 s" in body
    assert len(query(bounded.url, "SELECT ?p WHERE { ?p a kg:Person }")) == 2


def test_a_result_over_the_size_limit_gets_413_and_a_small_one_passes(bounded: Server) -> None:
    status, body = _post(
        f"{bounded.url}/query", "SELECT * WHERE { ?s ?p ?o }", "application/sparql-query"
    )
    assert status == 413 and b"larger than" in body
    limited = "SELECT * WHERE { ?s ?p ?o } LIMIT 5"
    status, body = _post(f"{bounded.url}/query", limited, "application/sparql-query")
    assert status == 200 and body.count(b'"s":') == 5


def test_a_whole_dump_is_bounded_too(bounded: Server) -> None:
    status, _ = _request(
        f"{bounded.url}/store?default", headers={"Accept": "application/n-triples"}
    )
    assert status == 413


def test_a_request_naming_another_host_is_refused(server: Server) -> None:
    sparql = urllib.parse.urlencode({"query": "ASK {}"})
    status, body = _request(f"{server.url}/query?{sparql}", headers={"Host": "evil.example:7878"})
    assert status == 403 and b"localhost only" in body
    assert _request(f"{server.url}/query?{sparql}", headers={"Host": "localhost"})[0] == 200


def _raw(server: Server, head: bytes) -> bytes:
    with socket.create_connection((server.host, server.port), timeout=10) as raw:
        raw.sendall(head)
        return raw.recv(200)


def test_an_oversized_or_malformed_request_is_refused_before_its_body(server: Server) -> None:
    post = b"POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
    assert _raw(server, post + b"Content-Length: 2097152\r\n\r\n").startswith(b"HTTP/1.1 413")
    assert _raw(server, post + b"Content-Length: -5\r\n\r\n").startswith(b"HTTP/1.1 400")
    assert _raw(server, post + b"Content-Length: many\r\n\r\n").startswith(b"HTTP/1.1 400")


def test_the_endpoint_listens_on_loopback_only(server: Server) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent; picks the outward interface
            address = probe.getsockname()[0]
        except OSError:
            pytest.skip("this machine has no network interface besides loopback")
    if address.startswith("127."):
        pytest.skip("this machine has no network interface besides loopback")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
        assert client.connect_ex((address, server.port)) != 0


def test_a_warning_is_printed_for_an_address_others_can_reach() -> None:
    assert exposure_warning("127.0.0.1") is None
    assert exposure_warning("localhost") is None
    assert exposure_warning("::1") is None
    warning = exposure_warning("0.0.0.0")
    assert warning is not None and warning.startswith("warning: listening on 0.0.0.0")
