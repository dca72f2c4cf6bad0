"""Facts in, graph out: documents written in atomic units of batched statements.

:func:`load_documents` writes each unit of whole documents with one ``Store.write_atomic`` (whole or
not at all, even if the store is killed), by a writer thread while the next unit is built. A document
whose id is loaded with the same digest is unchanged and skipped; the same id with another digest (a
newer extraction), or the same source path with a new id (an edited file), replaces the old version in
the same atomic unit.
"""


from __future__ import annotations

import json
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.load.rows import DocumentRows, Redirect, build_rows, document_id, no_redirect, source_of
from graph.load.statements import UNIT_ELEMENTS, load_statements, removal_statements
from graph.store import Store
from ingest.facts import DocumentFacts

# ------------------------------------------------------------------------------------------- documents

@dataclass
class Outcome:
    """What happened to one document: loaded, replaced, unchanged or failed (with the reason)."""
    source: str
    doc_id: str = ""
    status: str = "loaded"
    reason: str = ""


@dataclass
class LoadSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    nodes_created: int = 0
    nodes_updated: int = 0
    rels_created: int = 0
    rels_updated: int = 0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def lines(self) -> list[str]:
        return [
            f"documents: {self.count('loaded')} loaded, {self.count('unchanged')} unchanged, "
            f"{self.count('replaced')} replaced, {self.count('failed')} failed",
            f"nodes: {self.nodes_created} new, {self.nodes_updated} updated; "
            f"relationships: {self.rels_created} new, {self.rels_updated} updated",
        ] + [f"failed: {o.reason}" for o in self.failed]

    def add_counts(self, statements: list[tuple[str, dict]], results: list) -> None:
        """New elements from the statistics; updated: the rest of the rows (existing elements a new document states)."""
        for (cypher, params), result in zip(statements, results, strict=True):
            if not cypher.startswith(_LOAD_PREFIX):
                continue
            rows = len(params["rows"])
            if " MERGE (a)-" in cypher:
                created = result.stats.get("relationships_created", 0)
                self.rels_created += created
                self.rels_updated += max(0, rows - created)
            else:
                created = result.stats.get("nodes_created", 0)
                self.nodes_created += created
                self.nodes_updated += max(0, rows - created)


_LOAD_PREFIX = "UNWIND $rows AS row M"  # node and relationship load statements (removal ones start otherwise)


def loaded_documents(store: Store) -> dict[str, tuple[str, str]]:
    """Document id → (source, digest) of every loaded document."""
    rows = store.query("MATCH (d:Document) RETURN d.id, d.source, d.digest").rows
    return {doc_id: (source or "", digest or "") for doc_id, source, digest in rows}



# an item to load: facts with the path they came from, or a failure line from reading/extraction
LoadItem = tuple[DocumentFacts | None, str, str | None]


@dataclass
class _Pending:
    outcome: Outcome
    rows: DocumentRows
    replaces: list[str]


class StoreInterrupted(Exception):
    """The store went away during a load; ``summary`` says what was loaded before."""

    def __init__(self, summary: LoadSummary, reason: str):
        super().__init__(reason)
        self.summary = summary



def group_statements(store: Store, group: list[_Pending]) -> list[tuple[str, dict]]:
    """One atomic unit for several documents: the removal of what they replace, then their rows."""
    replaced = sorted({old for item in group for old in item.replaces})
    return removal_statements(store, replaced) + load_statements([item.rows for item in group])


class _UnitWriter:
    """Writes units of documents in a background thread, in order, one at a time, so that the next unit is
    read, extracted and built while the store writes this one (the store is another process)."""

    def __init__(self, store: Store, summary: LoadSummary):
        self.store, self.summary = store, summary
        self.units: queue.Queue = queue.Queue(maxsize=1)
        self.done: deque[list[_Pending]] = deque()
        self.error: Exception | None = None
        self.lost: list[_Pending] = []  # the unit in flight when the store went away
        self.thread = threading.Thread(target=self._run, name="edugraph-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from graph.store import StoreUnavailable

        while (unit := self.units.get()) is not None:
            group, statements = unit
            try:
                if self.error is None:
                    _write_group(self.store, group, self.summary, statements)
                    self.done.append(group)
                else:
                    self.lost += group
            except StoreUnavailable as exc:
                self.error = exc
                self.lost += group
            except Exception as exc:  # a bug must not hang the run: it ends it, reported like a lost store
                self.error = exc
                self.lost += group
            finally:
                self.units.task_done()
        self.units.task_done()

    def submit(self, group: list[_Pending], statements: list[tuple[str, dict]] | None = None) -> None:
        self.units.put((group, statements))

    def drain(self) -> None:
        """Wait until every submitted unit is written (or lost)."""
        self.units.join()

    def close(self) -> None:
        self.drain()
        self.units.put(None)
        self.thread.join()


def load_documents(store: Store, items: Iterable[LoadItem], progress: Callable[[Outcome], None] | None = None,
                   redirect: Redirect = no_redirect, batch_elements: int = UNIT_ELEMENTS) -> LoadSummary:
    """Load every document of ``items`` ((facts, path, error) triples); a failure never stops the others.

    Documents are written in atomic units of whole documents (about
    ``batch_elements`` rows each: fewer round trips than one per document),
    by a writer thread while the next unit is built; a unit the store refuses
    is written again one document at a time, so a bad document fails alone.
    A store that goes away ends the run with :class:`StoreInterrupted`: the
    documents written before are complete, those of the unit in flight absent.
    """
    summary = LoadSummary()
    known = loaded_documents(store)
    by_source = {source: doc_id for doc_id, (source, _digest) in known.items() if source}
    writer = _UnitWriter(store, summary)
    group: list[_Pending] = []
    size = 0

    def report(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)

    def report_written() -> None:
        while writer.done:
            for item in writer.done.popleft():
                report(item.outcome)
        if writer.error is not None:
            raise _interrupted(summary, writer, group)

    def flush() -> None:
        nonlocal group, size
        pending, group, size = group, [], 0
        if pending:
            if any(item.replaces for item in pending):
                writer.drain()  # what it replaces is read from the store: let the writes in flight land first
            writer.submit(pending)
        report_written()

    try:
        for facts, path, error in items:
            if facts is None:
                report(Outcome(path, status="failed", reason=error or f"{path}: no facts"))
                continue
            doc_id, source = document_id(facts, path), source_of(facts, path)
            rows = build_rows(facts, doc_id, source, redirect)
            outcome = Outcome(source or doc_id, doc_id)
            if doc_id in known and known[doc_id][1] == rows.digest:
                outcome.status = "unchanged"
                report(outcome)
                continue
            replaces = sorted({old for old in (doc_id if doc_id in known else None, by_source.get(source)) if old})
            if any(item.rows.doc_id in replaces for item in group):
                flush()  # what it replaces is in the unit being built: write that first
            outcome.status = "replaced" if replaces else "loaded"
            for old in replaces:
                old_source = known.pop(old, ("", ""))[0]
                by_source.pop(old_source, None)
            known[doc_id] = (source, rows.digest)
            if source:
                by_source[source] = doc_id
            group.append(_Pending(outcome, rows, replaces))
            size += len(rows.nodes) + len(rows.rels)
            if size >= batch_elements:
                flush()
        flush()
        writer.drain()
        report_written()
    finally:
        writer.close()
    return summary


def _interrupted(summary: LoadSummary, writer: _UnitWriter, unsent: list[_Pending]) -> StoreInterrupted:
    writer.drain()  # the units still queued are lost too
    for item in writer.lost + unsent:
        item.outcome.status, item.outcome.reason = "failed", f"{item.outcome.source}: not loaded ({writer.error})"
        summary.outcomes.append(item.outcome)
    writer.lost, unsent[:] = [], []
    return StoreInterrupted(summary, str(writer.error))


def write_documents(store: Store, documents: Iterable[DocumentRows],
                    batch_elements: int = UNIT_ELEMENTS) -> LoadSummary:
    """Write documents' rows as they are (new documents: nothing to replace), in the units and with the writer
    thread of :func:`load_documents`; for rows made without facts (bench/store.py)."""
    summary = LoadSummary()
    writer = _UnitWriter(store, summary)
    group: list[_Pending] = []
    size = 0
    try:
        for rows in documents:
            group.append(_Pending(Outcome(rows.source, rows.doc_id), rows, []))
            size += len(rows.nodes) + len(rows.rels)
            if size >= batch_elements:
                writer.submit(group, load_statements([item.rows for item in group]))
                group, size = [], 0
        if group:
            writer.submit(group, load_statements([item.rows for item in group]))
        writer.drain()
    finally:
        writer.close()
    if writer.error is not None:
        raise writer.error
    summary.outcomes = [item.outcome for unit in writer.done for item in unit]
    return summary


def _write_group(store: Store, group: list[_Pending], summary: LoadSummary,
                 statements: list[tuple[str, dict]] | None = None) -> None:
    """Write a unit of documents; when the store refuses it, each document alone (idempotent statements)."""
    from graph.store import StoreError, StoreUnavailable

    try:
        statements = statements or group_statements(store, group)
        summary.add_counts(statements, store.write_atomic(statements))
        return
    except StoreUnavailable:
        raise
    except StoreError as exc:
        if len(group) == 1:
            group[0].outcome.status = "failed"
            group[0].outcome.reason = f"{group[0].outcome.source}: not loaded ({exc})"
            return
    for item in group:
        _write_group(store, [item], summary)


def stored_facts(store: Store, doc_ids: Iterable[str]) -> Iterator[tuple[DocumentFacts, str]]:
    """The facts (with text) and source path of loaded documents, to load them again under new judgements."""
    rows = store.query("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.facts, d.text, d.source",
                       {"ids": sorted(set(doc_ids))}).rows
    for doc_id, facts_json, text, source in rows:
        facts = DocumentFacts.from_dict(json.loads(facts_json))
        facts.document.id, facts.document.text = doc_id, text or ""
        facts.document.source = facts.document.source or source or ""
        yield facts, source or ""


# ------------------------------------------------------------------------------------------ from paths

def _facts_files(path: Path) -> list[Path]:
    """Facts JSON files: the path itself, or those under a folder (hidden ones skipped)."""
    if path.is_file():
        return [path] if path.suffix.lower() == ".json" else []
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*.json")
                  if not any(part.startswith(".") for part in p.relative_to(path).parts))


def items_from_paths(paths: Iterable[str | Path], jobs: int = 1,
                     max_bytes: int | None = None) -> tuple[int, Iterator[LoadItem]]:
    """(number of files, the items to load) for files and folders: facts JSON files are read as they
    are, every other document is read and extracted (ingest.pipeline, ``jobs`` processes)."""
    from ingest.pipeline import DEFAULT_MAX_BYTES, extract_paths
    from ingest.readers import iter_document_paths

    facts_files: list[Path] = []
    document_paths: list[Path] = []
    for given in map(Path, paths):
        facts_files += _facts_files(given)
        if given.is_dir() or not (given.is_file() and given.suffix.lower() == ".json"):
            document_paths.append(given)
    documents = list(iter_document_paths(document_paths)) if document_paths else []
    limit = max_bytes or DEFAULT_MAX_BYTES

    def generate() -> Iterator[LoadItem]:
        for path in facts_files:
            try:
                yield DocumentFacts.load(path), str(path), None
            except ValueError as exc:
                yield None, str(path), str(exc)
        if documents:
            for result in extract_paths(document_paths, jobs=jobs, max_bytes=limit):
                yield result.facts, result.path, result.error

    return len(facts_files) + len(documents), generate()
