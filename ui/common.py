"""What every page shares: the store, the sidebar filters, and the analytics cached per graph version.

Everything cached is keyed on the store's ``version()``: a write to the graph
changes the version, so the next rerun recomputes; otherwise a page reuses
what an earlier page computed.  Large objects (the snapshot, networkx graphs,
the search index) are cached as resources, so they are shared rather than
copied on every rerun; tables are cached as data.
"""

from __future__ import annotations

import io
import sys
from typing import Any

import pandas as pd
import streamlit as st

from graph.analysis import metrics as analytics
from graph.analysis import search, views
from graph.analysis.metrics import Filters, Snapshot
from graph.model import NODE_TYPES, REL_TYPES, label_ru, rel_ru  # noqa: F401 (label_ru, rel_ru: for the pages)
from graph.store import Store, StoreError, open_store
from graph.store.config import resolve_data_dir
from ingest.vocabulary import ORGANISATION_KIND

FilterKey = tuple[tuple[str, ...], tuple[str, ...], tuple[int, int] | None]


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


# ---------------------------------------------------------------- filters


def filter_key() -> FilterKey:
    state = st.session_state
    years = state.get("flt_years")
    bounds = state.get("flt_year_bounds")
    # the whole span selected is no filter at all (and keeps undated facts)
    if years and bounds and tuple(years) == tuple(bounds):
        years = None
    return (tuple(state.get("flt_districts") or ()), tuple(state.get("flt_kinds") or ()),
            tuple(years) if years else None)


def filters_from_key(key: FilterKey) -> Filters:
    return Filters(districts=key[0], org_kinds=key[1], years=key[2])


@st.cache_data(max_entries=4, show_spinner=False)
def _options(directory: str, graph_version: str) -> dict[str, Any]:
    return views.filter_options(_open(directory))


def sidebar_filters() -> None:
    """District, organisation kind and year range: every page reads them through :func:`view`."""
    options = _options(data_dir(), version())
    st.sidebar.header("Фильтры")
    st.sidebar.multiselect("Район", options["districts"], key="flt_districts", placeholder="все районы")
    st.sidebar.multiselect("Вид организации", options["org_kinds"], key="flt_kinds",
                           format_func=lambda k: ORGANISATION_KIND.ru_of(k), placeholder="все виды")
    span = options["years"]
    if span and span[0] < span[1]:
        st.session_state["flt_year_bounds"] = span
        st.sidebar.slider("Годы", min_value=span[0], max_value=span[1], value=span, key="flt_years")
    elif span:
        st.session_state["flt_year_bounds"] = span
        st.session_state["flt_years"] = span
        st.sidebar.caption(f"Все документы — {span[0]} года")
    if any(filter_key()):
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


@st.cache_resource(max_entries=8, show_spinner="Строю сеть сотрудничества…")
def collaboration(directory: str, graph_version: str, key: FilterKey):
    return analytics.collaboration_graph(view_of(directory, graph_version, key))


@st.cache_resource(max_entries=8, show_spinner=False)
def entities(directory: str, graph_version: str, key: FilterKey):
    return analytics.entity_graph(view_of(directory, graph_version, key))


@st.cache_data(max_entries=32, show_spinner="Считаю показатели сети…")
def centrality(directory: str, graph_version: str, key: FilterKey, metrics: tuple[str, ...] = ("pagerank",),
               method: str = "louvain") -> list[dict]:
    """Degree and weighted degree always; the other metrics only when asked (betweenness, communities and
    constraint cost seconds on a large graph)."""
    return analytics.centrality_rows(collaboration(directory, graph_version, key), metrics, method)


@st.cache_data(max_entries=8, show_spinner=False)
def brokers(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    return analytics.district_brokers(collaboration(directory, graph_version, key))


@st.cache_data(max_entries=8, show_spinner=False)
def projection(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    return analytics.org_event_projection(view_of(directory, graph_version, key))


@st.cache_data(max_entries=8, show_spinner=False)
def evolution(directory: str, graph_version: str, key: FilterKey) -> list[dict]:
    return analytics.evolution_by_year(view_of(directory, graph_version, key))


@st.cache_resource(max_entries=2, show_spinner="Готовлю поиск…")
def search_index(directory: str, graph_version: str) -> search.SearchIndex:
    return search.index_from_nodes(_snapshot(directory, graph_version).nodes.values())


# ---------------------------------------------------------------- display helpers

TIE_KINDS_RU = {"event": "общее событие", "document": "один документ", "person": "общие люди",
                "group": "общее объединение"}


def table(rows: list[dict], columns: dict[str, str], *, key: str, file_name: str, height: int | None = None,
          number_format: dict[str, str] | None = None) -> pd.DataFrame:
    """Rows as a table with Russian headings and a CSV download beside it."""
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
        st.info("Граф пуст. Загрузите документы на странице «Документы» или выполните `edugraph ingest ПАПКА`.")
    return True


def open_profile(entity_id: str) -> None:
    """Go to the profile page of an entity."""
    st.session_state["profile_id"] = entity_id
    st.switch_page("ui/profile.py")
