"""Command line: `kg build | extract | query | view | stats | path | serve | export | validate | eval | explain | bench`.

Each command is a thin edge over the library; errors a user can cause print one line and exit non-zero.
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


@app.callback()
def _root() -> None:
    """Knowledge graphs from Vietnamese news."""


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
    paths: Annotated[list[Path], typer.Argument(help="Articles to time (e.g. data/raw).")],
    repeat: Annotated[int, typer.Option(help="Passes over the articles.")] = 20,
) -> None:
    """Extraction speed against spaCy's Vietnamese tokenisation alone on the same text."""
    from .benchmark import measure, report
    from .ingest import Skipped, read_documents

    docs = [d for d in read_documents(paths) if not isinstance(d, Skipped)]
    if not docs:
        _fail("no readable article under the given paths")
    base, full = measure(docs, repeat)
    typer.echo(
        f"{len(docs)} article(s), {sum(len(d.text) for d in docs):,} characters, {repeat} passes"
    )
    typer.echo(report(base, full))


def main() -> None:
    try:
        app()
    except KgError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
