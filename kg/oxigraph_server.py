"""The Oxigraph server binary (`oxigraph serve`): a SPARQL server for the remote-store path and its
tests. `kg serve` does not use it: its queries run in kg's own engines (`kg.engine`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .model import KgError


def oxigraph_binary() -> str:
    """The `oxigraph` executable of the `oxigraph` package (beside our Python, or on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KgError('the oxigraph server binary is not installed: pip install "oxigraph"')
    return found


def start_oxigraph(
    location: Path, host: str, port: int, read_only: bool = True, timeout: float | None = None
) -> subprocess.Popen[bytes]:
    """Start `oxigraph serve[-read-only]` on `location` and wait until it answers (a writable
    SPARQL server for the remote-store path; `kg serve` does not use it)."""
    mode = "serve-read-only" if read_only else "serve"
    command = [oxigraph_binary(), mode, "--location", str(location), "--bind", f"{host}:{port}"]
    if timeout is not None:
        command += ["--timeout-s", str(max(1, round(timeout + 0.5)))]
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
