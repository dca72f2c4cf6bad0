"""GraphML, GEXF and CSV exports, read back."""

from __future__ import annotations

import csv
import datetime as dt

import networkx as nx
import pytest
from rdf_sample import sample_graph

from graph.export.tables import LIST_SEPARATOR, flat_value, node_columns, write_csv, write_graph


def expected_node_attrs(node) -> dict[str, str]:
    props = node["properties"]
    attrs = {"labels": LIST_SEPARATOR.join(node["labels"]), "label": props.get("name", node["id"])}
    for column in node_columns():
        value = flat_value(props.get(column))
        if value is not None and column != "id":
            attrs[column] = value
    return attrs


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_whole(tmp_path, fmt, reader):
    graph = sample_graph()
    path = tmp_path / f"sample.{fmt}"
    assert write_graph(graph["nodes"], graph["relationships"], fmt, path) == (
        len(graph["nodes"]), len(graph["relationships"]))
    back = reader(path)
    assert back.is_directed() and back.is_multigraph()
    assert back.number_of_nodes() == len(graph["nodes"])
    assert back.number_of_edges() == len(graph["relationships"])
    for node in graph["nodes"]:
        attrs = dict(back.nodes[node["id"]])
        assert attrs == expected_node_attrs(node), node["id"]
    edges = sorted((u, v, d["relationship"], d.get("post", ""), d.get("role", ""), d["sources"])
                   for u, v, d in back.edges(data=True))
    expected = sorted((r["start"], r["end"], r["type"], r["properties"].get("post") or "",
                       r["properties"].get("role") or "", LIST_SEPARATOR.join(r["properties"]["sources"]))
                      for r in graph["relationships"])
    assert edges == expected


def test_document_text_is_left_out_unless_asked_for(tmp_path):
    graph = sample_graph()
    write_graph(graph["nodes"], graph["relationships"], "graphml", tmp_path / "a.graphml")
    write_graph(graph["nodes"], graph["relationships"], "graphml", tmp_path / "b.graphml", with_text=True)
    doc = next(n for n in graph["nodes"] if "Document" in n["labels"])
    assert "text" not in nx.read_graphml(tmp_path / "a.graphml").nodes[doc["id"]]
    assert nx.read_graphml(tmp_path / "b.graphml").nodes[doc["id"]]["text"] == doc["properties"]["text"]


def test_csv_reads_back_row_for_row(tmp_path):
    graph = sample_graph()
    assert write_csv(graph["nodes"], graph["relationships"], tmp_path / "csv") == (
        len(graph["nodes"]), len(graph["relationships"]))
    with open(tmp_path / "csv" / "nodes.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert len(rows) == len(graph["nodes"])
    for node in graph["nodes"]:
        row = {k: v for k, v in rows[node["id"]].items() if v != ""}
        expected = expected_node_attrs(node)
        expected.pop("label")
        assert row == {"id": node["id"], **expected}
    with open(tmp_path / "csv" / "relationships.csv", encoding="utf-8-sig", newline="") as handle:
        rels = list(csv.DictReader(handle))
    assert [(r["type"], r["start"], r["end"], r["evidence"]) for r in rels] == [
        (r["type"], r["start"], r["end"], LIST_SEPARATOR.join(r["properties"]["evidence"]))
        for r in graph["relationships"]]


def test_values_become_plain_strings():
    assert flat_value(["a", None, "b"]) == "a; b"
    assert flat_value(dt.date(2013, 11, 5)) == "2013-11-05"
    assert flat_value([]) is None and flat_value(None) is None
    assert flat_value(True) == "true" and flat_value(3) == "3"


def test_a_failed_csv_export_keeps_the_previous_files(tmp_path):
    graph = sample_graph()
    folder = tmp_path / "csv"
    write_csv(graph["nodes"], graph["relationships"], folder)
    before = (folder / "nodes.csv").read_bytes()

    def broken():
        yield graph["relationships"][0]
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        write_csv(graph["nodes"][:3], broken(), folder)
    assert (folder / "nodes.csv").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["nodes.csv", "relationships.csv"]
