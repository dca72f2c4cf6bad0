"""Documents uploaded through the dashboard: read, extract, load — one outcome per file.

A bad file (unreadable, unsupported, empty, an extraction bug, a failed load)
becomes an outcome with ``error`` set to the reason; the other files go on, and
the loader writes whole documents or nothing, so what is already stored is
never lost or half-written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.load.loader import LoadItem, StoreInterrupted, load_documents
from graph.store import Store, StoreError
from ingest.facts import DocumentFacts
from ingest.readers import ReadError, read_bytes

STATUS_RU = {"loaded": "загружен", "replaced": "заменил прежнюю версию", "unchanged": "уже был загружен"}


@dataclass
class UploadOutcome:
    name: str
    error: str | None = None
    summary: str = ""


def extract_upload(name: str, data: bytes) -> tuple[DocumentFacts | None, str | None]:
    """The facts of one uploaded file, or the reason there are none (never raised)."""
    from ingest.extract import extract_facts

    try:
        document = read_bytes(data, name)
    except ReadError as exc:
        return None, exc.reason
    try:
        return extract_facts(document), None
    except Exception as exc:  # an extraction bug must not cost the other files
        return None, f"извлечение не удалось ({type(exc).__name__}: {exc})"


def ingest_uploads(store: Store, files: list[tuple[str, bytes]],
                   on_progress: Callable[[int, int, str], None] | None = None) -> list[UploadOutcome]:
    """Read, extract and load every (file name, bytes); the outcomes in the files' order."""
    outcomes: list[UploadOutcome] = []
    items: list[LoadItem] = []
    extracted: dict[str, tuple[int, DocumentFacts]] = {}
    for number, (name, data) in enumerate(files, start=1):
        facts, error = extract_upload(name, data)
        outcomes.append(UploadOutcome(name, error=error))
        if facts is not None:
            extracted[facts.document.id] = (number - 1, facts)
            items.append((facts, name, None))
        if on_progress:
            on_progress(number, len(files), name)
    if not items:
        return outcomes
    try:
        summary = load_documents(store, items)
    except StoreInterrupted as exc:
        summary = exc.summary
    except StoreError as exc:
        for index, _facts in extracted.values():
            outcomes[index].error = f"загрузка в граф не удалась ({exc})"
        return outcomes
    done = {o.doc_id: o for o in summary.outcomes}
    for doc_id, (index, facts) in extracted.items():
        outcome = done.get(doc_id)
        if outcome is None or outcome.status == "failed":
            outcomes[index].error = outcome.reason if outcome else "загрузка в граф прервана"
            continue
        outcomes[index].summary = (f"{outcomes[index].name} — {STATUS_RU.get(outcome.status, outcome.status)} "
                                   f"(люди: {len(facts.people)}, организации: {len(facts.organisations)}, "
                                   f"события: {len(facts.events)})")
    return outcomes
