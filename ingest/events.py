"""Events (seminars, conferences, стажировки, meetings, contests and their stages, olympiads, open
lessons…) and awards, found sentence by sentence.

An event is the noun phrase of an event word (ingest/data/event_triggers.txt): the agreeing adjectives
before it, its genitive chain, «по …» and quoted titles after it (ingest/phrases.py). A phrase that names
something — a title, an adjective, a stage («муниципальный этап конкурса …»), a tail — is an event
wherever it stands: results lines, plans and orders name their events without saying they took place.
A bare head («конкурс», «заседание») is an event only beside a verb of taking place («прошёл семинар»);
elsewhere it refers back to a named one (ingest/link/events.py decides).

An award is an award noun phrase (ingest/data/award_kinds.txt) in a sentence whose verb gives it
(ingest/data/award_verbs.txt, by lemma: «наградить», «вручить», «получить», «удостоиться», «объявить
благодарность» …), or written in a row after a name («Иванова А.А., МБОУ …, диплом 1 степени»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest import phrases
from ingest.dates import is_cited_date
from ingest.lexicons import rows, word_groups
from ingest.morph import nominative_phrase, parse
from ingest.posts import is_post_word

UP = "А-ЯЁ"
LO = "а-яё"


# ------------------------------------------------------------------ lexicons

@dataclass(frozen=True)
class Head:
    pattern: re.Pattern
    kind: str
    flags: frozenset[str]
    example: str = ""


@lru_cache(maxsize=1)
def event_heads() -> tuple[Head, ...]:
    out = []
    for kind, flags, pattern, example in rows("event_triggers.txt"):
        # «онлайн-заседание», «веб-семинар»: a prefix of the form is no other event
        out.append(Head(re.compile(rf"(?<![{UP}{LO}-])(?:(?:онлайн|он-лайн|видео|интернет)-)?(?:{pattern})(?![{LO}])",
                                   re.IGNORECASE), kind,
                        frozenset(f for f in flags.split(",") if f and f != "-"), example))
    return tuple(out)


def _prefix(word: str) -> str:
    return word.lower().replace("ё", "е")[:4]


@lru_cache(maxsize=1)
def _head_prefixes() -> frozenset[str]:
    """The first four letters of every head's example: a sentence without a word beginning so names no event."""
    return frozenset(_prefix(h.example.split()[0]) for h in event_heads())


def may_name_an_event(sentence: str) -> bool:
    prefixes = _head_prefixes()
    return any(_prefix(part) in prefixes for part in re.findall(rf"[{UP}{LO}]+", sentence))


def _words(group: str) -> frozenset[str]:
    return word_groups("event_words.txt").get(group, frozenset())


@lru_cache(maxsize=1)
def levels() -> dict[str, str]:
    """Lemma of a level adjective → its class («краевой» → regional)."""
    out = {}
    for group, words in word_groups("event_words.txt").items():
        if group.startswith("level:"):
            out.update({w: group.split(":", 1)[1] for w in words})
    return out


# ------------------------------------------------------------------ events

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
    phrase_start: int = 0
    phrase_end: int = 0
    title: str | None = None  # its quoted title, without quotes
    stage: bool = False  # «муниципальный этап …»
    sub: bool = False  # a part of a larger event (an open lesson, a master class)
    named: bool = True  # it names an event of its own; else it refers back to one
    happened: bool = False  # beside a verb of taking place
    level: str | None = None  # the level class of its stage or its adjective
    lemmas: frozenset[str] = field(default_factory=frozenset)  # of its name: a stage's contest is found by them
    sentences: list[int] = field(default_factory=list)  # where the document mentions it (set by ingest/link/events.py)
    sentence_text: str = ""  # its sentence (the lemmas of which, ``context``, are read when asked)
    recorded: bool = False  # the meeting a protocol records: every person of the protocol took part
    weak: bool = False  # named by its genitive tail alone: an event only where a date, a verb, a host or people anchor it
    hypernym: bool = False  # «мероприятие»: refers back to the event named before it, of any kind

    @property
    def context(self) -> frozenset[str]:
        """The lemmas of its sentence (a headline's event is found in the body's sentence by them)."""
        return _lemmas(self.sentence_text)


_FRAME = re.compile(r"(?<![а-яё])(?:в\s+рамках|в\s+ходе|в\s+дни|в\s+период\s+проведения)\s*$", re.IGNORECASE)
_ROOM = re.compile(r"(?<![а-яё])(?:зал[аеу]?|кабинет[аеу]?|аудитори[ияю]|комнат[аеуы])\s*$", re.IGNORECASE)


def _inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("«") > before.count("»") or before.count('"') % 2 == 1 or before.count("“") > before.count("”")


@lru_cache(maxsize=4096)
def _lemmas(text: str) -> frozenset[str]:
    return frozenset(phrases.lemma_of(w) for w in re.findall(rf"[{UP}{LO}]{{3,}}|[{UP}]{{2}}", text))


def _predicate_near(sentence: str, start: int, end: int) -> bool:
    """A verb of taking place within three words before or after the phrase, in its clause."""
    predicates = _words("predicate")
    before = re.split(r"[,;:.!?()«»\"]", sentence[:start])[-1].split()[-3:]
    after = re.split(r"[,;:.!?()«»\"]", sentence[end:])[0].split()[:3]
    for word in (*before, *after):
        for p in parse(word.strip("«»\"().,").lower())[:2]:
            if p.tag.POS in ("VERB", "INFN", "PRTS", "PRTF", "GRND") and p.normal_form in predicates:
                return True
    return False


def _level_of(words: list[str]) -> str | None:
    for word in words:
        found = levels().get(phrases.lemma_of(word.strip("()")))
        if found:
            return found
    return None


def _coordinated_titles(sentence: str, tail: phrases.Tail) -> list[tuple[int, int]]:
    """«… конкурсов: "A", "B" и "C"»: the titles listed after the phrase's first one."""
    titles = list(tail.titles)
    if not titles:
        return titles
    pos = tail.end
    while True:
        m = re.match(r"\s*(?:,|и|,\s*а\s+также)\s*", sentence[pos:])
        if not m:
            break
        q = phrases.quoted_at(sentence, pos + m.end())
        if q is None:
            break
        titles.append(q)
        pos = q[1]
    return titles


def find_events(sentence: str, offset: int, dates: list, barriers: list[tuple[int, int]] = ()) -> list[EventMention]:
    """Event mentions of a sentence, in order. ``dates`` are the DateMentions inside it; ``barriers``
    the spans (offsets into the document) of people, which no event's name runs into."""
    if not may_name_an_event(sentence):
        return []
    local_barriers = [(s - offset, e - offset) for s, e in barriers]
    own_dates = [d for d in dates if not is_cited_date(sentence, d.start - offset, d.end - offset)]
    candidates = []
    for index, head in enumerate(event_heads()):
        for m in head.pattern.finditer(sentence):
            candidates.append((m.start(), -(m.end() - m.start()), index, m))
    candidates.sort(key=lambda c: c[:3])
    taken: list[tuple[int, int]] = []
    out: list[EventMention] = []
    for start, _length, index, m in candidates:
        head = event_heads()[index]
        if any(s <= start < e for s, e in taken) or _inside_quotes(sentence, start):
            continue
        if any(s <= start < e for s, e in local_barriers):
            continue
        found = _event_at(sentence, m, head, local_barriers)
        if found is None:
            continue
        for mention in found:
            mention.start, mention.end = offset, offset + len(sentence)
            mention.head_start += offset
            mention.head_end += offset
            dated = _nearest_date(own_dates, mention.phrase_start + offset)
            mention.date, mention.dated = (dated.iso, True) if dated else (None, False)
            mention.phrase_start += offset
            mention.phrase_end += offset
            out.append(mention)
        taken.append((found[0].phrase_start - offset, found[0].phrase_end - offset))
    out.sort(key=lambda e: e.head_start)
    for mention in out:
        mention.sentence_text = sentence
    return out


def _nearest_date(dates: list, position: int):
    """The date before the event nearest to it, else the first one after it."""
    before = [d for d in dates if d.start <= position]
    if before:
        return before[-1]
    return dates[0] if dates else None


def _is_named(sentence: str, m: re.Match, head: Head, head_words: list[str], phrase_start: int, tail,
              titles: list, stage: bool) -> tuple[bool, bool] | None:
    """(named, weak) of an event head: whether its words name one event and whether only its tail does;
    None where a determiner makes a plural no event of its own."""
    noun = head_words[phrases.head_noun(head_words)]
    tail_text = sentence[m.end():tail.end]
    adjectives = sentence[phrase_start:m.start()].split()
    determiner = re.search(rf"([{LO}]+)\s*$", sentence[:phrase_start].lower())
    # the head read in the plural by its likeliest reading («форумы», «конкурсы»; not «заседания» of «в ходе заседания»)
    noun_readings = [p for p in parse(noun.lower()) if p.tag.POS == "NOUN"]
    plural = bool(noun_readings) and noun_readings[0].tag.number == "plur"
    if not plural and adjectives and any(p.tag.number == "plur" for p in noun_readings):
        # «конкретные мероприятия»: the adjective before the head tells its number where the head's form does not
        first = [p for p in parse(adjectives[-1].strip("()").lower()) if p.tag.POS in ("ADJF", "PRTF")][:1]
        plural = bool(first) and first[0].tag.number == "plur"
    inner_adjectives = head_words[: phrases.head_noun(head_words)] if "strict" in head.flags else []
    plain_adjectives = [a for a in adjectives + inner_adjectives
                        if phrases.lemma_of(a.strip("()")) not in phrases.DETERMINERS
                        and phrases.lemma_of(a.strip("()")) not in _words("predicate")]  # «состоявшегося заседания»
    event_in_tail = any(h.pattern.search(tail_text) for h in event_heads() if "stage" not in h.flags)
    framing = bool(_FRAME.search(sentence[:phrase_start]))  # «в рамках декады образования»: an event frames others
    if "strict" in head.flags:
        named = bool(titles or plain_adjectives or event_in_tail or (framing and tail.words))
    else:
        named = bool(titles or stage or plain_adjectives or tail.words)
    # named by its tail alone («заседание методических объединений»): an event where something anchors it
    weak = named and not (titles or stage or plain_adjectives)
    if plural and not titles and determiner and phrases.lemma_of(determiner.group(1)) in phrases.DETERMINERS:
        return None  # «в различных конкурсах»: no event of its own
    numbered = bool(re.search(r"\d", tail_text))
    if plural and not titles and not stage and not numbered:
        named = False  # «конкурсы», «формы: семинары, заседания»: a collective, unless they took place
    return named, weak


def _event_at(sentence: str, m: re.Match, head: Head, barriers) -> list[EventMention] | None:
    head_words = m.group(0).split()
    noun = head_words[phrases.head_noun(head_words)]
    phrase_start = phrases.left_modifiers(sentence, m.start(), noun)
    if _ROOM.search(sentence[: m.start()]):
        return None  # «в зале заседаний», «в кабинете …»: a room, not an event
    # a singular person's post ends the name: «мастер-класс учителя начальных классов Смирновой Е.А.»
    tail = phrases.right_tail(sentence, m.end(), barriers=barriers, with_phrase=head.kind == "meeting",
                              no_person=True)
    tail_text = sentence[m.end():tail.end]
    kind = head.kind
    stage = "stage" in head.flags
    if stage:
        inner = next((h for h in event_heads() if "stage" not in h.flags and h.kind in ("contest", "olympiad")
                      and h.pattern.search(tail_text)), None)
        if inner is None:
            return None
        kind = inner.kind
    titles = _coordinated_titles(sentence, tail) or _title_after_person(sentence, tail.end)
    naming = _is_named(sentence, m, head, head_words, phrase_start, tail, titles, stage)
    if naming is None:
        return None
    named, weak = naming
    # beside a verb of taking place as its subject or object («прошёл семинар», «провели педсовет»)
    happened = _predicate_near(sentence, phrase_start, tail.end) and bool(
        {"nomn", "accs"} & phrases.cases(noun, ("NOUN",)))
    if "verb" in head.flags and not happened:
        return None
    adjectives = sentence[phrase_start:m.start()].split()
    level = _level_of(adjectives) or (_level_of(tail_text.split()[:2]) if not stage else None)
    if stage:
        level = _level_of(adjectives) or "stage"
    number = "sing" if titles else None  # a title names one event: «в творческих конкурсах «Класс!»»
    base = phrases.nominative(sentence, m.start(), m.end(), phrase_start, number=number)
    mentions = []
    for title_span in (titles if len(titles) > 1 else [None]):
        name, title = _event_name(sentence, m, tail, titles, title_span, base, number)
        mentions.append(EventMention(
            name, kind, 0, 0, m.start(), m.end(), phrase_start=phrase_start,
            phrase_end=max(tail.end, titles[-1][1] if titles else 0),
            title=title.strip("«»\"“”„ ") if title else None, stage=stage, sub="sub" in head.flags, named=named,
            happened=happened, level=level, lemmas=_lemmas(name), weak=weak, hypernym="hypernym" in head.flags))
    return mentions


# «мастер-класс учителя технологии Семёновой Аллы Викторовны «Роспись по дереву»»: whose it is, then its title
_PERSON_THEN_TITLE = re.compile(
    r"\s*([а-яё]+)(?:\s+[а-яё-]+){0,4}\s+(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ][а-яё]+){0,2}"
    r"|[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+)\s*(?=[«\"“])")


def _title_after_person(sentence: str, end: int) -> list[tuple[int, int]]:
    """The quoted title after the person an event is of (a post and a name), as a title span of the event."""
    m = _PERSON_THEN_TITLE.match(sentence, end)
    if m is None or not is_post_word(m.group(1)):
        return []
    quoted = phrases.quoted_at(sentence, m.end())
    return [quoted] if quoted else []


# the day an event marks, written after it up to the end of the clause: «ко Дню учителя», «посвящённый Дню матери»
_DEDICATED = re.compile(r"\s+(?:ко?|посвящ[её]нн\w+)\s+(?:[Дд]ню|[Дд]ням)(?:\s+[А-ЯЁа-яё-]+){1,4}(?=\s*(?:[.,;:!?»)]|$))")


def _event_name(sentence: str, m: re.Match, tail, titles: list, title_span, base: str,
                number: str | None) -> tuple[str, str | None]:
    """(name, title) of the event of one title (``title_span``) or of the whole phrase (None)."""
    if title_span is None:
        rest = sentence[m.end():tail.end]
        title = sentence[titles[0][0]:titles[0][1]] if titles else None
        if title and titles[0][0] > tail.end:  # a title after the person the event is of
            rest = rest.rstrip() + " " + title
        dedicated = None if titles else _DEDICATED.match(sentence, tail.end)
        if dedicated:  # «праздничное мероприятие ко Дню учителя»: the day it marks names it
            rest = rest.rstrip() + dedicated.group(0)
    else:
        first_title = tail.titles[0][0] if tail.titles else tail.end
        rest = sentence[m.end():first_title].rstrip(" :—–-") + " " + sentence[title_span[0]:title_span[1]]
        title = sentence[title_span[0]:title_span[1]]
    if number == "sing" and len(titles) > 1:
        rest = _singular_genitive(rest)
    name = phrases.tidy(base + rest)
    return name[:1].upper() + name[1:], title


def _singular_genitive(text: str) -> str:
    """«Всероссийских конкурсов профессионального мастерства» → «Всероссийского конкурса …»: the plural
    words of a genitive phrase shared by several titles, each written for one."""
    words = text.split(" ")
    out = []
    for word in words:
        ps = [p for p in parse(word.lower()) if p.tag.case == "gent" and p.tag.number == "plur"
              and p.tag.POS in ("NOUN", "ADJF")]
        if ps and not word.startswith(("«", "\"")):
            p = ps[0]
            new = p.inflect({"gent", "sing"} | ({p.tag.gender} if p.tag.gender and p.tag.POS == "ADJF" else set()))
            if p.tag.POS == "ADJF" and new is not None:
                # the adjective agrees with the noun that follows it
                nxt = next((w for w in words[words.index(word) + 1:] if w), "")
                noun = next((q for q in parse(nxt.lower()) if q.tag.POS == "NOUN"), None)
                if noun is not None and noun.tag.gender:
                    new = p.inflect({"gent", "sing", noun.tag.gender}) or new
            if new is not None:
                word = phrases._match_case(word, new.word)
        out.append(word)
    return " ".join(out)


# ------------------------------------------------------------------ awards

@dataclass
class AwardMention:
    kind: str
    start: int  # the sentence's span
    end: int
    verb_found: bool = True
    kind_end: int = -1  # where the award's words end: a genitive organisation right after gives it
    kind_start: int = -1
    role: str | None = None  # where the verb's recipient stands: dative, object, subject
    verb_start: int = -1
    verb_active: bool = True  # «вручила» (the giver is its subject) or «вручены» (passive)
    in_row: bool = False  # written after a name in a list row, with no verb


@lru_cache(maxsize=1)
def _award_patterns() -> tuple[tuple[re.Pattern, frozenset[str]], ...]:
    return tuple((re.compile(rf"(?<![{UP}{LO}-])(?:{pattern})(?![{LO}])", re.IGNORECASE),
                  frozenset(f for f in flags.split(",") if f and f != "-")) for pattern, flags in rows("award_kinds.txt"))


@lru_cache(maxsize=1)
def _award_verbs() -> dict[str, str]:
    return {lemma: role for lemma, role in rows("award_verbs.txt")}


_DEGREE = re.compile(r"\s*(?:(?:I{1,3}|IV|[1-4])(?:-?(?:й|ой|ей))?\s+степен[ией]|победител[ейяю]\w*|призёр\w*|призер\w*"
                     r"|лауреат\w*|участни\w+|участия|дипломант\w*|финалист\w*|на\s+\d[\d\s]*(?:тыс(?:яч|\.)?\s+)?руб\w*)",
                     re.IGNORECASE)
# a role after an award is its grade, one holder's: «дипломами победителям:» gives each a «диплом победителя»
_ROLE_FORMS = re.compile(r"^(победител|призёр|призер|лауреат|участник|дипломант|финалист)(?:ей|ям|ями|ов|ам|ами|ы|и|ю|ом|у|ем)$")


def _role_genitive(degree: str) -> str:
    m = _ROLE_FORMS.match(degree)
    if not m:
        return degree
    return m.group(1) + ("я" if m.group(1) == "победител" else "а")


def _order_name(sentence: str, end: int) -> int | None:
    """Where an order's or a medal's name ends: «орден Дружбы», «орден Родительской славы», «медаль ордена «…»»."""
    m = re.match(r"\s+ордена(?=\s*[«\"])", sentence[end:])
    if m:
        return end + m.end()
    m = re.match(rf"\s+([{UP}][{LO}]+)(?:\s+([{LO}]+))?", sentence[end:])
    if not m or "gent" not in phrases.cases(m.group(1)):
        return None
    first = phrases.readings(m.group(1))
    if m.group(2) and first and first[0].tag.POS == "ADJF" and "gent" in phrases.cases(m.group(2), ("NOUN",)):
        return end + m.end(2)
    if first and first[0].tag.POS == "NOUN" and not re.match(
            r"(?:министерств|управлени|департамент|комитет|администраци|правительств|губернатор|президент|глав|"
            r"отдел|совет|дум|мэр|ассоциаци|союз)", first[0].normal_form):
        return end + m.end(1)  # «орден Дружбы»; not its giver («медалью Министерства …»)
    return None


_HONOUR_TITLE = re.compile(r"^[«\"“](?:Заслуженн|Почётн|Почетн|Народн|Отличник|Лучший\s+по\s+профессии|Ветеран)", re.I)


def award_kind(text: str) -> str:
    """An award noun phrase in the nominative singular, lower case: «Почетной грамотой» → «почетная грамота»."""
    words = nominative_phrase(text.split(), singular=True)
    return " ".join(words).lower()


def _kind_phrase(sentence: str, m: re.Match, flags: frozenset[str]) -> tuple[str, int] | None:
    """The award's kind as written, in the nominative singular, and where its words end."""
    end = m.end()
    words = m.group(0)
    kind = award_kind(words)
    if "graded" in flags:
        degree = _DEGREE.match(sentence, end)
        if degree:
            kind += " " + _role_genitive(" ".join(degree.group(0).split()).lower())
            end = degree.end()
    if "order" in flags:
        named_by = _order_name(sentence, end)
        if named_by:
            kind += " " + sentence[end:named_by].strip()
            end = named_by
    quoted = phrases.quoted_at(sentence, end)
    if quoted and not re.match(r"[ \t]*[:—–-]", sentence[end:quoted[0]]):
        title = sentence[quoted[0]:quoted[1]]
        if "named" in flags and not _HONOUR_TITLE.match(title) and not kind.startswith("наград"):
            return None  # «звание «Воспитатель года»»: a contest's title, a role
        if "titled" in flags or "named" in flags:
            kind += " " + phrases.tidy(title)
            end = quoted[1]
    elif "named" in flags:
        return None
    return kind, end


def _award_verb(sentence: str) -> tuple[str, int, bool] | None:
    """The verb that gives an award in the sentence: (recipient role, where it is, active voice)."""
    verbs = _award_verbs()
    for m in re.finditer(rf"[{UP}{LO}]+", sentence):
        for p in parse(m.group(0).lower())[:2]:
            if p.tag.POS in ("VERB", "INFN", "PRTS", "PRTF", "GRND") and p.normal_form in verbs:
                role = verbs[p.normal_form]
                if p.normal_form == "стать" and not re.match(r"\s+обладател", sentence[m.end():]):
                    continue
                passive = p.tag.POS in ("PRTS", "PRTF") and "pssv" in p.tag or p.normal_form.endswith("ся")
                return role, m.start(), not passive
    return None


_PREMIUM_VERB = re.compile(rf"(?<![{LO}])[Пп]ремир(?:овать|овал\w*|ован\w*|уем|ую|уется)(?![{LO}])")


def find_awards(sentence: str, offset: int) -> list[AwardMention]:
    """Award kinds a sentence gives, each once, when a verb of awarding governs them or a row writes
    them after a name."""
    out: list[AwardMention] = []
    taken: list[tuple[int, int]] = []
    verb = None
    verb_checked = False
    for pattern, flags in _award_patterns():
        for m in pattern.finditer(sentence):
            if any(s <= m.start() < e for s, e in taken) or _inside_quotes(sentence, m.start()):
                continue
            phrase = _kind_phrase(sentence, m, flags)
            if phrase is None:
                continue
            kind, end = phrase
            taken.append((m.start(), end))
            if not verb_checked:
                verb, verb_checked = _award_verb(sentence), True
            row = verb is None and bool(re.match(r"\s*(?:[,;.]|$)", sentence[end:])) and bool(
                re.search(r",\s*$", sentence[:m.start()]))
            listed = sentence.lstrip().startswith(("-", "•", "–", "—"))
            if verb is None and not row and not listed:
                continue
            mention = AwardMention(kind, offset, offset + len(sentence), verb is not None, end + offset,
                                   m.start() + offset, verb[0] if verb else None,
                                   verb[1] + offset if verb else -1, verb[2] if verb else True, row)
            out.append(mention)
    premium = None if out else _PREMIUM_VERB.search(sentence)
    if premium:  # «Премировать Лебедеву А.С.»: the verb itself gives a «премия»
        passive = premium.group(0).lower().startswith("премирован")
        out.append(AwardMention("премия", offset, offset + len(sentence), True, premium.end() + offset,
                                premium.start() + offset, "object", premium.start() + offset, not passive))
    out.sort(key=lambda a: a.kind_start)
    kept: list[AwardMention] = []
    for a in out:
        if a.in_row or not any(k.kind == a.kind and not k.in_row for k in kept):
            kept.append(a)
    return kept
