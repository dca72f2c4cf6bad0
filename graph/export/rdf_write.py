"""Writing an export: streaming N-Triples and Turtle, JSON-LD and RDF/XML through rdflib.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from graph.export.rdf_mapping import RDF_TYPE, Block, emitted_vocabulary, iter_blocks
from graph.export.rdf_terms import (
    CLOSED_SCHEMES,
    DEFAULT_BASE,
    ONTOLOGY_NS,
    PREFIXES,
    XSD,
    ExportError,
    check_base,
    iri,
    prefixed_iri,
)
from graph.model import (
    OPEN_SCHEMES,
)

RDF_FORMATS = ("turtle", "ntriples", "jsonld", "xml")


STREAMED_FORMATS = ("turtle", "ntriples")


_RDFLIB_FORMAT = {"jsonld": "json-ld", "xml": "xml"}


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
    extra = {prefixed_iri("oa:describing")} | {prefixed_iri(f"edu:{s}Scheme") for s in (*CLOSED_SCHEMES, *OPEN_SCHEMES)}
    extra |= {f"{ONTOLOGY_NS}{s}_{v}" for s, values in CLOSED_SCHEMES.items() for v in values}
    for full in predicates | classes | extra:
        for prefix, ns in PREFIXES.items():
            local = full[len(ns):]
            if full.startswith(ns) and _PN_LOCAL.fullmatch(local):
                names[iri(full)] = f"{prefix}:{local}"
                break
    names[RDF_TYPE] = "a"
    return names


def _turtle_term(term: str, names: dict[str, str]) -> str:
    if term[0] == "<":
        return names.get(term, term)
    if term.endswith(">") and f"^^<{XSD}" in term:  # a typed literal: compact its datatype
        body, _, datatype = term.rpartition("^^<")
        return f"{body}^^xsd:{datatype[len(XSD):-1]}"
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
