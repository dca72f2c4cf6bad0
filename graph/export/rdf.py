"""The graph as RDF described by ontology.ttl: the public entry of the export.

The mapping is graph/export/rdf_mapping.py (read from graph/model.py), the terms rdf_terms.py, the writers
(streaming N-Triples and Turtle, JSON-LD and RDF/XML through rdflib) rdf_write.py, and reading back and SHACL
validation rdf_validate.py.
"""

from graph.export.rdf_terms import DEFAULT_BASE, ExportError, check_base
from graph.export.rdf_validate import Violation, validate_file, validate_graph
from graph.export.rdf_write import RDF_FORMATS, export_rdf

__all__ = ["DEFAULT_BASE", "RDF_FORMATS", "ExportError", "Violation", "check_base", "export_rdf", "validate_file",
           "validate_graph"]
