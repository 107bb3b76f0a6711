"""The notebooks run top to bottom through the public API only: on the sample articles of a fresh
clone, and on the 1,000-article synthetic graph (KG_GRAPH), with small, clean output. How long they
take is measured and reported (docs/VIEW.md), not asserted: timing belongs in benchmarks."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
MAX_OUTPUT_BYTES = 1_500_000  # one inline view (about 0.6 MB) and a few small figures at most


def run(path: Path) -> Any:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return notebook


def outputs(notebook: Any, kind: str | None = None) -> list[dict[str, Any]]:
    return [
        o
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        if kind is None or o.get("output_type") == kind
    ]


def assert_clean(notebook: Any) -> None:
    assert outputs(notebook, "error") == []
    warned = [o["text"] for o in outputs(notebook, "stream") if o.get("name") == "stderr"]
    assert warned == []


@pytest.fixture(scope="module")
def at_1000(graph_1000: Path) -> Iterator[dict[str, Any]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_GRAPH", str(graph_1000))
        yield {path.stem: run(path) for path in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_1000_article_graph(at_1000: dict[str, Any], path: Path) -> None:
    notebook = at_1000[path.stem]
    assert_clean(notebook)
    size = sum(len(json.dumps(o)) for o in outputs(notebook))
    assert size < MAX_OUTPUT_BYTES


def test_the_analysis_notebook_shows_tables_and_plots(
    at_1000: dict[str, Any],
) -> None:
    notebook = at_1000["02_network_analysis"]
    shown = outputs(notebook, "display_data") + outputs(notebook, "execute_result")
    plots = [o for o in shown if "image/png" in o.get("data", {})]
    tables = [o for o in shown if "<table" in o.get("data", {}).get("text/html", "")]
    assert len(plots) == 3  # centrality, community sizes, events by month
    assert len(tables) == 3  # centrality, communities, busiest events
    printed = "".join(o["text"] for o in outputs(notebook, "stream"))
    assert "—" in printed and "→" in printed  # the path between two people


def test_the_view_notebook_shows_one_view_inline_and_writes_the_others(
    at_1000: dict[str, Any], graph_1000: Path
) -> None:
    notebook = at_1000["03_explore_the_graph"]
    views = [o for o in outputs(notebook) if "<iframe" in o.get("data", {}).get("text/html", "")]
    assert len(views) == 1
    for name in ("community.html", "month.html"):
        assert (graph_1000 / "views" / name).stat().st_size > 0


def test_the_first_notebook_builds_the_samples_of_a_fresh_clone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KG_GRAPH", raising=False)
    notebook = run(NOTEBOOKS[0])
    assert_clean(notebook)
    printed = "".join(o["text"] for o in outputs(notebook, "stream"))
    assert "Liên Hiệp Quốc" in printed or "Phùng Sĩ Tấn" in printed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_uses_only_the_public_api_and_is_stripped(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    source = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    assert "subprocess" not in source and "!kg" not in source
    assert not re.search(r"\bkg\.\w+\._", source) and not re.search(
        r"from kg\.\w+ import _", source
    )
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in notebook["cells"]
        if c["cell_type"] == "code"
    )
