"""Профиль: find an entity from any case form or partial name, and see everything the documents say of it."""

import html

import streamlit as st

from graph.analysis import views
from ui import common

st.title("Профиль")
args = common.cache_args()
snap = common.full_snapshot()  # a profile shows everything known; the filters narrow the search
visible = common.view()
if common.empty_notice(snap):
    st.stop()

query = st.text_input("Поиск: школа, человек, район, событие, объединение", key="profile_query",
                      placeholder="в любом падеже или начало слова: «Фандиной», «Пинеровк», «Солнечной школе»")
if query.strip():
    hits = [h for h in common.search_index(args[0], args[1]).search(query, limit=30) if h.id in visible.nodes]
    if not hits:
        st.warning(f"По запросу «{query}» ничего не найдено.")
    elif len(hits) == 1 or st.session_state.get("profile_last_query") != query:
        # a new query opens its best match; the list below offers the others
        st.session_state["profile_id"] = hits[0].id
    st.session_state["profile_last_query"] = query
    if len(hits) > 1:
        ids = [h.id for h in hits]
        current = st.session_state.get("profile_id")
        choice = st.radio("Найдено", ids, index=ids.index(current) if current in ids else 0, key=f"hits_{query}",
                          format_func=lambda i: next(f"{h.name} — {common.label_ru(h.label).lower()}"
                                                     for h in hits if h.id == i), horizontal=False)
        st.session_state["profile_id"] = choice

entity_id = st.session_state.get("profile_id") or st.query_params.get("id")
profile = None
if entity_id and entity_id in snap.nodes:
    # the snapshot holds what the analytics need; a profile also wants the texts behind every fact
    profile = views.entity_profile(views.with_details(common.store(), snap, entity_id), entity_id)
if profile is None:
    st.info("Введите имя или название: поиск понимает падежи, сокращения (СОШ, МДОУ) и начало слова.")
    st.stop()


def provenance_block(items: list[dict]) -> str:
    """The documents behind a fact with the sentence that states it."""
    parts = []
    for item in items:
        sentence = f"<br><q>{html.escape(item['sentence'])}</q>" if item["sentence"] else ""
        parts.append(f"<div class='prov'><b>{html.escape(item['title'])}</b>{sentence}</div>")
    return "".join(parts) or "<div class='prov'>источник не указан</div>"


def go_to(entity_id: str) -> None:
    """Open another entity's profile (a callback: it may reset the search box before the rerun)."""
    st.session_state["profile_id"] = entity_id
    st.session_state["profile_query"] = ""


st.html("<style>.prov{font-size:0.88rem;color:#444;margin:2px 0 6px 12px;border-left:3px solid #c9d6ea;"
        "padding-left:8px}.prov q{font-style:italic}</style>")
st.header(profile["name"])
st.caption(profile["label_ru"])
cols = st.columns(2)
with cols[0]:
    for key, value in profile["attributes"].items():
        st.markdown(f"**{key.capitalize()}:** {value}")
    if profile["aliases"]:
        st.markdown("**Другие написания:** " + "; ".join(profile["aliases"]))
with cols[1]:
    st.markdown(f"**Документов-источников:** {len(profile['sources'])}")
    st.markdown(f"**Связей:** {sum(len(v) for v in profile['relationships'].values())}")
    if profile["awards"]:
        st.markdown(f"**Наград:** {len(profile['awards'])}")

st.subheader("Связи")
if not profile["relationships"]:
    st.info("Связей нет.")
for rel_type, rows in sorted(profile["relationships"].items(), key=lambda i: -len(i[1])):
    with st.expander(f"{common.rel_ru(rel_type).capitalize()} — {len(rows)}", expanded=len(rows) <= 8):
        for i, row in enumerate(sorted(rows, key=lambda r: r["other"])):
            line = st.columns([5, 1])
            detail = f" — {row['detail']}" if row["detail"] else ""
            line[0].markdown(f"**{row['other']}** ({row['other_label'].lower()}){detail}")
            line[1].button("Профиль", key=f"go_{rel_type}_{i}_{row['other_id']}", on_click=go_to, args=(row["other_id"],))
            st.html(provenance_block(row["provenance"]))

if profile["awards"]:
    st.subheader("Награды")
    for award in profile["awards"]:
        extra = ", ".join(p for p in (award["date"], award["given_by"] and f"выдал: {award['given_by']}",
                                      award["event"] and f"за: {award['event']}") if p)
        st.markdown(f"**{award['kind']}**" + (f" ({extra})" if extra else ""))
        st.html(provenance_block(award["provenance"]))

st.subheader("Хронология")
if profile["timeline"]:
    common.table(profile["timeline"], {"date": "Дата", "what": "Событие или документ", "detail": "Роль"},
                 key="timeline", file_name="timeline.csv")
else:
    st.info("Датированных событий нет.")
