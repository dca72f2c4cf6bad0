"""The graph as RDF: the mapping to the ontology (ontology.ttl), streaming
N-Triples/Turtle writers, JSON-LD/RDF-XML through rdflib, SHACL validation.

The input is what a store yields: node records ``{"id", "labels",
"properties"}`` and relationship records ``{"type", "start", "end",
"properties"}`` (``start``/``end`` are node ids, the graph's own ``id``
property).  Everything is derived from graph/model.py:

- a node label ``L`` is the class ``edu:L``; a property is written with the predicates the model
  declares for it (properties outside the model, the store's bookkeeping, are left out);
- a relationship of type ``T`` becomes a direct triple ``start edu:<camelT> end``
  and a reified fact ``edu:<PascalT>Fact`` (an ``rdf:Statement``; post
  holdings and group memberships are also ``org:Membership``), derived
  ``prov:wasDerivedFrom`` its documents, whose evidence spans become W3C Web
  Annotations with a quote and a position selector.

IRIs come from the graph's own ids (percent-encoded), so the same entity gets
the same IRI on every export.  The streaming writers hold at most a bounded
window of "recently written" keys and keep document texts (for quotes) in a
temporary SQLite file, so memory stays flat as the graph grows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from graph.model import (
    COMMON_NODE_PROPERTIES,
    NODE_TYPES,
    OPEN_SCHEMES,
    REL_SOURCES,
    REL_TYPES,
    indexed_labels,
    parse_evidence,
)
from graph.resources import ontology_path, shapes_path
from ingest.vocabulary import CLOSED_VOCABULARIES

ONTOLOGY_PATH = ontology_path()
SHAPES_PATH = shapes_path()

ONTOLOGY_NS = "https://edugraph.example.org/ontology#"
DEFAULT_BASE = "https://edugraph.example.org/data/"

PREFIXES: dict[str, str] = {
    "edu": ONTOLOGY_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "eli": "http://data.europa.eu/eli/ontology#",
}

RDF_FORMATS = ("turtle", "ntriples", "jsonld", "xml")
STREAMED_FORMATS = ("turtle", "ntriples")
_RDFLIB_FORMAT = {"jsonld": "json-ld", "xml": "xml"}


class ExportError(ValueError):
    """A user error in an export request (bad base IRI, bad format)."""


def _pn(prefixed: str) -> str:
    """The full IRI of a prefixed name such as ``edu:School``."""
    prefix, _, local = prefixed.partition(":")
    return PREFIXES[prefix] + local


# --- the mapping, read from graph/model.py -----------------------------------------------------

# participation roles that make the agent the event's schema:organizer (others are schema:attendee)
ORGANISER_ROLES = ("host", "organiser")
# relationship types whose fact is also an org:Membership (member → organisation)
MEMBERSHIP_TYPES = ("HOLDS_POST", "MEMBER_OF")

# closed vocabularies: their concepts are declared in ontology.ttl as edu:<Scheme>_<value>;
# any other value becomes a concept of the data, under <base>concept/<scheme>/
CLOSED_SCHEMES: dict[str, tuple[str, ...]] = {v.scheme: v.codes for v in CLOSED_VOCABULARIES}


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
    return {_pn(p) for p in predicates}, {_pn(c) for c in classes}


# --- terms: N-Triples forms, which are also valid Turtle --------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"  # a lone surrogate cannot be written as UTF-8
    return f"\\u{ord(char):04X}"


def escape_literal(text: str) -> str:
    """The body of a quoted N-Triples/Turtle literal."""
    return _NEEDS_ESCAPE.sub(_escape_char, text)


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_XSD = PREFIXES["xsd"]


def iri(value: str) -> str:
    return f"<{value}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = f'"{escape_literal(text)}"'
    if lang:
        return f"{body}@{lang}"
    if datatype:
        return f"{body}^^<{datatype}>"
    return body


def typed_literal(value: Any) -> str:
    """A Python value as an RDF literal with its XSD datatype."""
    if isinstance(value, dt.datetime):
        return lit(value.isoformat(), datatype=_XSD + "dateTime")
    if isinstance(value, dt.date):
        return lit(value.isoformat(), datatype=_XSD + "date")
    if isinstance(value, bool):
        return lit("true" if value else "false", datatype=_XSD + "boolean")
    if isinstance(value, int):
        return lit(str(value), datatype=_XSD + "integer")
    if isinstance(value, float):
        return lit(repr(value), datatype=_XSD + "double")
    return lit(str(value))


def date_literal(value: Any) -> str:
    """An ISO date as xsd:date; anything else stays a plain string (and SHACL reports it)."""
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    if _ISO_DATE.fullmatch(text):
        return lit(text, datatype=_XSD + "date")
    return lit(text)


def check_base(base: str) -> str:
    """The base IRI for data, or ExportError saying why it cannot be one."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", base):
        raise ExportError(f"--base {base!r}: not an absolute IRI (it needs a scheme such as https:)")
    if _IRI_FORBIDDEN.search(base):
        raise ExportError(f"--base {base!r}: contains a character not allowed in an IRI")
    if not base.endswith(("/", "#")):
        raise ExportError(f"--base {base!r}: must end with '/' or '#'")
    return base


def segment(value: str) -> str:
    """A string as one safe IRI path segment (UTF-8 percent-encoding, nothing reserved left)."""
    return quote(str(value), safe="-._~")


@dataclass(frozen=True)
class Iris:
    """Where the IRIs of one export live."""

    base: str = DEFAULT_BASE

    def entity(self, node_id: str) -> str:
        return self.base + segment(node_id)

    def fact(self, rel_type: str, start: str, end: str, props: dict[str, Any]) -> str:
        """A relationship's IRI: its type, ends and identifying properties (never provenance)."""
        key = "\x1f".join([rel_type, str(start), str(end)] + [
            f"{k}={props[k]}" for k in sorted(props) if k not in ("sources", "evidence")])
        digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
        return f"{self.base}fact/{segment(rel_type.lower())}/{digest}"

    def annotation(self, doc_id: str, span: tuple[int, int]) -> str:
        return f"{self.base}annotation/{segment(doc_id)}/{span[0]}-{span[1]}"

    def concept(self, scheme: str, value: str) -> tuple[str, bool]:
        """(IRI, declared in the ontology?) of a kind/post/role value."""
        if value in CLOSED_SCHEMES.get(scheme, ()):
            return f"{ONTOLOGY_NS}{scheme}_{value}", True
        return f"{self.base}concept/{segment(scheme[:1].lower() + scheme[1:])}/{segment(value)}", False


# --- blocks of triples: (subject, [(predicate, object), …]), all N-Triples terms ----------------

Block = tuple[str, list[tuple[str, str]]]
_TYPE = iri(_pn("rdf:type"))


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
                (_TYPE, iri(_pn(f"edu:{scheme}"))),
                (_TYPE, iri(_pn("skos:Concept"))),
                (iri(_pn("skos:inScheme")), iri(_pn(f"edu:{scheme}Scheme"))),
                (iri(_pn("skos:prefLabel")), lit(value, lang="ru")),
            ]))
        return iri(concept)

    def node_blocks(self, node: dict[str, Any]) -> list[Block]:
        props = node.get("properties") or {}
        node_id = str(props.get("id") or node.get("id"))
        labels = [label for label in node.get("labels") or () if f"edu:{label}" in _NODE_CLASSES]
        main = next((label for label in labels if label in NODE_TYPES), labels[0] if labels else "")
        extra: list[Block] = []
        pairs = [(_TYPE, iri(_pn(f"edu:{label}"))) for label in labels]
        props = {**props, "id": node_id}
        if props.get("aliases") and props.get("name"):  # SKOS: prefLabel and altLabel are disjoint
            props["aliases"] = [a for a in _as_list(props["aliases"]) if a != props["name"]]
        for prop in sorted(props, key=_property_order):
            if main == "Document" and prop == "sources":
                continue  # a document is its own source
            for predicate, kind in node_property_predicates(main, prop):  # nothing for the store's bookkeeping
                pairs += [(iri(_pn(predicate)), obj) for obj in self._objects(kind, props[prop], extra)]
        if main == "Document" and props.get("text"):
            self.texts.add(node_id, str(props["text"]))
        return [(iri(self.iris.entity(node_id)), pairs), *extra]

    def relationship_blocks(self, rel: dict[str, Any]) -> list[Block]:
        rel_type = rel["type"]
        if rel_type not in REL_TYPES:
            return []  # not part of the model
        props = rel.get("properties") or {}
        start, end = iri(self.iris.entity(str(rel["start"]))), iri(self.iris.entity(str(rel["end"])))
        predicate = iri(_pn(REL_TYPES[rel_type].predicate))
        fact = iri(self.iris.fact(rel_type, rel["start"], rel["end"], props))
        extra: list[Block] = []
        pairs = [
            (_TYPE, iri(_pn(REL_TYPES[rel_type].fact_class))),
            (iri(_pn("rdf:subject")), start),
            (iri(_pn("rdf:predicate")), predicate),
            (iri(_pn("rdf:object")), end),
        ]
        if rel_type in MEMBERSHIP_TYPES:
            pairs += [(iri(_pn("org:member")), start), (iri(_pn("org:organization")), end)]
        for prop in sorted(props):
            for pred, kind in rel_property_predicates(rel_type, prop):
                pairs += [(iri(_pn(pred)), obj) for obj in self._objects(kind, props[prop], extra)]
        blocks = [(start, [(predicate, end)]), (fact, pairs), *extra]
        if rel_type == "PARTICIPATED_IN":  # the schema.org view of the event, read from its side
            role = "schema:organizer" if props.get("role") in ORGANISER_ROLES else "schema:attendee"
            blocks.append((end, [(iri(_pn(role)), start)]))
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
        blocks: list[Block] = [(iri(ann), [(iri(_pn("oa:hasBody")), fact)])]
        if not self.recent.first_time(("annotation", ann)):
            return blocks
        target, quote_sel, position = f"{ann}/target", f"{ann}/quote", f"{ann}/position"
        blocks[0][1][:0] = [
            (_TYPE, iri(_pn("oa:Annotation"))),
            (iri(_pn("oa:motivatedBy")), iri(_pn("oa:describing"))),
            (iri(_pn("oa:hasTarget")), iri(target)),
        ]
        blocks.append((iri(target), [
            (_TYPE, iri(_pn("oa:SpecificResource"))),
            (iri(_pn("oa:hasSource")), iri(self.iris.entity(doc_id))),
            (iri(_pn("oa:hasSelector")), iri(position)),
        ]))
        blocks.append((iri(position), [
            (_TYPE, iri(_pn("oa:TextPositionSelector"))),
            (iri(_pn("oa:start")), lit(str(span[0]), datatype=_XSD + "nonNegativeInteger")),
            (iri(_pn("oa:end")), lit(str(span[1]), datatype=_XSD + "nonNegativeInteger")),
        ]))
        text = self.texts.get(doc_id)
        if text is not None and 0 <= span[0] <= span[1] <= len(text):
            blocks[1][1].append((iri(_pn("oa:hasSelector")), iri(quote_sel)))
            blocks.append((iri(quote_sel), [
                (_TYPE, iri(_pn("oa:TextQuoteSelector"))),
                (iri(_pn("oa:exact")), lit(text[span[0]:span[1]], lang="ru")),
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


# --- writers ----------------------------------------------------------------------------------

def write_ntriples(blocks: Iterable[Block], out: IO[str]) -> int:
    """Write blocks as N-Triples as they come; returns the number of triples written."""
    count = 0
    write = out.write
    for subject, pairs in blocks:
        write("".join(f"{subject} {p} {o} .\n" for p, o in pairs))
        count += len(pairs)
    return count


_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def _turtle_names() -> dict[str, str]:
    """The prefixed form of every vocabulary IRI the mapping writes as a predicate, class or concept."""
    names: dict[str, str] = {}
    predicates, classes = emitted_vocabulary()
    extra = {_pn("oa:describing")} | {_pn(f"edu:{s}Scheme") for s in (*CLOSED_SCHEMES, *OPEN_SCHEMES)}
    extra |= {f"{ONTOLOGY_NS}{s}_{v}" for s, values in CLOSED_SCHEMES.items() for v in values}
    for full in predicates | classes | extra:
        for prefix, ns in PREFIXES.items():
            local = full[len(ns):]
            if full.startswith(ns) and _PN_LOCAL.fullmatch(local):
                names[iri(full)] = f"{prefix}:{local}"
                break
    names[_TYPE] = "a"
    return names


def _turtle_term(term: str, names: dict[str, str]) -> str:
    if term[0] == "<":
        return names.get(term, term)
    if term.endswith(">") and f"^^<{_XSD}" in term:  # a typed literal: compact its datatype
        body, _, datatype = term.rpartition("^^<")
        return f"{body}^^xsd:{datatype[len(_XSD):-1]}"
    return term


def write_turtle(blocks: Iterable[Block], out: IO[str]) -> int:
    """Write blocks as Turtle as they come: the prefixes, then one block per subject."""
    names = _turtle_names()
    out.write("".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in PREFIXES.items()) + "\n")
    count = 0
    for subject, pairs in blocks:
        if not pairs:
            continue
        lines: list[str] = []
        previous = None
        for p, o in pairs:
            obj = _turtle_term(o, names)
            if p == previous:
                lines[-1] += f" ,\n        {obj}"
            else:
                lines.append(f"    {names.get(p, p)} {obj}")
                previous = p
        out.write(f"{subject}\n" + " ;\n".join(lines) + " .\n\n")
        count += len(pairs)
    return count


def export_rdf(nodes: Iterable[dict[str, Any]], relationships: Iterable[dict[str, Any]], out_path: str | Path,
               fmt: str = "turtle", base: str = DEFAULT_BASE) -> int:
    """Write the graph to ``out_path`` in ``fmt``; returns the number of triples.

    The file appears whole or not at all (written beside it, then renamed).  N-Triples and Turtle
    are streamed; JSON-LD and RDF/XML are built in an rdflib Graph in memory first.
    """
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r} (one of {', '.join(RDF_FORMATS)})")
    check_base(base)
    target = Path(out_path)
    tmp = target.with_name(f".{target.name}.tmp")
    blocks = iter_blocks(nodes, relationships, base)
    try:
        if fmt in STREAMED_FORMATS:
            with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                writer = write_ntriples if fmt == "ntriples" else write_turtle
                count = writer(blocks, out)
        else:
            count = _write_with_rdflib(blocks, tmp, fmt)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _write_with_rdflib(blocks: Iterable[Block], path: Path, fmt: str) -> int:
    import io

    import rdflib

    buffer = io.StringIO()
    write_ntriples(blocks, buffer)
    graph = rdflib.Graph()
    graph.parse(data=buffer.getvalue(), format="nt")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, replace=True)
    options = {"context": dict(PREFIXES), "auto_compact": True} if fmt == "jsonld" else {}
    graph.serialize(destination=str(path), format=_RDFLIB_FORMAT[fmt], encoding="utf-8", **options)
    return len(graph)


# --- reading back and validating ----------------------------------------------------------------

_FORMAT_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml",
                     ".xml": "xml", ".owl": "xml"}


def load_rdf(path: str | Path):
    """Parse an RDF file (format from its suffix) into an rdflib Graph; ValueError naming the file if not RDF."""
    import rdflib

    path = Path(path)
    fmt = _FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF file type {path.suffix!r} (.ttl, .nt, .jsonld, .rdf)")
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    graph = rdflib.Graph()
    try:
        graph.parse(str(path), format=fmt)
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise ValueError(f"{path}: not valid {fmt} ({_parse_reason(exc)})") from exc
    return graph


def _parse_reason(exc: Exception) -> str:
    """rdflib's parse error in one line: where, and what it expected."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    where = re.match(r"at line (\d+)", lines[0])
    what = next((line.split(" at ^")[0] for line in lines[1:] if line.startswith("Bad syntax")), None)
    if where and what:
        return f"line {where.group(1)}: {what}"
    return lines[0][:200]


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def line(self) -> str:
        return f"{self.severity}: {self.focus} — {self.path}: {self.message}"


def validate_graph(data, shapes_path: str | Path = SHAPES_PATH,
                   ontology_path: str | Path = ONTOLOGY_PATH, inference: str = "none") -> list[Violation]:
    """Run pySHACL over an rdflib Graph with the shapes; the ontology is mixed in so that its
    rdfs:subClassOf axioms make org:Membership targets match edu:HoldsPostFact and the like."""
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(str(shapes_path), format="turtle")
    ontology = rdflib.Graph().parse(str(ontology_path), format="turtle")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference=inference,
                                    allow_warnings=True)
    return _violations(report, data)


def _violations(report, data) -> list[Violation]:
    sh = "http://www.w3.org/ns/shacl#"
    import rdflib

    SH = rdflib.Namespace(sh)
    found = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        found.append(Violation(
            focus=_describe(focus, data),
            path=_short(path) if path is not None else "(the node itself)",
            message=str(message) if message is not None else "does not conform",
            severity=_short(severity).removeprefix("sh:").lower() if severity is not None else "violation",
        ))
    return sorted(found, key=lambda v: (v.focus, v.path, v.message))


def _short(term) -> str:
    text = str(term)
    for prefix, ns in (*PREFIXES.items(), ("sh", "http://www.w3.org/ns/shacl#")):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


def _describe(node, data) -> str:
    """A focus node in plain words: its IRI and, when it has one, its label."""
    import rdflib

    label = data.value(node, rdflib.RDFS.label) if node is not None else None
    return f"{_short(node)} «{label}»" if label is not None else _short(node)


def validate_file(path: str | Path, inference: str = "none") -> list[Violation]:
    """Validate an RDF file against shapes.ttl; ValueError naming the file when it cannot be read."""
    return validate_graph(load_rdf(path), inference=inference)

