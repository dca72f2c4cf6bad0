"""Every named query of queries/ on a small real graph, on every configured store."""

from __future__ import annotations

import pytest
from store_graph import BACKENDS, DOCS, NODES, close_test_store, graph_statements, line_span, open_test_store

from graph.store.queries import ParameterError, bind_params, get_query, list_queries, render_result, run_named


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("queries")
    opened = open_test_store(request.param, data_dir)
    try:
        opened.clear()
        opened.ensure_schema()
        opened.write_atomic(graph_statements())
        yield opened
    finally:
        close_test_store(opened, data_dir)


def rows(store, name: str, **params: str) -> list[dict]:
    return run_named(store, name, params).records()


def test_at_least_fifteen_queries_with_headers():
    queries = list_queries()
    assert len(queries) >= 15
    for query in queries:
        assert query.title and query.answers, query.name
        assert "MATCH" in query.text


def test_parameters_are_converted_and_checked():
    query = get_query("most_awarded_people")
    assert bind_params(query, {}) == {"limit": 20}
    assert bind_params(query, {"limit": "3"}) == {"limit": 3}
    with pytest.raises(ParameterError, match="limit: 'three' is not an int"):
        bind_params(query, {"limit": "three"})
    with pytest.raises(ParameterError, match="unknown parameter"):
        bind_params(query, {"lim": "3"})
    with pytest.raises(ParameterError, match="missing parameter id"):
        bind_params(get_query("person_profile"), {})
    with pytest.raises(ParameterError, match="no query named 'nope'"):
        get_query("nope")


def test_staff_of_organisation(store):
    found = rows(store, "staff_of_organisation", org="пинеровка")
    assert [(r["person"], r["post"]) for r in found] == [
        ("Акользина Елена Алексеевна", "заместитель директора"),
        ("Пичугин Виталий Владимирович", "учитель информатики"),
        ("Фандина Светлана Александровна", "директор"),
    ]
    fandina = found[2]
    assert sorted(fandina["sources"]) == ["d000", "dweb"]


def test_coworkers(store):
    found = {(r["person"], r["through"], r["shared"]) for r in rows(store, "coworkers", id="p_pichugin")}
    assert found == {
        ("Фандина Светлана Александровна", "organisation", "МОУ СОШ р.п. Пинеровка"),
        ("Акользина Елена Алексеевна", "organisation", "МОУ СОШ р.п. Пинеровка"),
        ("Фандина Светлана Александровна", "event", NODES["ev_dpv"][1]["name"]),
        ("Акользина Елена Алексеевна", "event", NODES["ev_dpv"][1]["name"]),
        ("Кудашова Н.Б.", "group", "сетевое сообщество учителей информатики"),
    }


def test_events_hosted_per_school_year(store):
    found = [(r["school"], r["year"], r["events"]) for r in rows(store, "events_hosted_per_school_year")]
    assert found == [("МКОУ «Первоалейская СОШ»", "2016", 1), ("МОУ СОШ р.п. Пинеровка", "2013", 1)]


def test_cross_district_collaboration(store):
    found = rows(store, "cross_district_collaboration")
    assert len(found) == 1
    pair = found[0]
    assert {pair["school_a"], pair["school_b"]} == {"МОУ СОШ р.п. Пинеровка", "МКОУ «Солнечная СОШ»"}
    assert {pair["district_a"], pair["district_b"]} == {"Балашовский муниципальный район", "Алейский район"}
    assert pair["shared"] == 1 and pair["through"] == ["Межрегиональный вебинар «Цифровая школа»"]


def test_most_awarded_people(store):
    found = rows(store, "most_awarded_people", limit="2")
    assert found[0]["person"] == "Фандина Светлана Александровна" and found[0]["awards"] == 2
    assert sorted(found[0]["kinds"]) == ["благодарственное письмо", "почетная грамота"]
    assert len(found) == 2 and found[1]["awards"] == 1


def test_shortest_chain(store):
    (chain,) = rows(store, "shortest_chain", **{"from": "p_akolzina", "to": "p_kudashova"})
    # Акользина — Пинеровка school — Пичугин — the informatics teachers' community — Кудашова
    assert chain["steps"] == 4
    assert chain["ids"][0] == "p_akolzina" and chain["ids"][-1] == "p_kudashova"
    assert chain["ids"][2] in {"p_pichugin", "p_fandina", "org_pin"}, chain
    assert rows(store, "shortest_chain", **{"from": "p_akolzina", "to": "p_shekhmatova"}) == []


def test_tie_documents_gives_the_sentence(store):
    found = rows(store, "tie_documents", a="p_fandina", b="org_pin")
    by_doc = {r["document"]: r for r in found if r["tie"] == "HOLDS_POST"}
    assert set(by_doc) == {"d000", "dweb"}
    start, end = line_span(DOCS["d000"]["text"], "Фандиной Светлане")
    assert by_doc["d000"]["sentence"] == DOCS["d000"]["text"][start:end]
    assert "Фандиной Светлане" in by_doc["d000"]["sentence"]
    assert by_doc["dweb"]["sentence"].startswith("С докладом выступила Фандина")
    assert {r["tie"] for r in found} == {"HOLDS_POST"}


def test_person_profile(store):
    (profile,) = rows(store, "person_profile", id="p_fandina")
    assert profile["name"] == "Фандина Светлана Александровна"
    assert profile["posts"] == ["директор — МОУ СОШ р.п. Пинеровка"]
    assert len(profile["events"]) == 2 and any("(speaker)" in e for e in profile["events"])
    assert sorted(profile["awards"]) == ["благодарственное письмо", "почетная грамота 2017-03-01"]
    assert profile["groups"] == [] and profile["documents"] == 2
    assert rows(store, "person_profile", id="nobody") == []


def test_organisation_profile(store):
    (profile,) = rows(store, "organisation_profile", id="org_pin")
    assert set(profile["labels"]) == {"Organization", "School"}
    assert profile["districts"] == ["Балашовский муниципальный район"]
    assert profile["subordinate_to"] == [
        "Управление образования администрации Балашовского муниципального района"]
    assert len(profile["staff"]) == 3 and "Фандина Светлана Александровна — директор" in profile["staff"]
    assert sorted(profile["events"])[0].startswith("host: День партнёрского взаимодействия")
    assert profile["awards"] == ["сертификат участия"]


@pytest.mark.parametrize(("text", "expected"), [
    ("партнерского", {"ev_dpv"}),  # the name says «партнёрского»: ё and е are one letter to the search
    ("ПАРТНЁРСКОГО взаимодействия", {"ev_dpv"}),
    ("солнечная сош", {"org_sol"}),  # a word inside «…»
    ("СОЛНЕЧНАЯ СРЕДНЯЯ", {"org_sol"}),  # only an alias says it
    ("светлана александровна", {"p_fandina"}),  # the longest word is not the first
    ("пинеровка фандина", set()),  # every word must be there, in order
])
def test_search_by_name_in_russian(store, text, expected):
    assert {r["id"] for r in rows(store, "search_by_name", text=text)} == expected


def test_search_by_name_uses_the_full_text_index(store, monkeypatch):
    sent: list[str] = []
    real = store.console_query
    monkeypatch.setattr(store, "console_query", lambda cypher, params=None: sent.append(cypher) or real(cypher, params))
    rows(store, "search_by_name", text="Пинеровка")
    rows(store, "search_by_name", text="р.п")  # no word of four letters: the scan
    assert "fulltext" in sent[0] and "fulltext" not in sent[1]


def test_search_by_name_and_alias(store):
    assert {r["id"] for r in rows(store, "search_by_name", text="ПИНЕРОВ")} == {"org_pin", "org_mc"}
    assert {r["id"] for r in rows(store, "search_by_name", text="бмр")} == {"org_uo"}  # only an alias says БМР
    assert {r["id"] for r in rows(store, "search_by_name", text="фандина с.а.")} == {"p_fandina"}
    assert len(rows(store, "search_by_name", text="а", limit="3")) == 3


def test_documents_by_kind_year_and_list(store):
    assert [(r["year"], r["kind"], r["documents"]) for r in rows(store, "documents_by_kind_year")] == [
        ("2013", "order", 1), ("2016", "resolution", 1), ("2017", "news", 1)]
    listed = rows(store, "documents_list", kind="order")
    assert [(r["id"], r["number"], r["issuer"]) for r in listed] == [
        ("d000", "642", "Управление образования администрации Балашовского муниципального района")]
    assert [r["id"] for r in rows(store, "documents_list", year="2017")] == ["dweb"]
    assert len(rows(store, "documents_list")) == 3


def test_events_by_kind_year(store):
    assert [(r["year"], r["kind"], r["events"]) for r in rows(store, "events_by_kind_year")] == [
        ("2013", "seminar", 1), ("2016", "conference", 1), ("2017", "seminar", 1)]


def test_groups_and_members(store):
    found = {r["group_name"]: (r["members"], sorted(r["member_names"])) for r in rows(store, "groups_and_members")}
    assert found == {
        "сетевое сообщество учителей информатики": (2, ["Кудашова Н.Б.", "Пичугин Виталий Владимирович"]),
        "Первоалейский школьный округ": (2, ["МКОУ «Первоалейская СОШ»", "МКОУ «Солнечная СОШ»"]),
        "районные методические объединения учителей-предметников": (0, []),
    }


def test_awards_by_kind(store):
    assert [(r["kind"], r["awards"], r["recipients"]) for r in rows(store, "awards_by_kind")] == [
        ("благодарственное письмо", 3, 3), ("почетная грамота", 1, 1), ("сертификат участия", 1, 1)]


def test_organisations_per_district(store):
    assert [(r["region"], r["district"], r["kind"], r["organisations"])
            for r in rows(store, "organisations_per_district")] == [
        ("Алтайский край", "Алейский район", "school", 2),
        ("Саратовская область", "Балашовский муниципальный район", "authority", 1),
        ("Саратовская область", "Балашовский муниципальный район", "methodical_service", 1),
        ("Саратовская область", "Балашовский муниципальный район", "school", 1),
    ]


def test_event_participants(store):
    found = [(r["role"], r["id"]) for r in rows(store, "event_participants", id="ev_web")]
    assert found == [("participant", "org_sol"), ("participant", "org_pin"), ("speaker", "p_fandina")]


def test_subordinate_organisations(store):
    found = [(r["id"], r["levels"]) for r in rows(store, "subordinate_organisations", id="org_uo")]
    assert found == [("org_pin", 1), ("org_mc", 2)]


def test_sources_of_entity(store):
    found = rows(store, "sources_of_entity", id="p_fandina")
    assert [(r["document"], r["kind"]) for r in found] == [("d000", "order"), ("dweb", "news")]


def test_every_query_runs_with_its_defaults_or_an_id(store):
    sample_ids = {"id": "p_fandina", "org": "Пинеровка", "text": "школ", "from": "p_fandina", "to": "p_kudashova",
                  "a": "p_fandina", "b": "org_pin"}
    for query in list_queries():
        params = {p.name: sample_ids[p.name] for p in query.params if p.required}
        result = run_named(store, query.name, params)
        assert result.columns, query.name
        for fmt in ("table", "csv", "json"):
            assert render_result(result, fmt)


def test_the_search_text_made_in_python_is_the_one_made_in_cypher(store):
    from graph.store.search import row_search_text, search_text

    name, aliases = "МКОУ «Ёлкинская СОШ № 2»", ["Ёлкинская школа", "СОШ №2 п. Ёлки"]
    made = store.query(f"WITH {{name: $name, aliases: $aliases}} AS n RETURN {search_text('n')}",
                       {"name": name, "aliases": aliases}).rows[0][0]
    assert made == row_search_text(name, aliases) == "мкоу  елкинская сош   2  | елкинская школа | сош  2 п. елки"
