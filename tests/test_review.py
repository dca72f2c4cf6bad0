"""The review page's judgements (graph/load/judgements.py) and the page itself (ui/review.py, AppTest), over a
real embedded store holding the sample and a news item naming «Фандина С.А.» without her school: a fact
marked wrong leaves the graph, stays out of a re-ingest of a changed document and of a merge's reload, and
comes back when restored; a pair kept apart is no longer proposed; every judgement says who made it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.cli import main
from graph.load import judgements as J
from graph.load.rows import RelRow
from graph.store import open_store
from graph.store.falkor import stop_server

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
FANDINA = "Фандина Светлана Александровна"
ORDER_642 = "000_2eaf39b14a64d8f7.txt"
NEWS = ("Информация о семинаре\n\n15 марта 2019 года состоялся областной семинар для руководителей школ. "
        "С докладом о работе с одарёнными детьми выступила Фандина С.А.\n")


@pytest.fixture()
def world(tmp_path):
    documents = tmp_path / "documents"
    shutil.copytree(ROOT / "data" / "sample", documents)
    (documents / "семинар.txt").write_text(NEWS, encoding="utf-8")
    data_dir = tmp_path / "data"
    saved = {k: os.environ.pop(k, None) for k in ("NEO4J_URI", "EDUGRAPH_DATA")}
    os.environ["EDUGRAPH_DATA"] = str(data_dir)
    assert main(["ingest", str(documents), "--data-dir", str(data_dir), "--quiet"]) == 0
    store = open_store(data_dir)
    try:
        yield store, data_dir, documents
    finally:
        store.close()
        stop_server(data_dir)
        for key, value in saved.items():
            os.environ.pop(key, None)
            if value is not None:
                os.environ[key] = value


def post_of(store, name: str) -> list[list]:
    return store.query("MATCH (p:Person {name: $n})-[h:HOLDS_POST]->(o) RETURN p.id, o.id, h.post, h.sources",
                       {"n": name}).rows


def test_a_wrong_fact_stays_out_until_restored(world):
    store, data_dir, documents = world
    person, org, post, sources = post_of(store, FANDINA)[0]
    fact = {"type": "HOLDS_POST", "start": person, "end": org, "props": {"post": post}, "sources": sources}
    judgement, reloaded = J.mark_wrong(store, data_dir, [fact], {person: FANDINA, org: "МОУ СОШ р.п. Пинеровка"},
                                       author="ivanova")
    assert reloaded == 1 and post_of(store, FANDINA) == []
    assert J.read_judgements(data_dir)[-1]["author"] == "ivanova"
    assert "wrong" in J.describe(1, judgement) and "by ivanova" in J.describe(1, judgement)
    # the order edited (a new version, another id) and ingested again: replaced, the fact still out
    order = documents / ORDER_642
    order.write_text(order.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["ingest", str(documents), "--data-dir", str(data_dir), "--quiet"]) == 0
    assert post_of(store, FANDINA) == []
    # a merge reloads her documents: the fact stays out of that too
    other = store.query("MATCH (p:Person {name: 'Фандина С.А.'}) RETURN p.id").rows[0][0]
    J.merge(store, data_dir, person, other)
    assert post_of(store, FANDINA) == [] and len(store.query(
        "MATCH (p:Person) WHERE p.name STARTS WITH 'Фандина' RETURN p.id").rows) == 1
    # restored (undo of the wrong judgement, the first of two): back, from the new version of the order
    J.undo(store, data_dir, 1)
    assert [row[2] for row in post_of(store, FANDINA)] == ["директор"]
    assert [j["op"] for j in J.read_judgements(data_dir)] == ["merge"]


def test_suppressed_facts_follow_later_merges():
    items = [{"op": J.WRONG, "facts": [{"type": "HOLDS_POST", "start": "p1", "end": "o1", "props": {"post": "учитель"}}]},
             {"op": "merge", "keep": "p2", "drop": "p1"}]
    drop = J.suppressed_facts(items)
    assert drop(RelRow("HOLDS_POST", "Person", "p2", "Organization", "o1", "r", {"post": "учитель"}))
    assert not drop(RelRow("HOLDS_POST", "Person", "p2", "Organization", "o1", "r", {"post": "директор"}))
    assert J.suppressed_facts([{"op": "merge", "keep": "a", "drop": "b"}]) is None


def test_a_pair_kept_apart_is_no_longer_proposed(world):
    store, data_dir, _documents = world
    candidates = J.open_candidates(store, data_dir)
    assert [(c.a_name, c.b_name) for c in candidates] == [("Фандина С.А.", FANDINA)]
    judgement = J.keep_apart(store, data_dir, candidates[0].a, candidates[0].b, author="ivanova")
    assert J.open_candidates(store, data_dir) == [] and J.find_candidates(store)  # the graph is as it was
    assert judgement["node_names"][candidates[0].a] == "Фандина С.А." and judgement["author"] == "ivanova"
    J.undo(store, data_dir)
    assert len(J.open_candidates(store, data_dir)) == 1


def test_a_merge_keeps_its_author_and_the_names_it_joined(world):
    store, data_dir, _documents = world
    candidate = J.open_candidates(store, data_dir)[0]
    judgement, _ = J.merge(store, data_dir, candidate.b, candidate.a, author="petrov")
    named = J.name_nodes(data_dir, judgement, {candidate.a: candidate.a_name})
    assert J.read_judgements(data_dir) == [named] and named["author"] == "petrov"
    assert named["node_names"] == {candidate.a: "Фандина С.А."} and "names" not in named


def review(data_dir: Path, section: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if section:
        at.session_state["rv_section"] = section
    at.switch_page("ui/review.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_review_page_merges_keeps_apart_splits_and_lists_everything(world):
    store, data_dir, _documents = world
    at = review(data_dir)
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Фандина С.А." in text and "одинаковые фамилия и инициалы" in text
    at.button(key="apart_0").click().run()
    assert not at.exception and "разные" in at.success[0].value
    assert J.read_judgements(data_dir)[-1]["op"] == J.DISTINCT
    at = review(data_dir, "Журнал решений")
    journal = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Разные: «Фандина С.А.» и «Фандина Светлана Александровна»" in journal
    assert any("@local" in c.value for c in at.caption)  # without accounts: the person at this machine
    at.button(key="undo_1").click().run()
    assert J.read_judgements(data_dir) == []
    # one person after all; then the news item's mention split off again, from the page
    at = review(data_dir)
    at.button(key="merge_0").click().run()
    assert "Объединено" in at.success[0].value.replace("\\", "")
    assert len(store.query("MATCH (p:Person) WHERE p.name STARTS WITH 'Фандина' RETURN p.id").rows) == 1
    at = review(data_dir, "Разделить")
    at.text_input(key="rv_split_query").input("Фандиной").run()
    target = at.selectbox(key="rv_split_pick").value
    news = store.query("MATCH (d:Document) WHERE d.source ENDS WITH 'семинар.txt' RETURN d.id").rows[0][0]
    at.multiselect(key=f"rv_split_docs_{target}").select(news).run()
    at.button(key="rv_split_go").click().run()
    assert not at.exception
    assert [j["op"] for j in J.read_judgements(data_dir)] == ["merge", "split"]
    assert len(store.query("MATCH (p:Person) WHERE p.name STARTS WITH 'Фандина' RETURN p.id").rows) == 2
