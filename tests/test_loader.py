"""The loader on the embedded store: the seeds' gold facts, documents made for the tests (replace, remove,
provenance), judgements (merge, split, undo) and the `edugraph ingest/remove/candidates/merge` commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from store_graph import backend_env, store_per_backend

from graph.cli import main as cli_main
from graph.load.judgements import find_candidates, merge, read_judgements, redirect_for, split, undo
from graph.load.loader import load_documents
from graph.load.rows import build_rows, document_id
from graph.load.statements import removal_statements
from graph.model import parse_evidence
from ingest.facts import DocumentFacts
from ingest.pipeline import Outcome, outcomes_from_paths, read_facts_file

GOLD = Path(__file__).parent / "fixtures" / "seeds_gold"
BAL = "Балашовский муниципальный район"


def gold_items(reverse: bool = False):
    paths = sorted(GOLD.glob("*.json"), reverse=reverse)
    return [read_facts_file(p) for p in paths]


def item(facts: DocumentFacts, source: str) -> Outcome:
    """A document to load, as the pipeline hands it over."""
    return Outcome(source, facts=facts)


def dump(store) -> tuple[list, list]:
    nodes = sorted(json.dumps(n, ensure_ascii=False, sort_keys=True, default=str) for n in store.iter_nodes())
    rels = sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in store.iter_relationships())
    return nodes, rels


def make_doc(doc_id: str, text: str, people=(), orgs=(), source: str | None = None, **document) -> DocumentFacts:
    """Facts of a document written for the tests; each fact's span is the line that states it."""
    def span(fragment: str) -> list[int]:
        start = text.index(fragment)
        end = text.find("\n", start)
        return [text.rfind("\n", 0, start) + 1, len(text) if end < 0 else end]

    return DocumentFacts.from_dict({
        "document": {"id": doc_id, "source": source or f"/tmp/edugraph-tests/{doc_id}.txt", "text": text,
                     "kind": "order", **document},
        "people": [{**p, "span": span(p.pop("quote"))} for p in map(dict, people)],
        "organisations": [{**o, "span": span(o.pop("quote"))} for o in map(dict, orgs)],
    })


PINEROVKA = {"name": "МОУ СОШ р.п. Пинеровка", "kind": "school", "district": BAL, "quote": "Пинеровка"}
TEXT_A = "Приказ.\nНаградить Фандину С.А., директора МОУ СОШ р.п. Пинеровка.\n"
TEXT_B = "Новость.\nВыступила Фандина Светлана Александровна, директор МОУ СОШ р.п.Пинеровка.\nПичугин В.В. провёл урок.\n"


def doc_a(**kw) -> DocumentFacts:
    return make_doc("docA", TEXT_A, [{"name": "Фандиной С.А.", "post": "директор", "org": "МОУ СОШ р.п. Пинеровка",
                                      "quote": "Фандину"}], [PINEROVKA], **kw)


def doc_b(**kw) -> DocumentFacts:
    return make_doc("docB", TEXT_B, [
        {"name": "Фандина Светлана Александровна", "post": "директор", "org": "МОУ СОШ р.п.Пинеровка",
         "quote": "Выступила"},
        {"name": "Пичугин В.В.", "post": "учитель", "org": "МОУ СОШ р.п.Пинеровка", "quote": "Пичугин"}],
        [{**PINEROVKA, "name": "МОУ СОШ р.п.Пинеровка", "quote": "Выступила"}], **kw)


store = store_per_backend("loader")


@pytest.fixture
def empty(store):
    store.clear()
    store.ensure_schema()
    for path in Path(store.data_dir).glob("judgements.json"):
        path.unlink()
    return store


# --- rows, without a store ----------------------------------------------------------------------------------------

def test_rows_of_a_gold_file_have_ids_sources_and_evidence():
    path = GOLD / "001_7f12b0260ec274a2.json"
    outcome = read_facts_file(path)
    facts = outcome.facts
    doc_id = document_id(facts, outcome.doc_id)
    assert doc_id == "001_7f12b0260ec274a2"  # the gold files have no document.id: the file name is it
    rows = build_rows(facts, doc_id)
    people = [n for n in rows.nodes.values() if n.label == "Person"]
    assert sorted(n.name for n in people) == ["Кудашова Н.Б.", "Саврасная Н.Н."]  # Кудашова has two posts: one node
    assert sum(n.label == "Organization" for n in rows.nodes.values()) == len(facts.organisations)
    assert all(r.evidence == {f"{doc_id}:"} for r in rows.rels.values())  # the gold has no spans
    assert build_rows(facts, doc_id).nodes.keys() == rows.nodes.keys()


# --- the seeds ----------------------------------------------------------------------------------------------------

def test_seeds_give_one_node_per_real_person_and_organisation(empty):
    summary = load_documents(empty, gold_items())
    assert summary.count("loaded") == 5 and not summary.failed
    gold = [DocumentFacts.load(p) for p in sorted(GOLD.glob("*.json"))]
    gold_people = {p.name for facts in gold for p in facts.people}
    gold_orgs = {o.name for facts in gold for o in facts.organisations}
    names = {label: sorted(r[0] for r in empty.query(f"MATCH (n:{label}) RETURN n.name").rows)
             for label in ("Person", "Organization")}
    assert names["Person"] == sorted(gold_people)
    assert names["Organization"] == sorted(gold_orgs)
    bare = empty.query("MATCH ()-[r]->() WHERE r.sources IS NULL OR size(r.sources) = 0 RETURN count(r)").rows
    assert bare == [[0]]
    assert empty.query("MATCH (n) WHERE NOT n:EdugraphMeta AND (n.sources IS NULL OR size(n.sources) = 0) "
                       "RETURN count(n)").rows == [[0]]
    doc = empty.query("MATCH (d:Document {id: '000_2eaf39b14a64d8f7'})-[:SIGNED_BY]->(p:Person) "
                      "MATCH (d)-[:ISSUED_BY]->(o:Organization) RETURN d.number, d.date, p.name, o.name").rows
    assert doc == [["642", "2013-11-07", "Шехматова Н.Н.",
                    "Управление образования администрации Балашовского муниципального района"]]


def test_the_same_folder_twice_and_in_any_order_gives_the_same_graph(empty):
    made = [item(doc_a(), "a"), item(doc_b(), "b")]  # these two share a person and a school
    load_documents(empty, gold_items() + made)
    first = dump(empty)
    version = empty.version()
    again = load_documents(empty, gold_items() + made)
    assert again.count("unchanged") == 7 and empty.version() == version
    assert dump(empty) == first
    empty.clear()
    load_documents(empty, made[::-1] + gold_items(reverse=True))
    assert dump(empty) == first


# --- documents made for the tests ---------------------------------------------------------------------------------

def _person(store, family: str) -> dict:
    rows = store.query("MATCH (p:Person) WHERE p.family = $f RETURN p", {"f": family}).rows
    assert len(rows) == 1, rows
    return rows[0][0]["properties"]


def test_two_documents_name_one_person_and_keep_every_form_and_sentence(empty):
    load_documents(empty, [item(doc_a(), "a")])
    assert _person(empty, "Фандина")["name"] == "Фандина С.А."
    load_documents(empty, [item(doc_b(), "b")])  # a fuller name, stated later, becomes the name
    fandina = _person(empty, "Фандина")
    assert fandina["name"] == "Фандина Светлана Александровна" and fandina["given"] == "Светлана"
    assert fandina["sources"] == ["docA", "docB"]
    assert {"Фандиной С.А.", "Фандина С.А.", "Фандина Светлана Александровна"} <= set(fandina["aliases"])
    # which document gave which name (what a removal takes back), kept once a second document came
    assert {"docA:Фандиной С.А.", "docB:Фандина Светлана Александровна"} <= set(fandina["alias_sources"])
    assert "docA:Фандина Светлана Александровна" not in fandina["alias_sources"]
    assert fandina["name_sources"] == ["docA:Фандина С.А.", "docB:Фандина Светлана Александровна"]
    post = empty.query("MATCH (:Person {family: 'Фандина'})-[r:HOLDS_POST]->(o:School) RETURN r, o.name").rows
    assert len(post) == 1 and post[0][1] == "МОУ СОШ р.п. Пинеровка"
    rel = post[0][0]["properties"]
    assert rel["sources"] == ["docA", "docB"] and rel["post"] == "директор"
    quotes = {}
    for value in rel["evidence"]:
        doc, (start, end) = parse_evidence(value)
        quotes[doc] = {"docA": TEXT_A, "docB": TEXT_B}[doc][start:end]
    assert quotes == {"docA": "Наградить Фандину С.А., директора МОУ СОШ р.п. Пинеровка.",
                      "docB": "Выступила Фандина Светлана Александровна, директор МОУ СОШ р.п.Пинеровка."}


def test_remove_takes_out_only_what_the_document_alone_supports(empty):
    load_documents(empty, [item(doc_a(), "a"), item(doc_b(), "b")])
    empty.write_atomic(removal_statements(empty, ["docB"]))
    fandina = _person(empty, "Фандина")
    assert fandina["sources"] == ["docA"] and fandina["name"] == "Фандина С.А."
    assert "Фандина Светлана Александровна" not in fandina["aliases"]
    assert empty.query("MATCH (p:Person {family: 'Пичугин'}) RETURN count(p)").rows == [[0]]
    assert empty.query("MATCH (d:Document) RETURN d.id").rows == [["docA"]]
    evidence = empty.query("MATCH ()-[r]->() UNWIND r.evidence AS e RETURN DISTINCT e").rows
    assert evidence and all(e.startswith("docA:") for (e,) in evidence)


def test_an_edited_document_replaces_what_the_old_version_said(empty):
    load_documents(empty, [item(doc_a(), "a"), item(doc_b(), "b")])
    edited = doc_b()
    edited.document.id = "docB2"  # same source path, new bytes
    edited.people = edited.people[:1]  # Пичугин is gone from the new version
    summary = load_documents(empty, [item(edited, "b")])
    assert [o.status for o in summary.outcomes] == ["replaced"]
    assert sorted(r[0] for r in empty.query("MATCH (d:Document) RETURN d.id").rows) == ["docA", "docB2"]
    assert empty.query("MATCH (p:Person {family: 'Пичугин'}) RETURN count(p)").rows == [[0]]
    assert _person(empty, "Фандина")["sources"] == ["docA", "docB2"]


def test_same_initials_in_two_districts_stay_two_and_candidates_explain_a_missing_anchor(empty):
    other = make_doc("docC", "Кудашова Н.Б., учитель.\n", [{"name": "Кудашова Н.Б.", "org": "МКОУ «Первоалейская СОШ»",
                                                            "quote": "Кудашова"}],
                     [{"name": "МКОУ «Первоалейская СОШ»", "kind": "school", "district": "Алейский район",
                       "quote": "Кудашова"}])
    unanchored = make_doc("docD", "Кудашова Н.Б. выступила.\n",
                          [{"name": "Кудашова Н.Б.", "quote": "Кудашова"}])
    balashov = make_doc("docE", "Кудашова Н.Б., учитель.\n", [{"name": "Кудашова Н.Б.", "org": "МОУ СОШ р.п. Пинеровка",
                                                             "quote": "Кудашова"}], [PINEROVKA | {"quote": "Кудашова"}])
    load_documents(empty, [item(other, "c"), item(unanchored, "d"), item(balashov, "e")])
    assert empty.query("MATCH (p:Person {family: 'Кудашова'}) RETURN count(p)").rows == [[3]]
    pairs = find_candidates(empty, "Person")
    assert len(pairs) == 2  # each district's Кудашова with the unanchored one; never the two districts
    assert all("no district or organisation known for one of them" in c.con for c in pairs)


# --- judgements -----------------------------------------------------------------------------------------------------

def test_merge_survives_a_reingest_and_undo_restores_two_nodes(empty):
    data_dir = Path(empty.data_dir)
    first = make_doc("docF", "Фандина С.А.\n", [{"name": "Фандина С.А.", "quote": "Фандина"}])
    load_documents(empty, [item(doc_a(), "a"), item(first, "f")])
    ids = sorted(r[0] for r in empty.query("MATCH (p:Person {family: 'Фандина'}) RETURN p.id").rows)
    assert len(ids) == 2
    merge(empty, data_dir, ids[0], ids[1], note="one director")
    assert empty.query("MATCH (p:Person {family: 'Фандина'}) RETURN p.id, p.sources").rows == [
        [ids[0], ["docA", "docF"]]]
    merged = dump(empty)
    # a changed extraction of docF is loaded again under the judgement
    changed = make_doc("docF", "Фандина С.А.\n", [{"name": "Фандина С.А.", "post": "директор", "quote": "Фандина"}])
    load_documents(empty, [item(changed, "f")], redirect=redirect_for(read_judgements(data_dir)))
    assert empty.query("MATCH (p:Person {family: 'Фандина'}) RETURN count(p)").rows == [[1]]
    undo(empty, data_dir)
    assert read_judgements(data_dir) == []
    assert sorted(r[0] for r in empty.query("MATCH (p:Person {family: 'Фандина'}) RETURN p.id").rows) == ids
    assert dump(empty) != merged


def test_split_by_document_makes_a_new_node_and_undo_joins_it_back(empty):
    data_dir = Path(empty.data_dir)
    load_documents(empty, [item(doc_a(), "a"), item(doc_b(), "b")])
    before = dump(empty)
    node_id = empty.query("MATCH (p:Person {family: 'Фандина'}) RETURN p.id").rows[0][0]
    judgement, reloaded = split(empty, data_dir, node_id, ["docB"], [])
    assert reloaded == 2
    rows = sorted(empty.query("MATCH (p:Person {family: 'Фандина'}) RETURN p.id, p.sources").rows)
    assert sorted(r[1] for r in rows) == [["docA"], ["docB"]]
    assert judgement["new_id"] in {r[0] for r in rows}
    undo(empty, data_dir)
    assert dump(empty) == before


# --- the commands ---------------------------------------------------------------------------------------------------

def test_cli_ingest_reports_a_bad_file_and_loads_the_rest(empty, tmp_path, capsys, monkeypatch):
    for name in [k for k in os.environ if k.startswith("NEO4J_")]:
        monkeypatch.delenv(name)
    for name, value in backend_env(empty.backend, {}).items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(GOLD.glob("*.json"))[:2]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    total, _items = outcomes_from_paths([folder])
    assert total == 3
    code = cli_main(["ingest", str(folder), "--data-dir", str(empty.data_dir), "-q"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "documents: 2 loaded, 0 unchanged, 0 replaced, 1 failed" in out
    assert "broken.json: not a facts JSON file" in err and "Traceback" not in err
    assert empty.query("MATCH (d:Document) RETURN count(d)").rows == [[2]]
    assert cli_main(["remove", "000_2eaf39b14a64d8f7", "nonexistent", "--data-dir", str(empty.data_dir)]) == 1
    out, err = capsys.readouterr()
    assert "removed 1 document(s)" in out and "nonexistent: no such document" in err
    assert empty.query("MATCH (d:Document) RETURN count(d)").rows == [[1]]
    assert cli_main(["candidates", "--data-dir", str(empty.data_dir)]) == 0
    assert cli_main(["merge", "nope-1", "nope-2", "--data-dir", str(empty.data_dir)]) == 2
    assert "nope-1: no such node" in capsys.readouterr().err
