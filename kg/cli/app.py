"""The `kg` command line's application: the typer app, exit codes, the one-line error, and the
options several commands share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Knowledge graphs from Vietnamese news."
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PARTIAL = 2


@app.callback()
def _root() -> None:
    """Knowledge graphs from Vietnamese news."""


def fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


StoreOption = Annotated[
    str | None, typer.Option("--store", help="SPARQL 1.1 server URL instead of <out>/store.")
]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Output folder (store, graph files).")]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", help="Extraction processes (default: one per core)."),
]
EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="Where extraction runs: local (process pool) or dask (default with --scheduler).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://host:8786); none: a local cluster."
    ),
]
ViewOption = Annotated[
    bool | None,
    typer.Option(
        "--view/--no-view",
        help="Write graph.html (default: the whole graph up to 100 documents; above, the "
        "latest 25 documents, after builds of 100 or more).",
        show_default=False,
    ),
]
ExportOption = Annotated[
    bool | None,
    typer.Option(
        "--export/--no-export",
        help="Write graph.trig and graph.ttl (default: up to 100 documents).",
        show_default=False,
    ),
]
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Progress on stderr (default: a bar on a terminal, lines on long builds).",
        show_default=False,
    ),
]
GraphOption = Annotated[
    str,
    typer.Option("--graph", "-g", help="A build folder (kg build --out) or a SPARQL server URL."),
]
