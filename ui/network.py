"""The interactive map as one self-contained HTML page (pyvis / vis-network), offline.

pyvis builds the nodes, edges and options; the page is rendered from our own
template, which inlines the vis-network script and stylesheet that the pyvis
package ships, so nothing is fetched from a CDN (pyvis's own template always
pulls Bootstrap from one).  Positions are precomputed in Python and physics
is switched off above :data:`PHYSICS_LIMIT` nodes, so the browser never runs
a long simulation (pyvis is known to take minutes for 1,500 nodes with
physics on).
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from graph.model import colour, kind_ru, label_ru

# physics only for small maps: beyond this the browser would spend seconds settling the layout
PHYSICS_LIMIT = 120
PHYSICS_EDGE_LIMIT = 400
MAX_LABEL = 38
PYVIS_TEMPLATES = Path(pyvis.__file__).resolve().parent / "templates"

COMMUNITY_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)
SHAPES = {"Person": "dot", "Event": "diamond", "Group": "triangle"}

PAGE = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
  html, body { margin: 0; padding: 0; font-family: "DejaVu Sans", "Liberation Sans", sans-serif; }
  #mynetwork { width: 100%; height: {{ height }}; border: 1px solid #ddd; background: #fff; }
  #legend { font-size: 12px; padding: 4px 6px; color: #333; }
  #legend span { display: inline-block; margin-right: 12px; }
  #legend i { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
</style>
</head>
<body>
<div id="legend">{% for name, colour in legend %}<span><i style="background: {{ colour }}"></i>{{ name }}</span>{% endfor %}</div>
<div id="mynetwork"></div>
<script>
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ options|safe }};
  var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, options);
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "1"); });
</script>
</body>
</html>
"""


def _environment() -> Environment:
    # the loader finds pyvis's bundled vis-network files for the includes
    return Environment(loader=FileSystemLoader(str(PYVIS_TEMPLATES)), autoescape=select_autoescape(["html"]))


def short_label(name: str, limit: int = MAX_LABEL) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def node_colour(data: dict, colour_by: str, community: int | None) -> str:
    if colour_by == "community" and community is not None and community >= 0:
        return COMMUNITY_COLOURS[community % len(COMMUNITY_COLOURS)]
    return colour(data.get("label", ""), data.get("kind"))


def node_sizes(scores: dict[str, float], low: float = 8.0, high: float = 30.0) -> dict[str, float]:
    """Scores scaled to node sizes (square root, so the largest node does not swallow the map)."""
    if not scores:
        return {}
    top = max(scores.values()) or 1.0
    return {n: low + (high - low) * math.sqrt(max(v, 0.0) / top) for n, v in scores.items()}


def build_network(
    graph: nx.Graph,
    positions: dict[str, tuple[float, float]],
    *,
    scores: dict[str, float] | None = None,
    communities: dict[str, int] | None = None,
    colour_by: str = "kind",
    focus: str | None = None,
    height: str = "680px",
) -> Network:
    """A pyvis Network of the graph with fixed positions, sizes by score and widths by documents."""
    net = Network(height=height, width="100%", directed=False, cdn_resources="in_line")
    sizes = node_sizes(scores or {})
    for nid, data in graph.nodes(data=True):
        x, y = positions.get(nid, (0.0, 0.0))
        name = str(data.get("name", nid))
        label = data.get("label", "")
        kind = kind_ru(label, data.get("kind")) if label == "Organization" else label_ru(label)
        tooltip = "\n".join(part for part in (name, kind, data.get("district") or "") if part)
        net.add_node(nid, label=short_label(name), title=tooltip, x=x, y=y,
                     color=node_colour(data, colour_by, (communities or {}).get(nid)),
                     size=sizes.get(nid, 12.0), shape=SHAPES.get(data.get("label", ""), "dot"),
                     borderWidth=4 if nid == focus else 1)
    for a, b, data in graph.edges(data=True):
        weight = int(data.get("weight", 1))
        net.add_edge(a, b, width=1 + 2 * math.log2(weight), title=f"документов: {weight}", color="#9aa7b8")
    physics = graph.number_of_nodes() <= PHYSICS_LIMIT and graph.number_of_edges() <= PHYSICS_EDGE_LIMIT
    # a plain dict: pyvis's set_options would strip the spaces out of the font's name
    net.options = vis_options(physics)
    return net


def vis_options(physics: bool) -> dict:
    """vis-network options: physics only for small maps, hover tooltips, straight edges."""
    return {
        "physics": ({"enabled": True, "solver": "forceAtlas2Based",
                     "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 140, "avoidOverlap": 0.7},
                     # the positions are precomputed: draw them at once, let physics only ease the drawing
                     "stabilization": {"enabled": False}}
                    if physics else {"enabled": False}),
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
        # a white outline keeps labels readable where edges cross them
        "nodes": {"font": {"size": 13, "face": "DejaVu Sans", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False},
    }


def network_html(net: Network, title: str = "Карта сотрудничества",
                 legend: list[tuple[str, str]] | None = None) -> str:
    """The whole page: vis-network inline, no request leaves the machine."""
    nodes, edges, _heading, height, _width, options = net.get_network_data()
    return _environment().from_string(PAGE).render(
        title=html.escape(title), nodes=nodes, edges=edges, options=options, height=height, legend=legend or [])


def kind_legend(graph: nx.Graph) -> list[tuple[str, str]]:
    """(Russian name, colour) of every colour the nodes of this map are drawn in when coloured by kind."""
    shown = sorted({(d.get("label", ""), d.get("kind") if d.get("label") == "Organization" else None)
                    for _n, d in graph.nodes(data=True)}, key=lambda lk: (lk[0] != "Organization", lk))
    return [(kind_ru(label, kind) if kind else label_ru(label), colour(label, kind)) for label, kind in shown]
