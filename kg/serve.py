"""Serve: a built graph over HTTP, read-only, with the Oxigraph server binary (SPARQL 1.1).

`oxigraph serve-read-only` answers queries but would still follow `SERVICE <url>` clauses, making
the server fetch any address a client names. So the binary listens on a private loopback port
and a small gate in front of it passes only read requests (`/query`, `GET /store`), refusing
updates and any query that uses SERVICE.

The gate also bounds each request (`Limits`): Oxigraph's own `--timeout-s` cancels a query, but
answers 200 with the results cut off and "The SPARQL operation has been cancelled" at the end, and
keeps streaming a large SELECT long past it. So the gate reads the answer itself, to a deadline
and a byte limit, closes the connection when either is passed (Oxigraph then stops), and answers
503 or 413 with one line saying why. On loopback it also refuses Host headers of other names, so
a web page cannot reach the endpoint by DNS rebinding.
"""

from __future__ import annotations

import ipaddress
import math
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
from dataclasses import dataclass
from http.client import HTTPResponse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .model import KgError
from .store import OPAQUE, store_path

_OPAQUE = re.compile(OPAQUE)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)
_FORWARDED = ("Content-Type", "Accept")
_QUERY_TYPES = ("application/sparql-query", "application/x-www-form-urlencoded")
_CANCELLED = b"The SPARQL operation has been cancelled"
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Limits:
    """What one request may cost: seconds, bytes of result, bytes of request, requests at once."""

    timeout: float = 30.0
    max_result: int = 64 * 1024 * 1024
    max_request: int = 1024 * 1024
    concurrent: int = 4


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
    location: Path, host: str, port: int, read_only: bool = True, timeout: float | None = None
) -> subprocess.Popen[bytes]:
    """Start `oxigraph serve[-read-only]` on `location` and wait until it answers."""
    mode = "serve-read-only" if read_only else "serve"
    command = [oxigraph_binary(), mode, "--location", str(location), "--bind", f"{host}:{port}"]
    if timeout is not None:
        command += ["--timeout-s", str(max(1, math.ceil(timeout)))]
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


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


def read_bounded(response: HTTPResponse, limit: int, deadline: float) -> bytes:
    """The body of `response`, or _TooLarge past `limit` bytes, or _TooSlow past `deadline`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _TooSlow
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)


class _Gate(BaseHTTPRequestHandler):
    backend = ""  # set on the subclass made per server
    limits = Limits()
    slots = threading.BoundedSemaphore(Limits().concurrent)
    check_host = True

    def do_GET(self) -> None:
        self._handle("GET", b"")

    def do_POST(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._refuse(400, "bad Content-Length")
        elif length > self.limits.max_request:
            self._refuse(413, f"request larger than {self.limits.max_request:,} bytes")
        else:
            self._handle("POST", self.rfile.read(length))

    def do_PUT(self) -> None:
        self._refuse(403, "read-only endpoint")

    do_DELETE = do_PATCH = do_PUT

    def _handle(self, method: str, body: bytes) -> None:
        route = urllib.parse.urlsplit(self.path).path.rstrip("/")
        if self.check_host and self._host() and not is_loopback(self._host()):
            self._refuse(403, "this endpoint answers requests to localhost only")
        elif route == "/store" and method == "GET":
            self._forward(method, body)
        elif route != "/query":
            self._refuse(403 if route in ("/update", "/store") else 404, "read-only endpoint")
        elif method == "POST" and self._content_type() not in _QUERY_TYPES:
            self._refuse(415, f"send a query as one of: {', '.join(_QUERY_TYPES)}")
        else:
            text = _query_text(method, self.path, dict(self.headers.items()), body)
            if text is None:
                self._refuse(400, "no query")
            elif uses_service(text):
                self._refuse(403, "SERVICE (federated query) is disabled on this endpoint")
            else:
                self._forward(method, body)

    def _host(self) -> str:
        host = self.headers.get("Host", "")
        return host.rsplit(":", 1)[0] if host.count(":") == 1 or "]:" in host else host

    def _content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def _forward(self, method: str, body: bytes) -> None:
        if not self.slots.acquire(timeout=self.limits.timeout):
            self._refuse(503, "too many queries at once; try again")
            return
        try:
            self._relay(method, body)
        finally:
            self.slots.release()

    def _relay(self, method: str, body: bytes) -> None:
        headers = {k: v for k, v in self.headers.items() if k in _FORWARDED}
        request = urllib.request.Request(
            self.backend + self.path, data=body or None, method=method, headers=headers
        )
        limits = self.limits
        deadline = time.monotonic() + limits.timeout + 1.0  # Oxigraph's own timeout comes first
        too_slow = f"the query ran over {limits.timeout:g} s; narrow it or add a LIMIT"
        try:
            with urllib.request.urlopen(request, timeout=limits.timeout + 1.0) as response:
                payload = read_bounded(response, limits.max_result, deadline)
                status, content_type = response.status, response.headers.get("Content-Type")
        except urllib.error.HTTPError as err:
            status, content_type = err.code, err.headers.get("Content-Type")
            payload = err.read(limits.max_result)
        except _TooLarge:
            mb = limits.max_result / 1024 / 1024
            self._refuse(
                413, f"the result is larger than {mb:g} MB; narrow the query or add a LIMIT"
            )
            return
        except (_TooSlow, TimeoutError):
            self._refuse(503, too_slow)
            return
        except (urllib.error.URLError, OSError) as err:
            self._refuse(502, f"the SPARQL engine did not answer ({err})")
            return
        if payload.rstrip().endswith(_CANCELLED):
            self._refuse(503, too_slow)
        else:
            self._reply(status, content_type, payload)

    def _refuse(self, code: int, message: str) -> None:
        self._reply(code, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _reply(self, code: int, content_type: str | None, payload: bytes) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", content_type or "application/octet-stream")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client went away; nothing to tell it
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        return None


class _GateServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A broken connection or a malformed request ends that request only, without a traceback."""
        return None


class Server:
    """A built graph served read-only at http://HOST:PORT/query, until `stop()`."""

    def __init__(
        self, out: Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits = Limits()
    ) -> None:
        location = store_path(out)
        if not location.is_dir():
            raise KgError(f"no graph at {out}: run `kg build FILES --out {out}` first")
        self.location, self.host, self.port, self.limits = location, host, port, limits
        self._process: subprocess.Popen[bytes] | None = None
        self._http: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> Server:
        backend_port = free_port()
        self._process = start_oxigraph(
            self.location, "127.0.0.1", backend_port, timeout=self.limits.timeout
        )
        settings = {
            "backend": f"http://127.0.0.1:{backend_port}",
            "limits": self.limits,
            "slots": threading.BoundedSemaphore(self.limits.concurrent),
            "check_host": is_loopback(self.host),
        }
        gate = type("Gate", (_Gate,), settings)
        try:
            self._http = _GateServer((self.host, self.port), gate)
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


def exposure_warning(host: str) -> str | None:
    """What to tell someone serving on an address other machines can reach."""
    if is_loopback(host):
        return None
    return (
        f"warning: listening on {host}: anyone who can reach this machine can query the graph "
        "(read-only, bounded); use the default 127.0.0.1 to keep it local"
    )


def serve(out: Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits = Limits()) -> None:
    """Serve `out` read-only until Ctrl-C (SIGINT) or SIGTERM; the Oxigraph child stops with it."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    with Server(out, host, port, limits) as server:
        print(f"SPARQL endpoint: {server.url}/query  (read-only; Ctrl-C stops it)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopped", flush=True)
