"""The document's own facts: kind, number, date, issuer, signatory, place.

They sit in the header (the first lines, before the body) and in the
signature (a post over one or more lines, then the name, often after tabs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import find_dates, is_cited_date
from ingest.names import find_people
from ingest.posts import is_post_word

_KINDS = [
    (re.compile(r"^[ \t«\"]*(?:ПРИКАЗ|Приказ|П\s?Р\s?И\s?К\s?А\s?З)(?![а-яёА-ЯЁ])", re.M), "order"),
    (re.compile(r"^[ \t«\"]*(?:РАСПОРЯЖЕНИЕ|Распоряжение)(?![а-яё])", re.M), "order"),
    (re.compile(r"^[ \t«\"]*(?:ПОСТАНОВЛЕНИЕ|Постановление|П\s?О\s?С\s?Т\s?А\s?Н\s?О\s?В\s?Л\s?Е\s?Н\s?И\s?Е|РЕШЕНИЕ|Решение)(?![а-яё])", re.M), "resolution"),
    (re.compile(r"^[ \t«\"]*(?:ПРОТОКОЛ|Протокол)(?![а-яё])", re.M), "protocol"),
    (re.compile(r"^[ \t«\"]*(?:ПОЛОЖЕНИЕ|Положение)(?![а-яё])", re.M), "regulation"),
    (re.compile(r"^[ \t«\"]*(?:[Аа]налитическ\w+\s+справк\w+|АНАЛИТИЧЕСКАЯ\s+СПРАВКА|СПРАВКА|Справка|[Оо]тч[её]т|ОТЧ[ЕЁ]Т|[Аа]нализ\s|АНАЛИЗ\s)", re.M), "report"),
    (re.compile(r"^[ \t«\"]*(?:ПИСЬМО|Письмо|ИНФОРМАЦИОННОЕ ПИСЬМО|Информационное письмо)(?![а-яё])", re.M), "letter"),
]
# a kind word inside a line, where a number or a date follows it: «… Заседание Совета Протокол №3 от 25.03.2014»
_NUMBER_OR_DATE_AHEAD = r"(?:№|N\s?\d|от\s+\d|\d{1,2}\.\d{1,2}\.\d{2,4}|«?\s?\d{1,2}\s?»?\s+[а-я]{3,8}\s+\d{4})"
_KIND_MIDLINE = [
    (re.compile(r"(?<![А-ЯЁа-яё])(?:ПРИКАЗ|Приказ|РАСПОРЯЖЕНИЕ|Распоряжение)\s+(?=" + _NUMBER_OR_DATE_AHEAD + ")"), "order"),
    (re.compile(r"(?<![А-ЯЁа-яё])(?:ПОСТАНОВЛЕНИЕ|Постановление)\s+(?=" + _NUMBER_OR_DATE_AHEAD + ")"), "resolution"),
    (re.compile(r"(?<![А-ЯЁа-яё])(?:ПРОТОКОЛ|Протокол)\s+(?=(?:" + _NUMBER_OR_DATE_AHEAD + "|заседани))"), "protocol"),
    # «… _____ Л.М. Карпова ПОЛОЖЕНИЕ о школьной службе …»: a regulation's title after its approval stamp
    (re.compile(r"(?<![А-ЯЁа-яё])ПОЛОЖЕНИЕ\s+(?=(?:о|об)\s)"), "regulation"),
]
# a regulation without its title: its first section heading
_REGULATION_SECTION = re.compile(r"^\s*(?:[IІ1]\.?\s*)?(?:ОБЩИЕ ПОЛОЖЕНИЯ|Общие положения)(?![а-яё])", re.M)
_LETTER_OPENING = re.compile(r"^\s*Уважаем(?:ый|ая|ые)\s+[А-ЯЁа-яё]", re.M)
_LETTER_VERB = re.compile(r"(?<![а-яё])(?:информируем|сообщаем|направляем|просим|приглашаем|уведомляем|доводим\s+до"
                          r"|ставим\s+в\s+известность|напоминаем)(?![а-яё])", re.IGNORECASE)
_NUMBER = re.compile(r"(?:№|N(?=\s?\d))\s*_*\s*(?P<n>[0-9]+(?:[-/][0-9А-Яа-яA-Za-z]+)*(?:\s?[-/]\s?[А-Яа-яA-Za-z]{1,4})?)_*")
_SETTLEMENT_LINE = re.compile(r"(?:^|\s)(?:г\.|город|р\.\s?п\.|п\.\s?г\.\s?т\.|пгт\.?|п\.|пос\.|с\.|село)\s?(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s*$")
_SIGNATURE_POSTS = re.compile(r"(?<![а-яё])(начальник|директор|заведующ\w+|председател\w+|глава|руководител\w+|ректор|"
                              r"заместител\w+|министр|и\.\s?о\.|исполняющ\w+|президент|секретар\w+|проректор)",
                              re.IGNORECASE)
# a publication stamp of a web page: a line that is a date (and a time), «Дата: 29.01.2019», «15.02.2023 18:13»
_STAMP_WORDS = re.compile(r"(?:дата(?:\s+публикации)?|опубликовано|размещено|добавлено|создано|обновлено|просмотров|"
                          r"просмотры|печать|автор|admin|версия\s+для\s+печати|\d{1,2}:\d{2}(?::\d{2})?|[|:,/•·\-–—]|\d+)",
                          re.IGNORECASE)
_BYLINE = re.compile(r"^[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){1,2}\s*[,|]\s*[^,|]{5,25}[,|]\s*\d{1,2}:\d{2}\s*$")
# the section of a site a dateline names beside its date: one to three words, none a sentence's
_SECTION_DATELINE = re.compile(r"^[А-ЯЁA-Z][а-яёa-z]+(?:\s+[А-ЯЁа-яёA-Za-z]+){0,2}$")
# a news agency's dateline: «С.-ПЕТЕРБУРГ, 3 дек — РИА Новости»
_DATELINE = re.compile(r"^\s*[А-ЯЁ][А-ЯЁа-яё.\- ]{1,30},\s*(\d{1,2}\s+[а-яё]{3,9}\.?(?:\s+\d{4})?)\s*(?:[—–-]|\()")
# the body's first words: the title of an order ends before them
_BODY_START = re.compile(r"^\s*(?:В\s+соответствии|На\s+основании|В\s+целях|Согласно|В\s+связи|Руководствуясь|В\s+рамках"
                         r"|ПРИКАЗЫВАЮ|ПОСТАНОВЛЯЮ|ПОСТАНОВЛЯЕТ|Приказываю|В\s+период|Во\s+исполнение|С\s+целью|В\s+ходе"
                         r"|(?:\d{1,2}\.\s*)?(?:Наградить|Утвердить|Создать|Провести|Назначить|Объявить|Вручить)(?![а-яё]))")
_TITLE_START = re.compile(r"(?:^|(?<=\s))(?:О|Об|Об\s+итогах|О\s+проведении)\s+[а-яё]", re.M)
# «Администрация Заполярного района постановляет:» — an issuer named in the body
_BODY_ISSUER = re.compile(r"(?P<org>(?:[А-ЯЁ][а-яё]+)(?:\s+[а-яёА-ЯЁ\"«»-]+){0,8}?)\s+(?:постановляет|приказывает|решил[аои]?|"
                          r"ПОСТАНОВЛЯЕТ|ПРИКАЗЫВАЕТ|РЕШИЛ[АО]?)\s*:")
_ORG_HEAD = re.compile(r"^(?:Администраци|Управлени|Отдел|Комитет|Департамент|Министерств|Правительств|Совет|Дум|Глава"
                       r"|Собрани|Муниципальн|Государственн)", re.IGNORECASE)
_ORG_LINE = re.compile(r"управлени|отдел|комитет|министерств|департамент|администраци|учреждени|институт|"
                       r"МКУ|МБУ|ГАУ|ГБУ|МОУ|МБОУ|МКОУ|МАОУ|ГБОУ|ДПО|школ|гимнази|лице|детск\w+\s+сад", re.IGNORECASE)
_SUB_UNIT = re.compile(r"^(?:отдел|управлени|комитет|сектор|департамент|служб)\w*", re.IGNORECASE)


@dataclass
class Header:
    kind: str = "other"
    number: str | None = None
    date: str | None = None
    place: str | None = None
    header_end: int = 0  # offset where the body starts
    issuer_text: str | None = None  # the header lines that name the issuer, recased
    title: str | None = None  # an order's title («О проведении муниципального этапа …»), its lines joined
    title_start: int = 0
    title_end: int = 0


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
        toponym = re.search(r"(ск|цк|н|в|ев|ов|ин)(ий|ый|ой|ого|ому|ая|ую|ое)$", low) and not low.startswith(
            ("городск", "муниципальн", "районн", "сельск", "автономн", "национальн")) and (
            re.match(r"(район|област|кра|округ|республик)", nxt)
            or (nxt.startswith(("муниципальн", "городск", "районн", "автономн")) and re.match(r"(район|округ|исполн)", after)))
        quoted_start = m.start() > 0 and text[m.start() - 1] in "«\""
        after_place_word = i > 0 and words[i - 1].group(0).lower() in ("города", "город", "г", "республики",
                                                                         "республика", "села", "поселка", "округа",
                                                                         "поселения")
        if len(word) <= 5 and not analyzer().word_is_known(low) and not after_place_word:
            out[m.start():m.end()] = word  # an abbreviation
        elif i == 0 or toponym or quoted_start or after_place_word:  # «… ГОРОДА ЧЕБОКСАРЫ» → «города Чебоксары»
            out[m.start()] = word[0]
    return "".join(out)


def _kind_positions(text: str, header: Header) -> tuple[int | None, list[int]]:
    """Where the document names its kind (sets ``header.kind`` from the first): (first position, all)."""
    wide = text[:_nth_line(text, 60)]
    first_kind_at = None
    kind_positions: list[int] = []
    prose = re.search(r"^[^\n]{150,}$", wide, re.M)
    prose_at = prose.start() if prose and re.search(r"[а-яё]{3,}[,.]\s+[а-яё]", prose.group(0)) else len(wide)
    for pattern, kind in _KINDS:
        for m in pattern.finditer(wide):
            if _APPROVAL.search(text[max(0, _nth_line_back(text, m.start(), 3)): m.start()]):
                continue  # «Принято на педагогическом совете / Протокол № 1 от …»: an approval stamp
            if m.start() > prose_at:
                continue  # after a paragraph of running text: an attachment a news item links to, not its kind
            kind_positions.append(m.start())
            if first_kind_at is None or m.start() < first_kind_at:
                header.kind, first_kind_at = kind, m.start()
    for pattern, kind in _KIND_MIDLINE:
        m = next((m for m in pattern.finditer(text[:3000])
                  if not _APPROVAL.search(text[max(0, _nth_line_back(text, m.start(), 3)): m.start()])), None)
        if m:
            kind_positions.append(m.start())
            if first_kind_at is None or m.start() < first_kind_at:
                header.kind, first_kind_at = kind, m.start()
    return first_kind_at, kind_positions


def _kind_without_word(text: str) -> str:
    """The kind of a document that does not name it: a regulation's sections, a letter, a web page."""
    if _REGULATION_SECTION.search(text[:3000]):
        return "regulation"
    if _LETTER_OPENING.search(text[:_nth_line(text, 15)]) and _LETTER_VERB.search(text[:2000]):
        return "letter"  # «Уважаемые коллеги! Информируем вас …»; a greeting («… поздравляю!») is none
    if _is_prose(text):
        return "news"  # a web page without a document's header
    return "other"


def _header_number(near: str, zone: str, kind: str) -> str | None:
    """The number on the kind's line and the few after it, else in the header zone."""
    for source in ((near,) if kind == "regulation" else (near, zone)):  # a regulation's zone: approval stamps
        for m in _NUMBER.finditer(source):
            line_start = 0 if source is near else source.rfind("\n", 0, m.start()) + 1
            line = source[line_start: source.find("\n", m.end()) if source.find("\n", m.end()) >= 0 else None]
            if re.search(r"приложени|СОШ|школ|сад", line[: m.end() - line_start], re.IGNORECASE):
                continue  # «приложение № 2», «СОШ № 5»: not the document's number
            return m.group("n").replace(" ", "")
    return None


def _header_date(text: str, near: str, zone: str, kind: str) -> str | None:
    def lines(part: str) -> str:
        if near or kind == "regulation":  # a regulation's dates are told apart by their offsets below
            return part
        # no kind word (a letter): a date in a sentence of its body is an event's, not the letter's
        return "\n".join(line for line in part.splitlines() if not _is_prose(line))

    dates = find_dates(near) or find_dates(lines(zone))
    if kind == "regulation":
        dates = [d for d in dates if not is_cited_date(zone, d.start, d.end)]
    elif not dates:
        dates = find_dates(lines(text[:4000]))
    return dates[0].iso if dates else None


def _header_place(zone: str) -> str | None:
    for line in zone.splitlines():
        m = _SETTLEMENT_LINE.search(line.strip())
        if m and len(line.strip()) < 80:
            return m.group("name")
    return None


def _header_issuer(text: str, zone: str, first_kind_at: int | None, kind_positions: list[int]) -> str | None:
    """The organisation lines right above a kind word (the first kind word that has them: a site's clutter
    may repeat the title above the letterhead); else the letterhead of a document without one, or the body's."""
    issuer = None
    if first_kind_at is None:
        lines = [ln.strip() for ln in zone[: zone.find("\n\n", 1) if "\n\n" in zone else 200].splitlines() if ln.strip()]
        issuer = _letterhead(lines)
    for at in sorted(set(kind_positions)):
        line_start = text.rfind("\n", 0, at) + 1
        if text[line_start:at].strip():  # a kind inside a line: the line's own beginning is the header
            lines = _letterhead_of_line(text[line_start:at].strip())
        else:
            lines = _lines_above(text, line_start)
        issuer = _letterhead(lines)
        if issuer:
            break
    return issuer or _body_issuer(text) or _approver(text[: first_kind_at if first_kind_at is not None else 1500])


# «УТВЕРЖДАЮ / Директор МБОУ СОШ № 4 / ____ Л.М. Карпова»: the head of the organisation that issues a regulation
_APPROVED_BY = re.compile(r"(?:УТВЕРЖДАЮ|Утверждаю)\s*:?\s*(?:Директор|Заведующ\w*|Начальник|Руководител\w*|Ректор)"
                          r"\s+([^\n_]{3,90}?)\s*(?:\n|_|\s{3,}|$)")


def _approver(head: str) -> str | None:
    m = _APPROVED_BY.search(head)
    return m.group(1).strip(" ,") if m else None


def parse_header(text: str) -> Header:
    end = header_zone_end(text)
    zone = text[:end]
    header = Header(header_end=end)
    first_kind_at, kind_positions = _kind_positions(text, header)
    if first_kind_at is None:
        header.kind = _kind_without_word(text)
    if header.kind == "news":
        header.date = _stamp_date(text)
        return header
    near = text[first_kind_at: _line_end(text, first_kind_at, 4)] if first_kind_at is not None else ""
    header.number = _header_number(near, zone, header.kind)
    header.date = _header_date(text, near, zone, header.kind)
    header.place = _header_place(zone)
    for at in sorted(set(kind_positions)) or [first_kind_at]:
        _title(text, header, at)
        if header.title:
            break
    header.issuer_text = _header_issuer(text, zone, first_kind_at, kind_positions)
    return header


def _lines_above(text: str, end: int, limit: int = 12) -> list[str]:
    """The block of header lines right above ``end``: capitals, organisation lines and their wrapped or
    quoted parts («АДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ / «СЫЧЁВСКИЙ РАЙОН» / …»), blank lines allowed."""
    out: list[str] = []
    for line in reversed(text[:end].splitlines()[-40:]):
        stripped = line.strip()
        if not stripped:
            continue
        if len(out) >= limit or len(stripped) > 160 or any(p.match(stripped) for p, _k in _KINDS) or not (
                stripped.isupper() or stripped[:1] in "«\"" or (_ORG_LINE.search(stripped) and len(stripped) <= 100)):
            break
        out.insert(0, stripped)
    while out and not _ORG_LINE.search(out[0]):
        out.pop(0)  # the block begins with an organisation's line
    return out


_APPROVAL = re.compile(r"(?:ПРИНЯТ|Принят|принят|РАССМОТРЕН|Рассмотрен|рассмотрен|СОГЛАСОВАН|Согласован|согласован"
                       r"|УТВЕРЖД|Утвержд|утвержд|ОДОБРЕН|Одобрен|одобрен|[Вв]ведено\s+в\s+действие)")


def _nth_line_back(text: str, pos: int, n: int) -> int:
    for _ in range(n):
        pos = text.rfind("\n", 0, max(pos - 1, 0))
        if pos < 0:
            return 0
    return pos


def _nth_line(text: str, n: int) -> int:
    pos = 0
    for _ in range(n):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _line_end(text: str, pos: int, lines: int) -> int:
    for _ in range(lines):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
    return pos


def _is_prose(text: str) -> bool:
    """Running text: a sentence of some length somewhere."""
    return bool(re.search(r"[а-яё,]\s+[а-яё]+[^\n]{40,}[.!?»]", text))


def _stamp_date(text: str) -> str | None:
    """A web page's publication date: a line that is only a date (and a time, a view count…), or a
    dateline; never a date of the body, which is an event's."""
    for line in text.splitlines()[:200]:
        stripped = line.strip()
        if not stripped or len(stripped) > 80:
            continue
        dates = find_dates(stripped)
        if len(dates) != 1:
            continue
        rest = stripped[: dates[0].start] + " " + stripped[dates[0].end:]
        rest = re.sub(r"\bг(?:ода|\.)?(?![а-яё])", " ", rest)
        if not _STAMP_WORDS.sub(" ", rest).strip(" .\t"):
            return dates[0].iso
        if re.search(r"(?:дата|опубликован\w*|размещен\w*|добавлен\w*)[^:|]{0,20}:\s*$", stripped[: dates[0].start],
                     re.IGNORECASE):
            return dates[0].iso
        if _BYLINE.match(stripped):  # «Анна Вихлянцева, 31 августа 2015, 14:29»: an author's byline
            return dates[0].iso
        if _SECTION_DATELINE.match(_STAMP_WORDS.sub(" ", rest).strip(" .\t")) and re.search(r"[|•·/]", rest):
            return dates[0].iso  # «12.03.2024 | Новости», «Объявления • 5 мая 2023»: a date and the site's section
    m = _DATELINE.match(text[:200])
    if m:
        dates = find_dates(m.group(1))
        if dates:
            return dates[0].iso
    return None


def _title(text: str, header: Header, kind_at: int | None) -> None:
    """An order's title: «О …» / «Об …» after its kind, number and date, over its lines until the body."""
    if kind_at is None:
        return
    zone_end = min(len(text), kind_at + 1500)
    near_end = kind_at
    for _ in range(6):  # the title follows the kind, its number and date within a few lines
        nxt = text.find("\n", near_end + 1)
        near_end = zone_end if nxt < 0 else nxt
        while near_end + 1 < len(text) and text[near_end + 1] in " \t\r\n":
            near_end += 1
    m = _TITLE_START.search(text, kind_at, min(zone_end, near_end))
    if m is None:
        return
    start = m.start()
    pos, end = start, start
    while pos < zone_end:
        line_end = text.find("\n", pos)
        line_end = zone_end if line_end < 0 else line_end
        line = text[pos:line_end].strip()
        if line and (_BODY_START.match(line) or (pos > start and (len(line) > 120 or (line.isupper() and len(line) > 3)))):
            break  # the body, or a letterhead's capitals after a title on the kind's line
        if line:
            end = pos + len(text[pos:line_end].rstrip())
            if pos == start and len(line) > 300:
                cut = re.search(r"[.;](\s|$)", text[start:line_end])
                end = start + cut.start() if cut else line_end
                break
        pos = line_end + 1
    if end > start:
        header.title = re.sub(r"\s+", " ", text[start:end]).strip()
        header.title_start, header.title_end = start, end


def _letterhead_of_line(line: str) -> list[str]:
    """A header written on one line: its capitals (the parent body) and what follows up to the first
    non-name (an address, a line of underscores)."""
    line = re.split(r"_{3,}|\d{6},|тел\.|E-mail", line)[0].strip()
    m = re.match(r"((?:[А-ЯЁ-]{2,}\s+){2,}[А-ЯЁ-]{2,})\s+(.+)", line)
    if m:
        return [m.group(1), m.group(2)]
    return [line]


def _letterhead(lines: list[str]) -> str | None:
    """The issuer from the lines above the kind word: the organisation lines, a sub-unit written under
    its parent («АДМИНИСТРАЦИЯ ХОТЫНЕЦКОГО РАЙОНА / ОТДЕЛ ОБРАЗОВАНИЯ» → «Отдел образования
    Администрации Хотынецкого района»), an institution under its founder (the institution)."""
    org_lines: list[str] = []
    for ln in lines:
        if _ORG_LINE.search(ln):
            org_lines.append(ln)
        elif org_lines and (ln.isupper() or ln[:1].islower() or ln[:1] in "«\""):
            org_lines.append(ln)
        elif org_lines:
            break
    if not org_lines:
        return None
    recased = [re.sub(r"\s+", " ", recase_capitals(ln) if ln.upper() == ln else ln) for ln in org_lines]
    # an institution's own line (a legal form spelled out or abbreviated) under its founder's: the institution
    own = [i for i, ln in enumerate(recased) if i > 0 and re.match(
        r"(?:Муниципальн|Государственн|Федеральн|Частн)\w*\s+(?:\w+\s+){0,3}(?:учреждени|организаци)|(?:М[БКА]?[ДО]?ОУ|ГБОУ|МБУ|МКУ)\b", ln)]
    if own:
        return " ".join(recased[own[0]:])
    last = max((i for i, ln in enumerate(recased) if _SUB_UNIT.match(ln)), default=None)
    if last is not None and last > 0:
        parent = " ".join(recased[:last])
        unit = " ".join(recased[last:])
        return f"{unit} {_genitive_parent(parent)}"
    return " ".join(recased)


def _genitive_parent(parent: str) -> str:
    """«Администрация Хотынецкого района Орловской области» → «Администрации Хотынецкого района …»: the
    parent's head and the adjectives before it put in the genitive, capitalised."""
    from ingest.morph import parse

    words = parent.split()
    out = []
    for i, word in enumerate(words):
        p = next((q for q in parse(word.lower()) if q.tag.POS in ("NOUN", "ADJF") and q.tag.case == "nomn"), None)
        if p is None:
            out.extend(words[i:])
            break
        new = p.inflect({"gent"})
        out.append(word if new is None else (new.word[:1].upper() + new.word[1:] if word[:1].isupper() else new.word))
        if p.tag.POS == "NOUN":
            out.extend(words[i + 1:])
            break
    return " ".join(out)


def _body_issuer(text: str) -> str | None:
    """«… Администрация Заполярного района постановляет:»: the body named before its verb of deciding."""
    m = _BODY_ISSUER.search(text[:6000])
    if not m:
        return None
    words = m.group("org").split()
    start = next((i for i in range(len(words) - 1, -1, -1) if _ORG_HEAD.match(words[i])), None)
    if start is None:
        return None
    return " ".join(words[start:])


def find_signature(text: str, body_start: int, closing: bool = True) -> Signature | None:
    """A name closing a post block: «Начальник управления …\\t\\tН.Н. Шехматова»."""
    lines = text.splitlines(keepends=True)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    last_lines = filled[-4] if len(filled) >= 4 else 0
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
        # «Директор В.Д. Максимова» on one of the last lines: a post and a name, nothing else
        on_last = closing and i >= last_lines and len(head.strip()) <= 80 and bool(_SIGNATURE_POSTS.match(head.strip())) and \
            not re.search(r"[.;:!?]", head.replace("и.о.", "").replace("И.о.", "").replace("зам.", ""))
        if not (alone or after_gap or on_last):
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
