"""Обзор: who the key people and schools are, what changed in the latest year, the size of the graph, the
documents by year and kind, the awards."""

import altair as alt
import pandas as pd
import streamlit as st

from graph.analysis import metrics as analytics
from graph.analysis import views
from ingest.vocabulary import ORGANISATION_KIND
from ui import common
from ui.common import count_ru, md

TOP = 5

st.title("Обзор сети")
snap = common.view()
if common.empty_notice(snap):
    st.stop()
args = common.cache_args()

counts = analytics.summary_counts(snap)
shown = ["Organization", "Person", "Event", "Group", "Award", "Document", "District"]
common.count_cards([(counts.get(label, 0), common.COUNTED[label]) for label in shown])


def key_rows(who: str) -> list[dict]:
    rows = common.person_rows(*args) if who == "people" else common.organisation_rows(*args)
    return analytics.ranked([r for r in rows if r["degree"] > 0], "documents", "degree")


def shared_place(group: list[dict], table, noun: str) -> str:
    """« и ещё 18 организаций; все названы в документе «…»» after the first name of a shared place (one
    line per place: nineteen schools of one list would fill the whole top five), "" for a place of one."""
    if len(group) < 2:
        return ""
    docs = analytics.common_shared(table, [r["id"] for r in group])
    where = f"; все названы в документе «{common.documents_titles(snap, docs, 1)}»" if docs else ""
    return " " + md(f"и ещё {count_ru(len(group) - 1, noun)}{where}")


def key_list(who: str) -> None:
    """The top places of people or of organisations, one line each, with a button to the first one's profile."""
    people = who == "people"
    groups = analytics.place_groups(key_rows(who), TOP)
    if not groups:
        st.info("Документы не связывают людей друг с другом." if people
                else "Документы не связывают организации друг с другом.")
    table = common.person_ties(*args) if people else common.ties(*args)
    for i, group in enumerate(groups):
        row = group[0]
        line = st.columns([3, 1])
        if people:
            orgs = row.get("orgs") or []
            where = f" ({md('; '.join(orgs[:2]))})" if orgs else ""
            counts = f"{count_ru(row['documents'], 'документ')} с коллегами, {count_ru(row['degree'], 'коллега')}"
        else:
            place = f", {md(row['district'])}" if row["district"] else ""
            where = f" ({md(ORGANISATION_KIND.ru_of(row['kind']))}{place})"
            counts = f"{count_ru(row['documents'], 'документ')} с партнёрами, {count_ru(row['degree'], 'партнёр')}"
        more = shared_place(group, table, "человек" if people else "организация")
        line[0].markdown(f"**{row['place']}. {md(row['name'])}**{where}{more}  \n{counts}" +
                         (" у каждого" if len(group) > 1 else ""))
        line[1].button("Профиль", key=f"key_{who}_{i}", on_click=common.go_to_profile, args=(row["id"],))


people_col, orgs_col = st.columns(2)
with people_col:
    st.subheader("Ключевые люди")
    st.caption("Чаще других работают вместе с коллегами: больше всего документов, где они названы рядом с "
               "другими людьми своей организации, событий или объединений.")
    key_list("people")
with orgs_col:
    st.subheader("Ключевые школы и организации")
    st.caption("Чаще других названы вместе с партнёрами: общие события, документы, сотрудники и объединения.")
    key_list("organisations")
st.caption("Порядок — по числу документов, где они названы вместе с другими; при равенстве выше тот, у кого "
           "больше партнёров (коллег); одинаковые по обоим показателям делят место. Подробнее — на странице "
           "«Аналитика».")

changed = common.changes(*args)
if changed:
    year = changed["year"]
    st.subheader(f"Что изменилось в {year} году")

    def versus(now: int, before: int, word: str) -> str:
        if before == now:
            return f"{count_ru(now, word)} — столько же, сколько в {year - 1} году"
        return f"{count_ru(now, word)} (в {year - 1} году — {before})"

    lines = [versus(changed["documents"], changed["documents_before"], "документ"),
             versus(changed["events"], changed["events_before"], "событие")]
    for label, word in (("new_organisations", "организация"), ("new_people", "человек")):
        names = changed[label]
        if names:
            more = f" и ещё {len(names) - 4}" if len(names) > 4 else ""
            lines.append(f"впервые названы: {count_ru(len(names), word)} — {'; '.join(names[:4])}{more}")
    st.markdown("\n".join(f"- {md(line)}" for line in lines))

left, right = st.columns(2)
with left:
    st.subheader("Документы по годам и видам")
    docs = analytics.documents_by_year_kind(snap)
    if docs:
        frame = pd.DataFrame(docs)
        frame["year"] = frame["year"].map(lambda y: str(int(y)) if pd.notna(y) and y else "без даты")
        frame["kind"] = frame["kind"].map(lambda k: "вид не указан" if k in (None, "", "other")
                                          else views.document_kind_ru(k))
        chart = alt.Chart(frame).mark_bar().encode(
            x=alt.X("year:N", title="год", axis=alt.Axis(labelAngle=0),
                    scale=alt.Scale(domain=[str(y) for y in analytics.every_year(r["year"] or None for r in docs)]
                                    + (["без даты"] if any(not r["year"] for r in docs) else []))),
            y=alt.Y("sum(documents):Q", title="документов", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("kind:N", title="вид"),
            tooltip=[alt.Tooltip("year:N", title="год"), alt.Tooltip("kind:N", title="вид"),
                     alt.Tooltip("sum(documents):Q", title="документов")])
        st.altair_chart(chart, width="stretch")
        undated = sum(r["documents"] for r in docs if not r["year"])
        if undated:
            st.caption(f"«без даты» — {count_ru(undated, 'документ')}, в которых не указан год.")
    else:
        st.info("Документов нет.")
with right:
    st.subheader("Награды по видам")
    awards = analytics.awards_by_kind(snap)
    if awards:
        frame = pd.DataFrame(awards)
        chart = alt.Chart(frame).mark_bar().encode(
            y=alt.Y("kind:N", title=None, sort="-x", axis=alt.Axis(labelLimit=360)),
            x=alt.X("awards:Q", title="наград", axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("kind:N", title="награда"), alt.Tooltip("awards:Q", title="сколько")])
        st.altair_chart(chart, width="stretch")
    else:
        st.info("Наград в документах нет.")

with st.expander("Связи графа по типам"):
    rel_counts = [{"type": common.rel_ru(k[4:]), "count": v} for k, v in sorted(counts.items()) if k.startswith("rel:")]
    st.caption(f"Всего {count_ru(len(snap.rels), 'связь')}.")
    common.table(rel_counts, {"type": "Связь", "count": "Сколько"}, key="rels", file_name="relationships.csv")
