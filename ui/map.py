"""Карта сотрудничества: the interactive network of organisations (and, on request, their people)."""

import streamlit as st

from graph.analysis import metrics as analytics
from graph.analysis import views
from ui import common
from ui import network as network_view

st.title("Карта сотрудничества")
snap = common.view()
if common.empty_notice(snap):
    st.stop()
args = common.cache_args()

SIZE_BY = {"weighted_degree": "документам в связях", "pagerank": "PageRank", "degree": "числу партнёров",
           "betweenness": "посредничеству"}
MODES = {"orgs": "Организации (люди свёрнуты в свои организации)", "people": "Организации и люди"}

controls = st.columns([2, 1, 1, 1])
mode = controls[0].radio("Что показать", list(MODES), format_func=MODES.get, key="map_mode", horizontal=True)
colour_by = controls[1].radio("Цвет", ["kind", "community"], key="map_colour", horizontal=True,
                              format_func={"kind": "по виду", "community": "по сообществу"}.get)
size_by = controls[2].selectbox("Размер по", list(SIZE_BY), format_func=SIZE_BY.get, key="map_size")
limit = controls[3].slider("Не больше узлов", 20, 500, 100, step=10, key="map_limit",
                           help="Самые центральные узлы; остальные скрыты, чтобы карта не тормозила.")

focus_cols = st.columns([3, 1])
query = focus_cols[0].text_input("Фокус на организации или человеке", key="map_focus_query",
                                 placeholder="например: Пинеровка или Фандиной")
hops = focus_cols[1].slider("Шагов от фокуса", 1, 3, 1, key="map_hops")
focus = None
if query.strip():
    hits = common.search_index(args[0], args[1]).search(query, limit=10,
                                                           labels=("Organization", "Person", "Event", "Group"))
    hits = [h for h in hits if h.id in snap.nodes]
    if hits:
        focus = st.selectbox("Найдено", [h.id for h in hits], key="map_focus_pick",
                             format_func=lambda i: next(f"{h.name} ({common.label_ru(h.label)})"
                                                        for h in hits if h.id == i))
    else:
        st.warning(f"«{query}» не найдено среди показанных данных.")


@st.cache_resource(max_entries=16, show_spinner="Раскладываю карту…")
def map_graph(directory, graph_version, key, mode, focus, hops, limit, size_by, colour_by):
    """The graph to draw, its positions, scores and communities (cached: the layout is the slow part)."""
    collab = common.collaboration(directory, graph_version, key)
    metrics = tuple(m for m in (size_by, "community" if colour_by == "community" else "")
                    if m in ("pagerank", "betweenness", "community"))
    rows = common.centrality(directory, graph_version, key, metrics)
    scores = {r["id"]: r[size_by] for r in rows}
    groups = {r["id"]: r.get("community", -1) for r in rows}
    view = common.view_of(directory, graph_version, key)
    if focus:
        full = common.entities(directory, graph_version, key)
        graph = analytics.neighbourhood(full, focus, hops)
        # people folded into their organisations, unless the focus is a person
        if mode == "orgs" and graph.nodes[focus].get("label") != "Person":
            graph = analytics.fold_people(graph, analytics.people_orgs(view))
    elif mode == "people":
        graph = analytics.top_nodes(collab, scores, limit).copy()
        for person, orgs in analytics.people_orgs(view).items():
            shown = [o for o in orgs if o in graph]
            if shown and person in view.nodes:
                graph.add_node(person, name=analytics.node_name(view.nodes[person]), label="Person", kind="")
                for org in shown:
                    graph.add_edge(person, org, weight=1)
    else:
        graph = collab
    graph = analytics.backbone(analytics.top_nodes(graph, scores, limit))
    sub_scores = {n: scores.get(n, min(scores.values(), default=0.0)) for n in graph}
    return graph, analytics.layout(graph), sub_scores, groups


graph, positions, scores, groups = map_graph(*args, mode, focus, hops, limit, size_by, colour_by)
if graph.number_of_nodes() == 0:
    st.info("Связей для карты нет: в выбранных документах организации не встречаются вместе.")
    st.stop()

net = network_view.build_network(graph, positions, scores=scores, communities=groups, colour_by=colour_by,
                                 focus=focus)
legend = network_view.kind_legend(graph) if colour_by == "kind" else []
page = network_view.network_html(net, legend=legend)
physics = ("включена" if net.options["physics"]["enabled"]
           else "выключена (узлов и связей много: положение узлов рассчитано заранее)")
st.caption(f"Узлов: {graph.number_of_nodes()}, связей: {graph.number_of_edges()}. Толщина связи — число документов, "
           f"на которых она основана; физика раскладки {physics}. Наведите на узел или связь, чтобы увидеть подробности.")
st.iframe(page, height=760)
st.download_button("Скачать карту (HTML)", page.encode("utf-8"), file_name="edugraph_map.html", mime="text/html",
                   key="map_download")

st.subheader("Самые сильные связи")
tie_rows = analytics.tie_rows(graph, limit=50)  # the ties on the map, strongest first
for row in tie_rows:
    row["kinds"] = ", ".join(common.TIE_KINDS_RU[k] for k in row["kinds"])
    row["documents"] = ", ".join(views.document_title(snap.nodes[d]) for d in row["documents"]
                                 if d in snap.nodes)
common.table(tie_rows, {"name_a": "Кто", "name_b": "С кем", "weight": "Документов",
                        "kinds": "Основание", "documents": "Документы"}, key="map_ties", file_name="ties.csv")

pick = st.selectbox("Открыть профиль", [""] + sorted(graph, key=lambda n: graph.nodes[n].get("name", n)),
                    format_func=lambda n: graph.nodes[n].get("name", n) if n else "— выберите узел карты —",
                    key="map_profile_pick")
if pick:
    common.open_profile(pick)
