"""The store: ``cypher``, ``query``, ``status`` and ``stop``."""

from __future__ import annotations

import argparse
import json

from graph.cli.common import add_data_dir, parse_params, with_store

FORMATS = ("table", "csv", "json")


def _cypher_value(text: str) -> object:
    """A -p value of `edugraph cypher`: JSON when it parses (numbers, lists, true/false), else the string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def cmd_cypher(args: argparse.Namespace) -> int:
    """Run any Cypher, read-only unless --write."""
    from graph.store.queries import render_result

    def work(store) -> int:
        params = {key: _cypher_value(value) for key, value in parse_params(args.param).items()}
        result = store.query(args.query, params, write=True) if args.write else store.console_query(args.query, params)
        print(render_result(result, args.format))
        return 0

    return with_store(args, work)


def cmd_query(args: argparse.Namespace) -> int:
    """Run a named query of queries/ (or list them)."""
    from graph.store.queries import list_queries, render_result, run_named

    if args.list or not args.name:
        for query in list_queries():
            params = " ".join(f"-p {p.name}=<{p.type}>" if p.required else f"[-p {p.name}={p.default}]"
                              for p in query.params)
            print(f"{query.name} {params}".rstrip())
            print(f"    {query.title}: {query.answers}")
        return 0

    def work(store) -> int:
        print(render_result(run_named(store, args.name, parse_params(args.param)), args.format))
        return 0

    return with_store(args, work)


def cmd_stop(args: argparse.Namespace) -> int:
    """Shut the embedded store of the data directory down."""
    from graph.store.config import load_config
    from graph.store.falkor import stop_server

    config = load_config(args.data_dir)
    if config.backend != "falkordb":
        print(f"the store is Neo4j at {config.neo4j_uri}: nothing to stop here")
        return 0
    stopped = stop_server(config.data_dir)
    print(f"stopped the store in {config.data_dir}" if stopped else f"no store was running in {config.data_dir}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Backend, where it is, and what it holds (never starts a server)."""
    from graph.store import StoreUnavailable, open_store

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
    return 0


def register(sub) -> None:
    p = sub.add_parser("cypher", help="run a Cypher query (read-only unless --write)")
    p.add_argument("query", help="the Cypher text")
    p.add_argument("--param", "-p", action="append", metavar="KEY=VALUE", help="a parameter (JSON or text)")
    p.add_argument("--format", "-f", choices=FORMATS, default="table")
    p.add_argument("--write", action="store_true", help="allow the query to change the graph")
    add_data_dir(p)
    p.set_defaults(func=cmd_cypher)

    p = sub.add_parser("query", help="run a named query of queries/ (--list to see them)")
    p.add_argument("name", nargs="?", help="the query's name (its file name without .cypher)")
    p.add_argument("--param", "-p", action="append", metavar="KEY=VALUE", help="a parameter of the query")
    p.add_argument("--format", "-f", choices=FORMATS, default="table")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")
    add_data_dir(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("stop", help="shut the embedded store down")
    add_data_dir(p)
    p.set_defaults(func=cmd_stop)

    p = sub.add_parser("status", help="which store, where, and how many nodes and relationships")
    add_data_dir(p)
    p.set_defaults(func=cmd_status)
