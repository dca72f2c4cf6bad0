"""Entity resolution: when two names written in documents are one node.

Pure functions, no store: the loader turns every name into a key, and the key
(with an anchor) into the node's id, so that re-ingesting the same documents
in any order gives the same graph.

People.  A name is parsed into surname, given name, patronymic and initials,
whatever the order («Фандина С.А.», «С.А. Фандина», «С.А.Фандина», «Фандина СА»,
«Фандина Светлана Александровна», capitals).  Extraction writes the nominative,
but residual case forms are undone here: with a patronymic (or a given name)
present its ending tells gender and case, and the surname is put into the
nominative of that gender (Фандиной Светлане Александровне → Фандина);
with initials only the surname's ending decides: endings that cannot be a
nominative are undone («-овой/-иной» → «-ова/-ина», «-ской/-скую» → «-ская»,
«-ским/-ского» → «-ский», «-овым» → «-ов»).  Two readings are ambiguous and
resolved by rule: «-ову/-ину» with initials only is read as a feminine
accusative («возложить на Хайруллину Р.Р.» → Хайруллина), and «-ой» with
initials only as a feminine oblique form (Саврасной → Саврасная) — a man
named Толстой written with initials only would be read as Толстая.
The key is ``surname|first initial|patronymic initial``: the nominative
surname keeps gender apart (Иванов ≠ Иванова) while «Фандина С.А.» and
«Фандина Светлана Александровна» share it.

The person's id is the key plus an anchor: the district of the organisation
the document ties the person to, else that organisation, else the document's
only district, else nothing.  Same key and same anchor: one node.  Same key
in two districts: two nodes.  Same key where one side has no district anchor
(an organisation without a district, or nothing): two nodes and a merge
candidate (:func:`person_candidate_evidence`), never an automatic merge.

Organisations.  The name is lower-cased, quotes and legal forms dropped
(«МКОУ», «муниципальное казённое общеобразовательное учреждение»), type
phrases contracted («средняя общеобразовательная школа», «средней школе» →
СОШ, «детский сад» → ДС), settlement markers dropped («р.п.», «п.», «с.»),
numbers taken apart («№5», «№ 5» → 5), the district's own words and its
acronym («БМР» for Балашовский муниципальный район) removed when the
district is known, and every remaining word stemmed (Солнечная, Солнечной,
Солнечную → солнечн).  The key is ``kind|sorted distinctive stems|number|
district key``: a school and a kindergarten with the same adjective differ by
kind, «СОШ №5» and «СОШ №15» by number.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.morph import parse as morph_parse

# ----------------------------------------------------------------------------------------------- ids


def stable_id(prefix: str, key: str) -> str:
    """A short id that depends only on what the entity is (its key), never on load order."""
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def fold(text: str) -> str:
    """Lower case, ё as е, one space between words: the form names are compared in."""
    return " ".join(text.lower().replace("ё", "е").split())


# ------------------------------------------------------------------------------------------- stemming

# longest first; a stem keeps at least _MIN_STEM letters
_ENDINGS = sorted(
    "ого его ому ему ыми ими ами ями ием иям иях ая яя ое ее ой ей ую юю ый ий ым им ом ем ые ие ых их "
    "ия ию ии ах ях ам ям а я у ю е и ы о ь й".split(),
    key=len, reverse=True,
)
_MIN_STEM = 3


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The word without its inflectional ending: every case form of a name word gives the same stem."""
    word = fold(word)
    head, _, last = word.rpartition("-")  # «петровск-забайкальского»: only the last part declines
    for ending in _ENDINGS:
        if last.endswith(ending) and len(last) - len(ending) >= _MIN_STEM:
            last = last[: -len(ending)]
            break
    return f"{head}-{last}" if head else last


@lru_cache(maxsize=100_000)
def word_base(word: str) -> str:
    """The stem of a word's dictionary form when the dictionary knows it («лицея», «лицей» → лице),
    else of the word itself (place names the dictionary only guesses at: Пинеровке → пинеровк)."""
    readings = morph_parse(word)
    if readings and readings[0].is_known and "-" not in word:
        return stem(readings[0].normal_form)
    return stem(word)


# --------------------------------------------------------------------------------------------- people

_PATRONYMIC_F = re.compile(r"(?:вн|чн|шн)(а|ы|е|у|ой|ою)$")
_PATRONYMIC_M = re.compile(r"(?:вич|ьич|ич)(|а|у|ем|е)$")
_F_CASE = {"а": "nomn", "ы": "gent", "е": "datv", "у": "accs", "ой": "ablt", "ою": "ablt"}
_M_CASE = {"": "nomn", "а": "gent", "у": "datv", "ем": "ablt", "е": "loct"}
_POSSESSIVE = ("ов", "ев", "ёв", "ин", "ын")  # Иванов/Иванова, Фандин/Фандина
_WORD = re.compile(r"[А-ЯЁA-Z][А-ЯЁа-яёA-Za-z]*(?:-[А-ЯЁа-яёA-Za-z]+)*\.?|[а-яё]+\.?|\S")


@dataclass(frozen=True)
class PersonName:
    family: str
    given: str | None = None
    patronymic: str | None = None
    initials: str = ""  # «С.А.»
    gender: str | None = None  # "f", "m" or None when nothing tells

    @property
    def key(self) -> str:
        """``surname|first initial|patronymic initial`` (lower case, ё as е)."""
        letters = [c for c in fold(self.initials) if c.isalpha()] + ["", ""]
        return f"{fold(self.family)}|{letters[0]}|{letters[1]}"

    @property
    def display(self) -> str:
        """The fullest nominative form: «Фандина Светлана Александровна» or «Фандина С.А.»."""
        if self.given:
            return " ".join(p for p in (self.family, self.given, self.patronymic) if p)
        return f"{self.family} {self.initials}".strip()

    def props(self) -> dict[str, str | None]:
        return {"family": self.family, "given": self.given, "patronymic": self.patronymic,
                "initials": self.initials or None}


def _title(word: str) -> str:
    """«ФАНДИНА» → «Фандина», «петровская-водкина» → «Петровская-Водкина»; mixed case stays."""
    if word.isupper() or word.islower():
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
    return word


def _is_patronymic(word: str) -> bool:
    low = fold(word)
    return bool(_PATRONYMIC_F.search(low) or _PATRONYMIC_M.search(low)) and len(low) > 5


def _patronymic_gender_case(word: str) -> tuple[str, str, str] | None:
    """(gender, case, nominative) of a patronymic in any case form."""
    low = word.lower()
    found = _PATRONYMIC_F.search(low)
    if found:
        return "f", _F_CASE[found.group(1)], word[: len(word) - len(found.group(1))] + "а"
    found = _PATRONYMIC_M.search(low)
    if found:
        return "m", _M_CASE[found.group(1)], word[: len(word) - len(found.group(1))]
    return None


def _given_gender_case(word: str, gender: str | None, case: str | None = None) -> tuple[str | None, str | None, str]:
    """(gender, case, nominative) of a given name from the dictionary; the word itself when unknown.

    Readings agreeing with the patronymic's gender and case come first, and
    indeclinable ones last («Анне» is a dative of Анна before it is the name Анне).
    """
    wanted = {"f": "femn", "m": "masc"}.get(gender or "")
    readings = [r for r in morph_parse(word) if "Name" in r.tag and (not wanted or r.tag.gender == wanted)]
    readings.sort(key=lambda r: ("Fixd" in r.tag, bool(case) and r.tag.case != case))
    if not readings:
        return gender, None, word
    best = readings[0]
    return {"femn": "f", "masc": "m"}.get(best.tag.gender), best.tag.case, _title(best.normal_form)


def _surname_from_case(surname: str, gender: str, case: str) -> str:
    """The nominative of a surname whose gender and case are known (from the first name or patronymic)."""
    low = surname.lower()
    if case == "nomn":
        return surname
    if gender == "f":
        if low.endswith(("ой", "ою")):
            stem_ = surname[:-2]
            return stem_ + ("а" if stem_.lower().endswith(_POSSESSIVE) else "ая")
        if low.endswith("ую"):
            return surname[:-2] + "ая"
        if low.endswith("у") and low[:-1].endswith(_POSSESSIVE):
            return surname[:-1] + "а"
        return surname  # Курилович, Заболотных, Шевчук: not declined for women
    if low.endswith(("ского", "цкого", "скому", "цкому", "ским", "цким", "ском", "цком")):
        return re.sub(r"(ого|ому|им|ом)$", "ий", surname, flags=re.I)
    endings = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ым", "ом", "ем"),
               "loct": ("е",)}.get(case, ())
    for ending in endings:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            return surname[: -len(ending)]
    return surname


def _surname_alone(surname: str) -> tuple[str, str | None]:
    """(nominative, gender) of a surname written with initials only: its ending decides (see the module doc)."""
    low = surname.lower()
    if low.endswith(("овой", "евой", "ёвой", "иной", "ыной")):
        return surname[:-2] + "а", "f"
    if low.endswith(("ову", "еву", "ёву", "ину", "ыну")):
        return surname[:-1] + "а", "f"
    if low.endswith(("овым", "евым", "ёвым", "иным", "ыным")):
        return surname[:-2], "m"
    if low.endswith(("ского", "цкого", "скому", "цкому", "ским", "цким")):
        return re.sub(r"(ого|ому|им)$", "ий", surname, flags=re.I), "m"
    if low.endswith("ую") and len(low) > 4:
        return surname[:-2] + "ая", "f"
    if low.endswith("ой") and len(low) > 4:
        return surname[:-2] + "ая", "f"
    if low.endswith(tuple(p + "а" for p in _POSSESSIVE)) or low.endswith(("ая", "яя")):
        return surname, "f"
    if low.endswith(_POSSESSIVE) or low.endswith(("ий", "ый")):
        return surname, "m"
    return surname, None


def _tokens(name: str) -> tuple[list[str], list[str], bool] | None:
    """(name words, initial letters, initials come first) of a written person name, or None."""
    text = re.sub(r"([А-ЯЁ])\.(?=[А-ЯЁ])", r"\1. ", name.strip().strip(",;:"))
    words: list[str] = []
    initials: list[str] = []
    initials_first = False
    for token in _WORD.findall(text):
        bare = token.rstrip(".")
        if not bare or not bare[0].isalpha():
            return None
        if len(bare) == 1 and bare.isupper():
            initials_first = initials_first or not words
            initials.append(bare)
        elif token.endswith(".") and bare.islower():
            return None  # «р.п.», «им.»: not a person's name
        elif len(bare) == 2 and bare.isupper() and not any(c in "АЕЁИОУЫЭЮЯ" for c in bare):
            initials.extend(bare)  # «Ведерникова МФ»: initials without dots
        elif bare[0].isupper():
            words.append(bare)
        else:
            return None
    return words, initials, initials_first


def parse_person(name: str) -> PersonName | None:
    """The parts of a person's name in the nominative, or None when it cannot be one."""
    parsed = _tokens(name)
    if parsed is None:
        return None
    words, initials, _first = parsed
    if not words or len(words) > 3 or len(initials) > 2 or (initials and len(words) > 1):
        return None
    words = [_title(w) for w in words]
    if initials:
        family, gender = _surname_alone(words[0])
        return PersonName(family, initials=".".join(initials) + ".", gender=gender)
    if len(words) == 1:
        family, gender = _surname_alone(words[0])
        return PersonName(family, gender=gender)
    if len(words) == 3 and _is_patronymic(words[1]) and not _is_patronymic(words[2]):
        words = [words[2], words[0], words[1]]  # «Светлана Александровна Фандина»
    family, given = words[0], words[1]
    patronymic = words[2] if len(words) == 3 else None
    gender = case = None
    if patronymic and _patronymic_gender_case(patronymic):
        gender, case, patronymic = _patronymic_gender_case(patronymic)
    found_gender, given_case, given = _given_gender_case(given, gender, case)
    gender, case = gender or found_gender, case or given_case
    if gender and case:
        family = _surname_from_case(family, gender, case)
    elif not gender:
        family, gender = _surname_alone(family)
    initials_text = given[0].upper() + "." + (patronymic[0].upper() + "." if patronymic else "")
    return PersonName(family, given, patronymic, initials_text, gender)


def looks_like_person(name: str) -> bool:
    """Whether a bare string (an event participant, an award recipient) names a person rather than an organisation."""
    parsed = _tokens(name)
    if parsed is None:
        return False
    words, initials, _first = parsed
    if initials:
        return len(words) == 1 and len(initials) >= 1
    return 2 <= len(words) <= 3 and any(_is_patronymic(w) for w in words[1:])


def person_id(key: str, anchor: str) -> str:
    return stable_id("person", f"{key}@{anchor}")


def given_names_conflict(a: PersonName, b: PersonName) -> bool:
    """Two full names that agree on initials but not on the given name or patronymic are two people."""
    return bool((a.given and b.given and fold(a.given) != fold(b.given))
                or (a.patronymic and b.patronymic and fold(a.patronymic) != fold(b.patronymic)))


# ----------------------------------------------------------------------------------- places

_REGION = re.compile(r"област|край|краев|республик|автономн\w* округ|^(москва|санкт-петербург|севастополь)$")
_DISTRICT_GENERIC = {"муниципальный", "муниципального", "муниципальном", "район", "района", "районе", "округ",
                     "округа", "округе", "городской", "городского", "город", "города", "г", "мо", "образование",
                     "образования", "муниципальное"}


def is_region(name: str) -> bool:
    """A subject of the federation (область, край, республика…) rather than a municipal district."""
    return bool(_REGION.search(fold(name)))


def district_key(name: str) -> str:
    """``stems|type`` of a municipal unit: «Балашовский муниципальный район» = «Балашовского района»."""
    low = fold(name)
    words = re.findall(r"[а-яa-z0-9]+(?:-[а-яa-z0-9]+)*", low)
    if re.search(r"\bрайон", low):
        unit = "район"
    elif re.search(r"\bгород|\bг\b", low):
        unit = "город"
    elif re.search(r"\bокруг", low):
        unit = "округ"
    else:  # a bare name: an adjective is a district («Алейский»), a noun a town («Балашов»)
        unit = "район" if words and re.search(r"(ий|ый|ой|ого|ом)$", words[0]) else "город"
    stems = sorted({stem(w) for w in words if w not in _DISTRICT_GENERIC})
    return f"{' '.join(stems)}|{unit}"


def region_key(name: str) -> str:
    return " ".join(sorted(stem(w) for w in re.findall(r"[а-яa-z0-9]+(?:-[а-яa-z0-9]+)*", fold(name))))


def _district_acronyms(district: str) -> set[str]:
    """«Балашовский муниципальный район» → {"бмр", "бр"}: how the genre abbreviates a district in names."""
    words = re.findall(r"[а-я]+(?:-[а-я]+)*", fold(district))
    full = "".join(w[0] for w in words)
    short = "".join(w[0] for w in words if not w.startswith("муниципальн"))
    return {a for a in (full, short) if len(a) >= 2}


# ---------------------------------------------------------------------------------- organisations

_TYPE_PHRASES = [
    (re.compile(r"\bсредн\w*\s+(?:общеобразовательн\w*\s+)?школ\w*"), " сош "),
    (re.compile(r"\bосновн\w*\s+(?:общеобразовательн\w*\s+)?школ\w*"), " оош "),
    (re.compile(r"\bначальн\w*\s+(?:общеобразовательн\w*\s+)?школ\w*"), " нош "),
    (re.compile(r"\bобщеобразовательн\w*\s+школ\w*"), " школа "),
    (re.compile(r"\bдетск\w*\s+сад\w*"), " дс "),
    (re.compile(r"\bдополнительн\w*\s+профессиональн\w*\s+образовани\w*"), " дпо "),
    # legal forms: «муниципальное бюджетное общеобразовательное учреждение» says nothing about which one
    (re.compile(r"\b(?:(?:муниципальн|государственн|областн|краев|федеральн|частн|негосударственн|бюджетн|казенн"
                r"|автономн|дошкольн|общеобразовательн|образовательн|некоммерческ)\w*\s+)+учрежден\w*"), " "),
]
_LEGAL_ABBREVIATIONS = {
    "мку", "мбу", "мау", "гау", "гбу", "гку", "ано", "дпо", "во", "удо", "мбудо", "мудо", "маудо", "мкудо",
    "фгбу", "фгау", "огбу", "огау", "огку", "кгбу", "кгау", "ооо", "оао", "зао", "пао", "ао", "нко",
}
_GENERIC_WORDS = {
    "сош", "оош", "нош", "школа", "дс", "им", "имени",
    "р", "п", "пос", "поселок", "с", "село", "г", "д", "дер", "деревня", "ст", "станица", "х", "хутор", "рп",
    "пгт", "мкр", "аул", "и", "в", "на", "по", "для", "при", "от",
}
_NUMBER = re.compile(r"(?:№|n\s*(?=\d))\s*(\d+)|\b(\d+)\b")


def _org_words(name: str) -> tuple[list[str], list[str]]:
    """(words, numbers) of an organisation's name after the normalisations of the module doc."""
    text = fold(name)
    text = re.sub(r"[«»\"“”„'`]", " ", text)
    for pattern, replacement in _TYPE_PHRASES:
        text = pattern.sub(replacement, text)
    numbers = [a or b for a, b in _NUMBER.findall(text)]
    text = _NUMBER.sub(" ", text)
    words = re.findall(r"[а-яa-z0-9]+(?:-[а-яa-z0-9]+)*", text.replace(".", " "))
    return words, numbers


def _is_legal_form(word: str) -> bool:
    # abbreviations ending in «оу» (МОУ, МКОУ, МБДОУ, ФГБОУ…): no Russian word ends that way
    return word in _LEGAL_ABBREVIATIONS or (word.endswith("оу") and len(word) <= 7)


def org_stems(name: str, district: str | None = None) -> tuple[list[str], str]:
    """(sorted distinctive stems, number) of an organisation's name."""
    words, numbers = _org_words(name)
    skip_stems: set[str] = set()
    skip_words: set[str] = set()
    if district:
        skip_stems = {word_base(w) for w in re.findall(r"[а-я]+(?:-[а-я]+)*", fold(district))}
        skip_words = _district_acronyms(district)
    stems = set()
    for word in words:
        if word in _GENERIC_WORDS or _is_legal_form(word) or word in skip_words:
            continue
        word_stem = word_base(word)
        if word_stem in skip_stems or word_stem in ("муниципальн", "район", "округ"):
            continue
        stems.add(word_stem)
    return sorted(stems), "/".join(numbers)


_KIND_PATTERNS = [
    ("kindergarten", re.compile(r"детск\w* сад|\bд/с\b|доу\b|\bясли|центр развития ребенка")),
    ("school", re.compile(r"\bшкол|\bсош\b|\bоош\b|\bнош\b|гимнази|лице[йяюе]|\bсш\b|\bоу\b.*№|школа-интернат")),
    ("methodical_service", re.compile(r"методическ\w* (кабинет|центр|служб)|\bимц\b|\bммц\b|\bрмк\b")),
    ("institute", re.compile(r"институт|\bиро\b|\bипк|университет|академи|колледж|\bипкро\b")),
    ("authority", re.compile(r"^(\w+ )?(управлени|отдел|комитет|департамент|министерств)")),
]


def tidy_org_name(name: str) -> str:
    """The display form of an organisation's name: one space between words, and after a settlement
    marker glued to its name («р.п.Пинеровка» → «р.п. Пинеровка»); the written form stays an alias."""
    return " ".join(re.sub(r"(?<=\b[а-яё]\.)(?=[А-ЯЁ])", " ", name).split())


def guess_org_kind(name: str) -> str:
    """The kind of an organisation named without one (an event's host, an award's recipient)."""
    low = fold(re.sub(r"[«»\"“”„]", " ", name))
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(low):
            return kind
    return "other"


def org_key(name: str, kind: str | None, district: str | None) -> str:
    """``kind|stems|number|district key`` of an organisation (see the module doc)."""
    kind = kind or guess_org_kind(name)
    stems, number = org_stems(name, district)
    place = district_key(district) if district and not is_region(district) else (
        region_key(district) if district else "")
    return f"{kind}|{' '.join(stems)}|{number}|{place}"


def org_id(key: str) -> str:
    return stable_id("org", key)


def district_id(name: str) -> str:
    return stable_id("district", district_key(name))


def region_id(name: str) -> str:
    return stable_id("region", region_key(name))


# --------------------------------------------------------------------------------------- candidates


def person_candidate_evidence(a: PersonName, b: PersonName, anchor_a: str, anchor_b: str,
                              shared_neighbours: int) -> tuple[float, list[str], list[str]]:
    """(score, evidence for, evidence against) of two person nodes with the same key being one person.

    The score is the sum of the evidence: the same surname and initials (+0.5),
    the same full given name (+0.2), each shared organisation, event or group
    (+0.1, at most +0.3); against: different districts (−0.5), names that
    disagree in full (−1).
    """
    score, pro, con = 0.5, ["same surname and initials"], []
    if a.given and b.given and fold(a.given) == fold(b.given):
        score += 0.2
        pro.append(f"same given name {a.given}")
    if shared_neighbours:
        score += min(0.3, 0.1 * shared_neighbours)
        pro.append(f"{shared_neighbours} shared organisation(s), event(s) or group(s)")
    if given_names_conflict(a, b):
        score -= 1.0
        con.append(f"full names differ: {a.display} / {b.display}")
    if anchor_a.startswith("district:") and anchor_b.startswith("district:") and anchor_a != anchor_b:
        score -= 0.5
        con.append("different districts")
    if not anchor_a or not anchor_b:
        con.append("no district or organisation known for one of them")
    return round(score, 2), pro, con


def person_anchor(district: str | None, org: str | None) -> str:
    """What tells two people with the same key apart: ``district:<key>``, else ``org:<id>``, else ""."""
    if district:
        return ("region:" + region_key(district)) if is_region(district) else ("district:" + district_key(district))
    return f"org:{org}" if org else ""


def org_node_id(name: str, kind: str | None, district: str | None) -> str:
    """The id of the organisation node a written name resolves to."""
    return org_id(org_key(name, kind, district))


def person_node_id(name: str | PersonName, district: str | None = None, org: str | None = None) -> str | None:
    """The id of the person node a written name resolves to (``org``: the organisation's node id), or None."""
    parsed = parse_person(name) if isinstance(name, str) else name
    if parsed is None:
        return None
    return person_id(parsed.key, person_anchor(district, org))


# ------------------------------------------------------------------------------------------ scoring


def pairwise_scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering: every pair of mentions is one decision."""
    tp = fp = fn = 0
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            same_gold, same_pred = gold[i] == gold[j], predicted[i] == predicted[j]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": tp + fn, "tp": tp, "fp": fp, "fn": fn}


def resolve_variants(variants: dict) -> dict[str, list[tuple[str, str, str]]]:
    """(gold entity, node id, name) of every mention of a name-variant set (tests/fixtures/name_variants.json)."""
    people = []
    for m in variants.get("people", []):
        org = org_node_id(m["org"], None, None) if m.get("org") else None
        people.append((m["entity"], person_node_id(m["name"], m.get("district"), org) or "", m["name"]))
    orgs = [(m["entity"], org_node_id(m["name"], m.get("kind"), m.get("district")), m["name"])
            for m in variants.get("organisations", [])]
    return {"people": people, "organisations": orgs}
