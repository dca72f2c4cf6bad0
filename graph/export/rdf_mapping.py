"""The graph as RDF, read from graph/model.py: a node label ``L`` is the class ``edu:L``, a property is
written with the predicates the model declares for it (the store's bookkeeping is left out), a relationship
of type ``T`` a direct triple ``start edu:<camelT> end`` and a reified fact ``edu:<PascalT>Fact`` (an
``rdf:Statement``; post holdings and group memberships are also ``org:Membership``) derived
``prov:wasDerivedFrom`` its documents, whose evidence spans become W3C Web Annotations with a quote and a
position selector. Blocks of triples are yielded as they are made; at most a bounded window of "recently
written" keys and the document texts (for quotes, in a temporary SQLite file) are kept, so memory stays
flat as the graph grows.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath
from typing import Any

from graph.export.rdf_terms import (
    CLOSED_SCHEMES,
    DEFAULT_BASE,
    XSD,
    Iris,
    check_base,
    date_literal,
    iri,
    lit,
    prefixed_iri,
    typed_literal,
)
from graph.model import (
    COMMON_NODE_PROPERTIES,
    NODE_TYPES,
    OPEN_SCHEMES,
    REL_SOURCES,
    REL_TYPES,
    indexed_labels,
    parse_evidence,
)

# participation roles that make the agent the event's schema:organizer (others are schema:attendee)
ORGANISER_ROLES = ("host", "organiser")


# relationship types whose fact is also an org:Membership (member → organisation)
MEMBERSHIP_TYPES = ("HOLDS_POST", "MEMBER_OF")




def node_classes() -> list[str]:
    """Every class a node can be typed with (prefixed), from the model's labels and sublabels."""
    return [f"edu:{label}" for label in indexed_labels()]


def node_property_predicates(label: str, prop: str) -> tuple[tuple[str, str], ...]:
    """How a node property is written (the model's declaration); () for a property outside the model."""
    node_type = NODE_TYPES.get(label)
    declared = node_type.property(prop) if node_type else None
    return declared.rdf if declared else ()


def rel_property_predicates(rel_type: str, prop: str) -> tuple[tuple[str, str], ...]:
    if prop == "sources":
        return REL_SOURCES.rdf
    declared = next((p for p in REL_TYPES[rel_type].properties if p.name == prop), None)
    return declared.rdf if declared else ()


def emitted_vocabulary() -> tuple[set[str], set[str]]:
    """(predicates, classes) the export can emit, as full IRIs — what ontology.ttl must declare."""
    predicates: set[str] = {"rdf:type", "rdf:subject", "rdf:predicate", "rdf:object", "org:member",
                            "org:organization", "skos:prefLabel", "skos:inScheme", "skos:notation",
                            "oa:hasBody", "oa:hasTarget", "oa:motivatedBy", "oa:hasSource", "oa:hasSelector",
                            "oa:exact", "oa:start", "oa:end", "schema:organizer", "schema:attendee"}
    classes: set[str] = set(node_classes()) | {"oa:Annotation", "oa:SpecificResource", "oa:TextQuoteSelector",
                                               "oa:TextPositionSelector", "skos:Concept"}
    classes |= {f"edu:{scheme}" for scheme in (*CLOSED_SCHEMES, *OPEN_SCHEMES)}
    for node_type in NODE_TYPES.values():
        for prop in (*COMMON_NODE_PROPERTIES, *node_type.properties):
            predicates |= {p for p, _ in prop.rdf}
    for rel in REL_TYPES.values():
        predicates.add(rel.predicate)
        classes.add(rel.fact_class)
        for prop in (*rel.properties, REL_SOURCES):
            predicates |= {p for p, _ in prop.rdf}
    return {prefixed_iri(p) for p in predicates}, {prefixed_iri(c) for c in classes}


Block = tuple[str, list[tuple[str, str]]]


RDF_TYPE = iri(prefixed_iri("rdf:type"))


class _Recent:
    """A bounded set of recently seen keys: avoids repeating shared blocks without growing with the graph."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self.keys: OrderedDict[Any, None] = OrderedDict()

    def first_time(self, key: Any) -> bool:
        if key in self.keys:
            self.keys.move_to_end(key)
            return False
        self.keys[key] = None
        if len(self.keys) > self.size:
            self.keys.popitem(last=False)
        return True


class DocumentTexts:
    """Document texts by id, kept in a temporary SQLite file so the quotes cost no memory."""

    def __init__(self) -> None:
        handle, self.path = tempfile.mkstemp(prefix="edugraph-texts-", suffix=".sqlite")
        os.close(handle)
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE texts (id TEXT PRIMARY KEY, text TEXT)")
        self.cache: OrderedDict[str, str | None] = OrderedDict()

    def add(self, doc_id: str, text: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO texts VALUES (?, ?)", (doc_id, text))

    def get(self, doc_id: str) -> str | None:
        if doc_id in self.cache:
            self.cache.move_to_end(doc_id)
            return self.cache[doc_id]
        row = self.db.execute("SELECT text FROM texts WHERE id = ?", (doc_id,)).fetchone()
        text = row[0] if row else None
        self.cache[doc_id] = text
        if len(self.cache) > 8:  # facts come grouped by document often enough
            self.cache.popitem(last=False)
        return text

    def close(self) -> None:
        self.db.close()
        Path(self.path).unlink(missing_ok=True)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v is not None and v != ""]
    return [] if value == "" else [value]


class Mapper:
    """Turns node and relationship records into blocks of triples."""

    def __init__(self, base: str = DEFAULT_BASE, window: int = 10_000) -> None:
        self.iris = Iris(check_base(base))
        self.recent = _Recent(window)
        self.texts = DocumentTexts()

    def close(self) -> None:
        self.texts.close()

    def _objects(self, kind: str, value: Any, out: list[Block]) -> list[str]:
        """The object terms of one property value (concept definitions go to ``out``)."""
        objects = []
        for item in _as_list(value):
            if kind == "ru":
                objects.append(lit(str(item), lang="ru"))
            elif kind == "date":
                objects.append(date_literal(item))
            elif kind == "doc":
                objects.append(iri(self.iris.entity(str(item))))
            elif kind.startswith("concept:"):
                objects.append(self._concept(kind[len("concept:"):], str(item), out))
            else:
                objects.append(typed_literal(item))
        return objects

    def _concept(self, scheme: str, value: str, out: list[Block]) -> str:
        concept, declared = self.iris.concept(scheme, value)
        if not declared and self.recent.first_time(("concept", concept)):
            out.append((iri(concept), [
                (RDF_TYPE, iri(prefixed_iri(f"edu:{scheme}"))),
                (RDF_TYPE, iri(prefixed_iri("skos:Concept"))),
                (iri(prefixed_iri("skos:inScheme")), iri(prefixed_iri(f"edu:{scheme}Scheme"))),
                (iri(prefixed_iri("skos:prefLabel")), lit(value, lang="ru")),
            ]))
        return iri(concept)

    def node_blocks(self, node: dict[str, Any]) -> list[Block]:
        props = node.get("properties") or {}
        node_id = str(props.get("id") or node.get("id"))
        labels = [label for label in node.get("labels") or () if f"edu:{label}" in _NODE_CLASSES]
        main = next((label for label in labels if label in NODE_TYPES), labels[0] if labels else "")
        extra: list[Block] = []
        pairs = [(RDF_TYPE, iri(prefixed_iri(f"edu:{label}"))) for label in labels]
        props = {**props, "id": node_id}
        if props.get("aliases") and props.get("name"):  # SKOS: prefLabel and altLabel are disjoint
            props["aliases"] = [a for a in _as_list(props["aliases"]) if a != props["name"]]
        if main == "Document" and props.get("source"):  # the file's name: a path on this server is nobody's business
            props["source"] = PurePath(str(props["source"])).name
        for prop in sorted(props, key=_property_order):
            if main == "Document" and prop == "sources":
                continue  # a document is its own source
            for predicate, kind in node_property_predicates(main, prop):  # nothing for the store's bookkeeping
                pairs += [(iri(prefixed_iri(predicate)), obj) for obj in self._objects(kind, props[prop], extra)]
        if main == "Document" and props.get("text"):
            self.texts.add(node_id, str(props["text"]))
        return [(iri(self.iris.entity(node_id)), pairs), *extra]

    def relationship_blocks(self, rel: dict[str, Any]) -> list[Block]:
        rel_type = rel["type"]
        if rel_type not in REL_TYPES:
            return []  # not part of the model
        props = rel.get("properties") or {}
        start, end = iri(self.iris.entity(str(rel["start"]))), iri(self.iris.entity(str(rel["end"])))
        predicate = iri(prefixed_iri(REL_TYPES[rel_type].predicate))
        fact = iri(self.iris.fact(rel_type, rel["start"], rel["end"], props))
        extra: list[Block] = []
        pairs = [
            (RDF_TYPE, iri(prefixed_iri(REL_TYPES[rel_type].fact_class))),
            (iri(prefixed_iri("rdf:subject")), start),
            (iri(prefixed_iri("rdf:predicate")), predicate),
            (iri(prefixed_iri("rdf:object")), end),
        ]
        if rel_type in MEMBERSHIP_TYPES:
            pairs += [(iri(prefixed_iri("org:member")), start), (iri(prefixed_iri("org:organization")), end)]
        for prop in sorted(props):
            for pred, kind in rel_property_predicates(rel_type, prop):
                pairs += [(iri(prefixed_iri(pred)), obj) for obj in self._objects(kind, props[prop], extra)]
        blocks = [(start, [(predicate, end)]), (fact, pairs), *extra]
        if rel_type == "PARTICIPATED_IN":  # the schema.org view of the event, read from its side
            role = "schema:organizer" if props.get("role") in ORGANISER_ROLES else "schema:attendee"
            blocks.append((end, [(iri(prefixed_iri(role)), start)]))
        for value in _as_list(props.get("evidence")):
            blocks += self._annotation(fact, str(value))
        return blocks

    def _annotation(self, fact: str, evidence_value: str) -> list[Block]:
        """The sentence stating a fact, as a Web Annotation whose body is the fact."""
        try:
            doc_id, span = parse_evidence(evidence_value)
        except ValueError:
            return []  # malformed evidence: the fact keeps prov:wasDerivedFrom only
        if span is None:
            return []
        ann = self.iris.annotation(doc_id, span)
        blocks: list[Block] = [(iri(ann), [(iri(prefixed_iri("oa:hasBody")), fact)])]
        if not self.recent.first_time(("annotation", ann)):
            return blocks
        target, quote_sel, position = f"{ann}/target", f"{ann}/quote", f"{ann}/position"
        blocks[0][1][:0] = [
            (RDF_TYPE, iri(prefixed_iri("oa:Annotation"))),
            (iri(prefixed_iri("oa:motivatedBy")), iri(prefixed_iri("oa:describing"))),
            (iri(prefixed_iri("oa:hasTarget")), iri(target)),
        ]
        blocks.append((iri(target), [
            (RDF_TYPE, iri(prefixed_iri("oa:SpecificResource"))),
            (iri(prefixed_iri("oa:hasSource")), iri(self.iris.entity(doc_id))),
            (iri(prefixed_iri("oa:hasSelector")), iri(position)),
        ]))
        blocks.append((iri(position), [
            (RDF_TYPE, iri(prefixed_iri("oa:TextPositionSelector"))),
            (iri(prefixed_iri("oa:start")), lit(str(span[0]), datatype=XSD + "nonNegativeInteger")),
            (iri(prefixed_iri("oa:end")), lit(str(span[1]), datatype=XSD + "nonNegativeInteger")),
        ]))
        text = self.texts.get(doc_id)
        if text is not None and 0 <= span[0] <= span[1] <= len(text):
            blocks[1][1].append((iri(prefixed_iri("oa:hasSelector")), iri(quote_sel)))
            blocks.append((iri(quote_sel), [
                (RDF_TYPE, iri(prefixed_iri("oa:TextQuoteSelector"))),
                (iri(prefixed_iri("oa:exact")), lit(text[span[0]:span[1]], lang="ru")),
            ]))
        return blocks


_NODE_CLASSES = set(node_classes())


def _property_order(prop: str) -> tuple[int, str]:
    """Names first, then the rest alphabetically: what a reader of the Turtle looks for first."""
    return {"name": 0, "aliases": 1}.get(prop, 2), prop


def iter_blocks(nodes: Iterable[dict[str, Any]], relationships: Iterable[dict[str, Any]],
                base: str = DEFAULT_BASE) -> Iterator[Block]:
    """All blocks of the graph: nodes first (documents' texts are needed by the quotes), then facts."""
    mapper = Mapper(base)
    try:
        for node in nodes:
            yield from mapper.node_blocks(node)
        for rel in relationships:
            yield from mapper.relationship_blocks(rel)
    finally:
        mapper.close()
