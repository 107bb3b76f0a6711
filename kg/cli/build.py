"""`kg extract`, `kg eval`, `kg build` and `kg add`: from articles to records and graphs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from .app import (
    EXIT_PARTIAL,
    EngineOption,
    ExportOption,
    JobsOption,
    OutOption,
    ProgressOption,
    SchedulerOption,
    StoreOption,
    ViewOption,
    app,
    fail,
)


@app.command()
def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files or folders (.txt, .html, .jsonl).")
    ],
    format: Annotated[str, typer.Option("--format", help="json (JSON Lines) or table.")] = "json",
) -> None:
    """Print the entities and relations of each document (one JSON object per line)."""
    from ..extract import extract_document
    from ..ingest import Skipped, read_documents

    skipped = 0
    for document in read_documents(paths):
        if isinstance(document, Skipped):
            skipped += 1
            typer.echo(str(document), err=True)
            continue
        item = extract_document(document)
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
    from ..evaluate import evaluate, load_gold, report
    from ..extract import extract_document
    from ..ingest import Skipped, read_documents

    gold = load_gold(gold_dir)
    preds = []
    for document in read_documents(paths):
        if isinstance(document, Skipped):
            typer.echo(str(document), err=True)
            continue
        preds.append((Path(document.source).stem, extract_document(document).to_json()))
    scores, scored = evaluate(preds, gold)
    if not scored:
        fail(f"no document under the given paths has a gold file in {gold_dir}")
    typer.echo(f"scored {len(scored)} document(s): {', '.join(scored)}")
    typer.echo(report(scores))


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
    from ..build import build as run_build

    report = run_build(
        paths,
        out,
        store_url=store,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
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
    from ..build import build as run_build

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
