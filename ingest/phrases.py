"""Noun phrases of the genre, as far as the rules of events, awards and groups need them: where a phrase
headed by a given noun begins (its agreeing adjectives, ordinals and Roman numerals) and ends (its
genitive chain, «по + dative», «для + genitive», «в области …», «в 2013-2014 учебном году», quoted
titles), and the phrase put into the nominative from its head back (what follows the head stays as
written).

«регионального этапа XI Всероссийского конкурса «Лучшая школа»» → head «этапа», left «регионального»,
right «XI Всероссийского конкурса «Лучшая школа»», nominative «региональный этап XI Всероссийского
конкурса «Лучшая школа»».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.morph import inflect_word, parse

UP = "А-ЯЁ"
LO = "а-яё"
_WORD = re.compile(rf"[{UP}{LO}A-Za-z0-9]+(?:[-/][{UP}{LO}A-Za-z0-9]+)*")
_ROMAN = re.compile(r"^[IVXLC]+$")
# a quoted title: «…» (one level of nesting), "…", “…”, „…“; an unclosed « runs to the end
_QUOTE = re.compile(r"«(?:[^«»]|«[^«»]*»)*»|\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|„[^“\n]{1,200}“|«[^«»\n]{2,120}$"
                    r"|«[^«»\n]{0,120}«[^«»\n]*»(?!»)"  # «К. Бальмонт «Снежинка» (the outer quote never closed)
                    r"|«[^«»\n]{2,60}«(?=\s)")  # «Сотрудничество« (closed with the wrong quote)
_TITLE_INTRO = re.compile(r"[ \t]*(?:[:—–-][ \t]*|под\s+названием\s*|на\s+тему\s*:?\s*|по\s+теме\s*:?\s*"
                          r"|по\s+проблеме\s*:?\s*|под\s+девизом\s*|с\s+темой\s*|\n[ \t]*)?(?=[«\"“„])")
# adjectives that do not name anything («этом конкурсе», «различных конкурсах»)
DETERMINERS = frozenset("""этот тот такой весь все каждый любой наш ваш свой мой его её их данный настоящий
различный разный другой иной многий многочисленный некоторый следующий подобный который какой сам один
очередной интересный новый необычный прошлый прошедший текущий будущий предстоящий последний первый""".split())
_ABBREVIATION = re.compile(rf"^[{UP}]{{2,6}}$")
_MONTHS = re.compile(r"^(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)", re.I)
_NOT_CONTENT = ("VERB", "INFN", "PRTS", "ADVB", "GRND", "PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED", "COMP")
# legal forms open an organisation's name: an event's or group's phrase stops before them unless asked
LEGAL_FORMS = frozenset("""МБОУ МАОУ МКОУ МОУ ГБОУ ГОУ ГАОУ ГКОУ ОГБОУ ФГБОУ ФГАОУ ЧОУ НОУ АНО МБУ МКУ МАУ ГАУ ГБУ ГКУ
МБДОУ МАДОУ МКДОУ МДОУ ГБДОУ МБУДО МАУДО МКУДО МОУДО МБОУДО ГБУДО""".split())


def readings(word: str) -> tuple:
    return parse(word.strip("()").lower())


def _content(word: str) -> bool:
    """A word that can belong to a noun phrase (its likeliest reading is no verb, adverb or function word)."""
    rs = readings(word)
    return bool(rs) and rs[0].tag.POS not in _NOT_CONTENT


def noun_forms(word: str) -> set[tuple[str, str, str]]:
    """(case, number, gender) of the word's noun readings."""
    out = set()
    for p in readings(word):
        if p.tag.POS == "NOUN" and p.tag.case:
            out.add((_case(p.tag.case), str(p.tag.number or ""), str(p.tag.gender or "")))
    return out


def _case(case: str) -> str:
    return {"gen2": "gent", "acc2": "accs", "loc2": "loct", "gen1": "gent", "loc1": "loct"}.get(case, case)


def cases(word: str, pos: tuple[str, ...] = ("NOUN", "ADJF", "PRTF", "NUMR")) -> set[str]:
    """The cases of a word's readings, leaving out the rare readings of another lemma («главой» is no
    adjective «главый» in the genitive)."""
    rs = readings(word)
    top = rs[0].normal_form if rs else ""
    return {_case(p.tag.case) for p in rs if p.tag.POS in pos and p.tag.case and (p.normal_form == top or p.score >= 0.05)}


def _agrees(word: str, forms: set[tuple[str, str, str]]) -> bool:
    """An adjective, participle or ordinal that agrees with a noun of ``forms``."""
    if _ROMAN.match(word.strip("()")):
        return True
    for p in readings(word):
        if p.tag.POS not in ("ADJF", "PRTF") and not (p.tag.POS == "NUMR" or "Anum" in p.tag):
            continue
        case, number, gender = _case(p.tag.case or ""), str(p.tag.number or ""), str(p.tag.gender or "")
        for fc, fn, fg in forms:
            if case == fc and (not number or not fn or number == fn) and (
                    number == "plur" or fn == "plur" or not gender or not fg or gender == fg or fg == "ms-f"):
                return True
    return False


def is_determiner(word: str) -> bool:
    """A pronoun-like or merely evaluative adjective («этом», «нашем», «различных»): it names nothing."""
    rs = readings(word)
    return bool(rs) and (rs[0].normal_form in DETERMINERS or any("Apro" in p.tag for p in rs[:3]))


def lemma_of(word: str) -> str:
    rs = readings(word)
    return rs[0].normal_form if rs else word.lower()


def left_modifiers(text: str, start: int, head_word: str, limit: int = 5,
                   keep: tuple[str, ...] = ()) -> int:
    """Where the phrase whose head word begins at ``start`` begins: back over the adjectives, ordinals,
    participles and Roman numerals that agree with it («XVIII Всероссийского», «третьего (регионального)»),
    never over a determiner («этом», «различных») unless its lemma is in ``keep``."""
    forms = noun_forms(head_word)
    if not forms:
        return start
    pos = start
    for _ in range(limit):
        m = re.search(rf"(\(?[{UP}{LO}A-Z0-9-]+\)?)[ \t]*$", text[:pos])
        if not m or not m.group(1).strip("()"):
            break
        word = m.group(1)
        if word.startswith("(") != word.endswith(")"):
            break
        bare = word.strip("()")
        if is_determiner(bare) and lemma_of(bare) not in keep or not _agrees(bare, forms):
            break
        if bare.isdigit():
            break
        pos = m.start(1)
    return pos


@dataclass
class Tail:
    end: int  # where the phrase ends (an offset into the text)
    titles: list[tuple[int, int]]  # spans of its quoted titles
    words: int  # words taken after the head


def quoted_at(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a quoted title right at ``pos`` (after a colon, dash, «под названием», «на тему» …)."""
    intro = _TITLE_INTRO.match(text, pos)
    if intro is None:
        return None
    m = _QUOTE.match(text, intro.end())
    if m is None:
        return None
    return m.start(), m.end()


def _next_word(text: str, pos: int) -> re.Match | None:
    m = re.match(r"[ \t]*(?:\n[ \t]*)?", text[pos:])
    at = pos + m.end()
    return _WORD.match(text, at)


def right_tail(text: str, end: int, *, barriers: list[tuple[int, int]] = (), max_words: int = 24,
               allow_org: bool = False, stop_at_event: bool = False, no_person: bool = False,
               with_phrase: bool = False) -> Tail:
    """How far the phrase whose head ends at ``end`` goes on: genitive words (adjectives, nouns,
    abbreviations, numerals before a genitive word), «и» between conjuncts of one case, «по» with a dative
    or locative phrase, «для» with a genitive one, «в области …», «на лучшее …», «в 2013-2014 учебном году»,
    «в 3 классе», and quoted titles; not into a person (``barriers``) or an organisation's legal form
    (unless ``allow_org``)."""
    pos, last, words = end, end, 0
    titles: list[tuple[int, int]] = []
    mode = "gent"  # the case the chain is in: "gent" or "datv" (after «по», «к»)
    best = False  # after «на лучшее …» («конкурс на лучшее оформление … к новогодним праздникам»)

    def blocked(at: int) -> bool:
        return any(s <= at < e for s, e in barriers)

    while words < max_words:
        q = quoted_at(text, pos)
        if q is not None and not blocked(q[0]):
            titles.append(q)
            last = q[1]
            break  # a name ends with its title («конкурс «Учитель года» в номинации …»)
        m = _next_word(text, pos)
        if m is None or blocked(m.start()):
            break
        word, low = m.group(0), m.group(0).lower()
        if low == "и":
            nxt = _next_word(text, m.end())
            if nxt is None or blocked(nxt.start()) or not _continues(nxt.group(0), mode):
                break
            if nxt.group(0)[:1].isupper() and not _ABBREVIATION.match(nxt.group(0)):
                break  # «районного Совета и Совета депутатов»: a second phrase, not a conjunct of this one
            pos = m.end()
            continue
        if (low == "по" and mode in ("gent", "datv")) or (low == "к" and best):
            nxt = _next_word(text, m.end())
            if nxt is None or not ({"datv", "loct"} & cases(nxt.group(0))) or not _content(nxt.group(0)):
                break
            pos, mode = m.end(), "datv"
            continue
        if low in ("с", "со") and with_phrase and mode == "gent":
            nxt = _next_word(text, m.end())
            if nxt is None or "ablt" not in cases(nxt.group(0)) or not _content(nxt.group(0)) or not any(
                    "anim" in p.tag for p in readings(nxt.group(0))[:2]):
                break  # with people («с руководителями»), not «с планом работы»
            pos, mode = m.end(), "ablt"  # «совещание с руководителями образовательных учреждений»
            continue
        if low == "для":
            nxt = _next_word(text, m.end())
            if nxt is None or "gent" not in cases(nxt.group(0)):
                break
            pos, mode = m.end(), "gent"
            continue
        if low == "на":
            nxt = _next_word(text, m.end())
            if nxt is None or not nxt.group(0).lower().startswith("лучш"):
                break
            pos, mode, best = nxt.end(), "accs", True
            last = pos
            words += 2
            continue
        if low == "в":
            rest = text[m.end():]
            area = re.match(r"\s+области(?![а-яё])", rest)
            year = re.match(r"\s+\d{4}\s*[-–/]\s*\d{2,4}\s+(?:учебн\w+\s+год\w*|уч\.?\s*г(?:од[ау]?|\.))", rest)
            grade = re.match(r"\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:-?[а-я]{1,2})?\s+класс\w*", rest)
            if area:
                pos, mode = m.end() + area.end(), "gent"
                continue
            if year or grade:
                pos = last = m.end() + (year or grade).end()
                words += 3
                continue
            break
        if re.fullmatch(r"\d{4}(?:\s*[-–/]\s*\d{2,4})?", word):
            nxt = _next_word(text, m.end())
            if nxt is not None and nxt.group(0).lower().startswith("учебн"):
                pos = m.end()
                continue
            if text[pos:m.start()].strip() in ("-", "–", "—", ""):
                pos = last = m.end()  # «Учитель года – 2019», «2006/2007 учебного года»
                words += 1
                continue
            break
        if word.isdigit():
            nxt = _next_word(text, m.end())
            if nxt is None or _MONTHS.match(nxt.group(0)) or "gent" not in cases(nxt.group(0)):
                break
            pos = m.end()
            continue
        if text[pos:m.start()].strip():
            break  # punctuation between: the phrase is over
        if _ROMAN.match(word):
            pos = last = m.end()
            words += 1
            continue
        if _ABBREVIATION.match(word) and lemma_of(word) not in ("год",):
            if word in LEGAL_FORMS and not allow_org:
                break
            if word in LEGAL_FORMS:
                org = _ORG_AFTER.match(text, m.end())
                if org is None:
                    break  # an organisation only when written in full («МОУ «Гимназия»», «МБОУ СОШ № 5»)
                pos = last = org.end()
                words += 2
                break
            pos = last = m.end()
            words += 1
            mode = "gent"
            continue
        if _MONTHS.match(word) and pos > end and text[end:pos].strip()[-1:].isdigit():
            break
        if not _continues(word, mode):
            break
        if no_person and _person_noun(word):
            break  # «руководителя РМО, педагога-библиотекаря МБОУ …»: a person's post, not the group's tail
        if stop_at_event and words and _EVENT_STOP.match(low):
            break
        pos = last = m.end()
        words += 1
        if mode == "accs" and {"datv", "loct"} & cases(word) and not ({"accs", "gent"} & cases(word)):
            mode = "datv"
        if mode == "ablt" and any(p.tag.POS == "NOUN" for p in readings(word)[:1]):
            mode = "gent"
    ahead = _title_ahead(text, last, barriers) if words and not titles else None
    if ahead is not None:
        titles.append(ahead)
        last = ahead[1]
    return Tail(last, titles, words)


_GAP_STOP = re.compile(r"номинаци|тем[аеуыо]|проект|работ[аеуой]\b|буктрейлер|программ|девиз|цел[ьи]"
                       r"|конкурс|олимпиад|фестивал|конференц|семинар|этап|урок|заняти|совещан|заседан")


def _title_ahead(text: str, pos: int, barriers) -> tuple[int, int] | None:
    """A title a little further on, after words the chain could not read («конкурса в области педагогики,
    воспитания и работы с детьми и молодежью до 20 лет «За нравственный подвиг учителя»»): only across
    lower-case words, numbers and commas, no verb, no dash, no «в номинации»."""
    m = re.search(r"[«\"“„]", text[pos: pos + 90])
    if m is None:
        return None
    gap = text[pos: pos + m.start()]
    if re.search(r"[.;:!?()—–]|\s-\s", gap) or _GAP_STOP.search(gap.lower()) or any(pos <= s < pos + m.start()
                                                                                   for s, _e in barriers):
        return None
    for word in re.findall(rf"[{UP}{LO}A-Za-z]+", gap):
        if word[:1].isupper() or not _content(word) and word.lower() not in ("с", "до", "и", "в", "для", "по", "на", "к"):
            return None
    q = quoted_at(text, pos + m.start())
    return q


_ORG_AFTER = re.compile(r"[ \t]*(?:«(?:[^«»]|«[^«»]*»)*»|\"[^\"\n]{1,80}\"|(?:[А-ЯЁ]{2,5}|гимнази\w+|лице\w+|школ\w+|"
                        r"детск\w+\s+сад\w*)(?:[ \t]*№[ \t]*\d+)?(?:[ \t]*«[^«»]+»)?)")


def _person_noun(word: str) -> bool:
    """A singular noun for a person («педагога-библиотекаря», «директора»)."""
    rs = [p for p in readings(word) if p.tag.POS == "NOUN"]
    return bool(rs) and "anim" in rs[0].tag and rs[0].tag.number == "sing" and "Name" not in rs[0].tag \
        and "Surn" not in rs[0].tag and "Geox" not in rs[0].tag


_EVENT_STOP = re.compile(r"^(?:конкурс|олимпиад|конференци|семинар|фестивал)")


def _continues(word: str, mode: str) -> bool:
    """Whether a word goes on a chain in ``mode`` (its case): a content word with a reading in it."""
    if not _content(word):
        return False
    if mode == "gent":
        return "gent" in cases(word)
    if mode == "datv":
        return bool({"datv", "loct", "gent"} & cases(word))
    if mode == "accs":
        return bool({"accs", "nomn", "gent", "datv", "loct"} & cases(word))
    if mode == "ablt":
        return bool({"ablt", "gent"} & cases(word))
    return False


def head_noun(words: list[str]) -> int:
    """Which word of a head of several words is its noun: «круглого стола» → 1, «церемонии награждения» → 0."""
    for i, word in enumerate(words):
        rs = readings(word)
        if rs and rs[0].tag.POS == "NOUN":
            return i
    return len(words) - 1


def nominative(text: str, head_start: int, head_end: int, phrase_start: int, *, number: str | None = None) -> str:
    """The phrase ``text[phrase_start:…]`` whose head is ``text[head_start:head_end]`` with the head and
    the words before it in the nominative (the head's number kept unless ``number``); the rest as written."""
    head_text = text[head_start:head_end]
    all_words = head_text.split()
    at = head_noun(all_words)
    head_words, after = all_words[: at + 1], all_words[at + 1:]
    noun = head_words[-1]
    noun_reading = next((p for p in readings(noun) if p.tag.POS == "NOUN"), None)
    if noun_reading is None:
        return text[phrase_start:head_end]
    num = number or noun_reading.tag.number or "sing"
    inflected = noun_reading.inflect({"nomn", num})
    out_noun = noun if inflected is None else _match_case(noun, inflected.word)
    gender = noun_reading.tag.gender
    grammemes = {"nomn", num} | ({gender} if gender and num == "sing" else set())
    before = text[phrase_start:head_start] + " ".join(head_words[:-1])
    out_words = []
    for token in re.findall(r"\(?[^\s]+", before):
        bare = token.strip("()")
        if _ROMAN.match(bare) or not bare:
            out_words.append(token)
            continue
        new = inflect_word(bare, grammemes, pos=("ADJF", "PRTF", "NUMR"), cases={noun_reading.tag.case})
        if new is None:
            new = inflect_word(bare, grammemes, pos=("ADJF", "PRTF", "NUMR"))
        if new is not None and "ё" not in bare.lower():
            new = new.replace("ё", "е")
        out_words.append(token.replace(bare, new) if new else token)
    return " ".join([*out_words, out_noun, *after])


def _match_case(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def tidy(text: str) -> str:
    """Spaces collapsed; ASCII quotes of a title written as «»."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-")
    text = re.sub(r"\s*:\s*(?=[«\"“„])", " ", text)
    text = re.sub(r"«([^«»]+)«(?=\s|$)", r"«\1»", text)
    text = re.sub(r"\"([^\"]+)\"", r"«\1»", text)
    text = re.sub(r"“([^”]+)”", r"«\1»", text)
    if text.count("«") > text.count("»"):
        text += "»"
    return text
