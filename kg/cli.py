"""Command line: `kg build | extract | query | validate | serve | export | explain | ...`.

Each command is a thin edge over the library; errors a user can cause print one line and exit
non-zero.
Exit codes: 0 all inputs built, 1 usage or fatal error, 2 some inputs were skipped (the rest built).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .ingest import printable
from .model import KgError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Knowledge graphs from Vietnamese news."
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PARTIAL = 2


@app.callback()
def _root() -> None:
    """Knowledge graphs from Vietnamese news."""


def _fail(message: str) -> NoReturn:
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


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        Path, typer.Argument(help="Folder of gold JSON files (matched by file stem).")
    ],
    paths: Annotated[list[Path], typer.Argument(help="Articles to extract and score.")],
) -> None:
    """Score extraction against gold: P/R/F1 per entity type and per predicate, strict and relaxed."""
    from . import extract as extract_all
    from .evaluate import evaluate, load_gold, report
    from .ingest import Skipped

    gold = load_gold(gold_dir)
    preds = []
    for item in extract_all(paths):
        if isinstance(item, Skipped):
            typer.echo(str(item), err=True)
            continue
        preds.append((Path(item.doc.source).stem, item.to_json()))
    scores, scored = evaluate(preds, gold)
    if not scored:
        _fail(f"no document under the given paths has a gold file in {gold_dir}")
    typer.echo(f"scored {len(scored)} document(s): {', '.join(scored)}")
    typer.echo(report(scores))


@app.command()
def bench(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Articles to time extraction on (e.g. data/raw).")
    ] = None,
    repeat: Annotated[int, typer.Option(help="Passes over the articles.")] = 20,
    scale: Annotated[
        bool,
        typer.Option(
            "--scale", help="Also build synthetic corpora: speed-up, builds, add, queries."
        ),
    ] = False,
    sizes: Annotated[str, typer.Option(help="Corpus sizes for --scale.")] = "1000,10000",
    seed: Annotated[int, typer.Option(help="Seed of the synthetic corpora.")] = 0,
    output: Annotated[
        Path | None, typer.Option("--output", help="Also write the figures to this file.")
    ] = None,
) -> None:
    """Extraction speed against spaCy's tokenisation and underthesea's ner(); with --scale, the
    build at scale on synthetic corpora (issue #8's figures)."""
    from .benchmark import measure, measure_underthesea, report
    from .benchmark import scale as run_scale
    from .ingest import Skipped, read_documents

    lines: list[str] = []
    if paths:
        docs = [d for d in read_documents(paths) if not isinstance(d, Skipped)]
        if not docs:
            _fail("no readable article under the given paths")
        base, full = measure(docs, repeat)
        chars = sum(len(d.text) for d in docs)
        lines += [
            f"{len(docs)} article(s), {chars:,} characters, {repeat} passes",
            report(base, full, measure_underthesea(docs)),
        ]
        typer.echo("\n".join(lines))
    if scale:
        if lines:
            lines = ["## Extraction speed on the given articles", "", "```", *lines, "```", ""]
        counts = [int(n) for n in sizes.split(",") if n.strip()]
        lines = [*run_scale(counts, seed), "", *lines]
    if output is not None and lines:
        output.write_text("\n".join(lines) + "\n", encoding="utf-8")
        typer.echo(f"written to {output}")


StoreOption = Annotated[
    str | None, typer.Option("--store", help="SPARQL 1.1 server URL instead of <out>/store.")
]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Output folder (store, graph files).")]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", "--workers", help="Extraction processes (default: one per core)."),
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


@app.command()
def build(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files or folders (.txt, .html, .jsonl).")
    ],
    out: OutOption = Path("out"),
    store: StoreOption = None,
    jobs: JobsOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Older spelling of --engine dask [--scheduler ADDR]: 'local'."),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Extract every document again, changed or not.")
    ] = False,
    view: ViewOption = None,
    export: ExportOption = None,
    progress: ProgressOption = None,
) -> None:
    """Build or update the graph of PATHS in OUT: store, graph.trig, graph.ttl, extractions.jsonl.

    Only documents whose content changed are extracted again; documents no longer given are
    removed. Exit status: 0 every input built, 2 some inputs were skipped (each reported on one
    line `skipped <name>: <reason>`, the rest built), 1 fatal error.
    """
    from .build import build as run_build

    report = run_build(
        paths,
        out,
        store_url=store,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        dask=dask,
        rebuild=rebuild,
        view=view,
        export=export,
        progress=progress,
    )
    _print_report(report)


@app.command()
def add(
    paths: Annotated[list[Path], typer.Argument(help="New or changed articles to add.")],
    out: OutOption = Path("out"),
    store: StoreOption = None,
    jobs: JobsOption = None,
    view: ViewOption = None,
    export: ExportOption = None,
) -> None:
    """Add (or update) these articles in the graph of OUT, keeping every other document.

    Like `kg build` without removing the documents that are not among PATHS: only the given
    articles are read. Exit status as for `kg build`.
    """
    from .build import build as run_build

    report = run_build(
        paths, out, store_url=store, jobs=jobs, prune=False, view=view, export=export
    )
    _print_report(report)


def _print_report(report: Any) -> None:
    typer.echo(report.summary())
    if report.view is not None:
        typer.echo(f"view: {report.view}")
    if report.skipped:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the corpus to.")],
    articles: Annotated[int, typer.Option("--articles", "-n", help="How many articles.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same corpus.")] = 0,
    start: Annotated[int, typer.Option("--start", help="Index of the first article.")] = 0,
    format: Annotated[
        str, typer.Option("--format", help="jsonl (shards of 1,000) or txt (+ .meta.json).")
    ] = "jsonl",
) -> None:
    """Write a synthetic corpus of Vietnamese news articles (invented people, for benchmarks)."""
    from .synthetic import write_corpus

    if format not in {"jsonl", "txt"}:
        _fail(f"unknown format {format!r}: use jsonl or txt")
    files = write_corpus(out, articles, seed=seed, fmt=format, start=start)
    typer.echo(f"{articles:,} articles in {len(files):,} file(s) under {out}")


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
    from .query import named_queries, page_note, parse_params, render
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
    params = parse_params(param or [])
    frame = run_query(graph, sparql, params)
    typer.echo(render(frame, format), nl=False)
    note = page_note(graph, sparql, params)
    if note:
        typer.echo(note, err=True)


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
    from .serve import Limits
    from .serve import serve as run_serve

    if timeout <= 0 or max_result_mb <= 0 or (engines is not None and engines < 1):
        _fail("--timeout, --max-result-mb and --engines must be positive")
    limits = Limits(timeout=timeout, max_result=int(max_result_mb * 1024 * 1024))
    if engines is not None:
        limits = replace(limits, engines=engines)
    origins = None if cors is None else tuple(o for o in cors if o.lower() != "none")
    run_serve(graph, host, port, limits, origins)


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


# ------------------------------------------------------------ view, stats, path (a built graph)


def _built_graph(directory: Path) -> Any:
    """The networkx projection of `directory/graph.trig`."""
    from .analyze import to_networkx
    from .render import read_built_graph

    return to_networkx(read_built_graph(directory))


def _type_list(types: str | None) -> list[str] | None:
    return [t.strip() for t in types.split(",") if t.strip()] if types else None


@app.command()
def view(
    directory: Annotated[Path, typer.Argument(help="A build's output folder (holds graph.trig).")],
    focus: Annotated[str | None, typer.Option(help="Only this entity's neighbourhood.")] = None,
    depth: Annotated[int, typer.Option(help="Hops around --focus.")] = 2,
    types: Annotated[str | None, typer.Option(help="Comma-separated, e.g. PERSON,EVENT.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="ISO date, e.g. 2022-06.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="ISO date, e.g. 2022-12-31.")] = None,
    output: Annotated[Path | None, typer.Option(help="HTML file (default DIR/graph.html).")] = None,
) -> None:
    """Write the offline HTML view of a built graph and print its path."""
    from .render import VIEW_FILE, render

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
        _fail(str(err))
    typer.echo(str(path))


@app.command()
def stats(
    directory: Annotated[Path, typer.Argument(help="A build's output folder (holds graph.trig).")],
    top: Annotated[int, typer.Option(help="How many entities and communities to list.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Top entities by centrality, communities, counts by type and predicate."""
    from .analyze import stats as graph_stats

    try:
        summary = graph_stats(_built_graph(directory), top=top)
    except KgError as err:
        _fail(str(err))
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
    directory: Annotated[Path, typer.Argument(help="A build's output folder (holds graph.trig).")],
    source: Annotated[str, typer.Argument(help="An entity's name (case and accents ignored).")],
    target: Annotated[str, typer.Argument(help="Another entity's name.")],
) -> None:
    """A shortest chain of relations between two entities."""
    from .analyze import path_steps, shortest_path

    try:
        graph = _built_graph(directory)
        steps = path_steps(graph, shortest_path(graph, source, target))
    except KgError as err:
        _fail(str(err))
    if not steps:
        typer.echo(f"{source} is {target}")
    for subject, predicate, obj in steps:
        typer.echo(f"{subject} —{predicate}→ {obj}")


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


def main() -> None:
    """The `kg` command: a user's error is one line and exit 1; so is a bug (KG_DEBUG=1 shows its
    traceback)."""
    _report_notes()
    try:
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


if __name__ == "__main__":
    main()
