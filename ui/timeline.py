"""Хронология: the events of the network over time — seminars, conferences, стажировки, contests — filtered by
district and organisation kind (the sidebar) and by the kind of event, each opening its profile."""

import pandas as pd
import streamlit as st

from graph.analysis import metrics as analytics
from ingest.vocabulary import EVENT_KIND
from ui import common
from ui.common import md

SHOWN = 60  # events listed at once; the table below has them all

st.title("Хронология событий")
snap = common.view()
if common.empty_notice(snap):
    st.stop()
args = common.cache_args()
events = common.timeline(*args)
if not events:
    st.info("В выбранных документах нет событий.")
    st.stop()

kinds_present = [k for k in EVENT_KIND.codes if any(e["kind"] == k for e in events)]
controls = st.columns([3, 2])
kinds = controls[0].multiselect("Вид события", kinds_present, key="tl_kinds", placeholder="все виды событий",
                                format_func=EVENT_KIND.ru_of)
text = controls[1].text_input("Название содержит", key="tl_text", placeholder="например: олимпиада")
st.caption("Район и вид организации — на боковой панели: остаются события, в которых участвуют "
           "организации выбранных районов и видов.")
chosen = [e for e in events if (not kinds or e["kind"] in kinds)
          and (not text.strip() or text.strip().lower() in e["name"].lower())]
undated = [e for e in chosen if e["year"] is None]
st.markdown(f"**{common.count_ru(len(chosen), 'событие')}**" +
            (f", из них {len(undated)} без даты" if undated else ""))
if not chosen:
    st.info("Под выбранные условия не попало ни одно событие.")
    st.stop()

dated = [e for e in chosen if e["year"] is not None]
if dated:
    frame = pd.DataFrame([{"year": str(e["year"]), "kind": EVENT_KIND.ru_of(e["kind"])} for e in dated])
    pivot = frame.pivot_table(index="year", columns="kind", aggfunc="size", fill_value=0)
    pivot = pivot.reindex([str(y) for y in analytics.every_year(e["year"] for e in dated)], fill_value=0)
    st.bar_chart(pivot, x_label="год", y_label="событий")

years = sorted({e["year"] for e in dated}, reverse=True)
ALL = "все годы"
options = [ALL] + [str(y) for y in years] + (["без даты"] if undated else [])
if st.session_state.get("tl_year") not in options:
    # a short list is shown whole; a long one opens at its latest year
    opening = analytics.opening_year(chosen, SHOWN)
    st.session_state["tl_year"] = ALL if opening is None else str(opening)
year = st.selectbox("Год", options, key="tl_year")
listed = [e for e in chosen if year == ALL or (str(e["year"]) if e["year"] else "без даты") == year]
if len(listed) > SHOWN:
    st.caption(f"Показаны первые {SHOWN} из {len(listed)}; все — в таблице ниже.")
for i, event in enumerate(listed[:SHOWN]):
    line = st.columns([1.3, 6, 1])
    line[0].markdown(f"**{md(common.date_ru(event['date']) or 'без даты')}**")
    who = []
    if event["hosts"]:
        who.append("площадка: " + "; ".join(event["hosts"][:2]))
    if event["organisations"]:
        who.append(common.count_ru(event["organisations"], "организация"))
    if event["people"]:
        who.append(common.count_ru(event["people"], "человек"))
    if event["districts"]:
        who.append(", ".join(event["districts"][:3]))
    line[1].markdown(f"**{md(event['name'])}** — {md(EVENT_KIND.ru_of(event['kind']))}  \n"
                     f"{md(' · '.join(who))}  \n{md(common.documents_titles(snap, event['documents'], 2))}")
    line[2].button("Профиль", key=f"tl_go_{i}_{event['id']}", on_click=common.go_to_profile, args=(event["id"],))

with st.expander("Все события таблицей"):
    rows = [{"date": common.date_ru(e["date"]) or "без даты", "name": e["name"], "kind": EVENT_KIND.ru_of(e["kind"]),
             "hosts": "; ".join(e["hosts"]), "organisations": e["organisations"], "people": e["people"],
             "districts": ", ".join(e["districts"]), "documents": common.documents_titles(snap, e["documents"], 5)}
            for e in chosen]
    common.table(rows, {"date": "Дата", "name": "Событие", "kind": "Вид", "hosts": "Площадка",
                        "organisations": "Организаций", "people": "Людей", "districts": "Районы",
                        "documents": "Документы"}, key="tl_all", file_name="events.csv")
