"""Sentences with their character offsets in the document text.

Documents of this genre are laid out in lines: headers, signatures and list
items carry no final punctuation, so a line break that ends a short line, or
that is followed by a list item, closes a sentence even where razdel would
run on.  Every offset is into the original text (spans are provenance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from razdel import sentenize


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# a line that starts a new block: list markers, numbered points, capitalised words after a short line
_LIST_START = re.compile(r"^\s*(?:[-–—•·*]|\d{1,2}(?:\.\d{1,2})*[.)]?\s|[а-яa-z]\)\s)")
_END_PUNCT = re.compile(r"[.!?:;»\"]\s*$")


def _breaks_before(prev_line: str, line_text: str, raw_line: str) -> bool:
    """Whether a line starts a new block after ``prev_line`` (both stripped)."""
    if _LIST_START.match(raw_line):
        return True
    if prev_line.isupper() and len(prev_line) > 3 and not line_text.isupper():
        return True  # a header in capitals ends where the capitals do («ПРИКАЗ» / «от 15.04.2019 № 88-п»)
    if line_text[:1].islower():
        return False  # a wrapped line: «Начальник управления образования / администрации …»
    if prev_line.isupper() and line_text.isupper() and len(prev_line) > 3:
        return False  # a header in capitals over several lines
    if _END_PUNCT.search(prev_line):
        return True
    return len(prev_line) < 60 and not prev_line.endswith((",", "-", "–"))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Split the text into blocks of lines that belong together (a wrapped paragraph)."""
    blocks: list[tuple[int, int]] = []
    start = None
    prev_line = ""
    pos = 0
    for line in text.splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        stripped = line.strip()
        if not stripped:
            if start is not None:
                blocks.append((start, line_start))
                start = None
            prev_line = ""
            continue
        breaks = start is None or _breaks_before(prev_line, stripped, line)
        if breaks:
            if start is not None:
                blocks.append((start, line_start))
            start = line_start
        prev_line = stripped
    if start is not None:
        blocks.append((start, len(text)))
    return blocks


# razdel ends a sentence after these; the genre continues it («(рук. Соколов А.А.)», «им. Героя …»)
_NO_END = re.compile(r"(?:(?<![А-ЯЁа-яё])(?:рук|зам|нач|зав|им|ул|пос|обл|тел|отв|см|т\.е|т\.к|пр)\.|(?<![А-ЯЁа-яё])[А-ЯЁ]\.)$")


def _razdel_pieces(block: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for s in sentenize(block):
        if pieces:
            prev_start, prev_end = pieces[-1]
            prev = block[prev_start:prev_end]
            if _NO_END.search(prev) or prev.count("(") > prev.count(")") or prev.count("«") > prev.count("»"):
                pieces[-1] = (prev_start, s.stop)
                continue
        pieces.append((s.start, s.stop))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the text, in order, with offsets into it; whitespace trimmed."""
    sentences: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        for piece_start, piece_end in _razdel_pieces(block):
            start, end = block_start + piece_start, block_start + piece_end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                sentences.append(Sentence(text[start:end], start, end))
    return sentences


_SENTENCE_END = re.compile(r"[.!?]\s")


def _window_end(text: str, low: int, high: int) -> int:
    """Where a window that must end in [low, high] ends: after a paragraph break, else after a line break,
    else after a sentence's end, else at ``high``."""
    for brk in ("\n\n", "\n"):
        at = text.rfind(brk, low, high)
        if at >= 0:
            return at + len(brk)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, high)]
    return ends[-1] if ends else high


def text_windows(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive windows of at most ``limit`` characters covering the text, each ending at
    a paragraph break where there is one in its second half (else a line break, else a sentence's end), so
    that a long document is extracted window by window in bounded memory and no sentence is cut."""
    windows: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _window_end(text, start + limit // 2, start + limit)
        windows.append((start, end))
        start = end
    windows.append((start, len(text)))
    return windows
