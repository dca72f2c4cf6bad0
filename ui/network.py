"""The interactive map as one self-contained HTML page (pyvis / vis-network), offline.

pyvis builds the nodes, edges and options; the page is rendered from our own template, which inlines the
vis-network script and stylesheet that the pyvis package ships, so nothing is fetched from a CDN (pyvis's
own template always pulls Bootstrap from one).

The drawing is planned here, in the frame's own pixels, so that the browser runs no simulation and the
first view is readable: positions are precomputed (``graph.analysis.metrics.layout``) and stretched to the
frame, nodes pushed apart until none overlaps another (:func:`spread`), and labels given by importance
(:func:`plan_labels`): the most central nodes get a full-size label wherever it overlaps no other label or
node, the others a small one that shows once the viewer zooms in (vis-network's ``drawThreshold``). The
page fits the drawing to its frame, shows each node's partners and documents on hover, and posts the id
of a clicked node to the page around it (``{edugraph: "open", id}``, ui/common.py's clickable frame).
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from graph.model import colour, kind_ru, label_ru

PYVIS_TEMPLATES = Path(pyvis.__file__).resolve().parent / "templates"
# the drawing's extent in the frame's pixels (the frame is about 1000 × 640 beside the sidebar)
WIDTH, HEIGHT = 980.0, 570.0
FONT = 14  # a full label, in pixels at the first (fitted) view
SMALL_FONT = 7  # a label that shows only when zoomed in (drawn from DRAW_THRESHOLD - 1 pixels on)
DRAW_THRESHOLD = 9
LINE_CHARS = 24  # a label is wrapped at words to lines of about this many characters …
MAX_LINES = 3  # … and this many lines (the full name is in the tooltip)
CHAR_WIDTH = 0.64  # of the font size: DejaVu Sans, Cyrillic (a little more than its average width)
MAX_FULL_LABELS = 60
# the most the map draws: planning a drawing of this many nodes takes well under the 3 s it may
# (bench/dashboard.py measures it on the largest graph); each node keeps its strongest ties
MAX_NODES = 250
PER_NODE_TIES = 8

COMMUNITY_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)
SHAPES = {"Person": "dot", "Event": "diamond", "Group": "triangle"}
SHAPE_NAMES = {"dot": "круг", "diamond": "ромб", "triangle": "треугольник"}

PAGE = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; padding: 0; height: 100%; font-family: "DejaVu Sans", "Liberation Sans", sans-serif; }
  body { display: flex; flex-direction: column; }
  #legend { flex: 0 0 auto; font-size: 12px; padding: 2px 4px 4px 4px; color: #333; line-height: 1.6; }
  #legend span { display: inline-block; margin-right: 14px; white-space: nowrap; }
  #legend i { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
  #legend .shape { color: #555; }
  #mynetwork { flex: 1 1 auto; min-height: 0; width: 100%; border: 1px solid #ddd; border-radius: 4px;
               background: #fff; }
  div.vis-tooltip { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 12px; max-width: 420px;
                    white-space: normal; padding: 6px 8px; background: #fffef6; border: 1px solid #c9c39a; }
  div.vis-tooltip b { display: block; margin-bottom: 3px; font-size: 13px; }
  div.vis-tooltip div { margin-top: 2px; }
</style>
</head>
<body>
<div id="legend">{% for name, colour in legend %}<span><i style="background: {{ colour }}"></i>{{ name }}</span>{% endfor %}
{% for text in notes %}<span class="shape">{{ text }}</span>{% endfor %}</div>
<div id="mynetwork"></div>
<script>
  function tooltip(lines) {
    var box = document.createElement("div");
    lines.forEach(function (line, i) {
      var part = document.createElement(i ? "div" : "b");
      part.textContent = line;  // text, never markup: names come from documents
      box.appendChild(part);
    });
    return box;
  }
  var nodes = new vis.DataSet({{ nodes|safe }}.map(function (n) { n.title = tooltip(n.tip || [n.name]); return n; }));
  var edges = new vis.DataSet({{ edges|safe }}.map(function (e) { if (e.tip) { e.title = tooltip(e.tip); } return e; }));
  var options = {{ options|safe }};
  var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, options);
  window.network = network;
  function fitted() { network.fit({animation: false}); }
  network.once("afterDrawing", function () {
    fitted();
    network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "1"); });
    network.redraw();
  });
  window.addEventListener("resize", fitted);
  network.on("click", function (params) {
    if (params.nodes.length === 1 && {{ clickable|tojson }}) {
      document.body.setAttribute("data-clicked", params.nodes[0]);
      window.parent.postMessage({edugraph: "open", id: params.nodes[0]}, "*");
    }
  });
  network.on("hoverNode", function () { document.getElementById("mynetwork").style.cursor = "pointer"; });
  network.on("blurNode", function () { document.getElementById("mynetwork").style.cursor = "default"; });
</script>
</body>
</html>
"""


def _environment() -> Environment:
    # the loader finds pyvis's bundled vis-network files for the includes
    return Environment(loader=FileSystemLoader(str(PYVIS_TEMPLATES)), autoescape=select_autoescape(["html"]))


def wrap_label(name: str, line_chars: int = LINE_CHARS, max_lines: int = MAX_LINES) -> str:
    """A name in lines of about ``line_chars`` characters, broken between words; a name longer than
    ``max_lines`` lines ends with «…» after a whole word (the full name is in the tooltip)."""
    lines: list[str] = []
    current = ""
    for word in name.split():
        if current and len(current) + 1 + len(word) > line_chars:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(",;:") + " …"
    return "\n".join(lines)


def node_colour(data: dict, colour_by: str, community: int | None) -> str:
    if colour_by == "community" and community is not None and community >= 0:
        return COMMUNITY_COLOURS[community % len(COMMUNITY_COLOURS)]
    return colour(data.get("label", ""), data.get("kind"))


def node_sizes(scores: dict[str, float], low: float | None = None, high: float | None = None) -> dict[str, float]:
    """Scores scaled to node radii (square root, so the largest node does not swallow the map); the more
    nodes, the smaller they are drawn, so that all fit the frame."""
    if not scores:
        return {}
    shrink = min(1.0, math.sqrt(50.0 / len(scores)))
    low = low if low is not None else max(4.0, 8.0 * shrink)
    high = high if high is not None else max(10.0, 26.0 * shrink)
    top = max(scores.values()) or 1.0
    return {n: low + (high - low) * math.sqrt(max(v, 0.0) / top) for n, v in scores.items()}


def extent(positions: dict[str, tuple[float, float]], radii: dict[str, float],
           labels: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """Width and height of the drawing: every node's circle and, for those in ``labels``, its label."""
    lefts, rights, tops, bottoms = [], [], [], []
    for node, (x, y) in positions.items():
        half = max(radii[node], labels.get(node, (0.0, 0.0))[0] / 2)
        lefts.append(x - half)
        rights.append(x + half)
        tops.append(y - radii[node])
        bottoms.append(y + radii[node] + (labels[node][1] + 3 if node in labels else 0.0))
    return max(rights) - min(lefts), max(bottoms) - min(tops)


def plan(positions: dict[str, tuple[float, float]], radii: dict[str, float], order: list[str],
         sizes: dict[str, tuple[float, float]], width: float = WIDTH,
         height: float = HEIGHT) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Positions in the frame's pixels with room for the labels of the most important nodes (``order``):
    as many as fit the frame at full size when the drawing is fitted to it. (positions, labels given room)"""
    budget, room = width * height * 0.4, {}
    for node in order[:MAX_FULL_LABELS]:
        label_width, label_height = sizes[node]
        budget -= (max(label_width, 2 * radii[node]) + 6) * (label_height + 2 * radii[node] + 6)
        if budget < 0:
            break
        room[node] = sizes[node]
    start = fit_to_frame(positions, width * 0.8, height * 0.75)  # the circles and labels take the rest
    for _ in range(8):
        planned = spread(start, radii, room)
        drawn_width, drawn_height = extent(planned, radii, room)
        if max(drawn_width / width, drawn_height / height) <= 1.1 or not room:
            break
        # too big for the frame: the fitted view would shrink the labels below a readable size, so fewer
        # labels get room
        ranked = [n for n in order if n in room]
        room = {n: room[n] for n in ranked[: int(len(ranked) * 0.8)]}
    return planned, room


def fit_to_frame(positions: dict[str, tuple[float, float]], width: float = WIDTH,
                 height: float = HEIGHT) -> dict[str, tuple[float, float]]:
    """Positions stretched to fill ``width`` × ``height`` pixels around the origin."""
    if not positions:
        return {}
    xs = np.array([p[0] for p in positions.values()])
    ys = np.array([p[1] for p in positions.values()])
    span_x, span_y = float(np.ptp(xs)) or 1.0, float(np.ptp(ys)) or 1.0
    cx, cy = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2
    count = len(positions)
    # a few nodes keep some room between them instead of being flung to the frame's corners
    grow = min(1.0, math.sqrt(count / 30.0)) if count > 1 else 0.0
    wx, wy = width * max(grow, 0.35), height * max(grow, 0.35)
    return {n: (float((x - cx) / span_x * wx), float((y - cy) / span_y * wy)) for n, (x, y) in positions.items()}


def spread(positions: dict[str, tuple[float, float]], radii: dict[str, float],
           labels: dict[str, tuple[float, float]] | None = None, gap: float = 6.0,
           rounds: int = 80, aspect: float = WIDTH / HEIGHT) -> dict[str, tuple[float, float]]:
    """Nodes pushed apart until no two boxes overlap: a node's box is its circle, and for the nodes in
    ``labels`` (id → label width, height) also the label under it. Each round moves every overlapping
    pair apart along the axis where they overlap least (a wide frame makes room sideways first: an
    overlap across is weighed ``aspect`` times lighter), half each."""
    ids = list(positions)
    if len(ids) < 2:
        return dict(positions)
    labels = labels or {}
    xy = np.array([positions[n] for n in ids], dtype=float)
    xy += np.random.default_rng(7).normal(scale=0.01, size=xy.shape)  # two nodes at one point can still part
    r = np.array([radii.get(n, 10.0) for n in ids], dtype=float)
    half = np.array([max(radii.get(n, 10.0), labels.get(n, (0.0, 0.0))[0] / 2) for n in ids])
    up = r
    down = r + np.array([labels[n][1] + 3 if n in labels else 0.0 for n in ids])
    reach_x = half[:, None] + half[None, :] + gap
    for _ in range(rounds):
        dx = xy[:, 0][:, None] - xy[:, 0][None, :]
        over_x = reach_x - np.abs(dx)
        top, bottom = xy[:, 1] - up, xy[:, 1] + down
        over_y = np.minimum(bottom[:, None], bottom[None, :]) - np.maximum(top[:, None], top[None, :]) + gap
        both = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(both, False)
        if not both.any():
            break
        centre = (top + bottom) / 2
        dy = centre[:, None] - centre[None, :]
        along_x = both & (over_x <= over_y * aspect)
        along_y = both & ~along_x
        sign_x = np.where(dx >= 0, 1.0, -1.0)
        sign_y = np.where(dy >= 0, 1.0, -1.0)
        xy[:, 0] += (np.where(along_x, over_x * sign_x, 0.0) / 2).sum(axis=1)
        xy[:, 1] += (np.where(along_y, over_y * sign_y, 0.0) / 2).sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(ids, xy, strict=True)}


def label_size(label: str, font: int = FONT) -> tuple[float, float]:
    lines = label.split("\n")
    return max(len(line) for line in lines) * CHAR_WIDTH * font, len(lines) * font * 1.25


def label_box(label: str, x: float, y: float, radius: float, font: int = FONT) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) a label drawn under a node takes."""
    lines = label.split("\n")
    width = max(len(line) for line in lines) * CHAR_WIDTH * font
    height = len(lines) * font * 1.25
    top = y + radius + 3
    return x - width / 2, top, x + width / 2, top + height


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def plan_labels(order: list[str], positions: dict[str, tuple[float, float]], radii: dict[str, float],
                labels: dict[str, str], limit: int = MAX_FULL_LABELS) -> set[str]:
    """The nodes (most important first in ``order``) whose full label overlaps no other full label and no
    node: at most ``limit`` of them."""
    circles = {n: (x - radii[n], y - radii[n], x + radii[n], y + radii[n]) for n, (x, y) in positions.items()}
    # a grid of cells, so that a box is compared only with its neighbours
    cell = 120.0
    grid: dict[tuple[int, int], list[tuple[str, tuple[float, float, float, float]]]] = {}

    def cells(box):
        for gx in range(int(box[0] // cell), int(box[2] // cell) + 1):
            for gy in range(int(box[1] // cell), int(box[3] // cell) + 1):
                yield gx, gy

    for n, box in circles.items():
        for key in cells(box):
            grid.setdefault(key, []).append((n, box))
    chosen: set[str] = set()
    for node in order:
        if len(chosen) >= limit:
            break
        x, y = positions[node]
        box = label_box(labels[node], x, y, radii[node])
        if any(_overlaps(box, other) for key in cells(box) for owner, other in grid.get(key, ())
               if owner != node):
            continue
        chosen.add(node)
        for key in cells(box):
            grid.setdefault(key, []).append(("label:" + node, box))
    return chosen


def build_network(
    graph: nx.Graph,
    positions: dict[str, tuple[float, float]],
    *,
    scores: dict[str, float] | None = None,
    communities: dict[str, int] | None = None,
    colour_by: str = "kind",
    focus: str | None = None,
    tooltips: dict[str, list[str]] | None = None,
    edge_tooltips: dict[tuple[str, str], list[str]] | None = None,
    height: str = "100%",
) -> Network:
    """A pyvis Network of the graph: positions planned in the frame's pixels, sizes by score, widths by
    documents, full labels for the important nodes that have room, hover tooltips (lines of text)."""
    net = Network(height=height, width="100%", directed=False, cdn_resources="in_line")
    scores = scores or {}
    radii = node_sizes(scores) or {}
    radii = {n: radii.get(n, 10.0) for n in graph}
    labels = {n: wrap_label(str(d.get("name", n))) for n, d in graph.nodes(data=True)}
    order = sorted(graph, key=lambda n: (n != focus, -scores.get(n, 0.0), -graph.degree(n), str(n)))
    sizes = {n: label_size(labels[n]) for n in graph}
    planned, _room = plan({n: positions.get(n, (0.0, 0.0)) for n in graph}, radii, order, sizes)
    full = plan_labels(order, planned, radii, labels)
    for nid, data in graph.nodes(data=True):
        x, y = planned[nid]
        name = str(data.get("name", nid))
        label = data.get("label", "")
        kind = kind_ru(label, data.get("kind")) if label == "Organization" else label_ru(label)
        tip = (tooltips or {}).get(nid) or [part for part in (name, kind, data.get("district") or "") if part]
        net.add_node(nid, label=labels[nid], name=name, tip=tip, x=round(x, 1), y=round(y, 1),
                     color=node_colour(data, colour_by, (communities or {}).get(nid)),
                     size=radii[nid], shape=SHAPES.get(label, "dot"), borderWidth=4 if nid == focus else 1,
                     font={"size": FONT if nid in full else SMALL_FONT})
    for a, b, data in graph.edges(data=True):
        weight = int(data.get("weight", 1))
        tip = (edge_tooltips or {}).get((a, b)) or (edge_tooltips or {}).get((b, a)) or [f"документов: {weight}"]
        net.add_edge(a, b, width=round(1 + 1.5 * math.log2(weight), 2), tip=tip, color="#a7b2c2")
    net.options = vis_options()
    return net


def vis_options() -> dict:
    """vis-network options: no physics (the positions are planned), hover tooltips, straight edges, labels
    drawn only from a readable size on (so the small ones appear as the viewer zooms in)."""
    return {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": True, "navigationButtons": False,
                        "zoomSpeed": 0.6},
        # a white outline keeps labels readable where edges cross them
        "nodes": {"font": {"size": FONT, "face": "DejaVu Sans", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": DRAW_THRESHOLD, "maxVisible": 24}}},
        "edges": {"smooth": False},
    }


def network_html(net: Network, title: str = "Карта сотрудничества", legend: list[tuple[str, str]] | None = None,
                 notes: list[str] | None = None, clickable: bool = True) -> str:
    """The whole page: vis-network inline, no request leaves the machine."""
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return _environment().from_string(PAGE).render(
        title=html.escape(title), nodes=script_json(nodes), edges=script_json(edges), options=options,
        legend=legend or [], notes=notes or [], clickable=clickable)


def script_json(value) -> str:
    """JSON to write inside a <script>: Cyrillic as it is (a third of jinja's \\u escapes in size), and
    the characters that could end the script or open markup escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace(
        "\u2028", "\\u2028").replace("\u2029", "\\u2029")


def kind_legend(graph: nx.Graph) -> list[tuple[str, str]]:
    """(Russian name with how many are drawn, colour) of every colour the nodes of this map are drawn in
    when coloured by kind: exactly what is shown."""
    counts: dict[tuple[str, str | None], int] = {}
    for _n, d in graph.nodes(data=True):
        key = (d.get("label", ""), d.get("kind") if d.get("label") == "Organization" else None)
        counts[key] = counts.get(key, 0) + 1
    shown = sorted(counts, key=lambda lk: (lk[0] != "Organization", -counts[lk], lk[0], lk[1] or ""))
    return [(f"{kind_ru(label, kind) if kind else label_ru(label).lower()} ({counts[(label, kind)]})", colour(label, kind))
            for label, kind in shown]


def community_legend(graph: nx.Graph, communities: dict[str, int], scores: dict[str, float],
                     limit: int = 8) -> list[tuple[str, str]]:
    """(«сообщество 1: its most central organisation (how many drawn)», colour) of the largest communities drawn."""
    members: dict[int, list[str]] = {}
    for node in graph:
        members.setdefault(communities.get(node, -1), []).append(node)
    ordered = sorted((c for c in members if c >= 0), key=lambda c: (-len(members[c]), c))
    legend = []
    for c in ordered[:limit]:
        leader = max(members[c], key=lambda n: (scores.get(n, 0.0), str(n)))
        name = wrap_label(str(graph.nodes[leader].get("name", leader)), 40, 1)
        others = f" и ещё {len(members[c]) - 1}" if len(members[c]) > 1 else ""
        legend.append((f"{name}{others}", COMMUNITY_COLOURS[c % len(COMMUNITY_COLOURS)]))
    return legend


def shape_notes(graph: nx.Graph) -> list[str]:
    """What the shapes drawn mean, when there is more than one («ромб — событие»)."""
    shapes = {SHAPES.get(d.get("label", ""), "dot") for _n, d in graph.nodes(data=True)}
    if len(shapes) < 2:
        return []
    found = {}
    for _n, d in graph.nodes(data=True):
        label = d.get("label", "")
        shape = SHAPES.get(label, "dot")
        if label != "Organization" and shape != "dot":
            found[shape] = label_ru(label).lower()
    return [f"{SHAPE_NAMES[s]} — {found[s]}" for s in sorted(found)]
