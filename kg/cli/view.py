"""`kg view`, `kg stats` and `kg path`: a built graph (its store) through networkx."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..model import KgError
from .app import app, fail


def _built_graph(directory: Path, evidence: bool = True) -> Any:
    """The networkx projection of the graph in `directory` (its store)."""
    from ..analyze import to_networkx

    return to_networkx(directory, evidence=evidence)


def _type_list(types: str | None) -> list[str] | None:
    return [t.strip() for t in types.split(",") if t.strip()] if types else None


@app.command()
def view(
    directory: Annotated[Path, typer.Argument(help="A build's output folder (holds store/).")],
    focus: Annotated[str | None, typer.Option(help="Only this entity's neighbourhood.")] = None,
    depth: Annotated[int, typer.Option(min=0, help="Hops around --focus.")] = 2,
    types: Annotated[str | None, typer.Option(help="Comma-separated, e.g. PERSON,EVENT.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="ISO date, e.g. 2022-06.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="ISO date, e.g. 2022-12-31.")] = None,
    output: Annotated[Path | None, typer.Option(help="HTML file (default DIR/graph.html).")] = None,
) -> None:
    """Write the offline HTML view of a built graph and print its path."""
    from ..render import VIEW_FILE, render

    try:
        path = render(
            _built_graph(directory),
            output or directory / VIEW_FILE,
            title=f"Đồ thị tri thức — {directory.name}",
            focus=focus,
            depth=depth,
            types=_type_list(types),
            date_from=date_from,
            date_to=date_to,
        )
    except KgError as err:
        fail(str(err))
    typer.echo(str(path))


@app.command()
def stats(
    directory: Annotated[Path, typer.Argument(help="A build's output folder (holds store/).")],
    top: Annotated[
        int, typer.Option(min=1, help="How many entities and communities to list.")
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Top entities by centrality, communities, counts by type and predicate."""
    from ..analyze import stats as graph_stats

    try:
        summary = graph_stats(_built_graph(directory, evidence=False), top=top)
    except KgError as err:
        fail(str(err))
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{summary['nodes']} entities, {summary['edges']} relations")
    for title, key in (("types", "types"), ("predicates", "predicates")):
        typer.echo(f"\n{title}:")
        for name, count in summary[key].items():
            typer.echo(f"  {count:6d}  {name}")
    for key in ("top_degree", "top_pagerank", "top_betweenness"):
        typer.echo(f"\n{key.removeprefix('top_')}:")
        for row in summary[key]:
            typer.echo(f"  {row['score']:8.4g}  {row['label']} ({row['type']})")
    typer.echo("\ncommunities:")
    for i, community in enumerate(summary["communities"], 1):
        typer.echo(f"  {i:3d}. [{community['size']}] {', '.join(community['members'])}")


@app.command("path")
def path_between(
    directory: Annotated[Path, typer.Argument(help="A build's output folder (holds store/).")],
    source: Annotated[str, typer.Argument(help="An entity's name (case and accents ignored).")],
    target: Annotated[str, typer.Argument(help="Another entity's name.")],
) -> None:
    """A shortest chain of relations between two entities."""
    from ..analyze import path_steps, shortest_path

    try:
        graph = _built_graph(directory, evidence=False)
        steps = path_steps(graph, shortest_path(graph, source, target))
    except KgError as err:
        fail(str(err))
    if not steps:
        typer.echo(f"{source} is {target}")
    for subject, predicate, obj in steps:
        typer.echo(f"{subject} —{predicate}→ {obj}")
