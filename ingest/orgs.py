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
- :func:`numbered` — a type word with a number or a list of numbers, a quoted
  name or both («детских садов № 2, 3 и 15», «детсада №13 «Искорка»», «школ
  № 10 и Айлинской»): one organisation per item;
- :func:`headed` — authorities, councils of deputies, administrations,
  institutes, centres, houses of culture, churches … named by a head noun
  (ingest/data/org_heads.tsv) and its genitive chain, coordination inside it
  included («отдела образования, молодежи и спорта», «Департамента … по
  образованию, науке и делам молодежи»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ingest.morph import agree_adjective, nominative_phrase, parse
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
# a settlement's marker and its name: «р.п. Степное», «г.о. Лесной», «ж.д.ст. Сосновка», «ст-цы Вольной», «рп Лесной»
_SETTLEMENT_MARK = (r"(?:р\.\s?п\.|п\.\s?г\.\s?т\.|г\.\s?о\.|ж\.\s?д\.\s?ст\.|ж/д\s?ст\.|с\.\s?п\.|г\.\s?п\.|м\.\s?р\.|"
                    r"пгт\.?|рп\.?|п\.|пос\.|с\.|д\.|г\.|ст\.|ст-ц[аеыу]|х\.|аул|село|поселка|посёлка|города|деревни|станицы)")
_SETTLEMENT = rf"{_SETTLEMENT_MARK}\s?[{UP}][{LO}]+(?:-[{UP}][{LO}]+|\s[{UP}][{LO}]+(?![{LO}])(?!\s+[{UP}]\.)(?!\s+[{UP}][{LO}]))?"
_NUMBER = r"№\s?\d+[А-Яа-я]?"
# «им. А.П. Чехова», «имени Героя Советского Союза А.П. Зорина», «им. академика Орлова», «им. Чехова А.П.»: the
# eponym ends at its surname (a name after it is a person's, «СОШ им. А.П. Чехова Лунёва О.Г.»)
_EPONYM_TITLE = (rf"(?:(?:[Гг]ероя|[Дд]важды|Советского|Союза|России|Российской|Федерации|Социалистического|Труда|"
                 rf"[Сс]вятого|[Сс]вятителя|[{LO}]{{4,}}(?:а|я))\s+)")
_EPONYM = (rf"им(?:\.|ени)\s?{_EPONYM_TITLE}{{0,4}}(?:(?:[{UP}]\.\s?){{1,2}}[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
           rf"|[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?(?:\s(?:[{UP}]\.\s?){{1,2}}(?![{LO}]))?"
           rf"|[{UP}][{LO}]+(?:\s[{UP}][{LO}]+){{1,2}}(?=[\s,.;:)»\"]|$))")
_ADJ = rf"[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?"

# a school or kindergarten type written in words, in any case («гимназии», «средней образовательной школы»)
_TYPE_WORDS = (r"(?:[Сс]редн\w+\s+(?:обще)?образовательн\w+\s+школ\w*|[Оо]сновн\w+\s+(?:обще)?образовательн\w+\s+школ\w*"
               r"|[Нн]ачальн\w+\s+(?:обще)?образовательн\w+\s+школ\w*|[Сс]р(?:едн\w+|\.)\s?школ\w*|[Гг]имнази[яиюейм]\w*"
               r"|[Лл]ице[йяюе]\w*|[Дд]етск\w+\s+сад\w*|[Дд]етсад\w*|д/с|[Шш]кол[аыеуо]\w*(?:-интернат\w*)?)")
_ABBREVIATED = re.compile(
    rf"(?<![{UP}{LO}])(?P<legal>{_LEGAL})(?:\s(?P<qual>{_QUAL}))?(?![{UP}{LO}])\s*"
    rf"(?:(?P<quoted>{_QUOTED})"
    rf"|(?P<type>{_TYPE})(?:\s*(?P<num>{_NUMBER}))?(?:\s*(?P<settl>{_SETTLEMENT}))?(?:\s*(?P<epon>{_EPONYM}))?"
    rf"(?:\s?(?P<tquoted>{_QUOTED}))?"
    rf"|(?P<adj>{_ADJ})\s(?P<atype>{_TYPE})(?:\s?(?P<anum>{_NUMBER}))?"
    rf"|(?P<word>{_TYPE_WORDS})(?![{LO}])(?:\s?(?P<wnum>{_NUMBER}))?(?:\s?(?P<wsettl>{_SETTLEMENT}))?"
    rf"(?:\s?(?P<wepon>{_EPONYM}))?(?:\s?(?P<wquoted>{_QUOTED}))?"
    rf"|(?P<acro>[{UP}]{{3,8}})(?![{LO}])"
    rf"|(?P<lnum>{_NUMBER}))"
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
# what follows a school's type inside its name: «… с углублённым изучением отдельных предметов», «… имени …»
_SCHOOL_TAIL = (rf"(?:\s(?P<tail>с\s+углубл[её]нным\s+изучением\s+(?:отдельных\s+предметов|[{LO}]+(?:\s+(?:и\s+)?[{LO}]+){{0,3}}"
                rf"(?=\s|[,.;:)]|$)))|\s?(?P<epon>{_EPONYM}))?")
_DESCRIPTIVE = re.compile(
    rf"(?<![{UP}{LO}])(?P<adj>(?:(?:{_ADJ}|\d+-(?:[яйоеиы]й|я|й|ая|ого|ой|ую))\s+(?:(?:городск|сельск|районн|поселков)\w+\s+)?){{1,2}})(?P<head>{_SCHOOL_HEAD})(?![{LO}])(?:\s?(?P<num>{_NUMBER}))?"
    + _SCHOOL_TAIL
)
# a lowercase toponymic adjective names a school only with a number or an eponym: «гатчинской гимназии им. Ушинского»
_DESCRIPTIVE_LOWER = re.compile(
    rf"(?<![{UP}{LO}])(?P<adj>[{LO}]+(?:ск|цк)(?:ая|ой|ую|ий|ого|ому|им|ом))\s+(?P<head>{_SCHOOL_HEAD})(?![{LO}])"
    rf"\s?(?P<epon>{_EPONYM})"
)
# heads that take a number, a list of numbers or a quoted name: «детских садов № 2, 3 и 15», «лицей «Ступени»»
_NUM_HEAD = (r"(?:(?:[Мм]униципальн\w+\s+)?(?:[Сс]редн\w+\s+(?:общеобразовательн\w+\s+)?|[Оо]сновн\w+\s+(?:общеобразовательн\w+\s+)?)?"
             r"[Шш]кол(?:[аыеуо]\w*|(?=\s))(?:\s+семьи)?|[Гг]имнази\w+|[Лл]ице[йяюе]\w*|[Дд]етск\w+\s+сад\w*|[Дд]етсад\w*|д/с"
             r"|[Цц]ентр\w*\s+образовани\w+|ДОУ|ОДОД|ДДТ|ЦДТ|ЦДО|ЦРР|ДШИ|ДЮСШ|СЮН|СЮТ)")
_LIST_NUMBER = r"\d+[А-Яа-я]?(?![\d.,]\d)"
_NUMBERED = re.compile(
    rf"(?<![{UP}{LO}])(?P<head>{_NUM_HEAD})(?![{LO}])"
    rf"(?:\s?(?P<sign>№|N)\s?(?P<nums>{_LIST_NUMBER}(?:\s*(?:,|и)\s*(?:№\s?)?{_LIST_NUMBER})*)(?:\s?(?P<settl>{_SETTLEMENT}))?)?"
    rf"(?:\s(?P<vid>(?:компенсирующ|комбинированн|общеразвивающ|присмотра)\w*\s+(?:вида|и\s+оздоровления)))?"
    rf"(?:\s?(?P<quoted>{_QUOTED}))?"
    rf"(?:\s*,\s*(?P<more>{_QUOTED})|\s+и\s+(?P<and_adj>[{UP}][{LO}]+(?:ой|ей|ого|ому|ым|ом|ую|ая|ий|ый)(?![{LO}])))?"
)
_LIST_HEAD = r"(?P<head>средних\s+(?:общеобразовательных\s+)?школ|основных\s+(?:общеобразовательных\s+)?школ|школ|гимназий|лицеев|детск\w+\s+садов|школьных\s+округов|образовательных\s+округов)(?![{LO}])"
_LISTED = re.compile(
    rf"(?<![{UP}{LO}])(?P<items>{_ADJ}(?:\s*,\s*{_ADJ})*(?:\s*,?\s+и\s+{_ADJ})?)\s+" + _LIST_HEAD.replace("{LO}", LO)
)
# a legal form spelled out and the name after it without quotes: «муниципальное автономное дошкольное образовательное
# учреждение детский сад № 5 «Морячок»», «… учреждения дополнительного образования детей Центр …»
_SPELLED_UNQUOTED = re.compile(
    r"(?P<form>(?:[Фф]едеральн\w+\s+)?(?:[Мм]униципальн|[Гг]осударственн|[Оо]бластн|[Кк]раев|[Чч]астн)\w*\s+"
    r"(?:(?:казенн|казённ|бюджетн|автономн)\w*\s+)?(?:(?:обще|дошкольн\w*\s+|профессиональн\w*\s+)?образовательн\w*\s+)?"
    r"(?:учреждени|организаци)\w*(?:\s+дополнительн\w+\s+образовани\w+(?:\s+детей)?)?)\s+"
    rf"(?P<name>(?:[Дд]етск\w+\s+сад\w*|Центр\w*|(?:{_ADJ}\s+){{1,2}}(?:средн|основн|начальн)\w+\s+(?:обще)?образовательн\w+\s+школ\w*"
    rf"|(?:{_ADJ}\s+)?[Гг]имнази\w+|(?:{_ADJ}\s+)?[Лл]ице[йяюе]\w*))(?![{LO}])"
)
_CHAIN_STOP = {"и", "в", "на", "с", "со", "от", "за", "к", "о", "об", "из", "для", "при", "у", "до", "как", "что",
               "или", "а", "но", "не", "по", "во", "под", "над", "без", "через"}


@lru_cache(maxsize=1)
def org_heads() -> dict[str, tuple[str, str]]:
    """Head nouns of organisations named by a phrase (ingest/data/org_heads.tsv): lemma → (kind, what the phrase
    needs to name one)."""
    text = resources.files("ingest").joinpath("data/org_heads.tsv").read_text(encoding="utf-8")
    heads = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, kind, need = line.split("\t")
            heads[lemma] = (kind, need)
    return heads


@lru_cache(maxsize=1)
def _head_prefixes() -> tuple[str, ...]:
    """Cheap test before pymorphy: the first letters every form of a head lemma shares."""
    out = set()
    for lemma in org_heads():
        out.add(lemma[:4] if len(lemma) >= 5 else (lemma[:-1] if lemma[-1] in "аеиоуыэюяь" else lemma))
    return tuple(sorted(out))


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


def core_acronym(name: str) -> str:
    """The acronym a document may use for an organisation named in words: of its name from the head noun on,
    without the legal form or the territory («МКОУ Центр развития образования» → «ЦРО», «… учреждение …
    Центр экологического воспитания детей городского округа Стрежевой» → «ЦЭВД», «Дом детского творчества» →
    «ДДТ»); empty when the name is no such phrase."""
    words = re.findall(rf"[{UP}{LO}]+(?:-[{UP}{LO}]+)*", re.sub(r"«[^«»]*»", " ", name))
    start = next((i for i, w in enumerate(words) if any(p.tag.POS == "NOUN" and p.normal_form in org_heads()
                                                        for p in parse(w.lower()))), None)
    if start is None:
        return ""
    core = []
    for w in words[start:]:
        if re.match(r"(?i)(?:городск|муниципальн)", w) or re.match(r"(?i)(?:района|области|края)$", w):
            break
        core.append(w)
    letters = "".join(w[0].upper() for w in core if w.lower() not in ("по", "и", "в", "на", "для"))
    return letters if len(core) >= 2 else ""


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
            if not (m.group("num") or m.group("settl") or m.group("epon") or m.group("tquoted")) and \
                    m.group("type") not in OTHER_TYPES:
                continue  # «МОУ СОШ» alone names no school; «МКУ ЦРО» names the one centre
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
            name = " ".join(x for x in (legal, type_nominative(m.group("word")), m.group("wnum"), m.group("wsettl"),
                                        m.group("wepon"), m.group("wquoted")) if x)
        elif m.group("lnum"):
            name = f"{legal} {m.group('lnum')}"  # «МБДОУ №16»
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


_BARE_ACRONYM = re.compile(
    rf"(?<![{UP}{LO}\w-])(?P<type>{'|'.join(sorted(OTHER_TYPES, key=len, reverse=True))})(?![{UP}{LO}\w-])"
    rf"(?:\s?(?P<num>{_NUMBER}))?(?:\s?(?P<settl>{_SETTLEMENT}))?(?:\s?(?P<quoted>{_QUOTED}))?"
)


def bare_acronym(text: str, offset: int = 0) -> list[OrgMention]:
    """The acronym of a kind of body written alone («методист ИМЦ», «педагог ДДТ № 2», «тренер ДЮСШ «Олимп»»): the
    one body of that kind the text speaks of; a legal form before it makes a longer name that wins."""
    out = []
    for m in _BARE_ACRONYM.finditer(text):
        name = tidy_org_name(" ".join(x for x in (m.group("type"), m.group("num"), m.group("settl"), m.group("quoted"))
                                      if x))
        out.append(OrgMention(name, OTHER_TYPES[m.group("type")], m.start() + offset, m.end() + offset, m.group(0)))
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


def _noun_reading(word: str, number: str | None = None):
    for p in parse(word):
        if p.tag.POS == "NOUN" and (number is None or p.tag.number == number):
            return p
    return None


def nominative_with_head(words: list[str], head: int, singular: bool = False) -> list[str]:
    """A phrase in the nominative with its head noun given: the head and the words before it inflected (the
    adjectives agreeing), every word after it as written. «Дубовской средней общеобразовательной школы с …» →
    «Дубовская средняя общеобразовательная школа с …»; pymorphy's first noun reading («средней», «главного»)
    is not trusted to be the head."""
    out = list(words)
    nouns = [p for p in parse(words[head].lower()) if p.tag.POS == "NOUN"]
    if head > 0 and nouns:  # the reading the adjective before it agrees with («регионального представительства»)
        adj = [(p.tag.case, p.tag.number) for p in parse(words[head - 1].lower()) if p.tag.POS in ("ADJF", "PRTF")]
        nouns = [p for p in nouns if (p.tag.case, p.tag.number) in adj] or nouns
    reading = nouns[0] if nouns else None
    if reading is None:
        return nominative_phrase(words, singular=singular)
    number = "sing" if singular else (reading.tag.number or "sing")
    nominative = reading.inflect({"nomn", number})
    if nominative is not None:
        out[head] = _match_letters(words[head], nominative.word)
    for i in range(head):
        grammemes = {"nomn", number} | ({reading.tag.gender} if number == "sing" and reading.tag.gender else set())
        adjs = [p for p in parse(words[i].lower()) if p.tag.POS in ("ADJF", "PRTF", "NUMR")]
        adjs = [p for p in adjs if p.tag.case == reading.tag.case] + [p for p in adjs if p.tag.case != reading.tag.case]
        for p in adjs:
            inflected = p.inflect(grammemes)
            if inflected is not None:
                out[i] = _match_letters(words[i], inflected.word)
                break
        else:
            m = re.match(r"^(\d+)-\w+$", words[i])  # «6-ой» → «6-я»
            if m:
                out[i] = m.group(1) + {"femn": "-я", "neut": "-е"}.get(str(reading.tag.gender), "-й")
    return out


def _match_letters(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1:
        return target.upper()
    if "-" in source and source.count("-") == target.count("-"):  # «Верх-Каргатской» → «Верх-Каргатская»
        return "-".join(_match_letters(s, t) for s, t in zip(source.split("-"), target.split("-"), strict=True))
    return target[:1].upper() + target[1:] if source[:1].isupper() else target


def type_nominative(phrase: str, singular: bool = False) -> str:
    """A school or kindergarten type in the nominative, its last word the head: «средней образовательной школы» →
    «средняя образовательная школа», «гимназии» → «гимназия», «детских садов» → «детский сад»; «д/с» as written."""
    words = phrase.split()
    if words == ["д/с"] or words[0].lower() in ("ср.", "ср.школы") or words[0].lower().startswith("ср."):
        rest = re.sub(r"^[Сс]р\.\s?", "", phrase)
        return "д/с" if phrase == "д/с" else "средняя " + type_nominative(rest, singular)
    # the head is the first type noun: «средней школы», «детского сада», «Центра образования», «Школы семьи»
    head = next((i for i, w in enumerate(words) if re.match(r"(?i)(?:школ|сад|гимнази|лице|центр|детсад)", w)),
                len(words) - 1)
    return " ".join(nominative_with_head(words, head, singular=singular))


def descriptive(text: str, offset: int = 0) -> list[OrgMention]:
    out = []
    for m in _DESCRIPTIVE.finditer(text):
        written = m.group("adj").split()
        head_words = m.group("head").split()
        # keep only the toponymic adjectives (and ordinals) right before the head («в Солнечной средней школе»)
        adjs = [a for a in written if _is_toponym_adjective(a) or re.match(r"^\d+-", a)]
        if not adjs or adjs != written[-len(adjs):] or not any(_is_toponym_adjective(a) or a[:1].isdigit()
                                                               for a in adjs):
            continue
        if re.match(r"^\d+-", adjs[0]) and len(adjs) < 2:
            continue  # «6-ой школы»: an ordinal alone names no school
        if m.start() == 0 or text[max(0, m.start() - 2):m.start()].strip() in ("", ".", "!", "?"):
            # capitalised at the start of a sentence: only a toponym-looking adjective is a name
            if adjs[0].lower() in ("средняя", "основная", "муниципальная", "начальная"):
                continue
        if any(p.tag.number == "plur" for p in parse(head_words[-1]) if p.tag.POS == "NOUN") and not any(
                p.tag.number == "sing" for p in parse(head_words[-1]) if p.tag.POS == "NOUN"):
            continue
        words = adjs + head_words
        head = len(adjs) + (1 if re.match(r"(?i)детск", head_words[0]) else len(head_words) - 1)
        name = " ".join(nominative_with_head(words, head))
        name += "".join(" " + m.group(g) for g in ("num", "tail", "epon") if m.group(g))
        name = tidy_org_name(name[:1].upper() + name[1:])
        start = m.start("adj") + m.group("adj").index(adjs[0])
        out.append(OrgMention(name, org_kind(name), start + offset, m.end() + offset, text[start:m.end()]))
    for m in _DESCRIPTIVE_LOWER.finditer(text):
        if not _is_toponym_adjective(m.group("adj")):
            continue
        words = [m.group("adj"), *m.group("head").split()]
        head = 2 if re.match(r"(?i)детск", words[1]) else len(words) - 1
        name = " ".join(nominative_with_head(words, head)) + " " + m.group("epon").strip()
        out.append(OrgMention(tidy_org_name(name), org_kind(name), m.start() + offset, m.end() + offset, m.group(0)))
    return out


def numbered(text: str, offset: int = 0) -> list[OrgMention]:
    """A type word with a number, a list of numbers or a quoted name, one organisation per item: «детских садов
    № 2, 3, 15 и 46», «ДОУ № 3, 8, 26», «школ № 10 и Айлинской», «детсада №13 «Искорка»», «Детский сад № 24
    компенсирующего вида «Ромашка»», «детские сады №5, 35, "Самоцвет"»."""
    out = []
    for m in _NUMBERED.finditer(text):
        nums = re.findall(_LIST_NUMBER, m.group("nums") or "")
        if not nums and not m.group("quoted"):
            continue
        if not nums and re.match(r"[шс]кол", m.group("head")):
            continue  # «газетой школы «Переменка»»: a quoted name after a lowercase «школа» is rarely the school's
        head_text = re.sub(r"\s+", " ", m.group("head"))
        if head_text.isupper():
            head = head_text
        else:
            plural = len(nums) > 1 or m.group("more") or m.group("and_adj")
            head = type_nominative(head_text, singular=bool(plural) or _is_plural(head_text))
            head = head[:1].lower() + head[1:] if m.start() > 0 and head_text[:1].islower() else head
        settl = f" {m.group('settl')}" if m.group("settl") else ""
        vid = f" {m.group('vid')}" if m.group("vid") else ""
        quoted = f" {m.group('quoted')}" if m.group("quoted") else ""
        start = m.start() + offset
        if not nums:
            name = tidy_org_name(f"{head}{vid}{quoted}")
            out.append(OrgMention(name, org_kind(name), start, m.end("quoted") + offset, text[m.start():m.end("quoted")]))
        for i, n in enumerate(nums):
            tail = (vid + quoted) if len(nums) == 1 else ""
            name = tidy_org_name(f"{head} {m.group('sign')}{' ' if m.group('sign') == '№' else ''}{n}{settl}{tail}")
            mention_end = m.end("quoted") if (len(nums) == 1 and m.group("quoted")) else (
                m.end("nums") if len(nums) == 1 else m.start("nums") + _nth_number_at(m.group("nums"), 0) + len(nums[0]))
            mention_end = m.end("settl") if (m.group("settl") and len(nums) == 1 and mention_end < m.end("settl")) \
                else mention_end
            item_start = start if i == 0 else offset + m.start("nums") + _nth_number_at(m.group("nums"), i)
            out.append(OrgMention(name, org_kind(name), item_start, mention_end + offset if i == 0 else
                                  item_start + len(n), text[m.start():mention_end] if i == 0 else n))
        if m.group("more"):
            name = tidy_org_name(f"{type_nominative(head_text, singular=True)} {m.group('more')}")
            out.append(OrgMention(name, org_kind(name), offset + m.start("more"), offset + m.end("more"), m.group("more")))
        if m.group("and_adj") and _is_toponym_adjective(m.group("and_adj")):
            noun = type_nominative(head_text, singular=True).split()[-1]
            name = f"{agree_adjective(m.group('and_adj'), noun)} {noun}"
            out.append(OrgMention(name, org_kind(name), offset + m.start("and_adj"), offset + m.end("and_adj"),
                                  m.group("and_adj")))
    return out


def _is_plural(phrase: str) -> bool:
    last = phrase.split()[-1].lower()
    nouns = [p for p in parse(last) if p.tag.POS == "NOUN"]
    return bool(nouns) and all(p.tag.number == "plur" for p in nouns)


def _nth_number_at(nums: str, index: int) -> int:
    found = list(re.finditer(_LIST_NUMBER, nums))
    return found[index].start() if index < len(found) else 0


def spelled_unquoted(text: str, offset: int = 0) -> list[OrgMention]:
    """A legal form written in words and the name after it without quotes, named in full in the nominative (the
    document gives no short form): «муниципальное автономное дошкольное образовательное учреждение детский сад
    № 5 «Морячок» муниципального образования город-курорт Геленджик»."""
    out = []
    for m in _SPELLED_UNQUOTED.finditer(text):
        form_words = m.group("form").split()
        head = next((i for i, w in enumerate(form_words) if re.match(r"(?i)(учреждени|организаци)", w)), None)
        if head is None:
            continue
        form = " ".join(nominative_with_head(form_words, head))
        rest_start = m.start("name")
        name_words = m.group("name").split()
        name_head = next((i for i, w in enumerate(name_words) if re.match(r"(?i)(сад|центр|школ|гимнази|лице)", w)),
                         len(name_words) - 1)
        name = " ".join(nominative_with_head(name_words, name_head))
        end = m.end("name")
        tail = re.match(rf"(?:\s?(?:{_NUMBER}|комбинированн\w+\s+вида|компенсирующ\w+\s+вида|общеразвивающ\w+\s+вида"
                        rf"|{_QUOTED}|с\s+углубл[её]нным\s+изучением\s+отдельных\s+предметов))+", text[end:])
        if tail:
            name += tail.group(0)
            end += tail.end()
        if re.match(r"(?i)центр", name_words[0]):  # «Центр экологического воспитания детей»: its genitive chain
            chain_end = _chain_end(_word_spans(text), _word_index_at(text, rest_start) + 1, ())
            words = _word_spans(text)
            if chain_end is not None and chain_end > 0:
                end = max(end, words[chain_end - 1][2])
                name = text[rest_start:end]
        place = re.match(r"\s+(?:муниципальн\w+\s+образовани\w+|городск\w+\s+округ\w*)\s+(?:город-курорт\s+|город\s+)?"
                         rf"[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)*", text[end:])
        if place:
            name += place.group(0)
            end += place.end()
        full = tidy_org_name(f"{form[:1].lower() + form[1:] if m.start() > 0 else form} {name}")
        legal = abbreviate_form(m.group("form"))
        out.append(OrgMention(full, org_kind(name), m.start() + offset, end + offset, text[m.start():end], legal="",
                              aliases=[tidy_org_name(f"{legal} {name}")]))
    return out


def _word_index_at(text: str, position: int) -> int:
    for i, (_w, s, _e) in enumerate(_word_spans(text)):
        if s >= position:
            return i
    return len(_word_spans(text))


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
    return [(w.group(0), w.start(), w.end()) for w in re.finditer(
        rf"[{UP}{LO}A-Za-z]+(?:-[{UP}{LO}]+)*|«(?:[^«»]|«[^«»]*»)*»|\"[^\"\n]{{1,80}}\"|“[^”\n]{{1,80}}”|№|\d+|\S", text)]


def _is_adjective(word: str) -> bool:
    ps = parse(word)
    return bool(ps) and ps[0].tag.POS in ("ADJF", "PRTF")


def _known(word: str) -> bool:
    from ingest.morph import analyzer

    return len(word) > 3 and analyzer().word_is_known(word)


def _readings(word: str, cases: set[str], pos: tuple[str, ...]) -> list:
    return [p for p in parse(word) if p.tag.POS in pos and (p.tag.case in cases or
                                                             (p.tag.case in ("gen2",) and "gent" in cases))]


_FUNCTION = ("VERB", "INFN", "PRTS", "ADVB", "PREP", "CONJ", "PRCL", "GRND", "ADJS")


def _np_end(words: list[tuple[str, int, int]], i: int, cases: set[str], barriers=(), offset: int = 0
            ) -> tuple[int, str] | None:
    """(index after, case) of a noun phrase in one of ``cases`` starting at ``i``: adjectives (coordinated ones
    too, «дошкольного и общего») and a noun; None when there is none."""
    j = i
    n = len(words)
    while j < n:
        w, s, _e = words[j]
        if any(bs <= s + offset < be for bs, be in barriers) or not w[:1].isalpha():
            return None
        low = w.lower()
        if low in _CHAIN_STOP:
            return None
        ps = parse(low)
        if ps and ps[0].tag.POS in _FUNCTION and ps[0].score > 0.4:
            return None
        caps = w.isupper() and len(w) > 1 and not _known(low)
        adjs = [] if caps else _readings(low, cases, ("ADJF", "PRTF"))
        nouns = [] if caps else _readings(low, cases, ("NOUN",))
        nxt = words[j + 1][0].lower() if j + 1 < n else ""
        continues = bool(nxt) and nxt[:1].isalpha() and nxt not in _CHAIN_STOP and bool(
            _readings(nxt, cases, ("NOUN", "ADJF", "PRTF")))
        if adjs and (continues or not nouns):
            if not continues:
                if nxt in ("и", ",") and j + 2 < n and _readings(words[j + 2][0].lower(), cases, ("ADJF", "PRTF")):
                    j += 2  # «дошкольного и общего образования»
                    continue
                return None
            j += 1
            continue
        if nouns:
            return j + 1, nouns[0].tag.case if nouns[0].tag.case != "gen2" else "gent"
        if w.isupper() and 2 <= len(w) <= 6 and w not in LEGAL_FORMS and w not in _TYPES and w not in QUALIFIERS:
            return j + 1, next(iter(cases))  # an acronym: «РФ», «БМР»
        return None
    return None


_TERRITORY_GENITIVES = {"района", "области", "города", "округа", "края", "поселения", "республики", "образования"}
_TERRITORY_AFTER = {"мо", "го", "образования", "республики", "города", "г"}  # «администрации МО Надымский район»


def _person_name_word(word: str) -> bool:
    """A given name or patronymic: a person written after an organisation ends its chain («… сельсовета Евгения
    Амеличкина»)."""
    return word[:1].isupper() and any(("Name" in p.tag or "Patr" in p.tag) and p.score > 0.05
                                      for p in parse(word.lower()))


def _chain_end(words: list[tuple[str, int, int]], k: int, barriers, offset: int = 0, stop_words: int = 0) -> int:
    """Index after the dependents of an organisation's head that start at ``k``: genitive noun phrases, «по» with
    a dative or locative one, «№ N», a quoted name, a territory written in the nominative after «МО»; «и» and «,»
    go on where the next phrase stands in the same case and names no new organisation or person."""
    n = len(words)
    first = k
    case_of_last = "gent"
    by_phrase = False
    while k < n:
        w, s, _e = words[k]
        if any(bs <= s + offset < be for bs, be in barriers):
            break
        low = w.lower()
        if w[:1] in "«\"“":
            return k if re.match(r"[«\"“]\s*(?:О|Об|По)\s", w) else k + 1  # «О введении …»: a document's title
        if low == "№" and k + 1 < n and words[k + 1][0].isdigit():
            k += 2
            continue
        settlement = _settlement_at(words, k)
        if settlement and k > first:
            k = settlement  # «Совета депутатов р.п. Маслянино»
            continue
        if low == "по" and k > first and words[k - 1][0].lower() in _TERRITORY_GENITIVES and \
                words[first - 1][0].lower().startswith(("администрац", "правительств")):
            break  # «заместитель главы администрации района по социальным вопросам»: the post's, not the body's
        if low == "по":
            np = _np_end(words, k + 1, {"datv", "loct"}, barriers, offset)
            if np is None:
                break
            by_phrase, k, case_of_last = True, np[0], np[1]
            if k + 1 < n and words[k][0].lower() in ("с", "со"):  # «департамент по работе с молодёжью»
                np = _np_end(words, k + 1, {"ablt"}, barriers, offset)
                if np is not None:
                    k = np[0]
            continue
        if low in ("и", ",") and k > first:
            np = _np_end(words, k + 1, {case_of_last} | ({"datv", "loct"} if by_phrase else set()), barriers, offset)
            if np is None or _names_new_body(words, k + 1, np[0]):
                break
            if low == "," and not (np[0] < n and words[np[0]][0].lower() in ("и", ",")):
                break  # «образования, молодежи и спорта»: a comma goes on only inside a list
            k = np[0]
            continue
        if k > first and words[k - 1][0].lower() in _TERRITORY_AFTER | {"округа"} and w[:1].isupper() \
                and (words[k - 1][0].lower() not in ("образования", "округа")
                     or words[k - 2][0].lower().startswith(("муниципальн", "городск"))) \
                and not _person_name_word(w) and not _names_new_body(words, k, k + 1):
            k += 1  # «… Республики Башкортостан», «… администрации МО Надымский район»
            if k < n and words[k][0].lower() in ("район", "округ") and words[k - 1][0][:1].isupper():
                k += 1
            continue
        if w.isupper() and 2 <= len(w) <= 6 and k > first:
            k += 1  # an acronym: «администрации БМР», «Думы РФ»
            continue
        np = _np_end(words, k, {"gent"}, barriers, offset)
        if np is None or _names_new_body(words, k, np[0], posts_only=True) or any(
                _person_name_word(x) for x, _s, _e in words[k:np[0]]):
            break
        k, case_of_last = np[0], "gent"
    return k


_SETTLEMENT_MARKS = {"р", "п", "с", "д", "г", "пос", "пгт", "ст", "х", "рп"}


def _settlement_at(words: list[tuple[str, int, int]], k: int) -> int | None:
    """Index after a settlement written with its marker at ``k`` («р.п. Маслянино», «с. Ивановка», «г. Томска»)."""
    j = k
    n = len(words)
    while j + 1 < n and words[j][0].lower() in _SETTLEMENT_MARKS and words[j + 1][0] == ".":
        j += 2
    if j == k or j >= n or not words[j][0][:1].isupper() or not words[j][0][:1].isalpha():
        return None
    return j + 1


def _names_new_body(words, i: int, j: int, posts_only: bool = False) -> bool:
    """Whether words[i:j] begin another organisation («… и администрации района») or name a post («…, директора
    школ»; «депутатов» of a council is none): the chain ends before them."""
    from ingest.posts import is_post_word

    for w, _s, _e in words[i:j]:
        low = w.lower()
        if is_post_word(low) and low != "депутатов":
            return True
        if not posts_only and any(p.tag.POS == "NOUN" and p.normal_form in org_heads()
                                  and p.normal_form not in ("дом", "организация") for p in parse(low)):
            return True
    return False


_ADMIN_ADJECTIVE = re.compile(r"(?:районн|областн|городск|краев|республиканск|муниципальн|сельск|окружн|межрайонн|"
                              r"поселков|региональн|федеральн|государственн|профсоюзн|первичн)")
_TERRITORY_WORDS = re.compile(r"(?i)^(?:район|город|област|кра[яеюй]|округ|республик|поселени|федераци|росси|рф$|мо$|го$|"
                              r"муниципальн|[а-яё]+(?:ск|цк)(?:ого|ой|ий|ая)$)")
_OF_SCHOOL = re.compile(r"(?i)^(?:школ|учреждени|лице|гимнази|детск|сад|колледж|техникум|организаци|центр)")
_EDU = re.compile(r"(?i)образовани|просвещени|наук|молод")


def _needs_met(need: str, head, adjs: list[str], chain: list[str], capitalised: bool, surface: str) -> bool:
    low_adjs = [a.lower() for a in adjs]
    low_chain = [w.lower() for w in chain]
    edu = bool(_EDU.search(surface))
    if need == "edu":
        return edu
    if need == "name":
        return edu or capitalised or "по" in low_chain or "«" in surface
    if need == "territory":
        if low_chain and _OF_SCHOOL.match(low_chain[0]):
            return False  # «администрация школы»: the school's management
        return capitalised or bool(adjs) or any(_TERRITORY_WORDS.match(w) for w in low_chain[:3])
    if need == "adjective":
        return bool(adjs) or bool(chain and chain[0][:1].isupper())
    if need == "council":
        territorial = any(re.match(r"(районн|городск|сельск|поселков|областн|краев|муниципальн|законодательн|"
                                   r"государственн|народн|верховн)", a) for a in low_adjs)
        if head.normal_form == "дума":
            return territorial or capitalised
        return "депутатов" in low_chain or (territorial and capitalised) or (territorial and not chain) or (
            capitalised and bool(low_chain) and low_chain[0] in ("федерации",))
    if need == "culture":
        return any(re.match(r"(культур|творчеств|пионер|школьник|юношеств|ремесел|дружб|детств|учител|молодеж|молодёж)",
                            w) for w in low_chain[:2])
    if need == "union":
        return any(a.startswith("профсоюзн") for a in low_adjs)
    if need == "society":
        return any(a[:1].isupper() and _is_toponym_adjective(a) for a in adjs)
    if need == "centre":  # a lowercase «виртуальный методический кабинет» with nothing after it names none
        return capitalised or "«" in surface or (bool(re.search(r"методическ", surface.lower())) and (
            bool(chain) or any(_ADMIN_ADJECTIVE.match(a) for a in low_adjs)))
    return len(adjs) + len(chain) >= 1


def headed(text: str, offset: int = 0, barriers: list[tuple[int, int]] = ()) -> list[OrgMention]:
    """Organisations named by a head noun (ingest/data/org_heads.tsv) with the adjectives before it and its chain
    of dependents after it, when the phrase names one (the head's requirement)."""
    low_text = text.lower()
    prefixes = _head_prefixes()
    if not any(p in low_text for p in prefixes):
        return []
    heads = org_heads()
    words = _word_spans(text)
    out = []
    i = 0
    while i < len(words):
        word, ws, _we = words[i]
        if not word.lower().startswith(prefixes):  # cheap test first: pymorphy is slow on every word
            i += 1
            continue
        head = next((p for p in parse(word.lower()) if p.tag.POS == "NOUN" and p.normal_form in heads), None)
        if head is None or any(bs <= ws + offset < be for bs, be in barriers):
            i += 1
            continue
        mention, i = _headed_at(text, words, i, head, offset, barriers)
        if mention is not None:
            out.append(mention)
    return out


def _left_adjectives(words: list, i: int, offset: int, barriers) -> int:
    """Index of the first of the adjectives before the head ``words[i]`` that agree with it and belong to the name
    («сыктывкарский Центр развития ребёнка»: a lowercase town adjective is no part of the name)."""
    word = words[i][0]
    j = i
    while j > 0 and j > i - 4:
        prev = words[j - 1][0]
        if prev.lower() in _CHAIN_STOP or any(bs <= words[j - 1][1] + offset < be for bs, be in barriers):
            break
        readings = [p for p in parse(prev.lower()) if p.tag.POS in ("ADJF", "PRTF") and p.score > 0.05
                    and "Apro" not in p.tag]
        if readings and not is_post_modifier(prev) and not _is_post(prev) and not (
                word[:1].isupper() and prev[:1].islower() and not _ADMIN_ADJECTIVE.match(prev.lower())):
            j -= 1
        else:
            break
    return j


def _headed_at(text: str, words: list, i: int, head, offset: int, barriers) -> tuple[OrgMention | None, int]:
    """(the organisation the head ``words[i]`` names, or None; the index of the word to look at next)."""
    word, ws, _we = words[i]
    kind, need = org_heads()[head.normal_form]
    j = _left_adjectives(words, i, offset, barriers)
    k = _chain_end(words, i + 1, barriers, offset)
    phrase_words = [w for w, _, _ in words[j:k]]
    start, end = words[j][1], words[k - 1][2]
    surface = text[start:end]
    capitalised = (word[:1].isupper() or (j < i and phrase_words[0][:1].isupper())) and ws > 0 and not (
        j == 0 and start == 0) and text[max(0, start - 2):start].strip() not in (".", "!", "?")
    next_i = max(k, i + 1)
    adjs = phrase_words[: i - j]
    chain = phrase_words[i - j + 1:]
    alone = len(phrase_words) < 2 and (not capitalised or kind != "authority")
    if not _needs_met(need, head, adjs, chain, capitalised, surface) or alone:
        return None, i + 1  # «Совета Омского потребительского общества»: a head inside the chain may name one
    if head.tag.number == "plur" and not capitalised:
        return None, next_i
    if kind == "methodical_service" and not re.search(r"методическ", surface.lower()):
        return None, next_i
    if kind == "other" and re.search(r"методическ\w*\s+(центр|кабинет)", surface.lower()):
        kind = "methodical_service"
    if kind == "institute" and k == i + 1 and not capitalised:
        return None, next_i  # «институтом» after a participle, no name
    district_hint = None
    if kind in ("methodical_service", "other", "institute") and len(phrase_words) > 4:
        tail = _district_tail(phrase_words)
        if tail and phrase_words[-tail - 1].lower() not in _ADMIN_NOUNS:
            district_hint = " ".join(phrase_words[-tail:])
            end = words[k - 1 - tail][2]
            surface = text[start:end]
    nominative = nominative_with_head(_phrase_tokens(text, start, end), _head_token_index(text, start, ws),
                                      singular=head.tag.number == "plur")
    name = tidy_org_name(_join_tokens(nominative))
    name = name[:1].upper() + name[1:]
    return OrgMention(name, org_kind(name) if kind == "other" else kind, start + offset, end + offset, surface,
                      district_hint=district_hint), next_i


def _phrase_tokens(text: str, start: int, end: int) -> list[str]:
    return text[start:end].split()


def _head_token_index(text: str, start: int, head_start: int) -> int:
    return len(text[start:head_start].split())


def _join_tokens(tokens: list[str]) -> str:
    return " ".join(tokens)


def _is_post(word: str) -> bool:
    from ingest.posts import is_post_word

    return is_post_word(word.lower())


def is_post_modifier(word: str) -> bool:
    from ingest.morph import lemma
    from ingest.posts import POST_MODIFIERS

    return lemma(word.lower()) in POST_MODIFIERS


_ADMIN_NOUNS = {"администрации", "управления", "комитета", "отдела", "департамента", "министерства"}


def _district_tail(words: list[str]) -> int:
    """How many words at the end of a chain name a district («… Балашовского (муниципального) района»)."""
    low = [w.lower() for w in words]
    if low[-1] in ("района", "округа", "области", "края") and len(words) >= 2:
        n = 2 if low[-2].startswith("муниципальн") or low[-2].startswith("городск") else 1
        if len(words) > n and words[-n - 1][:1].isupper():
            return n + 1
    return 0


# nouns before a quoted title that is no organisation's name (events, programmes, works, nominations)
_TITLE_NOUNS = re.compile(
    r"(?i)(?:конкурс|олимпиад|фестивал|семинар|вебинар|брифинг|конференци|форум|проект|программ|номинаци|тем[аеуыой]|"
    r"девиз|акци|урок|заняти|мастер-класс|смотр|марафон|выставк|слет|слёт|турнир|чтени|игр[аеуы]|квест|праздник|"
    r"мероприяти|книг|статьи|статья|стихотворени|рассказ|сказк|песн|спектакл|фильм|рубрик|методик|пособи|"
    r"положени|приказ|преми[яюией]|звани|титул|медал|знак|инициатив|стандарт|передач|телепередач|ролик|шоу|"
    r"сериал|выпуск|"
    r"(?:школьн|межшкольн|электронн|стенн)\w+\s+газет\w*|газет\w*\s+(?:школ|лице|гимнази|детск\w+\s+сад)\w*)\w*\s*$")


def in_title(text: str, start: int, end: int) -> bool:
    """Whether a span lies inside quotes that open right after a title noun: «конкурса «Учитель года»»,
    «брифингом «Современный детский сад-территория развития»»."""
    opening = text.rfind("«", 0, start + 1)
    if opening >= 0 and text.rfind("»", opening, start) >= 0:
        opening = -1
    if opening < 0 and text.count("\"", 0, start + 1) % 2:
        opening = text.rfind("\"", 0, start + 1)
    if opening < 0:
        return False
    return bool(_TITLE_NOUNS.search(text[max(0, opening - 40): opening]))


_QUOTED_BODY = re.compile(rf"(?P<quoted>«(?P<inner>(?:[{UP}{LO}-]+\s+){{0,3}}[{LO}]+)»)")
_BEFORE_QUOTED_BODY = re.compile(r"(?i)(?:(?<![а-яё])(?:в|во|из|базе|сотрудник\w*|специалист\w*)|[а-яё]{4,})\s*$")


def quoted_body(text: str, offset: int = 0) -> list[OrgMention]:
    """A body named by a quoted phrase in any case after a post or «в», «из», «на базе»: «методист
    «Научно-методического центра»» → «Научно-методический центр» (the quotes kept, the phrase in the nominative)."""
    from ingest.posts import is_post_word

    out = []
    for m in _QUOTED_BODY.finditer(text):
        words = m.group("inner").split()
        head = next((p for p in parse(words[-1].lower()) if p.tag.POS == "NOUN" and p.normal_form in org_heads()), None)
        if head is None or org_heads()[head.normal_form][0] == "authority":
            continue
        before = text[: m.start()]
        prev = re.findall(rf"[{UP}{LO}]+", before[-30:])
        if not _BEFORE_QUOTED_BODY.search(before) or not prev or not (
                is_post_word(prev[-1]) or prev[-1].lower() in ("в", "во", "из", "базе")):
            continue
        name = "«" + " ".join(nominative_with_head(words, len(words) - 1)) + "»"
        out.append(OrgMention(name, org_kind(name), m.start() + offset, m.end() + offset, m.group(0)))
    return out


_QUOTED_AFTER = re.compile(rf"(?P<quoted>«(?P<inner>[{UP}A-Z][^«»]{{0,60}})»|\"(?P<inner2>[{UP}A-Z][^\"\n]{{0,60}})\"|"
                           rf"“(?P<inner3>[{UP}A-Z][^”\n]{{0,60}})”)")


def quoted_after_post(text: str, offset: int = 0) -> list[OrgMention]:
    """A quoted name right after a post noun names the body the post is in: «гендиректор «Яндекса»»,
    «президента "Роснефти"», «руководителя "Российских железных дорог"» — in the nominative where the dictionary
    tells it, as written otherwise."""
    from ingest.posts import lexicon, post_lemma

    out = []
    for m in _QUOTED_AFTER.finditer(text):
        prev = re.search(rf"([{UP}{LO}-]+)\s*$", text[: m.start()])
        if prev is None:
            continue
        lemma = post_lemma(prev.group(1))
        if lemma is None or "post" not in lexicon().get(lemma, ()):
            continue
        inner = next(g for g in (m.group("inner"), m.group("inner2"), m.group("inner3")) if g)
        words = inner.split()
        if len(words) > 5 or re.search(r"[.!?]\s", inner):
            continue
        if len(words) == 1 and re.fullmatch(rf"[{UP}{LO}-]+", inner) and not any(c.isupper() for c in inner[1:]):
            nouns = [p for p in parse(inner.lower()) if p.tag.POS == "NOUN" and p.tag.case not in ("nomn", None)]
            nominative = nouns[0].inflect({"nomn"}) if nouns else None
            name = _match_letters(inner, nominative.word) if nominative is not None else inner
        elif all(re.fullmatch(rf"[{UP}{LO}-]+", w) for w in words):
            name = " ".join(nominative_phrase(words))
        else:
            name = inner
        name = tidy_org_name(name)
        out.append(OrgMention(name, org_kind(name), m.start() + offset, m.end() + offset, m.group(0)))
    return out


def _join_compounds(text: str, kept: list[OrgMention], offset: int) -> list[OrgMention]:
    """«Центр развития ребёнка – детский сад №19»: a body and a numbered school or kindergarten joined by a dash
    are one organisation."""
    out: list[OrgMention] = []
    for org in kept:
        legal = re.search(rf"(?<![{UP}{LO}])(?P<legal>{_LEGAL})(?:\s(?:{_QUAL}))?\s+$", text[: org.start - offset])
        if legal and not org.legal and org.name[:1].isupper() and not any(
                o.end - offset > legal.start() for o in out if o.start < org.start):
            written = text[legal.start(): org.start - offset].strip()
            org = OrgMention(f"{written} {org.name}", org.kind, legal.start() + offset, org.end,
                             text[legal.start(): org.end - offset], legal=written.split()[0],
                             district_hint=org.district_hint, aliases=[org.name])
        prev = out[-1] if out else None
        between = text[prev.end - offset: org.start - offset] if prev else ""
        if prev and re.fullmatch(r"\s*[–—-]\s*", between) and "№" in org.name and org.kind in ("kindergarten", "school") \
                and "№" not in prev.name and not prev.legal:
            name = f"{prev.name} – {org.name[:1].lower() + org.name[1:]}"
            out[-1] = OrgMention(name, org.kind, prev.start, org.end, text[prev.start - offset: org.end - offset],
                                 aliases=[prev.name, org.name])
            continue
        out.append(org)
    return out


def find_orgs(text: str, offset: int = 0, barriers: list[tuple[int, int]] = ()) -> list[OrgMention]:
    """Every organisation mention of a sentence, longest first where they overlap."""
    found = spelled_out(text, offset) + spelled_unquoted(text, offset) + abbreviated(text, offset)
    found += listed(text, offset) + descriptive(text, offset) + numbered(text, offset) + quoted_body(text, offset)
    found += quoted_after_post(text, offset) + bare_acronym(text, offset)
    found += headed(text, offset, barriers)
    found = [o for o in found if not in_title(text, o.start - offset, o.end - offset)]
    found.sort(key=lambda o: (o.start, -(o.end - o.start)))
    kept: list[OrgMention] = []
    for org in found:
        if any(k.start <= org.start and org.end <= k.end for k in kept):
            continue
        if any(k.start < org.start < k.end < org.end for k in kept):
            continue  # overlapping the end of a longer one already kept
        kept = [k for k in kept if not (org.start <= k.start and k.end <= org.end)]
        kept.append(org)
    return _join_compounds(text, kept, offset)
