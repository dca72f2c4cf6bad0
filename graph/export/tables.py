"""The graph for Gephi and spreadsheets: GraphML, GEXF (through networkx) and CSV.

The input is what a store yields (node records ``{"id", "labels", "properties"}``,
relationship records ``{"type", "start", "end", "properties"}``).  Only the
properties of graph/model.py are written; lists become strings joined with
:data:`LIST_SEPARATOR`, dates ISO strings.  A Document's full ``text`` is left out
unless asked for (Gephi and spreadsheets choke on long cells).  CSV is written as a
stream; GraphML and GEXF are built as a networkx graph in memory first.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.model import COMMON_NODE_PROPERTY_NAMES, COMMON_REL_PROPERTIES, NODE_TYPES, REL_TYPES

LIST_SEPARATOR = "; "
GRAPH_FORMATS = ("graphml", "gexf", "csv")


def node_columns(with_text: bool = False) -> list[str]:
    """The node properties of the model, in a stable order (``id`` first)."""
    columns = list(COMMON_NODE_PROPERTY_NAMES)
    for node_type in NODE_TYPES.values():
        columns += [p for p in node_type.property_names if p not in columns]
    return [c for c in columns if with_text or c != "text"]


def rel_columns() -> list[str]:
    columns: list[str] = []
    for rel_type in REL_TYPES.values():
        columns += [p for p in rel_type.property_names if p not in columns]
    return columns + [p for p in COMMON_REL_PROPERTIES if p not in columns]


def flat_value(value: Any) -> str | None:
    """A property value as one string cell (None when there is nothing to write)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set)):
        items = [flat_value(v) for v in value]
        return LIST_SEPARATOR.join(i for i in items if i) or None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _node_id(node: dict[str, Any]) -> str:
    return str((node.get("properties") or {}).get("id") or node.get("id"))


def flat_node(node: dict[str, Any], columns: list[str]) -> dict[str, str]:
    props = {**(node.get("properties") or {}), "id": _node_id(node)}
    flat = {"labels": LIST_SEPARATOR.join(node.get("labels") or ())}
    flat.update({c: v for c in columns if (v := flat_value(props.get(c))) is not None})
    return flat


def flat_relationship(rel: dict[str, Any], columns: list[str]) -> dict[str, str]:
    props = rel.get("properties") or {}
    flat = {"type": str(rel["type"]), "start": str(rel["start"]), "end": str(rel["end"])}
    flat.update({c: v for c in columns if (v := flat_value(props.get(c))) is not None})
    return flat


def to_networkx(nodes: Iterable[dict[str, Any]], relationships: Iterable[dict[str, Any]],
                with_text: bool = False) -> nx.MultiDiGraph:
    """A networkx multigraph whose attributes are all strings (what GraphML/GEXF readers expect);
    ``label`` is the name (nodes) or type (edges), which Gephi shows; an edge's type is ``relationship``."""
    columns = node_columns(with_text)
    graph = nx.MultiDiGraph()
    for node in nodes:
        attrs = flat_node(node, columns)
        node_id = attrs.pop("id")
        attrs["label"] = attrs.get("name", node_id)
        graph.add_node(node_id, **attrs)
    rcolumns = rel_columns()
    for rel in relationships:
        attrs = flat_relationship(rel, rcolumns)
        start, end = attrs.pop("start"), attrs.pop("end")
        # GEXF reserves an edge's "type" (directed/undirected): the relationship type goes by another name
        attrs["relationship"] = attrs.pop("type")
        attrs["label"] = attrs["relationship"]
        graph.add_edge(start, end, **attrs)
    return graph


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


def write_graph(nodes: Iterable[dict[str, Any]], relationships: Iterable[dict[str, Any]], fmt: str,
                out: str | Path, with_text: bool = False) -> tuple[int, int]:
    """Write the graph as ``fmt`` (graphml, gexf: a file; csv: a folder with nodes.csv and
    relationships.csv).  Files appear whole or not at all.  Returns (nodes, relationships)."""
    out = Path(out)
    if fmt == "csv":
        return write_csv(nodes, relationships, out, with_text)
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r} (one of {', '.join(GRAPH_FORMATS)})")
    graph = to_networkx(nodes, relationships, with_text)
    tmp = _temporary(out)
    try:
        if fmt == "graphml":
            nx.write_graphml(graph, tmp, encoding="utf-8")
        else:
            nx.write_gexf(graph, tmp, encoding="utf-8")
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return graph.number_of_nodes(), graph.number_of_edges()


def write_csv(nodes: Iterable[dict[str, Any]], relationships: Iterable[dict[str, Any]], folder: str | Path,
              with_text: bool = False) -> tuple[int, int]:
    """nodes.csv (id, labels, properties) and relationships.csv (type, start, end, properties),
    UTF-8 with a byte-order mark so that spreadsheets read Cyrillic right; streamed row by row."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    columns = node_columns(with_text)
    node_header = ["id", "labels"] + [c for c in columns if c != "id"]
    rcolumns = rel_columns()
    rel_header = ["type", "start", "end"] + rcolumns
    targets = [folder / "nodes.csv", folder / "relationships.csv"]
    temps = [_temporary(t) for t in targets]
    counts = [0, 0]
    try:
        for index, (tmp, header, records, flatten, cols) in enumerate((
                (temps[0], node_header, nodes, flat_node, columns),
                (temps[1], rel_header, relationships, flat_relationship, rcolumns))):
            with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=header)
                writer.writeheader()
                for record in records:
                    writer.writerow(flatten(record, cols))
                    counts[index] += 1
        for tmp, target in zip(temps, targets, strict=True):
            tmp.replace(target)
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
    return counts[0], counts[1]
