"""Natasha's NER as a second source of people, organisations and places.

The rules find what the genre writes its own way; Natasha finds what the
rules do not know («Наталья Чуркова», «Газпром», «Москва»).  Every span it
gives is re-normalised here (Natasha's own normalisation drops surnames and
turns women into men) and filtered: the genre's abbreviations (ФГОС, УВР, ИОС)
are no organisations, a common noun («Приказ», «Стажёры») is no person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.morph import nominative_phrase, parse
from ingest.names import PersonMention, given_name_readings, nominative_surname, patronymic_reading
from ingest.orgs import in_title


@dataclass(frozen=True)
class NerSpan:
    type: str  # PER | ORG | LOC
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def embedding():
    """Natasha's navec embedding, loaded once for the NER tagger and the syntax parser alike. BLAS is kept to
    one thread from here on: the models' matrices are small, so more threads only spin (twice the CPU for
    the same time) and fight ``--jobs`` workers for the cores."""
    from natasha import NewsEmbedding
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    return NewsEmbedding()


@lru_cache(maxsize=1)
def tagger():
    from natasha import NewsNERTagger

    return NewsNERTagger(embedding())


def ner_spans(text: str) -> list[NerSpan]:
    """Natasha's spans; organisations written side by side («ЦССИ ФСО») joined into one."""
    if not text.strip():
        return []
    spans: list[NerSpan] = []
    for s in tagger()(text).spans:
        prev = spans[-1] if spans else None
        if prev and prev.type == s.type == "ORG" and not text[prev.end:s.start].strip():
            spans[-1] = NerSpan("ORG", prev.start, s.stop, text[prev.start:s.stop])
        else:
            spans.append(NerSpan(s.type, s.start, s.stop, text[s.start:s.stop]))
    for i, span in enumerate(spans):  # «ЦССИ ФСО России в Смоленской области»: the places stay places too
        tail = _TERRITORIAL_TAIL.match(text, span.end) if span.type == "ORG" else None
        if tail and any(s.type == "LOC" and span.end < s.start < tail.end() for s in spans[i + 1:i + 3]):
            spans[i] = NerSpan("ORG", span.start, tail.end(), text[span.start:tail.end()])
    return spans


# a federal body's territorial unit: «… России по Смоленской области», «… РФ в Курской области»
_TERRITORIAL_TAIL = re.compile(r"\s+(?:России|РФ|Российской\s+Федерации)(?:\s+(?:по|в)\s+[А-ЯЁ][а-яё-]+(?:ой|ому|ом)?\s+"
                               r"(?:области|краю|крае|республике|Республике|округу|округе|району|районе))?")


# ------------------------------------------------------------------ people

_PARTICLES = {"де", "ван", "фон", "да", "ди", "дель", "ибн", "бен", "аль", "ле", "ла", "дю", "эль"}
_NAME_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")


def _surname_like(word: str) -> bool:
    """A single capitalised word that pymorphy knows, or guesses, as a surname and not as a common word."""
    ps = parse(word)
    if not ps or any("Name" in p.tag and p.score > 0.2 for p in ps):
        return False
    top = ps[0]
    if top.tag.POS != "NOUN" or ("Surn" not in top.tag and top.score > 0.3):
        return False
    return any("Surn" in p.tag for p in ps)


def _common_word(word: str) -> bool:
    """A dictionary word that is not a name («Приказ», «Стажёры», «Спаситель»)."""
    from ingest.morph import analyzer

    ps = parse(word)
    if not ps or not analyzer().word_is_known(word.lower()):
        return False
    top = ps[0]
    return top.score > 0.4 and not any(g in top.tag for g in ("Surn", "Name", "Patr"))


def person_from_ner(surface: str, start: int, context: set[str] | None = None) -> PersonMention | None:
    """«Наталья Чуркова», «Чуркова Наталья», «Обама», «Марком Рютте»: a person the rules did not
    see, normalised by them. The given name is told by pymorphy where it knows it, else by position;
    ``context`` is the cases the words around allow (the post before it: «президента Австрии Хайнца Фишера»)."""
    surface = surface.split("\n")[0].strip(" (),")
    first = surface.split()[0] if len(surface.split()) == 3 else ""
    if first and any("Geox" in p.tag and p.is_known and p.score > 0.3 for p in parse(first.lower())) and not any(
            "Name" in p.tag or "Surn" in p.tag for p in parse(first.lower())):
        start += len(first) + 1  # «Украина Виктор Янукович»: a place Natasha took into the name
        surface = surface[len(first) + 1:]
    particles = [w for w in surface.split() if w in _PARTICLES]
    words = _NAME_WORD.findall(surface)
    if len(words) + len(particles) != len(surface.split()) or not 1 <= len(words) <= 4:
        return None
    end = start + len(surface)
    if particles or len(words) > 3:  # «Линн Форрестер де Ротшильд», «Пак Кын Хе»: kept as written
        surname = surface[surface.index(particles[0]):] if particles else words[-1]
        given = surface[: surface.index(particles[0])].strip() if particles else " ".join(words[:-1])
        return PersonMention(surname, (given[:1],) if given else (), given or None, None, "", "", start, end,
                             surface, "ner")
    if len(words) == 1:
        word = words[0]
        if _surname_like(word):
            surname, gender, case = nominative_surname(word)
            return PersonMention(surname, (), None, None, gender, case, start, end, surface, "ner")
        readings = given_name_readings(word)
        if readings:  # a person named by the given name alone («Настя»)
            return PersonMention(readings[0][0], (), None, None, readings[0][1], readings[0][2], start, end,
                                 surface, "ner")
        ps = parse(word)
        if _common_word(word) or any("Geox" in p.tag or "Orgn" in p.tag for p in ps) or (
                ps and ps[0].tag.POS in ("ADJF", "PRTF")):
            return None  # a common word, a place, or an adjective («Большепанюшевского» of a list)
        surname, gender, case = nominative_surname(word)
        return PersonMention(surname, (), None, None, gender, case, start, end, surface, "ner")
    if all(_common_word(w) for w in words):
        return None
    if len(words) == 2 and any((patronymic_reading(w) or ("", "", ""))[1] == "femn" for w in words):
        return None  # «Надежда Николаевна»: a given name and a patronymic, no surname to name her by
        # (a masculine «-вич» may be a surname: «Роман Абрамович»)
    from ingest.morph import analyzer

    known = analyzer().word_is_known
    for given, surname in ((words[0], words[-1]), (words[-1], words[0])):
        readings = given_name_readings(given) if known(given.lower()) or given is words[0] else []
        if not readings or (given_name_readings(surname) and not (known(given.lower()) and not known(surname.lower()))):
            continue  # a given name is the word pymorphy knows as one; a guessed one («Рютте», «Зайберт») the surname
        nom_given, gender, _case = readings[0]
        cases = {r[2] for r in readings if r[1] == gender}
        nom_surname, gender, case = nominative_surname(surname, gender or None, cases)
        return PersonMention(nom_surname, (nom_given[0],), nom_given, None, gender, case, start, end, surface, "ner")
    # names pymorphy does not know («Наджиб Разак», «Марком Рютте»): given name first, as news write them;
    # in an oblique case both words drop the ending («Хайнца Фишера» after «президента Австрии»)
    nom_surname, gender, case = nominative_surname(words[-1], "masc" if context and "nomn" not in context else None,
                                                   context)
    given = words[0]
    if case != "nomn" and gender == "masc":
        given = nominative_surname(given, "masc", {case})[0]
    return PersonMention(nom_surname, (given[0],), given, None, gender, case, start, end, surface, "ner")


# ------------------------------------------------------------------ organisations

# abbreviations of this genre that name no organisation (standards, deputy posts, environments, exams)
NOT_ORGANISATIONS = {
    "ФГОС", "ИОС", "ЕИОС", "УВР", "ВР", "НМР", "ОУ", "ОО", "ООО", "НОО", "СОО", "ДО", "МСО", "ИКТ", "ЕГЭ", "ОГЭ",
    "ГИА", "ВПР", "ПК", "УУД", "ОВЗ", "СанПиН", "ОДО", "ДОО", "ФЗ", "РФ", "КПК", "ППК", "МО", "ШМО", "РМО", "ММО",
    "ГМО", "РМС", "РПГ", "ИБЦ", "БИЦ", "ПДД", "ЗОЖ", "ОБЖ", "ИЗО", "ФИО", "СМИ", "ЧС", "ТБ", "НИР", "НИОКР", "ОЭР",
    "ПМПК", "ИОМ", "ИУП", "ООП", "ОП", "АООП", "РП", "КТП", "ЦОР", "ЭОР", "ДОТ", "ЭО",
}


_NOT_RUSSIAN = re.compile(r"[әүөҗңһіїєґқғұҳӣӯ]", re.IGNORECASE)
# words before a quoted name that make it a company's (news write «холдинга "Петромед"»)
_COMPANY_BEFORE = re.compile(r"(?i)(?:компани\w*|холдинг\w*|фонд\w*|агентств\w*|банк\w*|концерн\w*|корпораци\w*|"
                             r"издательств\w*|телеканал\w*|радиостанци\w*|ООО|ОАО|ЗАО|ПАО|АО)\s*[«\"“]?$")


_GROUP_HEADS = {"совет", "оргкомитет", "комиссия", "жюри", "объединение", "коллегия", "сообщество", "клуб", "кружок"}


def _group_head(words: list[str]) -> bool:
    """The first noun heads a group (a council, a committee, a jury) and no council of deputies."""
    low = [w.lower() for w in words]
    for i, w in enumerate(low):
        readings = [p for p in parse(w) if p.tag.POS == "NOUN"]
        if not readings:
            continue
        if readings[0].normal_form not in _GROUP_HEADS:
            return False
        rest = " ".join(low[i + 1:])
        before = " ".join(low[:i])
        return not ("депутат" in rest or rest.startswith("федерации") or re.search(r"(районн|городск|сельск|поселков|областн)",
                                                                                    before))
    return False


def without_post_words(span: NerSpan) -> NerSpan | None:
    """An ORG span without the post words Natasha takes into it («Методисты ИМЦ» → «ИМЦ», «директор Лицея № 2» →
    «Лицея № 2»): the post is the person's, the body after it the organisation; None when nothing is left."""
    from ingest.posts import is_post_word

    m = re.match(r"(?:[А-ЯЁа-яё-]+\.?\s+)", span.text)
    if m is None or not is_post_word(m.group(0).strip()):
        return span
    rest = NerSpan(span.type, span.start + m.end(), span.end, span.text[m.end():])
    return without_post_words(rest) if rest.text.strip() else None


def org_from_ner(span: NerSpan, text: str) -> str | None:
    """An organisation's name from a Natasha ORG span, in the nominative; None for the genre's noise."""
    surface = re.sub(r"\s+", " ", span.text).strip(" «»\"'")
    if not surface or surface.upper() in NOT_ORGANISATIONS or all(w in NOT_ORGANISATIONS for w in surface.split()):
        return None  # «ФГОС», «ИБЦ ОО»: the genre's abbreviations, alone or side by side
    if _NOT_RUSSIAN.search(surface):
        return None  # a line in Tatar, Bashkir, Ukrainian … of a bilingual header
    if "\n" in span.text.strip() or re.search(r"\d{1,2}[:.]\d{2}|\d{4}-\d{2}", surface):
        return None  # a span across lines or with a time or date: page clutter («Общество 2017-11-16 19:50 …»)
    if in_title(text, span.start, span.end) and not _COMPANY_BEFORE.search(text[max(0, span.start - 30): span.start]):
        return None  # the title of a contest, a project, a briefing («конкурса «Успешная школа»»)
    words = surface.split()
    if _group_head(words):
        return None  # «Совет руководителей …», «оргкомитет олимпиады»: a group, not an organisation
    quoted = text[max(0, span.start - 1): span.start] in ("«", "\"", "“") and text[span.end: span.end + 1] in (
        "»", "\"", "”")
    if quoted and re.search(r"[?!:,]|\s[—–-]\s", surface):
        return None  # a quoted headline or a show's title («Черногория: как дойти до Европы?»)
    if quoted and re.search(r"(?<![А-ЯЁа-яё])школ[аыеуо]\w*\s*[«\"“]$", text[max(0, span.start - 12): span.start]):
        return None  # «в школе «Меридиан»»: a club's or a paper's name after a lowercase «школа» (orgs.numbered too)
    if surface.isupper() and any("Geox" in p.tag for p in parse(surface.lower())):
        return None  # a dateline: «С.-ПЕТЕРБУРГ, 3 дек —»
    if len(words) == 1:
        word = words[0]
        if word.isupper() and len(word) < 3:
            return None
        if not word.isupper() and not word[:1].isupper():
            return None
        if not word.isupper() and quoted:  # «Ведомости», «Дождь», «ВКонтакте»: a quoted word is a name as written
            ps = parse(word)
            if ps and ps[0].tag.POS == "NOUN" and ps[0].tag.case not in ("nomn", None) and ps[0].is_known and (
                    "Orgn" in ps[0].tag or "Geox" not in ps[0].tag) and ps[0].tag.number != "plur":
                nominative = ps[0].inflect({"nomn"})  # «Мегафона» → «Мегафон»
                if nominative is not None and ps[0].score > 0.5:
                    return nominative.word[:1].upper() + nominative.word[1:]
            return word
        if not word.isupper():
            ps = parse(word)
            if ps and ps[0].tag.POS not in ("NOUN", None) and ps[0].score > 0.4:
                return None
            if _common_word(word) and not any("Orgn" in p.tag or "Abbr" in p.tag for p in ps):
                return None  # «Главы», «Центра»: a common noun, not a name
            if ps and ps[0].tag.POS == "NOUN" and ps[0].tag.case not in ("nomn", None) and "Orgn" in ps[0].tag:
                nominative = ps[0].inflect({"nomn"})  # «Госдепартамента» → «Госдепартамент»
                if nominative is not None:
                    if word.lower().startswith(nominative.word):
                        return word[: len(nominative.word)]  # the written capitals: «СИБУРом» → «СИБУР»
                    return nominative.word[:1].upper() + nominative.word[1:]
        return word
    if words[0][:1].islower():
        return None
    if all(w.isupper() or not w[:1].isalpha() for w in words):
        return surface  # «ЦССИ ФСО России»: acronyms are not declined
    nominative = nominative_phrase(words)
    name = " ".join(nominative)
    return name[:1].upper() + name[1:]


# ------------------------------------------------------------------ places

_STREET_BEFORE = re.compile(r"(?i)(?:ул|пр|просп|пл|пер|наб|бул|им)\.\s*$|(?:улиц|проспект|площад|переул|бульвар|набережн|имени)\w*\s+$")


def place_from_ner(span: NerSpan, before: str = "") -> str | None:
    """A place's name in the nominative: «Смоленской области» → «Смоленская область», «России» → «Россия».
    ``before`` is the text just before the span (a street's «ул.» keeps «Горького» a place)."""
    surface = re.sub(r"\s+", " ", span.text).strip(" «»\"'-")
    words = surface.split()
    if not words or not words[0][:1].isupper():
        return None
    if len(words) == 1:
        word = words[0]
        if word.isupper():
            return word
        ps = parse(word)
        if ps and "Surn" in ps[0].tag and not any("Geox" in p.tag for p in ps) and "-" not in word \
                and not _STREET_BEFORE.search(before):
            return None  # «Лазареву», «Кафке»: a person's name Natasha took for a place (not «ул. Горького»)
        for p in ps:
            if "Geox" in p.tag and p.tag.POS == "NOUN":
                nom = p.inflect({"nomn"})
                if nom is not None:  # the written capitals kept part by part: «Санкт-Петербурге» → «Санкт-Петербург»
                    return "-".join(n[:1].upper() + n[1:] if w[:1].isupper() else n
                                    for w, n in zip(word.split("-"), nom.word.split("-"), strict=False))
        return word
    return " ".join(nominative_phrase(words))
