"""What every page shares: the store, the sidebar filters, the analytics cached per graph version, and the
display helpers (Markdown escaping, counts agreeing with their numbers, dates, the map's frame).

Everything cached is keyed on the store's ``version()``: a write to the graph
changes the version, so the next rerun recomputes; otherwise a page reuses
what an earlier page computed.  Large objects (the snapshot, networkx graphs,
the search index) are cached as resources, so they are shared rather than
copied on every rerun; tables are cached as data.

Every value that comes from the documents (a name, a title, a quote) is shown
escaped: in Markdown through :func:`md`, in HTML through ``html.escape``, so
that a name such as ``МОУ «СОШ ![x](http://host/p.png)»`` is shown as written
and never makes a viewer's browser fetch anything.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
from functools import lru_cache
from typing import Any

import pandas as pd
import streamlit as st

from graph.analysis import metrics as analytics
from graph.analysis import search, views
from graph.analysis.metrics import Filters, Snapshot
from graph.analysis.views import date_ru  # noqa: F401 (for the pages)
from graph.model import NODE_TYPES, REL_TYPES, kind_ru, label_ru, rel_ru  # noqa: F401 (for the pages)
from graph.store import Store, StoreError, open_store
from graph.store.config import resolve_data_dir
from ingest.vocabulary import ORGANISATION_KIND

FilterKey = tuple[tuple[str, ...], tuple[str, ...], tuple[int, int] | None, bool]

# page stem → its st.Page, filled by app.py on every run (a page is switched to by its object: the app may be
# run through a link, graph/data/app.py, so that paths relative to it would not find ui/)
PAGES: dict[str, Any] = {}


def page_of(stem: str):
    return PAGES.get(stem) or f"ui/{stem}.py"


def data_dir() -> str:
    """The data directory: ``-- --data-dir DIR`` after the script name, else $EDUGRAPH_DATA, else ./data."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--data-dir" and i + 1 < len(argv):
            return str(resolve_data_dir(argv[i + 1]))
        if arg.startswith("--data-dir="):
            return str(resolve_data_dir(arg.split("=", 1)[1]))
    return str(resolve_data_dir())


@st.cache_resource(show_spinner=False)
def _open(directory: str) -> Store:
    return open_store(directory)


def store() -> Store:
    """The store, or a clear message and the end of this page's run."""
    try:
        return _open(data_dir())
    except StoreError as exc:
        st.error(f"Хранилище графа недоступно: {exc}")
        st.stop()
        raise  # st.stop() raises; this line keeps type checkers content


def version() -> str:
    try:
        return store().version()
    except StoreError as exc:
        _open.clear()
        st.error(f"Хранилище графа не отвечает: {exc}")
        st.stop()
        raise


@st.cache_resource(max_entries=2, show_spinner="Читаю граф…")
def _snapshot(directory: str, graph_version: str) -> Snapshot:
    return views.cached_snapshot(_open(directory), directory)


def full_snapshot() -> Snapshot:
    return _snapshot(data_dir(), version())


# ---------------------------------------------------------------- text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^&\"'])")


def md(value: Any) -> str:
    """A value from the documents, safe inside Markdown (st.markdown, headers, captions, widget labels):
    every character Markdown or Streamlit could read as markup is escaped, so it is shown as written —
    no link, no image, no colour directive, no formula."""
    text = " ".join(str(value if value is not None else "").split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def agree(word: str, number: int) -> str:
    """A word agreeing with a number: agree("организация", 5) → «организаций» (pymorphy3); each word of
    a phrase on its own («новая связь»)."""
    if " " in word:
        return " ".join(agree(part, number) for part in word.split(" "))
    if word == "человек":  # pymorphy3 offers «людей» for 5 человек
        return "человека" if number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14) else "человек"
    parsed = _morph().parse(word)[0]
    agreed = parsed.make_agree_with_number(abs(number))
    found = agreed.word if agreed else word
    return found.capitalize() if word[:1].isupper() else found


def count_ru(number: int, word: str) -> str:
    """«32 организации», «1 документ», «5 человек»."""
    return f"{number} {agree(word, number)}"


# nouns counted on the pages, by model label
COUNTED = {"Organization": "организация", "Person": "человек", "Event": "событие", "Group": "объединение",
           "Award": "награда", "Document": "документ", "District": "район", "Region": "регион"}


def count_cards(counts: list[tuple[int, str]]) -> None:
    """Big numbers with their nouns under them, agreeing with them («32 / организации»)."""
    cells = "".join(f"<div class='eg-card'><div class='eg-number'>{n}</div><div class='eg-noun'>"
                    f"{html_escape(agree(word, n))}</div></div>" for n, word in counts)
    st.html(f"<div class='eg-cards'>{cells}</div>")


def html_escape(value: Any) -> str:
    import html

    return html.escape(str(value if value is not None else ""), quote=True)


# ---------------------------------------------------------------- filters


def filter_key() -> FilterKey:
    state = st.session_state
    years = state.get("flt_years")
    bounds = state.get("flt_year_bounds")
    # the whole span selected is no filter at all (and keeps undated facts)
    if years and bounds and tuple(years) == tuple(bounds):
        years = None
    undated = bool(state.get("flt_undated", True)) if years else True
    return (tuple(state.get("flt_districts") or ()), tuple(state.get("flt_kinds") or ()),
            tuple(years) if years else None, undated)


def filters_from_key(key: FilterKey) -> Filters:
    return Filters(districts=key[0], org_kinds=key[1], years=key[2], undated=key[3])


@st.cache_data(max_entries=4, show_spinner=False)
def _options(directory: str, graph_version: str) -> dict[str, Any]:
    return views.filter_options(_open(directory))


def sidebar_filters() -> None:
    """District, organisation kind and year range: every page reads them through :func:`view`."""
    options = _options(data_dir(), version())
    st.sidebar.header("Фильтры")
    without = options.get("districts_without", 0)
    st.sidebar.multiselect("Район", options["districts"], key="flt_districts", placeholder="все районы",
                           help=f"Только районы и города, где находится хотя бы одна организация из документов. Не в "
                                f"списке — те, что документы называют без своих организаций: {without}."
                           if without else None)
    st.sidebar.multiselect("Вид организации", options["org_kinds"], key="flt_kinds",
                           format_func=lambda k: ORGANISATION_KIND.ru_of(k), placeholder="все виды")
    span = options["years"]
    undated = options.get("undated", 0)
    if span and span[0] < span[1]:
        st.session_state["flt_year_bounds"] = span
        st.sidebar.slider("Годы", min_value=span[0], max_value=span[1], value=span, key="flt_years")
        if undated and filter_key()[2]:
            st.sidebar.checkbox(f"и {count_ru(undated, 'документ')} без даты", value=True, key="flt_undated")
        elif undated:
            st.sidebar.caption(f"Без даты: {count_ru(undated, 'документ')}; пока выбраны все годы, документы без "
                               "даты тоже в выборке.")
    elif span:
        st.session_state["flt_year_bounds"] = span
        st.session_state["flt_years"] = span
        dated = f"Все датированные документы — {span[0]} года"
        st.sidebar.caption(dated + (f"; ещё {count_ru(undated, 'документ')} без даты." if undated else "."))
    if any(filter_key()[:3]):
        st.sidebar.caption("Фильтры действуют на всех страницах.")


@st.cache_resource(max_entries=8, show_spinner=False)
def view_of(directory: str, graph_version: str, key: FilterKey) -> Snapshot:
    return analytics.filter_snapshot(_snapshot(directory, graph_version), filters_from_key(key))


def view() -> Snapshot:
    """The filtered graph."""
    return view_of(data_dir(), version(), filter_key())


def cache_args() -> tuple[str, str, FilterKey]:
    """The key every cached analysis takes: data directory, graph version, filters."""
    return data_dir(), version(), filter_key()


# ---------------------------------------------------------------- cached analyses


@st.cache_resource(max_entries=8, show_spinner="Ищу связи организаций…")
def ties(directory: str, graph_version: str, key: FilterKey):
    return analytics.tie_table(view_of(directory, graph_version, key))


@st.cache_resource(max_entries=8, show_spinner="Строю сеть сотрудничества…")
def collaboration(directory: str, graph_version: str, key: FilterKey):
    return analytics.collaboration_graph(view_of(directory, graph_version, key), ties(directory, graph_version, key))


@st.cache_data(max_entries=8, show_spinner=False)
def organisation_rows(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    """Partners and shared documents of every organisation, without building the network's graph."""
    return analytics.table_rows(view_of(directory, graph_version, key), ties(directory, graph_version, key))


@st.cache_resource(max_entries=8, show_spinner="Ищу связи людей…")
def person_ties(directory: str, graph_version: str, key: FilterKey):
    return analytics.person_tie_table(view_of(directory, graph_version, key))


@st.cache_resource(max_entries=8, show_spinner="Строю сеть людей…")
def people(directory: str, graph_version: str, key: FilterKey):
    return analytics.people_graph(view_of(directory, graph_version, key), person_ties(directory, graph_version, key))


@st.cache_data(max_entries=8, show_spinner=False)
def person_rows(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    """Colleagues and shared documents of every person, without building the people's graph."""
    return analytics.table_rows(view_of(directory, graph_version, key), person_ties(directory, graph_version, key),
                                "Person")


@st.cache_resource(max_entries=8, show_spinner=False)
def entities(directory: str, graph_version: str, key: FilterKey):
    return analytics.entity_graph(view_of(directory, graph_version, key))


@st.cache_data(max_entries=32, show_spinner="Считаю показатели сети…")
def centrality(directory: str, graph_version: str, key: FilterKey, metrics: tuple[str, ...] = ("pagerank",),
               method: str = "louvain", who: str = "organisations") -> list[dict]:
    """Degree and weighted degree always; the other metrics only when asked (betweenness, communities and
    constraint cost seconds on a large graph). ``who``: organisations or people."""
    graph = (people if who == "people" else collaboration)(directory, graph_version, key)
    return analytics.centrality_rows(graph, metrics, method)


@st.cache_data(max_entries=8, show_spinner=False)
def brokers(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    return analytics.district_brokers(collaboration(directory, graph_version, key))


@st.cache_data(max_entries=8, show_spinner=False)
def projection(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    return analytics.org_event_projection(view_of(directory, graph_version, key))


@st.cache_data(max_entries=8, show_spinner=False)
def evolution(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    return analytics.evolution_by_year(view_of(directory, graph_version, key), ties(directory, graph_version, key))


@st.cache_data(max_entries=8, show_spinner=False)
def timeline(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    return analytics.timeline_events(view_of(directory, graph_version, key))


@st.cache_data(max_entries=8, show_spinner=False)
def changes(directory: str, graph_version: str, key: FilterKey) -> dict | None:
    return analytics.year_changes(view_of(directory, graph_version, key))


@st.cache_resource(max_entries=2, show_spinner="Готовлю поиск…")
def search_index(directory: str, graph_version: str) -> search.SearchIndex:
    return search.index_from_nodes(_snapshot(directory, graph_version).nodes.values())


@st.cache_resource(max_entries=2, show_spinner=False)
def names(directory: str, graph_version: str) -> dict[str, str]:
    """Node id → what the node is called on screen."""
    return {nid: views.entity_title(node) for nid, node in _snapshot(directory, graph_version).nodes.items()}


def documents_titles(snap: Snapshot, doc_ids: list[str], limit: int = 3) -> str:
    """«Приказ № 642 от 07.11.2013; Отчёт … и ещё 2»."""
    titles = [views.document_title(snap.nodes[d]) for d in doc_ids if d in snap.nodes]
    text = "; ".join(titles[:limit])
    return text + (f" и ещё {len(titles) - limit}" if len(titles) > limit else "")


# ---------------------------------------------------------------- display helpers

TIE_KINDS_RU = {"event": "общее событие", "document": "один документ", "person": "общие люди",
                "group": "общее объединение", "organisation": "одна организация"}


def table(rows: list[dict], columns: dict[str, str], *, key: str, file_name: str, height: int | None = None,
          number_format: dict[str, str] | None = None) -> pd.DataFrame:
    """Rows as a table with Russian headings and a CSV download beside it (the same columns: no ids)."""
    frame = pd.DataFrame(rows, columns=list(columns)).rename(columns=columns)
    config = {columns[c]: st.column_config.NumberColumn(format=f) for c, f in (number_format or {}).items()
              if c in columns}
    st.dataframe(frame, hide_index=True, width="stretch", height=height or "auto", column_config=config)
    st.download_button("Скачать CSV", csv_bytes(frame), file_name=file_name, mime="text/csv", key=f"csv_{key}")
    return frame


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    # a BOM so that Excel opens the Cyrillic correctly
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def empty_notice(snap: Snapshot) -> bool:
    """A notice when the (filtered) graph is empty; True when it is."""
    if snap.nodes:
        return False
    if full_snapshot().nodes:
        st.info("Под выбранные фильтры ничего не попало: расширьте их на боковой панели.")
    else:
        st.info("Граф пуст. Загрузите документы на странице «Документы».")
    return True


def open_profile(entity_id: str) -> None:
    """Go to the profile page of an entity."""
    st.session_state["profile_id"] = entity_id
    st.session_state["profile_query"] = ""
    st.switch_page(page_of("profile"))


def go_to_profile(entity_id: str) -> None:
    """A button's callback: the profile of another entity on the next run (see :func:`follow`)."""
    st.session_state["profile_id"] = entity_id
    st.session_state["profile_query"] = ""
    st.session_state["goto"] = "profile"


def follow() -> None:
    """Go where a callback asked to (a callback cannot switch pages itself)."""
    target = st.session_state.pop("goto", None)
    if target:
        st.switch_page(page_of(target))


def document_link(doc_id: str, title: str, span: tuple[int, int] | None = None, key: str = "") -> None:
    """A link to the document page, which opens the document with the stated words highlighted."""
    params = {"doc": doc_id} | ({"at": f"{span[0]}-{span[1]}"} if span else {})
    st.page_link(page_of("documents"), label=md(title), query_params=params, icon=":material/description:")


# ---------------------------------------------------------------- a frame that reports clicks

_FRAME_JS = """
export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  let frame = parentElement.querySelector("iframe");
  if (!frame) {
    frame = document.createElement("iframe");
    frame.setAttribute("title", data.title || "");
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.display = "block";
    parentElement.appendChild(frame);
    window.addEventListener("message", (event) => {
      if (event.source === frame.contentWindow && event.data && event.data.edugraph === "open") {
        setTriggerValue("open", event.data.id);
      }
    });
  }
  frame.style.height = data.height + "px";
  if (frame.getAttribute("data-digest") !== data.digest) {
    frame.setAttribute("data-digest", data.digest);
    frame.srcdoc = data.page;
  }
}
"""
_SCROLL_JS = """
export default function (component) {
  const { data } = component;
  let tries = 0;
  const look = () => {
    const found = document.querySelector(data.selector);
    if (found) { found.scrollIntoView({block: "center"}); }
    else if (tries++ < 40) { setTimeout(look, 100); }
  };
  look();
}
"""
_frame_component = st.components.v2.component("edugraph_frame", html="<div></div>", js=_FRAME_JS)
_scroll_component = st.components.v2.component("edugraph_scroll", html="<div></div>", js=_SCROLL_JS)


def clickable_frame(page: str, height: int, key: str, title: str = "") -> str | None:
    """An HTML page in a frame of ``height`` pixels; the id the page posted (``{edugraph: "open", id}``)
    when the viewer clicked something in it, else None."""
    digest = hashlib.sha1(page.encode("utf-8")).hexdigest()
    result = _frame_component(data={"page": page, "height": height, "digest": digest, "title": title}, key=key,
                              on_open_change=lambda: None, height=height)
    return getattr(result, "open", None) if result is not None else None


def scroll_to(selector: str, key: str) -> None:
    """Scroll the page so that the element ``selector`` is in view (once drawn)."""
    _scroll_component(data={"selector": selector}, key=key, height=0)


# ---------------------------------------------------------------- the look shared by all pages

# Streamlit's own English texts (the file uploader's, the tables' toolbars, the main menu) are hidden or
# replaced here; each page draws its own Russian words instead.
STYLE = """
<style>
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none; }
[data-testid="stFileUploaderDropzone"] button > div::after { content: "Выбрать файлы"; }
[data-testid="stFileUploaderFile"] small, [data-testid="stFileUploaderFileData"] small { display: none; }
[data-testid="stFileUploaderPagination"] { display: none; }
[data-testid="stElementToolbar"] { display: none; }
[data-testid="stMainMenu"], #MainMenu, [data-testid="stStatusWidget"], [data-testid="stAppDeployButton"] { display: none; }
[data-key="__select_all__"] [data-item-hl] { font-size: 0; }
[data-key="__select_all__"] [data-item-hl]::after { content: "Выбрать все"; font-size: 0.9rem; }
[data-testid="stSkipToContent"] { font-size: 0; }
[data-testid="stSkipToContent"]::after { content: "Перейти к содержимому"; font-size: 1rem; }
.eg-cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 4px 0 8px 0; }
.eg-card { flex: 1 1 100px; border: 1px solid #e6e9ef; border-radius: 8px; padding: 8px 12px; background: #fafbfc; }
.eg-number { font-size: 1.9rem; font-weight: 600; line-height: 1.1; }
.eg-noun { color: #555; font-size: 0.95rem; }
.eg-quote { font-size: 0.9rem; color: #333; margin: 2px 0 4px 0; border-left: 3px solid #c9d6ea; padding-left: 8px; }
.eg-quote .eg-lead { color: #6b7280; }
.eg-meaning { color: #555; font-size: 0.9rem; margin: -4px 0 8px 0; }
</style>
"""


def apply_style() -> None:
    st.html(STYLE)
