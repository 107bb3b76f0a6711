"""Command line: `kg build | extract | query | validate | serve | export | explain | ...`.

Each command is a thin edge over the library; errors a user can cause print one line and exit
non-zero.
Exit codes: 0 all inputs built, 1 usage or fatal error, 2 some inputs were skipped (the rest built).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .model import KgError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Knowledge graphs from Vietnamese news."
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PARTIAL = 2


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


@app.command()
def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files or folders (.txt, .html, .jsonl).")
    ],
    format: Annotated[str, typer.Option("--format", help="json (JSON Lines) or table.")] = "json",
) -> None:
    """Print the entities and relations of each document (one JSON object per line)."""
    from . import extract as extract_all
    from .ingest import Skipped

    skipped = 0
    for item in extract_all(paths):
        if isinstance(item, Skipped):
            skipped += 1
            typer.echo(str(item), err=True)
            continue
        if format == "json":
            typer.echo(json.dumps(item.to_json(), ensure_ascii=False))
        else:
            for ent in item.entities:
                typer.echo(f"{item.doc.doc_id}\t{ent.type.value}\t{ent.name}\t{ent.attributes}")
    if skipped:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def build(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files or folders (.txt, .html, .jsonl).")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (store, graph files).")
    ] = Path("out"),
    store: Annotated[
        str | None, typer.Option("--store", help="SPARQL 1.1 server URL instead of <out>/store.")
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Extraction processes.")] = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Run the extraction on Dask: a scheduler address or 'local'."),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Extract every document again, changed or not.")
    ] = False,
) -> None:
    """Build or update the graph of PATHS in OUT: store, graph.trig, graph.ttl, extractions.jsonl.

    Only documents whose content changed are extracted again; documents no longer given are
    removed. Exit status: 0 every input built, 2 some inputs were skipped (each reported on one
    line `skipped <name>: <reason>`, the rest built), 1 fatal error.
    """
    from .build import build as run_build

    report = run_build(paths, out, store_url=store, workers=workers, dask=dask, rebuild=rebuild)
    typer.echo(report.summary())
    if report.view is not None:
        typer.echo(f"view: {report.view}")
    if report.skipped:
        raise typer.Exit(EXIT_PARTIAL)


def main() -> None:
    try:
        app()
    except KgError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
