"""Sign-in and roles end to end, in Debian's headless Chromium against `streamlit run app.py` over a store
filled from the sample, with a viewer, an editor and an admin in DATA_DIR/users.toml: an anonymous visitor
sees only the sign-in; a viewer sees the pages but no upload, and an upload request from a session that is
no longer an editor's is refused by the server; an editor uploads and the change record names them; five
wrong passwords slow the next sign-in down. Screenshots go to tests/artifacts/auth_*.png."""

from __future__ import annotations

import os
import time
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
    wait_rendered,
    wait_run_seen,
    watch_runs,
)

from graph import accounts as acc
from graph import audit
from graph.cli import main
from graph.store import open_store
from graph.store.falkor import stop_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make browser)"),
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
SIGN_IN = "Вход в edugraph"
PASSWORDS = {"viewer1": "пароль-читателя-1", "editor1": "пароль-редактора-1", "editor2": "пароль-редактора-2",
             "guessed": "настоящий-пароль-1"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("auth_browser")
    saved = os.environ.pop("NEO4J_URI", None)
    assert main(["ingest", str(SAMPLE), "--data-dir", str(data_dir), "--quiet"]) == 0
    acc.add_account(data_dir, "admin1", "пароль-админа-1", "admin")
    acc.add_account(data_dir, "viewer1", PASSWORDS["viewer1"], "viewer", "Читатель Ольга")
    acc.add_account(data_dir, "editor1", PASSWORDS["editor1"], "editor", "Редактор Иван")
    acc.add_account(data_dir, "editor2", PASSWORDS["editor2"], "editor")
    acc.add_account(data_dir, "guessed", PASSWORDS["guessed"], "viewer")
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with served_app(data_dir, ARTIFACTS / "streamlit_auth.log") as base:
            yield base, data_dir
    finally:
        stop_server(data_dir)
        if saved is not None:
            os.environ["NEO4J_URI"] = saved


@pytest.fixture(scope="module")
def browser(app):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        opened = launch(playwright)
        yield opened
        opened.close()


@pytest.fixture
def page(browser, app):
    """A fresh browser context (no cookie, no session) on the dashboard."""
    base, _ = app
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="ru-RU")
    opened = context.new_page()
    outside: list[str] = []
    block_outside(opened, base, outside)
    yield opened
    context.close()
    assert outside == []


def documents_count(data_dir: Path) -> int:
    store = open_store(data_dir)
    try:
        return store.counts()["Document"]
    finally:
        store.close()


def submit(page, login: str, password: str) -> None:
    page.get_by_label("Имя пользователя").fill(login)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()


def sign_in(page, base: str, login: str, path: str = "") -> None:
    page.goto(f"{base}/{path}")
    wait_rendered(page, SIGN_IN)
    submit(page, login, PASSWORDS[login])
    title = next(t for stem, (t, _) in PAGES.items() if stem == (path or "overview"))
    wait_rendered(page, title)


def test_an_anonymous_visitor_sees_only_the_sign_in(page, app):
    base, _ = app
    for path in ("", "documents", "cypher", "profile"):
        page.goto(f"{base}/{path}")
        wait_rendered(page, SIGN_IN)
        body = page.inner_text("body")
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0, path  # no pages listed
        assert "Фильтры" not in body and "Документов:" not in body and "Page not found" not in body, path
        assert page.locator('input[type="file"]').count() == 0
        assert exceptions_shown(page) == []
    assert page.get_by_label("Пароль").get_attribute("type") == "password"
    page.screenshot(path=str(ARTIFACTS / "auth_sign_in.png"), full_page=True)


def test_a_viewer_sees_every_page_but_no_upload(page, app):
    base, data_dir = app
    sign_in(page, base, "viewer1")
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    assert [label for _, label in PAGES.values()] == links
    assert "Читатель Ольга" in page.inner_text('[data-testid="stSidebar"]')
    for stem in PAGES:
        open_page(page, base, stem)
        assert exceptions_shown(page) == [], stem
    open_page(page, base, "documents")
    body = page.inner_text("body")
    assert "5 документов." in body
    assert "Загрузить документы" not in body and page.locator('input[type="file"]').count() == 0
    assert page.get_by_role("button", name="Извлечь факты и загрузить").count() == 0
    assert "Загружать документы могут редакторы и администраторы." in body
    page.screenshot(path=str(ARTIFACTS / "auth_viewer_documents.png"), full_page=True)
    # a reload keeps the sign-in (the session cookie); «Выйти» ends it, for this tab and the cookie
    page.reload()
    wait_rendered(page, PAGES["documents"][0])
    page.get_by_role("button", name="Выйти").click()
    wait_rendered(page, SIGN_IN)
    assert "Вы вышли из edugraph." in page.inner_text("body")
    page.reload()
    wait_rendered(page, SIGN_IN)
    assert [e["action"] for e in audit.read_records(data_dir, user="viewer1")][:2] == ["signout", "signin"]


def seminar(tmp_path: Path, name: str = "семинар.txt") -> Path:
    path = tmp_path / name
    path.write_text("12 марта 2019 года на базе МБОУ «Лицей № 7» прошёл районный семинар учителей физики. "
                    "С докладом выступила Петрова Анна Ивановна, учитель физики МБОУ «Лицей № 7».", encoding="utf-8")
    return path


def test_an_upload_from_a_session_that_is_no_longer_an_editors_is_refused(page, app, tmp_path):
    base, data_dir = app
    before = documents_count(data_dir)
    sign_in(page, base, "editor2", "documents")
    page.locator('input[type="file"]').set_input_files([str(seminar(tmp_path, "отклонённый.txt"))])
    page.get_by_text("отклонённый.txt").first.wait_for(timeout=30_000)
    button = page.get_by_role("button", name="Извлечь факты и загрузить")
    button.wait_for()
    # the page still offers the upload, with the file sent; the account is a viewer's from now on
    acc.set_role(data_dir, "editor2", "viewer")
    button.click()
    page.get_by_text("Загружать документы могут редакторы и администраторы.").wait_for(timeout=60_000)
    wait_rendered(page, PAGES["documents"][0])
    assert page.locator('input[type="file"]').count() == 0
    assert "Загружено:" not in page.inner_text("body")
    assert documents_count(data_dir) == before
    assert not [e for e in audit.changes(data_dir) if e["user"] == "editor2"]
    page.screenshot(path=str(ARTIFACTS / "auth_upload_refused.png"), full_page=True)


def test_an_editor_uploads_and_the_record_names_them(page, app, tmp_path):
    base, data_dir = app
    before = documents_count(data_dir)
    sign_in(page, base, "editor1", "documents")
    page.locator('input[type="file"]').set_input_files([str(seminar(tmp_path))])
    page.get_by_text("семинар.txt").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Извлечь факты и загрузить").click()
    page.get_by_text("Загружено: 1 документ").wait_for(timeout=90_000)
    assert exceptions_shown(page) == []
    assert documents_count(data_dir) == before + 1
    change = audit.changes(data_dir)[0]
    assert (change["user"], change["role"], change["action"], change["outcome"]) == ("editor1", "editor", "upload",
                                                                                     "ok")
    assert change["details"]["files"] == ["семинар.txt"] and len(change["details"]["loaded"]) == 1
    page.screenshot(path=str(ARTIFACTS / "auth_editor_upload.png"), full_page=True)


def submitted(page, login: str, password: str) -> str:
    """Submit the sign-in form; the page's text once the run it started has finished."""
    watch_runs(page)
    submit(page, login, password)
    wait_run_seen(page)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stApp\"]')"
                           "?.getAttribute('data-test-script-state') === 'notRunning'", polling=50)
    return page.inner_text("body")


def test_five_wrong_passwords_slow_the_next_sign_in_down(page, app):
    base, data_dir = app
    page.goto(base)
    wait_rendered(page, SIGN_IN)
    # three wrong passwords cost nothing more than the hash; then each try waits 2, 4, 8 … seconds
    for attempt, wait in enumerate([0, 0, 0, 2, 4]):
        page.wait_for_timeout(wait * 1000 + 300)
        body = submitted(page, "guessed", f"догадка-{attempt}")
        assert "Неверное имя пользователя или пароль." in body, attempt
    assert "Следующая попытка — через 8 с." in body
    started = time.monotonic()
    body = submitted(page, "guessed", PASSWORDS["guessed"])  # the right password, too early: refused unread
    assert "Слишком много неудачных попыток входа. Следующая попытка — через" in body
    assert "Неверное имя" not in body and "Фильтры" not in body
    page.screenshot(path=str(ARTIFACTS / "auth_slowed.png"), full_page=True)
    page.wait_for_timeout(max(0.0, 8.5 - (time.monotonic() - started)) * 1000)
    submit(page, "guessed", PASSWORDS["guessed"])
    wait_rendered(page, PAGES["overview"][0])
    actions = [e["action"] for e in audit.read_records(data_dir, user="guessed")]
    assert actions == ["signin", "signin_slowed"] + ["signin_failed"] * 5
