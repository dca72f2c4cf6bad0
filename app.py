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
from ui.common import PAGES as PAGE_REGISTRY
from ui.common import apply_style, follow, sidebar_filters

UI = Path(ui.__file__).parent  # the pages are found beside the ui package, in a checkout or an installed wheel

st.set_page_config(page_title="edugraph — сеть образования", layout="wide")

TITLES = {"overview": "Обзор", "map": "Карта сотрудничества", "analytics": "Аналитика", "timeline": "Хронология",
          "profile": "Профиль", "review": "Проверка", "documents": "Документы", "cypher": "Cypher",
          "export": "Экспорт"}
PAGE_REGISTRY.update({stem: st.Page(UI / f"{stem}.py", title=title, default=stem == "overview")
                      for stem, title in TITLES.items()})
PAGES = list(PAGE_REGISTRY.values())

apply_style()
user = auth.gate(PAGES)  # an anonymous visitor gets the sign-in page and nothing else, whichever page was asked
if user.may("admin") and not user.local:
    PAGES.append(st.Page(UI / "accounts.py", title="Учётные записи"))
page = st.navigation(PAGES)
follow()
sidebar_filters()
auth.sidebar(user)
page.run()
