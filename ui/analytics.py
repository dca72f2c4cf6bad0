"""Аналитика: rankings of organisations and of people (ties broken by a second measure), communities,
brokers between districts, shared events, the partners who bridge others, and the network's growth by year —
every measure explained in one plain sentence beside it."""

import altair as alt
import pandas as pd
import streamlit as st

from graph.analysis import metrics as analytics
from ingest.vocabulary import ORGANISATION_KIND
from ui import common
from ui.common import count_ru, md

st.title("Аналитика сети")
snap = common.view()
if common.empty_notice(snap):
    st.stop()
args = common.cache_args()
table = common.ties(*args)
organisations = len(common.organisation_rows(*args))
linked = sum(1 for degree in table.degrees().values() if degree > 0)
st.caption(md(f"Сеть сотрудничества: {count_ru(organisations, 'организация')}, из них {linked} связаны "
              f"с другими; {count_ru(table.pair_count(), 'связь')}.") + " " +
           "Организации связаны, если участвуют в одном событии, названы в одном документе, имеют общих "
           "сотрудников или входят в одно объединение; люди — если работают в одной организации, участвуют в "
           "одном событии или входят в одно объединение. Вес связи — число документов, на которых она основана.")

# name, what a high value means — for an organisation and for a person
METRICS = {
    "documents": ("Совместные документы",
                  "В скольких документах она названа вместе с партнёрами: высокое значение — организация "
                  "сотрудничает часто и в разных делах.",
                  "В скольких документах он назван вместе с коллегами: высокое значение — человек часто "
                  "работает вместе с другими."),
    "degree": ("Партнёры", "Со сколькими разными организациями у неё есть общий документ: высокое значение — "
                           "широкий круг партнёров.",
               "Со сколькими разными людьми у него есть общий документ: высокое значение — широкий круг коллег."),
    "pagerank": ("Влиятельность", "Насколько сильно связаны её партнёры: высокое значение — организация в самом "
                                  "центре сети, среди тех, кто сам активно сотрудничает.",
                 "Насколько сильно связаны его коллеги: высокое значение — человек в центре сети, рядом с самыми "
                 "активными."),
    "weighted_degree": ("Сила связей", "Сумма документов по всем её связям (документ с десятью партнёрами "
                                       "даёт десять): высокое значение — много партнёров и прочные связи с ними.",
                        "Сумма документов по всем его связям: высокое значение — много коллег и прочные связи."),
    "betweenness": ("Посредничество", "Как часто она стоит на кратчайшем пути между другими организациями: "
                                      "высокое значение — через неё связаны те, кто иначе не связан.",
                    "Как часто он стоит на кратчайшем пути между другими людьми: высокое значение — через него "
                    "связаны те, кто иначе не связан."),
}
# the second measure that orders equal values of the first
SECOND = {"documents": "degree", "degree": "documents", "pagerank": "documents", "weighted_degree": "documents",
          "betweenness": "degree"}
FLOAT = {"betweenness": "%.4f", "pagerank": "%.4f"}

methods = ["louvain"] + (["leiden"] if analytics.leiden_available() else [])
SECTIONS = ["Рейтинги", "Сообщества", "Посредники между районами", "Общие события", "Связующие звенья",
            "Рост сети по годам"]
# one section at a time: only the analysis on show is computed (on a large graph each costs seconds)
section = st.segmented_control("Раздел", SECTIONS, default=SECTIONS[0], key="an_section",
                               label_visibility="collapsed") or SECTIONS[0]

if section == "Рейтинги":
    top_cols = st.columns([1, 2])
    who = top_cols[0].segmented_control("Кого", ["organisations", "people"], default="organisations", key="an_who",
                                        format_func={"organisations": "Организации", "people": "Люди"}.get) \
        or "organisations"
    metric = top_cols[1].selectbox("Ранжировать по", list(METRICS), format_func=lambda m: METRICS[m][0],
                                   key="an_metric")
    second = SECOND[metric]
    person = who == "people"
    st.markdown(f"<div class='eg-meaning'>{common.html_escape(METRICS[metric][2 if person else 1])} При равенстве "
                f"впереди тот, у кого больше показатель «{METRICS[second][0].lower()}»; равные по обоим делят место.</div>",
                unsafe_allow_html=True)
    wanted = (metric,) if metric in ("pagerank", "betweenness") else ()
    # partners and shared documents come from the tie table; the other measures need the network's graph
    local = metric in ("documents", "degree")
    if local:
        found = common.person_rows(*args) if person else common.organisation_rows(*args)
    else:
        found = common.centrality(*args, wanted, "louvain", who)
    rows = analytics.ranked([dict(r) for r in found], metric, second)
    if person and not local:
        orgs = {r["id"]: r.get("orgs") or [] for r in common.person_rows(*args)}
    for row in rows:
        row["kind"] = ORGANISATION_KIND.ru_of(row["kind"]) if not person else ""
        row["orgs"] = "; ".join(row.get("orgs") or (orgs.get(row["id"], []) if person and not local else [])) \
            if person else ""
    if not rows:
        st.info("Ранжировать некого: документы не связывают их друг с другом.")
        st.stop()
    groups = analytics.place_groups(rows, 15)
    top = pd.DataFrame([group[0] for group in groups])
    best = top[metric].max()
    if best > 0:
        noun = "человек" if person else "организация"
        top["label"] = [f"{g[0]['place']}. {g[0]['name']}" + (f" и ещё {count_ru(len(g) - 1, noun)}" if len(g) > 1
                                                               else "") for g in groups]
        chart = alt.Chart(top).mark_bar().encode(
            y=alt.Y("label:N", title=None, sort=list(top["label"]), axis=alt.Axis(labelLimit=560)),
            x=alt.X(f"{metric}:Q", title=METRICS[metric][0].lower(),
                    axis=alt.Axis(tickMinStep=1, format="d") if metric not in FLOAT else alt.Axis()),
            tooltip=[alt.Tooltip("name:N", title="кто"), alt.Tooltip(f"{metric}:Q", title=METRICS[metric][0]),
                     alt.Tooltip(f"{second}:Q", title=METRICS[second][0])])
        st.altair_chart(chart, width="stretch")
    tied = analytics.shared_top(rows, metric)
    subject = "людей" if person else "организаций"
    if best <= 0:
        st.info(f"У всех {subject} значение 0: ни через кого не проходят связи между остальными — каждый связан "
                "с каждым напрямую или не связан вовсе.")
    elif tied > 3:
        common_docs = analytics.common_shared(common.person_ties(*args) if person else table,
                                              [r["id"] for r in rows[:tied]])
        why = (f" Скорее всего, они перечислены в одном документе: «{md(common.documents_titles(snap, common_docs, 1))}»."
               if common_docs else "")
        st.info(f"У {tied} {subject} одинаковое значение «{METRICS[metric][0].lower()}»; порядок среди них задаёт "
                f"второй показатель — «{METRICS[second][0].lower()}».{why}")
    columns = {"place": "Место", "name": "Человек" if person else "Организация", metric: METRICS[metric][0],
               second: METRICS[second][0]}
    columns |= ({"orgs": "Где работает"} if person else {"kind": "Вид"}) | {"district": "Район"}
    people_table = common.person_ties(*args) if person else None
    size = (len(rows) + (people_table.pair_count() if person else table.pair_count()))
    if metric == "betweenness" and size > analytics.BETWEENNESS_BUDGET:
        st.caption("Сеть большая: посредничество оценено по части узлов, порядок надёжен для верхних строк.")
    common.table(rows, columns, key="an_rank", file_name=f"ranking_{who}_{metric}.csv", number_format=FLOAT)

elif section == "Сообщества":
    st.markdown("<div class='eg-meaning'>Сообщество — группа организаций, связанных между собой теснее, чем с "
                "остальными: например, школы одного методического объединения или одного округа.</div>",
                unsafe_allow_html=True)
    method = "louvain"
    if len(methods) > 1:
        method = st.radio("Способ поиска", methods, horizontal=True, key="an_method",
                          format_func={"louvain": "быстрый (Louvain)", "leiden": "точный (Leiden)"}.get)
    rows = common.centrality(*args, ("community",), method)
    members: dict[int, list[dict]] = {}
    for row in rows:
        members.setdefault(row["community"], []).append(row)
    summary = []
    for number, group in sorted(members.items()):
        group.sort(key=lambda r: (-r["documents"], -r["degree"], r["name"]))
        districts = pd.Series([r["district"] for r in group if r["district"]]).value_counts()
        summary.append({"community": number + 1, "size": len(group),
                        "leaders": "; ".join(r["name"] for r in group[:5]),
                        "districts": ", ".join(f"{d} ({c})" for d, c in districts.head(3).items())})
    st.markdown(f"**{count_ru(len(summary), 'сообщество')}**")
    common.table(summary, {"community": "Сообщество", "size": "Организаций", "leaders": "Самые связанные",
                           "districts": "Главные районы"}, key="an_comm", file_name="communities.csv")

elif section == "Посредники между районами":
    st.markdown("<div class='eg-meaning'>Организации, через которые связаны партнёры из разных районов, не "
                "связанные между собой напрямую: без них районы работали бы порознь.</div>", unsafe_allow_html=True)
    rows = common.brokers(*args)
    if rows:
        common.table(rows, {"name": "Организация", "brokered_pairs": "Пар партнёров только через неё",
                            "districts_bridged": "Районов среди партнёров", "district": "Район"},
                     key="an_brokers", file_name="district_brokers.csv")
    else:
        st.info("Посредников между районами нет: связи не пересекают границы районов.")

elif section == "Общие события":
    st.markdown("<div class='eg-meaning'>Пары организаций, которые участвовали в одних и тех же событиях, и "
                "сколько таких событий.</div>", unsafe_allow_html=True)
    rows = [dict(r, events="; ".join(r["events"])) for r in common.projection(*args)]
    if rows:
        common.table(rows, {"name_a": "Организация", "name_b": "Партнёр", "shared_events": "Общих событий",
                            "events": "События"}, key="an_proj", file_name="shared_events.csv")
    else:
        st.info("Ни в одном событии не участвовали две организации.")

elif section == "Связующие звенья":
    st.markdown("<div class='eg-meaning'>Замкнутость круга партнёров: насколько партнёры организации связаны и "
                "между собой. Низкое значение — организация соединяет тех, кто иначе не знаком (ценное связующее "
                "звено); высокое — все её партнёры и так работают вместе. Первыми идут связующие звенья.</div>",
                unsafe_allow_html=True)
    rows = [r for r in common.centrality(*args, ("constraint",)) if r["constraint"] is not None]
    rows.sort(key=lambda r: (r["constraint"], -r["degree"], r["name"]))
    shown = [dict(r, kind=ORGANISATION_KIND.ru_of(r["kind"])) for r in rows]
    common.table(shown, {"name": "Организация", "constraint": "Замкнутость круга", "degree": "Партнёры",
                         "kind": "Вид", "district": "Район"}, key="an_burt", file_name="bridges.csv",
                 number_format={"constraint": "%.3f"})

else:
    st.markdown("<div class='eg-meaning'>Как год за годом появлялись связи между организациями. Плотность — "
                "доля связанных пар среди всех возможных: 1 — все работают со всеми, близко к 0 — немногие. "
                "Отдельные части — группы организаций, не связанные друг с другом ни одной связью.</div>",
                unsafe_allow_html=True)
    rows = common.evolution(*args)
    if rows:
        frame = pd.DataFrame(rows).set_index("year")
        frame.index = frame.index.astype(str)
        left, right = st.columns(2)
        left.bar_chart(frame["new_ties"], x_label="год", y_label="новых связей")
        right.line_chart(frame[["density"]], x_label="год", y_label="плотность")
        common.table(rows, {"year": "Год", "new_ties": "Новых связей", "organisations": "Организаций в сети",
                            "ties": "Связей всего", "density": "Плотность", "components": "Отдельных частей"},
                     key="an_evo", file_name="growth.csv", number_format={"density": "%.3f"})
    else:
        st.info("Нет датированных связей.")
