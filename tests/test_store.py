"""The store interface on every configured backend, and the embedded server's lifecycle and durability."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from store_graph import ROOT, backend_env, graph_statements, relationship_count, store_per_backend

from graph.cli import main as cli_main
from graph.store import QueryError, ReadOnlyQuery, WriteFailed, open_store
from graph.store.falkor import kill_server, ping, server_paths, stop_server

store = store_per_backend("store")


@pytest.fixture
def loaded(store):
    store.clear()
    store.ensure_schema()
    store.write_atomic(graph_statements())
    return store


def test_values_come_back_plain(loaded):
    (row,) = loaded.query(
        "MATCH p = (a:Person {id: 'p_pichugin'})-[r:HOLDS_POST]->(o:Organization) RETURN a, r, p, o.name, [1, 'x']"
    ).rows
    person, rel, path, name, plain_list = row
    assert person["id"] == "p_pichugin" and person["labels"] == ["Person"]
    assert person["properties"]["name"] == "Пичугин Виталий Владимирович"
    assert rel == {"type": "HOLDS_POST", "start": "p_pichugin", "end": "org_pin", "properties": rel["properties"]}
    assert rel["properties"]["post"] == "учитель информатики" and rel["properties"]["sources"] == ["d000"]
    assert [n["id"] for n in path["nodes"]] == ["p_pichugin", "org_pin"]
    assert path["relationships"] == [rel]
    assert name == "МОУ СОШ р.п. Пинеровка" and plain_list == [1, "x"]
    # a relationship returned without its nodes still names its ends by their ids
    (alone,) = loaded.query("MATCH (:Award {id: 'aw_4'})-[r]->() RETURN r").rows
    assert alone[0]["start"] == "aw_4" and alone[0]["end"] == "org_pin"


def test_read_only_refuses_writes_and_changes_nothing(loaded):
    before, version = loaded.counts(), loaded.version()
    with pytest.raises(ReadOnlyQuery, match="read-only"):
        loaded.query("MATCH (p:Person {id: 'p_fandina'}) SET p.name = 'X' CREATE (:Person {id: 'new'})")
    assert loaded.counts() == before and loaded.version() == version
    assert loaded.query("MATCH (p:Person {id: 'p_fandina'}) RETURN p.name").rows == [
        ["Фандина Светлана Александровна"]]


def test_write_mode_writes_and_bumps_the_version(loaded):
    version = loaded.version()
    result = loaded.query("CREATE (:Person {id: 'p_new', name: 'Новикова А.А.'})", write=True)
    assert result.stats["nodes_created"] == 1
    assert loaded.version() != version
    assert loaded.counts()["Person"] == 7


def test_syntax_error_is_one_clear_line(loaded):
    with pytest.raises(QueryError) as caught:
        loaded.query("MATCH (n:Person RETURN n")
    message = str(caught.value)
    assert message.startswith("syntax error") and "\n" not in message


def test_write_atomic_refuses_a_bad_block_before_writing(loaded):
    before, version = loaded.counts(), loaded.version()
    with pytest.raises(WriteFailed, match="statement 2") as caught:
        loaded.write_atomic([("CREATE (:Person {id: 'p_x'})", {}), ("MATCH (n RETURN n", {})])
    assert "nothing was written" in str(caught.value)
    with pytest.raises(WriteFailed, match=r"\$rows"):
        loaded.write_atomic([("CREATE (:Person {id: 'p_y'})", {}), ("UNWIND $rows AS r CREATE (:Group)", {})])
    assert loaded.counts() == before and loaded.version() == version


def test_unique_ids_are_enforced_after_ensure_schema(loaded):
    loaded.ensure_schema()  # idempotent
    with pytest.raises(QueryError):
        loaded.query("CREATE (:Person {id: 'p_fandina'})", write=True)
    assert loaded.query("MATCH (p:Person {id: 'p_fandina'}) RETURN count(p)").rows == [[1]]


def test_counts_and_iteration_cover_the_whole_graph(loaded):
    counts = loaded.counts()
    assert counts["Person"] == 6 and counts["School"] == 3 and counts["Organization"] == 5
    assert counts["HOLDS_POST"] == 6 and counts["Document"] == 3
    nodes = list(loaded.iter_nodes(batch_size=4))
    assert len(nodes) == len({n["id"] for n in nodes}) == 29
    assert {"Organization", "Authority"} <= set(next(n for n in nodes if n["id"] == "org_uo")["labels"])
    rels = list(loaded.iter_relationships(batch_size=3))
    assert len(rels) == relationship_count() == sum(v for k, v in counts.items() if k.isupper())
    assert all(r["properties"]["sources"] and r["properties"]["evidence"] for r in rels)
    assert {"type": "SIGNED_BY", "start": "d000", "end": "p_shekhmatova"}.items() <= next(
        r for r in rels if r["type"] == "SIGNED_BY").items()


def test_clear_empties_the_graph_and_keeps_the_schema(loaded):
    loaded.clear()
    assert loaded.counts() == {} and list(loaded.iter_nodes()) == []
    loaded.query("CREATE (:Person {id: 'p1'})", write=True)
    with pytest.raises(QueryError):
        loaded.query("CREATE (:Person {id: 'p1'})", write=True)


def test_a_second_process_sees_the_same_data(loaded):
    env = backend_env(loaded.backend, {**os.environ, "PYTHONPATH": str(ROOT)})
    script = (
        "import json, sys\n"
        "from graph.store import open_store\n"
        "with open_store(sys.argv[1]) as s:\n"
        "    names = s.query(\"MATCH (p:Person {id: 'p_kudashova'}) RETURN p.name\").rows\n"
        "    s.query(\"CREATE (:Person {id: 'p_other', name: 'из другого процесса'})\", write=True)\n"
        "    print(json.dumps(names, ensure_ascii=False))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(loaded.data_dir)], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == [["Кудашова Н.Б."]]
    assert loaded.query("MATCH (p:Person {id: 'p_other'}) RETURN p.name").rows == [["из другого процесса"]]


def test_cli_cypher_query_status(loaded, capsys):
    data_dir = ["--data-dir", str(loaded.data_dir)]
    if loaded.backend != "falkordb":
        pytest.skip("the CLI tests run on the embedded store")
    assert cli_main(["cypher", "MATCH (p:Person {id: $id}) RETURN p.name AS name", "-p", "id=p_fandina",
                     "--format", "json", *data_dir]) == 0
    assert json.loads(capsys.readouterr().out) == [{"name": "Фандина Светлана Александровна"}]
    assert cli_main(["cypher", "CREATE (:Person {id: 'p_cli'})", *data_dir]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("error: the query writes") and captured.err.count("\n") == 1
    assert cli_main(["cypher", "CREATE (:Person {id: 'p_cli'})", "--write", *data_dir]) == 0
    assert cli_main(["cypher", "MATCH (n RETURN n", *data_dir]) == 2
    assert capsys.readouterr().err.startswith("error: syntax error")
    assert cli_main(["query", "staff_of_organisation", "-p", "org=Пинеровка", "--format", "csv", *data_dir]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "organisation,person,post,person_id,sources" and len(out) == 4
    assert cli_main(["query", "person_profile", *data_dir]) == 2
    assert "missing parameter id" in capsys.readouterr().err
    assert cli_main(["query", "--list"]) == 0
    assert "shortest_chain -p from=<string> -p to=<string>" in capsys.readouterr().out
    assert cli_main(["status", *data_dir]) == 0
    status = capsys.readouterr().out
    assert "backend: falkordb" in status and "Person: 7" in status


# --- the embedded server ----------------------------------------------------------------------------------------------

def _falkor(tmp_path: Path):
    saved = os.environ.pop("NEO4J_URI", None)
    try:
        return open_store(tmp_path)
    finally:
        if saved is not None:
            os.environ["NEO4J_URI"] = saved


def test_stop_and_restart_after_kill_9_keeps_every_write(tmp_path, capsys):
    store = _falkor(tmp_path)
    try:
        store.write_atomic(graph_statements())
        store.query("CREATE (:Person {id: 'p_last', name: 'последняя запись'})", write=True)
        version = store.version()
        kill_server(tmp_path)
        store.close()
        paths = server_paths(tmp_path)
        assert paths.socket.exists() and paths.pid_file.exists()  # left behind by the crash
        paths.pid_file.write_text(str(os.getpid()))  # a stale pid now used by another process
        store = _falkor(tmp_path)
        assert store.query("MATCH (n) RETURN count(n)").rows == [[30]]
        assert store.query("MATCH (p:Person {id: 'p_last'}) RETURN p.name").rows == [["последняя запись"]]
        assert store.version() == version
        store.close()
        assert cli_main(["stop", "--data-dir", str(tmp_path)]) == 0
        assert "stopped" in capsys.readouterr().out
        assert ping(paths.socket) == "down" and not paths.pid_file.exists()
        assert cli_main(["status", "--data-dir", str(tmp_path)]) == 1
        store = _falkor(tmp_path)  # a clean restart keeps everything too
        assert store.query("MATCH (n) RETURN count(n)").rows == [[30]]
    finally:
        store.close()
        stop_server(tmp_path)


def test_a_block_cut_by_kill_9_is_all_or_nothing(tmp_path):
    """kill -9 the server while a large write_atomic runs; after the restart each block is whole or absent."""
    rows = [{"n": i} for i in range(20_000)]
    block = [(f"UNWIND $rows AS row CREATE (:Bulk {{batch: $batch, part: {part}, n: row.n}})", {"rows": rows})
             for part in range(5)]
    outcomes = []
    try:
        for attempt, delay in enumerate((0.05, 0.3, 0.55)):
            store = _falkor(tmp_path)
            committed = store.query("MATCH (b:Bulk) RETURN count(b)").rows[0][0]
            statements = [(cypher, {**params, "batch": attempt}) for cypher, params in block]

            def write(s=store, st=statements):
                try:
                    s.write_atomic(st)
                except Exception as exc:  # the connection dies with the server
                    outcomes.append(type(exc).__name__)

            writer = threading.Thread(target=write)
            writer.start()
            time.sleep(delay)
            kill_server(tmp_path)
            writer.join(timeout=60)
            store.close()
            store = _falkor(tmp_path)
            in_batch = store.query("MATCH (b:Bulk {batch: $b}) RETURN count(b)", {"b": attempt}).rows[0][0]
            assert in_batch in (0, 100_000), f"attempt {attempt}: {in_batch} of 100000 nodes survived"
            assert store.query("MATCH (b:Bulk) WHERE b.batch < $b RETURN count(b)",
                               {"b": attempt}).rows[0][0] == committed
            store.close()
        assert outcomes, "no kill landed while a block was in flight"
    finally:
        stop_server(tmp_path)
