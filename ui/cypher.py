"""Cypher: a read-only console for researchers, with the named queries of queries/."""

import pandas as pd
import streamlit as st

from graph.analysis import metrics as analytics
from graph.analysis import views
from graph.store import QueryError, QueryLimitExceeded, QueryRefused, ReadOnlyQuery, StoreError
from graph.store.queries import QueryDefinitionError, bind_params, list_queries
from ui import common
from ui import network as network_view
from ui.common import md

st.title("Консоль Cypher")
st.caption("Только чтение: запрос, который изменяет граф, не выполняется. Фильтры боковой панели здесь не действуют.")

try:
    named = {q.name: q for q in list_queries()}
except QueryDefinitionError as exc:
    st.error(f"Не удалось прочитать именованные запросы: {exc}")
    named = {}


def load_named() -> None:
    """Put the chosen named query's text into the editor (a callback, before the editor is drawn)."""
    query = named.get(st.session_state.get("cy_named") or "")
    if query:
        st.session_state["cy_text"] = query.text.strip()


choice = st.selectbox("Готовый запрос", [""] + list(named), key="cy_named", on_change=load_named,
                      format_func=lambda n: named[n].title if n else "— свой запрос —")
params: dict[str, str] = {}
if choice:
    query = named[choice]
    st.caption(md(query.answers))
    if query.params:
        cols = st.columns(min(3, len(query.params)))
        for i, param in enumerate(query.params):
            meaning = (param.meaning or "значение").split(" (")[0]
            kind = " (число)" if param.type == "int" else ""
            params[param.name] = cols[i % len(cols)].text_input(
                md(meaning[:1].upper() + meaning[1:] + kind), value=param.default or "", help=md(param.meaning),
                key=f"cy_param_{choice}_{param.name}")
text = st.text_area("Запрос", key="cy_text", height=160,
                    placeholder="MATCH (o:Organization)-[:LOCATED_IN]->(d:District) RETURN d.name, count(o) ORDER BY 2 DESC")
run = st.button("Выполнить", type="primary", key="cy_run")

if run and text.strip():
    bound: dict = {}
    if choice:
        try:
            bound = bind_params(named[choice], {k: v for k, v in params.items() if v != ""})
        except QueryError as exc:
            st.error(f"Не хватает значения или оно неверно: `{str(exc)[:300]}`")
            st.stop()
    try:
        result = common.store().console_query(text, bound)
    except QueryRefused:
        st.error("Запрос отклонён: консоль не выполняет LOAD CSV и процедуры, которые читают файлы или обращаются "
                 "к другим серверам. Ничего не выполнено.")
        st.stop()
    except QueryLimitExceeded as exc:
        limits = common.store().limits
        st.error(f"Запрос остановлен: он шёл дольше {limits.timeout_s:g} с. Сузьте его (LIMIT, условия WHERE)."
                 if exc.kind == "time" else
                 f"Запрос остановлен: ему нужно больше {limits.memory_mb} МБ памяти. Сузьте его (LIMIT, условия "
                 "WHERE).")
        st.stop()
    except ReadOnlyQuery:
        st.error("Запрос отклонён: консоль только читает граф, а этот запрос его изменяет. Ничего не изменено.")
        st.stop()
    except QueryError as exc:
        st.error(f"Ошибка в запросе. Сообщение хранилища: `{str(exc)[:500]}`")
        st.stop()
    except StoreError:
        st.error("Хранилище графа недоступно: попробуйте ещё раз через минуту.")
        st.stop()
    st.session_state["cy_result"] = result

result = st.session_state.get("cy_result")
if result is not None:
    st.success(f"{common.count_ru(len(result.rows), 'строка').capitalize()} · время запроса "
               f"{result.elapsed_ms:.1f} мс".replace(".", ","))
    shown = common.names(*common.cache_args()[:2])
    frame = pd.DataFrame([[views.cell_display(v, shown) for v in row] for row in result.rows], columns=result.columns)
    tabs = st.tabs(["Таблица", "Граф"])
    with tabs[0]:
        st.dataframe(frame, hide_index=True, width="stretch")
        st.download_button("Скачать CSV", common.csv_bytes(frame), file_name="query.csv", mime="text/csv",
                           key="cy_csv")
    with tabs[1]:
        graph = views.result_graph(result.rows)
        if graph.number_of_nodes() == 0:
            st.info("В результате нет узлов: верните узлы, связи или пути (например, `RETURN p, r, o`).")
        else:
            graph = analytics.top_nodes(graph, {n: graph.degree(n) for n in graph}, 300)
            net = network_view.build_network(graph, analytics.layout(graph),
                                             scores={n: graph.degree(n) for n in graph})
            st.iframe(network_view.network_html(net, title="Результат запроса"), height=620)
