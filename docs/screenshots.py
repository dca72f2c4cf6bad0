"""Screenshots of every dashboard page at 1440×900, as a manager sees them (the README shows them).

    .venv/bin/python docs/screenshots.py [--data-dir DIR] [--out docs/screenshots] [--height 900]

Without ``--data-dir`` the bundled sample (data/sample/) is ingested into a temporary store first, with one
short news item more (:data:`CANDIDATE_NEWS`, «Фандина С.А.» named without her school) so that the review
page has a pair to show. The app is served on a free localhost port and driven in Debian's headless
Chromium (tests/browser.py), nothing is fetched from outside the machine. The profile page is shown with
a profile open (:data:`PROFILE_QUERY`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import (  # noqa: E402
    CHROMIUM,
    PAGES,
    block_outside,
    launch,
    open_page,
    served_app,
    wait_rendered,
    wait_run_seen,
    watch_runs,
)

VIEWPORT = {"width": 1440, "height": 900}
PROFILE_QUERY, PROFILE_NAME = "Фандиной Светлане", "Фандина Светлана Александровна"
CANDIDATE_NEWS = ("Информация о семинаре\n\n15 марта 2019 года состоялся областной семинар для руководителей "
                  "школ. С докладом о работе с одарёнными детьми выступила Фандина С.А.\n")


def take(data_dir: Path, out: Path, full: bool = False, prefix: str = "", height: int = 900) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    taken = []
    log = Path(tempfile.gettempdir()) / "edugraph_screenshots_streamlit.log"
    with served_app(data_dir, log) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={**VIEWPORT, "height": height}, locale="ru-RU")
        block_outside(page, base, [])
        page.goto(base)
        wait_rendered(page, PAGES["overview"][0])
        for stem in PAGES:
            open_page(page, base, stem)
            if stem == "profile":
                box = page.get_by_label("Поиск: школа, человек, район, событие, объединение")
                box.fill(PROFILE_QUERY)
                watch_runs(page)
                box.press("Enter")
                wait_run_seen(page)
                try:
                    wait_rendered(page, PROFILE_NAME, 30_000)
                except Exception:  # another graph: the page as it is
                    pass
            page.wait_for_timeout(800 if stem == "map" else 300)
            path = out / f"{prefix}{stem}.png"
            page.screenshot(path=str(path), full_page=full)
            taken.append(path)
        browser.close()
    return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="a data directory already ingested (default: the sample)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--full", action="store_true", help="whole pages, not the first screen")
    parser.add_argument("--prefix", default="", help="put before every file name")
    parser.add_argument("--height", type=int, default=900, help="the window's height (a tall one shows more)")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print("error: /usr/bin/chromium is not installed (make browser)", file=sys.stderr)
        return 2
    if args.data_dir:
        paths = take(args.data_dir, args.out, args.full, args.prefix, args.height)
    else:
        from graph.cli import main as edugraph
        from graph.store.falkor import stop_server

        with tempfile.TemporaryDirectory(prefix="edugraph_screens_") as tmp:
            news = Path(tmp) / "news" / "семинар.txt"
            news.parent.mkdir()
            news.write_text(CANDIDATE_NEWS, encoding="utf-8")
            try:
                if edugraph(["ingest", str(ROOT / "data" / "sample"), str(news), "--data-dir", str(Path(tmp) / "data"),
                             "--quiet"]) != 0:
                    return 1
                tmp = str(Path(tmp) / "data")
                paths = take(Path(tmp), args.out, args.full, args.prefix, args.height)
            finally:
                stop_server(tmp)
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
