"""End to end: `streamlit run app.py` on a free localhost port over a store filled the way a user fills it
(`edugraph ingest` of the bundled sample, a news item naming «Фандина С.А.» without her school — a merge
candidate — and a news item whose school's name carries a Markdown image), driven in Debian's headless
Chromium (never a downloaded browser): every page in Russian with nothing fetched from outside, a click on
the map opening a profile, a candidate merged and the merge undone, a fact marked wrong that stays gone after
a re-ingest and is restored, the timeline's filters, a quote's link to its highlighted sentence, the upload.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser import (
    CHROMIUM,
    PAGES,
    block_outside,
    data_latin_words,
    english_words,
    exceptions_shown,
    launch,
    open_page,
    served_app,
    visible_text,
    wait_map_drawn,
    wait_rendered,
    wait_run_seen,
    watch_runs,
)
from store_graph import BACKENDS, backend_env, open_test_store

from graph.cli import main
from graph.store import open_store
from graph.store.falkor import stop_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make browser)"),
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
FANDINA = "Фандина Светлана Александровна"
PINEROVKA = "МОУ СОШ р.п. Пинеровка"
ORDER_642 = "000_2eaf39b14a64d8f7.txt"  # the sample's order № 642 (Балашовский район)
PLANTED = "http://127.0.0.9/p.png"  # an image a name must never make the browser fetch
CANDIDATE_NEWS = ("Информация о семинаре\n\n15 марта 2019 года состоялся областной семинар для руководителей "
                  "школ. С докладом о работе с одарёнными детьми выступила Фандина С.А.\n")
DATA_WORDS: set[str] = set()
HOSTILE_NEWS = (f"Новость\n\n12 марта 2019 года на базе МОУ «СОШ ![x]({PLANTED})» прошёл районный семинар учителей "
                f"физики. С докладом выступила Петрова Анна Ивановна, учитель физики МОУ «СОШ ![x]({PLANTED})».\n")


@pytest.fixture(scope="module", params=BACKENDS)
def app(request, tmp_path_factory):
    """The sample ingested and served, on each backend: the embedded FalkorDB of the data dir, and the test
    run's Neo4j (through NEO4J_* in the environment, which the CLI and the served app read)."""
    documents = tmp_path_factory.mktemp("documents")
    for path in SAMPLE.iterdir():
        shutil.copy(path, documents / path.name)
    (documents / "семинар.txt").write_text(CANDIDATE_NEWS, encoding="utf-8")
    (documents / "новость.txt").write_text(HOSTILE_NEWS, encoding="utf-8")
    data_dir = tmp_path_factory.mktemp(f"browser_{request.param}")
    with pytest.MonkeyPatch.context() as env:
        for name in [k for k in os.environ if k.startswith("NEO4J_")]:
            env.delenv(name)
        for name, value in backend_env(request.param, {}).items():
            env.setenv(name, value)
        if request.param == "neo4j":  # one database for the whole run: this module's graph only
            scratch = open_test_store("neo4j", data_dir)
            scratch.clear()
            scratch.close()
        DATA_WORDS.clear()
        try:
            assert main(["ingest", str(documents), "--data-dir", str(data_dir), "--quiet"]) == 0
            ARTIFACTS.mkdir(exist_ok=True)
            store = open_store(data_dir)
            assert store.backend == request.param
            DATA_WORDS.update(data_latin_words(store))  # «http», «png» of the planted name are the documents' words
            store.close()
            with served_app(data_dir, ARTIFACTS / f"streamlit_{request.param}.log") as base:
                yield base, data_dir, documents
        finally:
            if request.param == "falkordb":
                stop_server(data_dir)


@pytest.fixture(scope="module")
def browser_page(app):
    from playwright.sync_api import sync_playwright

    base = app[0]
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="ru-RU")
        block_outside(page, base, outside)
        page.goto(base)
        wait_rendered(page, PAGES["overview"][0])
        yield page, outside, base
        browser.close()


def rerun_after(page, action) -> None:
    """Do something that makes the app run again (a click, a key), and wait until that run is over."""
    watch_runs(page)
    action()
    wait_run_seen(page)
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'
                 && !document.querySelector('[data-stale="true"]')""", timeout=60_000, polling=50)


def open_profile(page, base: str, query: str, name: str) -> None:
    open_page(page, base, "profile")
    box = page.get_by_label("Поиск: школа, человек, район, событие, объединение")
    if box.input_value() == query:  # the same query again would start no run
        box.fill("")
        rerun_after(page, lambda: box.press("Enter"))
    box.fill(query)
    rerun_after(page, lambda: box.press("Enter"))
    wait_rendered(page, name)


def people_named(data_dir: Path, prefix: str) -> list[str]:
    store = open_store(data_dir)
    try:
        return sorted(r[0] for r in store.query("MATCH (p:Person) WHERE p.name STARTS WITH $p RETURN p.name",
                                                {"p": prefix}).rows)
    finally:
        store.close()


def posts_of(data_dir: Path, name: str) -> list[str]:
    store = open_store(data_dir)
    try:
        return [r[0] for r in store.query("MATCH (p:Person {name: $n})-[h:HOLDS_POST]->() RETURN h.post",
                                          {"n": name}).rows]
    finally:
        store.close()


def test_every_page_in_russian_without_exception(browser_page):
    page, outside, base = browser_page
    for stem in PAGES:
        open_page(page, base, stem)
        page.screenshot(path=str(ARTIFACTS / f"page_{stem}.png"), full_page=True)
        assert exceptions_shown(page) == [], stem
        assert "Traceback" not in page.inner_text("body"), stem
        assert english_words(visible_text(page), DATA_WORDS) == [], stem
    # a school's name carrying a Markdown image is shown as written: nothing is fetched (no CDN either)
    assert outside == []
    assert page.locator(f"img[src='{PLANTED}']").count() == 0


def test_profile_in_russian_with_its_quotes(browser_page):
    page, outside, base = browser_page
    open_profile(page, base, "Фандиной Светлане", FANDINA)
    text = page.inner_text("body")
    assert "директор" in text and "Коллеги" in text
    assert "Вручить благодарственные письма" in text  # the award's list item with its lead-in
    assert english_words(visible_text(page), DATA_WORDS) == []
    page.screenshot(path=str(ARTIFACTS / "profile_fandina.png"), full_page=True)
    open_profile(page, base, "Пинеровк", PINEROVKA)
    assert "Сотрудники" in page.inner_text("body") and "Партнёры" in page.inner_text("body")
    assert english_words(visible_text(page), DATA_WORDS) == []
    assert outside == []


def test_map_is_fitted_and_a_click_opens_the_profile(browser_page):
    page, _, base = browser_page
    open_page(page, base, "map")
    frame = wait_map_drawn(page)
    drawn = frame.evaluate("""() => { const scale = network.getScale(); const ns = nodes.get();
        const box = document.querySelector('#mynetwork canvas').getBoundingClientRect();
        const pos = network.getPositions(); let outside = 0;
        ns.forEach(n => { const p = network.canvasToDOM(pos[n.id]);
                          if (p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height) outside++; });
        const readable = ns.filter(n => n.font.size * scale >= 11).map(n => n.name);
        return {outside: outside, readable: readable, nodes: ns.length}; }""")
    assert drawn["outside"] == 0  # fitted: every node inside the frame
    assert len(drawn["readable"]) >= 12  # full labels at a readable size
    assert english_words(visible_text(page), DATA_WORDS) == []
    frame.locator("#mynetwork").scroll_into_view_if_needed()
    point = frame.evaluate("""(name) => { const n = nodes.get().find(x => x.name === name);
        return network.canvasToDOM(network.getPositions([n.id])[n.id]); }""", PINEROVKA)
    canvas = frame.locator("#mynetwork canvas").bounding_box()
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    watch_runs(page)
    page.mouse.click(canvas["x"] + point["x"], canvas["y"] + point["y"])
    wait_run_seen(page)
    wait_rendered(page, PINEROVKA)
    assert "Сотрудники" in page.inner_text("body")


def test_merge_a_candidate_see_one_node_and_undo(browser_page, app):
    page, _, base = browser_page
    data_dir = app[1]
    assert people_named(data_dir, "Фандина") == ["Фандина С.А.", FANDINA]
    open_page(page, base, "review")
    page.get_by_text("похожих имён").wait_for()
    assert "С докладом о работе с одарёнными детьми выступила Фандина С.А." in page.inner_text("body")
    assert english_words(visible_text(page), DATA_WORDS) == []
    page.screenshot(path=str(ARTIFACTS / "review_candidate.png"), full_page=True)
    rerun_after(page, lambda: page.get_by_role("button", name="Один человек").click())
    page.get_by_text("Объединено").wait_for(timeout=60_000)
    assert people_named(data_dir, "Фандина") == [FANDINA]  # one node
    open_profile(page, base, "Фандина С.А.", FANDINA)
    assert "Источники: 2 документа" in page.inner_text("body")  # the order and the news item, both hers now
    open_page(page, base, "review")
    rerun_after(page, lambda: page.locator('[data-testid="stButtonGroup"]').get_by_text("Журнал решений").click())
    journal = page.inner_text("body")
    assert "Один объект" in journal and "@local" in journal  # made here, without accounts: this machine's user
    rerun_after(page, lambda: page.get_by_role("button", name="Отменить").first.click())
    page.get_by_text("Решение отменено").wait_for(timeout=60_000)
    assert people_named(data_dir, "Фандина") == ["Фандина С.А.", FANDINA]


def test_a_wrong_fact_disappears_stays_gone_after_reingest_and_is_restored(browser_page, app):
    page, _, base = browser_page
    data_dir, documents = app[1], app[2]
    assert posts_of(data_dir, FANDINA) == ["директор"]
    open_profile(page, base, "Фандиной Светлане", FANDINA)
    row = page.locator('[data-testid="stHorizontalBlock"]').filter(has_text="директор").filter(
        has=page.get_by_role("button", name="Неверно")).last
    rerun_after(page, lambda: row.get_by_role("button", name="Неверно").click())
    page.get_by_text("отмечен как неверный").wait_for(timeout=60_000)
    assert posts_of(data_dir, FANDINA) == []
    # a new version of the order (the file edited): re-ingested, replaced, and the fact is still gone
    order = documents / ORDER_642
    order.write_text(order.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["ingest", str(documents), "--data-dir", str(data_dir), "--quiet"]) == 0
    assert posts_of(data_dir, FANDINA) == []
    open_profile(page, base, "Фандиной Светлане", FANDINA)
    assert "Занимает должность в" not in page.inner_text("body")
    open_page(page, base, "review")
    rerun_after(page, lambda: page.locator('[data-testid="stButtonGroup"]').get_by_text("Неверные факты").click())
    assert "занимает должность в" in page.inner_text("body")
    rerun_after(page, lambda: page.get_by_role("button", name="Вернуть").first.click())
    page.get_by_text("Факт возвращён").wait_for(timeout=60_000)
    assert posts_of(data_dir, FANDINA) == ["директор"]


def choose(page, label: str, option: str, within: str = "body") -> None:
    """Pick an option of a multiselect (found by its label), and close its list."""
    box = page.locator(within).locator('[data-testid="stMultiSelect"]').filter(has_text=label).locator("input")
    box.click()
    rerun_after(page, lambda: page.get_by_role("option", name=option, exact=True).click())
    page.keyboard.press("Escape")


def clear(page, label: str, within: str = "body") -> None:
    """Take the last chosen option of a multiselect back."""
    box = page.locator(within).locator('[data-testid="stMultiSelect"]').filter(has_text=label).locator("input")
    box.click()
    rerun_after(page, lambda: box.press("Backspace"))
    page.keyboard.press("Escape")


def test_timeline_filters_by_event_kind_and_district(browser_page):
    page, _, base = browser_page
    open_page(page, base, "timeline")
    everything = page.inner_text("body")
    assert "Итоговая методическая конференция" in everything and "Районная стажировка библиотекарей" in everything
    choose(page, "Вид события", "конференция")
    text = page.inner_text("body")
    assert "1 событие" in text and "Итоговая методическая конференция" in text
    assert "Районная стажировка библиотекарей" not in text
    assert english_words(visible_text(page), DATA_WORDS) == []
    page.screenshot(path=str(ARTIFACTS / "timeline_conference.png"), full_page=True)
    clear(page, "Вид события")
    # the sidebar's district: only the events its organisations took part in
    choose(page, "Район", "Балашовский муниципальный район", within='[data-testid="stSidebar"]')
    text = page.inner_text("body")
    assert "День партнёрского взаимодействия" in text and "Итоговая методическая конференция" not in text
    clear(page, "Район", within='[data-testid="stSidebar"]')
    assert "Итоговая методическая конференция" in page.inner_text("body")


def test_a_quote_links_to_its_highlighted_sentence(browser_page):
    page, _, base = browser_page
    open_profile(page, base, "Пичугину", "Пичугин Виталий Владимирович")
    link = page.get_by_role("link", name="Приказ № 642 от 07.11.2013").first
    watch_runs(page)
    link.click()
    wait_rendered(page, PAGES["documents"][0])
    mark = page.locator("#eg-fact")
    mark.wait_for()
    assert "Пичугину Виталию Владимировичу" in mark.inner_text()
    page.wait_for_function("""() => { const r = document.querySelector('#eg-fact').getBoundingClientRect();
                                      return r.top >= 0 && r.bottom <= window.innerHeight; }""", timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "document_highlight.png"))


def test_console_refuses_a_write(browser_page, app):
    page, _, base = browser_page
    data_dir = app[1]
    store = open_store(data_dir)
    before = store.counts()
    open_page(page, base, "cypher")
    page.get_by_role("textbox", name="Запрос").fill("MATCH (p:Person) SET p.name = 'взлом' RETURN p")
    page.get_by_role("button", name="Выполнить").click()
    page.get_by_text("Запрос отклонён").wait_for(timeout=30_000)
    assert store.counts() == before
    names = store.query("MATCH (p:Person) WHERE p.name = 'взлом' RETURN count(p) AS n").rows
    assert names == [[0]]
    store.close()
    assert english_words(visible_text(page), DATA_WORDS) == []
    page.screenshot(path=str(ARTIFACTS / "cypher_refused.png"), full_page=True)


def test_upload_says_in_russian_what_became_of_each_file(browser_page, app, tmp_path):
    page, _, base = browser_page
    data_dir = app[1]
    store = open_store(data_dir)
    documents_before = store.counts()["Document"]
    good = tmp_path / "семинар_физиков.txt"
    good.write_text("12 марта 2019 года на базе МБОУ «Лицей № 7» прошёл районный семинар учителей физики. "
                    "С докладом выступила Петрова Анна Ивановна, учитель физики МБОУ «Лицей № 7».", encoding="utf-8")
    empty = tmp_path / "пустой.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "данные.bin"
    binary.write_bytes(bytes(range(256)))
    again = tmp_path / "семинар.txt"
    again.write_text(CANDIDATE_NEWS, encoding="utf-8")  # already ingested: the same bytes
    open_page(page, base, "documents")
    page.locator('input[type="file"]').set_input_files([str(empty), str(good), str(binary), str(again)])
    page.get_by_text("Выбрано: 4 файла").wait_for(timeout=30_000)
    file_names = DATA_WORDS | {"bin"}  # the uploader's own names for the files
    assert english_words(visible_text(page), file_names) == []  # no «Upload», «Browse files», «KB», «200MB per file»
    watch_runs(page)
    page.get_by_role("button", name="Извлечь факты и загрузить").click()
    wait_run_seen(page)
    page.get_by_text("Загружено: 1 документ").wait_for(timeout=90_000)
    body = page.inner_text("body")
    assert "пустой.txt: файл пустой" in body
    assert "данные.bin: такой вид файла не читается" in body
    assert "Уже были в графе, ничего не изменилось: 1 документ — семинар.txt" in body
    assert english_words(visible_text(page), file_names) == []
    assert exceptions_shown(page) == []
    assert store.counts()["Document"] == documents_before + 1
    store.close()
    page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)
