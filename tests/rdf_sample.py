"""The sample's graph as the store holds it, and its RDF export, shared by the export tests.

The bundled sample is ingested the way a user does it (`edugraph ingest data/sample`) into
an embedded store of its own; its records and counts are read out once per test run and
the server is stopped.  Also the questions (SPARQL and their Cypher twins) the export must
answer as the store does.
"""

from __future__ import annotations

import contextlib
import functools
import io
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph
import rdflib
from rdflib import RDF
from store_graph import ROOT, close_test_store, open_test_store

from graph.cli import main
from graph.export.rdf import export_rdf
from graph.export.rdf_terms import ONTOLOGY_NS, PREFIXES
from graph.model import NODE_TYPES, REL_TYPES

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
SAMPLE = ROOT / "data" / "sample"
# the labels and relationship types of graph/model.py: what the export writes
MODEL_KEYS = set(NODE_TYPES) | {s for t in NODE_TYPES.values() for s in t.sublabels.values()} | set(REL_TYPES)


@functools.lru_cache(maxsize=1)
def sample_graph() -> dict[str, Any]:
    """{"nodes", "relationships", "counts"} of the sample ingested into a fresh embedded store."""
    data_dir = Path(tempfile.mkdtemp(prefix="edugraph-sample-store-"))
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["ingest", str(SAMPLE), "--data-dir", str(data_dir), "--quiet"]) == 0
    store = open_test_store("falkordb", data_dir)
    try:
        counts = {key: n for key, n in store.counts().items() if key in MODEL_KEYS}
        return {"nodes": list(store.iter_nodes()), "relationships": list(store.iter_relationships()),
                "counts": counts}
    finally:
        close_test_store(store, data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def sample_rdf() -> dict[str, Any]:
    """The sample exported as N-Triples and parsed back."""
    graph = sample_graph()
    path = Path(tempfile.mkdtemp(prefix="edugraph-rdf-")) / "sample.nt"
    triples = export_rdf(graph["nodes"], graph["relationships"], path, "ntriples")
    return {"path": path, "triples": triples, "graph": rdflib.Graph().parse(path, format="nt")}


def rdf_counts(graph: rdflib.Graph) -> dict[str, int]:
    """Nodes per label and relationships per type, read back from an export."""
    counts: Counter[str] = Counter()
    labels = {ONTOLOGY_NS + label: label for label in NODE_TYPES}
    labels.update({ONTOLOGY_NS + sub: sub for t in NODE_TYPES.values() for sub in t.sublabels.values()})
    types = {rdflib.URIRef(PREFIXES["edu"] + REL_TYPES[t].fact_class[4:]): t for t in REL_TYPES}
    for _subject, cls in graph.subject_objects(RDF.type):
        if str(cls) in labels:
            counts[labels[str(cls)]] += 1
        elif cls in types:
            counts[types[cls]] += 1
    return dict(counts)


QUESTIONS = {
    "schools_per_district": """
        SELECT ?key (COUNT(DISTINCT ?school) AS ?n) WHERE {
          ?school a edu:School ; edu:locatedIn ?d . ?d dcterms:identifier ?key } GROUP BY ?key""",
    "awards_per_person": """
        SELECT ?key (COUNT(DISTINCT ?award) AS ?n) WHERE {
          ?award a edu:Award ; edu:awardedTo ?p . ?p a edu:Person ; dcterms:identifier ?key } GROUP BY ?key""",
    "events_hosted_per_school": """
        SELECT ?key (COUNT(DISTINCT ?event) AS ?n) WHERE {
          ?fact a edu:ParticipatedInFact ; rdf:subject ?school ; rdf:object ?event ;
                edu:participationRole edu:ParticipationRole_host .
          ?school a edu:School ; dcterms:identifier ?key } GROUP BY ?key""",
}

# the same questions in Cypher, as a researcher asks them of the store
CYPHER = {
    "schools_per_district": "MATCH (s:School)-[:LOCATED_IN]->(d:District) RETURN d.id AS key, count(DISTINCT s) AS n",
    "awards_per_person": "MATCH (a:Award)-[:AWARDED_TO]->(p:Person) RETURN p.id AS key, count(DISTINCT a) AS n",
    "events_hosted_per_school": "MATCH (s:School)-[r:PARTICIPATED_IN]->(e:Event) WHERE r.role = 'host' "
                                "RETURN s.id AS key, count(DISTINCT e) AS n",
}


def sparql_answers(graph: rdflib.Graph, path: Path) -> tuple[dict, dict]:
    """Every question answered over an export by rdflib and by pyoxigraph: ({question: {key: n}}, same)."""
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES)
    by_rdflib, by_oxigraph = {}, {}
    for question, sparql in QUESTIONS.items():
        by_rdflib[question] = {str(row.key): int(row.n) for row in graph.query(SPARQL_PREFIXES + sparql)}
        by_oxigraph[question] = {s["key"].value: int(s["n"].value) for s in store.query(SPARQL_PREFIXES + sparql)}
    return by_rdflib, by_oxigraph
