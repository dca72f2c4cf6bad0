"""End to end: `streamlit run app.py` on a free localhost port over a store filled from the sample
(`edugraph ingest data/sample`),
driven through every page in Debian's headless Chromium (never a downloaded browser).
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import (
    CHROMIUM,
    PAGES,
    block_outside,
    exceptions_shown,
    launch,
    open_page,
    served_app,
    wait_map_drawn,
    wait_rendered,
    wait_run_seen,
    watch_runs,
)

from graph.cli import main
from graph.store import open_store
from graph.store.falkor import stop_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make browser)"),
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("browser")
    saved = os.environ.pop("NEO4J_URI", None)
    assert main(["ingest", str(SAMPLE), "--data-dir", str(data_dir), "--quiet"]) == 0
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with served_app(data_dir, ARTIFACTS / "streamlit.log") as base:
            yield base, data_dir
    finally:
        stop_server(data_dir)
        if saved is not None:
            os.environ["NEO4J_URI"] = saved


@pytest.fixture(scope="module")
def browser_page(app):
    from playwright.sync_api import sync_playwright

    base, _ = app
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="ru-RU")
        block_outside(page, base, outside)
        page.goto(base)
        wait_rendered(page, PAGES["overview"][0])
        yield page, outside
        browser.close()


def test_every_page_without_exception(browser_page):
    page, outside = browser_page
    for stem in PAGES:
        open_page(page, page.url.split("/")[0] + "//" + page.url.split("/")[2], stem)
        page.screenshot(path=str(ARTIFACTS / f"page_{stem}.png"), full_page=True)
        assert exceptions_shown(page) == [], stem
        assert "Traceback" not in page.inner_text("body"), stem
    assert outside == []  # nothing fetched from outside the app (no CDN, no telemetry)


def test_map_renders_nodes_with_labels(browser_page):
    page, _ = browser_page
    base = "/".join(page.url.split("/")[:3])
    open_page(page, base, "map")
    frame = wait_map_drawn(page)
    assert frame.locator("#mynetwork canvas").count() == 1
    labels = frame.evaluate("() => nodes.get().map(n => n.label)")
    assert len(labels) >= 10 and "МОУ СОШ р.п. Пинеровка" in labels
    # the canvas is really painted: some pixels are not white
    painted = frame.evaluate("""() => { const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200) n++; } return n; }""")
    assert painted > 1000
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)


def test_search_opens_a_profile(browser_page):
    page, _ = browser_page
    base = "/".join(page.url.split("/")[:3])
    open_page(page, base, "profile")
    box = page.get_by_label("Поиск: школа, человек, район, событие, объединение")
    box.fill("Фандиной")
    watch_runs(page)
    box.press("Enter")
    wait_run_seen(page)
    wait_rendered(page, "Фандина Светлана Александровна")
    assert "директор" in page.inner_text("body")
    assert exceptions_shown(page) == []
    page.screenshot(path=str(ARTIFACTS / "profile_fandina.png"), full_page=True)


def test_console_refuses_a_write(browser_page, app):
    page, _ = browser_page
    _, data_dir = app
    base = "/".join(page.url.split("/")[:3])
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
    page.screenshot(path=str(ARTIFACTS / "cypher_refused.png"), full_page=True)


def test_upload_lists_failures_and_keeps_the_rest(browser_page, app, tmp_path):
    page, _ = browser_page
    _, data_dir = app
    base = "/".join(page.url.split("/")[:3])
    store = open_store(data_dir)
    documents_before = store.counts()["Document"]
    good = tmp_path / "семинар.txt"
    good.write_text("12 марта 2019 года на базе МБОУ «Лицей № 7» прошёл районный семинар учителей физики. "
                    "С докладом выступила Петрова Анна Ивановна, учитель физики МБОУ «Лицей № 7».", encoding="utf-8")
    empty = tmp_path / "пустой.txt"
    empty.write_bytes(b"")
    open_page(page, base, "documents")
    page.locator('input[type="file"]').set_input_files([str(empty), str(good)])
    page.get_by_text("семинар.txt").first.wait_for(timeout=30_000)
    watch_runs(page)
    page.get_by_role("button", name="Извлечь факты и загрузить").click()
    wait_run_seen(page)
    page.get_by_text("Загружено документов: 1").wait_for(timeout=90_000)
    body = page.inner_text("body")
    assert "пустой.txt:" in body  # the bad file is listed with its reason
    assert exceptions_shown(page) == []
    assert store.counts()["Document"] == documents_before + 1
    store.close()
    page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)
