"""Engine: SPARQL queries on a read-only store, in worker processes without network access.

`kg serve` runs no query in its own process. Each query goes to an engine: a child process
(`kg.engine.main`, started without the rest of kg) that took the network away from itself (`kg.sandbox`), then
opened the store read-only, and answers one query at a time over its stdin and stdout. So:
- SERVICE cannot reach anything: pyoxigraph's HTTP client finds no socket to open;
- nothing can write: the engine calls `Store.query` on a read-only store and nothing else
  (an update, LOAD included, is not a query and fails to parse);
- a query is stopped, not abandoned: pyoxigraph cannot cancel a running query, so an engine
  past its deadline is killed and a new one started; its CPU stops with it;
- a crash costs one engine: if one dies, the pool says so on one line and starts another.

Frames on the pipes are a 4-byte length and a body: a request is a JSON header, an answer a
JSON header followed by one frame of payload.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from .model import KgError
from .sparql import evaluate

_LENGTH = struct.Struct(">I")
# How an engine process starts: `kg` as a bare package, so that importing kg.engine does not run
# kg/__init__.py (spaCy, pandas, networkx: 3 s); an engine needs pyoxigraph, kg.sparql and
# kg.sandbox only, and a new one starts after every query stopped at its deadline.
_BOOT = (
    "import sys, types; package = types.ModuleType('kg'); package.__path__ = [sys.argv[1]]; "
    "sys.modules['kg'] = package; from kg.engine import main; sys.exit(main(sys.argv[2:]))"
)
READY = b"ready"
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}


@dataclass(frozen=True)
class Request:
    """One query for an engine: its text, the media types the client accepts, dataset IRIs."""

    sparql: str
    accept: str = "*/*"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What an engine made of a request: `ok`, `invalid`, `service`, `too-large` or `failed`."""

    outcome: str
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    message: str = ""


# ---------------------------------------------------------------- inside the engine process


class _Capped(io.RawIOBase):
    """A byte sink that refuses to grow past `limit` (the serializer stops at the error)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size, self.chunks = limit, 0, [b""]

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.chunks.append(bytes(data))
        return len(data)


class _TooLarge(Exception):
    pass


def negotiate(accept: str, offered: dict[str, Any]) -> str:
    """The first media type of `offered` that `accept` takes, by q-value then order; the
    first offered when the client takes anything or names nothing we write."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, number = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(number)
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, media.lower()))
    for negative_quality, _, media in sorted(ranked):
        if negative_quality >= 0:
            break
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return next(iter(offered))
    return next(iter(offered))


def answer(store: ox.Store, request: Request, limit: int) -> Answer:
    """Run one request on the store, its answer serialized within `limit` bytes."""

    def run() -> object:
        return store.query(
            request.sparql,
            default_graph=[ox.NamedNode(g) for g in request.default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in request.named_graphs] or None,
        )

    def serialize(result: object) -> tuple[str, bytes]:
        sink = _Capped(limit)
        if isinstance(result, ox.QueryTriples):
            media = negotiate(request.accept, GRAPH_TYPES)
            result.serialize(sink, GRAPH_TYPES[media])  # type: ignore[arg-type]
        else:
            media = negotiate(request.accept, RESULT_TYPES)
            result.serialize(sink, RESULT_TYPES[media])  # type: ignore[attr-defined]
        return media, b"".join(sink.chunks)

    try:
        media, body = evaluate(run, request.sparql, serialize)
    except _TooLarge:
        return Answer("too-large", message=f"the result is larger than {limit:,} bytes")
    except (ValueError, KgError) as err:
        message = str(err)
        if "Permission denied (os error 13)" in message:
            return Answer("service", message="SERVICE (federated query) is disabled here")
        return Answer("invalid" if "invalid SPARQL" in message else "failed", message=message)
    charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
    return Answer("ok", media + charset, body)


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def read_frame(stream: BinaryIO) -> bytes | None:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    return stream.read(size)


def main(argv: list[str]) -> int:
    """The engine process: sandbox, open the store, answer requests until stdin closes."""
    from .sandbox import SandboxError, deny_network

    location, limit = argv[0], int(argv[1])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    try:
        deny_network()
        store = ox.Store.read_only(location)
    except (SandboxError, OSError) as err:
        sys.stderr.write(f"{err}\n")
        return 1
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    write_frame(stdout, READY)
    while (frame := read_frame(stdin)) is not None:
        fields = json.loads(frame)
        request = Request(
            fields["sparql"],
            fields["accept"],
            tuple(fields["default_graphs"]),
            tuple(fields["named_graphs"]),
        )
        result = answer(store, request, limit)
        header = {k: getattr(result, k) for k in ("outcome", "content_type", "message")}
        write_frame(stdout, json.dumps(header).encode("utf-8"))
        write_frame(stdout, result.body)
    return 0


# ---------------------------------------------------------------- in the server


class EngineGone(Exception):
    """The engine process ended (killed at its deadline, or crashed)."""


class Engine:
    """One engine process, driven over its pipes."""

    def __init__(self, location: Path, limit: int, start_timeout: float = 60.0) -> None:
        package = str(Path(__file__).resolve().parent)
        command = [sys.executable, "-c", _BOOT, package, str(location), str(limit)]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.busy_since: float | None = None
        ready = self._read(time.monotonic() + start_timeout)
        if ready != READY:
            error = self.stop()
            raise KgError(f"the query engine did not start: {error or 'no answer'}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def ask(self, request: Request, deadline: float) -> Answer:
        """The engine's answer, or TimeoutError at `deadline` (the engine is then killed), or
        EngineGone if it died."""
        assert self.process.stdin is not None
        header = {
            "sparql": request.sparql,
            "accept": request.accept,
            "default_graphs": list(request.default_graphs),
            "named_graphs": list(request.named_graphs),
        }
        try:
            write_frame(self.process.stdin, json.dumps(header).encode("utf-8"))  # type: ignore[arg-type]
        except OSError:
            raise EngineGone from None
        fields = json.loads(self._read(deadline))
        body = self._read(deadline)
        return Answer(fields["outcome"], fields["content_type"], body, fields["message"])

    def _read(self, deadline: float) -> bytes:
        head = self._exactly(_LENGTH.size, deadline)
        return self._exactly(_LENGTH.unpack(head)[0], deadline)

    def _exactly(self, size: int, deadline: float) -> bytes:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        chunks: list[bytes] = []
        while size > 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                self.kill()
                raise TimeoutError
            chunk = os.read(fd, min(size, 1 << 20))
            if not chunk:
                raise EngineGone
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()

    def stop(self) -> str:
        """End the process (closing stdin ends its loop; killed if it does not) and return what
        it wrote on stderr."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
        error = self.process.stderr.read().decode("utf-8", "replace") if self.process.stderr else ""
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return " ".join(error.split())[:300]

    def death(self) -> str:
        """How the process ended, for the one line the server prints."""
        code = self.process.wait()
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"


@dataclass
class Busy:
    """No engine is free: how long to wait before trying again."""

    retry_after: int


@dataclass
class EnginePool:
    """`size` engines on one store; a request waits for a free one, at most `max_wait` seconds,
    and at once gives up when every engine has been on its current query for `stall` seconds
    (a queue that does not move: runaway queries until their deadline)."""

    location: Path
    size: int
    result_limit: int
    timeout: float
    stall: float = 1.0
    log: Callable[[str], None] = print
    _idle: list[Engine] = field(default_factory=list)
    _busy: list[Engine] = field(default_factory=list)
    _starting: int = 0
    _closed: bool = False
    _ready: threading.Condition = field(default_factory=threading.Condition)

    def start(self) -> EnginePool:
        first = [Engine(self.location, self.result_limit) for _ in range(self.size)]
        with self._ready:
            self._idle.extend(first)
        return self

    def run(self, request: Request) -> Answer | Busy:
        """The answer to `request` (timeouts and crashes included), or Busy."""
        engine = self._acquire()
        if isinstance(engine, Busy):
            return engine
        deadline = time.monotonic() + self.timeout
        try:
            result = engine.ask(request, deadline)
        except TimeoutError:
            self._replace(engine, None)
            return Answer("timeout", message=f"the query ran over {self.timeout:g} s")
        except EngineGone:
            self._replace(engine, f"query engine {engine.pid} stopped ({engine.death()})")
            return Answer("crashed", message="the query engine stopped; a new one is starting")
        self._release(engine)
        return result

    def _acquire(self) -> Engine | Busy:
        give_up = time.monotonic() + self.timeout
        with self._ready:
            while True:
                for engine in [e for e in self._idle if not e.alive()]:
                    self._idle.remove(engine)
                    self._replace_locked(
                        engine, f"query engine {engine.pid} stopped ({engine.death()})"
                    )
                if self._idle:
                    engine = self._idle.pop(0)
                    engine.busy_since = time.monotonic()
                    self._busy.append(engine)
                    return engine
                now = time.monotonic()
                if self._closed or now >= give_up or self._stalled(now):
                    return Busy(self._retry_after(now))
                self._ready.wait(timeout=min(0.1, give_up - now))

    def _stalled(self, now: float) -> bool:
        if self._starting or not self._busy:
            return False
        return all(now - (e.busy_since or now) >= self.stall for e in self._busy)

    def _retry_after(self, now: float) -> int:
        if not self._busy:
            return 1
        oldest = max(now - (e.busy_since or now) for e in self._busy)
        return max(1, round(self.timeout - oldest + 0.5))

    def _release(self, engine: Engine) -> None:
        with self._ready:
            self._busy.remove(engine)
            engine.busy_since = None
            if self._closed:
                engine.stop()
            else:
                self._idle.append(engine)
            self._ready.notify()

    def _replace(self, engine: Engine, reason: str | None) -> None:
        with self._ready:
            self._busy.remove(engine)
            self._replace_locked(engine, reason)

    def _replace_locked(self, engine: Engine, reason: str | None) -> None:
        engine.kill()
        engine.stop()
        if reason:
            self.log(f"{reason}; starting another")
        if not self._closed:
            self._starting += 1
            threading.Thread(target=self._start_one, daemon=True).start()

    def _start_one(self) -> None:
        delay = 0.5
        while True:
            try:
                engine = Engine(self.location, self.result_limit)
                break
            except KgError as err:
                self.log(f"{err}; trying again in {delay:g} s")
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
                if self._closed:
                    return
        with self._ready:
            self._starting -= 1
            if self._closed:
                engine.stop()
                return
            self._idle.append(engine)
            self._ready.notify()

    def busy_count(self) -> int:
        with self._ready:
            return len(self._busy)

    def pids(self) -> list[int]:
        with self._ready:
            return [e.pid for e in self._idle + self._busy]

    def close(self) -> None:
        with self._ready:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = list(self._busy)
            self._ready.notify_all()
        for engine in idle:
            engine.stop()
        for engine in busy:
            engine.kill()
