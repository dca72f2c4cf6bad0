"""Districts, regions and other places of a document, and the district each organisation is in."""

from __future__ import annotations

import re

from ingest.entities import OrgEntity, unique_names
from ingest.facts import (
    PlaceFact,
)
from ingest.mentions import SentenceMentions
from ingest.places import PlaceMention


def is_local(org: OrgEntity) -> bool:
    return bool(re.search(r"район|муниципальн|город|округ|МКУ|МБУ|МУ\b", org.name + " ".join(org.aliases)))


def districts_of(places: list[PlaceMention]) -> tuple[list[tuple[str, tuple, str | None]], list[tuple[str, tuple]]]:
    """Districts (with the region named right after them) and regions, each once, fullest name."""
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
    return list(districts.values()), list(regions.values())


def place_facts(all_mentions: list[SentenceMentions], ner_places: list[PlaceFact], districts: list,
                 regions: list) -> list[PlaceFact]:
    """Settlements the rules find («п. Тарбагатай», «г. Балашов») and places Natasha finds, each once,
    leaving out the districts and regions that have their own facts."""
    known = {_place_key(name) for name, *_rest in (*districts, *regions)}
    out: list[PlaceFact] = []
    for sm in all_mentions:
        for p in sm.places:
            if p.type == "settlement":
                out.append(PlaceFact(p.name, "settlement", [], sm.sentence.span))
    out.extend(ner_places)
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
