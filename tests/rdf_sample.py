"""The sample's graph and its RDF export, shared by the export tests (built once per run)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

import rdflib
from gold_graph import gold_graph, record_counts

from graph.rdf import export_rdf


@functools.lru_cache(maxsize=1)
def sample_graph() -> dict[str, Any]:
    nodes, rels = gold_graph()
    return {"nodes": nodes, "relationships": rels, "counts": record_counts(nodes, rels)}


@functools.lru_cache(maxsize=1)
def sample_rdf() -> dict[str, Any]:
    """The sample exported as N-Triples and parsed back."""
    graph = sample_graph()
    path = Path(tempfile.mkdtemp(prefix="edugraph-rdf-")) / "sample.nt"
    triples = export_rdf(graph["nodes"], graph["relationships"], path, "ntriples")
    return {"path": path, "triples": triples, "graph": rdflib.Graph().parse(path, format="nt")}
