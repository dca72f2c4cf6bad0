"""Where the graph lives: the data directory and the choice of store.

The embedded FalkorDB is the default; Neo4j is chosen by the environment
(``NEO4J_URI`` with ``NEO4J_USER``, ``NEO4J_PASSWORD`` and optionally
``NEO4J_DATABASE``) or by ``DATA_DIR/edugraph.toml``::

    [store]
    backend = "neo4j"          # or "falkordb" (the default)

    [neo4j]
    uri = "neo4j://db.example.org:7687"
    user = "neo4j"
    password = "…"             # NEO4J_PASSWORD overrides it
    password_file = "…"        # or the password read from a file (`edugraph neo4j start` writes this)
    database = "neo4j"

    [falkordb]
    appendfsync = "always"     # or "everysec": see graph/falkor.py

    [limits]                   # the read-only console and the named queries (graph/store/guard.py)
    query_timeout_s = 30       # a query running longer is ended by the store
    query_memory_mb = 1024     # FalkorDB: a query needing more memory is ended (Neo4j: see README)

Explicit arguments win over the environment, the environment over the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# a checkout keeps its store in its own data/ folder; an installed wheel in the user's data folder
_CHECKOUT = Path(__file__).resolve().parents[2]
CONFIG_FILE_NAME = "edugraph.toml"
BACKENDS = ("falkordb", "neo4j")
APPENDFSYNC_CHOICES = ("always", "everysec")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class StoreConfig:
    backend: str
    data_dir: Path
    neo4j_uri: str | None = None
    neo4j_user: str | None = None
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    appendfsync: str = "always"
    query_timeout_s: float = 30.0
    query_memory_mb: int = 1024


def default_data_dir() -> Path:
    """The checkout's data/ folder when run from a checkout, else $XDG_DATA_HOME/edugraph."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "graph").is_dir():
        return _CHECKOUT / "data"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "edugraph"


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """The data directory: the argument, else $EDUGRAPH_DATA, else :func:`default_data_dir`."""
    chosen = data_dir or os.environ.get("EDUGRAPH_DATA") or default_data_dir()
    return Path(chosen).expanduser().resolve()


def read_config_file(path: Path) -> dict:
    """The parsed TOML config file, or {} when there is none."""
    if not path.is_file():
        return {}
    try:
        import tomllib
    except ModuleNotFoundError as exc:  # Python 3.10
        raise ConfigError(f"{path}: reading the config file needs Python 3.11 or newer") from exc
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from exc


def _file_password(section: dict, config_path: Path) -> str | None:
    """[neo4j] password, else the contents of [neo4j] password_file."""
    if section.get("password") or not section.get("password_file"):
        return section.get("password")
    try:
        return Path(section["password_file"]).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{config_path}: cannot read [neo4j] password_file ({exc})") from exc


def load_config(
    data_dir: str | Path | None = None,
    *,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
) -> StoreConfig:
    """The store configuration from the arguments, the environment and DATA_DIR/edugraph.toml."""
    root = resolve_data_dir(data_dir)
    config_path = root / CONFIG_FILE_NAME
    file = read_config_file(config_path)
    file_neo4j = file.get("neo4j", {})
    file_falkordb = file.get("falkordb", {})
    env = os.environ

    uri = neo4j_uri or env.get("NEO4J_URI") or file_neo4j.get("uri")
    backend = file.get("store", {}).get("backend")
    if neo4j_uri or env.get("NEO4J_URI"):
        backend = "neo4j"  # an explicit Neo4j address means Neo4j
    backend = backend or ("neo4j" if uri else "falkordb")
    if backend not in BACKENDS:
        raise ConfigError(f"{config_path}: unknown store backend {backend!r} (expected one of {', '.join(BACKENDS)})")
    if backend == "neo4j" and not uri:
        raise ConfigError(f"{config_path}: backend is neo4j but no uri is given ([neo4j] uri or NEO4J_URI)")
    appendfsync = file_falkordb.get("appendfsync", "always")
    if appendfsync not in APPENDFSYNC_CHOICES:
        raise ConfigError(f"{config_path}: [falkordb] appendfsync must be one of {', '.join(APPENDFSYNC_CHOICES)}")

    timeout_s, memory_mb = _limits(file.get("limits", {}), config_path)
    return StoreConfig(
        query_timeout_s=timeout_s,
        query_memory_mb=memory_mb,
        backend=backend,
        data_dir=root,
        neo4j_uri=uri,
        neo4j_user=neo4j_user or env.get("NEO4J_USER") or file_neo4j.get("user") or "neo4j",
        neo4j_password=neo4j_password or env.get("NEO4J_PASSWORD") or _file_password(file_neo4j, config_path),
        neo4j_database=neo4j_database or env.get("NEO4J_DATABASE") or file_neo4j.get("database"),
        appendfsync=appendfsync,
    )


def _limits(section: dict, config_path: Path) -> tuple[float, int]:
    """[limits] query_timeout_s and query_memory_mb, checked (positive numbers)."""
    timeout_s = section.get("query_timeout_s", 30)
    memory_mb = section.get("query_memory_mb", 1024)
    if isinstance(timeout_s, bool) or not isinstance(timeout_s, int | float) or timeout_s <= 0:
        raise ConfigError(f"{config_path}: [limits] query_timeout_s must be a positive number of seconds")
    if isinstance(memory_mb, bool) or not isinstance(memory_mb, int) or memory_mb <= 0:
        raise ConfigError(f"{config_path}: [limits] query_memory_mb must be a positive whole number of megabytes")
    return float(timeout_s), memory_mb
