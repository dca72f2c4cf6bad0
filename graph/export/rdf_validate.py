"""Reading an RDF file back and validating it against shapes.ttl (SHACL), violations in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.export.rdf_terms import PREFIXES
from graph.resources import ontology_path, shapes_path

ONTOLOGY_PATH = ontology_path()


SHAPES_PATH = shapes_path()


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
