"""The word lists of the rules, kept as data files in ingest/data/ (package data, read once)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of ``ingest/data/<name>``, comments («#») and blank lines left out."""
    text = resources.files("ingest").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(out)


@cache
def word_groups(name: str) -> dict[str, frozenset[str]]:
    """«group<TAB>word word …» rows as a mapping from the group to its words."""
    return {row[0]: frozenset(row[1].split()) for row in rows(name) if len(row) > 1}
