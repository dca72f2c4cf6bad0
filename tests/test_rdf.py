"""The RDF export: escaping, stable IRIs, round trips in every syntax, provenance, SHACL, SPARQL."""

from __future__ import annotations

import copy
import io
from collections import Counter

import pytest
import rdflib
from rdf_sample import QUESTIONS, rdf_counts, sample_graph, sample_rdf, sparql_answers
from rdflib import RDF, Literal, URIRef

from graph.cli import main
from graph.export.rdf import DEFAULT_BASE, ExportError, check_base, export_rdf, validate_file
from graph.export.rdf_mapping import iter_blocks
from graph.export.rdf_terms import ONTOLOGY_NS, PREFIXES, Iris
from graph.export.rdf_write import write_ntriples, write_turtle
from graph.model import parse_evidence

EDU = rdflib.Namespace(ONTOLOGY_NS)
OA = rdflib.Namespace(PREFIXES["oa"])
SUFFIX = {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld", "xml": "rdf"}
PARSE_AS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "xml": "xml"}


def node(node_id, labels, **props):
    return {"id": node_id, "labels": labels, "properties": {"id": node_id, **props}}


def rel(rel_type, start, end, **props):
    return {"type": rel_type, "start": start, "end": end, "properties": props}


def tiny_graph():
    """A person holding a post at a school, stated by one document, with awkward characters everywhere."""
    text = 'Назначить Иванову "Анну" Петровну\\ директором\tМОУ «СОШ №1».\nВторое предложение.'
    nodes = [
        node("doc/1", ["Document"], kind="order", number="1", date="2020-01-02", text=text, sources=["doc/1"]),
        node("org:СОШ №1 <main>", ["Organization", "School"], name="МОУ «СОШ №1»", kind="school",
             aliases=['СОШ "первая"', "школа\nномер один"], sources=["doc/1"]),
        node("person:Иванова А.П.", ["Person"], name="Иванова Анна Петровна", family="Иванова", given="Анна",
             patronymic="Петровна", initials="А.П.", sources=["doc/1"]),
    ]
    rels = [rel("HOLDS_POST", "person:Иванова А.П.", "org:СОШ №1 <main>", post="директор",
                sources=["doc/1"], evidence=["doc/1:0-59"])]
    return nodes, rels, text


def to_graph(nodes, rels, fmt="ntriples", base=DEFAULT_BASE, tmp_path=None):
    path = tmp_path / f"out.{SUFFIX[fmt]}"
    export_rdf(nodes, rels, path, fmt, base)
    return rdflib.Graph().parse(path, format=PARSE_AS[fmt]), path


# --- terms -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["ntriples", "turtle"])
def test_literals_and_iris_survive_escaping(tmp_path, fmt):
    nodes, rels, text = tiny_graph()
    graph, _ = to_graph(nodes, rels, fmt, tmp_path=tmp_path)
    org = URIRef(Iris().entity("org:СОШ №1 <main>"))
    assert set(graph.objects(org, URIRef(PREFIXES["skos"] + "altLabel"))) == {
        Literal('СОШ "первая"', lang="ru"), Literal("школа\nномер один", lang="ru")}
    doc = URIRef(Iris().entity("doc/1"))
    assert graph.value(doc, EDU.text) == Literal(text, lang="ru")
    # the id's '<', '>', ' ', '/', '№' and Cyrillic are percent-encoded into one safe IRI
    assert str(org) == DEFAULT_BASE + "org%3A%D0%A1%D0%9E%D0%A8%20%E2%84%961%20%3Cmain%3E"
    assert str(doc) == DEFAULT_BASE + "doc%2F1"


def test_control_characters_and_lone_surrogates_are_written_safely(tmp_path):
    nodes = [node("x", ["Region"], name="a\x00b\x1fc\x7fd\ud800e", sources=[])]
    graph, path = to_graph(nodes, [], tmp_path=tmp_path)
    assert graph.value(URIRef(Iris().entity("x")), rdflib.RDFS.label) == Literal("a\x00b\x1fc\x7fd\ufffde", lang="ru")
    assert "\\u0000" in path.read_text(encoding="utf-8")


def test_dates_are_xsd_dates_and_russian_names_are_tagged(tmp_path):
    nodes, rels, _ = tiny_graph()
    graph, _ = to_graph(nodes, rels, tmp_path=tmp_path)
    doc = URIRef(Iris().entity("doc/1"))
    date = graph.value(doc, URIRef(PREFIXES["eli"] + "date_document"))
    assert date.datatype == rdflib.XSD.date and date.toPython().isoformat() == "2020-01-02"
    person = URIRef(Iris().entity("person:Иванова А.П."))
    assert graph.value(person, URIRef(PREFIXES["schema"] + "familyName")) == Literal("Иванова", lang="ru")


def test_same_entity_same_iri_on_every_export_and_base_is_configurable(tmp_path):
    graph = sample_graph()
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    export_rdf(graph["nodes"], graph["relationships"], first, "turtle")
    export_rdf(graph["nodes"], graph["relationships"], second, "turtle")
    assert first.read_bytes() == second.read_bytes()
    other, _ = to_graph(graph["nodes"], graph["relationships"], base="http://example.com/edu#", tmp_path=tmp_path)
    subjects = {str(s) for s in other.subjects() if isinstance(s, URIRef)}
    assert subjects and all(s.startswith(("http://example.com/edu#", ONTOLOGY_NS)) for s in subjects)


@pytest.mark.parametrize("base", ["relative/", "http://x.org/a b/", "http://x.org/data", "http://x.org/<>/"])
def test_a_bad_base_is_refused_with_the_reason(base, tmp_path):
    with pytest.raises(ExportError, match="--base"):
        check_base(base)
    assert main(["export", "rdf", "--out", str(tmp_path / "x.ttl"), "--base", base]) == 2
    assert not (tmp_path / "x.ttl").exists()


def test_a_failed_export_keeps_the_previous_file(tmp_path):
    nodes, rels, _ = tiny_graph()
    path = tmp_path / "out.nt"
    export_rdf(nodes, rels, path, "ntriples")
    before = path.read_bytes()

    def broken_nodes():
        yield nodes[0]
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        export_rdf(broken_nodes(), rels, path, "ntriples")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.nt"]


# --- round trip ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "xml"])
def test_round_trip_counts_equal_the_graph(tmp_path, fmt):
    graph = sample_graph()
    exported, _ = to_graph(graph["nodes"], graph["relationships"], fmt, tmp_path=tmp_path)
    assert rdf_counts(exported) == graph["counts"]
    assert set(exported) == set(sample_rdf()["graph"])  # every syntax holds the very same triples


def test_turtle_and_ntriples_streams_hold_the_same_triples():
    graph = sample_graph()
    nt, ttl = io.StringIO(), io.StringIO()
    n_nt = write_ntriples(iter_blocks(graph["nodes"], graph["relationships"]), nt)
    n_ttl = write_turtle(iter_blocks(graph["nodes"], graph["relationships"]), ttl)
    assert n_nt == n_ttl
    a = rdflib.Graph().parse(data=nt.getvalue(), format="nt")
    b = rdflib.Graph().parse(data=ttl.getvalue(), format="turtle")
    assert len(a) == len(b) > 1000 and set(a) == set(b)


def test_every_fact_names_its_documents_and_quotes_its_sentence():
    graph = sample_graph()
    exported = sample_rdf()["graph"]
    texts = {n["id"]: n["properties"]["text"] for n in graph["nodes"] if "Document" in n["labels"]}
    iris = Iris()
    quoted = 0
    for record in graph["relationships"]:
        props = record["properties"]
        fact = URIRef(iris.fact(record["type"], record["start"], record["end"], props))
        assert {str(d) for d in exported.objects(fact, rdflib.URIRef(PREFIXES["prov"] + "wasDerivedFrom"))} == {
            iris.entity(d) for d in props["sources"]}
        for value in props["evidence"]:
            doc_id, span = parse_evidence(value)
            if span is None:
                continue
            annotation = URIRef(iris.annotation(doc_id, span))
            assert (annotation, OA.hasBody, fact) in exported
            target = exported.value(annotation, OA.hasTarget)
            assert str(exported.value(target, OA.hasSource)) == iris.entity(doc_id)
            selectors = set(exported.objects(target, OA.hasSelector))
            quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in exported)
            position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in exported)
            assert str(exported.value(quote, OA.exact)) == texts[doc_id][span[0]:span[1]]
            assert (int(exported.value(position, OA.start)), int(exported.value(position, OA.end))) == span
            quoted += 1
    assert quoted > 20


def test_memberships_are_org_memberships_with_posts_as_concepts():
    exported = sample_rdf()["graph"]
    org = rdflib.Namespace(PREFIXES["org"])
    skos = rdflib.Namespace(PREFIXES["skos"])
    memberships = list(exported.subjects(RDF.type, EDU.HoldsPostFact))
    assert memberships
    for membership in memberships:
        assert (exported.value(membership, org.member), RDF.type, EDU.Person) in exported
        assert (exported.value(membership, org.organization), RDF.type, EDU.Organization) in exported
        post = exported.value(membership, org.role)
        assert (post, RDF.type, EDU.Post) in exported and (post, skos.inScheme, EDU.PostScheme) in exported
    posts = {str(exported.value(p, skos.prefLabel)) for p in exported.subjects(RDF.type, EDU.Post)}
    assert {"директор", "учитель информатики"} <= posts


# --- SHACL -----------------------------------------------------------------------------------

def test_the_sample_validates_with_zero_violations():
    assert validate_file(sample_rdf()["path"]) == []


def broken_sample():
    """The sample with a post holding that has lost its sources, a bad event date and a nameless person."""
    graph = copy.deepcopy(sample_graph())
    holding = next(r for r in graph["relationships"] if r["type"] == "HOLDS_POST")
    holding["properties"]["sources"] = []
    event = next(n for n in graph["nodes"] if "Event" in n["labels"])
    event["properties"]["date"] = "5 ноября 2013"
    person = next(n for n in graph["nodes"] if "Person" in n["labels"])
    del person["properties"]["family"]
    return graph, holding, event, person


def test_broken_data_is_reported_in_plain_words(tmp_path, capsys):
    graph, holding, event, person = broken_sample()
    path = tmp_path / "broken.ttl"
    export_rdf(graph["nodes"], graph["relationships"], path, "turtle")
    violations = validate_file(path)
    fact = Iris().fact(holding["type"], holding["start"], holding["end"], holding["properties"])
    found = {(v.focus.split(" «")[0], v.path) for v in violations}
    assert (f"<{fact}>", "prov:wasDerivedFrom") in found  # the membership without a source
    assert (f"<{Iris().entity(event['id'])}>", "schema:startDate") in found  # the bad date
    assert (f"<{Iris().entity(person['id'])}>", "schema:familyName") in found  # no family name
    assert len(violations) == 4  # the membership shape and the fact shape both want a source

    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "a membership must name the document it comes from" in out
    assert "an event's start date must be one xsd:date" in out
    assert f"«{person['properties']['name']}»" in out
    assert "4 violation(s)" in out


def test_validate_names_a_file_that_is_not_rdf(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err and "not valid turtle" in err
    assert main(["validate", str(tmp_path / "missing.nt")]) == 2
    assert main(["validate", str(tmp_path / "x.csv")]) == 2


# --- SPARQL over the export answers as the graph does ------------------------------------------

def graph_answers(graph) -> dict[str, dict[str, int]]:
    """The three questions answered over the graph records themselves."""
    labels = {n["id"]: set(n["labels"]) for n in graph["nodes"]}
    answers: dict[str, Counter] = {q: Counter() for q in QUESTIONS}
    pairs: dict[str, set] = {q: set() for q in QUESTIONS}
    for r in graph["relationships"]:
        start, end = labels[r["start"]], labels[r["end"]]
        if r["type"] == "LOCATED_IN" and "School" in start and "District" in end:
            pairs["schools_per_district"].add((r["end"], r["start"]))
        if r["type"] == "AWARDED_TO" and "Person" in end:
            pairs["awards_per_person"].add((r["end"], r["start"]))
        if r["type"] == "PARTICIPATED_IN" and r["properties"].get("role") == "host" and "School" in start:
            pairs["events_hosted_per_school"].add((r["start"], r["end"]))
    for question, found in pairs.items():
        answers[question].update(key for key, _ in found)
    return {q: dict(c) for q, c in answers.items()}


def test_sparql_answers_as_the_graph_does_in_rdflib_and_oxigraph():
    expected = graph_answers(sample_graph())
    assert all(expected.values())  # the sample has schools in districts, awarded people, hosted events
    by_rdflib, by_oxigraph = sparql_answers(sample_rdf()["graph"], sample_rdf()["path"])
    assert by_rdflib == expected
    assert by_oxigraph == expected


def test_an_alias_equal_to_the_name_is_not_an_alt_label(tmp_path):
    nodes = [node("r", ["Region"], name="Алтайский край", aliases=["Алтайский край", "Алтай"], sources=[])]
    graph, path = to_graph(nodes, [], "turtle", tmp_path=tmp_path)
    alt = URIRef(PREFIXES["skos"] + "altLabel")
    assert set(graph.objects(URIRef(Iris().entity("r")), alt)) == {Literal("Алтай", lang="ru")}
    # written by hand, the overlap is what SKOS forbids and the shapes report
    graph.add((URIRef(Iris().entity("r")), alt, Literal("Алтайский край", lang="ru")))
    graph.serialize(path, format="turtle")
    assert [(v.path, v.message.split(" (")[0]) for v in validate_file(path)] == [
        ("skos:altLabel", "an alias must differ from the name")]
