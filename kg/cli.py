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


GraphOption = Annotated[
    str,
    typer.Option("--graph", "-g", help="A build folder (kg build --out) or a SPARQL server URL."),
]


@app.command()
def query(
    sparql: Annotated[
        str | None, typer.Argument(help="SPARQL text, or the name of a query in ontology/queries.")
    ] = None,
    graph: GraphOption = "out",
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a file.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound as ?NAME.")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a SELECT query, or a named one (people, person, meetings, contacts, agreements,
    entity, evidence); without a query, list the named queries."""
    from .query import named_queries, parse_params, render
    from .query import query as run_query

    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as err:
            raise KgError(f"{file}: cannot be read ({err.strerror})") from None
    if not sparql:
        for item in named_queries().values():
            typer.echo(f"{item.name}\t{item.description}")
        return
    frame = run_query(graph, sparql, parse_params(param or []))
    typer.echo(render(frame, format), nl=False)


@app.command()
def validate(
    graph: Annotated[str, typer.Argument(help="A build folder or a SPARQL server URL.")] = "out",
) -> None:
    """Check the graph against ontology/shapes.ttl (SHACL); exit 1 on any violation."""
    from .validate import validate as run_validate

    violations = run_validate(graph)
    for violation in violations:
        typer.echo(str(violation))
    typer.echo(f"{len(violations)} violation(s)", err=True)
    if violations:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def serve(
    graph: Annotated[Path, typer.Argument(help="A build folder.")] = Path("out"),
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 7878,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 protocol (Oxigraph) until Ctrl-C."""
    from .serve import serve as run_serve

    run_serve(graph, host, port)


@app.command()
def export(
    graph: Annotated[str, typer.Argument(help="A build folder or a SPARQL server URL.")] = "out",
    format: Annotated[
        str, typer.Option("--format", help="turtle, trig, nquads, ntriples or jsonld.")
    ] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Write the graph as one RDF file (named graphs kept in trig, nquads and jsonld)."""
    import tempfile

    from .store import export as run_export
    from .store import open_store

    store = open_store(graph, read_only=True)
    try:
        if output is not None:
            count = run_export(store, output, format)
            typer.echo(f"{count} statements written to {output}", err=True)
            return
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "graph"
            run_export(store, target, format)
            sys.stdout.write(target.read_text(encoding="utf-8"))
    finally:
        store.close()


@app.command()
def explain(
    name: Annotated[str, typer.Argument(help="An entity's name or any spelling of it.")],
    graph: GraphOption = "out",
) -> None:
    """Why the graph has this entity: type, labels, merge reasons, the sentences naming it."""
    from .query import explain as run_explain

    for item in run_explain(graph, name):
        typer.echo("\n".join(item.lines()))


def main() -> None:
    try:
        app()
    except KgError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
