"""The one command-line entry: ``edugraph SUBCOMMAND …``.

Each subcommand is a small function ``cmd_NAME(args) -> int`` registered in
:func:`build_parser`; the work itself lives in ``ingest/`` and ``graph/``.
"""

from __future__ import annotations

import argparse
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


def _summary(facts) -> str:
    return (f"{facts.document.kind}, {len(facts.people)} people, {len(facts.organisations)} organisations, "
            f"{len(facts.events)} events, {len(facts.awards)} awards, {len(facts.groups)} groups")


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

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
