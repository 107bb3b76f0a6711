"""The offline HTML view: a pyvis (vis-network) page with everything inlined, safe for article text.

pyvis builds the vis.js nodes, edges and options; our own template (kg/templates/view.html) writes
the page, because pyvis's template always loads bootstrap from a CDN. The page loads nothing remote.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from . import analyze
from .model import EntityType

LARGE_GRAPH = 300  # above: laid out community by community, physics off (ready at once)
POLISH_ITERATIONS = 100  # physics steps smaller graphs take from their precomputed layout
COMMUNITY_ITERATIONS = 30  # spring-layout steps inside each community of a large graph
TOOLTIP_SENTENCES = 3
TOOLTIP_CHARS = 280
VIEW_FILE = "graph.html"

TYPE_STYLE: dict[str, tuple[str, str]] = {
    EntityType.PERSON.value: ("#e4572e", "dot"),
    EntityType.ORGANIZATION.value: ("#3a7bd5", "square"),
    EntityType.LOCATION.value: ("#2a9d8f", "triangle"),
    EntityType.EVENT.value: ("#f4a261", "diamond"),
    EntityType.AGREEMENT.value: ("#9b5de5", "star"),
    EntityType.DATE.value: ("#8d99ae", "hexagon"),
}
OTHER_STYLE = ("#b0b0b0", "dot")
NODE_ATTRIBUTES = ("rank", "position", "country", "acronym", "status", "iso", "about")


# ---------------------------------------------------------------- text made safe


def _clip(text: str, limit: int = TOOLTIP_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def script_json(data: Any) -> str:
    """JSON safe inside <script>: no `<`, `>` or `&` survive, so `</script>` cannot end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _evidence_html(evidence: str) -> str:
    """The evidence lines of a node or an edge (`sentence — document`), escaped."""
    lines = [f"• {html.escape(_clip(line))}" for line in evidence.splitlines()[:TOOLTIP_SENTENCES]]
    return "<br>".join(lines)


def _attribute_text(attrs: dict[str, Any], key: str) -> str:
    """`Trung tướng (2022-06-07); Thượng tướng (2022-10-11)`: values, with the dates stated."""
    return str(attrs.get(f"{key}_on") or attrs.get(key) or "")


def node_tooltip(attrs: dict[str, Any]) -> str:
    """HTML tooltip of an entity; every value from the articles is escaped."""
    kind = " · ".join([attrs.get("type", ""), *analyze.split(attrs.get("kind"))])
    parts = [
        f"<b>{html.escape(attrs.get('label', ''))}</b>",
        f"{html.escape(kind)} · {int(attrs.get('sources', 0))} nguồn",
    ]
    for key in NODE_ATTRIBUTES:
        shown = _attribute_text(attrs, key)
        if shown:
            parts.append(f"{key}: {html.escape(_clip(shown))}")
    if attrs.get("alt_labels"):
        parts.append(f"tên khác: {html.escape(_clip(str(attrs['alt_labels'])))}")
    if attrs.get("evidence"):
        parts.append(_evidence_html(str(attrs["evidence"])))
    return "<br>".join(parts)


def edge_tooltip(data: dict[str, Any]) -> str:
    """HTML tooltip of a relation: predicate, weight, evidence sentences and their documents."""
    head = f"<b>{html.escape(str(data.get('predicate', '')))}</b> · {int(data.get('weight', 1))}"
    evidence = str(data.get("evidence") or "")
    return head + ("<br>" + _evidence_html(evidence) if evidence else "")


# ---------------------------------------------------------------- layout and sizes


def node_sizes(
    graph: nx.MultiDiGraph, smallest: float = 10, largest: float = 45
) -> dict[str, float]:
    """Node radius from PageRank (square-root scaled between `smallest` and `largest`)."""
    ranks = analyze.pagerank(graph)
    if not ranks:
        return {}
    low, high = min(ranks.values()), max(ranks.values())
    spread = math.sqrt(high - low) or 1.0
    return {
        n: smallest + (largest - smallest) * math.sqrt(r - low) / spread for n, r in ranks.items()
    }


def precomputed_layout(
    graph: nx.MultiDiGraph, spacing: float = 45
) -> dict[str, tuple[float, float]]:
    """Positions in pixels from networkx: one spring layout, or per community on large graphs."""
    simple = analyze.simple_undirected(graph)
    world = spacing * math.sqrt(max(simple.number_of_nodes(), 1)) * 1.2
    if simple.number_of_nodes() > LARGE_GRAPH:
        return _community_layout(simple, world, spacing)
    placed = nx.spring_layout(simple, seed=0) if simple.number_of_nodes() > 1 else {}
    return {n: _scaled(placed.get(n, (0.0, 0.0)), world) for n in simple}


def _scaled(point: Any, factor: float, offset: Any = (0.0, 0.0)) -> tuple[float, float]:
    return float(offset[0] + point[0] * factor), float(offset[1] + point[1] * factor)


def _community_layout(
    simple: nx.Graph, world: float, spacing: float
) -> dict[str, tuple[float, float]]:
    """Communities placed by a spring layout of the community graph, each one laid out inside."""
    groups = nx.community.louvain_communities(simple, seed=0)
    groups = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    member = {n: i for i, group in enumerate(groups) for n in group}
    meta = nx.Graph()
    meta.add_nodes_from(range(len(groups)))
    meta.add_edges_from((member[u], member[v]) for u, v in simple.edges() if member[u] != member[v])
    centres = nx.spring_layout(meta, seed=0) if len(groups) > 1 else {0: (0.0, 0.0)}
    positions: dict[str, tuple[float, float]] = {}
    for i, group in enumerate(groups):
        local = (
            nx.spring_layout(simple.subgraph(group), seed=0, iterations=COMMUNITY_ITERATIONS)
            if len(group) > 1
            else {}
        )
        radius = spacing * math.sqrt(len(group))
        centre = _scaled(centres[i], world)
        positions.update((n, _scaled(local.get(n, (0.0, 0.0)), radius, centre)) for n in group)
    return positions


# ---------------------------------------------------------------- the page


def select(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    types: list[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> nx.MultiDiGraph:
    """The part of the graph the view shows: a time slice, some types, the neighbourhood of one."""
    if date_from or date_to:
        graph = analyze.time_slice(graph, date_from, date_to)
    if types:
        graph = analyze.filter_types(graph, types)
    if focus:
        graph = analyze.ego(graph, focus, depth)
    return graph


def build_network(graph: nx.MultiDiGraph, *, focus_id: str | None = None) -> Network:
    """The pyvis network: styled nodes, labelled edges, networkx positions (fixed when large)."""
    large = graph.number_of_nodes() > LARGE_GRAPH
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    sizes = node_sizes(graph)
    positions = precomputed_layout(graph)
    for node, attrs in graph.nodes(data=True):
        colour, shape = TYPE_STYLE.get(attrs.get("type", ""), OTHER_STYLE)
        net.add_node(
            node,
            label=attrs.get("label", node),
            shape=shape,
            color=colour,
            size=round(sizes.get(node, 10), 1),
            title=node_tooltip(attrs),
            entityType=attrs.get("type", "OTHER"),
            aliases=analyze.split(attrs.get("alt_labels")),
            borderWidth=4 if node == focus_id else 1,
            x=round(positions[node][0], 1),
            y=round(positions[node][1], 1),
        )
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        net.add_edge(
            u,
            v,
            id=f"e{i}",
            label=data.get("predicate", ""),
            title=edge_tooltip(data),
            width=1 + math.log(max(int(data.get("weight", 1)), 1), 2),
        )
    net.set_options(json.dumps(_options(large, polish=0 < graph.number_of_nodes() <= LARGE_GRAPH)))
    return net


def _options(large: bool, *, polish: bool) -> dict[str, Any]:
    physics: dict[str, Any] = {"enabled": False}
    if polish:
        physics = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "springLength": 150,
                "avoidOverlap": 0.6,
            },
            "stabilization": {"enabled": True, "iterations": POLISH_ITERATIONS, "fit": True},
        }
    return {
        "physics": physics,
        "nodes": {
            "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "widthConstraint": {"maximum": 240},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#555555"},
            "color": {"color": "#a0a0a0", "highlight": "#333333"},
            "smooth": False if large else {"type": "continuous"},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
    }


def _asset(name: str) -> str:
    """A vis-network file shipped inside pyvis, inlined (its source-map comment dropped)."""
    text = (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(
        "utf-8"
    )
    return "\n".join(line for line in text.split("\n") if "sourceMappingURL" not in line)


def _app_script() -> str:
    return (Path(__file__).parent / "templates" / "view.js").read_text("utf-8")


def content_policy(*scripts: str) -> str:
    """CSP allowing only our inline scripts (by hash) and styles: no requests, no handlers."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def _environment() -> Environment:
    return Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape())


def page(graph: nx.MultiDiGraph, *, title: str, focus_id: str | None = None) -> str:
    """The whole HTML page as text."""
    net = build_network(graph, focus_id=focus_id)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    present = sorted({str(t) for _, t in graph.nodes(data="type")})
    legend = [(t, *TYPE_STYLE.get(t, OTHER_STYLE)) for t in present]
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "focus": focus_id,
    }
    vis_js, app_js = _asset("vis-network.min.js"), _app_script()
    template = _environment().get_template("view.html")
    return template.render(
        title=title,
        csp=content_policy(vis_js, app_js),
        legend=legend,
        node_count=graph.number_of_nodes(),
        edge_count=graph.number_of_edges(),
        vis_css=Markup(_asset("vis-network.css")),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        data_json=Markup(script_json(data)),
    )


def render(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "Đồ thị tri thức",
    focus: str | None = None,
    depth: int = 2,
    types: list[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Path:
    """Write the offline HTML view of `graph` (or of the part selected) to `path`."""
    shown = select(
        graph, focus=focus, depth=depth, types=types, date_from=date_from, date_to=date_to
    )
    focus_id = analyze.find_entity(shown, focus) if focus else None
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page(shown, title=title, focus_id=focus_id), encoding="utf-8")
    return target
