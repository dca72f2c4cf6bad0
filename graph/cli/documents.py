"""Documents in: ``read``, ``extract``, ``ingest`` and ``remove``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli.common import add_data_dir, data_dir, with_store
from ingest.pipeline import DEFAULT_MAX_BYTES, extract_paths
from ingest.readers import path_text


def cmd_extract(args: argparse.Namespace) -> int:
    """Write one facts JSON per document (NAME.json for NAME.txt) into --out."""
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    done = failed = 0
    for outcome in extract_paths(args.paths, jobs=args.jobs, max_bytes=args.max_bytes):
        if outcome.failed:
            failed += 1
            print(f"error: {outcome.reason}", file=sys.stderr)
            continue
        facts = outcome.facts
        name = Path(facts.document.source).stem + ".json"
        target = out_dir / name
        tmp = target.with_suffix(".json.tmp")
        try:
            tmp.write_text(facts.to_json(with_text=not args.no_text), encoding="utf-8")
            tmp.replace(target)  # never a half-written facts file
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            failed += 1
            print(f"error: {path_text(target)}: cannot write ({exc.strerror or exc})", file=sys.stderr)
            continue
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


def cmd_ingest(args: argparse.Namespace) -> int:
    """Read, extract and load documents (facts JSON files are loaded as they are)."""
    from tqdm import tqdm

    from graph.load.judgements import read_judgements, redirect_for
    from graph.load.loader import StoreInterrupted, load_documents
    from ingest.pipeline import outcomes_from_paths

    redirect = redirect_for(read_judgements(data_dir(args)))

    def work(store) -> int:
        store.ensure_schema()
        total, outcomes = outcomes_from_paths(args.paths, jobs=args.jobs, max_bytes=args.max_bytes)
        with tqdm(total=total, unit="doc", file=sys.stderr, disable=args.quiet or None) as bar:
            def progress(outcome) -> None:
                bar.update(1)
                if outcome.status == "failed":
                    bar.write(f"error: {outcome.reason}", file=sys.stderr)
            interrupted = False
            try:
                summary = load_documents(store, outcomes, progress, redirect)
            except StoreInterrupted as exc:
                summary, interrupted = exc.summary, True
                bar.write(f"error: the store went away: {exc}; documents loaded before are complete",
                          file=sys.stderr)
        for line in summary.lines()[:2]:
            print(line)
        if not interrupted:
            # the dashboard's snapshot of this version, so that its first view does not read the whole graph
            from graph.analysis.views import cached_snapshot

            cached_snapshot(store, data_dir(args))
        return 1 if summary.failed or interrupted else 0

    return with_store(args, work)


def cmd_remove(args: argparse.Namespace) -> int:
    """Take documents (ids or source paths) out: what only they state goes, the rest loses their sources."""
    from graph.load.loader import loaded_documents
    from graph.load.statements import removal_statements

    def work(store) -> int:
        known = loaded_documents(store)
        by_source = {source: doc_id for doc_id, (source, _digest) in known.items()}
        doc_ids, missing = [], []
        for given in args.docs:
            found = given if given in known else by_source.get(path_text(Path(given).resolve()))
            (doc_ids.append(found) if found else missing.append(given))
        for given in missing:
            print(f"error: {given}: no such document in the store (give its id or its source path)", file=sys.stderr)
        if doc_ids:
            store.write_atomic(removal_statements(store, doc_ids))
            print(f"removed {len(doc_ids)} document(s): {', '.join(doc_ids)}")
        return 1 if missing else 0

    return with_store(args, work)


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract facts from documents into facts JSON files")
    p.add_argument("paths", nargs="+", help="files or folders (read recursively)")
    p.add_argument("--out", required=True, help="folder for the facts JSON files")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this")
    p.add_argument("--no-text", action="store_true", help="leave the document text out of the JSON")
    p.add_argument("--quiet", "-q", action="store_true")
    add_data_dir(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("read", help="read documents and show what each gives, without extracting facts")
    p.add_argument("paths", nargs="+", help="files or folders (read recursively)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this")
    p.add_argument("--text", action="store_true", help="print each document's text as the extraction sees it")
    p.set_defaults(func=cmd_read)

    p = sub.add_parser("ingest", help="read, extract and load documents into the graph (facts JSON files as they are)")
    p.add_argument("paths", nargs="+", help="documents, facts JSON files or folders (read recursively)")
    p.add_argument("--jobs", "-j", type=int, default=1, help="extraction worker processes")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    add_data_dir(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("remove", help="take documents out of the graph (what only they state goes)")
    p.add_argument("docs", nargs="+", help="document ids or source paths")
    add_data_dir(p)
    p.set_defaults(func=cmd_remove)
