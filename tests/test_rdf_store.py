"""The export on the real path: the bundled sample ingested into the embedded store, exported from it.

Counts read back from every RDF syntax equal the store's ``counts()``; SPARQL over the
export (rdflib and pyoxigraph) answers as Cypher does on the store; the export validates
against the shapes; the CLI writes every format.
"""

from __future__ import annotations

import csv

import networkx as nx
import pytest
import rdflib
from rdf_sample import CYPHER, MODEL_KEYS, SAMPLE, rdf_counts, sparql_answers
from store_graph import close_test_store, open_test_store

from graph.cli import main
from graph.export.rdf import export_rdf, validate_file
from graph.model import NODE_TYPES, REL_TYPES

PARSE_AS = {"turtle": ("ttl", "turtle"), "ntriples": ("nt", "nt"), "jsonld": ("jsonld", "json-ld"),
            "xml": ("rdf", "xml")}


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """(store, data_dir, export folder) with the sample ingested the way a user does it."""
    data_dir = tmp_path_factory.mktemp("store")
    assert main(["ingest", str(SAMPLE), "--data-dir", str(data_dir), "--quiet"]) == 0
    store = open_test_store("falkordb", data_dir)
    try:
        yield store, data_dir, tmp_path_factory.mktemp("export")
    finally:
        close_test_store(store, data_dir)


@pytest.fixture(scope="module")
def exported(stored):
    """The store exported with the CLI in every RDF syntax: {format: (path, rdflib graph)}."""
    _store, data_dir, out = stored
    graphs = {}
    for fmt, (suffix, parser) in PARSE_AS.items():
        path = out / f"sample.{suffix}"
        assert main(["export", "rdf", "--format", fmt, "--out", str(path), "--data-dir", str(data_dir)]) == 0
        graphs[fmt] = (path, rdflib.Graph().parse(path, format=parser))
    return graphs


def test_the_store_holds_the_sample(stored):
    counts = stored[0].counts()
    assert counts.get("Document") == 5 and counts.get("Person", 0) > 10 and counts.get("HOLDS_POST", 0) > 5


@pytest.mark.parametrize("fmt", list(PARSE_AS))
def test_round_trip_counts_equal_the_stores(stored, exported, fmt):
    counts = {key: n for key, n in stored[0].counts().items() if key in MODEL_KEYS}
    assert rdf_counts(exported[fmt][1]) == counts
    assert set(exported[fmt][1]) == set(exported["ntriples"][1])


def test_the_sample_validates_with_zero_violations(exported, capsys):
    assert validate_file(exported["turtle"][0]) == []
    assert main(["validate", str(exported["ntriples"][0])]) == 0
    assert "0 violation(s)" in capsys.readouterr().out


def test_sparql_over_the_export_answers_as_cypher_on_the_store(stored, exported):
    store = stored[0]
    path, graph = exported["ntriples"]
    by_rdflib, by_oxigraph = sparql_answers(graph, path)
    for question, cypher in CYPHER.items():
        by_cypher = {key: n for key, n in store.query(cypher).rows}
        assert by_rdflib[question] == by_cypher, question
        assert by_oxigraph[question] == by_cypher, question
    assert by_rdflib["schools_per_district"] and by_rdflib["events_hosted_per_school"]


def test_the_same_store_exports_the_same_iris(stored, exported, tmp_path):
    store = stored[0]
    again = tmp_path / "again.nt"
    export_rdf(store.iter_nodes(), store.iter_relationships(), again, "ntriples")
    assert set(rdflib.Graph().parse(again, format="nt")) == set(exported["ntriples"][1])


def test_quotes_are_the_sentences_of_the_stored_text(stored, exported):
    store = stored[0]
    texts = dict(store.query("MATCH (d:Document) RETURN d.id, d.text").rows)
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    graph = exported["ntriples"][1]
    checked = 0
    for target in graph.subjects(rdflib.RDF.type, oa.SpecificResource):
        doc_id = str(graph.value(target, oa.hasSource)).rsplit("/", 1)[1]
        selectors = list(graph.objects(target, oa.hasSelector))
        position = next(s for s in selectors if graph.value(s, oa.start) is not None)
        quote = next(s for s in selectors if graph.value(s, oa.exact) is not None)
        start, end = int(graph.value(position, oa.start)), int(graph.value(position, oa.end))
        assert str(graph.value(quote, oa.exact)) == texts[doc_id][start:end]
        checked += 1
    assert checked > 20


def test_graph_exports_from_the_cli_read_back(stored, tmp_path):
    store, data_dir, _ = stored
    counts = store.counts()
    nodes = sum(counts[label] for label in NODE_TYPES if label in counts)
    rels = sum(counts[t] for t in REL_TYPES if t in counts)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        assert main(["export", fmt, "--out", str(path), "--data-dir", str(data_dir)]) == 0
        back = reader(path)
        assert (back.number_of_nodes(), back.number_of_edges()) == (nodes, rels)
    assert main(["export", "csv", "--out", str(tmp_path / "csv"), "--data-dir", str(data_dir)]) == 0
    with open(tmp_path / "csv" / "relationships.csv", encoding="utf-8-sig", newline="") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == rels


def test_an_unwritable_target_is_one_error_line(stored, tmp_path, capsys):
    data_dir = stored[1]
    target = tmp_path / "no" / "such" / "folder" / "x.ttl"
    assert main(["export", "rdf", "--out", str(target), "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err and "cannot write" in err
