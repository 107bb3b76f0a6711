#!/usr/bin/env python3
"""Benchmark the HTML view: generation time, file size, and time until the page is ready and stable.

Synthetic scale-free graphs dressed as entities (labels, attributes, evidence sentences), rendered
with kg.render and opened from file:// in headless Debian Chromium (scripts/setup-browser).

    .venv/bin/python scripts/bench_view.py [--sizes 500 5000] [--out tests/output/bench]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, sync_playwright

from kg.render import render as render_view

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TYPES = ["PERSON", "ORGANIZATION", "LOCATION", "EVENT", "AGREEMENT", "DATE"]
PREDICATES = ["met", "memberOf", "participatedIn", "heldIn", "signedBy", "partOf", "received"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Hoa", "Minh Tuấn", "Quốc Bảo", "Thu Hằng", "Đức Long", "Thanh Sơn"]
TARGET_SECONDS = 3.0
TIMINGS = """() => { const t = kgView.timings; return {
    scripts_parsed: Math.round(t.start), json: Math.round(t.parsed - t.start),
    network: Math.round(t.network - t.parsed),
    drawn: Math.round(t.ready - t.network), total: Math.round(t.ready) }; }"""


def synthetic_graph(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """A Barabási–Albert graph (m=2) with entity labels, types, attributes and evidence."""
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(n, 2, seed=seed)
    graph = nx.MultiDiGraph()
    for node in shape:
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {node}"
        sentence = f"Ngày {node % 28 + 1}-{node % 12 + 1}-2023, {name} dự hội nghị thường niên."
        graph.add_node(
            f"urn:kg:bench:{node}",
            label=name,
            type=TYPES[node % len(TYPES)],
            rank=["Đại tá"] if node % 5 == 0 else [],
            sources=1 + node % 3,
            sentences=[(sentence, f"bai-{node % 50}")],
        )
    for u, v in shape.edges():
        predicate = rng.choice(PREDICATES)
        evidence = [(f"Câu dẫn chứng cho quan hệ {predicate} giữa {u} và {v}.", f"bai-{u % 50}")]
        graph.add_edge(
            f"urn:kg:bench:{u}",
            f"urn:kg:bench:{v}",
            key=predicate,
            predicate=predicate,
            weight=1,
            evidence=evidence,
        )
    return graph


def time_in_browser(browser: Browser, path: Path) -> tuple[float, bool, list[str], list[str]]:
    """Seconds from navigation to ready; whether positions then hold still; errors; requests.

    Leaves a screenshot next to the page.
    """
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    start = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="commit")
    page.wait_for_function(
        "() => window.kgView !== undefined && window.kgView.ready === true",
        timeout=120_000,
        polling=20,
    )
    ready = time.perf_counter() - start
    print("       in page (ms):", page.evaluate(TIMINGS))
    before = page.evaluate("() => JSON.stringify(kgView.network.getPositions())")
    page.wait_for_timeout(500)
    after = page.evaluate("() => JSON.stringify(kgView.network.getPositions())")
    page.screenshot(path=str(path.with_suffix(".png")))
    page.close()
    return ready, before == after, errors, requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--out", type=Path, default=Path("tests/output/bench"))
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (median shown)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: run scripts/setup-browser first", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    print(
        f"{'nodes':>6} {'edges':>6} {'html s':>7} {'MB':>6} {'ready s':>8} {'min-max':>10}", end=""
    )
    print(" stable offline")
    worst = 0.0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for size in args.sizes:
            graph = synthetic_graph(size)
            began = time.perf_counter()
            path = render_view(graph, args.out / f"bench-{size}.html", title=f"bench {size}")
            generated = time.perf_counter() - began
            runs = [time_in_browser(browser, path) for _ in range(max(args.repeat, 1))]
            readies = [r[0] for r in runs]
            ready = statistics.median(readies)
            stable = all(r[1] for r in runs)
            errors = [e for r in runs for e in r[2]]
            offline = all(r[3] == [path.resolve().as_uri()] for r in runs)
            megabytes = path.stat().st_size / 1e6
            spread = f"{min(readies):.2f}-{max(readies):.2f}"
            print(
                f"{size:>6} {graph.number_of_edges():>6} {generated:>7.2f} {megabytes:>6.2f} "
                f"{ready:>8.2f} {spread:>10} {'yes' if stable else 'NO':>6} "
                f"{'yes' if offline else 'NO':>7}"
            )
            for error in errors:
                print(f"       console error: {error}")
            if size >= 5000:
                worst = max(worst, ready)
        browser.close()
    if worst > TARGET_SECONDS:
        print(f"5,000-node page took {worst:.2f} s, over the {TARGET_SECONDS} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
