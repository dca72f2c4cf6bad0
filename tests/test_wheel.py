"""A plain `pip install` of the wheel, run from another folder: the queries, the ontology, the shapes and
the app ship inside it and are found with importlib.resources, not through a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The wheel built from this checkout, installed into an empty virtual environment."""
    work = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "EDUGRAPH_DATA")}
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(ROOT)], work, env)
    wheel = next((work / "dist").glob("edugraph-*.whl"))
    run([sys.executable, "-m", "venv", str(work / "venv")], work, env)
    pip = str(work / "venv" / "bin" / "pip")
    run([pip, "install", "--quiet", "-c", str(ROOT / "requirements.lock"), str(wheel)], work, env, timeout=900)
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    return work / "venv" / "bin" / "edugraph", {**env, "EDUGRAPH_DATA": str(work / "data")}


def test_the_installed_wheel_ingests_queries_exports_and_validates_from_another_folder(installed, tmp_path):
    edugraph, env = installed
    cwd = tmp_path
    try:
        out = run([str(edugraph), "ingest", str(ROOT / "data" / "sample"), "-q"], cwd, env)
        assert "documents: 5 loaded" in out
        listing = run([str(edugraph), "query", "--list"], cwd, env)
        assert len([line for line in listing.splitlines() if line and not line.startswith(" ")]) == 19
        rows = run([str(edugraph), "query", "documents_list", "--format", "csv"], cwd, env)
        assert len(rows.strip().splitlines()) == 6  # a header and the five documents
        run([str(edugraph), "export", "rdf", "--out", str(tmp_path / "graph.ttl")], cwd, env)
        report = run([str(edugraph), "validate", str(tmp_path / "graph.ttl")], cwd, env)
        assert ": 0 violation(s)" in report
        python = edugraph.parent / "python"
        app = run([str(python), "-c", "from graph.resources import app_path; print(app_path())"], cwd, env)
        assert "site-packages" in app and Path(app.strip()).is_file()
    finally:
        subprocess.run([str(edugraph), "stop"], cwd=cwd, env=env, capture_output=True, timeout=120)
