"""The production store: a Neo4j 5 server through the official ``neo4j`` driver.

Chosen by ``NEO4J_URI`` (+ ``NEO4J_USER``, ``NEO4J_PASSWORD``, optional
``NEO4J_DATABASE``) or DATA_DIR/edugraph.toml (see graph/config.py).  Reads run
in READ access-mode transactions, so the server itself refuses a write;
:meth:`Neo4jStore.write_atomic` is one write transaction.  The graph's version
is a counter on one ``:EdugraphMeta`` node, bumped in the same transaction as
every write; that node is left out of :meth:`counts` and :meth:`iter_nodes`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from graph.store import (
    DEFAULT_LIMITS,
    QueryError,
    QueryLimitExceeded,
    QueryLimits,
    QueryResult,
    ReadOnlyQuery,
    Store,
    StoreUnavailable,
    WriteFailed,
    fulltext_labels,
    indexed_labels,
    leaves,
    plain_stats,
)
from graph.store.config import StoreConfig
from graph.store.cypher_text import missing_params
from graph.store.search import search_text

META_LABEL = "EdugraphMeta"
BUMP_VERSION = f"MERGE (m:{META_LABEL} {{id: 'meta'}}) SET m.version = coalesce(m.version, 0) + 1"
FULLTEXT_INDEX = "edugraph_search"  # queries/backends/neo4j/search_by_name.cypher
CLEAR_BATCH = 10_000


def query_error(exc: Exception, limits: QueryLimits = DEFAULT_LIMITS) -> QueryError:
    """The one-line error of a query Neo4j refused (or ended at one of ``limits``)."""
    code = getattr(exc, "code", "") or ""
    if "TransactionTimedOut" in code:
        return QueryLimitExceeded(limits.time_message(), "time")
    if "MemoryPoolOutOfMemory" in code:  # the server's db.memory.transaction.max
        return QueryLimitExceeded(limits.memory_message(), "memory")
    message = (getattr(exc, "message", None) or str(exc)).strip()
    first_line = message.splitlines()[0] if message else type(exc).__name__
    if code.endswith("Statement.AccessMode") or isinstance(exc, neo4j_errors.ForbiddenOnReadOnlyDatabase):
        return ReadOnlyQuery("the query writes to the graph but was run read-only; nothing was changed")
    if isinstance(exc, neo4j_errors.CypherSyntaxError):
        return QueryError(f"syntax error: {first_line}")
    return QueryError(first_line)


def _check_params(number: int, cypher: str, params: dict) -> None:
    """A missing parameter named the way FalkorDB's store names it, before the block's transaction."""
    missing = missing_params(cypher, params)
    if missing:
        raise WriteFailed(f"statement {number}: missing parameter(s) {', '.join('$' + m for m in missing)}; "
                          "nothing was written")


def _path_parts(value: Any) -> list[Any] | None:
    return [*value.nodes, *value.relationships] if isinstance(value, Path) else None


def _collect_node_ids(value: Any, found: dict[str, Any]) -> None:
    """element id → ``id`` property of every node in a value that carries its properties."""
    for leaf in leaves(value, _path_parts):
        if isinstance(leaf, Node) and "id" in leaf:
            found[leaf.element_id] = leaf["id"]


def _collect_edge_ends(value: Any, ends: set[str]) -> None:
    for leaf in leaves(value, _path_parts):
        if isinstance(leaf, Relationship):
            ends.update((leaf.start_node.element_id, leaf.end_node.element_id))


def plain_value(value: Any, node_ids: dict[str, Any]) -> Any:
    """A Neo4j value as plain Python (the shape of graph/store.py)."""
    if isinstance(value, Node):
        properties = {k: plain_value(v, node_ids) for k, v in value.items()}
        return {"id": properties.get("id", value.element_id), "labels": sorted(value.labels),
                "properties": properties}
    if isinstance(value, Relationship):
        start, end = value.start_node.element_id, value.end_node.element_id
        return {"type": value.type, "start": node_ids.get(start, start), "end": node_ids.get(end, end),
                "properties": {k: plain_value(v, node_ids) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [plain_value(n, node_ids) for n in value.nodes],
                "relationships": [plain_value(r, node_ids) for r in value.relationships]}
    if isinstance(value, list | tuple):
        return [plain_value(item, node_ids) for item in value]
    if isinstance(value, dict):
        return {str(k): plain_value(v, node_ids) for k, v in value.items()}
    if hasattr(value, "to_native"):  # neo4j.time.Date, DateTime, Time
        return value.to_native()
    return value


def _stats(summary: neo4j.ResultSummary) -> dict[str, int]:
    counters = summary.counters
    return plain_stats({
        "nodes_created": counters.nodes_created, "nodes_deleted": counters.nodes_deleted,
        "relationships_created": counters.relationships_created,
        "relationships_deleted": counters.relationships_deleted,
        "properties_set": counters.properties_set, "labels_added": counters.labels_added,
    })


class Neo4jStore(Store):
    backend = "neo4j"

    def __init__(self, driver: neo4j.Driver, config: StoreConfig):
        self._driver = driver
        self._database = config.neo4j_database
        self.uri = config.neo4j_uri

    @classmethod
    def connect(cls, config: StoreConfig) -> Neo4jStore:
        auth = (config.neo4j_user, config.neo4j_password) if config.neo4j_password else None
        try:
            driver = GraphDatabase.driver(config.neo4j_uri, auth=auth,
                                          notifications_min_severity="OFF")  # no warnings of labels yet unused
            driver.verify_connectivity()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError, OSError) as exc:
            raise StoreUnavailable(f"{config.neo4j_uri}: cannot connect to Neo4j ({' '.join(str(exc).split())})") from exc
        store = cls(driver, config)
        # the time limit goes with each console query; the memory cap is the server's db.memory.transaction.max
        store.limits = QueryLimits(config.query_timeout_s, config.query_memory_mb)
        return store

    def _session(self, mode: str, fetch_size: int = 1000) -> neo4j.Session:
        return self._driver.session(database=self._database, default_access_mode=mode, fetch_size=fetch_size)

    # queries

    def _run(self, tx: neo4j.ManagedTransaction, cypher: str, params: dict | None) -> tuple[list, list, dict]:
        result = tx.run(cypher, params or {})
        rows = [list(record.values()) for record in result]
        return list(result.keys()), rows, _stats(result.consume())

    def _plain_rows(self, rows: list[list]) -> list[list]:
        node_ids: dict[str, Any] = {}
        _collect_node_ids(rows, node_ids)
        ends: set[str] = set()
        _collect_edge_ends(rows, ends)
        unknown = sorted(ends - node_ids.keys())
        if unknown:
            with self._session(neo4j.READ_ACCESS) as session:
                for record in session.run("MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, n.id AS id",
                                          ids=unknown):
                    node_ids[record["e"]] = record["id"] if record["id"] is not None else record["e"]
        return [[plain_value(v, node_ids) for v in row] for row in rows]

    def query(self, cypher: str, params: dict | None = None, *, write: bool = False,
              timeout_s: float | None = None) -> QueryResult:
        started = time.perf_counter()
        if timeout_s and not write:
            return self._limited_read(cypher, params, timeout_s, started)

        def work(tx: neo4j.ManagedTransaction) -> tuple[list, list, dict]:
            outcome = self._run(tx, cypher, params)
            if write:
                tx.run(BUMP_VERSION).consume()
            return outcome

        try:
            with self._session(neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS) as session:
                columns, rows, stats = session.execute_write(work) if write else session.execute_read(work)
            rows = self._plain_rows(rows)
        except neo4j_errors.Neo4jError as exc:
            raise query_error(exc) from exc
        except neo4j_errors.DriverError as exc:
            raise StoreUnavailable(f"{self.uri}: Neo4j is not reachable ({exc})") from exc
        return QueryResult(columns, rows, (time.perf_counter() - started) * 1000, stats)

    def _limited_read(self, cypher: str, params: dict | None, timeout_s: float, started: float) -> QueryResult:
        """A read in a transaction with a timeout, not retried (the driver would retry a query ended for memory)."""
        limits = QueryLimits(timeout_s, self.limits.memory_mb)
        try:
            with self._session(neo4j.READ_ACCESS) as session, session.begin_transaction(timeout=timeout_s) as tx:
                columns, rows, stats = self._run(tx, cypher, params)
            rows = self._plain_rows(rows)
        except neo4j_errors.Neo4jError as exc:
            raise query_error(exc, limits) from exc
        except neo4j_errors.DriverError as exc:
            raise StoreUnavailable(f"{self.uri}: Neo4j is not reachable ({exc})") from exc
        return QueryResult(columns, rows, (time.perf_counter() - started) * 1000, stats)

    def write_atomic(self, statements: list[tuple[str, dict]]) -> list[QueryResult]:
        started = time.perf_counter()
        for number, (cypher, params) in enumerate(statements, 1):
            _check_params(number, cypher, params)

        def work(tx: neo4j.ManagedTransaction) -> list[tuple[list, list, dict]]:
            outcomes = []
            for number, (cypher, params) in enumerate(statements, 1):
                try:
                    outcomes.append(self._run(tx, cypher, params))
                except neo4j_errors.Neo4jError as exc:
                    raise WriteFailed(f"statement {number}: {query_error(exc)}; nothing was written") from exc
            tx.run(BUMP_VERSION).consume()
            return outcomes

        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                outcomes = session.execute_write(work)
            elapsed = (time.perf_counter() - started) * 1000
            return [QueryResult(columns, self._plain_rows(rows), elapsed, stats) for columns, rows, stats in outcomes]
        except neo4j_errors.Neo4jError as exc:
            raise WriteFailed(f"{query_error(exc)}; nothing was written") from exc
        except neo4j_errors.DriverError as exc:
            raise StoreUnavailable(f"{self.uri}: Neo4j is not reachable ({exc})") from exc

    # whole-graph reads: one streamed result, fetched batch_size records at a time

    def _stream(self, cypher: str, batch_size: int) -> Iterator[neo4j.Record]:
        try:
            with self._session(neo4j.READ_ACCESS, fetch_size=batch_size) as session:
                yield from session.run(cypher)
        except neo4j_errors.DriverError as exc:
            raise StoreUnavailable(f"{self.uri}: Neo4j is not reachable ({exc})") from exc

    def iter_nodes(self, batch_size: int = 10_000) -> Iterator[dict]:
        for record in self._stream(f"MATCH (n) WHERE NOT n:{META_LABEL} RETURN n", batch_size):
            yield plain_value(record["n"], {})

    def iter_relationships(self, batch_size: int = 10_000) -> Iterator[dict]:
        cypher = "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS s, b.id AS e, properties(r) AS p"
        for record in self._stream(cypher, batch_size):
            yield {"type": record["t"], "start": record["s"], "end": record["e"],
                   "properties": plain_value(record["p"], {})}

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for (label,) in self.query("CALL db.labels() YIELD label RETURN label").rows:
            if label == META_LABEL:
                continue
            found = self.query(f"MATCH (n:`{label}`) RETURN count(n)").rows[0][0]
            if found:
                counts[label] = found
        for (rel_type,) in self.query("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType").rows:
            found = self.query(f"MATCH ()-[r:`{rel_type}`]->() RETURN count(r)").rows[0][0]
            if found:
                counts[rel_type] = found
        return counts

    def version(self) -> str:
        rows = self.query(f"MATCH (m:{META_LABEL} {{id: 'meta'}}) RETURN m.version").rows
        return str(rows[0][0]) if rows else "0"

    # schema

    def ensure_schema(self) -> None:
        statements = [
            f"CREATE CONSTRAINT edugraph_{label.lower()}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
            for label in [*indexed_labels(), META_LABEL]
        ]
        labels = "|".join(f"`{label}`" for label in fulltext_labels())
        for statement in statements:
            self._run_schema(statement)
        # names and aliases as one search text (graph/load/statements.search_text), behind search_by_name
        self._run_schema(f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{labels}) ON EACH [n.search] "
                         "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}")
        for label in fulltext_labels():  # the nodes written before the search text existed
            self._run_schema(f"MATCH (n:`{label}`) WHERE n.search IS NULL SET n.search = {search_text('n')}")

    def _run_schema(self, statement: str) -> None:
        # schema statements cannot share a transaction with data writes: auto-commit
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                session.run(statement).consume()
        except neo4j_errors.Neo4jError as exc:
            raise query_error(exc) from exc

    def clear(self) -> None:
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                session.run(f"MATCH (n) WHERE NOT n:{META_LABEL} "
                            f"CALL {{ WITH n DETACH DELETE n }} IN TRANSACTIONS OF {CLEAR_BATCH} ROWS").consume()
                session.run(BUMP_VERSION).consume()
        except neo4j_errors.Neo4jError as exc:
            raise query_error(exc) from exc

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._driver.close()

    def describe(self) -> str:
        return f"Neo4j at {self.uri}" + (f", database {self._database}" if self._database else "")
