"""Network analytics, entity search, the map page and the profile views: on the bundled sample
ingested into a real embedded store (`edugraph ingest data/sample`), and on small hand-built graphs
whose answers are known."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest

from graph.analysis import metrics as A
from graph.analysis import views
from graph.analysis.search import SearchIndex, index_from_nodes
from graph.cli import main
from graph.store import open_store
from graph.store.falkor import stop_server
from ui import network as network_view

ROOT = Path(__file__).resolve().parent.parent
PINEROVKA = "МОУ СОШ р.п. Пинеровка"
FANDINA = "Фандина Светлана Александровна"


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """The bundled sample ingested the way a user does it, in a running embedded store."""
    data_dir = tmp_path_factory.mktemp("sample_store")
    saved = os.environ.pop("NEO4J_URI", None)
    try:
        assert main(["ingest", str(ROOT / "data" / "sample"), "--data-dir", str(data_dir), "--quiet"]) == 0
        store = open_store(data_dir)
        yield store
        store.close()
    finally:
        stop_server(data_dir)
        if saved is not None:
            os.environ["NEO4J_URI"] = saved


@pytest.fixture(scope="module")
def sample(stored) -> A.Snapshot:
    return views.snapshot_from_store(stored)


def by_name(snap: A.Snapshot, name: str) -> str:
    """The id of the node called ``name`` (ids are hashes; names are what the documents say)."""
    return next(nid for nid, n in snap.nodes.items() if A.node_name(n) == name)


def document_numbered(snap: A.Snapshot, number: str) -> str:
    return next(nid for nid, n in snap.nodes.items()
                if A.primary_label(n) == "Document" and A.prop(n, "number") == number)


def node(node_id: str, label: str, name: str, **props) -> dict:
    labels = [label] + ([{"school": "School"}.get(props.get("kind", ""), "OtherOrganization")]
                        if label == "Organization" else [])
    return {"id": node_id, "labels": labels, "properties": {"id": node_id, "name": name, **props}}


def rel(kind: str, start: str, end: str, *docs: str, **props) -> dict:
    return {"type": kind, "start": start, "end": end, "properties": {"sources": list(docs), **props}}


@pytest.fixture()
def small() -> A.Snapshot:
    """Four schools in two districts: a and b share an event (documents d1, d2), b and c share a person
    (d2), c and d share a group (d3); documents dated 2019, 2020, 2021."""
    nodes = [
        node("d1", "Document", "d1", date="2019-03-01", kind="order"),
        node("d2", "Document", "d2", date="2020-05-01", kind="report"),
        node("d3", "Document", "d3", date="2021-01-10", kind="news"),
        node("north", "District", "Северный район"),
        node("south", "District", "Южный район"),
        node("a", "Organization", "Школа А", kind="school"),
        node("b", "Organization", "Школа Б", kind="school"),
        node("c", "Organization", "Школа В", kind="school"),
        node("d", "Organization", "Детский сад Г", kind="kindergarten"),
        node("e1", "Event", "Семинар", date="2019-02-20"),
        node("p1", "Person", "Иванова Анна Петровна"),
        node("g1", "Group", "РМО учителей физики"),
    ]
    rels = [
        rel("LOCATED_IN", "a", "north", "d1"), rel("LOCATED_IN", "b", "north", "d1"),
        rel("LOCATED_IN", "c", "south", "d2"), rel("LOCATED_IN", "d", "south", "d3"),
        rel("PARTICIPATED_IN", "a", "e1", "d1", role="host"),
        rel("PARTICIPATED_IN", "b", "e1", "d1", "d2", role="participant"),
        rel("HOLDS_POST", "p1", "b", "d2", post="учитель"), rel("HOLDS_POST", "p1", "c", "d2", post="директор"),
        rel("MEMBER_OF", "c", "g1", "d3"), rel("MEMBER_OF", "d", "g1", "d3"),
    ]
    return A.Snapshot.from_records(nodes, rels)


# ---------------------------------------------------------------- collaboration ties


def test_ties_have_kinds_and_document_weights(small):
    ties = A.collaboration_ties(small)
    assert set(ties) == {("a", "b"), ("b", "c"), ("c", "d")}
    assert ties[("a", "b")].kinds == {"event"}
    assert ties[("a", "b")].documents == {"d1"}  # only d1 states both schools at the seminar
    assert ties[("b", "c")].kinds == {"person"} and ties[("b", "c")].weight == 1
    assert ties[("c", "d")].kinds == {"group"}


def test_sample_ties_rest_on_the_documents_that_name_both(sample):
    graph = A.collaboration_graph(sample)
    school, centre = by_name(sample, PINEROVKA), by_name(sample, "Пинеровский межшкольный методический центр информационных технологий")
    assert A.edge_documents(graph, school, centre) == [document_numbered(sample, "642")]
    assert graph.edges[school, centre]["weight"] == 1
    assert "document" in A.edge_kinds(graph, school, centre)
    # schools of different seeds never tie: no document names both
    assert not graph.has_edge(school, by_name(sample, "МКОУ «Солнечная СОШ»"))


def test_relationship_to_missing_node_is_dropped():
    snap = A.Snapshot.from_records([node("a", "Organization", "А")], [rel("LOCATED_IN", "a", "gone", "d")])
    assert snap.rels == []


# ---------------------------------------------------------------- filters


def test_district_filter_keeps_its_organisations_and_what_touches_them(sample):
    view = A.filter_snapshot(sample, A.Filters(districts=("Балашовский муниципальный район",)))
    orgs = A.ids_with_label(view, "Organization")
    assert by_name(sample, PINEROVKA) in orgs and by_name(sample, "МКОУ «Солнечная СОШ»") not in orgs
    assert by_name(sample, FANDINA) in view.nodes  # holds a post in a kept school
    assert by_name(sample, "Кудашова Н.Б.") not in view.nodes
    assert all(r["start"] in view.nodes and r["end"] in view.nodes for r in view.rels)


def test_year_filter_drops_documents_events_and_their_statements(small):
    view = A.filter_snapshot(small, A.Filters(years=(2020, 2021)))
    assert "d1" not in view.nodes and "e1" not in view.nodes
    assert set(A.collaboration_ties(view)) == {("b", "c"), ("c", "d")}


def test_year_filter_leaves_no_orphans_of_excluded_years(small):
    """What only documents of excluded years name goes with them: «Школа А» is named only in 2019."""
    view = A.filter_snapshot(small, A.Filters(years=(2020, 2021)))
    assert "a" not in view.nodes and {"b", "c", "d"} <= set(view.nodes)
    assert A.collaboration_graph(view).number_of_nodes() == 3
    earlier = A.filter_snapshot(small, A.Filters(years=(2019, 2019)))
    assert "d" not in earlier.nodes and "g1" not in earlier.nodes  # the kindergarten and group of 2021


def test_undated_documents_can_be_left_out(small):
    small.nodes["d4"] = node("d4", "Document", "d4", kind="news")
    small.nodes["e"] = node("e", "Organization", "Школа Д", kind="school")
    small.rels.append(rel("LOCATED_IN", "e", "south", "d4"))
    kept = A.filter_snapshot(small, A.Filters(years=(2020, 2021)))
    assert "d4" in kept.nodes and "e" in kept.nodes
    left_out = A.filter_snapshot(small, A.Filters(years=(2020, 2021), undated=False))
    assert "d4" not in left_out.nodes and "e" not in left_out.nodes


def test_kind_filter(small):
    view = A.filter_snapshot(small, A.Filters(org_kinds=("kindergarten",)))
    assert A.ids_with_label(view, "Organization") == ["d"]


def test_filter_options_from_the_sample(stored):
    options = views.filter_options(stored)
    assert "Алейский район" in options["districts"]
    assert {"school", "kindergarten", "authority"} <= set(options["org_kinds"])
    assert options["years"][0] <= 2013 and options["years"][1] >= 2016


def test_filter_offers_only_districts_with_an_organisation(stored):
    options = views.filter_options(stored)
    located = {row[0] for row in stored.query(
        "MATCH (o:Organization)-[:LOCATED_IN]->(d:District) RETURN DISTINCT d.name").rows}
    located |= {row[0] for row in stored.query(
        "MATCH (o:Organization) WHERE o.district IS NOT NULL RETURN DISTINCT o.district").rows}
    named = {row[0] for row in stored.query("MATCH (d:District) RETURN d.name").rows}
    assert set(options["districts"]) == located
    assert options["districts_without"] == len(named - located)


def test_districts_sorted_by_their_proper_name():
    names = ["город Балашов", "Яковлевский район", "Балашовский муниципальный район", "городской округ Стрежевой",
             "Алейский район", "город-курорт Геленджик", "Ёлкинский район", "Евпаторийский район"]
    assert sorted(names, key=views.district_sort_key) == [
        "Алейский район", "город Балашов", "Балашовский муниципальный район", "город-курорт Геленджик",
        "Евпаторийский район", "Ёлкинский район", "городской округ Стрежевой", "Яковлевский район"]


def test_a_shared_place_is_one_group():
    rows = A.ranked([{"name": "a", "d": 4, "g": 1}, {"name": "b", "d": 2, "g": 1}]
                    + [{"name": f"s{i:02}", "d": 1, "g": 18} for i in range(19)]
                    + [{"name": "z", "d": 1, "g": 2}, {"name": "y", "d": 0, "g": 0}], "d", "g")
    groups = A.place_groups(rows, 4)
    assert [g[0]["place"] for g in groups] == ["1", "2", "3–21", "22"]
    assert [len(g) for g in groups] == [1, 1, 19, 1]
    assert groups[2][0]["name"] == "s00"
    assert A.place_groups(rows, 2) == [[rows[0]], [rows[1]]]
    assert A.place_groups([], 3) == []


# ---------------------------------------------------------------- metrics


def bridged_cliques() -> nx.Graph:
    """Two 4-cliques (north, south) joined only through the broker x."""
    graph = nx.Graph()
    for prefix, district in (("n", "north"), ("s", "south")):
        members = [f"{prefix}{i}" for i in range(4)]
        for m in members:
            graph.add_node(m, name=m, district=district, kind="school")
        graph.add_edges_from((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    graph.add_node("x", name="x", district="north", kind="authority")
    graph.add_edges_from([("x", "n0"), ("x", "s0")])
    nx.set_edge_attributes(graph, 1, "weight")
    return graph


def test_centrality_communities_and_constraint():
    graph = bridged_cliques()
    rows = {r["id"]: r for r in A.centrality_rows(graph)}
    assert set(A.centrality_rows(graph, ("pagerank",))[0]) == {"id", "name", "kind", "district", "degree",
                                                               "weighted_degree", "documents", "pagerank"}
    assert max(rows, key=lambda n: rows[n]["betweenness"]) == "x"
    assert rows["n1"]["community"] == rows["n2"]["community"] != rows["s1"]["community"]
    # the broker spans a structural hole: lower constraint than a clique member
    assert rows["x"]["constraint"] < rows["n1"]["constraint"]


def test_constraint_equals_networkx_on_a_weighted_graph():
    graph = bridged_cliques()
    graph.edges["x", "n0"]["weight"] = 3
    ours, theirs = A.constraint(graph), nx.constraint(graph, weight="weight")
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[n] - theirs[n]) < 1e-9 for n in ours)


def test_sampled_betweenness_keeps_the_bridges_on_top(monkeypatch):
    graph = bridged_cliques()
    monkeypatch.setattr(A, "BETWEENNESS_BUDGET", 10)  # forces sampling on this small graph
    monkeypatch.setattr(A, "BETWEENNESS_MIN_SAMPLES", 6)
    sampled = A.betweenness(graph)
    assert sampled != nx.betweenness_centrality(graph)  # an estimate, not the exact values
    assert set(sorted(sampled, key=sampled.get)[-3:]) == {"x", "n0", "s0"}


def test_district_brokers_find_the_bridge():
    brokers = {r["id"]: r for r in A.district_brokers(bridged_cliques())}
    # x (a northern authority) and s0, the southern school it reaches, join partners of different districts
    assert set(brokers) == {"x", "s0"}
    assert brokers["x"]["brokered_pairs"] == 1 and brokers["x"]["districts_bridged"] == 2
    assert brokers["s0"]["brokered_pairs"] == 3  # x with each of s1..s3


def test_org_event_projection_counts_shared_events(sample):
    rows = A.org_event_projection(sample)
    assert rows and all(r["shared_events"] >= 1 for r in rows)
    pairs = {(r["name_a"], r["name_b"]) for r in rows} | {(r["name_b"], r["name_a"]) for r in rows}
    # both took part in the Алейский район's closing conference
    assert ("Безголосовская средняя школа", "Алейский детский сад") in pairs


def test_evolution_by_year(small):
    rows = A.evolution_by_year(small)
    assert [(r["year"], r["new_ties"], r["organisations"]) for r in rows] == [(2019, 1, 2), (2020, 1, 3),
                                                                                 (2021, 1, 4)]
    assert rows[-1]["components"] == 1


def test_neighbourhood_top_nodes_and_folding(small):
    full = A.entity_graph(small)
    assert set(A.neighbourhood(full, "p1", 1)) == {"p1", "b", "c"}
    assert "a" in A.neighbourhood(full, "p1", 2)
    assert A.neighbourhood(full, "absent", 2).number_of_nodes() == 0
    folded = A.fold_people(full, A.people_orgs(small))
    assert "p1" not in folded and folded.has_edge("b", "c")
    best = A.top_nodes(full, {"a": 3, "b": 2, "c": 1}, 2)
    assert set(best) == {"a", "b"}


def test_layout_is_deterministic_and_complete(sample):
    graph = A.collaboration_graph(sample)
    first, second = A.layout(graph), A.layout(graph)
    assert first == second and set(first) == set(graph)


def test_people_graph_ties_colleagues_and_fellow_participants(small, sample):
    small.nodes["p2"] = node("p2", "Person", "Петров Иван Сергеевич")
    small.rels.append(rel("HOLDS_POST", "p2", "b", "d2", post="учитель"))
    people = A.people_graph(A.Snapshot.from_records(small.nodes.values(), small.rels))
    assert people.has_edge("p1", "p2") and A.edge_kinds(people, "p1", "p2") == ["organisation"]
    assert people.nodes["p1"]["orgs"] == ["Школа Б", "Школа В"]
    graph = A.people_graph(sample)
    fandina, pichugin = by_name(sample, FANDINA), by_name(sample, "Пичугин Виталий Владимирович")
    assert graph.has_edge(fandina, pichugin)  # colleagues in one school, at one event
    partners = A.partners(graph, fandina)
    assert partners[0]["documents"] == [document_numbered(sample, "642")]


def test_rankings_break_ties_by_a_second_measure_and_share_places():
    rows = [{"name": "В", "a": 3, "b": 1}, {"name": "А", "a": 3, "b": 1}, {"name": "Б", "a": 3, "b": 2},
            {"name": "Г", "a": 1, "b": 9}]
    ranked = A.ranked(rows, "a", "b")
    assert [(r["name"], r["place"]) for r in ranked] == [("Б", "1"), ("А", "2–3"), ("В", "2–3"), ("Г", "4")]
    assert A.shared_top(ranked, "a") == 3


def test_shared_documents_count_a_list_once(sample):
    """Twenty schools listed in one document share one document, not twenty."""
    rows = {r["name"]: r for r in A.centrality_rows(A.collaboration_graph(sample), ())}
    school = rows["Безголосовская средняя школа"]
    assert school["documents"] == 1 and school["degree"] >= 15 and school["weighted_degree"] >= 15


def test_year_changes_and_timeline(small):
    changed = A.year_changes(small)
    assert changed["year"] == 2021 and changed["documents"] == 1 and changed["documents_before"] == 1
    events = A.timeline_events(small)
    assert [(e["name"], e["hosts"], e["organisations"]) for e in events] == [("Семинар", ["Школа А"], 1)]
    assert events[0]["districts"] == ["Северный район"] and events[0]["documents"] == ["d1", "d2"]


def test_overview_tables(sample):
    active = A.most_active_organisations(sample)
    assert active[0]["total"] >= 1
    kinds = {r["kind"] for r in A.awards_by_kind(sample)}
    assert "благодарственное письмо" in {k.lower() for k in kinds}
    years = {r["year"] for r in A.documents_by_year_kind(sample)}
    assert 2013 in years


# ---------------------------------------------------------------- search


@pytest.mark.parametrize("query, expected", [
    ("Фандиной", FANDINA),
    ("Фандиной Светлане Александровне", FANDINA),
    ("Пинеровк", PINEROVKA),
    ("Солнечной школе", "МКОУ «Солнечная СОШ»"),
    ("акользиной е.а.", "Акользина Елена Алексеевна"),
    ("Алейском районе", "Алейский район"),
])
def test_search_finds_case_forms_and_partial_names(sample, query, expected):
    hits = index_from_nodes(sample.nodes.values()).search(query)
    assert hits and hits[0].name == expected


def test_search_without_match_is_empty(sample):
    assert index_from_nodes(sample.nodes.values()).search("Кукарача") == []


def test_search_prefers_the_form_the_query_agrees_with():
    index = SearchIndex([("f", "Person", "Фандина Светлана", []), ("m", "Person", "Фандин Иван", [])])
    assert index.search("Фандиной")[0].id == "f"
    assert index.search("Фандину Ивану")[0].id == "m"


# ---------------------------------------------------------------- the map page


def test_network_html_is_offline_and_carries_labels(sample):
    graph = A.collaboration_graph(sample)
    net = network_view.build_network(graph, A.layout(graph), scores={n: graph.degree(n) for n in graph})
    page = network_view.network_html(net)
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']https?:", page)
    assert "new vis.Network" in page and json.dumps("МОУ СОШ р.п. Пинеровка", ensure_ascii=False) in page
    assert net.options["physics"] == {"enabled": False}  # positions are planned: the browser simulates nothing
    assert "postMessage" in page  # a click opens the profile (ui/common.py's frame)


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_map_labels_fit_the_frame_without_overlaps(sample):
    """The labels drawn at full size overlap no other label and no node, and the drawing fits the frame, so that
    the fitted first view shows them at a readable size."""
    graph = A.collaboration_graph(sample)
    net = network_view.build_network(graph, A.layout(graph), scores={n: graph.degree(n) for n in graph})
    full = [n for n in net.nodes if n["font"]["size"] == network_view.FONT]
    assert len(full) >= 12
    label_boxes = [network_view.label_box(n["label"], n["x"], n["y"], n["size"]) for n in full]
    circles = [(n["x"] - n["size"], n["y"] - n["size"], n["x"] + n["size"], n["y"] + n["size"]) for n in net.nodes]
    for i, box in enumerate(label_boxes):
        assert not any(boxes_overlap(box, other) for j, other in enumerate(label_boxes) if j != i)
        own = full[i]
        assert not any(boxes_overlap(box, c) for n, c in zip(net.nodes, circles, strict=True) if n["id"] != own["id"])
    xs = [n["x"] for n in net.nodes]
    ys = [n["y"] for n in net.nodes]
    assert max(xs) - min(xs) <= network_view.WIDTH * 1.15 and max(ys) - min(ys) <= network_view.HEIGHT * 1.15
    # a long name is wrapped between words, never cut inside one
    for n in net.nodes:
        assert all(word in n["name"].split() or word == "…" for word in n["label"].split())


def test_wrapped_labels_end_with_a_whole_word():
    label = network_view.wrap_label("Управление образования администрации Балашовского муниципального района "
                                    "Саратовской области", line_chars=20, max_lines=2)
    assert label == "Управление\nобразования …" or label.split("\n")[-1].endswith(" …")
    assert all(len(line) <= 25 for line in label.split("\n"))


def test_legend_names_only_what_is_drawn(sample):
    graph = A.collaboration_graph(sample)
    schools = [n for n, d in graph.nodes(data=True) if d["kind"] == "school"]
    legend = network_view.kind_legend(graph.subgraph(schools))
    assert legend == [(f"школа ({len(schools)})", network_view.colour("Organization", "school"))]


def test_layout_packs_the_parts_of_the_network(small):
    graph = A.collaboration_graph(small)
    graph.add_node("lonely", name="Одинокая школа", label="Organization", kind="school")
    positions = A.layout(graph)
    assert set(positions) == set(graph) and A.layout(graph) == positions


# ---------------------------------------------------------------- profile and documents


def group(profile: dict, rel_type: str, outgoing: bool = True) -> dict:
    return next(g for g in profile["relationships"] if g["type"] == rel_type and g["outgoing"] == outgoing)


def test_profile_shows_posts_with_their_sentences(stored, sample):
    fandina = by_name(sample, FANDINA)
    profile = views.entity_profile(views.with_details(stored, sample, fandina), fandina)
    posts = group(profile, "HOLDS_POST")
    assert posts["heading"] == "занимает должность в"
    row = posts["rows"][0]
    assert row["other"] == PINEROVKA and row["detail"] == "директор"
    provenance = row["provenance"][0]
    assert provenance["document"] == document_numbered(sample, "642") and "Приказ № 642 от 07.11.2013" in provenance["title"]
    assert "Фандиной Светлане Александровне" in provenance["sentence"]  # the order's own words
    assert profile["timeline"] and profile["timeline"][0]["date"].startswith("2013")
    assert "facts" not in str(profile["attributes"])  # no bookkeeping on show
    assert row["facts"][0] == {"type": "HOLDS_POST", "start": fandina, "end": by_name(sample, PINEROVKA),
                               "id": row["facts"][0]["id"], "props": {"post": "директор"},
                               "sources": [document_numbered(sample, "642")]}


def test_relationships_are_read_from_the_profiles_side(stored, sample):
    school = by_name(sample, PINEROVKA)
    profile = views.entity_profile(views.with_details(stored, sample, school), school)
    staff = group(profile, "HOLDS_POST", outgoing=False)
    assert staff["heading"] == "сотрудники"
    assert FANDINA in {r["other"] for r in staff["rows"]}
    event = next(r for r in group(profile, "PARTICIPATED_IN")["rows"])
    assert event["detail"] == "площадка, участник"  # host and participant: one row, both roles
    event_profile = views.entity_profile(views.with_details(stored, sample, event["other_id"]), event["other_id"])
    assert group(event_profile, "PARTICIPATED_IN", outgoing=False)["heading"] == "участники"


def test_evidence_names_the_participant_with_the_lists_lead_in(stored, sample):
    """A participation quotes the list item naming the person, with the lead-in of its list, not the event's
    sentence that does not name her; an award the item with its «Вручить благодарственные письма» lead-in."""
    fandina = by_name(sample, FANDINA)
    profile = views.entity_profile(views.with_details(stored, sample, fandina), fandina)
    took_part = group(profile, "PARTICIPATED_IN")["rows"][0]["provenance"][0]
    assert took_part["named"] and took_part["lead"].startswith("Вручить благодарственные письма")
    assert took_part["body"].startswith("Фандиной Светлане Александровне, директору")
    award = profile["awards"][0]["provenance"][0]
    assert award["lead"].startswith("Вручить благодарственные письма") and "Фандиной" in award["body"]
    text = views.with_details(stored, sample, fandina).nodes[took_part["document"]]["properties"]["text"]
    assert text[took_part["span"][0]:took_part["span"][1]].lstrip(" -").startswith("Фандиной")


def test_a_name_is_found_in_its_oblique_cases():
    """First names in «-ий» decline to «-ию», «-ия»: the pattern of «Анатолий» finds «Анатолию»."""
    pattern = views.name_pattern("Соколов Анатолий Петрович")
    for form in ("Соколову Анатолию Петровичу", "Соколова Анатолия Петровича", "Соколовым Анатолием Петровичем"):
        assert pattern.search(f"Вручить грамоту {form}, учителю.").group(0) == form
    assert views.name_pattern("Соколов Анатолий Петрович").search("Соколовой Анне Петровне") is None


def test_quotes_are_cut_between_words_around_the_name():
    text = ("Слово " * 120) + "На базе МБОУ «Лицей № 7» прошёл семинар, " + ("и ещё слово " * 80) + "."
    quote = views.fact_quote(text, (0, len(text)), ["МБОУ «Лицей № 7»"])
    assert "Лицей № 7" in quote["sentence"] and len(quote["sentence"]) <= views.QUOTE_LIMIT + 4
    words = set(text.replace("«", " ").replace("»", " ").split())
    inner = quote["sentence"].strip("… ").replace("«", " ").replace("»", " ").split()
    assert all(w.strip(",.") in {x.strip(",.") for x in words} for w in inner)  # no word cut in half


def test_dates_are_shown_the_russian_way():
    assert views.date_ru("2013-11-07") == "07.11.2013"
    assert views.date_ru("2016-06") == "06.2016"
    assert views.date_ru("XXXX-02-05") == "05.02 (год не указан)"
    assert views.document_title(node("d", "Document", "d", kind="order", number="642", date="2013-11-07")) == \
        "Приказ № 642 от 07.11.2013"
    # a document without number or date is named by its file, never by a server path
    assert views.document_title(node("d", "Document", "d", source="/srv/edugraph/uploads/приказ.txt")) == \
        "Документ «приказ.txt»"
    # an untitled, undated one by its first words, which thirty «Новость» could not be told apart by
    opening = "Новости\n\nУчителя Заречной школы провели открытый семинар для коллег из трёх соседних районов области"
    assert views.document_title(node("d", "Document", "d", kind="news", opening=opening,
                                     source="/srv/x/d1.txt")) == \
        "Новость: Учителя Заречной школы провели открытый семинар для коллег из трёх соседних…"
    assert views.document_title(node("d", "Document", "d", kind="news", opening="Коротко о главном")) == \
        "Новость: Коротко о главном"
    assert views.document_title(node("d", "Document", "d", kind="news", date="2019-01-29", opening=opening)) == \
        "Новость от 29.01.2019"


def test_the_snapshot_keeps_an_untitled_documents_opening(stored):
    docs = [n for n in views.snapshot_from_store(stored).nodes.values() if "Document" in n["labels"]]
    untitled = [n for n in docs if not A.prop(n, "title")]
    assert untitled and all(A.prop(n, "opening") for n in untitled)
    assert all(A.prop(n, "opening") is None for n in docs if A.prop(n, "title"))


def test_profile_of_unknown_entity_is_none(sample):
    assert views.entity_profile(sample, "nobody") is None


def test_document_mentions_are_found_in_oblique_cases(stored, sample):
    doc_id = document_numbered(sample, "642")
    assert "text" not in sample.nodes[doc_id]["properties"]  # the snapshot leaves texts in the store
    detailed = views.with_details(stored, sample, doc_id)
    text = detailed.nodes[doc_id]["properties"]["text"]
    spans = views.mention_spans(text, views.document_entities(detailed, doc_id))
    found = {text[s:e] for s, e, _ in spans}
    assert any(f.startswith("Фандиной") for f in found)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # no overlaps


def test_result_graph_collects_nodes_and_relationships(sample):
    school = by_name(sample, PINEROVKA)
    org = sample.nodes[school]
    post = next(r for r in sample.rels if r["type"] == "HOLDS_POST" and r["end"] == school)
    graph = views.result_graph([[org, post, "text"], [[org]]])
    assert school in graph and graph.number_of_edges() == 1
    assert views.cell_display(org) == "МОУ СОШ р.п. Пинеровка"


def test_backbone_keeps_each_nodes_strongest_ties_only_when_dense():
    import networkx as nx

    from graph.analysis.metrics import backbone

    dense = nx.complete_graph([f"o{i:02d}" for i in range(30)])
    for a, b in dense.edges:
        dense.edges[a, b]["weight"] = 1
    dense.edges["o00", "o29"]["weight"] = 5  # the strongest tie survives
    thin = backbone(dense, per_node=3)
    assert thin.number_of_nodes() == 30 and thin.has_edge("o00", "o29")
    assert all(thin.degree(n) >= 3 for n in thin)
    assert thin.number_of_edges() <= 30 * 3
    sparse = nx.path_graph(10)
    assert backbone(sparse, per_node=3) is sparse  # a readable graph is left as it is


def test_the_snapshot_is_kept_on_disk_per_graph_version(stored, tmp_path, monkeypatch):
    """A restarted dashboard reads the snapshot file of the current version instead of the whole graph;
    a new version reads the store again and drops the old file."""
    reads = []
    real = views.snapshot_records
    monkeypatch.setattr(views, "snapshot_records", lambda store: reads.append(1) or real(store))
    first = views.cached_snapshot(stored, tmp_path)
    files = list((tmp_path / "cache").glob("snapshot-*.json"))
    assert reads == [1] and len(files) == 1
    again = views.cached_snapshot(stored, tmp_path)
    assert reads == [1]  # read from the file
    assert set(again.nodes) == set(first.nodes) and len(again.rels) == len(first.rels)
    stored.query("CREATE (:Region {id: 'region-cache-test', name: 'Проверочная область', sources: []})", write=True)
    try:
        newer = views.cached_snapshot(stored, tmp_path)
        assert reads == [1, 1] and "region-cache-test" in newer.nodes
        assert [p.name for p in (tmp_path / "cache").glob("snapshot-*.json")] != [files[0].name]
        assert len(list((tmp_path / "cache").glob("snapshot-*.json"))) == 1
    finally:
        stored.query("MATCH (r:Region {id: 'region-cache-test'}) DETACH DELETE r", write=True)


def test_tie_table_answers_without_making_every_pair(sample):
    """Partners, their number and the ties among a few organisations, found from the hubs, are what the
    whole collaboration graph says."""
    table = A.tie_table(sample)
    graph = A.collaboration_graph(sample)
    assert table.degrees() == {n: graph.degree(n) for n in graph if graph.degree(n)}
    assert table.pair_count() == graph.number_of_edges()
    school = by_name(sample, PINEROVKA)
    partners = table.partners_of(school)
    assert set(partners) == set(graph[school])
    assert all(partners[o][0] == graph.edges[school, o]["docs"] for o in partners)
    chosen = sorted(graph, key=lambda n: -graph.degree(n))[:10]
    sub = A.collaboration_subgraph(sample, A.tie_table(sample), chosen)
    assert {frozenset(e) for e in sub.edges} == {frozenset(e) for e in graph.subgraph(chosen).edges}
    assert all(sub.edges[a, b]["docs"] == graph.edges[a, b]["docs"] for a, b in sub.edges)
    rows = {r["id"]: r for r in A.table_rows(sample, table)}
    full = {r["id"]: r for r in A.centrality_rows(graph, ())}
    assert all(rows[n]["documents"] == full[n]["documents"] and rows[n]["degree"] == full[n]["degree"] for n in full)


def test_equal_ties_listed_by_their_names():
    graph = nx.Graph()
    for node, name in (("o9", "Школа № 2"), ("o1", "детский сад № 5"), ("o5", "Гимназия"), ("o3", "Алейская школа")):
        graph.add_node(node, name=name)
    graph.add_edge("o9", "o1", weight=1)
    graph.add_edge("o9", "o5", weight=1)
    graph.add_edge("o1", "o5", weight=3)
    graph.add_edge("o3", "o9", weight=1)
    rows = A.tie_rows(graph)
    assert [(r["name_a"], r["name_b"], r["weight"]) for r in rows] == [
        ("Гимназия", "детский сад № 5", 3), ("Алейская школа", "Школа № 2", 1), ("Гимназия", "Школа № 2", 1),
        ("детский сад № 5", "Школа № 2", 1)]
    assert (rows[0]["a"], rows[0]["b"]) == ("o5", "o1")
    assert len(A.tie_rows(graph, limit=2)) == 2


def test_every_year_fills_the_gaps():
    assert A.every_year([2016, None, 2013, 2016, 2014]) == [2013, 2014, 2015, 2016]
    assert A.every_year([None]) == []


def test_a_mostly_undated_timeline_opens_at_all_years():
    few = [{"year": 2019}, {"year": 2023}] + [{"year": None}] * 80
    assert A.opening_year(few, 60) is None
    many = [{"year": 2000 + i % 20} for i in range(70)] + [{"year": None}] * 5
    assert A.opening_year(many, 60) == 2019
    assert A.opening_year([], 60) is None
