"""Serving the dashboard: the ``streamlit run app.py`` command line, a free port, a health wait.

`edugraph serve`, the browser test and the dashboard benchmark all start the
app the same way: headless, on 127.0.0.1 unless told otherwise, without usage
statistics, with the data directory passed to the app. Without accounts (``DATA_DIR/users.toml``) it is
served to this machine only: :func:`refuse_open_network` stops any other address.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from graph.resources import app_path
from graph.store.config import resolve_data_dir


def streamlit_command(port: int, address: str = "127.0.0.1", data_dir: str | Path | None = None) -> list[str]:
    """The command that serves app.py with this project's Python."""
    command = [
        sys.executable, "-m", "streamlit", "run", str(app_path()),
        "--server.headless", "true",
        "--server.address", address,
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--client.toolbarMode", "viewer",
        "--theme.base", "light",
    ]
    return command + ["--", "--data-dir", str(resolve_data_dir(data_dir))]


class ServeRefused(Exception):
    """Serving would expose the dashboard to the network without accounts; the message says what to do."""


def is_loopback(address: str) -> bool:
    """True for an address only this machine reaches (127.0.0.0/8, ::1, localhost)."""
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name or "" (all interfaces): reachable from elsewhere


def refuse_open_network(address: str, data_dir: str | Path | None = None) -> None:
    """Refuse an address other machines reach while the data directory has no account."""
    from graph.accounts import accounts_exist, users_path

    folder = resolve_data_dir(data_dir)
    if is_loopback(address) or accounts_exist(folder):
        return
    raise ServeRefused(
        f"refusing to serve on {address or 'every interface'}: there are no accounts in {users_path(folder)}, so "
        "anyone who reaches the address could read and change the graph. Create the first admin with "
        "`edugraph user add LOGIN --role admin` (and accounts for the others), or serve on 127.0.0.1")


def serve_environment(data_dir: str | Path | None = None) -> dict[str, str]:
    """The environment for the app's process: the data directory, and no telemetry."""
    env = dict(os.environ)
    env["EDUGRAPH_DATA"] = str(resolve_data_dir(data_dir))
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    return env


def free_port(address: str = "127.0.0.1") -> int:
    """A port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


def wait_until_healthy(base_url: str, timeout: float = 60.0) -> bool:
    """True once Streamlit's health endpoint answers ``ok``; False after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    return False
