"""Runaway console queries, measured (issue 11, items 6 and 7): each is ended by its limit within the limit's
time and the store answers ``RETURN 1`` at once after.

    .venv/bin/python bench/limits.py [--timeout 5] [--memory-mb 256] [--nodes 3000]

A scratch FalkorDB in a temporary data directory (or the Neo4j of NEO4J_URI with --backend neo4j: it is
cleared!) holding ``--nodes`` nodes; the console's limits are the arguments ([limits] of edugraph.toml).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.store import QueryError, QueryLimits, open_store  # noqa: E402

CASES = [
    ("cross product", "MATCH (a),(b),(c) RETURN count(*)"),
    ("huge range", "UNWIND range(1,100000000000) AS x RETURN count(x)"),
    ("computed range", "WITH 100000 AS k UNWIND range(1, k * k) AS x RETURN count(x)"),
    ("huge list", "UNWIND range(1, 9000000) AS x WITH collect(x) AS xs UNWIND xs AS y WITH collect(y) AS ys "
                  "RETURN size(ys)"),
    ("LOAD CSV", "LOAD CSV FROM 'https://example.org/x.csv' AS row RETURN row"),
]


def run_case(store, cypher: str) -> tuple[str, float]:
    started = time.perf_counter()
    try:
        store.console_query(cypher)
        outcome = "ran to the end"
    except QueryError as exc:
        outcome = type(exc).__name__ + ": " + str(exc)
    return outcome, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--memory-mb", type=int, default=256)
    parser.add_argument("--nodes", type=int, default=3000)
    parser.add_argument("--backend", choices=("falkordb", "neo4j"), default="falkordb")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="edugraph-limits-"))
    if args.backend == "falkordb":
        os.environ.pop("NEO4J_URI", None)  # the scratch embedded store even where Neo4j is configured
    store = open_store(data_dir)
    limits = QueryLimits(args.timeout, args.memory_mb)
    if hasattr(store, "set_limits"):
        store.set_limits(limits)
    else:
        store.limits = limits
    try:
        store.clear()
        store.query(f"UNWIND range(1, {args.nodes}) AS i CREATE (:Filler {{n: i}})", write=True)
        print(f"{store.describe()}; {args.nodes} nodes; limits {args.timeout:g} s, {args.memory_mb} MB")
        for name, cypher in CASES:
            outcome, seconds = run_case(store, cypher)
            after = time.perf_counter()
            store.query("RETURN 1")
            ping_ms = (time.perf_counter() - after) * 1000
            verdict = "ok" if seconds <= args.timeout + 1 and ping_ms < 100 and "ran to the end" not in outcome \
                else "OVER"
            print(f"{name:15} {seconds:6.2f} s  RETURN 1 after: {ping_ms:5.1f} ms  [{verdict}]  {outcome[:150]}")
        store.clear()
    finally:
        store.close()
        if args.backend == "falkordb":
            from graph.store.falkor import stop_server

            stop_server(data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
