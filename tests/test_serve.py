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
from kg.serve import Server, free_port, uses_service

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


def test_service_is_found_only_as_a_keyword() -> None:
    assert uses_service("select * { service <http://x/> { ?s ?p ?o } }")
    assert uses_service("SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }")
    assert not uses_service('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    assert not uses_service("SELECT ?service { ?service a <urn:SERVICE> }")


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
