"""Screenshots of every dashboard page at 1440×900, as a manager sees them (the README shows them).

    .venv/bin/python docs/screenshots.py [--data-dir DIR] [--out docs/screenshots] [--full]

Without ``--data-dir`` the bundled sample (data/sample/) is ingested into a temporary store first.
The app is served on a free localhost port and driven in Debian's headless Chromium (tests/browser.py),
nothing is fetched from outside the machine. ``--full`` takes whole pages instead of the first screen.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, PAGES, block_outside, launch, open_page, served_app, wait_rendered  # noqa: E402

VIEWPORT = {"width": 1440, "height": 900}


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
            page.wait_for_timeout(1500 if stem == "map" else 300)  # the map eases into place
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
            try:
                if edugraph(["ingest", str(ROOT / "data" / "sample"), "--data-dir", tmp, "--quiet"]) != 0:
                    return 1
                paths = take(Path(tmp), args.out, args.full, args.prefix, args.height)
            finally:
                stop_server(tmp)
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
