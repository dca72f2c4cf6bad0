"""Обзор: the size of the graph, documents by year and kind, the most active organisations, awards."""

import pandas as pd
import streamlit as st

from graph.analysis import metrics as analytics
from graph.analysis import views
from ingest.vocabulary import ORGANISATION_KIND
from ui import common

st.title("Обзор сети")
snap = common.view()
if common.empty_notice(snap):
    st.stop()

counts = analytics.summary_counts(snap)
shown = ["Organization", "Person", "Event", "Group", "Award", "Document", "District"]
for column, label in zip(st.columns(len(shown)), shown, strict=True):
    column.metric(common.label_ru(label), counts.get(label, 0))

st.caption(f"Связей в графе: {len(snap.rels)}. Сеть сотрудничества организаций — на страницах «Карта» и «Аналитика».")

left, right = st.columns(2)
with left:
    st.subheader("Документы по годам и видам")
    docs = analytics.documents_by_year_kind(snap)
    if docs:
        frame = pd.DataFrame(docs)
        frame["year"] = frame["year"].map(lambda y: str(y) if y else "без даты")
        frame["kind"] = frame["kind"].map(views.document_kind_ru)
        pivot = frame.pivot_table(index="year", columns="kind", values="documents", aggfunc="sum", fill_value=0)
        st.bar_chart(pivot, x_label="год", y_label="документов")
    else:
        st.info("Документов нет.")
with right:
    st.subheader("Награды по видам")
    awards = analytics.awards_by_kind(snap)
    if awards:
        st.bar_chart(pd.DataFrame(awards).set_index("kind"), horizontal=True, x_label="наград", y_label="")
    else:
        st.info("Наград в документах нет.")

st.subheader("Самые активные организации")
st.caption("События, проведённые на базе организации, и события, в которых участвовали она или её сотрудники.")
active = analytics.most_active_organisations(snap, limit=20)
for row in active:
    row["kind"] = ORGANISATION_KIND.ru_of(row["kind"])
common.table(active, {"name": "Организация", "kind": "Вид", "hosted": "Провела событий",
                      "attended": "Участвовала в событиях", "total": "Всего"},
             key="active", file_name="active_organisations.csv")

with st.expander("Связи графа по типам"):
    rel_counts = [{"type": common.rel_ru(k[4:]), "count": v} for k, v in sorted(counts.items()) if k.startswith("rel:")]
    common.table(rel_counts, {"type": "Связь", "count": "Сколько"}, key="rels", file_name="relationships.csv")
