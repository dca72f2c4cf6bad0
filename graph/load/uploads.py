"""Documents uploaded through the dashboard: the pipeline's extraction of uploaded bytes, then the loader.

One :class:`ingest.pipeline.Outcome` per file, in the files' order: a bad file (unreadable, unsupported,
empty, an extraction bug, a failed load) has ``status`` ``failed`` and the reason; the others go on, and the
loader writes whole documents or nothing, so what is already stored is never lost or half-written. An
upload is identified by its content and the uploader's name for it, never by a path on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.load.judgements import read_judgements, redirect_for
from graph.load.loader import StoreInterrupted, load_documents
from graph.load.rows import no_redirect
from graph.store import Store, StoreError
from ingest.pipeline import Outcome, extract_upload


def ingest_uploads(store: Store, files: list[tuple[str, bytes]],
                   on_progress: Callable[[int, int, str], None] | None = None,
                   data_dir: str | Path | None = None) -> list[Outcome]:
    """Read, extract and load every (file name, bytes); the outcomes in the files' order. The judgements of
    ``data_dir`` (merges, splits, facts marked wrong) apply to them as to every other load."""
    outcomes: list[Outcome] = []
    for number, (name, data) in enumerate(files, start=1):
        outcomes.append(extract_upload(name, data))
        if on_progress:
            on_progress(number, len(files), name)
    extracted = [o for o in outcomes if not o.failed]
    if not extracted:
        return outcomes
    try:
        redirect = redirect_for(read_judgements(Path(data_dir))) if data_dir else no_redirect
        load_documents(store, extracted, redirect=redirect)
    except StoreInterrupted:
        pass  # the outcomes of what was not written say so
    except StoreError as exc:
        for outcome in extracted:
            outcome.fail(f"{outcome.source}: not loaded ({exc})", "store")
    for outcome in extracted:
        if outcome.status == "extracted":  # the store went away before its unit was written
            outcome.fail(f"{outcome.source}: not loaded (the store went away)", "store")
    return outcomes
