"""SPARQL text: its opaque tokens, and the bounds within which any query runs.

Kept free of rdflib and of the rest of kg, so that a query engine process (`kg.engine`) starts in
a fraction of a second: it imports this module and pyoxigraph only.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TypeVar

from .model import KgError

T = TypeVar("T")

# Strings, IRIs and comments hide keywords and variables; what is left is SPARQL syntax.
OPAQUE = (
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\''
    r"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n\r]*"
)
_OPAQUE = re.compile(OPAQUE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_BRACKETS = re.compile(r"[(){}\[\]]")

MAX_QUERY_CHARS = 65_536
MAX_NESTING = 128
# Oxigraph parses, plans and evaluates a query by recursion, one frame or more per level of
# nesting, on the stack of the thread that calls it; 8 MB (a main thread's) overflows at about
# 2,100 nested `{}` or 800 nested function calls, and the overflow kills the whole process. At
# most 2.1 KB of stack per character of query text was measured over every construct
# (tests/integration/test_serve_security.py generates them), so a query of at most
# MAX_QUERY_CHARS runs on a thread of DEEP_STACK with a margin of almost four.
DEEP_STACK = 512 * 1024 * 1024
_STACK_LOCK = threading.Lock()


def check_shape(sparql: str) -> None:
    """KgError for a query longer than MAX_QUERY_CHARS or nested deeper than MAX_NESTING
    (brackets of any kind, counted outside strings, IRIs and comments). The depth is for a clear
    answer to a nesting bomb; what keeps one from crashing the engine is the size and the stack."""
    if len(sparql) > MAX_QUERY_CHARS:
        raise KgError(
            f"the query is {len(sparql):,} characters long; at most {MAX_QUERY_CHARS:,} are accepted"
        )
    depth = nesting(sparql)
    if depth > MAX_NESTING:
        raise KgError(f"the query nests {depth:,} levels deep; at most {MAX_NESTING} are accepted")


def nesting(sparql: str) -> int:
    """The deepest nesting of (), {} and [] in a query, outside strings, IRIs and comments."""
    text = _OPAQUE.sub(" ", _CODEPOINT.sub(_unescape_codepoint, sparql))
    depth = deepest = 0
    for char in _BRACKETS.findall(text):
        depth = depth + 1 if char in "({[" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def _unescape_codepoint(match: re.Match[str]) -> str:
    try:
        return chr(int(match[1] or match[2], 16))
    except (ValueError, OverflowError):
        return match[0]


def evaluate(query: Callable[[], object], sparql: str, collect: Callable[[object], T]) -> T:
    """`collect(query())` on a thread with a stack deep enough for any query of at most
    MAX_QUERY_CHARS characters; parse and store errors as KgError. Results are lazy, so
    `collect` must consume them (rows, a serialization) on that thread too."""
    check_shape(sparql)
    outcome: list[T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            outcome.append(collect(query()))
        except SyntaxError as err:
            failure.append(KgError(f"invalid SPARQL: {one_line(err)}"))
        except (RuntimeError, OSError) as err:
            failure.append(KgError(f"query failed: {one_line(err)}"))
        except BaseException as err:  # handed to the caller's thread as it is
            failure.append(err)

    with _STACK_LOCK:
        previous = threading.stack_size(DEEP_STACK)
        try:
            worker = threading.Thread(target=work, name="kg-query", daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous)
    worker.join()
    if failure:
        raise failure[0]
    return outcome[0]


def one_line(err: Exception, limit: int = 200) -> str:
    text = " ".join(str(err).split())
    return text if len(text) <= limit else text[:limit] + " …"
