"""Organisations: find their mentions in a sentence and name them in the nominative.

Rules, each a small function over one sentence:

- :func:`abbreviated` — a legal form («МКОУ», «ГАУ ДПО») with a quoted name, a
  school type with a number or settlement («СОШ р.п. Пинеровка», «СОШ № 5»), a
  declined adjective («МКОУ Еланской СОШ») or an acronym («ГАУ ДПО СОИРО»);
- :func:`spelled_out` — the legal form written in words («муниципального
  общеобразовательного учреждения «Средняя общеобразовательная школа п. Тарбагатай»»),
  abbreviated to the official short form «МОУ «СОШ п. Тарбагатай»»;
- :func:`descriptive` — a school or kindergarten named by its adjective
  («в Солнечной средней школе» → «Солнечная средняя школа»);
- :func:`listed` — lists of adjectives over one plural head («Солнечной,
  Вавилонской … средних школ», «Кабаковского и Алейского детских садов»);
- :func:`headed` — authorities, methodical services, institutes and centres
  named by a head noun and its genitive chain («методического кабинета
  управления образования администрации БМР»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.morph import agree_adjective, cases_of, nominative_phrase, parse
from ingest.normalise import org_kind, tidy_org_name

UP = "А-ЯЁ"
LO = "а-яё"

LEGAL_FORMS = sorted(
    """ФГБОУ ФГАОУ ФГКОУ ФГБУ ГБПОУ ГАПОУ ГБОУ ГАОУ ГКОУ ГОУ ОГБОУ ОГАОУ ОГКОУ КГБОУ КГКОУ КГАОУ МБОУ МАОУ МКОУ
    МОБУ МОАУ МОКУ МОУ МБДОУ МАДОУ МКДОУ МДОУ МБУДО МАУДО МКУДО МОУДО МБОУДО МАОУДО ЧОУ НОУ АНО ГБУ ГАУ ГКУ
    МБУ МАУ МКУ МУ ОГБУ ОГАУ КГБУ КГАУ АОУ БОУ КОУ ДОУ ЧУ""".split(),
    key=len, reverse=True,
)
QUALIFIERS = ("ДПО", "ДОД", "ДО", "СПО", "ВО", "ВПО", "ОО")
SCHOOL_TYPES = ("СОШ", "ООШ", "НОШ", "СШ", "ОШ", "ЦО", "ЛИЦЕЙ", "ГИМНАЗИЯ")
OTHER_TYPES = {"ЦДТ": "other", "ДДТ": "other", "ДЮСШ": "other", "ДШИ": "other", "ЦДО": "other", "ДЮЦ": "other",
               "СЮН": "other", "СЮТ": "other", "ИМЦ": "methodical_service", "ММЦ": "methodical_service",
               "РМК": "methodical_service", "ИРО": "institute", "ИПК": "institute", "ИПКРО": "institute",
               "ЦРО": "other", "ППМС": "other"}
_TYPES = sorted(list(SCHOOL_TYPES[:5]) + list(OTHER_TYPES), key=len, reverse=True)

_LEGAL = "(?:" + "|".join(LEGAL_FORMS) + ")"
_QUAL = "(?:" + "|".join(QUALIFIERS) + ")"
_TYPE = "(?:" + "|".join(_TYPES) + ")"
_QUOTED = r"(?:«(?:[^«»]|«[^«»]*»)+»|\"[^\"\n]{2,80}\"|“[^”\n]{2,80}”|„[^“\n]{2,80}“)"
_SETTLEMENT = rf"(?:р\.\s?п\.|п\.\s?г\.\s?т\.|пгт\.?|п\.|пос\.|с\.|д\.|г\.|ст\.|х\.|аул|село|поселка|посёлка|города|деревни)\s?[{UP}][{LO}]+(?:[- ][{UP}][{LO}]+)?"
_NUMBER = r"№\s?\d+[А-Яа-я]?"
_EPONYM = rf"им(?:\.|ени)\s?(?:[{UP}][{LO}]*\.?\s?){{1,5}}"
_ADJ = rf"[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?"

_ABBREVIATED = re.compile(
    rf"(?<![{UP}{LO}])(?P<legal>{_LEGAL})(?:\s(?P<qual>{_QUAL}))?(?![{UP}{LO}])\s*"
    rf"(?:(?P<quoted>{_QUOTED})"
    rf"|(?P<type>{_TYPE})(?:\s*(?P<num>{_NUMBER}))?(?:\s*(?P<settl>{_SETTLEMENT}))?(?:\s*(?P<epon>{_EPONYM}))?"
    rf"(?:\s?(?P<tquoted>{_QUOTED}))?"
    rf"|(?P<adj>{_ADJ})\s(?P<atype>{_TYPE})(?:\s?(?P<anum>{_NUMBER}))?"
    rf"|(?P<acro>[{UP}]{{3,8}})(?![{LO}])"
    rf"|(?P<word>[Шш]кола|[Гг]имназия|[Лл]ицей|[Дд]етский сад)\s?(?P<wnum>{_NUMBER})(?:\s?(?P<wsettl>{_SETTLEMENT}))?)"
)
_BARE_TYPE = re.compile(
    rf"(?<![{UP}{LO}])(?:(?P<adj>{_ADJ})\s)?(?P<type>СОШ|ООШ|НОШ)(?![{UP}{LO}])"
    rf"(?:\s*(?P<num>{_NUMBER}))?(?:\s*(?P<settl>{_SETTLEMENT}))?(?:\s?(?P<tquoted>{_QUOTED}))?"
)
_SPELLED = re.compile(
    r"(?P<form>(?:федеральн\w+\s+)?(?:муниципальн|государственн|областн|краев|частн|негосударственн)\w*\s+"
    r"(?:(?:казенн|казённ|бюджетн|автономн)\w*\s+)?"
    r"(?:(?:обще|дошкольн\w*\s+|профессиональн\w*\s+)?образовательн\w*\s+)?"
    r"(?:учреждени|организаци)\w*"
    r"(?:\s+(?:дополнительн\w*\s+(?:профессиональн\w*\s+|педагогическ\w*\s+)?образовани\w*|высш\w+\s+образовани\w*"
    r"|дополнительн\w+\s+образовани\w+\s+детей))?)\s*(?P<quoted>" + _QUOTED + ")",
    re.IGNORECASE,
)
_SCHOOL_HEAD = r"(?:средн\w+\s+(?:общеобразовательн\w+\s+)?школ\w*|основн\w+\s+(?:общеобразовательн\w+\s+)?школ\w*|начальн\w+\s+(?:общеобразовательн\w+\s+)?школ\w*|гимнази\w+|лице[йяюе]\w*|детск\w+\s+сад\w*|школ[аыеуо]\w*(?:-интернат\w*)?)"
_DESCRIPTIVE = re.compile(
    rf"(?<![{UP}{LO}])(?P<adj>(?:{_ADJ}\s+){{1,2}})(?P<head>{_SCHOOL_HEAD})(?![{LO}])(?:\s?(?P<num>{_NUMBER}))?"
)
_NUMBERED = re.compile(
    rf"(?<![{LO}])(?P<head>(?:[Мм]униципальн\w+\s+)?(?:[Сс]редн\w+\s+(?:общеобразовательн\w+\s+)?|[Оо]сновн\w+\s+(?:общеобразовательн\w+\s+)?)?[Шш]кол\w+|[Гг]имнази\w+|[Лл]ице[йяюе]\w*|[Дд]етск\w+\s+сад\w*|[Цц]ентр\w*\s+образовани\w+)\s?(?P<num>{_NUMBER})"
    rf"(?:\s?(?P<settl>{_SETTLEMENT}))?"
)
_LIST_HEAD = r"(?P<head>средних\s+(?:общеобразовательных\s+)?школ|основных\s+(?:общеобразовательных\s+)?школ|школ|гимназий|лицеев|детск\w+\s+садов|школьных\s+округов|образовательных\s+округов)(?![{LO}])"
_LISTED = re.compile(
    rf"(?<![{UP}{LO}])(?P<items>{_ADJ}(?:\s*,\s*{_ADJ})*(?:\s*,?\s+и\s+{_ADJ})?)\s+" + _LIST_HEAD.replace("{LO}", LO)
)
_HEAD_NOUNS = {
    "управление": "authority", "отдел": "authority", "комитет": "authority", "департамент": "authority",
    "министерство": "authority", "институт": "institute", "университет": "institute", "академия": "institute",
    "колледж": "institute", "кабинет": "methodical_service", "центр": "other",
    "представительство": "other", "библиотека": "other", "музей": "other", "фонд": "other",
}
_HEAD_STEMS = re.compile(r"(?i)(?:управлени|отдел|комитет|департамент|министерств|институт|университет|академи|"
                         r"колледж|кабинет|центр|представительств|библиотек|музе|фонд)")
_CHAIN_STOP = {"и", "в", "на", "с", "со", "от", "за", "к", "о", "об", "из", "для", "при", "у", "до", "как", "что",
               "или", "а", "но", "не"}


@dataclass
class OrgMention:
    name: str
    kind: str
    start: int
    end: int
    surface: str
    legal: str = ""  # legal form abbreviation, when written
    district_hint: str | None = None  # an adjective of a district inside the name
    aliases: list[str] = field(default_factory=list)


# ------------------------------------------------------------- helpers

def abbreviate_form(form: str) -> str:
    """«муниципального общеобразовательного учреждения» → «МОУ»; «государственное автономное
    учреждение дополнительного профессионального образования» → «ГАУ ДПО»."""
    low = form.lower()
    letters = ""
    if "федеральн" in low:
        letters += "Ф"
    for stem, letter in (("муниципальн", "М"), ("государственн", "Г"), ("областн", "О"), ("краев", "К"),
                         ("негосударственн", "Н"), ("частн", "Ч")):
        if stem in low and not (stem == "государственн" and "негосударственн" in low):
            letters += letter
            break
    for stem, letter in (("казенн", "К"), ("казённ", "К"), ("бюджетн", "Б"), ("автономн", "А")):
        if stem in low:
            letters += letter
    if "дошкольн" in low:
        letters += "ДО"
    elif "образовательн" in low:
        letters += "О"
    letters += "У"
    if re.search(r"дополнительн\w+\s+профессиональн", low):
        letters += " ДПО"
    elif re.search(r"дополнительн\w+\s+образовани", low):
        letters += " ДО"
    return letters


def abbreviate_inner(name: str) -> str:
    """Inside a quoted name: «Средняя общеобразовательная школа п. X» → «СОШ п. X»."""
    for pattern, short in ((r"[Сс]редн\w+ общеобразовательн\w+ школ\w*", "СОШ"),
                           (r"[Оо]сновн\w+ общеобразовательн\w+ школ\w*", "ООШ"),
                           (r"[Нн]ачальн\w+ общеобразовательн\w+ школ\w*", "НОШ")):
        name = re.sub(pattern, short, name)
    return name


def _quoted_inner(quoted: str) -> str:
    return quoted[1:-1].strip()


def acronym(words: str) -> str:
    """Initial letters of the words of a name, hyphenated parts included: «Смоленский областной
    институт развития образования» → «СОИРО»."""
    parts = re.findall(rf"[{UP}{LO}]+", words)
    return "".join(p[0].upper() for p in parts if len(p) > 1 or p.isupper())


# ------------------------------------------------------------- rules

def abbreviated(text: str, offset: int = 0) -> list[OrgMention]:
    out = []
    for m in _ABBREVIATED.finditer(text):
        legal = m.group("legal") + (" " + m.group("qual") if m.group("qual") else "")
        if m.group("quoted"):
            inner = abbreviate_inner(_quoted_inner(m.group("quoted")))
            name = f"{legal} «{inner}»"
        elif m.group("type"):
            if not (m.group("num") or m.group("settl") or m.group("epon") or m.group("tquoted")):
                continue  # «МОУ СОШ» alone names no school
            name = " ".join(x for x in (legal, m.group("type"), m.group("num"), m.group("settl"), m.group("epon"),
                                        m.group("tquoted")) if x)
        elif m.group("adj"):
            adj = m.group("adj")
            if not any(p.tag.POS == "ADJF" for p in parse(adj)):
                continue
            nom = agree_adjective(adj, "школа" if m.group("atype") in SCHOOL_TYPES else "центр")
            inner = " ".join(x for x in (nom, m.group("atype"), m.group("anum")) if x)
            name = f"{legal} «{inner}»"
        elif m.group("acro"):
            name = f"{legal} {m.group('acro')}"
        elif m.group("word"):
            word = nominative_phrase(m.group("word").split())
            name = " ".join(x for x in (legal, " ".join(word), m.group("wnum"), m.group("wsettl")) if x)
        else:
            continue
        name = tidy_org_name(name)
        kind = org_kind(name)
        if m.group("type") in OTHER_TYPES:
            kind = OTHER_TYPES[m.group("type")]
        out.append(OrgMention(name, kind, m.start() + offset, m.end() + offset, m.group(0), legal=legal))
    for m in _BARE_TYPE.finditer(text):
        if not (m.group("num") or m.group("settl") or m.group("adj") or m.group("tquoted")):
            continue
        adj = m.group("adj")
        if adj and not any(p.tag.POS == "ADJF" for p in parse(adj)):
            adj = None
            if not (m.group("num") or m.group("settl") or m.group("tquoted")):
                continue
        start = m.start() if adj else m.start("type")
        nom = agree_adjective(adj, "школа") if adj else None
        name = tidy_org_name(" ".join(x for x in (nom, m.group("type"), m.group("num"), m.group("settl"), m.group("tquoted"))
                              if x))
        out.append(OrgMention(name, "school", start + offset, m.end() + offset, text[start:m.end()]))
    return out


def spelled_out(text: str, offset: int = 0) -> list[OrgMention]:
    out = []
    for m in _SPELLED.finditer(text):
        legal = abbreviate_form(m.group("form"))
        inner = _quoted_inner(m.group("quoted"))
        name = tidy_org_name(f"{legal} «{abbreviate_inner(inner)}»")
        full = " ".join(nominative_phrase(m.group("form").split())) + f" «{inner}»"
        full = full[:1].lower() + full[1:]
        out.append(OrgMention(name, org_kind(name + " " + inner), m.start() + offset, m.end() + offset, m.group(0),
                              legal=legal, aliases=[tidy_org_name(full), tidy_org_name(inner)]))
    return out


def _is_toponym_adjective(word: str) -> bool:
    low = word.lower()
    if not re.search(r"(ск|цк|ов|ев|ин|ёв|н)(ий|ый|ой|ая|ое|ого|ому|ым|ом|ой|ую|ей|их|ых|ие|ые)$", low):
        return False
    return any(p.tag.POS in ("ADJF",) for p in parse(low))


def descriptive(text: str, offset: int = 0) -> list[OrgMention]:
    out = []
    for m in _DESCRIPTIVE.finditer(text):
        adjs = m.group("adj").split()
        head_words = m.group("head").split()
        # keep only the toponymic adjectives right before the head («в Солнечной средней школе»)
        adjs = [a for a in adjs if _is_toponym_adjective(a)]
        if not adjs or adjs != m.group("adj").split()[-len(adjs):]:
            continue
        if m.start() == 0 or text[max(0, m.start() - 2):m.start()].strip() in ("", ".", "!", "?"):
            # capitalised at the start of a sentence: only a toponym-looking adjective is a name
            if adjs[0].lower() in ("средняя", "основная", "муниципальная", "начальная"):
                continue
        if any(p.tag.number == "plur" for p in parse(head_words[-1]) if p.tag.POS == "NOUN") and not any(
                p.tag.number == "sing" for p in parse(head_words[-1]) if p.tag.POS == "NOUN"):
            continue
        phrase = nominative_phrase(adjs + head_words)
        name = " ".join(phrase) + (" " + m.group("num") if m.group("num") else "")
        name = tidy_org_name(name[:1].upper() + name[1:])
        start = m.start("adj") + m.group("adj").index(adjs[0])
        out.append(OrgMention(name, org_kind(name), start + offset, m.end() + offset, text[start:m.end()]))
    for m in _NUMBERED.finditer(text):
        words = nominative_phrase(m.group("head").split())
        name = tidy_org_name(" ".join(words) + " " + m.group("num") + (" " + m.group("settl") if m.group("settl") else ""))
        name = name[:1].upper() + name[1:]
        out.append(OrgMention(name, org_kind(name), m.start() + offset, m.end() + offset, m.group(0)))
    return out


_SINGULAR_HEADS = {
    "средних школ": "средняя школа", "средних общеобразовательных школ": "средняя общеобразовательная школа",
    "основных школ": "основная школа", "основных общеобразовательных школ": "основная общеобразовательная школа",
    "школ": "школа", "гимназий": "гимназия", "лицеев": "лицей", "детских садов": "детский сад",
    "детского садов": "детский сад", "школьных округов": "школьный округ",
    "образовательных округов": "образовательный округ",
}


def listed(text: str, offset: int = 0) -> list[OrgMention]:
    """Each adjective of a list over one plural head, as its own organisation (or school district)."""
    out = []
    for m in _LISTED.finditer(text):
        head = re.sub(r"\s+", " ", m.group("head").lower())
        singular = _SINGULAR_HEADS.get(head)
        if singular is None:
            continue
        noun = singular.split()[-1]
        for item in re.finditer(_ADJ, m.group("items")):
            adj = item.group(0)
            if not _is_toponym_adjective(adj):
                continue
            nom = agree_adjective(adj, noun)
            name = f"{nom} {singular}"
            start = m.start("items") + item.start()
            kind = "school_district" if "округ" in singular else org_kind(name)
            out.append(OrgMention(name, kind, start + offset, start + len(adj) + offset, adj))
    return out


def _word_spans(text: str) -> list[tuple[str, int, int]]:
    return [(w.group(0), w.start(), w.end()) for w in re.finditer(rf"[{UP}{LO}A-Za-z]+(?:-[{UP}{LO}]+)*|«[^«»]*»|\S", text)]


def _genitive_noun(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in parse(word))


def _is_adjective(word: str) -> bool:
    ps = parse(word)
    return bool(ps) and ps[0].tag.POS in ("ADJF", "PRTF")


def _genitive(word: str) -> bool:
    cs = cases_of(word)
    return bool(cs & {"gent"})


def headed(text: str, offset: int = 0, barriers: list[tuple[int, int]] = ()) -> list[OrgMention]:
    """Authorities, methodical services, institutes, centres: adjectives + head noun + genitive chain."""
    if not _HEAD_STEMS.search(text):
        return []
    words = _word_spans(text)
    out = []
    i = 0
    while i < len(words):
        word, ws, we = words[i]
        if not _HEAD_STEMS.match(word):  # cheap test first: pymorphy is slow on every word
            i += 1
            continue
        head = None
        for p in parse(word):
            if p.tag.POS == "NOUN" and p.normal_form in _HEAD_NOUNS:
                head = p
                break
        if head is None:
            i += 1
            continue
        kind = _HEAD_NOUNS[head.normal_form]
        # adjectives before the head
        j = i
        while j > 0 and j > i - 4:
            prev = words[j - 1][0]
            if any(p.tag.POS == "ADJF" and p.score > 0.2 for p in parse(prev)) and prev.lower() not in _CHAIN_STOP:
                j -= 1
            else:
                break
        # the genitive chain after the head
        k = i + 1
        by_phrase = False
        while k < len(words):
            w, s, e = words[k]
            if any(bs <= s + offset < be for bs, be in barriers):
                break
            low = w.lower()
            if w.startswith("«"):
                k += 1
                break
            if low == "по" and k + 1 < len(words) and cases_of(words[k + 1][0]) & {"datv", "loct"}:
                by_phrase = True
                k += 2
                continue
            if low == "и" and by_phrase and k + 1 < len(words) and cases_of(words[k + 1][0]) & {"datv", "loct"}:
                k += 2
                continue
            if low == "и" and not by_phrase and k + 1 < len(words) and k > i + 1 and _genitive_noun(words[k + 1][0]):
                k += 2  # «Министерства образования и науки …»
                continue
            if k > i + 1 and words[k - 1][0].lower() in ("республики", "города") and w[:1].isupper():
                k += 1  # «… Республики Башкортостан», «… города Чебоксары»: the name stays as written
                continue
            if by_phrase and cases_of(w) & {"datv", "loct"} and not cases_of(w) & {"gent"}:
                k += 1
                continue
            if low in _CHAIN_STOP or not w[:1].isalpha():
                break
            if w.isupper() and 2 <= len(w) <= 6 and k > i + 1:
                k += 1  # an acronym at the end of the chain: «администрации БМР»
                break
            if _is_adjective(w) and not (k + 1 < len(words) and _genitive(words[k + 1][0])):
                break  # an adjective ends the chain only before a noun: «службы удовлетворительной»
            if _genitive(w) and not any(p.tag.POS in ("VERB", "INFN", "PRTS", "ADVB", "PREP", "CONJ")
                                                  and p.score > 0.4 for p in parse(w)):
                k += 1
                continue
            break
        phrase_words = [w for w, _, _ in words[j:k]]
        start, end = words[j][1], words[k - 1][2]
        surface = text[start:end]
        low_phrase = surface.lower()
        capitalised = phrase_words[0][:1].isupper() and ws > 0 and j > 0
        i = max(k, i + 1)
        if len(phrase_words) < 2:
            continue
        if kind == "authority" and not re.search(r"образовани|просвещени|наук|молод", low_phrase):
            continue
        if kind == "methodical_service" and not re.search(r"методическ", low_phrase):
            continue
        if kind == "other" and not (capitalised or "«" in surface or re.search(r"методическ", low_phrase)):
            continue
        if kind == "other" and re.search(r"методическ\w*\s+(центр|кабинет)", low_phrase):
            kind = "methodical_service"
        if kind == "institute" and len(phrase_words) < 2:
            continue
        if head.tag.number == "plur" and not capitalised:
            continue
        district_hint = None
        if kind in ("methodical_service", "other") and len(phrase_words) > 4:
            tail = _district_tail(phrase_words)
            if tail and phrase_words[-tail - 1].lower() not in _ADMIN_NOUNS:
                district_hint = " ".join(phrase_words[-tail:])
                phrase_words = phrase_words[:-tail]
                end = words[k - 1 - tail][2]
                surface = text[start:end]
        if kind == "institute" and k == i + 1 and not capitalised:
            continue  # «институтом» after a participle, no name
        nominative = nominative_phrase(phrase_words, singular=head.tag.number == "plur")
        name = tidy_org_name(" ".join(nominative))
        name = name[:1].upper() + name[1:]
        out.append(OrgMention(name, kind, start + offset, end + offset, surface, district_hint=district_hint))
    return out


_ADMIN_NOUNS = {"администрации", "управления", "комитета", "отдела", "департамента", "министерства"}


def _district_tail(words: list[str]) -> int:
    """How many words at the end of a chain name a district («… Балашовского (муниципального) района»)."""
    low = [w.lower() for w in words]
    if low[-1] in ("района", "округа", "области", "края") and len(words) >= 2:
        n = 2 if low[-2].startswith("муниципальн") or low[-2].startswith("городск") else 1
        if len(words) > n and words[-n - 1][:1].isupper():
            return n + 1
    return 0


def find_orgs(text: str, offset: int = 0, barriers: list[tuple[int, int]] = ()) -> list[OrgMention]:
    """Every organisation mention of a sentence, longest first where they overlap."""
    found = spelled_out(text, offset) + abbreviated(text, offset) + listed(text, offset) + descriptive(text, offset)
    found += headed(text, offset, barriers)
    found.sort(key=lambda o: (o.start, -(o.end - o.start)))
    kept: list[OrgMention] = []
    for org in found:
        if any(k.start <= org.start and org.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (org.start <= k.start and k.end <= org.end)]
        kept.append(org)
    return kept
