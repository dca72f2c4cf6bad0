"""In-document resolution: the mentions of one organisation or one person within a document become one
entity, written in its fullest (or official short) form, with every other form as an alias."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import orgs as org_rules
from ingest.mentions import SentenceMentions
from ingest.names import PersonMention
from ingest.normalise import org_stems
from ingest.orgs import OrgMention
from ingest.places import PlaceMention


@dataclass(eq=False)
class OrgEntity:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # sentence spans
    legal: bool = False
    district: str | None = None


def org_identity(org: OrgMention | OrgEntity, acronyms: dict[str, str]) -> tuple[str, frozenset[str]]:
    """What identifies an organisation in a document: its kind and the normaliser's key of its name, the
    document's acronyms spelled out («СОИРО» for «Смоленский областной институт развития образования»)."""
    text = org.name
    for acro, expansion in acronyms.items():
        text = re.sub(rf"(?<![А-ЯЁа-яё]){acro}(?![А-ЯЁа-яё])", expansion, text)
    stems, number = org_stems(text)
    return org.kind, frozenset([*stems, *([f"№{number}"] if number else [])])


def build_acronyms(orgs: list[OrgMention], places: list[PlaceMention]) -> dict[str, str]:
    """Acronyms the document uses for its names: «БМР» for «Балашовский муниципальный район»,
    «СОИРО» for «Смоленский областной институт развития образования»."""
    out: dict[str, str] = {}
    for place in places:
        if place.type == "district":
            out.setdefault(org_rules.acronym(place.name), place.name)
    regions = {}
    for place in places:
        if place.type == "region" and len(place.name.split()) == 2:  # «КО» for «Калининградская область»
            regions.setdefault(org_rules.acronym(place.name), place.name)
    for org in orgs:
        m = re.search(r"«([^«»]+)»", org.name)
        if m and len(org_rules.acronym(m.group(1))) >= 3:
            out.setdefault(org_rules.acronym(m.group(1)), org.name)
        for written in (org.name, *org.aliases):  # «ЦРО» for «МКОУ Центр развития образования»
            core = org_rules.core_acronym(written)
            if len(core) >= 3 and not m:
                out.setdefault(core, org.name)
    out = {k: v for k, v in out.items() if len(k) >= 3}
    out.update({k: v for k, v in regions.items() if len(k) == 2 and k not in ("РФ",)})
    return out


def _preference(name: str, legal: bool) -> tuple:
    """Which written form names an organisation: the official short form with a legal form and
    quotes first, then the longest."""
    return (legal and "«" in name, legal, len(name))


def resolve_orgs(all_mentions: list[SentenceMentions], acronyms: dict[str, str]) -> tuple[list[OrgEntity], dict]:
    entities: list[OrgEntity] = []
    by_key: dict[tuple, OrgEntity] = {}
    of_mention: dict[tuple[int, int], OrgEntity] = {}
    for sm in all_mentions:
        for org in sm.orgs:
            if org.kind == "school_district":
                continue
            kind, distinct = org_identity(org, acronyms)
            if not distinct:
                continue
            key = (kind, distinct)
            entity = by_key.get(key)
            if entity is None:
                # an acronym of a known organisation («ГАУ ДПО СОИРО»)
                for acro, expansion in acronyms.items():
                    if acro in org.name.split() and expansion != org.name:
                        target = by_key.get(_org_key_from_name(expansion, kind, acronyms))
                        if target is not None:
                            entity = target
                            break
            if entity is None:
                entity = OrgEntity(org.name, kind, district=org.district_hint)
                entities.append(entity)
                by_key[key] = entity
            if _preference(org.name, bool(org.legal)) > _preference(entity.name, entity.legal):
                entity.aliases.append(entity.name)
                entity.name, entity.legal = org.name, bool(org.legal)
            elif org.name != entity.name:
                entity.aliases.append(org.name)
            entity.aliases.extend(org.aliases)
            entity.spans.append(sm.sentence.span)
            entity.district = entity.district or org.district_hint
            of_mention[(org.start, org.end)] = entity
    _merge_generic_references(entities, of_mention, acronyms)
    for entity in entities:
        entity.aliases = unique_names([a for a in entity.aliases if a and a != entity.name])
    return [e for e in entities if e.spans], of_mention


def _org_key_from_name(name: str, kind: str, acronyms: dict[str, str]) -> tuple:
    stub = OrgMention(name, kind, 0, 0, name)
    return org_identity(stub, acronyms)


def _merge_generic_references(entities: list[OrgEntity], of_mention: dict, acronyms: dict[str, str]) -> None:
    """«Управление образования района» in a document that names one education authority in full is that
    authority; «Управление образования» alone too. A generic name the document names no authority for stays an
    organisation of its own, written as the text writes it («отдел образования»); a shorter generic form
    («Администрации») is the longer one of the same head («Администрация района»)."""
    _REF_WORDS = {"город", "образован", "управлен", "отдел", "комитет", "администрац"}  # stems: org_stems
    for entity in list(entities):
        kind, distinct = org_identity(entity, acronyms)
        if kind != "authority" or not distinct <= _REF_WORDS:
            continue
        head = entity.name.split()[0].lower()
        candidates = [e for e in entities if e is not entity and e.kind == kind and head in e.name.lower()]
        targets = [e for e in candidates if not org_identity(e, acronyms)[1] <= _REF_WORDS]
        if not targets:  # a longer generic form of the same head: «Администрации» → «Администрация района»
            targets = [e for e in candidates if len(e.name) > len(entity.name)
                       and set(entity.name.lower().split()) < set(e.name.lower().split())]
        if not targets and len(entity.name.split()) == 1:
            entities.remove(entity)  # «Администрации», «Министерство» naming none the document names
            for span, e in list(of_mention.items()):
                if e is entity:
                    del of_mention[span]
            continue
        if len(targets) == 1:
            target = targets[0]
            target.aliases.append(entity.name)
            target.aliases.extend(entity.aliases)
            target.spans.extend(entity.spans)
            for span, e in list(of_mention.items()):
                if e is entity:
                    of_mention[span] = target
            entities.remove(entity)


def unique_names(items: list[str]) -> list[str]:
    seen = set()
    out = []
    for item in items:
        key = item.lower().replace("ё", "е")
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


@dataclass(eq=False)
class PersonEntity:
    mentions: list[PersonMention] = field(default_factory=list)
    posts: list[tuple[str | None, OrgEntity | None, tuple[int, int]]] = field(default_factory=list)

    @property
    def best(self) -> PersonMention:
        return max(self.mentions, key=lambda m: (bool(m.given), m.case == "nomn", len(m.initials)))

    @property
    def name(self) -> str:
        return self.best.name


def resolve_people(all_mentions: list[SentenceMentions]) -> tuple[list[PersonEntity], dict]:
    entities: list[PersonEntity] = []
    of_mention: dict[tuple[int, int], PersonEntity] = {}
    for sm in all_mentions:
        for mention in sm.people:
            found = None
            for entity in entities:
                b = entity.best
                if b.key[:2] == mention.key[:2] and (
                        len(b.initials) < 2 or len(mention.initials) < 2 or b.initials[1] == mention.initials[1]):
                    found = entity
                    break
                if _same_stem_person(b, mention):
                    found = entity
                    break
            if found is None:
                found = PersonEntity()
                entities.append(found)
            found.mentions.append(mention)
            of_mention[(mention.start, mention.end)] = found
    _harmonise_gender(entities)
    return entities, of_mention


def _same_stem_person(a: PersonMention, b: PersonMention) -> bool:
    """«Хайруллину Р.Р.» normalised two ways in two sentences is still one person."""
    if a.initials != b.initials or not a.initials:
        return False
    sa, sb = a.surname.lower(), b.surname.lower()
    stem = min(len(sa), len(sb)) - 1
    return stem >= 4 and sa[:stem] == sb[:stem] and abs(len(sa) - len(sb)) <= 2


def _harmonise_gender(entities: list[PersonEntity]) -> None:
    """Where one mention of a person knows the gender (a given name), the others follow it."""
    for entity in entities:
        known = [m for m in entity.mentions if m.given]
        if not known:
            continue
        for m in entity.mentions:
            if not m.given and m.surname != known[0].surname:
                m.surname = known[0].surname
