"""The files edugraph ships beside its code: the named queries, the ontology and its shapes, the dashboard.

They live at the project's top level (``queries/``, ``ontology.ttl``, ``shapes.ttl``, ``app.py``) and are
linked into ``graph/data/``, which the wheel carries as package data; both a checkout and an installed
wheel find them here, through :mod:`importlib.resources`.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def data_path(name: str) -> Path:
    """The path of a shipped file or folder (``"ontology.ttl"``, ``"queries"``, ``"app.py"``)."""
    with as_file(files("graph") / "data" / name) as path:  # a real path: wheels are installed unzipped
        return Path(path)


def queries_dir() -> Path:
    return data_path("queries")


def ontology_path() -> Path:
    return data_path("ontology.ttl")


def shapes_path() -> Path:
    return data_path("shapes.ttl")


def app_path() -> Path:
    return data_path("app.py")
