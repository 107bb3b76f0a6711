"""`kg extract`, `kg eval`, `kg build` and `kg add`: from articles to records and graphs."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Corpora (a folder with gold/ and articles/, or a folder of gold JSON files) and "
            "the articles of any gold folder that has no articles/ beside it."
        ),
    ],
    errors: Annotated[
        bool, typer.Option("--errors", help="List the missed, spurious and boundary errors.")
    ] = False,
    part: Annotated[
        str | None,
        typer.Option(
            help="Whose errors to list: all, tuned, held-out, a corpus or 'slice m' "
            "(default: tuned when a held_out.txt exists, else all)."
        ),
    ] = None,
    only: Annotated[
        str | None, typer.Option(help="With --errors: only these types or predicates (a,b).")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Score extraction against gold: P/R/F1 per entity type and per predicate, strict and relaxed,
    for all corpora together and for each part apart (tuned, held-out, each corpus, each slice)."""
    from ..evaluate import compare, error_listing, evaluate_corpora, report, summary

    run = evaluate_corpora(_corpora(paths), _predict)
    if not run.results:
        fail("no article under the given paths has a gold file")
    if format == "json":
        typer.echo(json.dumps(_eval_json(run), ensure_ascii=False, indent=1))
        return
    typer.echo(summary(run) + "\n")
    parts: list[str] = [p for p in ("all", "tuned", "held-out") if p in run.parts()]
    typer.echo(report(run.part("all")) + "\n")
    if len(parts) > 1:
        typer.echo(compare(run, parts) + "\n")
    if errors:
        chosen = part or ("tuned" if "tuned" in run.parts() else "all")
        labels = {x.strip() for x in only.split(",")} if only else None
        typer.echo(f"errors of part '{chosen}':")
        typer.echo(error_listing(run.errors(chosen), labels))


def _corpora(paths: list[Path]) -> list[Any]:
    """The corpora among `paths`; the other paths are articles for gold folders without any."""
    from ..evaluate import load_corpus

    def is_gold(p: Path) -> bool:
        gold_files = (f for f in p.glob("*.json") if not f.name.endswith(".meta.json"))
        return p.is_dir() and ((p / "gold").is_dir() or any(gold_files))

    for p in paths:
        if not p.exists():
            fail(f"{p}: no such file or folder")
    articles = [p for p in paths if not is_gold(p)]
    corpora = [load_corpus(p, articles) for p in paths if is_gold(p)]
    if not corpora:
        fail("no gold folder among the paths")
    return corpora


def _predict(paths: list[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    from ..extract import extract_document
    from ..ingest import Skipped, read_documents

    for document in read_documents(paths):
        if isinstance(document, Skipped):
            typer.echo(str(document), err=True)
            continue
        yield Path(document.source).stem, extract_document(document).to_json()


def _eval_json(run: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in run.parts():
        s = run.part(name)
        out[name] = {
            "documents": len(run.keys(name)),
            **{
                f"{group}_{mode}": {
                    label: {"p": t.precision, "r": t.recall, "f1": t.f1, "gold": t.gold}
                    for label, t in [
                        *((lb, s.tally(mode, group, lb)) for lb in s.labels(group)),
                        ("OVERALL", s.total(mode, group)),
                    ]
                }
                for group in ("entity", "relation")
                for mode in ("strict", "relaxed")
            },
        }
    return out


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
