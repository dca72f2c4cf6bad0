"""Facts in, graph out: documents written in atomic units of batched statements.

:func:`load_documents` writes each unit of whole documents with one ``Store.write_atomic`` (whole or
not at all, even if the store is killed), by a writer thread while the next unit is built. A document
whose id is loaded with the same digest is unchanged and skipped; the same id with another digest (a
newer extraction), or the same source path with a new id (an edited file), replaces the old version in
the same atomic unit. It takes facts only, as :class:`ingest.pipeline.Outcome` records (one per document,
from reading to the store), and sets their status.
"""


from __future__ import annotations

import json
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.load.rows import DocumentRows, Redirect, build_rows, document_id, no_redirect
from graph.load.statements import UNIT_ELEMENTS, load_statements, removal_statements
from graph.store import Store
from ingest.facts import DocumentFacts
from ingest.pipeline import FILE, UPLOAD, Outcome, resolved_source

# ------------------------------------------------------------------------------------------- documents

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
        """New elements from the statistics; updated: the rest of the rows (existing elements a new document states).
        Summed over the block: a store may give the whole block's statistics on one result (FalkorDB)."""
        node_rows = rel_rows = 0
        for cypher, params in statements:
            if cypher.startswith(_LOAD_PREFIX):
                if " MERGE (a)-" in cypher:
                    rel_rows += len(params["rows"])
                else:
                    node_rows += len(params["rows"])
        nodes = sum(result.stats.get("nodes_created", 0) for result in results)
        rels = sum(result.stats.get("relationships_created", 0) for result in results)
        self.nodes_created += nodes
        self.nodes_updated += max(0, node_rows - nodes)
        self.rels_created += rels
        self.rels_updated += max(0, rel_rows - rels)


_LOAD_PREFIX = "UNWIND $rows AS row M"  # node and relationship load statements (removal ones start otherwise)


def loaded_documents(store: Store) -> dict[str, tuple[str, str]]:
    """Document id → (source, digest) of every loaded document."""
    rows = store.query("MATCH (d:Document) RETURN d.id, d.source, d.digest").rows
    return {doc_id: (source or "", digest or "") for doc_id, source, digest in rows}





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


def load_documents(store: Store, outcomes: Iterable[Outcome], progress: Callable[[Outcome], None] | None = None,
                   redirect: Redirect = no_redirect, batch_elements: int = UNIT_ELEMENTS) -> LoadSummary:
    """Load the facts of every outcome (one per document, ingest.pipeline's); one already failed is reported as
    it is; a failure never stops the others.

    Documents are written in atomic units of whole documents (about
    ``batch_elements`` rows each: fewer round trips than one per document),
    by a writer thread while the next unit is built; a unit the store refuses
    is written again one document at a time, so a bad document fails alone.
    A store that goes away ends the run with :class:`StoreInterrupted`: the
    documents written before are complete, those of the unit in flight absent.
    """
    summary = LoadSummary()
    catalogue = _Catalogue(loaded_documents(store))
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
        for outcome in outcomes:
            item = catalogue.plan(outcome, redirect)
            if item is None:  # failed before, or unchanged: nothing to write
                report(outcome)
                continue
            if any(pending.rows.doc_id in item.replaces for pending in group):
                flush()  # what it replaces is in the unit being built: write that first
            group.append(item)
            size += len(item.rows.nodes) + len(item.rows.rels)
            if size >= batch_elements:
                flush()
        flush()
        writer.drain()
        report_written()
    finally:
        writer.close()
    return summary


class _Catalogue:
    """The documents of the store as the load goes on: id → (source, digest), and the document of each source."""

    def __init__(self, known: dict[str, tuple[str, str]]):
        self.known = known
        self.by_source = {source: doc_id for doc_id, (source, _digest) in known.items() if source}

    def plan(self, outcome: Outcome, redirect: Redirect) -> _Pending | None:
        """What loading one outcome means: its rows and the documents it replaces (the same id with other facts,
        or another document from the same file); None when there is nothing to write (its status says why)."""
        if outcome.failed or outcome.facts is None:
            if not outcome.failed:
                outcome.fail(f"{outcome.source}: no facts", "facts")
            return None
        doc_id = outcome.doc_id = document_id(outcome.facts, outcome.doc_id)
        source = resolved_source(outcome)
        rows = build_rows(outcome.facts, doc_id, source or outcome.source, redirect)
        if doc_id in self.known and self.known[doc_id][1] == rows.digest:
            outcome.status = "unchanged"
            return None
        replaces = sorted({old for old in (doc_id if doc_id in self.known else None, self.by_source.get(source))
                           if old})
        outcome.status = "replaced" if replaces else "loaded"
        for old in replaces:
            self.by_source.pop(self.known.pop(old, ("", ""))[0], None)
        self.known[doc_id] = (source, rows.digest)
        if source:
            self.by_source[source] = doc_id
        return _Pending(outcome, rows, replaces)


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
            group.append(_Pending(Outcome(rows.source, doc_id=rows.doc_id), rows, []))
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


def stored_outcomes(store: Store, doc_ids: Iterable[str]) -> Iterator[Outcome]:
    """Loaded documents as outcomes to load again (under new judgements): their facts with their text."""
    rows = store.query("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.facts, d.text, d.source",
                       {"ids": sorted(set(doc_ids))}).rows
    for doc_id, facts_json, text, source in rows:
        facts = DocumentFacts.from_dict(json.loads(facts_json), f"document {doc_id}")
        facts.document.id, facts.document.text = doc_id, text or ""
        facts.document.source = source or facts.document.source or ""  # the stored one: absolute for a file
        origin = FILE if source and Path(source).is_absolute() else UPLOAD
        yield Outcome(source or doc_id, origin, facts, doc_id=doc_id)
