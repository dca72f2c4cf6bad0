"""People's names: find them in a sentence and write them in the nominative.

A mention is a surname with a given name and patronymic (in either order), or
a surname with initials (before or after, with or without dots and spaces,
surnames in capitals in signatures).  The nominative needs the gender and the
case of the mention: the patronymic and the given name say both; where only
initials are written, the context says the case (the post word in apposition,
the governing preposition), and the case picks the gender out of ambiguous
endings (dative «Пичугину» is a man, accusative «Хайруллину» a woman).
Surnames are declined by suffix rules, not by pymorphy's dictionary forms,
which turn «Мешков» into «мешок» and every feminine surname masculine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.morph import CASES, parse

UP = "А-ЯЁ"
LO = "а-яё"
_CAP = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
_CAPS = rf"[{UP}]{{3,}}(?:-[{UP}]{{3,}})?"
_I = rf"[{UP}]"

# order matters: full names first, then initials after, then before the surname
_PATTERNS = [
    # the surname may stand in capitals, first or last: «ИВАНОВУ Марию Петровну», «Мария Петровна ИВАНОВА»
    ("full", re.compile(rf"(?<![{UP}{LO}.])(?P<a>{_CAP}|{_CAPS})[ \t]+(?P<b>{_CAP})[ \t]+(?P<c>{_CAP}|{_CAPS})"
                        rf"(?![{UP}{LO}])")),
    # a list item may glue its number to the surname («8.Татаринчик Н.В.») and drop the last dot at the line's end
    ("after", re.compile(
        rf"(?<![{UP}{LO}])(?<![{UP}{LO}]\.)(?P<s>{_CAP}|{_CAPS})\s+(?P<i1>{_I})\.\s?(?:(?P<i2>{_I})(?:\.|(?=[ \t]*(?:\n|$))))?"
        rf"(?![{UP}{LO}])")),
    ("before", re.compile(
        rf"(?<![{UP}{LO}.])(?P<i1>{_I})\.[ \t]?(?:(?P<i2>{_I})\.[ \t]{{0,2}})?(?P<s>{_CAP}|{_CAPS})(?![{UP}{LO}])")),
    ("nodots", re.compile(rf"(?<![{UP}{LO}.])(?P<s>{_CAP})[ \t]+(?P<i1>{_I})(?P<i2>{_I})(?![{UP}{LO}.])")),
    # a given name and a surname, in either order: «губернатор Вадим Шумков», «Волкова Ирина, педагог-психолог»
    ("pair", re.compile(rf"(?<![{UP}{LO}.])(?P<a>{_CAP})[ \t]+(?P<b>{_CAP})(?![{UP}{LO}]|\.[ \t]?[{UP}]\.)")),
]

# words that look like a capitalised surname but never are one here
NOT_SURNAMES = {
    "приказ", "положение", "постановление", "протокол", "справка", "директор", "начальник", "заместитель",
    "учитель", "руководитель", "муниципальное", "средняя", "основная", "государственное", "школа", "российской",
    "федерации", "республики", "области", "края", "района", "героя", "союза", "советского", "россии", "рф",
    "вручить", "наградить", "объявить", "назначить", "возложить", "утвердить", "контроль", "члены", "список",
}
# «им. Героя Советского Союза И.Т. Пенкина»: only titles between «имени» and the name («имени Хруничева Владимир
# Нестеров» names the centre's eponym first, then its head)
_EPONYM_TITLES = (r"(?:[Гг]ероя|дважды|трижды|Советского|Союза|России|Российской|Федерации|Социалистического|Труда|"
                  r"академика|генерала|маршала|адмирала|космонавта|поэта|писателя|композитора|святого|святой|"
                  rf"святителя|преподобного|профессора|[{UP}]{{2,}})")
_EPONYM_BEFORE = re.compile(rf"(?:(?<![{LO}])им\.?|\bимени)(?:\s+{_EPONYM_TITLES}){{0,4}}\s*$")

# governing words that fix the case of what follows
_PREP_CASE = {
    "на": {"accs"}, "в": {"accs", "loct"}, "за": {"accs", "ablt"}, "с": {"ablt", "gent"}, "со": {"ablt"},
    "у": {"gent"}, "от": {"gent"}, "для": {"gent"}, "без": {"gent"}, "до": {"gent"}, "к": {"datv"},
    "ко": {"datv"}, "о": {"loct"}, "об": {"loct"}, "при": {"loct"},
}
_PATR_FEMN = re.compile(r"^(.{2,}(?:ов|ев|ич))(на|ны|не|ну|ной)$")
_PATR_MASC = re.compile(r"^(.{2,}(?:ов|ев|ь)?ич)(|а|у|ем|е)$")
_PATR_CASES = {
    "на": {"nomn"}, "ны": {"gent"}, "не": {"datv", "loct"}, "ну": {"accs"}, "ной": {"ablt"},
    "": {"nomn"}, "а": {"gent", "accs"}, "у": {"datv"}, "ем": {"ablt"}, "е": {"loct"},
}


@dataclass
class PersonMention:
    surname: str  # nominative
    initials: tuple[str, ...]
    given: str | None = None  # nominative
    patronymic: str | None = None
    gender: str | None = None
    case: str | None = None
    start: int = 0
    end: int = 0
    surface: str = ""
    kind: str = ""  # which pattern found it
    extra: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The fullest written form: «Фамилия Имя Отчество» or «Фамилия И.О.»."""
        if self.given and self.patronymic:
            return f"{self.surname} {self.given} {self.patronymic}"
        if self.given:
            return f"{self.surname} {self.given}"
        return f"{self.surname} {''.join(i + '.' for i in self.initials)}".strip()

    @property
    def key(self) -> tuple[str, str, str]:
        """Surname and initials: the identity of a person within a document."""
        s = self.surname.lower().replace("ё", "е")
        return (s, self.initials[0] if self.initials else "", self.initials[1] if len(self.initials) > 1 else "")


# ------------------------------------------------------------- given names, patronymics

def patronymic_reading(word: str) -> tuple[str, str, set[str]] | None:
    """(nominative, gender, possible cases) of a patronymic, by its suffix; None if it is not one."""
    low = word.lower()
    m = _PATR_FEMN.match(low)
    if m:
        return word[: len(m.group(1))] + "на", "femn", set(_PATR_CASES[m.group(2)])
    m = _PATR_MASC.match(low)
    if m and ("вич" in low or "ьич" in low or any("Patr" in p.tag for p in parse(low))):
        return word[: len(m.group(1))], "masc", set(_PATR_CASES[m.group(2)])
    return None


def given_name_readings(word: str) -> list[tuple[str, str, str]]:
    """(nominative, gender, case) readings of a word as a given name (pymorphy's Name tag)."""
    out = []
    # indeclinable readings last: «Анне» is the dative of Анна before it is the name Анне
    for p in sorted(parse(word), key=lambda r: "Fixd" in r.tag):
        if "Name" in p.tag and p.tag.case in CASES and p.tag.number != "plur":
            nom = p.inflect({"nomn", "sing"})
            if nom is not None:
                out.append((word[:1].upper() + nom.word[1:], str(p.tag.gender or ""), str(p.tag.case)))
    return out


# ------------------------------------------------------------- surnames

# (ending of the written form, gender, case, ending of the nominative); the stem must end in one of `stems`
_OV_STEMS = ("ов", "ев", "ёв", "ин", "ын")
_OV = [
    ("", "masc", "nomn", ""), ("а", "masc", "gent", ""), ("а", "masc", "accs", ""), ("у", "masc", "datv", ""),
    ("ым", "masc", "ablt", ""), ("е", "masc", "loct", ""),
    ("а", "femn", "nomn", "а"), ("ой", "femn", "gent", "а"), ("ой", "femn", "datv", "а"), ("у", "femn", "accs", "а"),
    ("ой", "femn", "ablt", "а"), ("ой", "femn", "loct", "а"),
]
_ADJ = [  # adjectival surnames: stem + ending; nominative ending chosen by the stem
    ("ий", "masc", "nomn"), ("ый", "masc", "nomn"), ("ого", "masc", "gent"),
    ("его", "masc", "gent"), ("ого", "masc", "accs"), ("ому", "masc", "datv"), ("ему", "masc", "datv"),
    ("им", "masc", "ablt"), ("ым", "masc", "ablt"), ("ом", "masc", "loct"), ("ем", "masc", "loct"),
    ("ая", "femn", "nomn"), ("яя", "femn", "nomn"), ("ой", "femn", "gent"), ("ей", "femn", "gent"),
    ("ой", "femn", "datv"), ("ой", "femn", "ablt"), ("ой", "femn", "loct"), ("ую", "femn", "accs"),
    ("юю", "femn", "accs"),
]
_CONS = [("", "masc", "nomn"), ("а", "masc", "gent"), ("а", "masc", "accs"), ("у", "masc", "datv"),
         ("ом", "masc", "ablt"), ("ем", "masc", "ablt"), ("е", "masc", "loct")]
_A_NOUN = [("а", "nomn"), ("ы", "gent"), ("и", "gent"), ("е", "datv"), ("у", "accs"), ("ой", "ablt"), ("е", "loct")]
_INDECLINABLE = ("их", "ых", "ко", "о", "е", "и", "у", "ю", "э", "ь")
_VOWELS = set("аеёиоуыэюя")


def _adj_nominative(stem: str, gender: str) -> str:
    if gender == "femn":
        return stem + ("яя" if stem.endswith("н") and False else "ая")
    if stem.endswith(("ск", "цк", "к", "г", "х", "ж", "ш", "ч", "щ")):
        return stem + "ий"
    return stem + "ый"


def surname_readings(word: str) -> list[tuple[str, str, str, int]]:
    """Every (nominative, gender, case, prior) the written surname can be; higher prior = likelier."""
    low = word.lower()
    out: list[tuple[str, str, str, int]] = []
    for ending, gender, case, nom_ending in _OV:
        if low.endswith(ending) and low[: len(low) - len(ending)].endswith(_OV_STEMS):
            stem = word[: len(word) - len(ending)]
            out.append((stem + nom_ending, gender, case, 3))
    adjectival = low.endswith(("ский", "цкий", "ская", "цкая")) or any(
        "ADJF" in p.tag for p in parse(low)) or re.search(r"(ск|цк)(ого|ому|им|ом|ой|ую)$", low)
    if adjectival:
        for ending, gender, case in _ADJ:
            if low.endswith(ending):
                stem = word[: len(word) - len(ending)]
                if len(stem) >= 2:
                    out.append((_adj_nominative(stem, gender), gender, case, 2))
        if low.endswith("ой"):  # «Толстой», «Луговской»: rare beside feminine «-ой» forms
            out.append((word, "masc", "nomn", 0))
    consonant_final = low[-1:] not in _VOWELS and low[-1:] != "й"
    if not out:
        for ending, gender, case in _CONS:
            if ending and low.endswith(ending):
                stem = word[: len(word) - len(ending)]
                if stem and stem[-1].lower() not in _VOWELS and not stem.lower().endswith(_OV_STEMS):
                    # «-е» as the prepositional of «Мельник» is rarer than a foreign «Рютте»
                    out.append((stem, gender, case, 0.4 if ending == "е" else 1))
                elif len(stem) >= 3 and stem[-1].lower() in _VOWELS and ending in ("а", "у", "ем", "е"):
                    # й-stems: «Карзаем» → «Карзай», «Гайдаю» handled by «ю» below
                    out.append((stem + "й", gender, case, 1))
        for ending, case in (("я", "gent"), ("ю", "datv"), ("я", "accs")):
            stem = word[: len(word) - len(ending)]
            if low.endswith(ending) and len(stem) >= 3 and stem[-1].lower() in _VOWELS and stem[-1].lower() != "и":
                out.append((stem + "й", "masc", case, 1))
        for ending, case in _A_NOUN:
            if low.endswith(ending):
                stem = word[: len(word) - len(ending)]
                if len(stem) >= 2 and stem[-1].lower() not in _VOWELS:
                    out.append((stem + "а", "femn", case, 0.9))
                    out.append((stem + "а", "masc", case, 0.9))
    oblique = len(low) > 5 and re.search(r"(?:[бвгджзклмнпрстфхцчшщ](ом|ем|ым|им|а|у)|[аеоуэ](ем|ю|я))$", low)
    if consonant_final and not oblique:
        # consonant-final: women's surnames do not decline (Курилович); «Кэмероном» is no woman's form
        for case in CASES:
            out.append((word, "femn", case, 1))
    if not out or low.endswith(("е", "и", "о", "э", "их", "ых", "ия", "уа", "иа")):  # indeclinable: -их, -ко, -ия …
        for case in CASES:
            out.append((word, "masc", case, 0))
            out.append((word, "femn", case, 0))
    if consonant_final and not oblique and not any(r[2] != "nomn" and r[3] >= 3 for r in out):
        out.append((word, "masc", "nomn", 4))  # «Мельник», «Абрамович»: the word is the nominative
    return out


def nominative_surname(word: str, gender: str | None = None, cases: set[str] | None = None) -> tuple[str, str, str]:
    """The nominative of a surname, with the gender and case chosen.

    Constraints are relaxed in order (case first, then gender) when no reading
    fits both; among the fitting readings the nominative case is preferred
    when the case is unknown, then the likelier declension type.
    """
    capitals = word.isupper() and len(word) > 1
    written = word[:1] + word[1:].lower() if capitals else word
    if "-" in written.strip("-"):  # «Петровой-Водкиной»: every part declines alike
        parts = written.split("-")
        last, gender, case = nominative_surname(parts[-1], gender, cases)
        heads = [nominative_surname(p, gender or None, {case})[0] if p[:1].isupper() else p for p in parts[:-1]]
        return "-".join([*heads, last]), gender, case
    readings = surname_readings(written)
    for g, cs in ((gender, cases), (gender, None), (None, cases), (None, None)):
        fitting = [r for r in readings if (not g or r[1] == g) and (not cs or r[2] in cs)]
        if fitting:
            best = max(fitting, key=lambda r: r[3] + (1.5 if r[2] == "nomn" else 0))
            return best[0], best[1], best[2]
    return written, gender or "", "nomn"


# ------------------------------------------------------------- context

def context_cases(before: str, after: str) -> set[str] | None:
    """Cases the context allows for a mention: the apposition after it, else the nearest
    post word or preposition before it in the same clause («на заместителя … Хайруллину»)."""
    m = re.match(r"\s*[,–-]\s*([а-яё.]+)", after)
    if m:
        word = m.group(1).rstrip(".")
        cs = _post_cases(word) if word not in ("зам", "нач", "рук") else None
        if cs:
            return cs
    clause = re.split(r"[,;:()\n]|(?<=[а-яёА-ЯЁ]{3})\.\s", before[-120:])[-1]  # not at «г.», «И.О.»
    clause = re.sub(r"«[^«»]*»|\"[^\"]*\"", " ", clause)  # «Молодой учитель года»: a title's words govern nothing
    clause = re.sub(rf"[{UP}{LO}]+/[{UP}{LO}]+", " ", clause)  # «д/с», «ж/д»: an abbreviation, no preposition «с»
    words = [w.lower() for w in re.findall(rf"[{UP}{LO}]+", clause)][-8:]
    if words and words[-1] in _PREP_CASE:
        return set(_PREP_CASE[words[-1]])
    # the head of the post is its first word: «Заместителем директора по НМР школы Ведерниковой МФ»
    for i, word in enumerate(words):
        cs = _post_cases(word)
        if cs:
            acting = _acting_case(words[:i])
            if acting is not False:
                return acting  # «и.о. директора школы Кудрявцева Е.Е.»: the genitive post is the prefix's, not hers
            if (re.match(rf"\s*(?:,|и)\s+[{UP}]", after) or _LIST_ITEM_BEFORE.search(clause)) and _plural_nominative(word):
                cs = cs | {"nomn"}  # «учителя физики Королёва Н.Н., Михайлова И.А.»: a plural post over a list
            return cs
    return None


def _acting_case(words: list[str]) -> set[str] | None | bool:
    """The case an acting prefix right before a post word gives the name: «и.о.», «врио» none (unknown);
    «исполняющего обязанности» its own; False where there is no prefix."""
    if words[-2:] == ["и", "о"] or words[-1:] == ["врио"]:
        return None
    if len(words) >= 2 and words[-1] == "обязанности" and words[-2].startswith("исполняющ"):
        return {p.tag.case for p in parse(words[-2]) if p.tag.case} or None
    return False


# the name before this one in a list ends with its initials: «учителя математики Зуева А.П. и Колосова И.И.»
_LIST_ITEM_BEFORE = re.compile(rf"[{UP}][{LO}]+\s+[{UP}]\.\s?(?:[{UP}]\.)?\s*(?:и|,)\s*$")


def _plural_nominative(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and p.tag.number == "plur" and p.tag.case == "nomn" for p in parse(word))


def _post_cases(word: str) -> set[str] | None:
    from ingest.posts import is_post_word

    if not is_post_word(word):
        return None
    cs = set()
    for p in parse(word):
        if p.tag.POS == "NOUN" and p.tag.case and p.tag.number != "plur":
            cs.add(p.tag.case)
    return cs or None


# ------------------------------------------------------------- finding mentions

def _valid_surname(word: str) -> bool:
    from ingest.posts import is_post_word

    low = word.lower()
    return low not in NOT_SURNAMES and len(low) >= 2 and not is_post_word(low)


def _looks_like_surname(word: str) -> bool:
    """Stricter test for patterns with weak evidence (initials without dots)."""
    low = word.lower()
    if any("Surn" in p.tag for p in parse(low)):
        return True
    return bool(re.search(r"(ов|ев|ёв|ин|ын|ск|цк|ук|юк|ко|ич|ых|их)(а|ой|у|ым|ого|ому|ая|ую|ий|ий)?$", low))


def _common_word(word: str, strict: bool = True) -> bool:
    """A verb, adverb or function word («Выступила», «Также») is never a surname; nor, unless a given name and
    patronymic stand beside it, a short adjective or participle."""
    ps = parse(word)
    pos = ("VERB", "INFN", "ADVB", "PREP", "CONJ", "PRCL", "GRND", "NPRO") + (("PRTS", "ADJS") if strict else ())
    return bool(ps) and ps[0].score > 0.5 and ps[0].tag.POS in pos


def _initials(m: re.Match) -> tuple[str, ...]:
    return tuple(i for i in (m.group("i1"), m.group("i2")) if i)


def _full_name(m: re.Match) -> tuple[str, str, str, str, set[str]] | None:
    """(surname word, given nominative, patronymic nominative, gender, cases) of a three-word name."""
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    for surname, given, patr in ((a, b, c), (c, a, b)):
        if given.isupper() or patr.isupper():
            continue  # only the surname is written in capitals
        pr = patronymic_reading(patr)
        if pr is None:
            continue
        patr_nom, gender, cases = pr
        readings = [r for r in given_name_readings(given) if (not r[1] or r[1] == gender or r[1] == "ms-f")]
        fitting = [r for r in readings if r[2] in cases] or readings
        if not fitting:
            continue
        given_nom = fitting[0][0]
        cases = {r[2] for r in fitting} & cases or cases
        if surname.lower() in NOT_SURNAMES or _common_word(surname, strict=False):
            continue  # a short adjective («Сомова», «Белова») before a given name and patronymic is a surname
        if surname.isupper() and (len(surname) <= 4 or surname in _KNOWN_ABBREVIATIONS):
            continue  # «СОШ Марии Петровны»: an abbreviation, not a surname in capitals
        return surname, given_nom, patr_nom, gender, cases
    return None


def _given_score(word: str) -> float:
    """How surely a word is a given name: the weight of its dictionary Name readings («Ольга» 1.0, «Любовь» 0.1)."""
    return sum(p.score for p in parse(word) if "Name" in p.tag and p.is_known)


_SURNAME_END = re.compile(r"(?:ов|ев|ёв|ин|ын|ск|цк|ых|их|ко|юк|ук|ич|ян|дзе|швили|енко|ец|ай|ей)(?:а|ой|у|ым|ого|ому|ая|ую|"
                          r"ий|ой|ым|ем|е)?$")


def _surname_score(word: str) -> float:
    low = word.lower()
    score = sum(p.score for p in parse(low) if "Surn" in p.tag)
    if _SURNAME_END.search(low):
        score += 0.5
    return score


def _pair_name(a: str, b: str, context: set[str] | None) -> PersonMention | None:
    """A given name and a surname without a patronymic, either order, in the nominative («Евгения Амеличкина»
    after a nominative post is a woman; «Вадим Шумков» → «Шумков Вадим»); None when the pair is no person's name
    (a patronymic, two common words, two given names)."""
    if any(patronymic_reading(w) for w in (a, b)):
        return None  # «Мария Ивановна»: a given name and a patronymic
    if a.lower() in NOT_SURNAMES or b.lower() in NOT_SURNAMES:
        return None
    options = []
    for given, surname in ((a, b), (b, a)):
        g, s = _given_score(given.lower()), _surname_score(surname)
        if not (g >= 0.3 or (g > 0 and s >= 0.5)) or _given_score(surname.lower()) > 0.5 or _common_word(surname):
            continue  # «Любовь Духанина»: a given name that is a common noun too, beside a sure surname
        readings = parse(surname.lower())
        if s < 0.3 and any(p.is_known for p in readings):
            continue  # a known word that is no surname after a given name («Москве Ирина», «Мария Поздравила»)
        if any("Geox" in p.tag and p.score > 0.3 for p in readings) and not any("Surn" in p.tag for p in readings):
            continue
        options.append((g + s + (0.2 if given is a else 0), given, surname))
    if not options:
        return None
    _score, given, surname = max(options)
    best = None
    for nom, gender, case in given_name_readings(given):
        if context and case not in context:
            continue
        sur, sgender, scase = nominative_surname(surname, gender, {case})
        if scase != case or (sgender and sgender != gender):
            continue
        rank = (case == "nomn", 1 if context else 0)
        if best is None or rank > best[0]:
            best = (rank, nom, gender, case, sur)
    if best is None:
        readings = given_name_readings(given)
        if not readings:
            return None
        nom, gender, case = readings[0]
        sur, sgender, scase = nominative_surname(surname, gender, {case})
        # the given name and the surname disagree (a foreign name: «Джахан Поллыева»): the case is not known
        best = ((False, 0), nom, sgender, scase if scase == case else None, sur)
    _rank, nom, gender, case, sur = best
    return PersonMention(sur, (nom[0],), nom, None, gender, case)


# a pupil's name: a class or a pupil word beside it, in its own phrase («Петров Иван, 8 класс»,
# «ученица 5 «А» класса Иванова Мария»); a teacher's post beside it makes it a teacher's
_PUPIL_AFTER = re.compile(r"^\s*[,(–—-]?\s*(?:\d{1,2}\s*[«\"]?[а-яА-Я]?[»\"]?\s*-?\s*(?:го\s+)?класс|учени|учащ|обучающ|"
                          r"воспитанни|школьни)", re.IGNORECASE)
_PUPIL_BEFORE = re.compile(r"(?:(?<![а-яё])(?:учени\w*|учащ\w+|обучающ\w+|воспитанни\w+|школьни\w+)"
                           r"(?:\s+\d{1,2}\s*[«\"]?[А-Яа-я]?[»\"]?\s*-?\s*(?:го\s+)?класс\w*)?(?:\s+(?-i:[А-ЯЁ«\"])[^,;]{0,40})?"
                           r"|\d{1,2}\s*[«\"]?[А-Яа-я]?[»\"]?\s*-?\s*(?:го\s+)?класс\w*)\s*$", re.IGNORECASE)


# a work or a date a name is cited for: the author of a poem, a tale, a textbook, a jubilee («стихотворения
# "Сеятелям" Николая Некрасова», «200-летию со дня рождения К.Д. Ушинского», «по сказке К. Чуковского»)
_CITED_BEFORE = re.compile(r"(?i)(?:(?<![а-яё])(?:стихотворени\w*|сказк\w*|рассказ(?:а|е|у|ом|ы|ов|ах)?|произведени\w*|"
                           r"повест(?:ь|и|ью)|поэм\w*|роман(?:а|е|у|ом)?|басн\w*|песн\w*|книг\w*|цитат\w*|учебник\w*|"
                           r"пьес\w*|картин\w*|портрет\w*)(?:\s+[«\"][^»\"]{1,60}[»\"])?(?:\s+\(\d{4}\))?"
                           r"|(?:со\s+)?дня\s+рождения|годовщин\w+\s+(?:со\s+)?дня\s+рождения|\d+-?лети\w+|памяти"
                           r"|по\s+теме\s+[«\"])\s*$")


def cited_name(text: str, start: int, end: int) -> bool:
    """Whether a name is cited, not one of the network's: inside a quoted title, the author of a work, the
    subject of a jubilee, an eponym («им. Н.Ф. Гаврилова»)."""
    before = text[max(0, start - 80):start]
    if _EPONYM_BEFORE.search(before) or _CITED_BEFORE.search(before):
        return True
    # «по теме «К. Бальмонт «Снежинка»»»: a name inside a short quoted title (not a quoted speech)
    opening = before.rfind("«")
    if opening < 0 or "»" in before[opening:] or len(before) - opening > 30:
        return False
    closing = text.find("»", end, end + 60)
    return closing >= 0 and not re.search(r"[.!?,:]\s|\s[—–]\s", text[start - (len(before) - opening):closing])


def excluded_name(text: str, start: int, end: int) -> bool:
    """A name the network's facts leave out: a pupil's, a cited author's, an eponym, a place's («ул. Карла Маркса»)."""
    return pupil_context(text, start, end) or cited_name(text, start, end) or bool(
        _SETTLEMENT_BEFORE.search(text[max(0, start - 40):start]))


def pupil_context(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is a pupil's: a class or a pupil word in its own phrase, before or
    right after it."""
    if _PUPIL_AFTER.match(text[end:end + 40]):
        return True
    before = _PUPIL_BEFORE.search(text[max(0, start - 60):start])
    if before is None:
        return False
    from ingest.posts import is_post_word

    return not any(is_post_word(w) for w in re.findall(rf"[{UP}{LO}]+", before.group(0))[1:])  # «… с учителем …»


# a settlement's or a street's marker: the words after it are a place's name («г. Томска Н.В. Кузнецову», «п.г.т. Ерофей
# Павлович», «ул. Карла Маркса», «по улице Ивана Франко»); the preposition «с» («с Ивановой А.А.») needs no dot to be one
_SETTLEMENT_BEFORE = re.compile(r"(?:^|[\s(])(?:(?:г|п|д|пос|ст|р\.\s?п|п\.\s?г\.\s?т|г\.\s?о|ж\.\s?д\.\s?ст|пгт|рп|с)\.|"
                                r"(?:г|п|пос|пгт|рп)|(?i:ул|пр|пр-т|пер|пл|наб|мкр|б-р)\.|"
                                r"(?i:улиц[аеуы]|проспект\w*|переул\w*|бульвар\w*|площад[ьи]\w*|набережн\w+|"
                                r"микрорайон\w*|поселк\w*|посёлк\w*|сел[оау]|деревн\w+|хутор\w*|станиц\w+)(?![а-яё]))\s*$")
_BEFORE_FOLLOWS = re.compile(rf"[ \t]?(?:{_CAP}|{_CAPS})(?![{{UP}}{{LO}}.])".replace("{UP}", UP).replace("{LO}", LO))
_KNOWN_ABBREVIATIONS = {"РМО", "ММО", "ШМО", "ГМО", "СОШ", "ООШ", "НОШ", "МОУ", "МКОУ", "МБОУ", "МАОУ", "ДОУ", "МБДОУ",
                        "ГАУ", "ДПО", "ФГОС", "ГИА", "ЕГЭ", "ОГЭ", "ВПР", "УВР", "НМР", "РФ", "ИРО", "ИМЦ", "СОИРО"}


def _overlapping(pattern: re.Pattern, text: str):
    """Matches of a pattern, retried from the next word when the caller rejects one: a rejected
    «Новоалтайска Соколова Анна» must not hide «Соколова Анна Игоревна»."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        nxt = re.search(r"\s\S", text[m.start():])
        pos = m.start() + (nxt.start() + 1 if nxt else len(text))


def find_people(text: str, offset: int = 0) -> list[PersonMention]:
    """Person mentions in ``text`` (a sentence), nominative, with offsets shifted by ``offset``."""
    mentions: list[PersonMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for kind, pattern in _PATTERNS:
        for m in _overlapping(pattern, text):
            start, end = m.start(), m.end()
            if not free(start, end):
                continue
            before = text[:start]
            if _EPONYM_BEFORE.search(before):
                taken.append((start, end))  # «им. Н.Ф. Гаврилова» is a school's name, not a person
                continue
            if _SETTLEMENT_BEFORE.search(before):
                continue  # «г. Томска Н.В. Кузнецову», «ул. Карла Маркса»: a place's name, no person
            if excluded_name(text, start, end):
                taken.append((start, end))  # «Петров Иван, 8 класс»: a pupil is no person of the network, nor an author
                continue
            found = _MENTION_OF[kind](m, text, free) if kind in _MENTION_OF else _initials_mention(m, text, kind)
            if found is None:
                continue
            mention, start = found
            mention.start, mention.end = start + offset, end + offset
            mention.surface = text[start:end]
            mention.kind = kind
            mentions.append(mention)
            taken.append((start, end))
    mentions.sort(key=lambda x: x.start)
    return mentions


def _pair_mention(m: re.Match, text: str, free) -> tuple[PersonMention, int] | None:
    """A given name and a surname («губернатор Олег Мирный»), two given names before the surname too; (the
    mention, where it starts)."""
    start, end = m.start(), m.end()
    before, after = text[:start], text[end:]
    third = re.match(rf"[ \t]+({_CAP})(?![{UP}{LO}])", after)
    if third and _pair_name(m.group("b"), third.group(1), None) is not None and _given_score(m.group("b").lower()) > 0.3:
        return None  # «пресс-секретарь Орлова Дмитрий Сомов»: the given name goes with the word after it
    mention = _pair_name(m.group("a"), m.group("b"), context_cases(before, after))
    if mention is None:
        return None
    second = re.search(rf"(?<![{UP}{LO}.])({_CAP})[ \t]+$", before)
    if second and mention.given == m.group("a") and _given_score(second.group(1).lower()) > 0.3 and \
            free(second.start(1), end):  # «Карл Густав Линдберг»: two given names
        start = second.start(1)
        mention.given = f"{second.group(1)} {mention.given}"
        mention.initials = (second.group(1)[0],)
    return mention, start


def _full_mention(m: re.Match, text: str, free) -> tuple[PersonMention, int] | None:
    """A surname, a given name and a patronymic, in either order."""
    full = _full_name(m)
    if full is None:
        return None
    word, given, patr, gender, cases = full
    surname, gender, case = nominative_surname(word, gender, cases)
    if cases and case not in cases:  # an indeclinable surname: the given name tells the case
        case = next(c for c in CASES if c in cases)
    return PersonMention(surname, (given[0], patr[0]), given, patr, gender, case), m.start()


def _initials_mention(m: re.Match, text: str, kind: str) -> tuple[PersonMention, int] | None:
    """A surname with initials after it, before it or without dots; its case from the context."""
    word = m.group("s")
    if not _valid_surname(word) or (kind == "nodots" and not _looks_like_surname(word)):
        return None
    if word.isupper() and (len(word) <= 4 or word in _KNOWN_ABBREVIATIONS):
        return None  # an abbreviation next to initials, not a surname
    before, after = text[:m.start()], text[m.end():]
    if kind == "after" and _BEFORE_FOLLOWS.match(after) and not _looks_like_surname(word):
        return None  # «Секретарь Е.В. Орлова»: the surname is the word after the initials
    surname, gender, case = nominative_surname(word, None, context_cases(before, after))
    return PersonMention(surname, _initials(m), gender=gender, case=case), m.start()


_MENTION_OF = {"pair": _pair_mention, "full": _full_mention}


# ------------------------------------------------------------- a name written alone

_NAME_WORD = re.compile(rf"^(?:{_CAP}|{_CAPS})$")


def parse_name(text: str) -> PersonMention | None:
    """A person's name written on its own (a facts file, a recipient, a name Natasha found), in the
    nominative: the patterns of :func:`find_people` when one covers the whole text, else one to three
    capitalised words read as surname, given name and patronymic. None when it is no person's name."""
    text = " ".join(text.split()).strip(",;: ")
    found = find_people(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end >= len(text.rstrip(".")):
        return found[0]
    words = text.split()
    if not 1 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if any(w.lower() in NOT_SURNAMES for w in words):
        return None
    surname = nominative_surname(words[0])[0]
    if len(words) == 1:
        return PersonMention(surname, (), surface=text, kind="alone")
    given = (given_name_readings(words[1]) or [(words[1], "", "")])[0][0]
    patronymic = None
    if len(words) == 3:
        reading = patronymic_reading(words[2])
        patronymic = reading[0] if reading else words[2]
    initials = (given[0],) + ((patronymic[0],) if patronymic else ())
    return PersonMention(surname, initials, given, patronymic, surface=text, kind="alone")


def looks_like_person_name(text: str) -> bool:
    """Whether a bare string (an event participant, an award recipient) names a person rather than an
    organisation: a surname with initials, or a full name with a patronymic."""
    mention = parse_name(text)
    if mention is None:
        return False
    if mention.kind != "alone":
        return True
    return mention.patronymic is not None and patronymic_reading(text.split()[2]) is not None
