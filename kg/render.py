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
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network

from . import analyze
from .model import EntityType, writing

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
# Colours of the largest communities, in order (Tableau 20); smaller ones share SMALL_COMMUNITY.
COMMUNITY_COLOURS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#79706e", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#8cd17d", "#f1ce63", "#d4a6c8",
    "#86bcb6", "#fabfd2", "#d7b5a6", "#bab0ac",
)  # fmt: skip
SMALL_COMMUNITY = "#cfcfcf"
PANEL_SENTENCES = 3
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
    graph: nx.MultiDiGraph, spacing: float = 45, groups: list[list[str]] | None = None
) -> dict[str, tuple[float, float]]:
    """Positions in pixels from networkx: one spring layout, or on large graphs the largest
    connected part per community with the smaller parts in rows below it; isolated entities in a
    grid below the rest (the view hides them until asked)."""
    simple = analyze.simple_undirected(graph)
    alone = sorted(n for n in simple if simple.degree(n) == 0)
    linked = simple.subgraph(n for n in simple if simple.degree(n) > 0)
    if linked.number_of_nodes() > LARGE_GRAPH:
        parts = sorted(nx.connected_components(linked), key=lambda c: (-len(c), min(c)))
        main = linked.subgraph(parts[0])
        world = spacing * math.sqrt(main.number_of_nodes()) * 1.2
        placed = _community_layout(main, world, spacing, groups or [])
        bottom = world + 2 * spacing
        small, bottom = _rows_of_parts(linked, parts[1:], top=bottom, spacing=spacing)
        placed |= small
    else:
        world = spacing * math.sqrt(max(linked.number_of_nodes(), 1)) * 1.2
        spring = nx.spring_layout(linked, seed=0) if linked.number_of_nodes() > 1 else {}
        placed = {n: _scaled(spring.get(n, (0.0, 0.0)), world) for n in linked}
        bottom = world + 2 * spacing
    return placed | _grid(alone, top=bottom if placed else 0.0, spacing=spacing)


def _rows_of_parts(
    simple: nx.Graph, parts: list[set[str]], *, top: float, spacing: float
) -> tuple[dict[str, tuple[float, float]], float]:
    """Small connected parts side by side in rows below `top`; the positions and where they end."""
    if not parts:
        return {}, top
    cell = spacing * (1 + 2 * math.sqrt(max(len(p) for p in parts)))
    width = max(1, math.ceil(math.sqrt(len(parts))))
    positions: dict[str, tuple[float, float]] = {}
    for i, part in enumerate(parts):
        centre = ((i % width - (width - 1) / 2) * cell, top + (i // width + 0.5) * cell)
        local = nx.spring_layout(simple.subgraph(part), seed=0, iterations=COMMUNITY_ITERATIONS)
        radius = spacing * math.sqrt(len(part)) * 0.8
        positions.update((n, _scaled(local[n], radius, centre)) for n in sorted(part))
    return positions, top + math.ceil(len(parts) / width) * cell + spacing


def _grid(nodes: list[str], *, top: float, spacing: float) -> dict[str, tuple[float, float]]:
    """Rows of nodes, centred, starting `top` pixels below the centre."""
    width = max(1, math.ceil(math.sqrt(len(nodes))))
    return {
        n: ((i % width - (width - 1) / 2) * spacing * 2, top + (i // width) * spacing)
        for i, n in enumerate(nodes)
    }


def _scaled(point: Any, factor: float, offset: Any = (0.0, 0.0)) -> tuple[float, float]:
    return float(offset[0] + point[0] * factor), float(offset[1] + point[1] * factor)


def _community_layout(
    simple: nx.Graph, world: float, spacing: float, groups: list[list[str]]
) -> dict[str, tuple[float, float]]:
    """Communities placed by a spring layout of the community graph, each one laid out inside."""
    groups = [[n for n in g if n in simple] for g in groups]
    groups = [g for g in groups if g]
    placed = {n for g in groups for n in g}
    groups += [[n] for n in sorted(set(simple) - placed)]
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


def community_colours(groups: list[list[str]]) -> tuple[dict[str, int], dict[str, str]]:
    """Each node's community (0 = largest) and its colour; communities of one or two share grey."""
    index = {n: i for i, group in enumerate(groups) for n in group}
    colour = {
        n: COMMUNITY_COLOURS[i % len(COMMUNITY_COLOURS)] if len(groups[i]) > 2 else SMALL_COMMUNITY
        for n, i in index.items()
    }
    return index, colour


def evidence_lines(evidence: Any) -> list[str]:
    """The first sentences behind a node, as plain text for the side panel."""
    return [_clip(line) for line in str(evidence or "").splitlines()[:PANEL_SENTENCES]]


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
    """The pyvis network: styled nodes, labelled edges, networkx positions (fixed when large).

    Each node also carries what the page filters and exports by: its community and the colour of
    it, its degree, its dates, its first evidence sentences and both colours (type, community);
    large graphs start coloured by community."""
    large = graph.number_of_nodes() > LARGE_GRAPH
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    sizes = node_sizes(graph)
    groups = [sorted(g) for g in analyze.communities(graph)]
    community, community_colour = community_colours(groups)
    positions = precomputed_layout(graph, groups=groups)
    degrees = analyze.simple_undirected(graph).degree
    for node, attrs in graph.nodes(data=True):
        colour, shape = TYPE_STYLE.get(attrs.get("type", ""), OTHER_STYLE)
        net.add_node(
            node,
            label=attrs.get("label", node),
            shape=shape,
            color=community_colour[node] if large else colour,
            size=round(sizes.get(node, 10), 1),
            title=node_tooltip(attrs),
            entityType=attrs.get("type", "OTHER"),
            aliases=analyze.split(attrs.get("alt_labels")),
            borderWidth=4 if node == focus_id else 1,
            x=round(positions[node][0], 1),
            y=round(positions[node][1], 1),
            typeColor=colour,
            community=community[node],
            communityColor=community_colour[node],
            degree=degrees[node],
            start=attrs.get("start", ""),
            end=attrs.get("end", ""),
            evidence=evidence_lines(attrs.get("evidence")),
        )
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        _add_edge(
            net,
            u,
            v,
            id=f"e{i}",
            label=data.get("predicate", ""),
            title=edge_tooltip(data),
            width=1 + math.log(max(int(data.get("weight", 1)), 1), 2),
            weight=int(data.get("weight", 1)),
        )
    net.set_options(json.dumps(_options(large, polish=0 < graph.number_of_nodes() <= LARGE_GRAPH)))
    return net


def _add_edge(net: Network, source: str, target: str, **options: Any) -> None:
    """`net.add_edge` without its check that both ends exist, a scan of the node list per edge:
    both ends are nodes of the networkx graph."""
    net.edges.append(Edge(source, target, True, **options).options)


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


def _stylesheet() -> str:
    """vis-network's CSS without its inlined icons (200 kB of data: URLs for the navigation,
    manipulation and colour-picker widgets, which the view does not use)."""
    return re.sub(r'url\("?data:[^)]*\)', "none", _asset("vis-network.css"))


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
        "colourBy": "community" if graph.number_of_nodes() > LARGE_GRAPH else "type",
        "title": title,
    }
    vis_js, app_js = _asset("vis-network.min.js"), _app_script()
    template = _environment().get_template("view.html")
    return template.render(
        title=title,
        csp=content_policy(vis_js, app_js),
        legend=legend,
        node_count=graph.number_of_nodes(),
        edge_count=graph.number_of_edges(),
        isolated_count=len(analyze.isolated(graph)),
        large=graph.number_of_nodes() > LARGE_GRAPH,
        vis_css=Markup(_stylesheet()),
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
    with writing(Path(path)) as target:
        target.write_text(page(shown, title=title, focus_id=focus_id), encoding="utf-8")
    return target
