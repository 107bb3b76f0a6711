#!/usr/bin/env python3
"""Screenshots of the HTML view for docs/VIEW.md: synthetic corpora built to about 50, 500 and
5,000 entities, opened from file:// in headless Debian Chromium (scripts/setup-browser).

    .venv/bin/python scripts/view_screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

import kg
from kg.build import build
from kg_dev.synthetic import write_corpus

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
READY = "() => window.kgView !== undefined && window.kgView.ready === true"
SIZES = {50: 2, 500: 24, 5000: 350}  # entities wanted: synthetic articles that give about as many
HUB = """() => { const shown = kgView.nodes.get({filter: (n) => n.hidden !== true});
    return shown.reduce((a, n) => (n.degree > a.degree ? n : a), shown[0]).id; }"""


def _view(articles: int, work: Path) -> tuple[Path, int, float]:
    corpus, out = work / f"corpus-{articles}", work / f"out-{articles}"
    write_corpus(corpus, articles, seed=3)
    build([corpus], out, view=False, log=lambda _: None)
    began = time.perf_counter()
    graph = kg.to_networkx(out)
    page = kg.render(graph, out / "graph.html", title=f"{articles} bài tổng hợp")
    return page, graph.number_of_nodes(), time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for wanted, articles in SIZES.items():
            page_file, nodes, seconds = _view(articles, Path(tmp))
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_file.resolve().as_uri())
            page.wait_for_function(READY, timeout=120_000)
            shown = page.text_content("#kg-node-count")
            page.screenshot(path=str(args.out / f"view-{wanted}.png"))
            page.evaluate(f"() => kgView.highlight(({HUB})())")
            page.screenshot(path=str(args.out / f"view-{wanted}-neighbourhood.png"))
            print(f"{articles} articles: {nodes} entities, {shown} shown; page in {seconds:.1f} s")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
