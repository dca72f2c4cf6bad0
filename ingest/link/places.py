"""Districts, regions and other places of a document, and the district each organisation is in."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ingest.entities import OrgEntity, unique_names
from ingest.facts import (
    PlaceFact,
)
from ingest.mentions import SentenceMentions
from ingest.morph import parse
from ingest.normalise import fold, is_region
from ingest.places import PlaceMention


def is_local(org: OrgEntity) -> bool:
    return bool(re.search(r"район|муниципальн|город|округ|МКУ|МБУ|МУ\b", org.name + " ".join(org.aliases)))


@lru_cache(maxsize=1)
def not_municipal() -> frozenset[str]:
    """Places that are no municipal unit (ingest/data/countries.txt): countries, parts of the world,
    macro-regions, federal cities; folded."""
    text = resources.files("ingest").joinpath("data/countries.txt").read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


_VILLAGE_MARKERS = {"с.", "село", "п.", "пос.", "посёлок", "поселок", "д.", "деревня", "ст.", "станица", "х.", "р.п.",
                    "пгт", "пгт.", "п.г.т.", "аул"}
_CITY_MARKERS = {"г.", "город", "гор."}


def city_nominative(word: str) -> str:
    """A town's name in the nominative: «Петрозаводска» → «Петрозаводск», «Воркуты» → «Воркута», «Заречного» →
    «Заречный» (an adjective's name, masculine as «город» unless written in another gender)."""
    adjective = _adjective_town(word)
    if adjective is not None:
        return adjective
    readings = [p for p in parse(word) if p.tag.POS == "NOUN" and "Geox" in p.tag] or [
        p for p in parse(word) if p.tag.POS == "NOUN" and not p.is_known]
    for p in readings:
        nominative = p.inflect({"nomn"})
        if nominative is not None:
            parts = nominative.word.split("-")
            written = word.split("-")
            return "-".join(n[:1].upper() + n[1:] if (i < len(written) and written[i][:1].isupper()) or i == 0 else n
                            for i, n in enumerate(parts))
    return word


def _adjective_town(word: str) -> str | None:
    """«Лесной», «Заречного», «Лесная»: a town named by an adjective in the nominative, or None."""
    if not re.search(r"(?:ой|ый|ий|ая|яя|ое|ее|ого|его|ому|ему|ом|ем|ым|им)$", word.lower()):
        return None
    adjectives = [p for p in parse(word) if p.tag.POS == "ADJF" and p.tag.number != "plur"]
    written = next((p for p in adjectives if p.tag.case == "nomn"), None)
    if not adjectives or (written is None and any(p.tag.POS == "NOUN" and "Geox" in p.tag for p in parse(word))):
        return None  # «Лесной» as written is the town; «Твери» is no adjective
    gender = str(written.tag.gender) if written is not None and written.tag.gender else "masc"
    nominative = adjectives[0].inflect({"nomn", "sing", gender})
    return None if nominative is None else nominative.word[:1].upper() + nominative.word[1:]


def _is_town(name: str) -> bool:
    """A place Natasha found that is a town: one word (hyphens allowed) the dictionary knows as a place name,
    no country, region or federal city."""
    if " " in name or fold(name) in not_municipal() or is_region(name) or name.isupper() or any(
            fold(part) in not_municipal() for part in name.split("-")):
        return False
    if re.search(r"(?:ск|цк)(?:ая|ий|ое|ой)$", name):
        return False  # «Тверская»: an adjective of a region or a street
    return any("Geox" in p.tag and p.tag.POS == "NOUN" and p.is_known for p in parse(name.split("-")[-1]))


def districts_of(places: list[PlaceMention], ner_places: list[PlaceFact] = ()
                 ) -> tuple[list[tuple[str, tuple, str | None]], list[tuple[str, tuple]]]:
    """Districts (with the region named right after them) and regions, each once, fullest name; then the towns
    («г. Петрозаводска», «в Сыктывкаре»: a town is a municipal unit too) by their names, villages left out."""
    districts: dict[str, tuple[str, tuple, str | None]] = {}
    regions: dict[str, tuple[str, tuple]] = {}
    for p in places:
        if p.type == "region":
            key = p.name.split()[0][:6].lower() if not p.name.startswith("Республика") else p.name.lower()
            regions.setdefault(key, (p.name, (p.start, p.end)))
    for i, p in enumerate(places):
        if p.type != "district":
            continue
        key = p.name.split()[0][:6].lower()
        region = None
        if i + 1 < len(places) and places[i + 1].type == "region" and places[i + 1].start - p.end < 3:
            region = places[i + 1].name
        old = districts.get(key)
        if old is None or len(p.name) > len(old[0]) or (region and not old[2]):
            districts[key] = (p.name if old is None or len(p.name) >= len(old[0]) else old[0],
                              old[1] if old else (p.start, p.end), region or (old[2] if old else None))
    villages = {fold(city_nominative(p.name)) for p in places if p.type == "settlement" and p.marker in _VILLAGE_MARKERS}
    villages |= {fold(p.name) for p in places if p.type == "settlement" and p.marker in _VILLAGE_MARKERS}
    towns: dict[str, tuple[str, tuple, str | None]] = {}
    for p in places:
        if p.type == "settlement" and p.marker in _CITY_MARKERS:
            name = city_nominative(p.name)
            if fold(name) not in not_municipal():
                towns.setdefault(fold(name)[:6], (name, (p.start, p.end), None))
    for place in ner_places:
        if _is_town(place.name) and fold(place.name) not in villages:
            towns.setdefault(fold(place.name)[:6], (place.name, place.span or (0, 0), None))
    stems = {fold(d[0]).split()[0][:5] for d in districts.values()}
    for key, (name, span, region) in towns.items():
        if any(d[0].startswith(("город", "городской округ")) and fold(d[0]).split()[-1][:6] == key
               for d in districts.values()):
            continue
        # «Сыктывкар»; «город Белгород» beside «Белгородский район», which the bare name would not tell apart
        districts.setdefault(f"город {key}", (f"город {name}" if key[:5] in stems else name, span, region))
    return list(districts.values()), list(regions.values())


def main_district_of(districts: list) -> str | None:
    """The district a document is about: its only one, towns aside when a district is named."""
    units = [d for d in districts if " " in d[0] and not d[0].startswith("город ")] or districts
    return units[0][0] if len(units) == 1 else None


def place_facts(all_mentions: list[SentenceMentions], ner_places: list[PlaceFact], districts: list,
                 regions: list) -> list[PlaceFact]:
    """Settlements the rules find («п. Тарбагатай», «г. Балашов») and places Natasha finds, each once,
    leaving out the districts and regions that have their own facts."""
    known = {_place_key(name) for name, *_rest in districts}
    out: list[PlaceFact] = []
    for sm in all_mentions:
        for p in sm.places:
            if p.type == "settlement":
                out.append(PlaceFact(p.name, "settlement", [], sm.sentence.span))
    out.extend(ner_places)
    for name, span in regions:  # regions are places of the document, never districts
        out.append(PlaceFact(name, "region", [], span))
    seen: set[str] = set()
    unique = []
    for place in out:
        key = _place_key(place.name)
        if key in seen:
            first = next(u for u in unique if _place_key(u.name) == key)
            first.aliases = unique_names(first.aliases + [a for a in place.aliases if a != first.name])
        elif key not in known:
            seen.add(key)
            unique.append(place)
    return unique


def _place_key(name: str) -> str:
    """Places named alike are one: each word cut to its stem («Россия» = «России»; «Россия-Франция» is not «Россия»)."""
    return " ".join(w[:6] for w in re.findall(r"[а-яёa-z0-9]+", name.lower()))


def district_name(district: str | None, districts: list) -> str | None:
    if district is None:
        return None
    key = district.split()[0][:6].lower()
    for name, _span, _region in districts:
        if name.split()[0][:6].lower() == key:
            return name
    return district
