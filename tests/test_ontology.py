"""ontology.ttl and shapes.ttl: well-formed, labelled, aligned, and covering every term an export writes."""

from __future__ import annotations

import pyshacl
import pytest
import rdflib
from rdf_sample import sample_rdf
from rdflib import OWL, RDF, RDFS, Literal, Namespace, URIRef

from graph.export.rdf_mapping import emitted_vocabulary
from graph.export.rdf_terms import CLOSED_SCHEMES, ONTOLOGY_NS, PREFIXES
from graph.export.rdf_validate import ONTOLOGY_PATH, SHAPES_PATH
from graph.model import COMMON_NODE_PROPERTIES, NODE_TYPES, OPEN_SCHEMES, ORG_KIND_LABELS, ORG_SUBTYPES, REL_TYPES
from ingest.vocabulary import CLOSED_VOCABULARIES

EDU = Namespace(ONTOLOGY_NS)
SCHEMA = Namespace(PREFIXES["schema"])
ORG = Namespace(PREFIXES["org"])
FOAF = Namespace(PREFIXES["foaf"])
ELI = Namespace(PREFIXES["eli"])
SKOS = Namespace(PREFIXES["skos"])
PROV = Namespace(PREFIXES["prov"])

# The standard terms an export may write without declaring them: they belong to the W3C and
# community vocabularies edugraph reuses (rdf, rdfs, skos, dcterms, schema.org, ORG, PROV, OA, ELI).
STANDARD_TERMS = {_ns + local for _ns, local in (
    (PREFIXES["rdf"], "type"), (PREFIXES["rdf"], "subject"), (PREFIXES["rdf"], "predicate"),
    (PREFIXES["rdf"], "object"),
    (PREFIXES["rdfs"], "label"),
    (PREFIXES["skos"], "prefLabel"), (PREFIXES["skos"], "altLabel"), (PREFIXES["skos"], "inScheme"),
    (PREFIXES["skos"], "notation"), (PREFIXES["skos"], "Concept"),
    (PREFIXES["dcterms"], "identifier"), (PREFIXES["dcterms"], "source"), (PREFIXES["dcterms"], "title"),
    (PREFIXES["dcterms"], "date"),
    (PREFIXES["schema"], "familyName"), (PREFIXES["schema"], "givenName"), (PREFIXES["schema"], "additionalName"),
    (PREFIXES["schema"], "startDate"), (PREFIXES["schema"], "organizer"), (PREFIXES["schema"], "attendee"),
    (PREFIXES["org"], "member"), (PREFIXES["org"], "organization"), (PREFIXES["org"], "role"),
    (PREFIXES["prov"], "wasDerivedFrom"),
    (PREFIXES["oa"], "Annotation"), (PREFIXES["oa"], "SpecificResource"), (PREFIXES["oa"], "TextQuoteSelector"),
    (PREFIXES["oa"], "TextPositionSelector"), (PREFIXES["oa"], "hasBody"), (PREFIXES["oa"], "hasTarget"),
    (PREFIXES["oa"], "hasSource"), (PREFIXES["oa"], "hasSelector"), (PREFIXES["oa"], "motivatedBy"),
    (PREFIXES["oa"], "exact"), (PREFIXES["oa"], "start"), (PREFIXES["oa"], "end"),
    (PREFIXES["eli"], "id_local"), (PREFIXES["eli"], "date_document"),
)}
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")


def declared(ontology: rdflib.Graph) -> set[str]:
    return {str(s) for t in DECLARATION_TYPES for s in ontology.subjects(RDF.type, t)}


def test_every_term_has_russian_and_english_labels_and_comments(ontology):
    terms = [s for s in set(ontology.subjects(RDF.type, None)) if str(s).startswith(ONTOLOGY_NS)]
    assert len(terms) > 60
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ontology.objects(term, predicate) if isinstance(o, Literal)}
            assert {"ru", "en"} <= langs, f"{term} lacks {predicate} in ru and en: {langs}"


def test_everything_the_model_can_export_is_declared(ontology):
    """Adding a label, relationship type or property to graph/model.py fails here until ontology.ttl has it."""
    predicates, classes = emitted_vocabulary()
    known = declared(ontology) | STANDARD_TERMS
    assert not sorted(predicates - known), "predicates missing from ontology.ttl"
    assert not sorted(classes - known), "classes missing from ontology.ttl"
    # the coverage really follows the model: every label and relationship type is among them
    for label in [*NODE_TYPES, *ORG_KIND_LABELS.values()]:
        assert ONTOLOGY_NS + label in classes
    assert len([c for c in classes if c.endswith("Fact")]) == len(REL_TYPES)


def test_every_term_of_an_export_is_declared(ontology):
    """Every predicate and rdf:type object of the sample's export is declared, or a listed standard term."""
    export = sample_rdf()["graph"]
    known = declared(ontology) | STANDARD_TERMS
    used = {str(p) for p in export.predicates()} | {str(o) for o in export.objects(None, RDF.type)}
    assert not sorted(used - known)
    assert len(used) > 40  # the sample exercises most of the mapping


def test_closed_vocabularies_are_skos_concepts_with_the_model_names(ontology):
    assert {v.scheme for v in CLOSED_VOCABULARIES} == set(CLOSED_SCHEMES)
    for vocabulary in CLOSED_VOCABULARIES:
        scheme = vocabulary.scheme
        assert (EDU[scheme], RDFS.subClassOf, SKOS.Concept) in ontology
        assert labels(ontology, EDU[scheme]) == {"ru": vocabulary.ru, "en": vocabulary.en}
        for term in vocabulary.terms:
            concept = EDU[f"{scheme}_{term.code}"]
            assert (concept, RDF.type, EDU[scheme]) in ontology, concept
            assert (concept, RDF.type, OWL.NamedIndividual) in ontology, concept
            assert (concept, SKOS.inScheme, EDU[f"{scheme}Scheme"]) in ontology
            assert (concept, SKOS.notation, Literal(term.code)) in ontology
            assert labels(ontology, concept, SKOS.prefLabel) == {"ru": term.ru, "en": term.en}, concept


def labels(ontology: rdflib.Graph, term: URIRef, predicate: URIRef = RDFS.label) -> dict[str, str]:
    return {o.language: str(o) for o in ontology.objects(term, predicate) if isinstance(o, Literal)}


def edu(prefixed: str) -> URIRef:
    assert prefixed.startswith("edu:"), prefixed
    return EDU[prefixed[4:]]


def test_the_ontology_names_every_class_and_relationship_as_the_model_does(ontology):
    """graph/model.py is the one declaration: ontology.ttl's Russian and English labels must equal it."""
    for node_type in NODE_TYPES.values():
        assert labels(ontology, EDU[node_type.label]) == {"ru": node_type.ru, "en": node_type.en}
    for sub in ORG_SUBTYPES.values():
        assert labels(ontology, EDU[sub.label]) == {"ru": sub.ru, "en": sub.en}
    for rel in REL_TYPES.values():
        assert labels(ontology, edu(rel.predicate)) == {"ru": rel.ru, "en": rel.en}, rel.type
        assert labels(ontology, edu(rel.fact_class)) == {"ru": rel.fact_ru, "en": rel.fact_en}, rel.type
    for scheme, (ru, en, scheme_ru, scheme_en) in OPEN_SCHEMES.items():
        assert labels(ontology, EDU[scheme]) == {"ru": ru, "en": en}
        assert labels(ontology, EDU[scheme + "Scheme"]) == {"ru": scheme_ru, "en": scheme_en}


def test_the_model_writes_only_terms_that_exist():
    """A mistyped standard term («schema:familyname») fails here: rdflib's DefinedNamespaces know theirs."""
    from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS

    defined = {"schema": SDO, "skos": SKOS, "dcterms": DCTERMS, "org": ORG, "prov": PROV, "foaf": FOAF,
               "rdfs": RDFS, "rdf": RDF}
    properties = [*COMMON_NODE_PROPERTIES, *(p for t in NODE_TYPES.values() for p in t.properties),
                  *(p for r in REL_TYPES.values() for p in r.properties)]
    checked = 0
    for prop in properties:
        for predicate, _how in prop.rdf:
            prefix, _, local = predicate.partition(":")
            if prefix in defined:
                getattr(defined[prefix], local)  # raises AttributeError for a term the namespace lacks
                checked += 1
            else:
                assert prefix in ("edu", "eli"), predicate
    assert checked >= 8


@pytest.mark.parametrize("term, superclass", [
    ("School", SCHEMA.School), ("School", ORG.FormalOrganization), ("Kindergarten", SCHEMA.Preschool),
    ("Authority", SCHEMA.GovernmentOrganization), ("District", SCHEMA.AdministrativeArea),
    ("Region", SCHEMA.AdministrativeArea), ("Settlement", SCHEMA.Place),
    ("Person", SCHEMA.Person), ("Person", FOAF.Person), ("Event", SCHEMA.EducationEvent),
    ("Document", SCHEMA.Legislation), ("Document", ELI.LegalResource), ("Document", FOAF.Document),
    ("HoldsPostFact", ORG.Membership), ("MemberOfFact", ORG.Membership), ("Post", ORG.Role),
    ("Fact", PROV.Entity), ("Fact", RDF.Statement), ("EventKind", SKOS.Concept), ("AwardKind", SKOS.Concept),
])
def test_alignment_to_shared_vocabularies(ontology, term, superclass):
    assert (EDU[term], RDFS.subClassOf, superclass) in ontology


def test_relationships_are_aligned(ontology):
    assert (EDU.subordinateTo, RDFS.subPropertyOf, ORG.subOrganizationOf) in ontology
    assert (EDU.locatedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace) in ontology
    assert (EDU.holdsPost, RDFS.subPropertyOf, ORG.memberOf) in ontology


def test_shapes_are_valid_shacl():
    shapes = rdflib.Graph().parse(SHAPES_PATH, format="turtle")
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
    sh = Namespace("http://www.w3.org/ns/shacl#")
    targets = set(shapes.objects(None, sh.targetClass))
    assert {ORG.Membership, EDU.Person, EDU.Fact, EDU.Event, EDU.Award} <= targets
    # every property constraint explains itself in plain words
    for prop in shapes.objects(None, sh.property):
        assert shapes.value(prop, sh.message) is not None, shapes.value(prop, sh.path)


def test_ontology_is_its_own_document(ontology):
    ontology_iri = URIRef(ONTOLOGY_NS.rstrip("#"))
    assert (ontology_iri, RDF.type, OWL.Ontology) in ontology
