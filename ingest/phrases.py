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


@dataclass
class _Chain:
    """Where :func:`right_tail` is: its text, its options and how far the chain has gone."""

    text: str
    end: int
    barriers: list[tuple[int, int]]
    allow_org: bool
    stop_at_event: bool
    no_person: bool
    with_phrase: bool
    pos: int = 0
    last: int = 0
    words: int = 0
    mode: str = "gent"  # the case the chain is in: "gent" or "datv" (after «по», «к»)
    best: bool = False  # after «на лучшее …» («конкурс на лучшее оформление … к новогодним праздникам»)

    def blocked(self, at: int) -> bool:
        return any(s <= at < e for s, e in self.barriers)


def right_tail(text: str, end: int, *, barriers: list[tuple[int, int]] = (), max_words: int = 24,
               allow_org: bool = False, stop_at_event: bool = False, no_person: bool = False,
               with_phrase: bool = False) -> Tail:
    """How far the phrase whose head ends at ``end`` goes on: genitive words (adjectives, nouns,
    abbreviations, numerals before a genitive word), «и» between conjuncts of one case, «по» with a dative
    or locative phrase, «для» with a genitive one, «в области …», «на лучшее …», «в 2013-2014 учебном году»,
    «в 3 классе», and quoted titles; not into a person (``barriers``) or an organisation's legal form
    (unless ``allow_org``)."""
    chain = _Chain(text, end, barriers, allow_org, stop_at_event, no_person, with_phrase, pos=end, last=end)
    titles: list[tuple[int, int]] = []
    while chain.words < max_words:
        q = quoted_at(text, chain.pos)
        if q is not None and not chain.blocked(q[0]):
            titles.append(q)
            chain.last = q[1]
            break  # a name ends with its title («конкурс «Учитель года» в номинации …»)
        m = _next_word(text, chain.pos)
        if m is None or chain.blocked(m.start()) or not _chain_step(chain, m):
            break
    ahead = _title_ahead(text, chain.last, barriers) if chain.words and not titles else None
    if ahead is not None:
        titles.append(ahead)
        chain.last = ahead[1]
    return Tail(chain.last, titles, chain.words)


def _chain_step(chain: _Chain, m: re.Match) -> bool:
    """Take the word ``m`` (and what it governs) into the chain; False where the phrase ends before it."""
    low = m.group(0).lower()
    rule = _CHAIN_WORDS.get(low)
    if rule is not None and (low not in ("по", "к", "с", "со") or _takes_preposition(chain, low)):
        return rule(chain, m)
    return _chain_number(chain, m) if m.group(0)[:1].isdigit() else _chain_word(chain, m)


def _takes_preposition(chain: _Chain, low: str) -> bool:
    if low == "по":
        return chain.mode in ("gent", "datv")
    if low == "к":
        return chain.best
    return chain.with_phrase and chain.mode == "gent"  # «с», «со»


def _chain_and(chain: _Chain, m: re.Match) -> bool:
    nxt = _next_word(chain.text, m.end())
    if nxt is None or chain.blocked(nxt.start()) or not _continues(nxt.group(0), chain.mode):
        return False
    if nxt.group(0)[:1].isupper() and not _ABBREVIATION.match(nxt.group(0)):
        return False  # «районного Совета и Совета депутатов»: a second phrase, not a conjunct of this one
    chain.pos = m.end()
    return True


def _chain_dative(chain: _Chain, m: re.Match) -> bool:
    """«по» with a dative or locative phrase, «к» after «на лучшее …»."""
    nxt = _next_word(chain.text, m.end())
    if nxt is None or not ({"datv", "loct"} & cases(nxt.group(0))) or not _content(nxt.group(0)):
        return False
    chain.pos, chain.mode = m.end(), "datv"
    return True


def _chain_with(chain: _Chain, m: re.Match) -> bool:
    """«совещание с руководителями образовательных учреждений»: with people, not «с планом работы»."""
    nxt = _next_word(chain.text, m.end())
    if nxt is None or "ablt" not in cases(nxt.group(0)) or not _content(nxt.group(0)) or not any(
            "anim" in p.tag for p in readings(nxt.group(0))[:2]):
        return False
    chain.pos, chain.mode = m.end(), "ablt"
    return True


def _chain_for(chain: _Chain, m: re.Match) -> bool:
    nxt = _next_word(chain.text, m.end())
    if nxt is None or "gent" not in cases(nxt.group(0)):
        return False
    chain.pos, chain.mode = m.end(), "gent"
    return True


def _chain_best(chain: _Chain, m: re.Match) -> bool:
    """«на лучшее оформление …»."""
    nxt = _next_word(chain.text, m.end())
    if nxt is None or not nxt.group(0).lower().startswith("лучш"):
        return False
    chain.pos, chain.mode, chain.best = nxt.end(), "accs", True
    chain.last = chain.pos
    chain.words += 2
    return True


def _chain_in(chain: _Chain, m: re.Match) -> bool:
    """«в области …», «в 2013-2014 учебном году», «в 3 классе»."""
    rest = chain.text[m.end():]
    area = re.match(r"\s+области(?![а-яё])", rest)
    year = re.match(r"\s+\d{4}\s*[-–/]\s*\d{2,4}\s+(?:учебн\w+\s+год\w*|уч\.?\s*г(?:од[ау]?|\.))", rest)
    grade = re.match(r"\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:-?[а-я]{1,2})?\s+класс\w*", rest)
    if area:
        chain.pos, chain.mode = m.end() + area.end(), "gent"
        return True
    if year or grade:
        chain.pos = chain.last = m.end() + (year or grade).end()
        chain.words += 3
        return True
    return False


_CHAIN_WORDS = {"и": _chain_and, "по": _chain_dative, "к": _chain_dative, "с": _chain_with, "со": _chain_with,
                "для": _chain_for, "на": _chain_best, "в": _chain_in}


def _chain_number(chain: _Chain, m: re.Match) -> bool:
    """A year («Учитель года – 2019», «2006/2007 учебного года») or a numeral before a genitive word."""
    text, word = chain.text, m.group(0)
    if re.fullmatch(r"\d{4}(?:\s*[-–/]\s*\d{2,4})?", word):
        nxt = _next_word(text, m.end())
        if nxt is not None and nxt.group(0).lower().startswith("учебн"):
            chain.pos = m.end()
            return True
        if text[chain.pos:m.start()].strip() in ("-", "–", "—", ""):
            chain.pos = chain.last = m.end()
            chain.words += 1
            return True
        return False
    if word.isdigit():
        nxt = _next_word(text, m.end())
        if nxt is None or _MONTHS.match(nxt.group(0)) or "gent" not in cases(nxt.group(0)):
            return False
        chain.pos = m.end()
        return True
    return _chain_word(chain, m)


def _chain_word(chain: _Chain, m: re.Match) -> bool:
    """A genitive word, a Roman numeral or an abbreviation (an organisation's legal form only when allowed)."""
    text, word = chain.text, m.group(0)
    if text[chain.pos:m.start()].strip():
        return False  # punctuation between: the phrase is over
    if _ROMAN.match(word):
        chain.pos = chain.last = m.end()
        chain.words += 1
        return True
    if _ABBREVIATION.match(word) and lemma_of(word) not in ("год",):
        return _chain_abbreviation(chain, m)
    if _MONTHS.match(word) and chain.pos > chain.end and text[chain.end:chain.pos].strip()[-1:].isdigit():
        return False
    if not _continues(word, chain.mode):
        return False
    if chain.no_person and _person_noun(word):
        return False  # «руководителя РМО, педагога-библиотекаря МБОУ …»: a person's post, not the group's tail
    if chain.stop_at_event and chain.words and _EVENT_STOP.match(word.lower()):
        return False
    chain.pos = chain.last = m.end()
    chain.words += 1
    if chain.mode == "accs" and {"datv", "loct"} & cases(word) and not ({"accs", "gent"} & cases(word)):
        chain.mode = "datv"
    if chain.mode == "ablt" and any(p.tag.POS == "NOUN" for p in readings(word)[:1]):
        chain.mode = "gent"
    return True


def _chain_abbreviation(chain: _Chain, m: re.Match) -> bool:
    word = m.group(0)
    if word in LEGAL_FORMS:
        org = _ORG_AFTER.match(chain.text, m.end()) if chain.allow_org else None
        if org is not None:
            chain.pos = chain.last = org.end()
            chain.words += 2
        return False  # an organisation only when written in full («МОУ «Гимназия»», «МБОУ СОШ № 5») ends the chain
    chain.pos = chain.last = m.end()
    chain.words += 1
    chain.mode = "gent"
    return True


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
