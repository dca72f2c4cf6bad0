"""edugraph's dashboard: who works with whom in a school-education network.

Run it with ``edugraph serve`` (or ``streamlit run app.py -- --data-dir DIR``).
The pages live in ui/; every page reads the graph through graph/ and honours
the sidebar's filters.
"""

import streamlit as st

from ui.common import sidebar_filters

st.set_page_config(page_title="edugraph — сеть образования", layout="wide")

PAGES = [
    st.Page("ui/overview.py", title="Обзор", default=True),
    st.Page("ui/map.py", title="Карта сотрудничества"),
    st.Page("ui/analytics.py", title="Аналитика"),
    st.Page("ui/profile.py", title="Профиль"),
    st.Page("ui/documents.py", title="Документы"),
    st.Page("ui/cypher.py", title="Cypher"),
    st.Page("ui/export.py", title="Экспорт"),
]

page = st.navigation(PAGES)
sidebar_filters()
page.run()
