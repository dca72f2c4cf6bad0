"""One small interface in front of both graph stores.

Everything above the store (loader, named queries, analytics, export, app)
talks to a :class:`Store` obtained from :func:`open_store`, and writes its
Cypher in the subset both backends run (see ../shared/design/STORE.md: no
``EXISTS {}``/``COUNT {}`` subqueries, no ``datetime()``, no ``=~``,
``shortestPath`` only in ``WITH``/``RETURN`` between matched nodes, and the
``id`` property instead of the store's internal id).

Values come back as plain Python, the same shape from both backends:

- a node: ``{"id": <its id property>, "labels": [...], "properties": {...}}``
- a relationship: ``{"type": ..., "start": <start node id>, "end": <end node id>, "properties": {...}}``
- a path: ``{"nodes": [...], "relationships": [...]}``
- lists and maps recursively; dates as :class:`datetime.date`.

The backend-specific statements (schema DDL, full-text, read-only mode,
transactions) live in graph/falkor.py and graph/neo4j_backend.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import NODE_TYPES, indexed_labels
from graph.store.config import ConfigError, load_config

__all__ = [
    "ConfigError",
    "QueryError",
    "QueryLimitExceeded",
    "QueryLimits",
    "QueryRefused",
    "QueryResult",
    "ReadOnlyQuery",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "WriteFailed",
    "indexed_labels",
    "open_store",
]

# the write statistics a QueryResult reports, under the same names for both backends
# a write_atomic statement with this parameter only deletes what the block set aside: a store may run it after
# the rest of the block (see graph/load/statements.py and FalkorStore.write_atomic)
PURGE_PARAM = "edugraph_purge"

STAT_NAMES = (
    "nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
    "properties_set", "labels_added",
)


class StoreError(Exception):
    """Anything that goes wrong in a store; the message is one line fit for a user."""


class StoreUnavailable(StoreError):
    """The store cannot be started or reached."""


class QueryError(StoreError):
    """A query the store refused: syntax error, unknown function, missing parameter, runtime error."""


class ReadOnlyQuery(QueryError):
    """A query that writes, run in read-only mode; nothing was changed."""


class WriteFailed(QueryError):
    """A statement of :meth:`Store.write_atomic` failed."""


class QueryRefused(QueryError):
    """A console query refused before it was sent (it reaches out of the store: LOAD CSV, …)."""


class QueryLimitExceeded(QueryError):
    """A console query the store ended at its time or memory limit; ``kind`` is "time" or "memory"."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class QueryLimits:
    """Limits of the read-only console and the named queries ([limits] of edugraph.toml)."""

    timeout_s: float = 30.0
    memory_mb: int = 1024

    def time_message(self) -> str:
        return (f"the query was stopped: it ran longer than the limit of {self.timeout_s:g} s "
                "([limits] query_timeout_s in edugraph.toml); nothing was changed")

    def memory_message(self) -> str:
        return (f"the query was stopped: it needed more memory than the limit of {self.memory_mb} MB "
                "([limits] query_memory_mb in edugraph.toml); nothing was changed")


DEFAULT_LIMITS = QueryLimits()


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    elapsed_ms: float
    stats: dict[str, int] = field(default_factory=dict)  # nodes_created, relationships_created, … (writes)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Store(ABC):
    """A graph store: one graph, queried with Cypher."""

    backend: str = ""
    limits: QueryLimits = DEFAULT_LIMITS

    def console_query(self, cypher: str, params: dict | None = None) -> QueryResult:
        """A read-only query of the console or a named query: refused when it reaches out of the store
        (graph/store/guard.py), ended by the store at :attr:`limits` (:class:`QueryLimitExceeded`)."""
        from graph.store.guard import check_console_query

        check_console_query(cypher)
        return self.query(cypher, params, timeout_s=self.limits.timeout_s)

    @abstractmethod
    def query(self, cypher: str, params: dict | None = None, *, write: bool = False,
              timeout_s: float | None = None) -> QueryResult:
        """Run one query.  Read-only unless ``write``: a write in read mode raises
        :class:`ReadOnlyQuery` and changes nothing; a bad query raises :class:`QueryError`;
        one running over ``timeout_s`` is ended by the store (:class:`QueryLimitExceeded`)."""

    @abstractmethod
    def write_atomic(self, statements: list[tuple[str, dict]]) -> list[QueryResult]:
        """Run the statements as one unit: after a crash of the store either all of
        them are there or none.  Raises :class:`WriteFailed` naming the failing statement."""

    @abstractmethod
    def iter_nodes(self, batch_size: int = 10_000) -> Iterator[dict]:
        """Every node as ``{"id", "labels", "properties"}``, fetched in batches."""

    @abstractmethod
    def iter_relationships(self, batch_size: int = 10_000) -> Iterator[dict]:
        """Every relationship as ``{"type", "start", "end", "properties"}`` (start/end: node ids)."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type (only those present)."""

    @abstractmethod
    def version(self) -> str:
        """A token that changes whenever the graph is written (for caches)."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Indexes/constraints on ``id`` for every label of graph/model.py and a
        full-text index on names; idempotent."""

    @abstractmethod
    def clear(self) -> None:
        """Delete the whole graph (tests and benchmarks)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection (an embedded server keeps running: `edugraph stop` ends it)."""

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for `edugraph status`."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def leaves(value: Any, path_parts: Callable[[Any], Iterable[Any] | None]) -> Iterator[Any]:
    """Every value inside nested lists, tuples, dicts and paths; ``path_parts`` gives a path's nodes and
    relationships (None for a value that is no path). The backends find the nodes and edges of a result with it."""
    parts = path_parts(value)
    if parts is not None:
        for part in parts:
            yield from leaves(part, path_parts)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from leaves(item, path_parts)
    elif isinstance(value, dict):
        for item in value.values():
            yield from leaves(item, path_parts)
    else:
        yield value


def fulltext_labels() -> list[str]:
    """The main labels whose nodes are searched by name (every node type but Document)."""
    return [label for label in NODE_TYPES if label != "Document"]


def plain_stats(raw: dict[str, int]) -> dict[str, int]:
    """Only the nonzero statistics of :data:`STAT_NAMES`."""
    return {name: int(raw.get(name, 0)) for name in STAT_NAMES if raw.get(name)}


def open_store(
    data_dir: str | Path | None = None,
    *,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
    start: bool = True,
) -> Store:
    """The configured store (see graph/config.py): Neo4j when configured, else the
    embedded FalkorDB under ``data_dir``, started if not running (unless ``start``
    is false: then :class:`StoreUnavailable` when it is not running)."""
    try:
        config = load_config(data_dir, neo4j_uri=neo4j_uri, neo4j_user=neo4j_user,
                             neo4j_password=neo4j_password, neo4j_database=neo4j_database)
    except ConfigError as exc:
        raise StoreUnavailable(str(exc)) from exc
    if config.backend == "neo4j":
        from graph.store.neo4j_store import Neo4jStore

        return Neo4jStore.connect(config)
    from graph.store.falkor import FalkorStore

    return FalkorStore.connect(config, start=start)
