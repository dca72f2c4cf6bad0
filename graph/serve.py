"""Serving the dashboard: the ``streamlit run app.py`` command line, a free port, a health wait.

`edugraph serve`, the browser test and the dashboard benchmark all start the
app the same way: headless, on 127.0.0.1 unless told otherwise, without usage
statistics, with the data directory passed to the app.
"""

from __future__ import annotations

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
