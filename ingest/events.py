"""Events (seminars, conferences, стажировки, meetings, contests, olympiads…)
and awards, found sentence by sentence.

An event is an event noun in a sentence that says it took place (a date, or
«состоялся», «прошёл», «проведён», «на базе»); its name is the noun phrase
with its theme («на тему «…»»), its host the organisation «на базе» or «в»
which it was held.  An award is an award noun governed by «вручить»,
«наградить», «объявить»; its recipients are the people and organisations of
that clause and of the list items that follow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.morph import nominative_phrase

UP = "А-ЯЁ"
LO = "а-яё"

EVENT_HEADS: list[tuple[str, str]] = [
    (r"стажировочн\w+\s+(?:мероприяти|площадк|сесси)\w*", "internship"),
    (r"стажировк\w*", "internship"),
    (r"(?:научно-|учебно-)?практическ\w+\s+конференци\w*|конференци\w*", "conference"),
    (r"форум\w*", "conference"),
    (r"педагогическ\w+\s+чтени\w*", "conference"),
    (r"(?:обучающ\w+\s+|проблемн\w+\s+|практико-ориентированн\w+\s+)?(?:веб)?семинар\w*(?:-практикум\w*)?", "seminar"),
    (r"практикум\w*", "seminar"),
    (r"[Дд](?:ень|н[яюеи]|нём|нем)\s+(?:партн[её]рского|открытых|методическ|единого|профессиональн|педагогическ)\w*(?:\s+[{LO}]+)?", "seminar"),
    (r"совещани\w*", "meeting"),
    (r"заседани\w*", "meeting"),
    (r"педсовет\w*|педагогическ\w+\s+совет\w*", "meeting"),
    # «муниципальный этап всероссийской олимпиады школьников по географии»
    (r"(?:школьн|муниципальн|региональн|заключительн|отборочн|окружн)\w+\s+этап\w*\s+(?:[{LO}]+\s+){0,2}?"
     r"олимпиад\w*(?:\s+школьников)?(?:\s+по\s+[{LO}]+(?:\s+[{LO}]+)?)?", "olympiad"),
    (r"(?:школьн|муниципальн|региональн|заключительн|отборочн|окружн)\w+\s+этап\w*\s+(?:[{LO}]+\s+){0,2}?"
     r"конкурс\w*", "contest"),
    (r"олимпиад\w*", "olympiad"),
    (r"конкурс\w*", "contest"),
    (r"фестивал\w*", "contest"),
    (r"мастер-класс\w*", "master_class"),
    (r"кругл\w+\s+стол\w*", "round_table"),
]
_HAPPENED = re.compile(
    r"(?<![а-яё])(?:[сС]остоял\w*|[Cc]остоял\w*|прош[её]л|прошл[аио]|проходил\w*|проведен[аоы]?(?![а-яё])|проведён[аоы]?(?![а-яё])"
    r"|проведенн\w+|проведённ\w+|был[аои]?\s+проведен\w*|организован[аоы]?(?![а-яё])|организованн\w+|на\s+базе)"
)
_THEME = re.compile(r"^\s*(?:,\s*)?(?:на\s+тему|по\s+теме|по\s+вопросам|по\s+вопросу|по\s+проблеме|посвящ[её]нн\w+)?\s*:?\s*"
                    r"(?P<q>«(?:[^«»]|«[^«»]*»)+»|\"[^\"\n]+\")")
_ABOUT = re.compile(r"^\s*(?P<about>по\s+вопрос\w+\s+[^.,;:«»()]{3,160})")
_ADJ_BEFORE = re.compile(rf"((?:[{UP}{LO}-]+\s+){{0,3}})$")
_GENITIVE_AFTER = re.compile(rf"^(\s+(?:[{LO}]+-)?[{LO}]+(?:ого|его|ой|ей|ых|их)\s+[{LO}]+(?:ия|ий|ия|ства|ния|тия)?)")

AWARD_KINDS = re.compile(
    r"(?<![а-яё])(?P<kind>благодарственн\w+\s+пис\w+|почётн\w+\s+грамот\w+|почетн\w+\s+грамот\w+|грамот\w+"
    r"|диплом\w*(?:\s+(?:I{1,3}|[1-3])\s+степени|\s+победител\w+|\s+призёр\w+|\s+призер\w+|\s+лауреат\w+)?"
    r"|сертификат\w*(?:\s+участни\w+|\s+участия)?|благодарност[ьи]\w*|нагрудн\w+\s+знак\w*|почётн\w+\s+звани\w+"
    r"|почетн\w+\s+звани\w+|преми[яиюей]\w*|медал\w+)",
    re.IGNORECASE,
)
_AWARD_VERBS = re.compile(r"(?<![а-яё])(?:вручить|вручен\w*|наградить|награжд\w+|объявить|поощрить|выразить|присвоить"
                          r"|присужд\w+|присудить|отметить)", re.IGNORECASE)
_PLACE = re.compile(r"(?<![\d])(?P<n>[1-3]|I{1,3})\s*(?:-?е\s+)?мест[оа]\s*[–—:-]", re.IGNORECASE)


@dataclass
class EventMention:
    name: str
    kind: str
    start: int  # sentence span
    end: int
    head_start: int
    head_end: int
    date: str | None = None
    dated: bool = False


@dataclass
class AwardMention:
    kind: str
    start: int  # the clause's span
    end: int
    verb_found: bool = True
    kind_end: int = -1  # where the award's words end: a genitive organisation right after gives it


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_COMPILED_EVENTS = [(re.compile(rf"(?<![{LO}])(?:{head.replace('{LO}', LO)})(?![{LO}])", re.IGNORECASE), kind)
                    for head, kind in EVENT_HEADS]


def _event_name(sentence: str, m: re.Match) -> str:
    """The event's noun phrase in the nominative, with its theme."""
    before = _ADJ_BEFORE.search(sentence[: m.start()]).group(1).split()
    adjs: list[str] = []
    from ingest.morph import parse

    for word in reversed(before):
        if any(p.tag.POS == "ADJF" and p.score > 0.2 for p in parse(word)):
            adjs.insert(0, word)
        else:
            break
    head = m.group(0).split()
    rest = sentence[m.end():]
    words = nominative_phrase(adjs + head)
    name = " ".join(words)
    gen = _GENITIVE_AFTER.match(rest) if not head[0].lower().startswith("дн") else None
    theme = _THEME.match(rest)
    if gen and not theme and _THEME.match(rest[gen.end():]):
        name += gen.group(1)  # «конкурс профессионального мастерства «Учитель года»»
        rest, gen = rest[gen.end():], None
        theme = _THEME.match(rest)
    if theme:
        name += " " + theme.group("q")
    else:
        about = _ABOUT.match(rest)
        if about:
            name += " " + re.sub(r"\s+", " ", about.group("about")).strip()
        elif gen:
            name += gen.group(1)
    return _capitalise(re.sub(r"\s+", " ", name).strip())


def find_events(sentence: str, offset: int, dates: list) -> list[EventMention]:
    """Events stated by a sentence. ``dates`` are the DateMentions inside it."""
    happened = _HAPPENED.search(sentence)
    if not happened and not dates:
        return []
    out = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _COMPILED_EVENTS:
        for m in pattern.finditer(sentence):
            if any(s <= m.start() < e for s, e in taken):
                continue
            if not happened and not _near_date(m.start(), dates, offset):
                continue
            taken.append((m.start(), m.end()))
            name = _event_name(sentence, m)
            date = dates[0].iso if dates else None
            out.append(EventMention(name, kind, offset, offset + len(sentence), m.start() + offset,
                                    m.end() + offset, date, bool(dates)))
    out.sort(key=lambda e: e.head_start)
    return out[:1]  # a sentence states one event; the others it names are parts or themes


def _near_date(position: int, dates: list, offset: int) -> bool:
    return any(abs(d.start - offset - position) < 80 for d in dates)


def award_kind(text: str) -> str:
    """An award noun phrase in the nominative singular, lower case: «Почетной грамотой» → «почетная грамота»."""
    words = nominative_phrase(text.split(), singular=True)
    return " ".join(words).lower()


def find_awards(sentence: str, offset: int) -> list[AwardMention]:
    """Award kinds a sentence gives (one per kind), when a verb of awarding governs them."""
    out = []
    verb = _AWARD_VERBS.search(sentence)
    for m in AWARD_KINDS.finditer(sentence):
        kind = award_kind(m.group("kind"))
        if verb is None and not sentence.lstrip().startswith(("-", "•", "–")):
            continue
        if any(a.kind == kind for a in out):
            continue
        out.append(AwardMention(kind, offset, offset + len(sentence), verb is not None, m.end() + offset))
    if not out:
        place = _PLACE.search(sentence)
        if place:
            n = place.group("n")
            n = {"I": "1", "II": "2", "III": "3"}.get(n.upper(), n)
            out.append(AwardMention(f"диплом {n} степени", offset, offset + len(sentence)))
    return out
