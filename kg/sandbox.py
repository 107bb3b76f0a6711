"""Sandbox: take the network away from this process for good, so nothing in it can connect out.

pyoxigraph evaluates `SERVICE <url>` with an HTTP client of its own (tested: a query names a
local listener and the store posts the inner pattern to it). The query engine of `kg serve`
therefore runs in a process that has called `deny_network()` first: a seccomp filter makes
`socket()` and `socketpair()` fail with EACCES for every address family, and refuses io_uring
(whose requests can create sockets too). Without a socket there is no connection and no DNS
look-up, whatever the query says; the process talks to its parent over the pipes it was born
with. A filter cannot be removed or loosened once installed, and children inherit it.

Linux only (x86-64 and AArch64, the kinds this project runs on); elsewhere `deny_network`
raises SandboxError, and `kg serve` refuses to start rather than serve unsandboxed.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct
import sys

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
RET_ALLOW = 0x7FFF0000
RET_ERRNO = 0x00050000
RET_KILL_PROCESS = 0x80000000
LOAD_WORD = 0x20  # BPF_LD | BPF_W | BPF_ABS
JUMP_EQUAL = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
JUMP_AT_LEAST = 0x35  # BPF_JMP | BPF_JGE | BPF_K
RETURN = 0x06  # BPF_RET | BPF_K
X32_BIT = 0x40000000  # x86-64's x32 system calls: another numbering, refused outright

# machine: (AUDIT_ARCH_*, socket, socketpair, io_uring_setup)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 53, 425),
    "aarch64": (0xC00000B7, 198, 199, 425),
}


class SandboxError(Exception):
    """This system cannot take the network away from a process."""


class _Filter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def network_filter(machine: str) -> list[tuple[int, int, int, int]]:
    """The BPF program: kill on a foreign architecture, EACCES for the socket-making calls."""
    if machine not in _ARCHES:
        raise SandboxError(f"no network sandbox for {machine} processors")
    arch, socket_call, pair_call, uring_call = _ARCHES[machine]
    denied = RET_ERRNO | errno.EACCES
    return [
        (LOAD_WORD, 0, 0, 4),  # seccomp_data.arch
        (JUMP_EQUAL, 1, 0, arch),
        (RETURN, 0, 0, RET_KILL_PROCESS),
        (LOAD_WORD, 0, 0, 0),  # seccomp_data.nr
        (JUMP_AT_LEAST, 0, 1, X32_BIT),
        (RETURN, 0, 0, RET_KILL_PROCESS),
        (JUMP_EQUAL, 3, 0, socket_call),
        (JUMP_EQUAL, 2, 0, pair_call),
        (JUMP_EQUAL, 1, 0, uring_call),
        (RETURN, 0, 0, RET_ALLOW),
        (RETURN, 0, 0, denied),
    ]


def deny_network() -> None:
    """Install the filter on this process (and every thread and child it makes from now on)."""
    if not sys.platform.startswith("linux"):
        raise SandboxError(f"no network sandbox on {sys.platform} (seccomp is Linux's)")
    if struct.calcsize("P") != 8 or sys.byteorder != "little":
        raise SandboxError("no network sandbox for this processor")
    program = network_filter(platform.machine())
    filters = (_Filter * len(program))(*(_Filter(*instruction) for instruction in program))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [
        ctypes.c_int,
        ctypes.c_ulong,
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
    ]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
        raise SandboxError(f"prctl(NO_NEW_PRIVS) failed: {_error()}")
    fprog = _Program(len(program), filters)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise SandboxError(f"the kernel refused the seccomp filter: {_error()}")


def _error() -> str:
    return os.strerror(ctypes.get_errno())
