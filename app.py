"""edugraph's dashboard: who works with whom in a school-education network.

Run it with ``edugraph serve`` (or ``streamlit run app.py -- --data-dir DIR``).
The pages live in ui/; every page reads the graph through graph/ and honours
the sidebar's filters. With accounts in DATA_DIR/users.toml a visitor signs in
first (ui/auth.py); without them the dashboard is this machine's only.
"""

from pathlib import Path

import streamlit as st

import ui
from ui import auth
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

user = auth.gate(PAGES)  # an anonymous visitor gets the sign-in page and nothing else, whichever page was asked
if user.may("admin") and not user.local:
    PAGES.append(st.Page(UI / "accounts.py", title="Учётные записи"))
page = st.navigation(PAGES)
sidebar_filters()
auth.sidebar(user)
page.run()
