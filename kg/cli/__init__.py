"""Command line: `kg build | extract | query | validate | serve | export | explain | ...`.

Each command is a thin edge over the library; errors a user can cause print one line and exit
non-zero. Commands are grouped by what they work on (`build`, `query`, `view`); other
installed packages add theirs through the `kg.commands` entry points.
Exit codes: 0 all inputs built, 1 usage or fatal error, 2 some inputs were skipped (the rest built).
"""

from __future__ import annotations

import logging
import os
import sys
from importlib.metadata import entry_points

import typer

from ..ingest import printable
from ..model import KgError
from . import build, query, view
from .app import EXIT_ERROR, app

__all__ = ["app", "build", "main", "query", "view"]


def _report_notes() -> None:
    """kg's `note <name>: ...` lines on stderr as they are; other libraries' log records stay out
    of the report (no handler of last resort for them)."""
    ours = logging.getLogger("kg")
    if ours.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    ours.addHandler(handler)
    ours.setLevel(logging.INFO)
    ours.propagate = False
    logging.getLogger().addHandler(logging.NullHandler())


def _add_plugin_commands() -> None:
    """Commands other installed packages add (the `kg.commands` entry points): the developer
    tools' `kg bench` and `kg synth`."""
    for entry in entry_points(group="kg.commands"):
        entry.load()(app)


def main() -> None:
    """The `kg` command: a user's error is one line and exit 1; so is a bug (KG_DEBUG=1 shows its
    traceback)."""
    _report_notes()
    try:
        _add_plugin_commands()
        app()
    except KgError as err:
        typer.echo(f"error: {printable(str(err))}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as err:
        if os.environ.get("KG_DEBUG"):
            raise
        reason = printable(" ".join(str(err).split()))[:300]
        typer.echo(
            f"error: unexpected {type(err).__name__}: {reason} (KG_DEBUG=1 shows where)", err=True
        )
        sys.exit(EXIT_ERROR)
