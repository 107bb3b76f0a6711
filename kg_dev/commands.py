"""`kg bench` and `kg synth`: the developer tools' commands, added to the `kg` command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.model import KgError


def bench(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Articles to time extraction on (e.g. data/raw).")
    ] = None,
    repeat: Annotated[int, typer.Option(min=1, help="Passes over the articles.")] = 20,
    scale: Annotated[
        bool,
        typer.Option(
            "--scale", help="Also build synthetic corpora: speed-up, builds, add, queries."
        ),
    ] = False,
    sizes: Annotated[str, typer.Option(help="Corpus sizes for --scale.")] = "1000,10000",
    seed: Annotated[int, typer.Option(help="Seed of the synthetic corpora.")] = 0,
    long: Annotated[
        str | None,
        typer.Option(
            "--long",
            help="Build one long document of each of these sizes in MB (e.g. 1,5,20): time, "
            "peak memory, built or refused.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Also write the figures to this file.")
    ] = None,
) -> None:
    """Extraction speed against spaCy's tokenisation and underthesea's ner(); with --scale, the
    build at scale on synthetic corpora (the figures of docs/BENCHMARKS.md); with --long, one
    long document of each size."""
    from kg.ingest import Skipped, read_documents

    from .benchmark import measure, measure_underthesea, report
    from .benchmark import scale as run_scale

    lines: list[str] = []
    if long:
        from .long import bench_long

        try:
            sizes_mb = [float(n) for n in long.split(",") if n.strip()]
        except ValueError:
            sizes_mb = []
        if not sizes_mb or min(sizes_mb) <= 0:
            raise KgError(f"--long takes sizes in MB above 0, as 1,5,20 (not {long!r})")
        for line in bench_long(sizes_mb):
            typer.echo(line)
    if paths:
        docs = [d for d in read_documents(paths) if not isinstance(d, Skipped)]
        if not docs:
            raise KgError("no readable article under the given paths")
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


def synth(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the corpus to.")],
    articles: Annotated[
        int, typer.Option("--articles", "-n", min=1, help="How many articles.")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same corpus.")] = 0,
    start: Annotated[int, typer.Option("--start", min=0, help="Index of the first article.")] = 0,
    format: Annotated[
        str, typer.Option("--format", help="jsonl (shards of 1,000) or txt (+ .meta.json).")
    ] = "jsonl",
) -> None:
    """Write a synthetic corpus of Vietnamese news articles (invented people, for benchmarks)."""
    from .synthetic import write_corpus

    if format not in {"jsonl", "txt"}:
        raise KgError(f"unknown format {format!r}: use jsonl or txt")
    files = write_corpus(out, articles, seed=seed, fmt=format, start=start)
    typer.echo(f"{articles:,} articles in {len(files):,} file(s) under {out}")


def register(app: typer.Typer) -> None:
    """The entry point `kg.commands`: adds `kg bench` and `kg synth` to the command line."""
    app.command()(bench)
    app.command()(synth)
