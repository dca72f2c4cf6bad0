"""Driving the served dashboard in Debian's headless Chromium (shared by tests/test_browser.py and
bench/dashboard.py): start the app, open a page, wait until it is fully drawn, time it."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.serve import free_port, serve_environment, streamlit_command, wait_until_healthy

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
# page file stem → the page's title (its h1) and its label in the sidebar
PAGES = {
    "overview": ("Обзор сети", "Обзор"),
    "map": ("Карта сотрудничества", "Карта сотрудничества"),
    "analytics": ("Аналитика сети", "Аналитика"),
    "timeline": ("Хронология событий", "Хронология"),
    "profile": ("Профиль", "Профиль"),
    "review": ("Проверка", "Проверка"),
    "documents": ("Документы", "Документы"),
    "cypher": ("Консоль Cypher", "Cypher"),
    "export": ("Экспорт графа", "Экспорт"),
}


@contextmanager
def served_app(data_dir: Path, log_path: Path) -> Iterator[str]:
    """The dashboard served on a free localhost port; yields its base URL, terminates it afterwards."""
    port = free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(streamlit_command(port, "127.0.0.1", data_dir), env=serve_environment(data_dir),
                                   stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            if not wait_until_healthy(base, timeout=90):
                raise RuntimeError(f"the dashboard did not come up; see {log_path}")
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def block_outside(page, base: str, outside: list[str]) -> None:
    """Refuse every request that leaves the app (CDNs, telemetry), remembering it."""
    def route(request_route):
        url = request_route.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:", "about:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)


def wait_rendered(page, title: str, timeout_ms: int = 60_000) -> None:
    """Until the page's title shows, the script run has finished, and nothing stale or spinning is left."""
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=timeout_ms)
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'
                 && !document.querySelector('[data-stale="true"]')
                 && !document.querySelector('[data-testid="stSpinner"]')
                 && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=timeout_ms, polling=50)


def wait_map_drawn(page, timeout_ms: int = 60_000):
    """The frame holding the vis-network map, once it has drawn its canvas."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => document.body && document.body.getAttribute('data-drawn') === '1'"):
                    return frame
            except Exception:  # a frame that is navigating or already gone
                continue
        page.wait_for_timeout(100)
    raise TimeoutError("the map was not drawn")


def open_page(page, base: str, stem: str, timeout_ms: int = 60_000, title: str | None = None) -> float:
    """Go to one page by its sidebar link; seconds until it is fully drawn (``title``: its heading, when
    not the page's own — a profile's name)."""
    page_title, link = PAGES[stem]
    title = title or page_title
    started = time.perf_counter()
    if page_path(page.url) == ("" if stem == "overview" else stem):
        wait_rendered(page, title, timeout_ms)  # already there: a click on its own link starts no run
        return time.perf_counter() - started
    # a run still going (a slow query of the page before) would swallow the click's run: no new
    # «running» is ever recorded, the state only goes on from «running» to «notRunning»
    wait_idle(page, timeout_ms)
    watch_runs(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link, exact=True).click()
    wait_run_seen(page, timeout_ms)
    wait_rendered(page, title, timeout_ms)
    if stem == "map":
        wait_map_drawn(page, timeout_ms)
    return time.perf_counter() - started


def wait_idle(page, timeout_ms: int = 60_000) -> None:
    """Until the app runs no script."""
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') !== 'running'""",
        timeout=timeout_ms, polling=50)


def watch_runs(page) -> None:
    """Record every change of the app's script state from now on (window.__runs), so that a run that
    starts and ends between two looks is still seen."""
    # the whole body is watched: the app's root element may be mounted anew
    page.evaluate("""() => { window.__runs = [];
        if (window.__runObserver) window.__runObserver.disconnect();
        window.__runObserver = new MutationObserver(records => records.forEach(
            r => window.__runs.push(r.target.getAttribute('data-test-script-state'))));
        window.__runObserver.observe(document.body,
            {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']}); }""")


def wait_run_seen(page, timeout_ms: int = 60_000) -> None:
    """Until a script run started after :func:`watch_runs` has been seen."""
    page.wait_for_function("() => (window.__runs || []).includes('running')", timeout=timeout_ms, polling=20)


def page_path(url: str) -> str:
    """The page part of a dashboard address ("" for the default page)."""
    return url.split("://", 1)[-1].partition("/")[2].split("?")[0].strip("/")


def exceptions_shown(page) -> list[str]:
    return [e.inner_text() for e in page.locator('[data-testid="stException"]').all()]


# what a person sees: text of rendered, visible elements; the words the documents themselves say (the text of
# a document, quoted sentences: [data-eg-data]) and icon ligatures (Material icons are words drawn as glyphs)
# are left out, and so are the Cypher console's query editor and result (a researcher's own Cypher)
VISIBLE_TEXT_JS = """() => {
  const skip = '[data-eg-data], [data-testid="stIconMaterial"], textarea, [data-testid="stDataFrame"], ' +
               '[data-testid="stCode"], code, script, style, noscript';
  const out = [];
  const walk = (doc) => {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent.trim() || el.closest(skip)) continue;
      if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
      const box = el.getBoundingClientRect();
      // what is clipped to a pixel is there for screen readers only («3 options available»)
      if (box.width <= 1 || box.height <= 1 || box.right < 0 || box.bottom < -5000) continue;
      if (parseFloat(getComputedStyle(el).fontSize) < 1) continue;
      out.push(node.textContent.trim());
    }
    for (const frame of doc.querySelectorAll('iframe')) {
      try { if (frame.contentDocument && frame.contentDocument.body) walk(frame.contentDocument); } catch (e) {}
    }
  };
  walk(document);
  return out.join('\\n');
}"""

# names of formats and products, which stay as they are
LATIN_ALLOWED = {"csv", "rdf", "cypher", "neo4j", "falkordb", "json", "ld", "turtle", "n", "triples", "xml",
                 "graphml", "gexf", "gephi", "yed", "zip", "html", "txt", "docx", "pdf", "rtf", "odt", "shacl",
                 "utf", "windows", "edugraph", "excel", "microsoft", "office", "doc", "xls", "ocr", "louvain",
                 "leiden", "pagerank", "ttl", "jsonld", "nt"}


def visible_text(page) -> str:
    return page.evaluate(VISIBLE_TEXT_JS)


LATIN_WORD = r"[A-Za-z][A-Za-z']+"


def english_words(text: str, data_words: set[str] = frozenset()) -> list[str]:
    """Latin-letter words of ``text`` that are neither names of formats or products nor words of the data
    (``data_words``: the Latin words the documents write in names, lowercase)."""
    import re

    return sorted({w for w in re.findall(LATIN_WORD, text)
                   if w.lower() not in LATIN_ALLOWED and w.lower() not in data_words})


def data_latin_words(store) -> set[str]:
    """The Latin words of every name, alias and title in the store (lowercase): the documents' own words."""
    import re

    found: set[str] = set()
    for name, aliases, title in store.query("MATCH (n) RETURN n.name, n.aliases, n.title").rows:
        for text in [name or "", title or "", *(aliases or [])]:
            found.update(w.lower() for w in re.findall(LATIN_WORD, str(text)))
    return found
