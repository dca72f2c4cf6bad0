"""Профиль: find an entity from any case form or partial name, and see everything the documents say of it —
each fact with the words that state it, a link to its document, and a button to mark it wrong."""

import streamlit as st

from graph.analysis import metrics as analytics
from graph.analysis import views
from graph.load import judgements
from ui import auth, common
from ui.common import md

NO_FILTERS: common.FilterKey = ((), (), None, True)
ROWS_SHOWN = 12  # facts of one kind shown at first (a district names hundreds of schools)

st.title("Профиль")
args = common.cache_args()
snap = common.full_snapshot()  # a profile shows everything known; the filters narrow the search
visible = common.view()
if common.empty_notice(snap):
    st.stop()

flash = st.session_state.pop("profile_flash", None)
if flash:
    (st.success if flash[0] == "ok" else st.error)(flash[1])
    if flash[0] == "ok" and len(flash) > 2:
        st.button("Вернуть этот факт", key="profile_restore", on_click=lambda: restore(flash[2]))

query = st.text_input("Поиск: школа, человек, район, событие, объединение", key="profile_query",
                      placeholder="в любом падеже или начало слова: «Фандиной», «Пинеровк», «Солнечной школе»")
if query.strip():
    hits = [h for h in common.search_index(args[0], args[1]).search(query, limit=30) if h.id in visible.nodes]
    if not hits:
        st.warning(f"По запросу «{md(query)}» ничего не найдено.")
    elif len(hits) == 1 or st.session_state.get("profile_last_query") != query:
        # a new query opens its best match; the list below offers the others
        st.session_state["profile_id"] = hits[0].id
    st.session_state["profile_last_query"] = query
    if len(hits) > 1:
        ids = [h.id for h in hits]
        current = st.session_state.get("profile_id")
        names = {h.id: f"{md(h.name)} — {common.label_ru(h.label).lower()}" for h in hits}
        choice = st.radio("Найдено", ids, index=ids.index(current) if current in ids else 0, key=f"hits_{query}",
                          format_func=names.get, horizontal=False)
        st.session_state["profile_id"] = choice

if st.query_params.get("id") and st.session_state.get("profile_link") != st.query_params.get("id"):
    # a link to a profile (…/profile?id=…): it opens it, and the profile stays open on the way back
    st.session_state["profile_link"] = st.session_state["profile_id"] = st.query_params.get("id")
entity_id = st.session_state.get("profile_id")
profile = None
if entity_id and entity_id in snap.nodes:
    # the snapshot holds what the analytics need; a profile also wants the texts behind every fact
    profile = views.entity_profile(views.with_details(common.store(), snap, entity_id), entity_id)
if profile is None:
    st.info("Введите имя или название: поиск понимает падежи, сокращения (СОШ, МДОУ) и начало слова.")
    st.stop()


def mark_wrong(facts: list[dict], names: dict[str, str], what: str) -> None:
    """A button's callback: the fact is marked wrong (graph/load/judgements.py) and leaves the graph; the
    role is checked and the change recorded (ui/auth.py)."""
    if not auth.allowed("editor"):
        st.session_state["profile_flash"] = ("error", "Недостаточно прав: отмечать факты неверными могут "
                                                      "редакторы и администраторы.")
        return
    try:
        judgement, _ = auth.perform(
            "wrong", lambda user: judgements.mark_wrong(common.store(), common.data_dir(), facts, names,
                                                        author=user.login), facts=facts)
    except (judgements.JudgementError, OSError, ValueError) as exc:
        st.session_state["profile_flash"] = ("error", f"Не удалось отметить факт: {exc}")
        return
    st.session_state["profile_flash"] = (
        "ok", f"Факт «{md(what)}» отмечен как неверный и убран из графа; он не вернётся и после повторной загрузки "
              "документов. Вернуть его можно здесь или на странице «Проверка».", judgement)


def restore(judgement: dict) -> None:
    items = judgements.read_judgements(common.data_dir())
    if judgement in items and auth.allowed("editor"):
        number = items.index(judgement) + 1
        auth.perform("restore", lambda user: judgements.undo(common.store(), common.data_dir(), number,
                                                             author=user.login), judgement=number)


def quotes(items: list[dict], key: str) -> None:
    """The documents behind a fact: the words that state it, and a link to the document."""
    if not items:
        st.caption("Источник не указан.")
    for i, item in enumerate(items):
        if item["sentence"]:
            lead = item.get("lead", "").rstrip(" .:;")
            body = common.html_escape(item.get("body") or item["sentence"])
            if lead:
                body = f"<span class='eg-lead'>{common.html_escape(lead)}:</span> {body}"
            st.html(f"<div class='eg-quote' data-eg-data='1'>«{body}»</div>")
        common.document_link(item["document"], item["title"], item.get("span"), key=f"{key}_{i}")


def fact_row(row: dict, heading: str, key: str) -> None:
    line = st.columns([6, 1, 1])
    detail = f" — {md(row['detail'])}" if row["detail"] else ""
    line[0].markdown(f"**{md(row['other'])}** ({row['other_label'].lower()}){detail}")
    line[1].button("Профиль", key=f"go_{key}", on_click=common.go_to_profile, args=(row["other_id"],),
                   help="Открыть профиль")
    names = {profile["id"]: profile["name"], row["other_id"]: row["other"]}
    what = f"{profile['name']}: {heading.lower()} {row['other']}"
    line[2].button("Неверно", key=f"wrong_{key}", on_click=mark_wrong, args=(row["facts"], names, what),
                   help="Этот факт неверен: убрать его из графа (решение можно отменить на странице «Проверка»)")
    quotes(row["provenance"], key)


st.header(md(profile["name"]))
node = snap.nodes[entity_id]
kind = analytics.prop(node, "kind")
subtitle = [profile["label_ru"]]
if profile["label"] == "Organization" and kind:
    subtitle = [common.kind_ru("Organization", kind)]
subtitle[0] = subtitle[0][:1].upper() + subtitle[0][1:]  # «Школа» as «Человек»
st.caption(md(" · ".join(subtitle)))
cols = st.columns(2)
with cols[0]:
    for key, value in profile["attributes"].items():
        st.markdown(f"**{md(key.capitalize())}:** {md(value)}")
    if profile["aliases"]:
        st.markdown("**Другие написания:** " + "; ".join(md(a) for a in profile["aliases"][:12]))
with cols[1]:
    counted = sum(len(group["rows"]) for group in profile["relationships"])
    st.markdown(f"**Источники:** {common.count_ru(len(profile['sources']), 'документ')}")
    st.markdown(f"**В графе:** {common.count_ru(counted, 'связь')}")
    if profile["awards"]:
        st.markdown(f"**Награды:** {len(profile['awards'])}")

# who works with whom: partner organisations, colleagues — with the documents that link them
if profile["label"] in ("Organization", "Person"):
    organisation = profile["label"] == "Organization"
    table = (common.ties if organisation else common.person_ties)(args[0], args[1], NO_FILTERS)
    total, found = analytics.table_partners(table, entity_id, common.names(args[0], args[1]), limit=15,
                                            kind_bits=analytics.KIND_BITS if organisation
                                            else analytics.PERSON_KIND_BITS)
    title = "Партнёры" if organisation else "Коллеги"
    st.subheader(f"{title} — {total}")
    if not found:
        st.caption("Ни один документ не называет эту организацию вместе с другими." if organisation
                   else "Ни один документ не связывает этого человека с другими людьми.")
    elif total > len(found):
        st.caption(f"Показаны {len(found)} самых тесных из {total}.")
    for i, partner in enumerate(found):
        line = st.columns([6, 1])
        kinds = ", ".join(common.TIE_KINDS_RU.get(k, k) for k in partner["kinds"])
        line[0].markdown(f"**{md(partner['name'])}** — {common.count_ru(partner['weight'], 'документ')} "
                         f"({md(kinds)}): {md(common.documents_titles(snap, partner['documents']))}")
        line[1].button("Профиль", key=f"partner_{i}_{partner['id']}", on_click=common.go_to_profile,
                       args=(partner["id"],))

st.subheader("Что говорят документы")
if not profile["relationships"]:
    st.info("Связей нет.")
for g, group in enumerate(sorted(profile["relationships"], key=lambda item: -len(item["rows"]))):
    heading = group["heading"]
    rows = group["rows"]
    with st.expander(f"{md(heading.capitalize())} — {len(rows)}", expanded=len(rows) <= 8):
        everything = len(rows) <= ROWS_SHOWN or st.toggle(f"Показать все ({len(rows)})", key=f"all_{g}_{entity_id}")
        for i, row in enumerate(rows if everything else rows[:ROWS_SHOWN]):
            fact_row(row, heading, f"{g}_{i}_{row['other_id']}")

if profile["awards"]:
    st.subheader("Награды")
    for i, award in enumerate(profile["awards"]):
        extra = ", ".join(p for p in (common.date_ru(award["date"]),
                                      award["given_by"] and f"выдал: {award['given_by']}",
                                      award["event"] and f"за: {award['event']}") if p)
        line = st.columns([7, 1])
        line[0].markdown(f"**{md(award['kind'])}**" + (f" ({md(extra)})" if extra else ""))
        names = {profile["id"]: profile["name"], award["id"]: award["kind"]}
        line[1].button("Неверно", key=f"wrong_award_{i}", on_click=mark_wrong,
                       args=(award["facts"], names, f"{profile['name']}: {award['kind']}"),
                       help="Эта награда указана неверно: убрать её из графа")
        quotes(award["provenance"], f"award_{i}")

st.subheader("Хронология")
if profile["timeline"]:
    rows = [dict(t, date=common.date_ru(t["date"]) or "без даты") for t in profile["timeline"]]
    common.table(rows, {"date": "Дата", "what": "Событие или документ", "detail": "Роль"},
                 key="timeline", file_name="timeline.csv")
else:
    st.info("Датированных событий нет.")
