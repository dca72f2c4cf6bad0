"""Dates as the genre writes them, cut out with patterns (dateparser misreads
«7.11.2013» as 11 July and «среда» as Wednesday).

Handled: «7.11.2013», «07.11.2013 г.», «14 09.2016г», «17. 08. 2018г.»,
«5 ноября 2013 года», «« 11 » марта 2014 года», «10-12 июня 2016 г.» and «с 16
по 19 ноября» (the first day of a range), «2016-06-10», two-digit years where
a date is plainly meant («От 29.08.20», «20.12.22 г.»), and abbreviated months
of datelines («3 дек»). A date without a year keeps it unknown (XXXX) until
:func:`resolve_year` is given the document's.
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
    r"(?<!\d)[«\"]?[ \t]*(\d{1,2})[ \t]*[»\"]?(?:[ \t]*[-–—][ \t]*\d{1,2})?(?:[ \t]+|[ \t]*\n[ \t]*)" + _MONTH_RE
    + r"(?![а-яё])(?:[ \t]+((?:19|20)\d{2}))?",
    re.IGNORECASE,
)
# «с 16 по 19 ноября 2017 года»: the range's first day
_RANGE = re.compile(r"(?<![а-яё])с[ \t]+(\d{1,2})[ \t]+(?:" + _MONTH_RE + r"[ \t]+)?по[ \t]+\d{1,2}[ \t]+" + _MONTH_RE
                    + r"(?:[ \t]+((?:19|20)\d{2}))?", re.IGNORECASE)
# a dateline's abbreviated month: «С.-ПЕТЕРБУРГ, 3 дек — РИА Новости»
_ABBREVIATED = re.compile(r"(?<!\d)(\d{1,2})[ \t]+(янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек)\.?(?![а-яё])"
                          r"(?:[ \t]+((?:19|20)\d{2}))?", re.IGNORECASE)
_ABBREVIATED_MONTHS = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "сент": 9,
                       "окт": 10, "ноя": 11, "дек": 12}
# «От 29.08.20», «20.12.22 г.»: a two-digit year, only where a date is plainly meant (after «от», before «г.»)
_SHORT_YEAR = re.compile(r"(?<=[Оо]т[ \t])[ \t]*(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])"
                         r"|(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?=[ \t]*г(?:\.|ода)?(?![а-яё]))"
                         r"|^[ \t]*(\d{1,2})\.(\d{1,2})\.(\d{2})[ \t]*$", re.M)


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
    for m in _RANGE.finditer(text):
        month = m.group(2) or m.group(3)
        year = int(m.group(4)) if m.group(4) else None
        add(_iso(int(m.group(1)), _month_number(month), year), m.start(), m.end())
    for m in _WORDY.finditer(text):
        year = int(m.group(3)) if m.group(3) else None
        add(_iso(int(m.group(1)), _month_number(m.group(2)), year), m.start(), m.end())
    for m in _SHORT_YEAR.finditer(text):
        groups = [g for g in m.groups() if g is not None]
        day, month, year = (int(g) for g in groups[:3])
        add(_iso(day, month, 2000 + year), m.start(), m.end())
    for m in _ABBREVIATED.finditer(text):
        year = int(m.group(3)) if m.group(3) else None
        add(_iso(int(m.group(1)), _ABBREVIATED_MONTHS[m.group(2).lower()], year), m.start(), m.end())
    found.sort(key=lambda d: d.start)
    return found


def resolve_year(iso: str, reference: str | None) -> str:
    """Fill a missing year (XXXX) from a reference date such as the document's."""
    if iso.startswith("XXXX") and reference and not reference.startswith("XXXX"):
        return reference[:4] + iso[4:]
    return iso


_CITED_BEFORE = re.compile(r"(?:^|[^а-яё])от[ \t]*[«\"]?[ \t]*$", re.IGNORECASE)
_CITED_AFTER = re.compile(r"^[ \t»\"]*(?:г\.|года?)?[ \t,]*(?:№|N[ \t]?\d|за[ \t]+№)", re.IGNORECASE)
_DOCUMENT_WORD = re.compile(r"(?:приказ|распоряжени|постановлени|письм|решени|протокол|закон|положени|указ)\w*"
                            r"(?:[^.;:]{0,80})$", re.IGNORECASE)


def is_cited_date(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` is a cited document's («приказом … от 02.12.2009 № 695»,
    «решения оргкомитета от 20.12.2006»), not an event's."""
    before, after = text[max(0, start - 120): start], text[end: end + 20]
    if not _CITED_BEFORE.search(before):
        return False
    return bool(_CITED_AFTER.match(after) or _DOCUMENT_WORD.search(before[:-3]) or re.search(r"(?:[А-ЯЁ]\w+)\s+от\s*$", before))
