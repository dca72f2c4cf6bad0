"""Dashboard benchmark: every page's time to first full render in headless Chromium, cold and warm.

    .venv/bin/python bench/dashboard.py [--nodes 10000] [--rels 50000]

Loads the synthetic education network of bench/store.py (10k nodes, 50k
relationships by default) into a temporary embedded store, then for each page:
starts a fresh `streamlit run app.py` (empty caches) and opens the page
directly — **cold** — then moves to another page and back through the sidebar —
**warm** (the analytics cached per store version are reused).  A page counts
as rendered when its title is shown, its script run has finished, no spinner or
stale element is left, and (the map) the network canvas has been drawn.
Targets: warm < 3 s, cold < 10 s (tests/test_app.py checks that the caches follow the store's version).
Needs Debian's chromium (`make browser`).  Heavy: run it once, not in a loop.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from browser import (  # noqa: E402
    CHROMIUM,
    PAGES,
    block_outside,
    exceptions_shown,
    launch,
    open_page,
    served_app,
    wait_map_drawn,
    wait_rendered,
)
from store import bare_load, open_bench_store, synthetic_graph  # noqa: E402

from graph.analysis.views import cached_snapshot  # noqa: E402
from graph.store.falkor import stop_server  # noqa: E402

WARM_TARGET_S = 3.0
COLD_TARGET_S = 10.0


def fill_store(data_dir: Path, n_nodes: int, n_rels: int) -> tuple[int, int, float]:
    nodes, rels = synthetic_graph(n_nodes, n_rels)
    store = open_bench_store(data_dir, appendfsync="everysec")
    store.ensure_schema()
    seconds = bare_load(store, nodes, rels)
    counts = store.counts()
    cached_snapshot(store, data_dir)  # as `edugraph ingest` does after loading
    store.close()
    n = sum(v for k, v in counts.items() if k in ("Region", "District", "Organization", "Person", "Event", "Group",
                                                   "Award", "Document"))
    return n, sum(len(r) for r in rels.values()), seconds


def cold_open(page, base: str, stem: str, timeout_ms: int) -> float:
    """Open a page by its address in a fresh session of a freshly started app."""
    title = PAGES[stem][0]
    started = time.perf_counter()
    page.goto(base if stem == "overview" else f"{base}/{stem}")
    wait_rendered(page, title, timeout_ms)
    if stem == "map":
        wait_map_drawn(page, timeout_ms)
    return time.perf_counter() - started


def measure(data_dir: Path, timeout_ms: int) -> dict[str, tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    times: dict[str, tuple[float, float]] = {}
    log = Path(tempfile.gettempdir()) / "edugraph_bench_streamlit.log"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for stem in PAGES:
            with served_app(data_dir, log) as base:
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                outside: list[str] = []
                block_outside(page, base, outside)
                cold = cold_open(page, base, stem, timeout_ms)
                other = "overview" if stem != "overview" else "documents"
                open_page(page, base, other, timeout_ms)
                warm = open_page(page, base, stem, timeout_ms)
                problems = exceptions_shown(page)
                if problems or outside:
                    print(f"  {stem}: exceptions {problems[:1]} outside requests {outside[:2]}")
                times[stem] = (cold, warm)
                print(f"  {stem:<10} cold {cold:6.2f} s   warm {warm:6.2f} s", flush=True)
                page.close()
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--rels", type=int, default=50_000)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a page may take before giving up")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print("error: /usr/bin/chromium is not installed (make browser)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="edugraph_bench_dash_") as tmp:
        data_dir = Path(tmp)
        try:
            n_nodes, n_rels, load_s = fill_store(data_dir, args.nodes, args.rels)
            print(f"synthetic graph: {n_nodes} nodes, {n_rels} relationships (loaded in {load_s:.1f} s)")
            times = measure(data_dir, int(args.timeout * 1000))
        finally:
            stop_server(data_dir)
    print()
    print(f"{'page':<12}{'cold s':>8}{'× target':>10}{'warm s':>8}{'× target':>10}")
    ok = True
    for stem, (cold, warm) in times.items():
        print(f"{stem:<12}{cold:8.2f}{cold / COLD_TARGET_S:10.2f}{warm:8.2f}{warm / WARM_TARGET_S:10.2f}")
        ok = ok and cold < COLD_TARGET_S and warm < WARM_TARGET_S
    print(f"targets: cold < {COLD_TARGET_S:.0f} s, warm < {WARM_TARGET_S:.0f} s (ratios < 1 meet them): "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
