"""Проверка: what the automatic rules could not decide, decided by a person — pairs that may be one entity
(side by side, with the sentences naming each), facts marked wrong, mentions split off — and the journal of
every judgement with who made it and when. The judgements are the ones `edugraph merge/split/undo` make,
kept in DATA_DIR/judgements.json and reapplied after every ingest."""

import re
from datetime import datetime
from pathlib import Path

import streamlit as st

from graph.analysis import metrics as analytics
from graph.analysis import views
from graph.load import judgements
from ui import auth, common
from ui.common import md

CANDIDATES_SHOWN = 10

st.title("Проверка")
st.caption("Здесь решают то, что программа не может решить сама: один ли это человек или одна организация, "
           "и какие факты извлечены неверно. Решения сохраняются и применяются при каждой загрузке "
           "документов; любое решение можно отменить.")
user = auth.current_user() or auth.local_user()
if auth.allowed("editor"):
    st.caption(md(f"Решения записываются от имени: {user.title}."))
else:
    st.info("Решения принимают редакторы и администраторы; вам эта страница доступна для просмотра.")

directory = common.data_dir()
snap = common.full_snapshot()

flash = st.session_state.pop("review_flash", None)
if flash:
    (st.success if flash[0] == "ok" else st.error)(flash[1])


def journal_stamp() -> float:
    path = judgements.judgements_path(Path(directory))
    return path.stat().st_mtime if path.exists() else 0.0


@st.cache_data(max_entries=4, show_spinner="Ищу возможные дубли…")
def candidates(directory: str, graph_version: str, stamp: float) -> list[judgements.Candidate]:
    return judgements.open_candidates(common.store(), Path(directory))


def act(action: str, work, done: str, **details) -> None:
    """Run a judgement (a button's callback): checked against the role, recorded, and said how it went."""
    if not auth.allowed("editor"):
        st.session_state["review_flash"] = ("error", "Недостаточно прав: решения принимают редакторы и "
                                                     "администраторы.")
        return
    try:
        auth.perform(action, work, role="editor", **details)
    except (judgements.JudgementError, OSError, ValueError, KeyError) as exc:
        st.session_state["review_flash"] = ("error", f"Не удалось: {exc}")
        return
    st.session_state["review_flash"] = ("ok", done)


def merge(candidate: judgements.Candidate, keep: str, drop: str):
    def work(user):
        judgement, _ = judgements.merge(common.store(), Path(directory), keep, drop, author=user.login)
        judgements.name_nodes(Path(directory), judgement, {candidate.a: candidate.a_name, candidate.b: candidate.b_name})
    return work


def keep_apart(candidate: judgements.Candidate):
    return lambda user: judgements.keep_apart(common.store(), Path(directory), candidate.a, candidate.b,
                                              author=user.login)


def undo(number: int):
    return lambda user: judgements.undo(common.store(), Path(directory), number, author=user.login)


def split(node_id: str, docs: list[str], name: str):
    def work(user):
        judgement, _ = judgements.split(common.store(), Path(directory), node_id, docs, [], author=user.login)
        judgements.name_nodes(Path(directory), judgement, {node_id: name})
    return work


# the evidence of a candidate, as the loader words it (graph/load/keys.py, judgements.py), in Russian
EVIDENCE_RU = [
    (r"same surname and initials", "одинаковые фамилия и инициалы"),
    (r"same given name (.+)", r"одно и то же имя: \1"),
    (r"(\d+) shared organisation\(s\), event\(s\) or group\(s\)", r"общих организаций, событий или объединений: \1"),
    (r"full names differ: (.+) / (.+)", r"полные имена различаются: \1 и \2"),
    (r"different districts", "разные районы"),
    (r"no district or organisation known for one of them", "у одного из них не известны ни район, ни организация"),
    (r"same kind, distinctive words and number", "тот же вид, те же отличительные слова и номер"),
    (r"district known for only one of them", "район известен только у одной из них"),
]


def evidence_ru(items: list[str]) -> list[str]:
    found = []
    for item in items:
        for pattern, russian in EVIDENCE_RU:
            if re.fullmatch(pattern, item):
                found.append(re.sub(pattern, russian, item))
                break
    return found


def side(node_id: str, key: str) -> None:
    """One side of a pair: what it is called, where it works, the sentences that name it."""
    node = snap.nodes.get(node_id)
    if node is None:
        st.caption("Этого объекта уже нет в графе.")
        return
    detailed = views.with_details(common.store(), snap, node_id)
    profile = views.entity_profile(detailed, node_id)
    st.markdown(f"#### {md(profile['name'])}")
    where = [row["other"] + (f" ({row['detail']})" if row["detail"] else "")
             for group in profile["relationships"] if group["type"] in ("HOLDS_POST", "LOCATED_IN")
             for row in group["rows"]]
    if analytics.prop(node, "district"):
        where.append(str(analytics.prop(node, "district")))
    st.markdown("**Где:** " + (md("; ".join(where)) if where else "район и организация не известны"))
    st.markdown(f"**Названо в документах:** {len(profile['sources'])}")
    for i, quote in enumerate(views.mention_quotes(detailed, node_id, limit=3)):
        st.html(f"<div class='eg-quote' data-eg-data='1'>«{common.html_escape(quote['sentence'])}»</div>")
        common.document_link(quote["document"], quote["title"], quote["span"], key=f"{key}_{i}")


def sources_of(node_id: str) -> list[str]:
    """The documents naming an entity (the snapshot leaves ``sources`` in the store)."""
    node = views.with_details(common.store(), snap, node_id).nodes.get(node_id)
    return list(analytics.prop(node, "sources", []) or []) if node else []


def who_made(judgement: dict) -> str:
    """Who made a judgement: a dashboard login, else the command line (which records none)."""
    return judgement.get("author") or "из командной строки"


def when(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value).astimezone()
    except (TypeError, ValueError):
        return value or ""
    return moment.strftime("%d.%m.%Y %H:%M")


def name_of(judgement: dict, node_id: str) -> str:
    names = judgement.get("node_names") or {}
    if node_id in names:
        return names[node_id]
    node = snap.nodes.get(node_id)
    return analytics.node_name(node) if node else "объект, которого уже нет в графе"


def judgement_ru(judgement: dict) -> str:
    op = judgement.get("op")
    if op == "merge":
        return f"Один объект: «{name_of(judgement, judgement['drop'])}» = «{name_of(judgement, judgement['keep'])}»"
    if op == "split":
        docs = [views.document_title(snap.nodes[d]) for d in judgement.get("docs", []) if d in snap.nodes]
        parts = ([f"упоминания в документах: {'; '.join(docs)}"] if docs else []) + (
            [f"написания: {', '.join(judgement['names'])}"] if isinstance(judgement.get("names"), list) else [])
        return f"Разделено: «{name_of(judgement, judgement['id'])}» — {'; '.join(parts) or 'часть упоминаний'}"
    if op == judgements.DISTINCT:
        return f"Разные: «{name_of(judgement, judgement['a'])}» и «{name_of(judgement, judgement['b'])}»"
    if op == judgements.WRONG:
        facts = [f"{name_of(judgement, f['start'])} — {common.rel_ru(f['type'])} — {name_of(judgement, f['end'])}"
                 + (f" ({f['props'].get('post')})" if f.get("props", {}).get("post") else "")
                 for f in judgement.get("facts", [])]
        return "Неверный факт: " + "; ".join(facts)
    return "Решение неизвестного вида"


try:
    items = judgements.read_judgements(Path(directory))
except judgements.JudgementError as exc:
    st.error(f"Журнал решений не читается: {exc}")
    st.stop()

SECTIONS = ["Возможные дубли", "Неверные факты", "Разделить", "Журнал решений"]
section = st.segmented_control("Раздел", SECTIONS, default=SECTIONS[0], key="rv_section",
                               label_visibility="collapsed") or SECTIONS[0]

if section == "Возможные дубли":
    found = candidates(directory, common.version(), journal_stamp())
    st.markdown(f"**{common.count_ru(len(found), 'пара')}** похожих имён, которые программа не решилась "
                "объединить сама.")
    if not found:
        st.info("Возможных дублей нет: все похожие имена либо объединены автоматически, либо уже проверены.")
    for n, candidate in enumerate(found[:CANDIDATES_SHOWN]):
        with st.container(border=True):
            a_sources, b_sources = len(sources_of(candidate.a)), len(sources_of(candidate.b))
            # the fuller entry is kept: more documents, else the longer name
            keep, drop = ((candidate.a, candidate.b) if (a_sources, len(candidate.a_name)) >=
                          (b_sources, len(candidate.b_name)) else (candidate.b, candidate.a))
            left, right = st.columns(2)
            with left:
                side(keep, f"cand_{n}_keep")
            with right:
                side(drop, f"cand_{n}_drop")
            pro, con = evidence_ru(candidate.pro), evidence_ru(candidate.con)
            if pro:
                st.markdown("**За:** " + md("; ".join(pro)))
            if con:
                st.markdown("**Против:** " + md("; ".join(con)))
            person = candidate.label == "Person"
            buttons = st.columns([1, 1, 3])
            buttons[0].button("Один человек" if person else "Одна организация", key=f"merge_{n}", type="primary",
                              on_click=act, args=("merge", merge(candidate, keep, drop),
                                                  f"Объединено: «{md(candidate.a_name)}» и «{md(candidate.b_name)}»."),
                              kwargs={"keep": keep, "drop": drop})
            buttons[1].button("Разные", key=f"apart_{n}", on_click=act,
                              args=("distinct", keep_apart(candidate),
                                    "Записано: это разные объекты; пара больше не предлагается."),
                              kwargs={"a": candidate.a, "b": candidate.b})
    if len(found) > CANDIDATES_SHOWN:
        st.caption(f"Показаны первые {CANDIDATES_SHOWN}; после решения по ним появятся следующие.")

elif section == "Неверные факты":
    wrong = [(i, j) for i, j in enumerate(items, start=1) if j.get("op") == judgements.WRONG]
    st.markdown("Факт отмечают неверным на странице «Профиль» (кнопка «Неверно» рядом с ним). Он исчезает из "
                "графа и не возвращается при повторной загрузке документов, пока его не вернут здесь.")
    if not wrong:
        st.info("Неверных фактов не отмечено.")
    for number, judgement in wrong:
        line = st.columns([6, 2, 1])
        line[0].markdown(md(judgement_ru(judgement)[len("Неверный факт: "):]))
        line[1].caption(md(f"{who_made(judgement)}, {when(judgement.get('at', ''))}"))
        line[2].button("Вернуть", key=f"restore_{number}", on_click=act,
                       args=("restore", undo(number), "Факт возвращён в граф."), kwargs={"judgement": number})

elif section == "Разделить":
    st.markdown("Если под одним именем программа соединила двух разных людей (или две организации), отделите "
                "упоминания из тех документов, где речь о другом.")
    args = common.cache_args()
    query = st.text_input("Кого разделить", key="rv_split_query", placeholder="фамилия или название")
    hits = common.search_index(args[0], args[1]).search(query, limit=10, labels=("Person", "Organization")) \
        if query.strip() else []
    if query.strip() and not hits:
        st.warning("Ничего не найдено.")
    if hits:
        names = {h.id: f"{h.name} — {common.label_ru(h.label).lower()}" for h in hits}  # plain text
        target = st.selectbox("Найдено", list(names), format_func=names.get, key="rv_split_pick")
        sources = [d for d in sources_of(target) if d in snap.nodes]
        if len(sources) < 2:
            st.info("Этот объект назван только в одном документе: разделять нечего.")
        else:
            titles = {d: views.document_title(snap.nodes[d]) for d in sources}
            docs = st.multiselect("Документы, где речь о другом", sources, format_func=titles.get,
                                  key=f"rv_split_docs_{target}", placeholder="выберите документы")
            name = next(h.name for h in hits if h.id == target)
            st.button("Отделить", key="rv_split_go", disabled=not docs or len(docs) == len(sources), type="primary",
                      on_click=act, args=("split", split(target, docs, name), "Упоминания отделены в новый объект."),
                      kwargs={"id": target, "docs": docs})

else:
    st.markdown(f"**{common.count_ru(len(items), 'решение')}**, в том порядке, в каком они приняты. Отмена "
                "решения возвращает граф к тому, каким он был бы без него.")
    if not items:
        st.info("Решений пока нет.")
    for number, judgement in reversed(list(enumerate(items, start=1))):
        line = st.columns([0.4, 6, 2, 1])
        line[0].markdown(f"**{number}**")
        line[1].markdown(md(judgement_ru(judgement)) + (f"  \n*{md(judgement['note'])}*" if judgement.get("note")
                                                        else ""))
        line[2].caption(md(f"{who_made(judgement)}, {when(judgement.get('at', ''))}"))
        line[3].button("Отменить", key=f"undo_{number}", on_click=act, args=("undo", undo(number), "Решение отменено."),
                       kwargs={"judgement": number})
