"""The offline HTML view: self-contained, escaped, styled by type, sized by PageRank."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from view_graphs import MEETINGS_TRIG, PAYLOADS, XSS_TRIG, dataset

from kg import analyze, render

KGR = "https://w3id.org/kg-vn/id/"
BINH = KGR + "person/le-van-binh-aaaa"
CONFERENCE = KGR + "event/hoi-nghi-cccc"
DATA_BLOCK = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.S)
SCRIPTS = re.compile(r"<script>(.*?)</script>", re.S)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return analyze.to_networkx(dataset(MEETINGS_TRIG))


@pytest.fixture(scope="module")
def page(graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = render.render(graph, tmp_path_factory.mktemp("view") / "graph.html", title="Thử")
    return path.read_text("utf-8")


@pytest.fixture(scope="module")
def xss_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    xss = analyze.to_networkx(dataset(XSS_TRIG))
    return render.render(xss, tmp_path_factory.mktemp("xss") / "x.html").read_text("utf-8")


def page_data(html_text: str) -> dict[str, Any]:
    match = DATA_BLOCK.search(html_text)
    assert match
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def synthetic(n: int) -> nx.MultiDiGraph:
    """A random scale-free graph dressed as entities (for the large-graph layout)."""
    types = ["PERSON", "ORGANIZATION", "LOCATION", "EVENT", "AGREEMENT", "DATE"]
    simple = nx.barabasi_albert_graph(n, 2, seed=1)
    graph = nx.MultiDiGraph()
    for node in simple:
        graph.add_node(f"n{node}", label=f"Thực thể {node}", type=types[node % 6], sources=1)
    for u, v in simple.edges():
        graph.add_edge(f"n{u}", f"n{v}", key="met", predicate="met", weight=1, evidence=[])
    return graph


def test_page_loads_nothing_remote(page: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "<link" not in page
    assert "@import" not in page
    assert "url(http" not in page


def test_vis_network_is_inlined(page: str) -> None:
    assert "vis-network" in page
    assert "new vis.Network" in page
    assert "sourceMappingURL" not in page


def test_policy_allows_exactly_the_inline_scripts(page: str) -> None:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert found
    policy = html.unescape(found.group(1))
    assert "default-src 'none'" in policy
    for script in SCRIPTS.findall(page):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_page_data_holds_every_node_and_edge(page: str, graph: nx.MultiDiGraph) -> None:
    data = page_data(page)
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert {n["id"] for n in data["nodes"]} == set(graph)


def test_nodes_are_coloured_and_shaped_by_type(page: str) -> None:
    nodes = {n["id"]: n for n in page_data(page)["nodes"]}
    assert (nodes[BINH]["color"], nodes[BINH]["shape"]) == render.TYPE_STYLE["PERSON"]
    assert (nodes[CONFERENCE]["color"], nodes[CONFERENCE]["shape"]) == render.TYPE_STYLE["EVENT"]


def test_legend_lists_the_types_present(page: str) -> None:
    legend = re.findall(r'data-type="([A-Z]+)"', page)
    assert legend == ["AGREEMENT", "DATE", "EVENT", "LOCATION", "ORGANIZATION", "PERSON"]


def test_node_size_follows_pagerank(page: str) -> None:
    sizes = {n["id"]: n["size"] for n in page_data(page)["nodes"]}
    assert max(sizes, key=sizes.__getitem__) == CONFERENCE
    assert sizes[CONFERENCE] > sizes[KGR + "location/na-uy-eeee"]


def test_edges_are_labelled_by_predicate_with_evidence(page: str) -> None:
    edges = page_data(page)["edges"]
    met = [e for e in edges if e["label"] == "met"]
    assert len(met) == 1 and met[0]["from"] == BINH
    assert "Đại tá Lê Văn Bình đã tiếp ông Henrik Solberg" in met[0]["title"]
    assert "Na Uy và Việt Nam ký bản ghi nhớ" in met[0]["title"]


def test_node_tooltip_shows_type_attributes_and_sources(page: str) -> None:
    binh = next(n for n in page_data(page)["nodes"] if n["id"] == BINH)
    assert "PERSON · 2 nguồn" in binh["title"]
    assert "rank: Đại tá (2023-04-12); Thiếu tướng (2023-10-02)" in binh["title"]
    conference = next(n for n in page_data(page)["nodes"] if n["id"] == CONFERENCE)
    assert "EVENT · Conference · 1 nguồn" in conference["title"]


def test_small_graphs_start_from_the_layout_and_polish_it_briefly(page: str) -> None:
    data = page_data(page)
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["stabilization"]["iterations"] == render.POLISH_ITERATIONS
    assert all(isinstance(n["x"], float) for n in data["nodes"])


def test_large_graphs_get_a_precomputed_layout_and_no_physics(tmp_path: Path) -> None:
    big = synthetic(render.LARGE_GRAPH + 50)
    data = page_data(render.render(big, tmp_path / "big.html").read_text("utf-8"))
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    spread = {(round(n["x"]), round(n["y"])) for n in data["nodes"]}
    assert len(spread) > 0.95 * len(data["nodes"])


def test_payloads_never_appear_raw(xss_page: str) -> None:
    for payload in PAYLOADS[:2]:
        assert payload not in xss_page
    assert "window.__xss=1</script>" not in xss_page
    assert not re.search(r"<img[^>]*onerror", xss_page, re.I)
    assert len(SCRIPTS.findall(xss_page)) == 2  # vis-network and ours, nothing injected
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", xss_page, re.I)


def test_payloads_are_escaped_in_tooltips(xss_page: str) -> None:
    node = next(n for n in page_data(xss_page)["nodes"] if "Bình" in n["label"])
    assert "&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;" in node["title"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in node["title"]
    for item in page_data(xss_page)["nodes"] + page_data(xss_page)["edges"]:
        assert "<" not in re.sub(r"</?(b|i|br)>", "", item["title"])


def test_script_json_cannot_close_the_script_tag() -> None:
    text = render.script_json({"x": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["x"].startswith("</script>")


def test_title_is_escaped(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    html_text = render.render(graph, tmp_path / "t.html", title="<b>Tiêu đề</b>").read_text()
    assert "<b>Tiêu đề</b>" not in html_text
    assert "&lt;b&gt;Tiêu đề&lt;/b&gt;" in html_text


def test_focus_shows_the_neighbourhood_and_marks_the_centre(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = render.render(graph, tmp_path / "f.html", focus="le van binh", depth=1)
    data = page_data(path.read_text("utf-8"))
    assert data["focus"] == BINH
    assert len(data["nodes"]) == 4


def test_types_and_dates_narrow_the_view(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    people = page_data(render.render(graph, tmp_path / "p.html", types=["PERSON"]).read_text())
    assert {n["entityType"] for n in people["nodes"]} == {"PERSON"}
    dated = render.render(graph, tmp_path / "d.html", date_from="2021", date_to="2021")
    assert {n["label"] for n in page_data(dated.read_text())["nodes"]} == {
        "Diễn tập cứu hộ Sông Hồng",
        "tháng 9-2021",
        "Trần Thị Mai",
    }


def test_each_node_carries_what_the_page_filters_and_exports_by(page: str) -> None:
    binh = next(n for n in page_data(page)["nodes"] if n["id"] == BINH)
    assert binh["degree"] == 3  # Henrik Solberg, the conference, Cục Hợp tác quốc tế
    assert binh["typeColor"] == render.TYPE_STYLE["PERSON"][0]
    assert isinstance(binh["community"], int) and binh["communityColor"].startswith("#")
    assert len(binh["evidence"]) == 2
    assert any(line.startswith("Đại tá Lê Văn Bình đã tiếp ông") for line in binh["evidence"])
    conference = next(n for n in page_data(page)["nodes"] if n["id"] == CONFERENCE)
    assert (conference["start"], conference["end"]) == ("2023-04-12", "2023-04-12")
    met = next(e for e in page_data(page)["edges"] if e["label"] == "met")
    assert met["weight"] == 2


def test_a_community_shares_one_colour_and_the_smallest_share_grey() -> None:
    groups = [["a", "b", "c"], ["d", "e", "f"], ["g", "h"], ["i"]]
    index, colour = render.community_colours(groups)
    assert index == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1, "g": 2, "h": 2, "i": 3}
    assert colour["a"] == colour["c"] == render.COMMUNITY_COLOURS[0]
    assert colour["d"] == render.COMMUNITY_COLOURS[1]
    assert colour["g"] == colour["i"] == render.SMALL_COMMUNITY


def test_isolated_entities_and_small_parts_are_laid_out_below_the_rest() -> None:
    big = synthetic(render.LARGE_GRAPH + 50)
    big.add_edge("pair-a", "pair-b", key="met", predicate="met", weight=1)
    big.add_node("alone", label="Một mình", type="PERSON", sources=1)
    at = render.precomputed_layout(big, groups=[sorted(g) for g in analyze.communities(big)])
    lowest_main = max(y for n, (_, y) in at.items() if n.startswith("n"))
    assert lowest_main < min(at["pair-a"][1], at["pair-b"][1]) < at["alone"][1]


def test_the_page_inlines_no_icons() -> None:
    text = render.page(synthetic(5), title="x")
    assert "data:image" not in text and "url(data:" not in text


def test_show_makes_an_inline_view_without_a_warning(graph: nx.MultiDiGraph) -> None:
    import warnings

    import kg

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shown = kg.show(graph, focus="le van binh", depth=1)
    assert shown.data.startswith("<div><iframe srcdoc=")
