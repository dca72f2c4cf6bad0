"""The document's own facts: kind, number, date, issuer, signatory, place.

They sit in the header (the first lines, before the body) and in the
signature (a post over one or more lines, then the name, often after tabs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import find_dates
from ingest.names import find_people
from ingest.posts import is_post_word

_KINDS = [
    (re.compile(r"^\s*(?:ПРИКАЗ|Приказ|П\s?Р\s?И\s?К\s?А\s?З)(?![а-яё])", re.M), "order"),
    (re.compile(r"^\s*(?:РАСПОРЯЖЕНИЕ|Распоряжение)(?![а-яё])", re.M), "order"),
    (re.compile(r"^\s*(?:ПОСТАНОВЛЕНИЕ|Постановление|П\s?О\s?С\s?Т\s?А\s?Н\s?О\s?В\s?Л\s?Е\s?Н\s?И\s?Е|РЕШЕНИЕ|Решение)(?![а-яё])", re.M), "resolution"),
    (re.compile(r"^\s*(?:ПРОТОКОЛ|Протокол)(?![а-яё])", re.M), "protocol"),
    (re.compile(r"^\s*(?:ПОЛОЖЕНИЕ|Положение)(?![а-яё])", re.M), "regulation"),
    (re.compile(r"^\s*(?:[Аа]налитическ\w+\s+справк\w+|СПРАВКА|Справка|АНАЛИТИЧЕСКАЯ\s+СПРАВКА|[Оо]тч[её]т|ОТЧ[ЕЁ]Т|[Аа]нализ\s|АНАЛИЗ\s)", re.M), "report"),
    (re.compile(r"^\s*(?:ПИСЬМО|Письмо|ИНФОРМАЦИОННОЕ ПИСЬМО|Информационное письмо)(?![а-яё])", re.M), "letter"),
]
_NEWS_CUE = re.compile(r"(?<![а-яё])(?:[сСC]остоял\w*|прош[её]л|прошл[аио]|прошёл|провел[аи]?|принял[аи]?\s+участие)(?![а-яё])")
_NUMBER = re.compile(r"№\s*_*\s*(?P<n>[0-9]+(?:[-/][0-9А-Яа-яA-Za-z]+)*(?:\s?[-/]\s?[А-Яа-яA-Za-z]{1,4})?)_*")
_SETTLEMENT_LINE = re.compile(r"(?:^|\s)(?:г\.|город|р\.\s?п\.|п\.\s?г\.\s?т\.|пгт\.?|п\.|пос\.|с\.|село)\s?(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s*$")
_SIGNATURE_POSTS = re.compile(r"(?<![а-яё])(начальник|директор|заведующ\w+|председател\w+|глава|руководител\w+|ректор|"
                              r"заместител\w+|министр|и\.\s?о\.|исполняющ\w+|президент|секретар\w+|проректор)",
                              re.IGNORECASE)


@dataclass
class Header:
    kind: str = "other"
    number: str | None = None
    date: str | None = None
    place: str | None = None
    header_end: int = 0  # offset where the body starts
    issuer_text: str | None = None  # the header lines that name the issuer, recased


@dataclass
class Signature:
    name: str
    post_text: str  # the lines of the post, joined
    post_start: int
    start: int
    end: int


def header_zone_end(text: str) -> int:
    """The body starts at the first long paragraph line or after 30 lines."""
    pos = 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        if len(line.strip()) > 160 or i >= 30:
            return pos
        pos += len(line)
    return pos


def recase_capitals(text: str) -> str:
    """«УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ БАЛАШОВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА» →
    «Управление образования администрации Балашовского муниципального района».

    Only letters change, so offsets into the text stay valid; the first word and the
    adjectives of place names («Балашовского … района») keep their capital, and so do
    abbreviations that are no dictionary word («МКУ», «БМР»)."""
    from ingest.morph import analyzer

    words = list(re.finditer(r"[А-ЯЁA-Z][А-ЯЁA-Z-]*", text))
    out = list(text.lower())
    for i, m in enumerate(words):
        word, low = m.group(0), m.group(0).lower()
        nxt = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
        after = words[i + 2].group(0).lower() if i + 2 < len(words) else ""
        toponym = re.search(r"(ск|цк)(ий|ого|ому|ая|ой|ую|ое)$", low) and not low.startswith(
            ("городск", "муниципальн", "районн", "сельск")) and (
            re.match(r"(район|област|кра|округ|республик)", nxt)
            or (nxt.startswith(("муниципальн", "городск", "районн")) and re.match(r"(район|округ|исполн)", after)))
        quoted_start = m.start() > 0 and text[m.start() - 1] in "«\""
        after_place_word = i > 0 and words[i - 1].group(0).lower() in ("города", "город", "г", "республики",
                                                                         "республика", "села", "поселка")
        if len(word) <= 5 and not analyzer().word_is_known(low) and not after_place_word:
            out[m.start():m.end()] = word  # an abbreviation
        elif i == 0 or toponym or quoted_start or after_place_word:  # «… ГОРОДА ЧЕБОКСАРЫ» → «города Чебоксары»
            out[m.start()] = word[0]
    return "".join(out)


def parse_header(text: str) -> Header:
    end = header_zone_end(text)
    zone = text[:end]
    header = Header(header_end=end)
    first_kind_at = None
    for pattern, kind in _KINDS:
        m = pattern.search(zone)
        if m and (first_kind_at is None or m.start() < first_kind_at):
            header.kind, first_kind_at = kind, m.start()
    if first_kind_at is None and _NEWS_CUE.search(text[: end + 1500]):
        header.kind = "news"
    for m in _NUMBER.finditer(zone):
        line = zone[zone.rfind("\n", 0, m.start()) + 1: zone.find("\n", m.end()) if zone.find("\n", m.end()) >= 0 else None]
        if re.search(r"приложени|СОШ|школ|сад", line, re.IGNORECASE):
            continue
        header.number = m.group("n").replace(" ", "")
        break
    dates = find_dates(zone) or find_dates(text[:4000])
    if dates:
        header.date = dates[0].iso
    for line in zone.splitlines():
        m = _SETTLEMENT_LINE.search(line.strip())
        if m and len(line.strip()) < 80:
            header.place = m.group("name")
            break
    # the issuer: the lines before the kind word that name an organisation
    before = zone[:first_kind_at] if first_kind_at is not None else zone[: zone.find("\n\n", 1) if "\n\n" in zone else 200]
    lines = [ln.strip() for ln in before.splitlines() if ln.strip()]
    org_lines: list[str] = []
    for ln in lines:
        if re.search(r"управлени|отдел|комитет|министерств|департамент|администраци|учреждени|институт|"
                     r"МКУ|МБУ|ГАУ|ГБУ|МОУ|МБОУ|МКОУ|МАОУ|ГБОУ|ДПО|школ|гимнази|лице", ln, re.IGNORECASE):
            org_lines.append(ln)
        elif org_lines and (ln.isupper() or ln[:1].islower()):
            org_lines.append(ln)
        elif org_lines:
            break
    if org_lines:
        joined = " ".join(org_lines)
        header.issuer_text = re.sub(r"\s+", " ", recase_capitals(joined) if joined.upper() == joined else joined)
    return header


def find_signature(text: str, body_start: int) -> Signature | None:
    """A name closing a post block: «Начальник управления …\\t\\tН.Н. Шехматова»."""
    lines = text.splitlines(keepends=True)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    for i, line in enumerate(lines):
        if offsets[i] < body_start:
            continue
        stripped = line.strip()
        if not stripped or len(stripped) > 160:
            continue
        people = find_people(line, offsets[i])
        if not people:
            continue
        person = people[-1]
        tail = text[person.end: offsets[i] + len(line)].strip()
        if tail:
            continue  # a signature name ends its line
        head = text[offsets[i]: person.start]
        alone = not head.strip()
        after_gap = bool(re.search(r"(\t|\s{3,})$", head))
        if not (alone or after_gap):
            continue
        # the post: this line's head and the lines above it, back to a blank line (one blank line allowed)
        post_lines = [head.strip()] if head.strip() else []
        j = i - 1
        blanks = 0
        while j >= 0 and len(post_lines) < 6:
            above = lines[j].strip()
            if not above:
                blanks += 1
                if blanks > 1 or post_lines:
                    break
            else:
                # the body's last sentence or point is no part of the post (documents from Word have
                # no blank line between them)
                if len(above) > 120 or re.search(r"[.;!?]$", above) or re.match(r"\d+[.)]\s", above):
                    break
                post_lines.insert(0, above)
            j -= 1
        post_text = " ".join(post_lines)
        if not _SIGNATURE_POSTS.search(post_text[:40]) and not any(is_post_word(w) for w in post_text.split()[:2]):
            continue
        post_start = offsets[j + 1] if j + 1 < len(offsets) else person.start
        return Signature(person.name, post_text, post_start, person.start, person.end)
    return None
