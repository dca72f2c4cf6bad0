"""edugraph's dashboard: who works with whom in a school-education network.

Run it with ``edugraph serve`` (or ``streamlit run app.py -- --data-dir DIR``).
The pages live in ui/; every page reads the graph through graph/ and honours
the sidebar's filters.
"""

from pathlib import Path

import streamlit as st

import ui
from ui.common import sidebar_filters

UI = Path(ui.__file__).parent  # the pages are found beside the ui package, in a checkout or an installed wheel

st.set_page_config(page_title="edugraph — сеть образования", layout="wide")

PAGES = [
    st.Page(UI / "overview.py", title="Обзор", default=True),
    st.Page(UI / "map.py", title="Карта сотрудничества"),
    st.Page(UI / "analytics.py", title="Аналитика"),
    st.Page(UI / "profile.py", title="Профиль"),
    st.Page(UI / "documents.py", title="Документы"),
    st.Page(UI / "cypher.py", title="Cypher"),
    st.Page(UI / "export.py", title="Экспорт"),
]

page = st.navigation(PAGES)
sidebar_filters()
page.run()
