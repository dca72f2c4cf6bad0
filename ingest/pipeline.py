"""Documents in, facts out: read each file (or uploaded file), extract its facts, report failures.

Every document becomes one :class:`Outcome`, the one record of what happened to it, from reading to
the store (the loader fills in the rest). A bad file never stops the run: its outcome is ``failed``
with ``reason``, one line naming the file and why. With ``jobs > 1`` documents are extracted in worker
processes, each loading the models once. Facts JSON files (``*.json``) are read as they are, checked
against the model.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from ingest.facts import DocumentFacts, FactsError
from ingest.readers import DEFAULT_MAX_BYTES, ReadError, iter_document_paths, path_text, read_bytes, read_document

__all__ = ["DEFAULT_MAX_BYTES", "Outcome", "extract_file", "extract_paths", "extract_upload", "outcomes_from_paths"]

FILE, UPLOAD, FACTS_FILE = "file", "upload", "facts"
STATUSES = ("extracted", "failed", "loaded", "replaced", "unchanged")


@dataclass
class Outcome:
    """What happened to one document: read and extracted (``facts``), or failed with the reason; the loader
    then sets ``loaded``, ``replaced``, ``unchanged`` or ``failed``."""

    source: str  # the path as given, or the uploader's name for the file
    origin: str = FILE  # FILE (read from disk), UPLOAD (bytes with a name) or FACTS_FILE
    facts: DocumentFacts | None = None
    status: str = "extracted"
    reason: str = ""  # one line for the user: the file and what went wrong
    code: str = ""  # what went wrong, for a translated message: a ReadError's code, "extraction", "facts", "store"
    doc_id: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def fail(self, reason: str, code: str) -> Outcome:
        self.status, self.reason, self.code = "failed", reason, code
        return self


def _extracted(outcome: Outcome, document) -> Outcome:
    from ingest.extract import extract_facts  # loads the models on first use

    try:
        outcome.facts = extract_facts(document)
    except Exception as exc:  # an extraction bug must not cost the other files
        return outcome.fail(f"{outcome.source}: extraction failed ({type(exc).__name__}: {exc})", "extraction")
    outcome.doc_id = outcome.facts.document.id
    return outcome


def extract_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Read and extract one file; any failure is in the outcome, never raised."""
    outcome = Outcome(path_text(path))
    try:
        document = read_document(path, max_bytes=max_bytes)
    except ReadError as exc:
        return outcome.fail(str(exc), exc.code)
    return _extracted(outcome, document)


def upload_name(name: str) -> str:
    """The uploader's name for a file, as it is kept: the last part of the name, never a path on this server."""
    base = PurePath(name.replace("\\", "/")).name
    return "".join(c for c in base if c.isprintable()).strip() or "без имени"


def extract_upload(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Read and extract one uploaded file. Its identity is its content (the document id hashes the bytes) and
    the uploader's name for it; the name is never taken for a path."""
    outcome = Outcome(upload_name(name), UPLOAD)
    try:
        document = read_bytes(data, outcome.source, max_bytes=max_bytes)
    except ReadError as exc:
        return outcome.fail(str(exc), exc.code)
    return _extracted(outcome, document)


def _extract_args(args: tuple[str, int]) -> Outcome:
    return extract_file(*args)


def _warm_up() -> None:
    from ingest.extract import load_models

    load_models()


def extract_paths(paths: Iterable[str | Path], jobs: int = 1, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """Outcomes in the order of the documents found under ``paths`` (folders are read recursively)."""
    files: list[str] = []
    for found in iter_document_paths(paths):
        if isinstance(found, ReadError):
            yield Outcome(found.path).fail(str(found), found.code)
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


def _facts_files(path: Path) -> list[Path]:
    """Facts JSON files: the path itself, or those under a folder (hidden ones skipped)."""
    if path.is_file():
        return [path] if path.suffix.lower() == ".json" else []
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*.json")
                  if not any(part.startswith(".") for part in p.relative_to(path).parts))


def read_facts_file(path: Path) -> Outcome:
    outcome = Outcome(path_text(path), FACTS_FILE)
    try:
        outcome.facts = DocumentFacts.load(path)
    except FactsError as exc:
        return outcome.fail(str(exc), "facts")
    outcome.doc_id = outcome.facts.document.id or path.stem  # the gold files are named by their document
    return outcome


def outcomes_from_paths(paths: Iterable[str | Path], jobs: int = 1,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[int, Iterator[Outcome]]:
    """(number of files, their outcomes) for files and folders: facts JSON files are read as they are, every
    other document is read and extracted (``jobs`` processes)."""
    facts_files: list[Path] = []
    document_paths: list[Path] = []
    for given in map(Path, paths):
        facts_files += _facts_files(given)
        if given.is_dir() or not (given.is_file() and given.suffix.lower() == ".json"):
            document_paths.append(given)
    count = len(facts_files) + (sum(1 for _ in iter_document_paths(document_paths)) if document_paths else 0)

    def generate() -> Iterator[Outcome]:
        for path in facts_files:
            yield read_facts_file(path)
        if document_paths:
            yield from extract_paths(document_paths, jobs=jobs, max_bytes=max_bytes)

    return count, generate()


def resolved_source(outcome: Outcome) -> str:
    """What tells an edited file from a new document: a file's absolute path; an upload has none (its content
    is its identity, and two uploads of one name are two documents)."""
    if outcome.origin == UPLOAD:
        return ""
    source = (outcome.facts.document.source if outcome.facts else "") or outcome.source
    return path_text(os.path.abspath(source)) if source else ""
