"""Durability of ingest: `kill -9` of the embedded store during `edugraph ingest` of many documents.

After the restart every document loaded before the kill is there whole (each of its nodes and
relationships carries its id) and no document is there in part; ingesting the folder again
loads the rest and finds the survivors unchanged.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_graph import NEO4J_SKIP, ROOT, close_test_store, free_port, open_test_store

from graph.load.loader import load_documents
from graph.load.rows import build_rows, document_id
from graph.store.falkor import kill_server
from ingest.pipeline import read_facts_file, resolved_source

DOCUMENTS = 300
DISTRICTS = ["Балашовский муниципальный район", "Алейский район", "Балтасинский муниципальный район"]
SURNAMES = ["Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова", "Попова", "Морозова", "Волкова"]


def synthetic_facts(number: int) -> dict:
    """An order naming 20 teachers of 4 schools; schools and people recur across documents."""
    district = DISTRICTS[number % len(DISTRICTS)]
    schools = [f"МБОУ СОШ №{(number * 3 + k) % 40 + 1}" for k in range(4)]
    lines = [f"Приказ № {number}"]
    people = []
    for k in range(20):
        name = f"{SURNAMES[(number + k) % len(SURNAMES)]} {chr(0x410 + k % 20)}.{chr(0x410 + number % 17)}."
        school = schools[k % 4]
        start = sum(len(line) + 1 for line in lines)
        line = f"Наградить {name}, учителя {school}."
        lines.append(line)
        people.append({"name": name, "post": "учитель", "org": school, "span": [start, start + len(line)]})
    return {
        "document": {"kind": "order", "number": str(number), "date": "2020-01-15", "text": "\n".join(lines),
                     "issuer": f"Управление образования администрации {district}"},
        "people": people,
        "organisations": [{"name": s, "kind": "school", "district": district} for s in schools],
        "districts": [{"name": district}],
    }


def _write_corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for number in range(DOCUMENTS):
        path = folder / f"order_{number:04d}.json"
        path.write_text(json.dumps(synthetic_facts(number), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def _contents(store) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """id → sources of every node and of every relationship."""
    nodes = {n["properties"]["id"]: set(n["properties"].get("sources") or []) for n in store.iter_nodes()}
    rels = {r["properties"]["id"]: set(r["properties"].get("sources") or []) for r in store.iter_relationships()}
    return nodes, rels


def _assert_whole_documents_only(store, paths: list[Path]) -> None:
    """Every loaded document is whole, none is there in part, and a second ingest loads just the rest."""
    loaded = {row[0] for row in store.query("MATCH (d:Document) RETURN d.id").rows}
    assert 30 <= len(loaded) < DOCUMENTS, f"the kill should land mid-run ({len(loaded)} loaded)"
    nodes, rels = _contents(store)
    for path in paths:
        outcome = read_facts_file(path)
        doc_id = document_id(outcome.facts, outcome.doc_id)
        rows = build_rows(outcome.facts, doc_id, resolved_source(outcome))
        if doc_id in loaded:  # whole: every node and relationship it states carries it
            assert all(doc_id in nodes.get(node_id, set()) for node_id in rows.nodes), doc_id
            assert all(doc_id in rels.get(rel_id, set()) for rel_id in rows.rels), doc_id
    mentioned = set().union(*nodes.values(), *rels.values())
    assert mentioned == loaded  # no trace of a document that is not whole

    summary = load_documents(store, [read_facts_file(p) for p in paths])
    assert summary.count("unchanged") == len(loaded)
    assert summary.count("loaded") == DOCUMENTS - len(loaded)


def _ingest_under_way(store, corpus: Path, data_dir: Path, timeout: float) -> subprocess.Popen:
    """An ``edugraph ingest`` of ``corpus`` in another process (on the data dir's own store), once 30 documents are in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    ingest = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "ingest", str(corpus), "--data-dir", str(data_dir), "-q"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while store.query("MATCH (d:Document) RETURN count(d)").rows[0][0] < 30:
        assert ingest.poll() is None, f"the ingest ended before the kill: {ingest.communicate()}"
        assert time.monotonic() < deadline, "the ingest did not get going"
        time.sleep(0.02)
    return ingest


def test_kill_9_during_ingest_leaves_whole_documents_only(tmp_path):
    data_dir = tmp_path / "data"
    paths = _write_corpus(tmp_path / "corpus")
    store = open_test_store("falkordb", data_dir)
    try:
        store.ensure_schema()
        ingest = _ingest_under_way(store, tmp_path / "corpus", data_dir, timeout=120)
        kill_server(data_dir)
        out, err = ingest.communicate(timeout=120)
        assert ingest.returncode != 0
        assert "the store went away" in err and "Traceback" not in err, err
        store.close()

        store = open_test_store("falkordb", data_dir)  # restarts the server from its append-only file
        _assert_whole_documents_only(store, paths)
    finally:
        close_test_store(store, data_dir)


@pytest.mark.neo4j
@NEO4J_SKIP
def test_kill_9_of_the_neo4j_jvm_during_ingest_leaves_whole_documents_only(tmp_path):
    from graph.store import neo4j_server, open_store

    data_dir = tmp_path / "data"
    paths = _write_corpus(tmp_path / "corpus")
    port = free_port()
    state = neo4j_server.start(data_dir, port=port, heap="512m", pagecache="64m")
    try:
        store = open_store(data_dir)  # through the edugraph.toml the start wrote
        store.ensure_schema()
        ingest = _ingest_under_way(store, tmp_path / "corpus", data_dir, timeout=180)
        os.kill(state.pid, signal.SIGKILL)
        out, err = ingest.communicate(timeout=180)
        assert ingest.returncode != 0
        assert "the store went away" in err and "Traceback" not in err, err
        store.close()

        neo4j_server.start(data_dir, port=port, heap="512m", pagecache="64m")  # recovers from its transaction log
        store = open_store(data_dir)
        _assert_whole_documents_only(store, paths)
        store.close()
    finally:
        neo4j_server.stop(data_dir)
