"""The project's own Neo4j for a workstation and the tests: neo4j-launcher/ run by Java.

``start`` builds the launcher with Maven the first time (the jars are cached under ~/.m2), runs it
detached with the store under ``DATA_DIR/neo4j/``, waits until Bolt answers and writes
``DATA_DIR/edugraph.toml`` so every other command of that data dir uses it.  The password of user
``neo4j`` is generated once and kept in ``DATA_DIR/neo4j.password`` (mode 600); the pid in
``DATA_DIR/neo4j.pid``; the JVM's output in ``DATA_DIR/neo4j.log``.  A user's own server
(NEO4J_URI …) needs none of this.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph.store import StoreUnavailable
from graph.store.config import CONFIG_FILE_NAME, read_config_file

LAUNCHER_DIR = Path(__file__).resolve().parents[2] / "neo4j-launcher"
MAIN_CLASS = "edugraph.Launcher"
DEFAULT_PORT = 17687
DEFAULT_HEAP = "512m"
DEFAULT_PAGECACHE = "256m"
_UNITS = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


@dataclass(frozen=True)
class ServerState:
    running: bool
    pid: int | None
    uri: str | None
    home: Path


def files(data_dir: Path) -> dict[str, Path]:
    """Where the server of a data dir keeps its store, password, pid and log."""
    return {"home": data_dir / "neo4j", "password": data_dir / "neo4j.password",
            "pid": data_dir / "neo4j.pid", "log": data_dir / "neo4j.log"}


def size_bytes(text: str) -> int:
    """``512m`` / ``2g`` / ``1048576`` → bytes."""
    text = text.strip().lower()
    unit = _UNITS.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in _UNITS else text
    if not number.isdigit():
        raise ValueError(f"memory size {text!r} is not a number with k, m or g")
    return int(number) * unit


def classpath(launcher_dir: Path = LAUNCHER_DIR) -> str:
    """The launcher's classes and Neo4j's jars, built by Maven when the pom or the class is newer."""
    target = launcher_dir / "target"
    listing = target / "classpath.txt"
    sources = [launcher_dir / "pom.xml", *launcher_dir.glob("src/**/*.java")]
    if not listing.is_file() or any(src.stat().st_mtime > listing.stat().st_mtime for src in sources):
        if shutil.which("mvn") is None or shutil.which("java") is None:
            raise StoreUnavailable("the project's Neo4j needs Java 17 and Maven (mvn) on PATH")
        done = subprocess.run(["mvn", "-q", "-B", "package", "dependency:build-classpath"], cwd=launcher_dir,
                              capture_output=True, text=True)
        if done.returncode != 0 or not listing.is_file():
            raise StoreUnavailable(f"building neo4j-launcher failed: {(done.stdout + done.stderr)[-800:]}")
    return f"{target / 'classes'}{os.pathsep}{listing.read_text().strip()}"


def password(data_dir: Path) -> str:
    """The generated password of the data dir's server, made on first use (mode 600)."""
    path = files(data_dir)["password"]
    if not path.is_file():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(24) + "\n")
    return path.read_text().strip()


def _our_pid(data_dir: Path) -> int | None:
    """The pid of a live launcher of this data dir; a stale pid file is removed."""
    pid_file = files(data_dir)["pid"]
    try:
        pid = int(pid_file.read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except (OSError, ValueError):
        pid_file.unlink(missing_ok=True)
        return None
    if _zombie(pid):  # killed (kill -9) and not yet reaped: it shows no command line either, but it is gone
        _reap(pid)
        pid_file.unlink(missing_ok=True)
        return None
    if not cmdline:  # a process just forked shows no command line until its exec is done
        return pid
    if MAIN_CLASS not in cmdline or str(files(data_dir)["home"]) not in cmdline:
        pid_file.unlink(missing_ok=True)  # the pid was reused by another process
        return None
    return pid


def bolt_answers(uri: str, user: str, secret: str) -> bool:
    """True when a Bolt server at ``uri`` accepts these credentials."""
    from neo4j import GraphDatabase
    from neo4j import exceptions as neo4j_errors

    try:
        with GraphDatabase.driver(uri, auth=(user, secret), connection_timeout=2) as driver:
            driver.verify_connectivity()
        return True
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
        return False


def write_config(data_dir: Path, uri: str, cap_mb: int | None = None) -> Path:
    """DATA_DIR/edugraph.toml pointing at the server, with the server's memory cap of a transaction as
    ``[limits] query_memory_mb`` (what the console's messages name); other sections of the file are kept."""
    path = data_dir / CONFIG_FILE_NAME
    config = read_config_file(path)
    if cap_mb is not None:
        config["limits"] = {**config.get("limits", {}), "query_memory_mb": cap_mb}
    config["store"] = {**config.get("store", {}), "backend": "neo4j"}
    config["neo4j"] = {**config.get("neo4j", {}), "uri": uri, "user": "neo4j",
                       "password_file": str(files(data_dir)["password"])}
    config["neo4j"].pop("password", None)
    lines = []
    for section, values in config.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def status(data_dir: Path, port: int | None = None) -> ServerState:
    """Whether the data dir's server runs, its pid and address."""
    pid = _our_pid(data_dir)
    uri = f"bolt://127.0.0.1:{port}" if port else read_config_file(data_dir / CONFIG_FILE_NAME).get(
        "neo4j", {}).get("uri")
    return ServerState(running=pid is not None, pid=pid, uri=uri, home=files(data_dir)["home"])


def transaction_cap_mb(data_dir: Path, heap: str) -> int:
    """The memory a transaction may take: ``[limits] query_memory_mb`` of the data dir's edugraph.toml, but at
    most half the heap (the default), so that a runaway query is ended before the JVM runs out of memory."""
    half = max(16, (size_bytes(heap) >> 20) // 2)
    wanted = read_config_file(data_dir / CONFIG_FILE_NAME).get("limits", {}).get("query_memory_mb")
    return min(int(wanted), half) if isinstance(wanted, int) and wanted > 0 else half


def start(data_dir: Path, port: int = DEFAULT_PORT, heap: str = DEFAULT_HEAP, pagecache: str = DEFAULT_PAGECACHE,
          timeout: float = 180.0) -> ServerState:
    """Start the data dir's server (or find it running), wait for Bolt, write the config file."""
    data_dir = Path(data_dir).resolve()
    where = files(data_dir)
    uri = f"bolt://127.0.0.1:{port}"
    secret = password(data_dir)
    cap_mb = transaction_cap_mb(data_dir, heap)
    if _our_pid(data_dir) is None:
        command = ["java", f"-Xmx{heap}", f"-Xms{min(size_bytes(heap), 256 << 20) >> 20}m",
                   "-cp", classpath(), MAIN_CLASS, str(where["home"]), str(port), str(where["password"]),
                   str(size_bytes(pagecache)), str(cap_mb << 20)]
        with open(where["log"], "ab") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=True)  # outlives the command that started it
        where["pid"].write_text(f"{process.pid}\n")
    _wait_for_bolt(data_dir, uri, secret, timeout)
    write_config(data_dir, uri, cap_mb)
    return status(data_dir, port)


def _wait_for_bolt(data_dir: Path, uri: str, secret: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _our_pid(data_dir) is None:
            tail = files(data_dir)["log"].read_text(errors="replace")[-800:]
            raise StoreUnavailable(f"the Neo4j of {data_dir} exited while starting: {tail}")
        if bolt_answers(uri, "neo4j", secret):
            return
        time.sleep(0.5)
    raise StoreUnavailable(f"the Neo4j of {data_dir} did not answer at {uri} within {timeout:.0f} s")


def stop(data_dir: Path, timeout: float = 60.0) -> bool:
    """Shut the server down cleanly (SIGTERM, SIGKILL only after ``timeout``); False when none ran."""
    data_dir = Path(data_dir).resolve()
    pid = _our_pid(data_dir)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists() and not _zombie(pid):
        time.sleep(0.2)
    if Path(f"/proc/{pid}").exists() and not _zombie(pid):
        os.kill(pid, signal.SIGKILL)
    files(data_dir)["pid"].unlink(missing_ok=True)
    return True


def _reap(pid: int) -> None:
    """Collect the exit of a launcher this process started (a zombie otherwise stays until we exit)."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True
