"""The RDF terms of an export: namespaces, IRIs of the graph's entities, facts, annotations and concepts,
and literals in their N-Triples form (which is also valid Turtle).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ingest.vocabulary import CLOSED_VOCABULARIES

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

# closed vocabularies: their concepts are declared in ontology.ttl as edu:<Scheme>_<value>;
# any other value becomes a concept of the data, under <base>concept/<scheme>/
CLOSED_SCHEMES: dict[str, tuple[str, ...]] = {v.scheme: v.codes for v in CLOSED_VOCABULARIES}


class ExportError(ValueError):
    """A user error in an export request (bad base IRI, bad format)."""


def prefixed_iri(prefixed: str) -> str:
    """The full IRI of a prefixed name such as ``edu:School``."""
    prefix, _, local = prefixed.partition(":")
    return PREFIXES[prefix] + local


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


XSD = PREFIXES["xsd"]


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
        return lit(value.isoformat(), datatype=XSD + "dateTime")
    if isinstance(value, dt.date):
        return lit(value.isoformat(), datatype=XSD + "date")
    if isinstance(value, bool):
        return lit("true" if value else "false", datatype=XSD + "boolean")
    if isinstance(value, int):
        return lit(str(value), datatype=XSD + "integer")
    if isinstance(value, float):
        return lit(repr(value), datatype=XSD + "double")
    return lit(str(value))


def date_literal(value: Any) -> str:
    """An ISO date as xsd:date; anything else stays a plain string (and SHACL reports it)."""
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    if _ISO_DATE.fullmatch(text):
        return lit(text, datatype=XSD + "date")
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
