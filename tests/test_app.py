"""The dashboard through Streamlit's AppTest, every page, over a real embedded store
holding the bundled sample, ingested the way a user does it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.cli import main
from graph.store import open_store
from graph.store.falkor import stop_server
from ui.common import agree, count_ru

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = {
    "ui/overview.py": "Обзор сети",
    "ui/map.py": "Карта сотрудничества",
    "ui/analytics.py": "Аналитика сети",
    "ui/timeline.py": "Хронология событий",
    "ui/profile.py": "Профиль",
    "ui/review.py": "Проверка",
    "ui/documents.py": "Документы",
    "ui/cypher.py": "Консоль Cypher",
    "ui/export.py": "Экспорт графа",
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("dashboard")
    saved = {k: os.environ.pop(k, None) for k in ("NEO4J_URI", "EDUGRAPH_DATA")}
    os.environ["EDUGRAPH_DATA"] = str(directory)
    assert main(["ingest", str(ROOT / "data" / "sample"), "--data-dir", str(directory), "--quiet"]) == 0
    yield directory
    stop_server(directory)
    for key, value in saved.items():
        os.environ.pop(key, None)
        if value is not None:
            os.environ[key] = value


def test_markdown_in_a_name_is_shown_as_written(data_dir, tmp_path):
    """Issue 11, 9: a school named «МОУ «СОШ ![x](http://host/p.png)»» is escaped wherever a page writes
    Markdown (headers, captions, lists, labels): no page asks the viewer's browser for the image."""
    from ui.common import md

    planted = "http://127.0.0.9/p.png"
    news = tmp_path / "новость.txt"
    news.write_text(f"Новость\n\n12 марта 2019 года на базе МОУ «СОШ ![x]({planted})» прошёл районный семинар "
                    f"учителей физики. С докладом выступила Петрова Анна Ивановна, учитель физики МОУ «СОШ "
                    f"![x]({planted})».\n", encoding="utf-8")
    assert main(["ingest", str(news), "--data-dir", str(data_dir), "--quiet"]) == 0
    assert md("![x](http://h/p.png) **жирно** :red[текст] $x$") == \
        r"\!\[x\]\(http\://h/p\.png\) \*\*жирно\*\* \:red\[текст\] \$x\$"
    try:
        for path in PAGES:
            at = AppTest.from_file(APP, default_timeout=90)
            if path == "ui/profile.py":
                at.session_state["profile_query"] = "Петровой Анне"
            at.switch_page(path).run()
            no_exception(at)
            written = [str(getattr(e, "value", "")) for kind in ("markdown", "caption", "header", "subheader",
                                                                  "title", "success", "info", "error", "warning")
                       for e in at.get(kind)]
            assert all(f"]({planted})" not in text for text in written), path
    finally:
        assert main(["remove", str(news), "--data-dir", str(data_dir)]) == 0


def page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page(path).run()
    return at


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders(data_dir, path):
    at = page(path)
    no_exception(at)
    assert at.title[0].value == PAGES[path]


def cards(at: AppTest) -> dict[str, int]:
    """The overview's count cards: noun (agreeing with its number) → number."""
    found = {}
    for element in at.get("html"):
        for number, noun in re.findall(r"eg-number'>(\d+)</div><div class='eg-noun'>([^<]+)<", str(element.value)):
            found[noun] = int(number)
    return found


def test_overview_counts_the_graph(data_dir):
    at = page("ui/overview.py")
    store = open_store(data_dir)
    organisations = store.counts()["Organization"]
    store.close()
    counted = cards(at)
    assert counted[agree("организация", organisations)] == organisations
    assert counted["документов"] == 5  # «5 документов», never «Документ 5»
    assert {"человек", "района"} & set(counted)


def test_overview_opens_with_key_people_and_schools(data_dir):
    at = page("ui/overview.py")
    no_exception(at)
    subheaders = [h.value for h in at.subheader]
    assert subheaders[:2] == ["Ключевые люди", "Ключевые школы и организации"]
    assert any(h.startswith("Что изменилось в ") for h in subheaders)
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # names are shown Markdown-escaped
    assert "Ведерникова М.Ф." in text  # the people of the стажировка share most documents with colleagues
    assert re.search(r"\*\*1(–\d+)?\. ", text)  # places, shared ones as «1–4»


def test_overview_lists_a_shared_place_once(data_dir):
    at = page("ui/overview.py")
    lines = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("**")]
    for fellows in ("с коллегами", "с партнёрами"):  # the people's list, the organisations'
        places = [re.match(r"\*\*(\d+(?:–\d+)?)\. ", line).group(1) for line in lines if fellows in line]
        assert places and len(places) == len(set(places)), places  # one line per place
    shared = [line for line in lines if re.match(r"\*\*\d+–\d+\. ", line)]
    assert shared and all(re.search(r"\*\*( \(.*\))? и ещё \d+ ", line) for line in shared)


def test_counts_agree_with_their_numbers():
    assert [count_ru(n, "организация") for n in (1, 2, 5, 21, 32)] == [
        "1 организация", "2 организации", "5 организаций", "21 организация", "32 организации"]
    assert [count_ru(n, "человек") for n in (1, 3, 5, 11, 22)] == [
        "1 человек", "3 человека", "5 человек", "11 человек", "22 человека"]
    assert count_ru(14, "связь") == "14 связей"


def test_sidebar_district_filter_narrows_every_page(data_dir):
    at = page("ui/overview.py")
    before = sum(n for noun, n in cards(at).items() if noun.startswith("организац"))
    at.sidebar.multiselect(key="flt_districts").select("Балашовский муниципальный район").run()
    no_exception(at)
    after = sum(n for noun, n in cards(at).items() if noun.startswith("организац"))
    assert 0 < after < before
    at.switch_page("ui/documents.py").run()
    no_exception(at)
    assert at.caption[0].value == "1 документ."


def test_map_page_draws_the_network(data_dir):
    at = page("ui/map.py")
    no_exception(at)
    caption = next(c.value for c in at.caption if c.value.startswith("На карте"))
    assert not caption.startswith("На карте 0")
    at.text_input(key="map_focus_query").input("Пинеровк").run()
    no_exception(at)
    pick = at.selectbox(key="map_focus_pick")
    assert pick.format_func(pick.value).startswith("МОУ СОШ р.п. Пинеровка")  # a selectbox: plain text


@pytest.mark.parametrize("section", ["Рейтинги", "Сообщества", "Посредники между районами", "Общие события",
                                     "Связующие звенья", "Рост сети по годам"])
def test_every_analytics_section(data_dir, section):
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["an_section"] = section
    at.switch_page("ui/analytics.py").run()
    no_exception(at)
    assert at.dataframe or at.info, section  # a table, or a plain notice why there is none


def test_rankings_by_betweenness(data_dir):
    at = page("ui/analytics.py")
    at.selectbox(key="an_metric").select("betweenness").run()
    no_exception(at)
    columns = list(at.dataframe[0].value.columns)
    assert columns[:3] == ["Место", "Организация", "Посредничество"]  # the chosen measure first
    at.selectbox(key="an_metric").select("pagerank").run()
    no_exception(at)
    assert "Влиятельность" in at.dataframe[0].value.columns
    assert any("высокое значение" in m.value for m in at.markdown)  # the measure explained in a sentence


def test_rankings_of_people_break_ties_by_a_second_measure(data_dir):
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["an_who"] = "people"
    at.switch_page("ui/analytics.py").run()
    no_exception(at)
    frame = at.dataframe[0].value
    assert list(frame.columns[:4]) == ["Место", "Человек", "Совместные документы", "Партнёры"]
    assert "Фандина Светлана Александровна" in set(frame["Человек"])
    pairs = list(zip(frame["Совместные документы"], frame["Партнёры"], strict=True))
    assert pairs == sorted(pairs, reverse=True)  # ties of the first measure ordered by the second


def test_search_opens_a_profile_with_sentences(data_dir):
    at = page("ui/profile.py")
    at.text_input(key="profile_query").input("Пичугину").run()
    no_exception(at)
    assert at.header[0].value == "Пичугин Виталий Владимирович"
    quotes = [str(h.value) for h in at.get("html") if "eg-quote" in str(h.value)]
    assert any("Пичугину Виталию Владимировичу" in q for q in quotes)


def test_cypher_console_refuses_a_write(data_dir):
    store = open_store(data_dir)
    before = store.counts()
    at = page("ui/cypher.py")
    at.text_area(key="cy_text").input("CREATE (:Person {id: 'intruder', name: 'X'})").run()
    at.button(key="cy_run").click().run()
    no_exception(at)
    assert "только читает" in at.error[0].value
    assert store.counts() == before


def test_cypher_console_runs_a_named_query(data_dir):
    at = page("ui/cypher.py")
    at.selectbox(key="cy_named").select("staff_of_organisation").run()
    at.text_input(key="cy_param_staff_of_organisation_org").input("Пинеровка").run()
    at.button(key="cy_run").click().run()
    no_exception(at)
    assert "3 строки" in at.success[0].value
    assert "Фандина Светлана Александровна" in at.dataframe[0].value.to_string()


def test_cypher_syntax_error_is_a_clear_message(data_dir):
    at = page("ui/cypher.py")
    at.text_area(key="cy_text").input("MATCH (n RETURN n").run()
    at.button(key="cy_run").click().run()
    no_exception(at)
    assert at.error[0].value.startswith("Ошибка в запросе")


def test_documents_page_highlights_entities(data_dir):
    at = page("ui/documents.py")
    no_exception(at)
    html = [str(h.value) for h in at.get("html") if hasattr(h, "value")]
    assert any("<mark" in h for h in html)


def test_export_gives_valid_turtle_with_provenance(data_dir, tmp_path):
    from graph.export.rdf import validate_file

    at = page("ui/export.py")
    at.button(key="ex_build").click().run()
    no_exception(at)
    assert not at.error
    target = tmp_path / "export.ttl"
    target.write_bytes(at.session_state["ex_file"][1])
    assert validate_file(target) == []  # every membership with its member, organisation and source
    assert "Фандиной Светлане Александровне" in target.read_text(encoding="utf-8")  # the quoted sentence


def test_filtered_export_is_smaller(data_dir, tmp_path):
    at = page("ui/export.py")
    at.button(key="ex_build").click().run()
    whole = len(at.session_state["ex_file"][1])
    at.sidebar.multiselect(key="flt_districts").select("Балашовский муниципальный район").run()
    at.button(key="ex_build").click().run()
    no_exception(at)
    assert 0 < len(at.session_state["ex_file"][1]) < whole


def test_upload_loads_good_files_and_reports_bad_ones(data_dir):
    """What the Документы page's upload does: a good document is loaded, an empty and a binary file are
    refused with their reasons, and nothing already stored is lost."""
    from graph.load.uploads import ingest_uploads

    store = open_store(data_dir)
    before = store.counts()
    news = ("Новость. 12 марта 2019 года на базе МБОУ «Лицей № 7» прошёл районный семинар учителей физики. "
            "С докладом выступила Петрова Анна Ивановна, учитель физики МБОУ «Лицей № 7».").encode("cp1251")
    seen: list[str] = []
    outcomes = ingest_uploads(store, [("пусто.txt", b""), ("семинар.txt", news), ("картинка.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200))],
                              on_progress=lambda done, total, name: seen.append(f"{done}/{total} {name}"))
    assert seen == ["1/3 пусто.txt", "2/3 семинар.txt", "3/3 картинка.pdf"]
    assert [o.source for o in outcomes if o.failed] == ["пусто.txt", "картинка.pdf"]
    assert [o.code for o in outcomes if o.failed] == ["empty", "corrupt"]
    assert all(o.reason and "\n" not in o.reason for o in outcomes if o.source != "семинар.txt")
    after = store.counts()
    assert after["Document"] == before["Document"] + 1
    assert all(after.get(key, 0) >= n for key, n in before.items())
    people = store.query("MATCH (p:Person) WHERE p.name STARTS WITH 'Петрова' RETURN p.name").rows
    assert people
    store.close()


def test_caches_follow_the_graph_version(data_dir, monkeypatch):
    """The graph is read once per store version: reruns reuse it, a write makes the next render read again."""
    from graph.analysis import views

    reads = []
    real = views.snapshot_records
    monkeypatch.setattr(views, "snapshot_records", lambda store: reads.append(1) or real(store))
    at = page("ui/overview.py")
    before = sum(n for noun, n in cards(at).items() if noun.startswith("организац"))
    reads.clear()  # whether this first render read the graph depends on the tests before
    at.run()
    at.switch_page("ui/analytics.py").run()
    assert reads == []  # the version did not change: nothing read again
    store = open_store(data_dir)
    store.query("CREATE (:Organization:School {id: 'org-cache-test', name: 'МБОУ «Школа проверки кэша»', "
                "kind: 'school', sources: []})", write=True)
    try:
        at.switch_page("ui/overview.py").run()
        no_exception(at)
        assert reads == [1]
        assert sum(n for noun, n in cards(at).items() if noun.startswith("организац")) == before + 1
    finally:
        store.query("MATCH (o:Organization {id: 'org-cache-test'}) DETACH DELETE o", write=True)
        store.close()
