"""The one normaliser: what a written name is, decided once, here in ingest.

Organisations.  :func:`org_kind` says what kind an organisation is from its name; :func:`org_key` says
which one it is: the name lower-cased, quotes and legal forms dropped («МКОУ», «муниципальное казённое
общеобразовательное учреждение»), type phrases contracted («средняя общеобразовательная школа», «средней
школе» → СОШ, «детский сад» → ДС), settlement markers dropped («р.п.», «п.», «с.»), numbers taken apart
(«№5», «№ 5» → 5), the district's own words and its acronym («БМР» for Балашовский муниципальный район)
removed when the district is known, and every remaining word stemmed (Солнечная, Солнечной, Солнечную →
солнечн). The key is ``sorted distinctive stems|number``: with the kind and the district it tells
«СОШ №5» from «СОШ №15», a school from a kindergarten of the same village.

Districts.  :func:`district_key` is ``stems|unit`` («Балашовский муниципальный район» = «Балашовского
района»); :func:`is_region` tells a subject of the federation (область, край, республика…).

Facts.  :func:`complete_facts` gives every fact of a document the structure graph/ builds on: people
parsed into family, given name, patronymic and initials (ingest.names), organisations their kind and
key, districts their key and level, events and groups their key, and every reference (an event's host
and participants, an award's recipient and giver, a group's members, the issuer, the signatory and a
person's organisation) resolved to an entry of the document, which is added when the reference names
one the lists lack (a hand-written facts file).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.facts import (
    ORGANISATION,
    PERSON,
    DistrictFact,
    DocumentFacts,
    FactsError,
    OrganisationFact,
    PersonFact,
    Ref,
)
from ingest.morph import parse as morph_parse
from ingest.vocabulary import ORGANISATION_KIND


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


# ------------------------------------------------------------------------------------------- districts

_REGION = re.compile(r"област|край|краев|республик|автономн\w* округ|^(москва|санкт-петербург|севастополь)$")
_DISTRICT_GENERIC = {"муниципальный", "муниципального", "муниципальном", "район", "района", "районе", "округ",
                     "округа", "округе", "городской", "городского", "город", "города", "г", "мо", "образование",
                     "образования", "муниципальное"}
_WORDS = re.compile(r"[а-яa-z0-9]+(?:-[а-яa-z0-9]+)*")


def is_region(name: str) -> bool:
    """A subject of the federation (область, край, республика…) rather than a municipal district."""
    return bool(_REGION.search(fold(name)))


def district_key(name: str) -> str:
    """``stems|unit`` of a municipal unit: «Балашовский муниципальный район» = «Балашовского района»."""
    low = fold(name)
    words = _WORDS.findall(low)
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
    return " ".join(sorted(stem(w) for w in _WORDS.findall(fold(name))))


def district_acronyms(district: str) -> set[str]:
    """«Балашовский муниципальный район» → {"бмр", "бр"}: how the genre abbreviates a district in names."""
    words = re.findall(r"[а-я]+(?:-[а-я]+)*", fold(district))
    full = "".join(w[0] for w in words)
    short = "".join(w[0] for w in words if not w.startswith("муниципальн"))
    return {a for a in (full, short) if len(a) >= 2}


# ---------------------------------------------------------------------------------------- organisations

_KIND_PATTERNS = [  # the first that matches decides
    ("kindergarten", re.compile(r"детск\w* сад|\bдетсад|\bд/с\b|доу\b|дошкольн|\bясли|центр развития ребенка")),
    ("school", re.compile(r"\b(?:сош|оош|нош|сш|ош)\b|\bшкол|гимнази|лице[йяюе]|\bоу\b.*№")),
    ("institute", re.compile(r"институт|университет|академи|колледж|\bдпо\b|\bиро\b|\bипк|\bцнппм")),
    ("methodical_service", re.compile(r"методическ\w* (?:кабинет|центр|служб)|\bимц\b|\bммц\b|\bрмк\b")),
    ("authority", re.compile(r"управлени|\bотдел|комитет|департамент|министерств|администраци|правительств|сельсовет"
                             r"|горсовет|совет\w* депутатов|собрани\w* депутатов|\bдум[аыеу]\b|\bмэри[яию]")),
]
# schools of sport and the arts are supplementary education, not schools of the network («ДШИ», «ДЮСШ»)
_NOT_A_SCHOOL = re.compile(r"дюсш|\bдши\b|\bдхш\b|\bдмш\b|спортивн|искусств|музыкальн\w* школ|художественн\w* школ")


def org_kind(name: str) -> str:
    """The kind of an organisation from its name (ingest/vocabulary.py's codes)."""
    low = fold(re.sub(r"[«»\"“”„]", " ", name))
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(low):
            if kind == "school" and _NOT_A_SCHOOL.search(low):
                continue
            return kind
    return "other"


def tidy_org_name(text: str) -> str:
    """The display form of an organisation's name: one space between words and after a settlement marker
    glued to its name («р.п.Пинеровка» → «р.п. Пинеровка»), «№ 5», guillemets for straight quotes."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(р\.|п\.|г\.|с\.|д\.|ст\.|о\.|т\.|х\.)(?=[А-ЯЁ])", r"\1 ", text)
    text = re.sub(r"р\. п\.", "р.п.", text)
    text = re.sub(r"№(?=\d)", "№ ", text)
    text = text.replace("\"", "«", 1).replace("\"", "»", 1) if text.count("\"") == 2 else text
    return text.replace("“", "«").replace("”", "»").replace("„", "«")


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
LEGAL_ABBREVIATIONS = {
    "мку", "мбу", "мау", "гау", "гбу", "гку", "ано", "дпо", "во", "удо", "мбудо", "мудо", "маудо", "мкудо",
    "фгбу", "фгау", "огбу", "огау", "огку", "кгбу", "кгау", "ооо", "оао", "зао", "пао", "ао", "нко",
}
# words that say what kind of place or body a name is, never which one
GENERIC_WORDS = {
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
    return _WORDS.findall(text.replace(".", " ")), numbers


def is_legal_form(word: str) -> bool:
    # abbreviations ending in «оу» (МОУ, МКОУ, МБДОУ, ФГБОУ…): no Russian word ends that way
    return word in LEGAL_ABBREVIATIONS or (word.endswith("оу") and len(word) <= 7)


def org_stems(name: str, district: str | None = None) -> tuple[list[str], str]:
    """(sorted distinctive stems, number) of an organisation's (or an event's, a group's) name."""
    words, numbers = _org_words(name)
    skip_stems: set[str] = set()
    skip_words: set[str] = set()
    if district:
        skip_stems = {word_base(w) for w in re.findall(r"[а-я]+(?:-[а-я]+)*", fold(district))}
        skip_words = district_acronyms(district)
    stems = set()
    for word in words:
        if word in GENERIC_WORDS or is_legal_form(word) or word in skip_words:
            continue
        word_stem = word_base(word)
        if word_stem in skip_stems or word_stem in ("муниципальн", "район", "округ"):
            continue
        stems.add(word_stem)
    return sorted(stems), "/".join(numbers)


def org_key(name: str, district: str | None = None) -> str:
    """``stems|number``: which organisation a name is, within its kind and district."""
    stems, number = org_stems(name, district)
    return f"{' '.join(stems)}|{number}"


# ---------------------------------------------------------------------------------------------- facts


class _Lookup:
    """The document's people and organisations by every name they are written with."""

    def __init__(self, facts: DocumentFacts):
        self.facts = facts
        self.orgs: dict[str, OrganisationFact] = {}
        self.org_keys: dict[str, list[OrganisationFact]] = {}
        self.people: dict[str, PersonFact] = {}
        self.person_keys: dict[str, PersonFact] = {}
        for org in facts.organisations:
            self._index_org(org)
        for person in facts.people:
            self._index_person(person)

    def _index_org(self, org: OrganisationFact) -> None:
        for written in (org.name, *org.aliases):
            self.orgs.setdefault(fold(written), org)
        self.org_keys.setdefault(org_key(org.name), []).append(org)

    def _index_person(self, person: PersonFact) -> None:
        for written in (person.name, *person.aliases):
            self.people.setdefault(fold(written), person)
        self.person_keys.setdefault(person.key, person)

    def organisation(self, name: str) -> OrganisationFact:
        """The listed organisation a name refers to, else a new entry for it."""
        found = self.orgs.get(fold(name))
        if found is None:
            same = self.org_keys.get(org_key(name), [])
            found = same[0] if len(same) == 1 else None
        if found is None:
            found = OrganisationFact(tidy_org_name(name), org_kind(name), aliases=[name] if tidy_org_name(name) != name
                                     else [])
            _complete_org(found, self.facts)
            self.facts.organisations.append(found)
            self._index_org(found)
        return found

    def person(self, name: str, where: str, strict: bool = True) -> PersonFact | None:
        """The listed person a name refers to, else a new entry for it (None if ``strict`` is off and the
        name is no person's)."""
        from ingest.names import looks_like_person_name, parse_name

        found = self.people.get(fold(name))
        if found is not None:
            return found
        parsed = parse_name(name)
        if parsed is None:
            if strict:
                raise FactsError(f"{where}: {name!r} is not a person's name")
            return None
        candidate = PersonFact(parsed.name)
        _set_name_parts(candidate, parsed)
        found = self.person_keys.get(candidate.key)
        if found is not None:
            return found
        if not strict and not looks_like_person_name(name):
            return None
        candidate.aliases = [name] if name != candidate.name else []
        self.facts.people.append(candidate)
        self._index_person(candidate)
        return candidate

    def party(self, value: str | Ref, where: str) -> Ref:
        """A reference to a person or an organisation of the document."""
        if isinstance(value, Ref):
            return value
        person = self.person(value, where, strict=False)
        if person is not None:
            return Ref(PERSON, person.name)
        return Ref(ORGANISATION, self.organisation(value).name)


def _set_name_parts(person: PersonFact, parsed) -> None:
    person.family = parsed.surname
    person.given, person.patronymic = parsed.given, parsed.patronymic
    person.initials = "".join(i + "." for i in parsed.initials)


def _complete_org(org: OrganisationFact, facts: DocumentFacts) -> None:
    org.name = tidy_org_name(org.name)
    if org.kind not in ORGANISATION_KIND:
        org.kind = org_kind(org.name)
    if not org.key:
        org.key = org_key(org.name, org.district)


def _complete_district(district: DistrictFact) -> None:
    if not district.key:
        district.key = district_key(district.name)
    if is_region(district.name):
        district.level = "region"
    if not district.region_key and (district.region or district.level == "region"):
        district.region_key = region_key(district.region or district.name)


_NAME_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _genitive_head(word: str) -> bool:
    """A word that can open a genitive tail of a name: a noun or adjective in the genitive, not an acronym."""
    if word.isupper() and len(word) > 1:
        return False
    return any(r.tag.case == "gent" and r.tag.POS in ("NOUN", "ADJF") for r in morph_parse(word))


def parent_of(org: OrganisationFact, organisations: list[OrganisationFact]) -> str | None:
    """The organisation of the same document whose name this one's name ends with, in the genitive: the body
    it belongs to («Отдел кадров управления образования администрации Н-ского района» → «Управление
    образования администрации Н-ского района»). The longest such name is the nearest body."""
    words = _NAME_WORD.findall(org.name)
    stems = [stem(w) for w in words]
    own = {fold(org.name), *(fold(a) for a in org.aliases)}
    best: tuple[int, str] | None = None
    for other in organisations:
        tail = [stem(w) for w in _NAME_WORD.findall(other.name)]
        if len(tail) < 2 or len(tail) >= len(stems) or fold(other.name) in own or stems[-len(tail):] != tail:
            continue
        if _genitive_head(words[-len(tail)]) and (best is None or len(tail) > best[0]):
            best = (len(tail), other.name)
    return best[1] if best else None


def _complete_parents(facts: DocumentFacts, lookup: _Lookup) -> None:
    for index, org in enumerate(facts.organisations):
        if org.parent:
            parent = lookup.organisation(org.parent).name
            if parent == org.name:
                raise FactsError(f"organisations[{index}].parent: {org.name!r} cannot be its own parent")
            org.parent = parent
        else:
            org.parent = parent_of(org, facts.organisations)


def complete_facts(facts: DocumentFacts) -> DocumentFacts:
    """Every fact with the structure graph/ builds on (see the module doc); raises :class:`FactsError`
    for a person whose name cannot be read as one."""
    from ingest.names import parse_name

    for district in facts.districts:
        _complete_district(district)
    listed = {fold(d.name) for d in facts.districts}
    for org in facts.organisations:
        if org.district and fold(org.district) not in listed:
            facts.districts.append(DistrictFact(org.district))
            _complete_district(facts.districts[-1])
            listed.add(fold(org.district))
        _complete_org(org, facts)
    for index, person in enumerate(facts.people):
        if not person.family:
            parsed = parse_name(person.name)
            if parsed is None:
                raise FactsError(f"people[{index}].name: {person.name!r} is not a person's name")
            _set_name_parts(person, parsed)
    lookup = _Lookup(facts)
    _complete_parents(facts, lookup)
    for person in list(facts.people):
        if person.org:
            person.org = lookup.organisation(person.org).name
    doc = facts.document
    if doc.issuer:
        doc.issuer = lookup.organisation(doc.issuer).name
    if doc.signatory:
        signatory = lookup.person(doc.signatory, "document.signatory", strict=False)
        doc.signatory = signatory.name if signatory else doc.signatory
    for i, event in enumerate(facts.events):
        event.host = lookup.party(event.host, f"events[{i}].host") if event.host else None
        event.participants = [lookup.party(p, f"events[{i}].participants") for p in event.participants]
        event.key = event.key or org_key(event.name)
    for i, award in enumerate(facts.awards):
        award.recipient = lookup.party(award.recipient, f"awards[{i}].recipient")
        award.giver = lookup.party(award.giver, f"awards[{i}].giver") if award.giver else None
    for i, group in enumerate(facts.groups):
        group.members = [lookup.party(m, f"groups[{i}].members") for m in group.members]
        group.key = group.key or org_key(group.name)
    return facts
