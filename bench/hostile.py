"""Hostile input, measured (issue 11): each case runs in a subprocess of its own, which reports its wall time and
peak memory (ru_maxrss), printed beside the limit it must meet.

    .venv/bin/python bench/hostile.py [--quick]

- a Word file whose document.xml inflates to 1.1 GB (a ~1 MB file): refused in < 2 s, under 300 MB;
- plain texts of 1 MB and 8 MB (and 19 MB, under the default 20 MB file limit, unless --quick) extracted:
  peak < 1 GB, time linear in size (8 MB within 10× of 1 MB's);
- HTML nested 100,000 elements deep: read in < 5 s.
The texts are the seed documents repeated (the development set's texts too, when data/dev has them).
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MB = 1024 * 1024


def make_bomb(path: Path, megabytes: int = 1100) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"<w:p>" + b"a" * MB + b"</w:p>"
            for _ in range(megabytes):
                part.write(chunk)
    path.write_bytes(buffer.getvalue())


def make_text(path: Path, size: int) -> None:
    """``size`` bytes of the genre: the seed (and dev) documents repeated, paragraph by paragraph."""
    sources = sorted((ROOT / "data" / "sample").glob("*.txt")) + sorted((ROOT / "data" / "dev").glob("*.txt"))
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sources).encode("utf-8")
    path.write_bytes((corpus * (size // len(corpus) + 1))[:size].decode("utf-8", "ignore").encode("utf-8"))


def make_deep_html(path: Path, depth: int = 100_000) -> None:
    page = "<html><body>" + "<div>" * depth + "Приказ о проведении семинара" + "</div>" * depth + "</body></html>"
    path.write_text(page, encoding="utf-8")


def worker(case: str, path: str) -> None:
    """Runs in the subprocess: read (and extract) one file, print the figures as JSON."""
    from ingest.readers import ReadError, read_document

    started = time.perf_counter()
    outcome = "read"
    try:
        document = read_document(path)
        if case == "text":
            from ingest.extract import extract_facts

            facts = extract_facts(document)
            outcome = f"{len(facts.people)} people, {len(facts.organisations)} organisations"
    except ReadError as exc:
        outcome = f"refused ({exc.code})"
    print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def measure(case: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", case, str(path)], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave the 19 MB text out")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0
    rows: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        make_bomb(work / "bomb.docx")
        bomb = measure("bomb", work / "bomb.docx")
        rows.append((f"1.1 GB zip bomb ({(work / 'bomb.docx').stat().st_size // 1024} KB file): {bomb['outcome']}",
                     f"{bomb['seconds']:.2f} s, {bomb['peak_mb']:.0f} MB", "< 2 s, < 300 MB",
                     bomb["seconds"] < 2 and bomb["peak_mb"] < 300 and bomb["outcome"].startswith("refused")))
        texts = {}
        for size in (1, 8) if args.quick else (1, 8, 19):
            make_text(work / f"text{size}.txt", size * MB)
            texts[size] = measure("text", work / f"text{size}.txt")
            figure = texts[size]
            rows.append((f"{size} MB text extracted: {figure['outcome']}",
                         f"{figure['seconds']:.1f} s, {figure['peak_mb']:.0f} MB", "< 1 GB", figure["peak_mb"] < 1024))
        ratio = texts[8]["seconds"] / texts[1]["seconds"]
        rows.append(("time of 8 MB / time of 1 MB", f"{ratio:.1f}×", "≤ 10×", ratio <= 10))
        make_deep_html(work / "deep.html")
        deep = measure("html", work / "deep.html")
        rows.append(("HTML nested 100,000 levels deep", f"{deep['seconds']:.2f} s, {deep['peak_mb']:.0f} MB", "< 5 s",
                     deep["seconds"] < 5))
    width = max(len(r[0]) for r in rows)
    for what, measured, target, passed in rows:
        print(f"{what:<{width}}  {measured:>18}  {target:>16}  {'PASS' if passed else 'FAIL'}")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
