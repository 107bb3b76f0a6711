"""The engine's sandbox: a process that installed it opens no socket of any family."""

from __future__ import annotations

import subprocess
import sys

from kg.sandbox import deny_network


def test_a_sandboxed_process_cannot_open_a_socket() -> None:
    code = (
        "import socket, sys\n"
        "from kg.sandbox import deny_network\n"
        "deny_network()\n"
        "for family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX):\n"
        "    try:\n"
        "        socket.socket(family)\n"
        "    except PermissionError:\n"
        "        continue\n"
        "    sys.exit(f'opened a socket of family {family}')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert deny_network is not None
