"""`kg query`, `kg validate`, `kg serve`, `kg export` and `kg explain`: a built graph, read."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from ..model import KgError
from .app import EXIT_ERROR, GraphOption, app, fail


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
    from ..query import named_queries, page_note, parse_params, render
    from ..query import query as run_query

    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as err:
            raise KgError(f"{file}: cannot be read ({err.strerror})") from None
    if not sparql:
        for item in named_queries().values():
            typer.echo(f"{item.name}\t{item.description}")
        return
    params = parse_params(param or [])
    frame = run_query(graph, sparql, params)
    note = page_note(graph, sparql, params)
    typer.echo(render(frame, format), nl=False)
    if note:
        typer.echo(note, err=True)


@app.command()
def validate(
    graph: Annotated[str, typer.Argument(help="A build folder or a SPARQL server URL.")] = "out",
) -> None:
    """Check the graph against ontology/shapes.ttl (SHACL); exit 1 on any violation."""
    from ..validate import validate as run_validate

    violations = run_validate(graph)
    for violation in violations:
        typer.echo(str(violation))
    typer.echo(f"{len(violations)} violation(s)", err=True)
    if violations:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def serve(
    graph: Annotated[Path, typer.Argument(help="A build folder.")] = Path("out"),
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")
    ] = 7878,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (other than loopback: warned).")
    ] = "127.0.0.1",
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a query may run (then stopped, 503).")
    ] = 30.0,
    max_result_mb: Annotated[
        float, typer.Option("--max-result-mb", help="Largest answer in MB (then 413).")
    ] = 64.0,
    engines: Annotated[
        int | None,
        typer.Option("--engines", help="Queries run at once, one engine process each."),
    ] = None,
    cors: Annotated[
        list[str] | None,
        typer.Option(
            "--cors",
            help="An origin browsers may query from ('*' for any; repeatable; 'none' for no CORS). "
            "Default: '*' on loopback, none otherwise.",
        ),
    ] = None,
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 protocol until Ctrl-C: no updates, no
    SERVICE, each query stopped at --timeout, on 127.0.0.1 unless --host says otherwise."""
    from ..serve import Limits
    from ..serve import serve as run_serve

    if timeout <= 0 or max_result_mb <= 0 or (engines is not None and engines < 1):
        fail("--timeout, --max-result-mb and --engines must be positive")
    limits = Limits(timeout=timeout, max_result=int(max_result_mb * 1024 * 1024))
    if engines is not None:
        limits = replace(limits, engines=engines)
    origins = None if cors is None else tuple(o for o in cors if o.lower() != "none")
    run_serve(graph, host, port, limits, origins)


@app.command()
def export(
    graph: Annotated[str, typer.Argument(help="A build folder or a SPARQL server URL.")] = "out",
    format: Annotated[
        str,
        typer.Option(
            "--format", help="turtle, trig, nquads, ntriples, jsonld; gexf or graphml (networkx)."
        ),
    ] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Write the graph as one file: RDF (named graphs kept in trig, nquads and jsonld; data only,
    the ontology is ontology/kg.ttl) or the entity network for Gephi (gexf, graphml)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        target = output if output is not None else Path(tmp) / "graph"
        written = _export(graph, format, target)
        if output is not None:
            typer.echo(f"{written} written to {output}", err=True)
            return
        sys.stdout.write(target.read_text(encoding="utf-8"))


def _export(graph: str, fmt: str, target: Path) -> str:
    from ..analyze import NETWORK_FORMATS, to_networkx, write_network
    from ..store import export as run_export
    from ..store import open_store

    if fmt in NETWORK_FORMATS:
        network = to_networkx(graph)
        write_network(network, target, fmt)
        return f"{network.number_of_nodes()} entities and {network.number_of_edges()} relations"
    store = open_store(graph, read_only=True)
    try:
        return f"{run_export(store, target, fmt)} statements"
    finally:
        store.close()


@app.command()
def explain(
    name: Annotated[str, typer.Argument(help="An entity's name or any spelling of it.")],
    graph: GraphOption = "out",
) -> None:
    """Why the graph has this entity: type, labels, merge reasons, the sentences naming it."""
    from ..query import explain as run_explain

    for item in run_explain(graph, name):
        typer.echo("\n".join(item.lines()))
