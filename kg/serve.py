"""Serve: a built graph over HTTP, read-only, with the Oxigraph server binary (SPARQL 1.1).

`oxigraph serve-read-only` answers queries but would still follow `SERVICE <url>` clauses, making
the server fetch any address a client names. So the binary listens on a private loopback port
and a small gate in front of it passes only read requests (`/query`, `GET /store`), refusing
updates and any query that uses SERVICE.
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .model import KgError
from .store import OPAQUE, store_path

_OPAQUE = re.compile(OPAQUE)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)
_FORWARDED = ("Content-Type", "Accept")


def uses_service(sparql: str) -> bool:
    """Whether a query has a SERVICE clause (outside strings, IRIs and comments)."""
    return bool(_SERVICE.search(_OPAQUE.sub(" ", sparql)))


def oxigraph_binary() -> str:
    """The `oxigraph` executable of the `oxigraph` package (beside our Python, or on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KgError('the oxigraph server binary is not installed: pip install "oxigraph"')
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def start_oxigraph(
    location: Path, host: str, port: int, read_only: bool = True
) -> subprocess.Popen[bytes]:
    """Start `oxigraph serve[-read-only]` on `location` and wait until it answers."""
    mode = "serve-read-only" if read_only else "serve"
    command = [oxigraph_binary(), mode, "--location", str(location), "--bind", f"{host}:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_ready(f"http://{host}:{port}", process)
    except KgError:
        stop_process(process)
        raise
    return process


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            raise KgError(f"the Oxigraph server stopped at once: {error.strip()[:300]}")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    raise KgError(f"the Oxigraph server did not answer at {url} within {timeout:.0f} s")


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stderr is not None:
        process.stderr.close()


# ---------------------------------------------------------------- the read-only gate


def _query_text(method: str, path: str, headers: dict[str, str], body: bytes) -> str | None:
    """The SPARQL text of a protocol request (GET ?query=, form POST, or direct POST)."""
    if method == "GET":
        return urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("query", [None])[0]
    content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        return urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [None])[0]
    return body.decode("utf-8", "replace")


class _Gate(BaseHTTPRequestHandler):
    backend = ""  # set on the subclass made per server

    def do_GET(self) -> None:
        self._handle("GET", b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._handle("POST", self.rfile.read(length))

    def do_PUT(self) -> None:
        self._refuse(403, "read-only endpoint")

    do_DELETE = do_PATCH = do_PUT

    def _handle(self, method: str, body: bytes) -> None:
        route = urllib.parse.urlsplit(self.path).path.rstrip("/")
        if route == "/store" and method == "GET":
            self._forward(method, body)
        elif route != "/query":
            self._refuse(403 if route in ("/update", "/store") else 404, "read-only endpoint")
        else:
            text = _query_text(method, self.path, dict(self.headers.items()), body)
            if text is None:
                self._refuse(400, "no query")
            elif uses_service(text):
                self._refuse(403, "SERVICE (federated query) is disabled on this endpoint")
            else:
                self._forward(method, body)

    def _forward(self, method: str, body: bytes) -> None:
        headers = {k: v for k, v in self.headers.items() if k in _FORWARDED}
        request = urllib.request.Request(
            self.backend + self.path, data=body or None, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                self._reply(response.status, response.headers.get("Content-Type"), response.read())
        except urllib.error.HTTPError as err:
            self._reply(err.code, err.headers.get("Content-Type"), err.read())

    def _refuse(self, code: int, message: str) -> None:
        self._reply(code, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _reply(self, code: int, content_type: str | None, payload: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type or "application/octet-stream")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        return None


class Server:
    """A built graph served read-only at http://HOST:PORT/query, until `stop()`."""

    def __init__(self, out: Path, host: str = "127.0.0.1", port: int = 7878) -> None:
        location = store_path(out)
        if not location.is_dir():
            raise KgError(f"no graph at {out}: run `kg build FILES --out {out}` first")
        self.location, self.host, self.port = location, host, port
        self._process: subprocess.Popen[bytes] | None = None
        self._http: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> Server:
        backend_port = free_port()
        self._process = start_oxigraph(self.location, "127.0.0.1", backend_port)
        gate = type("Gate", (_Gate,), {"backend": f"http://127.0.0.1:{backend_port}"})
        try:
            self._http = ThreadingHTTPServer((self.host, self.port), gate)
        except OSError as err:
            self.stop()
            raise KgError(f"cannot listen on {self.host}:{self.port}: {err.strerror}") from None
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
        if self._process is not None:
            stop_process(self._process)
            self._process = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(out: Path, host: str = "127.0.0.1", port: int = 7878) -> None:
    """Serve `out` read-only until Ctrl-C (SIGINT) or SIGTERM; the Oxigraph child stops with it."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    with Server(out, host, port) as server:
        print(f"SPARQL endpoint: {server.url}/query  (read-only; Ctrl-C stops it)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopped", flush=True)
