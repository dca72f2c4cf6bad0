"""Аналитика: centrality rankings, communities, brokers between districts, the organisation–event
projection, structural holes and the network's evolution by year."""

import pandas as pd
import streamlit as st

from graph.analysis import metrics as analytics
from ingest.vocabulary import ORGANISATION_KIND
from ui import common

st.title("Аналитика сети")
snap = common.view()
if common.empty_notice(snap):
    st.stop()
args = common.cache_args()
collab = common.collaboration(*args)
st.caption(f"Сеть сотрудничества: {collab.number_of_nodes()} организаций, {collab.number_of_edges()} связей. "
           "Организации связаны, если участвуют в одном событии, названы в одном документе, "
           "имеют общих сотрудников или входят в одно объединение; вес связи — число документов.")

# weighted degree first: it needs no computation beyond the network itself, so the page opens fast
METRICS = {"weighted_degree": "Документов в связях (взвешенная степень)", "degree": "Число партнёров (степень)",
           "pagerank": "PageRank", "betweenness": "Посредничество (betweenness)"}
COLUMNS = {"name": "Организация", "kind": "Вид", "district": "Район", "degree": "Партнёров",
           "weighted_degree": "Документов в связях", "betweenness": "Посредничество", "pagerank": "PageRank",
           "community": "Сообщество"}
FLOAT = {"betweenness": "%.4f", "pagerank": "%.4f"}

methods = ["louvain"] + (["leiden"] if analytics.leiden_available() else [])
SECTIONS = ["Рейтинги", "Сообщества", "Посредники между районами", "Организации и события",
            "Структурные дыры", "Динамика по годам"]
# one section at a time: only the analysis on show is computed (on a large graph each costs seconds)
section = st.segmented_control("Раздел", SECTIONS, default=SECTIONS[0], key="an_section",
                               label_visibility="collapsed") or SECTIONS[0]

if section == "Рейтинги":
    metric = st.selectbox("Ранжировать по", list(METRICS), format_func=METRICS.get, key="an_metric")
    wanted = (metric,) if metric in ("pagerank", "betweenness") else ()
    rows = sorted(common.centrality(*args, wanted), key=lambda r: (-r[metric], r["name"]))
    shown = [dict(r, kind=ORGANISATION_KIND.ru_of(r["kind"])) for r in rows]
    top = pd.DataFrame(shown[:15])
    if not top.empty and top[metric].max() > 0:
        st.bar_chart(top.set_index("name")[metric], horizontal=True, x_label=METRICS[metric], y_label="")
    columns = {k: v for k, v in COLUMNS.items()
               if k != "community" and (k not in ("betweenness", "pagerank") or k in wanted)}
    if metric == "betweenness" and collab.number_of_nodes() + collab.number_of_edges() > analytics.BETWEENNESS_BUDGET:
        st.caption("Сеть большая: посредничество оценено по выборке узлов-источников.")
    common.table(shown, columns, key="an_rank", file_name=f"ranking_{metric}.csv", number_format=FLOAT)

elif section == "Сообщества":
    method = st.radio("Метод", methods, horizontal=True, key="an_method",
                      format_func={"louvain": "Louvain", "leiden": "Leiden"}.get)
    if len(methods) == 1:
        st.caption("Leiden доступен, если установлены igraph и leidenalg.")
    rows = common.centrality(*args, ("community",), method)
    members: dict[int, list[dict]] = {}
    for row in rows:
        members.setdefault(row["community"], []).append(row)
    summary = []
    for number, group in sorted(members.items()):
        group.sort(key=lambda r: (-r["weighted_degree"], r["name"]))
        districts = pd.Series([r["district"] for r in group if r["district"]]).value_counts()
        summary.append({"community": number + 1, "size": len(group),
                        "leaders": "; ".join(r["name"] for r in group[:5]),
                        "districts": ", ".join(f"{d} ({c})" for d, c in districts.head(3).items())})
    st.metric("Сообществ", len(summary))
    common.table(summary, {"community": "Сообщество", "size": "Организаций", "leaders": "Самые центральные",
                           "districts": "Главные районы"}, key="an_comm", file_name=f"communities_{method}.csv")

elif section == "Посредники между районами":
    st.caption("Организации, через которые связаны партнёры из разных районов, не связанные между собой напрямую.")
    rows = common.brokers(*args)
    if rows:
        common.table(rows, {"name": "Организация", "district": "Район", "districts_bridged": "Районов среди партнёров",
                            "brokered_pairs": "Пар партнёров только через неё"},
                     key="an_brokers", file_name="district_brokers.csv")
    else:
        st.info("Посредников между районами нет: связи не пересекают границы районов.")

elif section == "Организации и события":
    st.caption("Двудольный граф «организация — событие», свёрнутый на организации: пары и их общие события.")
    rows = [dict(r, events="; ".join(r["events"])) for r in common.projection(*args)]
    if rows:
        common.table(rows, {"name_a": "Организация", "name_b": "Партнёр", "shared_events": "Общих событий",
                            "events": "События"}, key="an_proj", file_name="org_event_projection.csv")
    else:
        st.info("Ни в одном событии не участвовали две организации.")

elif section == "Структурные дыры":
    st.caption("Ограничение Бёрта (constraint): чем ниже, тем больше организация соединяет несвязанных партнёров "
               "(структурные дыры); высокое — все партнёры организации связаны друг с другом.")
    rows = [r for r in common.centrality(*args, ("constraint",)) if r["constraint"] is not None]
    rows.sort(key=lambda r: r["constraint"])
    shown = [dict(r, kind=ORGANISATION_KIND.ru_of(r["kind"])) for r in rows]
    common.table(shown, {"name": "Организация", "kind": "Вид", "district": "Район", "degree": "Партнёров",
                         "constraint": "Ограничение Бёрта"}, key="an_burt", file_name="burt_constraint.csv",
                 number_format={"constraint": "%.3f"})

else:
    rows = common.evolution(*args)
    if rows:
        frame = pd.DataFrame(rows).set_index("year")
        frame.index = frame.index.astype(str)
        left, right = st.columns(2)
        left.bar_chart(frame["new_ties"], x_label="год", y_label="новых связей")
        right.line_chart(frame[["density"]], x_label="год", y_label="плотность")
        common.table(rows, {"year": "Год", "new_ties": "Новых связей", "organisations": "Организаций в сети",
                            "ties": "Связей всего", "density": "Плотность", "components": "Компонент связности"},
                     key="an_evo", file_name="evolution.csv", number_format={"density": "%.3f"})
    else:
        st.info("Нет датированных связей.")
