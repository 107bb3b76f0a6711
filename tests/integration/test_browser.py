"""The view in headless Debian Chromium from file://: drawn, searchable, offline, inert text.

Needs /usr/bin/chromium (`scripts/setup-browser` installs it); Playwright never downloads a browser.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from view_graphs import MEETINGS_TRIG, XSS_TRIG, dataset

from kg import analyze, render

pytestmark = pytest.mark.browser

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
OUTPUT = Path(__file__).resolve().parents[1] / "output"
BINH = "https://w3id.org/kg-vn/id/person/le-van-binh-aaaa"
SOLBERG = "https://w3id.org/kg-vn/id/person/henrik-solberg-bbbb"
BQP = "https://w3id.org/kg-vn/id/organization/bqp-gggg"
READY = "() => window.kgView !== undefined && window.kgView.ready === true"


@dataclass
class Session:
    """An open page and what it did: console errors, requests, dialogs."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup-browser first", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_view(browser: Browser, path: Path, *, bypass_csp: bool = False) -> Session:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=bypass_csp)
    session = Session(context.new_page())
    session.page.on("console", lambda m: m.type == "error" and session.errors.append(m.text))
    session.page.on("pageerror", lambda e: session.errors.append(str(e)))
    session.page.on("request", lambda r: session.requests.append(r.url))
    session.page.on("dialog", lambda d: (session.dialogs.append(d.message), d.dismiss()))
    session.page.goto(path.resolve().as_uri())
    session.page.wait_for_function(READY, timeout=20_000)
    return session


def hover(page: Page, *nodes: str) -> str:
    """Move the mouse onto a node (or the middle of an edge) and return the tooltip's text."""
    box = page.locator("#kg-network").bounding_box()
    assert box
    spot = page.evaluate(
        """(ids) => {
            const at = kgView.network.getPositions(ids);
            const x = ids.reduce((sum, id) => sum + at[id].x, 0) / ids.length;
            const y = ids.reduce((sum, id) => sum + at[id].y, 0) / ids.length;
            return kgView.network.canvasToDOM({x: x, y: y});
        }""",
        list(nodes),
    )
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    return page.text_content("div.vis-tooltip") or ""


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return analyze.to_networkx(dataset(MEETINGS_TRIG))


@pytest.fixture(scope="module")
def view_file(graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render.render(graph, tmp_path_factory.mktemp("browser") / "graph.html")


@pytest.fixture(scope="module")
def xss_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    xss = analyze.to_networkx(dataset(XSS_TRIG))
    return render.render(xss, tmp_path_factory.mktemp("xss") / "xss.html")


def test_every_node_and_edge_is_drawn_offline(
    browser: Browser, graph: nx.MultiDiGraph, view_file: Path
) -> None:
    session = open_view(browser, view_file)
    counts = session.page.evaluate("() => [kgView.nodes.length, kgView.edges.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]
    positions = session.page.evaluate("() => Object.keys(kgView.network.getPositions()).length")
    assert positions == graph.number_of_nodes()
    assert session.errors == []
    assert session.requests == [view_file.resolve().as_uri()]
    OUTPUT.mkdir(exist_ok=True)
    session.page.screenshot(path=str(OUTPUT / "view.png"))


def test_searching_a_name_selects_its_node(browser: Browser, view_file: Path) -> None:
    session = open_view(browser, view_file)
    session.page.fill("#kg-search", "le van binh")
    session.page.press("#kg-search", "Enter")
    assert session.page.evaluate("() => kgView.network.getSelectedNodes()") == [BINH]
    session.page.fill("#kg-search", "BỘ QUỐC PHÒNG")  # an alias, in capitals
    session.page.press("#kg-search", "Enter")
    assert session.page.evaluate("() => kgView.network.getSelectedNodes()") == [BQP]
    session.page.fill("#kg-search", "không có ai")
    session.page.press("#kg-search", "Enter")
    assert session.page.evaluate("() => kgView.network.getSelectedNodes()") == []
    assert session.page.text_content("#kg-search-status") == "không tìm thấy"


def test_type_filter_hides_and_shows_a_type(browser: Browser, view_file: Path) -> None:
    session = open_view(browser, view_file)
    hidden = "() => kgView.nodes.get({filter: (n) => n.hidden === true}).length"
    session.page.uncheck('#kg-legend input[data-type="PERSON"]')
    assert session.page.evaluate(hidden) == 3
    session.page.check('#kg-legend input[data-type="PERSON"]')
    assert session.page.evaluate(hidden) == 0


def test_tooltip_shows_evidence_as_text(browser: Browser, view_file: Path) -> None:
    session = open_view(browser, view_file)
    tip = hover(session.page, BINH)
    assert "PERSON · 2 nguồn" in tip
    assert "Đại tá Lê Văn Bình đã tiếp ông Henrik Solberg" in tip
    assert "<b>" not in tip  # the markup was parsed, not shown


def test_edge_tooltip_lists_evidence_and_documents(browser: Browser, view_file: Path) -> None:
    session = open_view(browser, view_file)
    tip = hover(session.page, BINH, SOLBERG)
    assert tip.startswith("met · 2")
    assert "(Na Uy và Việt Nam ký bản ghi nhớ)" in tip


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_payloads_in_names_and_evidence_do_not_run(
    browser: Browser, xss_file: Path, bypass_csp: bool
) -> None:
    session = open_view(browser, xss_file, bypass_csp=bypass_csp)
    xss_node = session.page.evaluate(
        "() => kgView.nodes.get({filter: (n) => n.label.includes('Bình')})[0].id"
    )
    tip = hover(session.page, xss_node)
    assert "<script>window.__xss=1;alert(1)</script>" in tip  # shown as text
    assert "<img src=x onerror=alert(1)>" in tip
    OUTPUT.mkdir(exist_ok=True)
    session.page.screenshot(
        path=str(OUTPUT / f"xss-tooltip-{'no-csp' if bypass_csp else 'csp'}.png")
    )
    session.page.fill("#kg-search", "javascript:alert(1)")
    session.page.press("#kg-search", "Enter")
    session.page.wait_for_timeout(300)
    assert session.page.evaluate("() => typeof window.__xss") == "undefined"
    assert session.dialogs == []
    assert session.errors == []
    assert session.requests == [xss_file.resolve().as_uri()]


def test_an_empty_selection_still_loads(
    browser: Browser, graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    empty = render.render(graph, tmp_path / "empty.html", date_from="1999", date_to="1999")
    session = open_view(browser, empty)
    assert session.page.evaluate("() => kgView.nodes.length") == 0
    assert session.errors == []


def test_setup_browser_is_a_quick_no_op_once_installed() -> None:
    script = Path(__file__).resolve().parents[2] / "scripts" / "setup-browser"
    began = time.perf_counter()
    done = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "already installed" in done.stdout
    assert time.perf_counter() - began < 5
