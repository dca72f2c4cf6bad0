"""The read-only console and the named queries within limits (issue 11, items 6 and 7): a runaway query is ended
by the store at its time or memory limit, in plain words, and the store answers at once after; queries that
reach out of the store (LOAD CSV, APOC load/import, dbms procedures) and huge range() lists are refused before
they are sent."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from store_graph import store_per_backend

from graph.cli import main as cli_main
from graph.store import QueryLimitExceeded, QueryLimits, QueryRefused
from graph.store.config import ConfigError, load_config
from graph.store.falkor import stop_server
from graph.store.guard import check_console_query
from graph.store.queries import run_named

store = store_per_backend("limits")

# 3,000 nodes: 2.7e10 rows, hours of work (the condition keeps Neo4j from counting from its statistics)
CROSS = "MATCH (a),(b),(c) WHERE a.n + b.n + c.n < 0 RETURN count(*)"


@pytest.fixture(scope="module")
def many(store):
    store.clear()
    store.query("UNWIND range(1, 3000) AS i CREATE (:Filler {n: i})", write=True)
    yield store
    store.clear()


@pytest.fixture
def short_limits(many):
    saved = many.limits
    many.limits = QueryLimits(timeout_s=1.0, memory_mb=saved.memory_mb)
    yield many
    many.limits = saved


def test_a_runaway_query_is_ended_at_the_time_limit(short_limits):
    started = time.monotonic()
    with pytest.raises(QueryLimitExceeded, match="longer than the limit of 1 s") as caught:
        short_limits.console_query(CROSS)
    assert caught.value.kind == "time" and time.monotonic() - started < 5
    after = time.monotonic()
    assert short_limits.query("RETURN 1").rows == [[1]] and time.monotonic() - after < 0.5


def test_two_runaway_queries_do_not_keep_a_write_waiting(short_limits):
    errors: list[Exception] = []

    def runaway() -> None:
        try:
            short_limits.console_query(CROSS)
        except QueryLimitExceeded as exc:
            errors.append(exc)

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    short_limits.query("CREATE (:Filler {n: 0})", write=True)
    assert time.monotonic() - started < 3  # at most the limit and a little
    for thread in threads:
        thread.join(10)
    assert len(errors) == 2
    short_limits.query("MATCH (f:Filler {n: 0}) DELETE f", write=True)


def test_the_memory_cap_ends_a_query_that_builds_a_huge_list(many):
    """FalkorDB's cap is the client's setting; Neo4j's is its server's db.memory.transaction.max, which the
    project's launcher sets to half the heap (the test run's: 384 MB), before the JVM itself runs out."""
    saved = many.limits
    if many.backend == "falkordb":
        many.set_limits(QueryLimits(timeout_s=30, memory_mb=32))
    huge = "UNWIND range(1, 9000000) AS x WITH collect(toString(x) + '-a-string-of-some-length') AS xs RETURN size(xs)"
    try:
        with pytest.raises(QueryLimitExceeded, match="more memory than the limit of") as caught:
            many.console_query(huge)
        assert caught.value.kind == "memory"
        assert many.query("RETURN 1").rows == [[1]]
    finally:
        if many.backend == "falkordb":
            many.set_limits(saved)


def test_named_queries_run_within_the_limits(short_limits):
    assert run_named(short_limits, "groups_and_members").rows == []  # no groups among the fillers
    short_limits.limits = QueryLimits(timeout_s=0.001, memory_mb=1024)
    with pytest.raises(QueryLimitExceeded):
        short_limits.console_query(CROSS)


@pytest.mark.parametrize("cypher", [
    "LOAD CSV FROM 'https://example.org/x.csv' AS row RETURN row",
    "load  csv WITH HEADERS FROM 'file:///etc/passwd' AS row RETURN row",
    "MATCH (n) WITH n LIMIT 1\nLOAD CSV FROM 'https://example.org/' + n.id AS row RETURN row",
    "CALL apoc.load.json('https://example.org/x.json') YIELD value RETURN value",
    "CALL apoc.import.csv([], [], {})",
    "CALL dbms.listConfig() YIELD name RETURN name",
    "UNWIND range(1, 100000000000) AS x RETURN count(x)",
    "WITH 100000 AS k UNWIND range(1, k * k) AS x RETURN count(x)",
])
def test_outbound_and_huge_queries_are_refused(cypher):
    with pytest.raises(QueryRefused, match="^refused: .*nothing was run$"):
        check_console_query(cypher)


@pytest.mark.parametrize("cypher", [
    "RETURN 'LOAD CSV FROM https://example.org' AS text",  # the words inside a string are no clause
    "// LOAD CSV is refused\nRETURN range(0, size([1, 2, 3]) - 1) AS r",
    "MATCH (n) WHERE n.name CONTAINS 'dbms.' RETURN n LIMIT 1",
])
def test_ordinary_queries_pass(cypher):
    check_console_query(cypher)


def test_the_cli_console_refuses_load_csv_without_reaching_out(tmp_path, capsys, monkeypatch):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    monkeypatch.delenv("NEO4J_URI", raising=False)
    try:
        code = cli_main(["cypher", "--data-dir", str(tmp_path),
                         f"LOAD CSV FROM 'http://127.0.0.1:{port}/x' AS r RETURN r"])
    finally:
        stop_server(tmp_path)
    assert code != 0 and "refused: the console does not run LOAD CSV" in capsys.readouterr().err
    with pytest.raises(TimeoutError):  # no connection came
        listener.accept()
    listener.close()


def test_limits_come_from_the_config_file(tmp_path):
    assert load_config(tmp_path).query_timeout_s == 30 and load_config(tmp_path).query_memory_mb == 1024
    (tmp_path / "edugraph.toml").write_text("[limits]\nquery_timeout_s = 5\nquery_memory_mb = 200\n")
    config = load_config(tmp_path)
    assert (config.query_timeout_s, config.query_memory_mb) == (5, 200)
    (tmp_path / "edugraph.toml").write_text("[limits]\nquery_timeout_s = -1\n")
    with pytest.raises(ConfigError, match="query_timeout_s must be a positive number"):
        load_config(tmp_path)
