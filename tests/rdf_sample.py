"""The sample's graph and its RDF export, shared by the export tests (built once per run)."""

from __future__ import annotations

import functools
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph
import rdflib
from gold_graph import gold_graph, record_counts
from rdflib import RDF

from graph.model import NODE_TYPES, REL_TYPES
from graph.rdf import ONTOLOGY_NS, PREFIXES, export_rdf, fact_class

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


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


def rdf_counts(graph: rdflib.Graph) -> dict[str, int]:
    """Nodes per label and relationships per type, read back from an export."""
    counts: Counter[str] = Counter()
    labels = {ONTOLOGY_NS + label: label for label in NODE_TYPES}
    labels.update({ONTOLOGY_NS + sub: sub for t in NODE_TYPES.values() for sub in t.sublabels.values()})
    types = {rdflib.URIRef(PREFIXES["edu"] + fact_class(t)[4:]): t for t in REL_TYPES}
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
