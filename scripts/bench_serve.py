"""Benchmark: `kg serve` under many concurrent clients.

Starts `kg serve` on a built graph (or takes the URL of a running endpoint), opens `--clients`
connections at once, each sending one SPARQL query, and prints how many were reset at the TCP
level, how many got 200, 503 (with or without Retry-After) or anything else, and the latency
percentiles of the answers. With --runaways N it then sends N runaway aggregates at once and
times a simple ASK sent --timeout + 2 s later.

    python scripts/bench_serve.py [--graph OUT | --url http://127.0.0.1:7878/query]
                                  [--clients 200] [--rounds 3] [--query SPARQL]
                                  [--runaways 100] [--timeout 5]

Without --graph or --url it builds the sample articles (data/raw) into a temporary folder first.
A benchmark, not a test: it is never run by pytest.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIMPLE = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } LIMIT 20"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o1 }"
PREFIXES = (
    "PREFIX kg: <https://w3id.org/kg-vn/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)


@dataclass(frozen=True)
class Outcome:
    """One client's request: the status (0 for a reset or refused connection) and its latency."""

    status: int
    seconds: float
    retry_after: bool
    error: str = ""


def one_request(host: str, port: int, path: str, body: bytes, start: threading.Event) -> Outcome:
    start.wait()
    began = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=120)
    try:
        connection.request(
            "POST",
            path,
            body,
            {
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
        )
        response = connection.getresponse()
        response.read()
        retry = response.getheader("Retry-After") is not None
        return Outcome(response.status, time.perf_counter() - began, retry)
    except (ConnectionError, http.client.HTTPException, OSError) as err:
        return Outcome(0, time.perf_counter() - began, False, type(err).__name__)
    finally:
        connection.close()


def burst(url: str, clients: int, sparql: str) -> list[Outcome]:
    """`clients` requests released at the same instant, one thread and connection each."""
    parts = urllib.parse.urlsplit(url)
    body = (PREFIXES + sparql).encode("utf-8")
    start = threading.Event()
    outcomes: list[Outcome] = []
    lock = threading.Lock()

    def client() -> None:
        outcome = one_request(
            parts.hostname or "127.0.0.1", parts.port or 80, parts.path, body, start
        )
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join()
    return outcomes


def report(round_no: int, outcomes: list[Outcome]) -> str:
    statuses = Counter(o.status for o in outcomes)
    errors = Counter(o.error for o in outcomes if o.error)
    answered = sorted(o.seconds for o in outcomes if o.status)
    p50 = statistics.median(answered) * 1000 if answered else float("nan")
    p95 = answered[int(0.95 * (len(answered) - 1))] * 1000 if answered else float("nan")
    busy = [o for o in outcomes if o.status == 503]
    return (
        f"round {round_no}: {len(outcomes)} clients, resets {statuses.get(0, 0)}"
        f"{' (' + ', '.join(f'{k} {v}' for k, v in errors.items()) + ')' if errors else ''}, "
        f"200: {statuses.get(200, 0)}, 503: {len(busy)} "
        f"({sum(o.retry_after for o in busy)} with Retry-After), "
        f"other: {sum(v for k, v in statuses.items() if k not in (0, 200, 503))}, "
        f"p50 {p50:.0f} ms, p95 {p95:.0f} ms"
    )


def build_sample(folder: Path) -> Path:
    out = folder / "out"
    command = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "build",
        str(ROOT / "data" / "raw"),
    ]
    subprocess.run([*command, "--out", str(out), "--no-view"], check=True, capture_output=True)
    return out


def runaways(url: str, count: int, timeout: float) -> str:
    """`count` runaway aggregates at once, then a simple ASK `timeout` + 2 s after they were sent."""
    started = time.perf_counter()
    sent = threading.Thread(target=lambda: outcomes.extend(burst(url, count, RUNAWAY)))
    outcomes: list[Outcome] = []
    sent.start()
    time.sleep(max(0.0, started + timeout + 2 - time.perf_counter()))
    (ask,) = burst(url, 1, "ASK {}")
    sent.join()
    statuses = Counter(o.status for o in outcomes)
    return (
        f"{count} runaway aggregates: {dict(sorted(statuses.items()))} "
        f"(503 with Retry-After: {sum(o.retry_after for o in outcomes if o.status == 503)}), "
        f"the last answered {max(o.seconds for o in outcomes):.1f} s after sending; "
        f"ASK at {timeout:g} + 2 s: {ask.status} in {ask.seconds * 1000:.0f} ms"
    )


def start_server(graph: Path, port: int, timeout: float) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve", str(graph)]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--timeout", f"{timeout:g}"],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    url = next((word for word in line.split() if word.startswith("http://")), "")
    if not url:
        process.kill()
        raise SystemExit(f"kg serve did not start: {line.strip()}")
    return process, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="a build folder to serve")
    parser.add_argument("--url", help="the query URL of an endpoint already running")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=17878)
    parser.add_argument("--query", default=SIMPLE)
    parser.add_argument("--runaways", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=5.0, help="kg serve --timeout")
    args = parser.parse_args()
    process = None
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url
        if url is None:
            graph = args.graph or build_sample(Path(tmp))
            process, url = start_server(graph, args.port, args.timeout)
        try:
            print(f"endpoint {url}; query: {' '.join(args.query.split())[:80]}")
            for round_no in range(1, args.rounds + 1):
                print(report(round_no, burst(url, args.clients, args.query)), flush=True)
            if args.runaways:
                print(runaways(url, args.runaways, args.timeout), flush=True)
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
