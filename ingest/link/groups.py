"""Groups (methodical associations, working groups, school districts…) with their members."""

from __future__ import annotations

import re

from ingest.entities import unique_names
from ingest.facts import (
    DocumentInfo,
    EventFact,
    GroupFact,
)
from ingest.link.people import APPOINT
from ingest.mentions import SentenceMentions

_GROUP_ABBREVIATIONS = {"РМО": "районное методическое объединение", "ШМО": "школьное методическое объединение",
                        "ГМО": "городское методическое объединение"}


_NEW_POINT = re.compile(r"\s*\d+(?:\.\d+)*[.)]\s")


def _group_key(name: str) -> str:
    """Groups named alike are one: the quoted name, else the lemmas in the singular, abbreviations
    spelled out and a district at the end dropped («РМО учителей математики» = «Районное
    методическое объединение учителей математики Кировского района»)."""
    from ingest.morph import lemma

    quoted = re.search(r"«(.+)»", name)
    if quoted:
        return re.sub(r"\s+", "", quoted.group(1).lower())
    for abbr, spelled in _GROUP_ABBREVIATIONS.items():
        name = re.sub(rf"(?<![А-ЯЁ]){abbr}(?![А-ЯЁ])", spelled, name)
    name = re.sub(r"\s+[А-ЯЁ][а-яё]+(?:ого|ой)\s+(?:муниципального\s+)?(?:района|округа|области|края)$", "", name)
    return " ".join(lemma(w) for w in re.findall(r"[А-ЯЁа-яё]+", name))


def _merge_bare_groups(groups: dict[str, GroupFact]) -> None:
    """A bare «РМО» in a document that names one РМО is that one."""
    for key in list(groups):
        others = [k for k in groups if k != key and k.startswith(key + " ")]
        if len(others) == 1:
            target = groups[others[0]]
            bare = groups.pop(key)
            target.aliases.extend([bare.name, *bare.aliases])
            target.members.extend(m for m in bare.members if m not in target.members)


def group_facts(all_mentions: list[SentenceMentions], person_of: dict, info: DocumentInfo,
                 events: list[EventFact]) -> list[GroupFact]:
    groups: dict[str, GroupFact] = {}

    def add(name: str, kind: str, aliases: list[str], span: tuple[int, int]) -> GroupFact:
        key = _group_key(name)
        fact = groups.get(key)
        if fact is None:
            fact = groups[key] = GroupFact(name, kind, [], list(aliases), span)
        elif len(name) < len(fact.name) and "«" in name:
            fact.aliases.append(fact.name)
            fact.name = name
        return fact

    listing: GroupFact | None = None  # a group «в составе:» whose members the next lines list
    for sm in all_mentions:
        if listing is not None:
            if _NEW_POINT.match(sm.sentence.text) or not sm.people:
                listing = None
            else:
                for mention in sm.people:
                    entity = person_of.get((mention.start, mention.end))
                    if entity is not None and entity.name not in listing.members:
                        listing.members.append(entity.name)
        for org in sm.orgs:
            if org.kind == "school_district":  # «Дружбинского, Первоалейского … школьных округов»
                add(org.name, "school_district_network", [], sm.sentence.span)
        for g in sm.groups:
            fact = add(g.name, g.kind, g.aliases, sm.sentence.span)
            if re.search(r"в\s+составе\s*:?\s*$", sm.sentence.text):
                listing = fact  # «Создать творческую группу … в составе:» and a list or a table of people
            # «Руководителем творческой группы назначить Алексееву Н.С.»: the one appointed to lead it
            head_before = sm.sentence.text[max(0, g.start - sm.sentence.start - 30): g.start - sm.sentence.start]
            for mention in sm.people:
                between = sm.sentence.text[g.end - sm.sentence.start: mention.start - sm.sentence.start]
                entity = person_of.get((mention.start, mention.end))
                if mention.start >= g.end and len(between) < 40 and APPOINT.search(between) and re.search(
                        r"(?i)руководител|председател|координатор|член", head_before) and entity is not None \
                        and entity.name not in fact.members:
                    fact.members.append(entity.name)
            # «руководитель ММО …», «член рабочей группы» — the person of this clause is a member
            for mention in sm.people:
                between = sm.sentence.text[min(mention.end, g.start) - sm.sentence.start:
                                           max(mention.start, g.start) - sm.sentence.start]
                if mention.end <= g.start and len(between) < 60 and not re.search(r"[;.]", between) and \
                        re.search(r"руководител|член|участник|председател|координатор|входит", between, re.IGNORECASE):
                    entity = person_of.get((mention.start, mention.end))
                    if entity is not None and entity.name not in fact.members:
                        fact.members.append(entity.name)
        # «Члены рабочей группы: А, Б» — the document's own working group
        m = re.match(r"\s*(Члены|Состав)\s+(рабочей|творческой|проблемной|инициативной)\s+групп\w*\s*:?", sm.sentence.text)
        if m:
            base = "Рабочая группа" if m.group(2) == "рабочей" else m.group(2).capitalize()[:-2] + "ая группа"
            of_event = _genitive_of_event(info, events)
            fact = add(base + (" " + of_event if of_event else ""), "working_group", [], sm.sentence.span)
            for mention in sm.people:
                entity = person_of.get((mention.start, mention.end))
                if entity is not None and entity.name not in fact.members:
                    fact.members.append(entity.name)
    _merge_bare_groups(groups)
    for g in groups.values():
        g.aliases = unique_names([a for a in g.aliases if a != g.name])
    return list(groups.values())


def _genitive_of_event(info: DocumentInfo, events: list[EventFact]) -> str | None:
    """The event a resolution is of, as its title writes it: «ПОСТАНОВЛЕНИЕ итоговой методической
    конференции» → «итоговой методической конференции»."""
    m = re.search(r"(?:ПОСТАНОВЛЕНИЕ|РЕШЕНИЕ|ПРОТОКОЛ)\s+([а-яё]+(?:\s+[а-яё]+){0,4}?\s+(?:конференции|семинара|совещания|"
                  r"заседания|форума|совета))", info.text[:600])
    return m.group(1) if m else None
