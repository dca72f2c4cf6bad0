"""The project's own Neo4j: ``edugraph neo4j start|stop|status``."""

from __future__ import annotations

import argparse

from graph.cli.common import add_data_dir, data_dir


def cmd_neo4j(args: argparse.Namespace) -> int:
    """Start, stop or report the Neo4j server of a data dir."""
    from graph.store import neo4j_server

    root = data_dir(args)
    if args.action == "start":
        state = neo4j_server.start(root, port=args.port, heap=args.heap, pagecache=args.pagecache)
        print(f"Neo4j of {root} answers at {state.uri} (pid {state.pid}); {root}/edugraph.toml uses it")
        return 0
    if args.action == "stop":
        stopped = neo4j_server.stop(root)
        print(f"stopped the Neo4j of {root}" if stopped else f"no Neo4j was running for {root}")
        return 0
    state = neo4j_server.status(root)
    print(f"running at {state.uri} (pid {state.pid})" if state.running else f"not running ({root})")
    return 0 if state.running else 3


def register(sub: argparse._SubParsersAction) -> None:
    from graph.store import neo4j_server

    parser = sub.add_parser("neo4j", help="start, stop or report the project's own Neo4j of a data dir")
    parser.add_argument("action", choices=("start", "stop", "status"))
    add_data_dir(parser)
    parser.add_argument("--port", type=int, default=neo4j_server.DEFAULT_PORT, help="Bolt port on 127.0.0.1")
    parser.add_argument("--heap", default=neo4j_server.DEFAULT_HEAP, help="JVM heap, e.g. 512m or 2g")
    parser.add_argument("--pagecache", default=neo4j_server.DEFAULT_PAGECACHE, help="page cache, e.g. 256m")
    parser.set_defaults(func=cmd_neo4j)
