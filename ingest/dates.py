"""Dates as the genre writes them, cut out with patterns (dateparser misreads
«7.11.2013» as 11 July and «среда» as Wednesday).

Handled: «7.11.2013», «07.11.2013 г.», «14 09.2016г», «17. 08. 2018г.»,
«5 ноября 2013 года», «« 11 » марта 2014 года», «10-12 июня 2016 г.» (the
first day of a range), «2016-06-10».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_MONTH_RE = r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)"

# day . month . year with optional spaces after dots (but never across a line break)
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[ \t]?[.\s/][ \t]?(\d{1,2})[ \t]?[./][ \t]?((?:19|20)\d{2})(?!\d)")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_WORDY = re.compile(
    r"(?<!\d)[«\"]?[ \t]*(\d{1,2})[ \t]*[»\"]?(?:[ \t]*[-–—][ \t]*\d{1,2})?[ \t]+" + _MONTH_RE
    + r"(?:[ \t]+((?:19|20)\d{2}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    iso: str  # YYYY-MM-DD, or XXXX-MM-DD where the year is not written
    start: int
    end: int


def _iso(day: int, month: int, year: int | None) -> str | None:
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"


def _month_number(word: str) -> int:
    word = word.lower()
    for stem, number in MONTHS.items():
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май")):
            return number
    raise ValueError(word)


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Every date in ``text``, in order; offsets are shifted by ``offset``."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(iso: str | None, start: int, end: int) -> None:
        if iso and not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            found.append(DateMention(iso, start + offset, end + offset))

    for m in _ISO.finditer(text):
        add(_iso(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.start(), m.end())
    for m in _NUMERIC.finditer(text):
        add(_iso(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.start(), m.end())
    for m in _WORDY.finditer(text):
        year = int(m.group(3)) if m.group(3) else None
        add(_iso(int(m.group(1)), _month_number(m.group(2)), year), m.start(), m.end())
    found.sort(key=lambda d: d.start)
    return found


def resolve_year(iso: str, reference: str | None) -> str:
    """Fill a missing year (XXXX) from a reference date such as the document's."""
    if iso.startswith("XXXX") and reference and not reference.startswith("XXXX"):
        return reference[:4] + iso[4:]
    return iso
