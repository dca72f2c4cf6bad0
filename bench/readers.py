"""Readers benchmark: encoding detection against charset-normalizer, and reading speed per format.

    .venv/bin/python bench/readers.py [--snippets N] [--megabytes M]

1. encodings   random snippets of the bundled seeds (20…1000 characters) written in Windows-1251,
               KOI8-R and mac-cyrillic; the share decoded exactly by ``ingest.readers.decode_text``
               beside charset-normalizer's best guess on the same bytes, per snippet length;
2. speed       one document of about M MB of seed text per format (txt in cp1251, html, docx, odt,
               rtf, pdf), built in memory, read once with ``read_bytes``: MB/s and characters/s.
               The PDF needs fpdf2 (the ``test`` extra) and DejaVu Sans (fonts-dejavu-core).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.readers import decode_text, read_bytes  # noqa: E402  (the project, found through the path above)

SAMPLE = ROOT / "data" / "sample"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CODEPAGES = ("cp1251", "koi8_r", "mac_cyrillic")


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8").replace("\u00a0", " ") for path in sorted(SAMPLE.glob("*.txt"))]


def detection_accuracy(snippets: int) -> None:
    import charset_normalizer

    texts = seed_texts()
    rng = random.Random(7)
    print(f"{'chars':>6} {'cases':>6} {'readers':>8} {'charset-normalizer':>19}")
    for length in (20, 40, 80, 200, 1000):
        ours = theirs = cases = 0
        for _ in range(snippets):
            text = rng.choice(texts)
            start = rng.randrange(0, len(text) - length)
            snippet = text[start:start + length]
            for codepage in CODEPAGES:
                try:
                    data = snippet.encode(codepage)
                except UnicodeEncodeError:  # KOI8-R has no «» or №
                    continue
                if data.isascii():
                    continue
                cases += 1
                try:
                    ours += decode_text(data) == snippet
                except ValueError:
                    pass
                best = charset_normalizer.from_bytes(data).best()
                theirs += best is not None and str(best) == snippet
        print(f"{length:>6} {cases:>6} {ours / cases:>8.1%} {theirs / cases:>19.1%}")


def corpus(megabytes: float) -> list[str]:
    """Seed paragraphs repeated up to about ``megabytes`` of UTF-8."""
    paragraphs = [line for text in seed_texts() for line in text.splitlines() if line.strip()]
    out, size = [], 0
    while size < megabytes * 1e6:
        for paragraph in paragraphs:
            out.append(paragraph)
            size += len(paragraph.encode())
    return out


def build_documents(paragraphs: list[str]) -> dict[str, bytes]:
    import docx
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    built: dict[str, bytes] = {}
    text = "\n".join(paragraphs) + "\n"
    built["txt"] = text.encode("cp1251", errors="replace")
    built["html"] = ("<html><body><nav><a href='/'>Главная</a> <a href='/n'>Новости</a></nav><div class='content'>"
                     + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></body></html>").encode()
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    built["docx"] = buffer.getvalue()
    odt = OpenDocumentText()
    for paragraph in paragraphs:
        odt.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    odt.write(buffer)
    built["odt"] = buffer.getvalue()
    escaped = "".join("\\par\n" if c == "\n" else c if c.isascii() and c not in "\\{}" else
                      "\\" + c if c.isascii() else f"\\u{ord(c)}?" for c in text)
    built["rtf"] = ("{\\rtf1\\ansi\\ansicpg1251 " + escaped + "}").encode("ascii")
    built["pdf"] = build_pdf(paragraphs)
    return built


def build_pdf(paragraphs: list[str]) -> bytes:
    try:
        from fpdf import FPDF
    except ImportError:
        return b""
    if not DEJAVU.exists():
        return b""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.multi_cell(0, 5, paragraph.replace("\t", " "), align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def reading_speed(megabytes: float) -> None:
    paragraphs = corpus(megabytes)
    print(f"building one document per format from {len(paragraphs)} seed paragraphs …")
    documents = build_documents(paragraphs)
    print(f"{'format':<6} {'file MB':>8} {'text chars':>11} {'seconds':>8} {'MB/s':>6} {'M chars/s':>10}")
    for fmt, data in documents.items():
        if not data:
            print(f"{fmt:<6} skipped: fpdf2 or DejaVu Sans missing")
            continue
        began = time.perf_counter()
        document = read_bytes(data, f"bench.{fmt}")
        seconds = time.perf_counter() - began
        print(f"{fmt:<6} {len(data) / 1e6:>8.2f} {len(document.text):>11,} {seconds:>8.2f} "
              f"{len(data) / 1e6 / seconds:>6.1f} {len(document.text) / 1e6 / seconds:>10.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=int, default=150, help="random snippets per length (default 150)")
    parser.add_argument("--megabytes", type=float, default=1.0, help="size of each speed document (default 1)")
    args = parser.parse_args()
    print("encoding detection: exact decodes of seed snippets in cp1251 / koi8-r / mac-cyrillic")
    detection_accuracy(args.snippets)
    print()
    reading_speed(args.megabytes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
