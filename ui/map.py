"""Карта сотрудничества: the interactive network of organisations (and, on request, their people).
A click on a node opens its profile; hovering shows its partners and documents."""

import time

import streamlit as st

from graph.analysis import metrics as analytics
from ui import common
from ui import network as network_view
from ui.common import count_ru, md

MAX_NODES, PER_NODE_TIES = network_view.MAX_NODES, network_view.PER_NODE_TIES
FRAME_HEIGHT = 640

st.title("Карта сотрудничества")
snap = common.view()
if common.empty_notice(snap):
    st.stop()
args = common.cache_args()

SIZE_BY = {"documents": "по документам", "degree": "по партнёрам", "pagerank": "по влиятельности",
           "betweenness": "по посредничеству"}
MEASURE = {"documents": "совместные документы", "degree": "число партнёров", "pagerank": "влиятельность",
           "betweenness": "посредничество"}
MODES = {"orgs": "Организации", "people": "Организации и люди"}

controls = st.columns([2, 1.2, 1.4, 1.4])
mode = controls[0].radio("Что показать", list(MODES), format_func=MODES.get, key="map_mode", horizontal=True,
                         help="«Организации»: люди учтены в связях своих организаций, но не нарисованы.")
colour_by = controls[1].radio("Цвет", ["kind", "community"], key="map_colour", horizontal=True,
                              format_func={"kind": "по виду", "community": "по сообществу"}.get)
size_by = controls[2].selectbox("Размер узла", list(SIZE_BY), format_func=SIZE_BY.get, key="map_size")
limit = controls[3].slider("Не больше узлов", 20, MAX_NODES, 100, step=10, key="map_limit",
                           help="Показываются самые значимые узлы; остальные скрыты, чтобы карта читалась.")

focused = bool(st.session_state.get("map_focus_query", "").strip())
with st.expander("Окрестность одной организации или человека", expanded=focused):
    focus_cols = st.columns([3, 1])
    query = focus_cols[0].text_input("Кого показать с его связями", key="map_focus_query",
                                     placeholder="например: Пинеровка или Фандиной")
    hops = focus_cols[1].slider("Шагов от выбранного", 1, 3, 1, key="map_hops")
focus = None
if query.strip():
    hits = common.search_index(args[0], args[1]).search(query, limit=10,
                                                           labels=("Organization", "Person", "Event", "Group"))
    hits = [h for h in hits if h.id in snap.nodes]
    if hits:
        names = {h.id: f"{h.name} ({common.label_ru(h.label).lower()})" for h in hits}  # plain text
        focus = st.selectbox("Найдено", list(names), key="map_focus_pick", format_func=names.get)
    else:
        st.warning(f"«{md(query)}» не найдено среди показанных данных.")


def tooltips_for(graph, org_ties, person_ties, view, names) -> tuple[dict, dict]:
    """Lines shown on hover: for a node its kind, district, strongest partners and documents; for a tie the
    documents it rests on and what they share."""
    tips = {}
    for node, data in graph.nodes(data=True):
        label = data.get("label", "")
        kind = common.kind_ru(label, data.get("kind")) if label == "Organization" else common.label_ru(label)
        lines = [str(data.get("name", node)), " · ".join(p for p in (kind, data.get("district") or "") if p)]
        table = org_ties if label == "Organization" else person_ties() if label == "Person" else None
        if table is not None:
            total, found = analytics.table_partners(table, node, names, limit=4)
            if found:
                title = "Партнёры" if label == "Organization" else "Коллеги"
                lines.append(f"{title} ({total}): " + "; ".join(
                    f"{p['name']} — {count_ru(p['weight'], 'документ')}" for p in found) + (
                    f"; и ещё {total - len(found)}" if total > len(found) else ""))
            docs = table.index.decode(table.shared.get(node, 0))
            if docs:
                lines.append(f"{count_ru(len(docs), 'документ')}: {common.documents_titles(view, docs, 2)}")
        if label == "Person":
            orgs = data.get("orgs") or [graph.nodes[o].get("name", o) for o in graph[node]
                                        if graph.nodes[o].get("label") == "Organization"]
            if orgs:
                lines.insert(2, "Работает: " + "; ".join(orgs[:3]))
        lines.append("Щёлкните, чтобы открыть профиль.")
        tips[node] = lines
    edge_tips = {}
    for a, b, data in graph.edges(data=True):
        weight = int(data.get("weight", 1))
        docs = analytics.edge_documents(graph, a, b) if graph.graph.get("documents") else []
        kinds = [common.TIE_KINDS_RU.get(k, k) for k in analytics.edge_kinds(graph, a, b)] if data.get("kinds") else []
        # one title per tie: a large map has thousands of ties, and each tooltip travels with the page
        lines = [f"{graph.nodes[a].get('name', a)} — {graph.nodes[b].get('name', b)}",
                 f"{count_ru(weight, 'документ')}" + (f": {common.documents_titles(view, docs, 1)}" if docs else "")]
        if kinds:
            lines.append("Основание: " + ", ".join(kinds))
        edge_tips[(a, b)] = lines
    return tips, edge_tips


# measures known without the whole network's graph (from the tie table's hubs); the others need it
LOCAL_MEASURES = ("documents", "degree")


@st.cache_resource(max_entries=16, show_spinner="Раскладываю карту…")
def map_graph(directory, graph_version, key, mode, focus, hops, limit, size_by, colour_by):
    """The graph to draw, its positions, scores and communities, what was left out (cached: the layout is
    the slow part). The most connected organisations are found from the tie table, and only the ties among
    them made, unless a measure of the whole network (influence, brokerage, communities) is asked."""
    started = time.perf_counter()
    view = common.view_of(directory, graph_version, key)
    table = common.ties(directory, graph_version, key)
    whole = size_by not in LOCAL_MEASURES or colour_by == "community" or focus
    if whole:
        metrics = tuple(m for m in (size_by, "community" if colour_by == "community" else "")
                        if m in ("pagerank", "betweenness", "community"))
        rows = common.centrality(directory, graph_version, key, metrics)
    else:
        rows = common.organisation_rows(directory, graph_version, key)
    scores = {r["id"]: r[size_by] for r in rows}
    groups = {r["id"]: r.get("community", -1) for r in rows}
    organisations = len(rows)
    lowest = min(scores.values(), default=0.0)
    best = [r["id"] for r in sorted(rows, key=lambda r: (-r[size_by], -r["degree"], r["id"]))]
    if focus:
        full = common.entities(directory, graph_version, key)
        graph = analytics.neighbourhood(full, focus, hops)
        # people folded into their organisations, unless the focus is a person
        if mode == "orgs" and graph.nodes[focus].get("label") != "Person":
            graph = analytics.fold_people(graph, analytics.people_orgs(view))
        organisations = sum(1 for _n, d in graph.nodes(data=True) if d.get("label") == "Organization")
    elif mode == "people":
        # organisations take three fifths of the nodes, their best-connected people the rest
        graph = analytics.collaboration_subgraph(view, table, best[: max(1, limit * 3 // 5)])
        people_rows = {r["id"]: r for r in common.person_rows(directory, graph_version, key)}
        staff = [(person, [o for o in orgs if o in graph]) for person, orgs in analytics.people_orgs(view).items()
                 if person in view.nodes]
        staff = [(p, orgs) for p, orgs in staff if orgs]
        staff.sort(key=lambda item: (-people_rows.get(item[0], {}).get("documents", 0), item[0]))
        for person, orgs in staff[: max(0, limit - graph.number_of_nodes())]:
            graph.add_node(person, name=analytics.node_name(view.nodes[person]), label="Person", kind="",
                           orgs=people_rows.get(person, {}).get("orgs", []))
            for org in orgs:
                graph.add_edge(person, org, weight=1)
    else:
        graph = analytics.collaboration_subgraph(view, table, best[:limit])
    people_rank = {n: lowest - 1 for n, d in graph.nodes(data=True) if d.get("label") == "Person"}
    chosen = analytics.top_nodes(graph, {n: people_rank.get(n, scores.get(n, lowest)) for n in graph}, limit)
    drawn = analytics.backbone(chosen, per_node=PER_NODE_TIES)
    sub_scores = {n: scores.get(n, lowest) for n in drawn}
    left_out = {"nodes": organisations, "ties": table.pair_count(), "chosen_ties": chosen.number_of_edges()}
    positions = analytics.layout(drawn)
    return drawn, positions, sub_scores, groups, left_out, time.perf_counter() - started


@st.cache_resource(max_entries=16, show_spinner="Рисую карту…")
def map_page(directory, graph_version, key, mode, focus, hops, limit, size_by, colour_by):
    """The map's page (its HTML: the planned drawing, tooltips, legend), the graph drawn and what was left
    out, cached like the graph: a page seen before is sent again as it is."""
    graph, positions, scores, groups, left_out, _seconds = map_graph(directory, graph_version, key, mode, focus,
                                                                     hops, limit, size_by, colour_by)
    if graph.number_of_nodes() == 0:
        return "", graph, left_out
    view = common.view_of(directory, graph_version, key)
    tips, edge_tips = tooltips_for(graph, common.ties(directory, graph_version, key),
                                   lambda: common.person_ties(directory, graph_version, key), view,
                                   common.names(directory, graph_version))
    net = network_view.build_network(graph, positions, scores=scores, communities=groups, colour_by=colour_by,
                                     focus=focus, tooltips=tips, edge_tooltips=edge_tips)
    legend = (network_view.kind_legend(graph) if colour_by == "kind"
              else network_view.community_legend(graph, groups, scores))
    return network_view.network_html(net, legend=legend, notes=network_view.shape_notes(graph)), graph, left_out


page, graph, left_out = map_page(*args, mode, focus, hops, limit, size_by, colour_by)
if graph.number_of_nodes() == 0:
    st.info("Связей для карты нет: в выбранных документах организации не встречаются вместе.")
    st.stop()

# what the map shows of what there is, and why it leaves the rest out
nodes_drawn, ties_drawn = graph.number_of_nodes(), graph.number_of_edges()
drawn_words = f"На карте {count_ru(nodes_drawn, 'узел')} и {count_ru(ties_drawn, 'связь')}"
pruned = []
orgs_drawn = sum(1 for _n, d in graph.nodes(data=True) if d.get("label") == "Organization")
if not focus and left_out["nodes"] > orgs_drawn:
    pruned.append(f"показаны {orgs_drawn} самых значимых из {count_ru(left_out['nodes'], 'организация')} "
                  f"(по показателю «{MEASURE[size_by]}»)")
if left_out["chosen_ties"] > ties_drawn:
    pruned.append(f"у каждого узла оставлены его {PER_NODE_TIES} самых сильных связей, скрыто "
                  f"{left_out['chosen_ties'] - ties_drawn} из {count_ru(left_out['chosen_ties'], 'связь')}")
note = drawn_words + (" — " + "; ".join(pruned) if pruned else "") + "."
if not focus and mode == "orgs":
    note += f" Всего в сети {count_ru(left_out['ties'], 'связь')} между организациями (как на странице «Аналитика»)."
st.caption("Щёлкните узел, чтобы открыть его профиль; наведите на узел или линию, чтобы увидеть партнёров и "
           "документы; колесо мыши приближает, и тогда видны подписи остальных узлов.")
clicked = common.clickable_frame(page, FRAME_HEIGHT, key="map_frame", title="Карта сотрудничества")
st.caption(md(note) + " Толщина линии — число документов, на которых основана связь.")
if clicked and clicked in snap.nodes:
    common.open_profile(clicked)
st.download_button("Скачать карту (HTML)", page.encode("utf-8"), file_name="edugraph_map.html", mime="text/html",
                   key="map_download")

st.subheader("Самые сильные связи на карте")
tie_rows = analytics.tie_rows(graph, limit=50) if graph.graph.get("documents") else []
for row in tie_rows:
    row["kinds"] = ", ".join(common.TIE_KINDS_RU.get(k, k) for k in row["kinds"])
    row["documents"] = common.documents_titles(snap, row["documents"], 5)
if tie_rows and len({row["weight"] for row in tie_rows}) == 1:
    st.caption(f"Все связи здесь одинаково сильны — {count_ru(tie_rows[0]['weight'], 'документ')} на каждую; "
               "они перечислены по названиям.")
if tie_rows:
    common.table(tie_rows, {"name_a": "Кто", "name_b": "С кем", "weight": "Документов",
                            "kinds": "Основание", "documents": "Документы"}, key="map_ties", file_name="ties.csv")

names = {n: graph.nodes[n].get("name", n) for n in graph}
pick = st.selectbox("Открыть профиль", [""] + sorted(graph, key=lambda n: graph.nodes[n].get("name", n)),
                    format_func=lambda n: names.get(n) if n else "— выберите узел карты —", key="map_profile_pick")
if pick:
    common.open_profile(pick)
