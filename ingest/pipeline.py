"""Documents in, facts out: read each file, extract its facts, report failures.

A bad file never stops the run: it becomes a :class:`Result` with ``error``
set to one line naming the file and the reason.  With ``jobs > 1`` documents
are extracted in worker processes, each loading the models once.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.facts import DocumentFacts
from ingest.readers import DEFAULT_MAX_BYTES, ReadError, iter_document_paths, read_document

__all__ = ["DEFAULT_MAX_BYTES", "Result", "extract_paths", "extract_file"]


@dataclass
class Result:
    path: str
    facts: DocumentFacts | None = None
    error: str | None = None


def extract_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Result:
    """Read and extract one file; any failure is returned, never raised."""
    from ingest.extract import extract_facts  # loads the models on first use

    try:
        document = read_document(path, max_bytes=max_bytes)
    except ReadError as exc:
        return Result(str(path), error=str(exc))
    try:
        return Result(str(path), facts=extract_facts(document))
    except Exception as exc:  # an extraction bug must not cost the other files
        return Result(str(path), error=f"{path}: extraction failed ({type(exc).__name__}: {exc})")


def _extract_args(args: tuple[str, int]) -> Result:
    return extract_file(*args)


def _warm_up() -> None:
    from ingest.extract import load_models

    load_models()


def extract_paths(paths: Iterable[str | Path], jobs: int = 1, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Result]:
    """Results in the order of the files found under ``paths`` (folders are read recursively)."""
    files: list[str] = []
    for found in iter_document_paths(paths):
        if isinstance(found, ReadError):
            yield Result(found.path, error=str(found))
        else:
            files.append(str(found))
    jobs = max(1, min(jobs, len(files) or 1))
    if jobs == 1:
        for path in files:
            yield extract_file(path, max_bytes)
        return
    # fork shares the loaded dictionaries copy-on-write where the platform has it
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(jobs, initializer=_warm_up) as pool:
        yield from pool.imap(_extract_args, [(p, max_bytes) for p in files], chunksize=1)
