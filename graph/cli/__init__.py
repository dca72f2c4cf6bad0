"""The one command-line entry: ``edugraph SUBCOMMAND …``, the wiring above ``ingest/`` and ``graph/``.

Each module of this package registers a group of subcommands (``register(sub)``); each subcommand is a
small function ``cmd_NAME(args) -> int``. Errors are mapped to exit codes here, in one place: a
failure the user must fix (a store that cannot be reached, a bad configuration, parameter or file)
is one line ``error: …`` and exit status 2; a partial failure (some documents failed) is 1.
"""

from __future__ import annotations

import argparse
import os
import sys

from graph.cli import documents, exports, neo4j, resolution, serving, store, users

GROUPS = (documents, store, neo4j, exports, resolution, serving, users)


def user_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean «the input or the environment is wrong», reported as one line."""
    from graph.accounts import AccountError
    from graph.export.rdf import ExportError
    from graph.load.judgements import JudgementError
    from graph.serve import ServeRefused
    from graph.store import StoreError
    from graph.store.config import ConfigError
    from graph.store.queries import QueryDefinitionError

    return (StoreError, ConfigError, JudgementError, QueryDefinitionError, ExportError, AccountError, ServeRefused,
            ValueError)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edugraph", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return parser


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
    except user_errors() as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
