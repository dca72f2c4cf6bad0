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
    """Groups named alike are one: the lemmas in the singular, a quoted name's words kept as written,
    abbreviations spelled out and a district at the end dropped («РМО учителей математики» = «Районное
    методическое объединение учителей математики Кировского района»)."""
    from ingest.morph import lemma

    quoted = " ".join(q.lower() for q in re.findall(r"«([^«»]+)»", name))
    name = re.sub(r"«[^«»]*»", " ", name)
    for abbr, spelled in _GROUP_ABBREVIATIONS.items():
        name = re.sub(rf"(?<![А-ЯЁ]){abbr}(?![А-ЯЁ])", spelled, name)
    name = re.sub(r"\s+[А-ЯЁ][а-яё]+(?:ого|ой)\s+(?:муниципального\s+)?(?:района|округа|области|края)$", "", name)
    words = " ".join(lemma(w) for w in re.findall(r"[А-ЯЁа-яё]+", name))
    return (words + (" «" + re.sub(r"\s+", "", quoted) + "»" if quoted else "")).strip()


def _merge_bare_groups(groups: dict[str, GroupFact]) -> None:
    """A bare «РМО» in a document that names one РМО is that one; a collective («методические объединения
    учителей русского языка») of groups the document names one by one is none of its own."""
    for key in list(groups):
        others = [k for k in groups if k != key and k.startswith(key + " ")]
        if len(others) == 1:
            target = groups[others[0]]
            bare = groups.pop(key)
            target.aliases.extend([bare.name, *bare.aliases])
            target.members.extend(m for m in bare.members if m not in target.members)
        elif len(others) > 1 and not groups[key].members:
            groups.pop(key)


def _initials_of(words: list[str]) -> str:
    return "".join(w[0] for w in words).upper()


def _expanded(a: list[str], b: list[str]) -> list[str]:
    """``a``'s abbreviations written out as the words of ``b`` whose initials they are («ФГОС НОО» and
    «… ФГОС начального общего образования»)."""
    out = []
    for word in a:
        if word.isupper() and 2 <= len(word) <= 5 and word not in b:
            for i in range(len(b) - len(word) + 1):
                if _initials_of(b[i: i + len(word)]) == word:
                    out.extend(b[i: i + len(word)])
                    break
            else:
                out.append(word)
        else:
            out.append(word)
    return out


def _merge_abbreviated(groups: dict[str, GroupFact]) -> None:
    """One group written out and abbreviated («рабочая группа по введению ФГОС НОО» and «… по введению новых
    ФГОС начального общего образования»): the same words once the abbreviations are spelled out."""
    from ingest.morph import lemma

    keys = list(groups)
    for i, ka in enumerate(keys):
        for kb in keys[i + 1:]:
            if ka not in groups or kb not in groups:
                continue
            a, b = groups[ka], groups[kb]
            if a.kind != b.kind or ("«" in a.name) != ("«" in b.name):
                continue
            wa, wb = re.findall(r"[А-ЯЁа-яё]+", a.name), re.findall(r"[А-ЯЁа-яё]+", b.name)
            ea, eb = _expanded(wa, wb), _expanded(wb, wa)
            if (ea == wa and eb == wb) or re.findall(r"\d+", a.name) != re.findall(r"\d+", b.name):
                continue  # no abbreviation of one spelled out in the other, or other numbers
            la, lb = {lemma(w) for w in ea}, {lemma(w) for w in eb}
            if len(la & lb) / len(la | lb) < 0.75:
                continue
            keep, drop = (ka, kb) if len(a.name) >= len(b.name) else (kb, ka)
            groups[keep].aliases.append(groups[drop].name)
            groups[keep].members.extend(m for m in groups[drop].members if m not in groups[keep].members)
            groups.pop(drop)


def _same_quoted(groups: dict[str, GroupFact], key: str, kind: str) -> GroupFact | None:
    """A group written again with its quoted name and other words around it («школьная социальная сеть
    «Школяры»», «школьная образовательная социальная сеть «Школяры»»): the same quoted name, one's other
    words mostly the other's. «Совет участников конкурса «Учитель года»» and «Совет победителей конкурса
    «Учитель года»» stay two."""
    if "«" not in key:
        return None
    words, quoted = key.split("«", 1)
    mine = {w.rsplit("-", 1)[-1] for w in words.split()}  # «интернет-сеть» is a «сеть»
    for other_key, fact in groups.items():
        if fact.kind != kind or "«" not in other_key:
            continue
        other_words, other_quoted = other_key.split("«", 1)
        theirs = {w.rsplit("-", 1)[-1] for w in other_words.split()}
        if other_quoted == quoted and (mine <= theirs or theirs <= mine):
            return fact
    return None


def _has_verb(text: str) -> bool:
    """A finite verb: «Баластаевой О.В. Она представила … председателя Совета» are two clauses."""
    from ingest.morph import parse

    return any(p.tag.POS == "VERB" for w in re.findall(r"[а-яё]+", text.lower()) for p in parse(w)[:1])


_PASSING_BODY = re.compile(r"(?:\w+\s+)?(?:[Жж]юри|[Кк]омисси|[Оо]ргкомитет|[Оо]рганизационн\w+\s+комитет)")
_LISTED_AFTER = re.compile(r"(?:в\s+составе|в\s+состав\w*|состав\w*)\s*$", re.IGNORECASE)


def _add_group(groups: dict[str, GroupFact], name: str, kind: str, aliases: list[str],
               span: tuple[int, int]) -> GroupFact:
    """The group of this name (a new one, or the one already named alike); a shorter quoted name wins."""
    key = _group_key(name)
    fact = groups.get(key) or _same_quoted(groups, key, kind)
    if fact is None:
        fact = groups[key] = GroupFact(name, kind, [], list(aliases), span)
    elif len(name) < len(fact.name) and "«" in name:
        fact.aliases.append(fact.name)
        fact.name = name
    return fact


def _add_member(fact: GroupFact, entity) -> None:
    if entity is not None and entity.name not in fact.members:
        fact.members.append(entity.name)


# the signature under an order: a head's post opens the line, the name stands far to the right
_SIGNATURE_LINE = re.compile(r"\s*(?:Начальник|Директор|Заведующ|Председател|Глава|Руководител|Ректор|Заместител)\w*"
                             r"[^\n]*(?:\t|\s{3,})\S")


def _list_continues(listing: GroupFact, sm: SentenceMentions, person_of: dict) -> GroupFact | None:
    """The lines after «в составе:» add their people to the group until a new point, a line of none or the
    signature."""
    if _NEW_POINT.match(sm.sentence.text) or not sm.people or _SIGNATURE_LINE.match(sm.sentence.text):
        return None
    for mention in sm.people:
        _add_member(listing, person_of.get((mention.start, mention.end)))
    return listing


def _listed_after_colon(sm: SentenceMentions, g, fact: GroupFact, person_of: dict) -> bool:
    """«учителя-эксперты, входящие в состав региональной комиссии: А; Б; В» — the people listed after it."""
    before = sm.sentence.text[: g.start - sm.sentence.start]
    after = sm.sentence.text[g.end - sm.sentence.start:]
    if not (_LISTED_AFTER.search(before[-30:]) and re.match(r"\s*(?:вошли\s*)?:", after)):
        return False
    colon = g.end + after.index(":")
    for mention in sm.people:
        if mention.start > colon:
            _add_member(fact, person_of.get((mention.start, mention.end)))
    return True


def _heads_and_members(sm: SentenceMentions, g, fact: GroupFact, person_of: dict) -> None:
    """The people of the sentence who lead or belong to the group by the words around it."""
    text, base = sm.sentence.text, sm.sentence.start
    # «Руководителем творческой группы назначить Алексееву Н.С.»: the one appointed to lead it
    head_before = text[max(0, g.start - base - 30): g.start - base]
    for mention in sm.people:
        between = text[g.end - base: mention.start - base]
        if mention.start >= g.end and len(between) < 40 and APPOINT.search(between) and re.search(
                r"(?i)руководител|председател|координатор|член", head_before):
            _add_member(fact, person_of.get((mention.start, mention.end)))
    # «председатель Совета молодых педагогов Якимов А.С.»: the one named right after the group's head
    role_before = re.search(r"(?i)(?:руководител|председател|координатор|член|секретар)\w*\s+(?:\w+\s+)?$",
                            text[: g.start - base])
    for mention in sm.people:
        gap = text[g.end - base: mention.start - base]
        if role_before and mention.start >= g.end and len(gap) <= 3 and not gap.strip(" ,–—-"):
            _add_member(fact, person_of.get((mention.start, mention.end)))
    # «руководитель ММО …», «член рабочей группы» — the person of this clause is a member
    for mention in sm.people:
        between = text[min(mention.end, g.start) - base: max(mention.start, g.start) - base]
        if mention.end <= g.start and len(between) < 60 and not re.search(r"[;.]", between) and \
                not _has_verb(between) and \
                re.search(r"руководител|член|участник|председател|координатор|входит", between, re.IGNORECASE):
            _add_member(fact, person_of.get((mention.start, mention.end)))


def _own_working_group(sm: SentenceMentions, groups: dict[str, GroupFact], person_of: dict, info: DocumentInfo,
                       events: list[EventFact]) -> None:
    """«Члены рабочей группы: А, Б» — the document's own working group."""
    m = re.match(r"\s*(Члены|Состав)\s+(рабочей|творческой|проблемной|инициативной)\s+групп\w*\s*:?", sm.sentence.text)
    if not m:
        return
    base = "Рабочая группа" if m.group(2) == "рабочей" else m.group(2).capitalize()[:-2] + "ая группа"
    of_event = _genitive_of_event(info, events)
    fact = _add_group(groups, base + (" " + of_event if of_event else ""), "working_group", [], sm.sentence.span)
    for mention in sm.people:
        _add_member(fact, person_of.get((mention.start, mention.end)))


# a body of a contest named bare before its list: «Утвердить состав жюри: …», «Оргкомитет в составе: …»
_BARE_BODY = re.compile(r"(?i)(?<![а-яё])(?:состав\w*\s+)?(жюри|оргкомитет\w*|организационн\w+\s+комитет\w*|"
                        r"(?:конкурсн|экспертн|аттестационн)\w+\s+комисси\w*)(?![а-яё])\s*(?:в\s+составе\s*)?(:)?")
_BODY_NAMES = {"жюри": "Жюри", "оргкомитет": "Оргкомитет", "организационн": "Организационный комитет",
               "конкурсн": "Конкурсная комиссия", "экспертн": "Экспертная комиссия",
               "аттестационн": "Аттестационная комиссия"}
# what an order says of the body itself: its membership, its work, or it acting at the start of a point
_BODY_CUE = re.compile(r"(?i)(?:(?:состав|член|председател|работ|решени|заседани|протокол)\w*\s+(?:\w+\s+)?|"
                       r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s*)?|(?:оргкомитет\w*|жюри|комисси\w*)\s*(?:и|,)\s*)$")
# an order's title names what it is about in the genitive: «Об итогах районного конкурса «…»»
_TITLE_OF = re.compile(r"^Об?\s+(?:итогах|проведении|организации|подготовке\s+и\s+проведении|подготовке\s+к)\s+"
                       r"(?:и\s+итогах\s+)?(.+?)(?:\s+(?:в|на)\s+20\d\d|[.\n]|$)")


def _bare_body(sm: SentenceMentions, groups: dict[str, GroupFact], person_of: dict,
               info: DocumentInfo) -> GroupFact | None:
    """A jury, an organising committee or a commission named bare: the body of what the order is about («Жюри
    районного конкурса «…»»), before the list of its members (the people after the colon: the group returned,
    whose list the next lines may continue) or anywhere in an order about an event («Утвердить состав оргкомитета
    и жюри (приложение 2)»)."""
    if sm.groups:
        return None
    of = _TITLE_OF.match(info.title or "")
    listing = None
    for m in _BARE_BODY.finditer(sm.sentence.text):
        if not (m.group(2) or (of and info.kind in ("order", "resolution") and _BODY_CUE.search(
                sm.sentence.text[: m.start(1)]))):
            continue
        word = m.group(1).lower()
        base = next(name for stem, name in _BODY_NAMES.items() if word.startswith(stem))
        fact = _add_group(groups, base + (" " + of.group(1).strip() if of else ""), "other", [], sm.sentence.span)
        if m.group(2):
            colon = sm.sentence.start + m.end()
            for mention in sm.people:
                if mention.start >= colon:
                    _add_member(fact, person_of.get((mention.start, mention.end)))
            listing = fact
    return listing


def _sentence_groups(sm: SentenceMentions, groups: dict[str, GroupFact], person_of: dict,
                     listing: GroupFact | None) -> GroupFact | None:
    """The groups of one sentence with their members; the group whose list the next lines continue."""
    for org in sm.orgs:
        if org.kind == "school_district":  # «Дружбинского, Первоалейского … школьных округов»
            _add_group(groups, org.name, "school_district_network", [], sm.sentence.span)
    for g in sm.groups:
        fact = _add_group(groups, g.name, g.kind, g.aliases, sm.sentence.span)
        if re.search(r"в\s+составе\s*:?\s*$", sm.sentence.text):
            listing = fact  # «Создать творческую группу … в составе:» and a list or a table of people
        if _listed_after_colon(sm, g, fact, person_of):
            listing = fact
        _heads_and_members(sm, g, fact, person_of)
    return listing


def group_facts(all_mentions: list[SentenceMentions], person_of: dict, info: DocumentInfo,
                events: list[EventFact]) -> list[GroupFact]:
    groups: dict[str, GroupFact] = {}
    listing: GroupFact | None = None  # a group «в составе:» whose members the next lines list
    for sm in all_mentions:
        if listing is not None:
            listing = _list_continues(listing, sm, person_of)
        listing = _sentence_groups(sm, groups, person_of, listing)
        listing = _bare_body(sm, groups, person_of, info) or listing
        _own_working_group(sm, groups, person_of, info, events)
    if info.kind == "protocol" and groups:
        # the body a protocol is of (named in its title): everyone it names present is a member
        own = next(iter(groups.values()))
        for sm in all_mentions:
            for mention in sm.people:
                _add_member(own, person_of.get((mention.start, mention.end)))
    _merge_bare_groups(groups)
    _merge_abbreviated(groups)
    if info.kind == "news":
        # a news item names the jury or the commission of its contest in passing («работа членов жюри
        # муниципального этапа»); it is a group of the network where the page says who sits on it
        for key in [k for k, g in groups.items() if not g.members and _PASSING_BODY.match(g.name)]:
            groups.pop(key)
    for g in groups.values():
        g.aliases = unique_names([a for a in g.aliases if a != g.name])
    return list(groups.values())


def _genitive_of_event(info: DocumentInfo, events: list[EventFact]) -> str | None:
    """The event a resolution is of, as its title writes it: «ПОСТАНОВЛЕНИЕ итоговой методической
    конференции» → «итоговой методической конференции»."""
    m = re.search(r"(?:ПОСТАНОВЛЕНИЕ|РЕШЕНИЕ|ПРОТОКОЛ)\s+([а-яё]+(?:\s+[а-яё]+){0,4}?\s+(?:конференции|семинара|совещания|"
                  r"заседания|форума|совета))", info.text[:600])
    return m.group(1) if m else None
