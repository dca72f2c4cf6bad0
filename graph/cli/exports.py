"""The graph out: ``export`` (RDF, GraphML, GEXF, CSV) and ``validate``."""

from __future__ import annotations

import argparse
import sys
import time

from graph.cli.common import add_data_dir, with_store


def cmd_export(args: argparse.Namespace) -> int:
    """Write the whole store as RDF (turtle, ntriples, jsonld, xml), GraphML, GEXF or CSV."""
    from graph.export.rdf import check_base, export_rdf
    from graph.export.tables import write_graph

    if args.what == "rdf":
        check_base(args.base)

    def work(store) -> int:
        began = time.perf_counter()
        try:
            if args.what == "rdf":
                count = export_rdf(store.iter_nodes(), store.iter_relationships(), args.out, args.format, args.base)
                what = f"{count} triples ({args.format})"
            else:
                nodes, rels = write_graph(store.iter_nodes(), store.iter_relationships(), args.what, args.out,
                                          with_text=args.with_text)
                what = f"{nodes} nodes and {rels} relationships ({args.what})"
        except OSError as exc:
            print(f"error: {args.out}: cannot write ({exc.strerror or exc})", file=sys.stderr)
            return 2
        print(f"wrote {what} to {args.out} in {time.perf_counter() - began:.1f} s")
        return 0

    return with_store(args, work)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check an RDF export against shapes.ttl and print the violations in plain words."""
    from graph.export.rdf import validate_file

    violations = validate_file(args.file, inference=args.inference)
    for violation in violations:
        print(violation.line())
    errors = sum(v.severity == "violation" for v in violations)
    print(f"{args.file}: {errors} violation(s), {len(violations) - errors} warning(s) or note(s)")
    return 1 if errors else 0


def register(sub) -> None:
    from graph.export.rdf import DEFAULT_BASE, RDF_FORMATS

    p = sub.add_parser("export", help="write the whole store as RDF, GraphML, GEXF or CSV",
                       description="Write the whole store. RDF: N-Triples and Turtle are streamed (memory stays "
                                   "flat as the graph grows); JSON-LD and RDF/XML are built in memory with rdflib "
                                   "first. GraphML/GEXF (for Gephi) are built in memory with networkx; CSV "
                                   "(nodes.csv and relationships.csv in the --out folder) is streamed.")
    p.add_argument("what", choices=("rdf", "graphml", "gexf", "csv"), help="what to write")
    p.add_argument("--out", "-o", required=True, help="the file to write (csv: a folder)")
    p.add_argument("--format", "-f", choices=RDF_FORMATS, default="turtle", help="RDF syntax (rdf only)")
    p.add_argument("--base", default=DEFAULT_BASE,
                   help=f"base IRI of the data's IRIs, ending in / or # (rdf only; default {DEFAULT_BASE})")
    p.add_argument("--with-text", action="store_true",
                   help="graphml/gexf/csv: include documents' full text (RDF always includes it)")
    add_data_dir(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("validate", help="check an RDF export against the SHACL shapes (shapes.ttl)")
    p.add_argument("file", help="an RDF file: .ttl, .nt, .jsonld or .rdf")
    p.add_argument("--inference", choices=("none", "rdfs"), default="none",
                   help="RDFS inference before validating (slower; the ontology's class hierarchy is used either way)")
    p.set_defaults(func=cmd_validate)
