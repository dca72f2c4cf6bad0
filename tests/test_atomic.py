"""All-or-nothing documents (issue 11, item 3): a statement failing at any position of a document's block
leaves the graph exactly as before — no half-written document, nothing stored before lost or changed — and a
re-ingest after the failure loads the document."""

from __future__ import annotations

import pytest
from store_graph import store_per_backend
from test_loader import dump, gold_items

import graph.load.loader as loader
from graph.load.loader import load_documents
from graph.load.rows import build_rows, document_id
from graph.load.statements import load_statements, removal_statements
from graph.store import StoreError, WriteFailed

store = store_per_backend("atomic")

# MERGEs a node, then sets a map as a property: both stores refuse that at run time, after the node is made
FAILING = ("UNWIND $rows AS row MERGE (n:Person {id: row.id}) SET n.bad = {a: 1}", {"rows": [{"id": "p_failing"}]})


@pytest.fixture
def seeded(store):
    """The store holding four of the five seeds' gold facts; the fifth is the document of the blocks."""
    store.clear()
    store.ensure_schema()
    items = gold_items()
    summary = load_documents(store, items[:-1])
    assert summary.count("loaded") == 4
    return store, items


def _new_document_block(store, items) -> list[tuple[str, dict]]:
    last = items[-1]
    return load_statements(build_rows(last.facts, document_id(last.facts, last.doc_id), last.source))


def _replacement_block(store, items) -> list[tuple[str, dict]]:
    """The first seed taken out and written again under another title: removal and load in one block."""
    first = items[0]
    doc_id = first.doc_id
    first.facts.document.title = (first.facts.document.title or "") + " (вторая редакция)"
    return removal_statements(store, [doc_id]) + load_statements(build_rows(first.facts, doc_id, first.source))


@pytest.mark.parametrize("make_block", [_new_document_block, _replacement_block])
def test_a_failing_statement_at_each_position_leaves_the_graph_as_it_was(seeded, make_block):
    store, items = seeded
    block = make_block(store, items)
    assert len(block) >= 5  # a real document's block: nodes of several labels, relationships of several types
    before, counts = dump(store), store.counts()
    for position in range(len(block) + 1):
        with pytest.raises(WriteFailed, match="nothing was written"):
            store.write_atomic(block[:position] + [FAILING] + block[position:])
        assert store.counts() == counts, f"failing statement at position {position}"
        assert dump(store) == before, f"failing statement at position {position}"
    store.write_atomic(block)  # the block itself is fine
    assert dump(store) != before


def test_a_value_with_nul_is_never_cut(seeded):
    store, items = seeded
    block = _new_document_block(store, items)
    cypher, params = block[0]
    rows = [dict(params["rows"][0], name="Школа\x00 № 1"), *params["rows"][1:]]
    before = dump(store)
    if store.backend == "falkordb":  # it would cut the query at the NUL: the block is refused whole
        with pytest.raises(StoreError):
            store.write_atomic([(cypher, {**params, "rows": rows}), *block[1:]])
        assert dump(store) == before
    else:  # Neo4j stores the character: the block is written whole, the name as it was given
        store.write_atomic([(cypher, {**params, "rows": rows}), *block[1:]])
        assert store.query("MATCH (n {id: $id}) RETURN n.name", {"id": rows[0]["id"]}).rows == [["Школа\x00 № 1"]]


def test_a_document_that_failed_loads_on_the_next_ingest(seeded, monkeypatch):
    store, items = seeded
    real = loader.group_statements
    monkeypatch.setattr(loader, "group_statements", lambda s, group: [*real(s, group)[:2], FAILING,
                                                                      *real(s, group)[2:]])
    before = dump(store)
    failed = load_documents(store, gold_items()[-1:])
    assert failed.count("failed") == 1 and dump(store) == before
    monkeypatch.setattr(loader, "group_statements", real)
    again = load_documents(store, gold_items()[-1:])
    assert again.count("loaded") == 1 and again.count("unchanged") == 0
    assert store.query("MATCH (d:Document {id: $id}) RETURN count(d)",
                       {"id": items[-1].doc_id}).rows == [[1]]
