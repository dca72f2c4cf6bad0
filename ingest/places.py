"""Districts, regions and settlements, in the nominative.

«Балашовского муниципального района» → «Балашовский муниципальный район»,
«Петровск- Забайкальского района» → «Петровск-Забайкальский район»,
«Забайкальского края» → «Забайкальский край», «Республики Татарстан» →
«Республика Татарстан», «г. Балашов», «пгт Балтаси».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.morph import agree_adjective, parse

UP = "А-ЯЁ"
LO = "а-яё"
_ADJ = rf"[{UP}][{LO}]+(?:\s?-\s?[{UP}][{LO}]+)?"

# «район», never «районная» (a gymnasium of the district is no district)
_DISTRICT = re.compile(
    rf"(?<![{UP}{LO}])(?P<adj>{_ADJ})\s+(?P<mun>муниципальн\w+\s+)?(?P<noun>район(?:а|у|ом|е|ы|ов|ам|ами|ах)?|городск\w+\s+округ\w*"
    rf"|муниципальн\w+\s+округ\w*)(?![{LO}])"
)
_DISTRICT_AFTER = re.compile(rf"(?<![{LO}])(?P<noun>городско\w+\s+округ\w*|муниципальн\w+\s+образовани\w+|(?<![{UP}{LO}])го|г\.\s?о\.)"
                             rf"\s+(?:«|\")?(?P<resort>город-[{LO}]+\s+)?(?P<name>[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)*)(?P<next>\s+[{LO}]+)?")
_REGION = re.compile(
    rf"(?<![{UP}{LO}])(?:(?P<adj>{_ADJ})\s+(?P<noun>област\w*|кра[йяюе]\w*|автономн\w+\s+округ\w*)(?![{LO}])"
    rf"|(?P<rep>Республик\w+)\s+(?P<rname>[{UP}][{LO}]+(?:\s?-\s?[{UP}][{LO}]+)?(?:\s+[{UP}][{LO}]+)?))"
)
_SETTLEMENT = re.compile(
    rf"(?<![{LO}])(?P<type>г\.|город|р\.\s?п\.|п\.\s?г\.\s?т\.|пгт\.?|п\.|пос\.|посёлок|поселок|с\.|село|д\.|деревня|ст\.|станица)\s?(?P<name>[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?)"
)
# regions named without an adjective stem
_REPUBLIC_NOMINATIVE = {"татарстан": "Татарстан", "башкортостан": "Башкортостан"}


@dataclass(frozen=True)
class PlaceMention:
    name: str
    type: str  # "district" | "region" | "settlement"
    start: int
    end: int
    marker: str = ""  # a settlement's word as written: «г.», «город», «с.», «пгт»


def _join_hyphen(adj: str) -> str:
    return re.sub(r"\s?-\s?", "-", adj)


def _nominative_adj(adj: str, noun: str) -> str:
    parts = _join_hyphen(adj).split("-")
    return "-".join(agree_adjective(p, noun) if any(q.tag.POS == "ADJF" for q in parse(p)) or i == len(parts) - 1
                    else p for i, p in enumerate(parts))


_PRONOUNS = {"этот", "тот", "данный", "наш", "ваш", "свой", "весь", "каждый", "который", "такой", "другой", "иной",
             "любой", "сам", "самый", "один", "никакой", "какой", "некоторый", "соседний", "родной"}


def _given_name(word: str) -> bool:
    return any("Name" in p.tag and p.score > 0.2 for p in parse(word.lower()))


def _is_adjective(word: str) -> bool:
    """A place adjective: «Смоленской»; not a pronoun or a common one («этой области», «соседнего района»)."""
    last = _join_hyphen(word).split("-")[-1]
    ps = [p for p in parse(last) if p.tag.POS == "ADJF"]
    return bool(ps) and not any(p.normal_form in _PRONOUNS or "Apro" in p.tag for p in ps)


def find_places(text: str, offset: int = 0) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    for m in _DISTRICT.finditer(text):
        if not _is_adjective(m.group("adj")):
            continue
        noun_words = m.group("noun").split()
        if noun_words[0].startswith("район"):
            noun = "муниципальный район" if m.group("mun") else "район"
        elif noun_words[0].startswith("городск"):
            noun = "городской округ"
        else:
            noun = "муниципальный округ"
        name = f"{_nominative_adj(m.group('adj'), noun.split()[-1])} {noun}"
        out.append(PlaceMention(name, "district", m.start() + offset, m.end() + offset))
    for m in _DISTRICT_AFTER.finditer(text):
        name = m.group("name")
        following = (m.group("next") or "").strip()
        if _is_adjective(name) and (following.startswith(("област", "кра", "округ", "республик", "район"))
                                    or not re.match(r"(?i)(го|г\.\s?о\.|городск)", m.group("noun"))):
            continue  # «муниципальных образований Смоленской области»; «городского округа Стрежевой» is one
        if _given_name(name):
            continue  # «Глава муниципального образования Зоя Карлюга»: a person's name, not a place
        noun_low = m.group("noun").lower()
        noun = "городской округ" if re.match(r"(го|г\.\s?о\.|город)", noun_low) else "муниципальное образование"
        if m.group("resort"):  # «муниципального образования город-курорт Геленджик»
            out.append(PlaceMention(f"{m.group('resort').strip()} {name}", "district", m.start("resort") + offset,
                                    m.end("name") + offset))
            continue
        out.append(PlaceMention(f"{noun} {name}", "district", m.start() + offset, m.end("name") + offset))
    for m in _REGION.finditer(text):
        if m.group("rep"):
            rname = m.group("rname")
            first = rname.split()[0]
            if any(p.tag.POS == "ADJF" for p in parse(first)):
                continue
            name = f"Республика {_join_hyphen(rname)}"
        else:
            if not _is_adjective(m.group("adj")):
                continue
            noun_low = m.group("noun").lower()
            noun = "область" if noun_low.startswith("област") else (
                "край" if noun_low.startswith("кра") else "автономный округ")
            name = f"{_nominative_adj(m.group('adj'), noun.split()[-1])} {noun}"
        out.append(PlaceMention(name, "region", m.start() + offset, m.end() + offset))
    for m in _SETTLEMENT.finditer(text):
        if m.group("type") == "г." and re.search(r"(?:\d{4}|\d{1,2}\.\d{2})\s*(?:год\w*\s*)?$", text[: m.start()]):
            continue  # «в декабре 2013 г. Сумму …»: «г.» is a year here
        out.append(PlaceMention(m.group("name"), "settlement", m.start() + offset, m.end() + offset,
                                marker=m.group("type").replace(" ", "")))
    out.sort(key=lambda p: p.start)
    return out
