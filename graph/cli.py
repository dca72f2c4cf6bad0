"""The one command-line entry: ``edugraph SUBCOMMAND …``.

Each subcommand is a small function ``cmd_NAME(args) -> int`` registered in
:func:`build_parser`; the work itself lives in ``ingest/`` and ``graph/``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ingest.pipeline import DEFAULT_MAX_BYTES, extract_paths


def cmd_extract(args: argparse.Namespace) -> int:
    """Write one facts JSON per document (NAME.json for NAME.txt) into --out."""
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    done = failed = 0
    for result in extract_paths(args.paths, jobs=args.jobs, max_bytes=args.max_bytes):
        if result.error:
            failed += 1
            print(f"error: {result.error}", file=sys.stderr)
            continue
        facts = result.facts
        name = Path(facts.document.source).stem + ".json"
        target = out_dir / name
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(facts.to_json(with_text=not args.no_text), encoding="utf-8")
        tmp.replace(target)  # never a half-written facts file
        done += 1
        if not args.quiet:
            print(f"{facts.document.source} → {target}: {_summary(facts)}")
    print(f"extracted {done} document(s), {failed} failed")
    return 1 if failed else 0


def cmd_read(args: argparse.Namespace) -> int:
    """Read documents without extracting: what each file gives (or why it cannot be read)."""
    from ingest.readers import ReadError, iter_document_paths, read_document

    done = failed = 0
    for found in iter_document_paths(args.paths):
        try:
            if isinstance(found, ReadError):
                raise found
            document = read_document(found, max_bytes=args.max_bytes)
        except ReadError as exc:
            failed += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        done += 1
        if args.text:
            print(document.text, end="" if document.text.endswith("\n") else "\n")
        else:
            print(f"{document.source}: {document.format}, {len(document.text)} characters, "
                  f"{document.text.count(chr(10))} lines, id {document.id}")
    print(f"read {done} document(s), {failed} failed", file=sys.stderr if args.text else sys.stdout)
    return 1 if failed else 0


def _summary(facts) -> str:
    return (f"{facts.document.kind}, {len(facts.people)} people, {len(facts.organisations)} organisations, "
            f"{len(facts.events)} events, {len(facts.awards)} awards, {len(facts.groups)} groups")


# --- the store: stop, status, cypher, query ---

def _parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``key=value`` strings from -p options."""
    params: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"parameter {pair!r} is not key=value")
        params[key.strip()] = value
    return params


def _cypher_value(text: str) -> object:
    """A -p value of `edugraph cypher`: JSON when it parses (numbers, lists, true/false), else the string."""
    import json

    try:
        return json.loads(text)
    except ValueError:
        return text


def _run_store_command(args: argparse.Namespace, work) -> int:
    """Open the store, run ``work(store) -> int``, report a store error as one line."""
    from graph.store import StoreError, open_store

    try:
        with open_store(args.data_dir) as store:
            return work(store)
    except (StoreError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def cmd_cypher(args: argparse.Namespace) -> int:
    """Run any Cypher, read-only unless --write."""
    from graph.store.queries import render_result

    def work(store) -> int:
        params = {key: _cypher_value(value) for key, value in _parse_params(args.param).items()}
        print(render_result(store.query(args.query, params, write=args.write), args.format))
        return 0

    return _run_store_command(args, work)


def cmd_query(args: argparse.Namespace) -> int:
    """Run a named query of queries/ (or list them)."""
    from graph.store.queries import QueryDefinitionError, list_queries, render_result, run_named

    if args.list or not args.name:
        try:
            for query in list_queries():
                params = " ".join(f"-p {p.name}=<{p.type}>" if p.required else f"[-p {p.name}={p.default}]"
                                  for p in query.params)
                print(f"{query.name} {params}".rstrip())
                print(f"    {query.title}: {query.answers}")
        except QueryDefinitionError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0

    def work(store) -> int:
        print(render_result(run_named(store, args.name, _parse_params(args.param)), args.format))
        return 0

    try:
        return _run_store_command(args, work)
    except QueryDefinitionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def cmd_stop(args: argparse.Namespace) -> int:
    """Shut the embedded store of the data directory down."""
    from graph.store import StoreError
    from graph.store.config import ConfigError, load_config
    from graph.store.falkor import stop_server

    try:
        config = load_config(args.data_dir)
        if config.backend != "falkordb":
            print(f"the store is Neo4j at {config.neo4j_uri}: nothing to stop here")
            return 0
        stopped = stop_server(config.data_dir)
    except (ConfigError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"stopped the store in {config.data_dir}" if stopped else f"no store was running in {config.data_dir}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Backend, where it is, and what it holds (never starts a server)."""
    from graph.store import StoreError, StoreUnavailable, open_store

    try:
        with open_store(args.data_dir, start=False) as store:
            counts = store.counts()
            print(f"backend: {store.backend}")
            print(f"where: {store.describe()}")
            print(f"version: {store.version()}")
            for name, count in sorted(counts.items()):
                print(f"  {name}: {count}")
            if not counts:
                print("  (empty)")
    except StoreUnavailable as exc:
        print(f"not running: {exc}")
        return 1
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the whole store as RDF (turtle, ntriples, jsonld, xml), GraphML, GEXF or CSV."""
    import time

    from graph.export.rdf import ExportError, check_base, export_rdf
    from graph.export.tables import write_graph

    if args.what == "rdf":
        try:
            check_base(args.base)
        except ExportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

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

    return _run_store_command(args, work)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check an RDF export against shapes.ttl and print the violations in plain words."""
    from graph.export.rdf import validate_file

    try:
        violations = validate_file(args.file, inference=args.inference)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for violation in violations:
        print(violation.line())
    errors = sum(v.severity == "violation" for v in violations)
    print(f"{args.file}: {errors} violation(s), {len(violations) - errors} warning(s) or note(s)")
    return 1 if errors else 0


def _add_export_parsers(sub) -> None:
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
    _add_common(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("validate", help="check an RDF export against the SHACL shapes (shapes.ttl)")
    p.add_argument("file", help="an RDF file: .ttl, .nt, .jsonld or .rdf")
    p.add_argument("--inference", choices=("none", "rdfs"), default="none",
                   help="RDFS inference before validating (slower; the ontology's class hierarchy is used either way)")
    p.set_defaults(func=cmd_validate)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=None,
                        help="where the embedded store keeps its files (default: $EDUGRAPH_DATA or ./data)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edugraph", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract facts from documents into facts JSON files")
    p.add_argument("paths", nargs="+", help="files or folders (read recursively)")
    p.add_argument("--out", required=True, help="folder for the facts JSON files")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this")
    p.add_argument("--no-text", action="store_true", help="leave the document text out of the JSON")
    p.add_argument("--quiet", "-q", action="store_true")
    _add_common(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("read", help="read documents and show what each gives, without extracting facts")
    p.add_argument("paths", nargs="+", help="files or folders (read recursively)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this")
    p.add_argument("--text", action="store_true", help="print each document's text as the extraction sees it")
    p.set_defaults(func=cmd_read)

    formats = ("table", "csv", "json")
    p = sub.add_parser("cypher", help="run a Cypher query (read-only unless --write)")
    p.add_argument("query", help="the Cypher text")
    p.add_argument("--param", "-p", action="append", metavar="KEY=VALUE", help="a parameter (JSON or text)")
    p.add_argument("--format", "-f", choices=formats, default="table")
    p.add_argument("--write", action="store_true", help="allow the query to change the graph")
    _add_common(p)
    p.set_defaults(func=cmd_cypher)

    p = sub.add_parser("query", help="run a named query of queries/ (--list to see them)")
    p.add_argument("name", nargs="?", help="the query's name (its file name without .cypher)")
    p.add_argument("--param", "-p", action="append", metavar="KEY=VALUE", help="a parameter of the query")
    p.add_argument("--format", "-f", choices=formats, default="table")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")
    _add_common(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("stop", help="shut the embedded store down")
    _add_common(p)
    p.set_defaults(func=cmd_stop)

    p = sub.add_parser("status", help="which store, where, and how many nodes and relationships")
    _add_common(p)
    p.set_defaults(func=cmd_status)

    _add_export_parsers(sub)
    _add_loading_parsers(sub)
    _add_serve_parser(sub)

    return parser


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the dashboard (streamlit run app.py) until interrupted."""
    import os

    from graph.serve import serve_environment, streamlit_command

    command = streamlit_command(args.port, args.address, args.data_dir)
    print(f"edugraph dashboard: http://{args.address}:{args.port} (Ctrl+C stops it)", flush=True)
    # this process becomes Streamlit: a signal to it (Ctrl+C, kill) stops the server, no orphan left behind
    os.execve(command[0], command, serve_environment(args.data_dir))


def _add_serve_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the dashboard in the browser (Streamlit)")
    p.add_argument("--port", type=int, default=8501, help="port to listen on (default 8501)")
    p.add_argument("--address", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    _add_common(p)
    p.set_defaults(func=cmd_serve)


# --- loading and entity resolution: ingest, remove, candidates, merge, split, judgements, undo ---

def cmd_ingest(args: argparse.Namespace) -> int:
    """Read, extract and load documents (facts JSON files are loaded as they are)."""
    from tqdm import tqdm

    from graph.load.judgements import JudgementError, read_judgements, redirect_for
    from graph.load.loader import StoreInterrupted, items_from_paths, load_documents

    def work(store) -> int:
        try:
            redirect = redirect_for(read_judgements(store_data_dir(args)))
        except JudgementError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        store.ensure_schema()
        total, items = items_from_paths(args.paths, jobs=args.jobs, max_bytes=args.max_bytes)
        with tqdm(total=total, unit="doc", file=sys.stderr, disable=args.quiet or None) as bar:
            def progress(outcome) -> None:
                bar.update(1)
                if outcome.status == "failed":
                    bar.write(f"error: {outcome.reason}", file=sys.stderr)
            interrupted = False
            try:
                summary = load_documents(store, items, progress, redirect)
            except StoreInterrupted as exc:
                summary, interrupted = exc.summary, True
                bar.write(f"error: the store went away: {exc}; documents loaded before are complete",
                          file=sys.stderr)
        for line in summary.lines()[:2]:
            print(line)
        if not interrupted:
            # the dashboard's snapshot of this version, so that its first view does not read the whole graph
            from graph.analysis.views import cached_snapshot

            cached_snapshot(store, store_data_dir(args))
        return 1 if summary.failed or interrupted else 0

    return _run_store_command(args, work)


def store_data_dir(args: argparse.Namespace) -> Path:
    from graph.store.config import resolve_data_dir

    return resolve_data_dir(args.data_dir)


def cmd_remove(args: argparse.Namespace) -> int:
    """Take documents (ids or source paths) out: what only they state goes, the rest loses their sources."""
    from graph.load.loader import loaded_documents, removal_statements

    def work(store) -> int:
        known = loaded_documents(store)
        by_source = {source: doc_id for doc_id, (source, _digest) in known.items()}
        doc_ids, missing = [], []
        for given in args.docs:
            found = given if given in known else by_source.get(str(Path(given).resolve()))
            (doc_ids.append(found) if found else missing.append(given))
        for given in missing:
            print(f"error: {given}: no such document in the store (give its id or its source path)", file=sys.stderr)
        if doc_ids:
            store.write_atomic(removal_statements(store, doc_ids))
            print(f"removed {len(doc_ids)} document(s): {', '.join(doc_ids)}")
        return 1 if missing else 0

    return _run_store_command(args, work)


def cmd_candidates(args: argparse.Namespace) -> int:
    """Pairs of nodes that may be one entity, with the evidence for and against."""
    import json

    from graph.load.judgements import find_candidates

    def work(store) -> int:
        found = find_candidates(store, args.label)[: args.limit]
        if args.format == "json":
            print(json.dumps([c.__dict__ for c in found], ensure_ascii=False, indent=1))
            return 0
        for c in found:
            print(f"{c.score:+.2f} {c.label}: {c.a} «{c.a_name}» ~ {c.b} «{c.b_name}»")
            print(f"      for: {'; '.join(c.pro)}" + (f"\n      against: {'; '.join(c.con)}" if c.con else ""))
        print(f"{len(found)} candidate(s); `edugraph merge KEEP DROP` to merge a pair")
        return 0

    return _run_store_command(args, work)


def _judgement_command(args: argparse.Namespace, act) -> int:
    from graph.load.judgements import JudgementError, describe

    def work(store) -> int:
        try:
            judgement, reloaded = act(store, store_data_dir(args))
        except JudgementError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"{describe(0, judgement)[3:]}; {reloaded} document(s) reloaded")
        return 0

    return _run_store_command(args, work)


def cmd_merge(args: argparse.Namespace) -> int:
    """Record that two nodes are one entity (DROP into KEEP); kept across re-ingests, undoable."""
    from graph.load.judgements import merge

    return _judgement_command(args, lambda store, data_dir: merge(store, data_dir, args.keep, args.drop, args.note))


def cmd_split(args: argparse.Namespace) -> int:
    """Record that some mentions of a node (by document or by written name) are another entity."""
    from graph.load.judgements import split

    return _judgement_command(
        args, lambda store, data_dir: split(store, data_dir, args.id, args.doc or [], args.name or [], args.note))


def cmd_undo(args: argparse.Namespace) -> int:
    """Take back a judgement (the last one, or number N of `edugraph judgements`)."""
    from graph.load.judgements import undo

    return _judgement_command(args, lambda store, data_dir: undo(store, data_dir, args.number))


def cmd_judgements(args: argparse.Namespace) -> int:
    """List the merge and split judgements in the order they were made."""
    from graph.load.judgements import JudgementError, describe, read_judgements

    try:
        items = read_judgements(store_data_dir(args))
    except JudgementError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for number, judgement in enumerate(items, 1):
        print(describe(number, judgement))
    print(f"{len(items)} judgement(s)")
    return 0


def _add_loading_parsers(sub) -> None:
    p = sub.add_parser("ingest", help="read, extract and load documents into the graph (facts JSON files as they are)")
    p.add_argument("paths", nargs="+", help="documents, facts JSON files or folders (read recursively)")
    p.add_argument("--jobs", "-j", type=int, default=1, help="extraction worker processes")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    _add_common(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("remove", help="take documents out of the graph (what only they state goes)")
    p.add_argument("docs", nargs="+", help="document ids or source paths")
    _add_common(p)
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("candidates", help="pairs that may be one entity, with the evidence for and against")
    p.add_argument("--label", choices=("Person", "Organization"), help="only people or only organisations")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", "-f", choices=("table", "json"), default="table")
    _add_common(p)
    p.set_defaults(func=cmd_candidates)

    p = sub.add_parser("merge", help="record that two nodes are one entity (kept across re-ingests)")
    p.add_argument("keep", help="the id of the node that stays")
    p.add_argument("drop", help="the id of the node merged into it")
    p.add_argument("--note", default="", help="why (kept with the judgement)")
    _add_common(p)
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("split", help="record that some mentions of a node are another entity")
    p.add_argument("id", help="the id of the node to split")
    p.add_argument("--doc", action="append", help="a document whose mentions go to the new node")
    p.add_argument("--name", action="append", help="a written name whose mentions go to the new node")
    p.add_argument("--note", default="", help="why (kept with the judgement)")
    _add_common(p)
    p.set_defaults(func=cmd_split)

    p = sub.add_parser("judgements", help="list the merge and split judgements")
    _add_common(p)
    p.set_defaults(func=cmd_judgements)

    p = sub.add_parser("undo", help="take back a merge or split judgement (the last one by default)")
    p.add_argument("number", nargs="?", type=int, help="its number in `edugraph judgements`")
    _add_common(p)
    p.set_defaults(func=cmd_undo)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # «edugraph query … | head»: the reader has gone, which is no error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
