"""Events with their date, host and participants; awards with their recipients and givers.

Events: the mentions of one event across a document are one event — the same name, the same quoted
title at a compatible level, a contest and the stage of it the document speaks of; a bare head
(«конкурс», «заседание») refers back to the named event of its kind. A part of a larger event (an open
lesson, a master class) takes the larger one's date and host when its own sentence gives none; the
meeting a protocol records is dated by the protocol and held by its issuer.

Participants: the people of an event's sentences; the people of a sentence naming no event belong to
the event in focus (the contest, for its winners and prize-winners; otherwise the last event named
before them); organisations only where the text says they took part, won or attended.

Awards: the recipients of an award's clause by the verb's construction (the dative of «вручить», the
object of «наградить», the subject of «получить»), of the list that follows it, of its row; «всем
победителям вручены дипломы» gives them to the people the document names winners.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import lru_cache

from ingest.entities import OrgEntity, PersonEntity, unique_names
from ingest.events import AwardMention, EventMention, find_events
from ingest.facts import AwardFact, EventFact
from ingest.lexicons import word_groups
from ingest.mentions import SentenceMentions
from ingest.morph import parse
from ingest.posts import is_post_word

# ------------------------------------------------------------------ events


def _fold(text: str | None) -> str:
    text = (text or "").lower().replace("ё", "е")
    text = re.sub(r"[«»\"“”„'`]", " ", text)
    text = re.sub(r"\s*[-–—]\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, _fold(a), _fold(b)).ratio()


def _levels_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or "stage" in (a, b)


def _titles_agree(a: str, b: str) -> bool:
    ta, tb = _fold(a).replace(" ", ""), _fold(b).replace(" ", "")
    return ta == tb or (min(len(ta), len(tb)) >= 6 and (ta.startswith(tb) or tb.startswith(ta)))


def _same_title(a: EventMention, b: EventMention) -> bool:
    if not a.title or not b.title or not _titles_agree(a.title, b.title):
        return False
    return _levels_agree(a.level, b.level) and a.stage == b.stage or (a.stage and b.stage and _levels_agree(a.level, b.level))


def _same_event(a: EventMention, b: EventMention) -> bool:
    """Two named mentions of one event."""
    if a.kind != b.kind and not ({a.kind, b.kind} <= {"contest", "olympiad"}):
        return False
    if _same_title(a, b):
        return True
    for whole, stage in ((a, b), (b, a)):
        # a stage and the contest it is a stage of: «муниципальный этап конкурса «Живая классика»» and
        # «Положение о Всероссийском конкурсе «Живая классика – 2023»»; not a contest of another level
        if stage.stage and not whole.stage and whole.title and stage.title and _titles_agree(whole.title, stage.title) \
                and whole.level in (None, "national", "international", stage.level):
            return True
    if a.title and b.title:
        return False  # two titles: two events
    if _ratio(a.name, b.name) >= 0.85:
        return True
    # a contest and its stage: «Положение о Всероссийской олимпиаде …» in an order on its municipal stage
    for whole, stage in ((a, b), (b, a)):
        if stage.stage and not whole.stage and not whole.title and whole.lemmas and whole.lemmas <= stage.lemmas:
            return True
    if not _levels_agree(a.level, b.level):
        return False
    # a headline and its body, a title and its sentence: every word of one is in the other's sentence
    # («Совещание по вопросам создания сети центров» / «… состоялось организационное совещание по вопросам
    # создания на базе … сети центров»)
    for short, long in ((a, b), (b, a)):
        if not short.title and short.lemmas and long.context and short.lemmas <= long.context and \
                short.stage == long.stage and short.start != long.start:
            return True
    return False


def _rank(e: EventMention) -> tuple:
    """Which mention names a merged event: a stage, then a title, then the longer name."""
    return (e.stage, bool(e.title), len(e.name))


class DocEvent:
    """One event of the document: the mention that names it, and every sentence that mentions it."""

    def __init__(self, mention: EventMention, index: int, host: OrgEntity | None):
        self.mention = mention
        self.sentences = [index]
        self.host = host
        self.date = mention.date

    def absorb(self, other: EventMention, index: int, host: OrgEntity | None, naming: bool) -> None:
        if index not in self.sentences:
            self.sentences.append(index)
        if naming and _rank(other) > _rank(self.mention):
            other.date = other.date or self.date
            self.mention = other
        self.date = self.date or other.date
        self.host = self.host or host

    @property
    def first(self) -> int:
        return min(self.sentences)


_VENUE = re.compile(r"(?:на\s+базе|в\s+актовом\s+зале|на\s+площадке|в\s+стенах|в\s+помещении|место\s+проведения\s*:"
                    r"|(?:^|\s)(?:в|во))\s*$",
                    re.IGNORECASE)


def _host(sm: SentenceMentions, ev: EventMention, org_of: dict) -> OrgEntity | None:
    """The organisation «на базе» or «в» which the event was held, in its sentence."""
    text, base = sm.sentence.text, sm.sentence.start
    for org in sm.orgs:
        before = text[max(0, org.start - base - 25): org.start - base]
        m = _VENUE.search(before)
        if not m:
            continue
        entity = org_of.get((org.start, org.end))
        if entity is None:
            continue
        at_base = "баз" in m.group(0).lower()
        if entity.kind == "authority" and not (at_base or ev.happened):
            continue  # «в управление образования» is an address, «В Министерстве … состоялось» a venue
        if any(p.start < org.start and p.end > ev.head_start for p in sm.people) and not at_base:
            continue  # «учитель в МБОУ …»: a person's workplace
        return entity
    return None


def document_events(all_mentions: list[SentenceMentions], org_of: dict, header, info,
                    issuer: OrgEntity | None = None) -> list[tuple[EventMention, OrgEntity | None]]:
    """The document's events, each once, with its host; every mention's sentence kept on
    ``mention.sentences`` (indexes into ``all_mentions``)."""
    items: list[tuple[int, EventMention]] = []
    title_events = _title_events(info.text, header, all_mentions)
    items.extend(title_events)
    title_span = (header.title_start, header.title_end) if getattr(header, "title", None) else (0, 0)
    for i, sm in enumerate(all_mentions):
        for ev in sm.events:
            if title_span[0] <= ev.head_start < title_span[1] and title_events:
                continue
            items.append((i, ev))
    events: list[DocEvent] = []
    bare: list[tuple[int, EventMention]] = []
    for i, ev in items:
        host = _host(all_mentions[i], ev, org_of)
        listed = bool(re.match(r"\s*[-–—•]", all_mentions[i].sentence.text))  # an item of a list of events
        if ev.weak and not (ev.happened or ev.dated or host or all_mentions[i].people or i == 0 or listed):
            ev.named = False  # «(заседания методических объединений, рабочих групп)»: forms of work, no event
        if not ev.named or (ev.hypernym and not ev.title and events):
            bare.append((i, ev))  # «На торжественное мероприятие были приглашены …»: the conference named before
            continue
        same = next((e for e in events if _same_event(e.mention, ev)), None)
        if same is None:
            events.append(DocEvent(ev, i, host))
        else:
            same.absorb(ev, i, host, naming=True)
    for i, ev in bare:
        host = _host(all_mentions[i], ev, org_of)
        kin = [e for e in events if _kin(e.mention, ev)]
        before = [e for e in kin if e.first <= i]
        target = max(before, key=lambda e: e.first) if before else (min(kin, key=lambda e: e.first) if kin else None)
        if target is not None and not _dated_apart(ev, target):
            target.absorb(ev, i, host, naming=False)
        elif ev.happened and not ev.hypernym:
            events.append(DocEvent(ev, i, host))
    events.sort(key=lambda e: (e.first, e.mention.head_start))
    if header.kind == "news":
        _merge_headline(events, all_mentions)
    _inherit(events)
    _relative_dates(events, all_mentions, header.date)
    if header.kind == "protocol":
        _protocol_meeting(events, all_mentions, header, issuer, org_of)
    out = []
    for e in events:
        e.mention.date = e.date
        if e.mention.date is None and header.kind == "report":
            e.mention.date = info.date
        e.mention.sentences = sorted(e.sentences)
        out.append((e.mention, e.host))
    return out


def _kin(named: EventMention, bare: EventMention) -> bool:
    """Whether a bare head may refer back to a named event: of its kind; for events of no kind («декада», «церемония
    награждения»), of its own words."""
    if {named.kind, bare.kind} <= {"contest", "olympiad"} or bare.hypernym:
        return True
    return named.kind == bare.kind and (bare.kind != "other" or bare.lemmas <= named.lemmas)


def _dated_apart(ev: EventMention, target: DocEvent) -> bool:
    """«Педсовет прошёл 10 мая» after a meeting of 25 April: a bare head that took place on a day of its own is
    an event of its own, not the one named before it."""
    return ev.happened and ev.dated and bool(ev.date) and bool(target.date) and ev.date != target.date


def _is_headline(sm: SentenceMentions, index: int) -> bool:
    """A news page's headline: one of its first lines, short, not a sentence."""
    text = sm.sentence.text.strip()
    return index < 5 and len(text) < 150 and "\n" not in text and not re.search(r"[.!?…]$", text)


def _merge_headline(events: list[DocEvent], all_mentions: list[SentenceMentions]) -> None:
    """«Районный семинар учителей математики» above «14 марта … состоялся районный семинар «…»»: a headline
    naming, undated, the one event of its kind the page then tells of is that event."""
    for head in list(events):
        if head.date or head.mention.title or len(head.sentences) > 1 or \
                not _is_headline(all_mentions[head.first], head.first):
            continue
        body = [e for e in events if e is not head and e.first > head.first and e.mention.kind == head.mention.kind
                and _levels_agree(e.mention.level, head.mention.level) and e.mention.stage == head.mention.stage]
        if len(body) == 1:
            body[0].absorb(head.mention, head.first, head.host, naming=False)
            events.remove(head)


def _title_events(text: str, header, all_mentions) -> list[tuple[int, EventMention]]:
    """Events named in an order's title («О проведении муниципального этапа / Всероссийской олимпиады»),
    read over its lines as one phrase."""
    if not getattr(header, "title", None):
        return []
    start, end = header.title_start, header.title_end
    joined = text[start:end].replace("\n", " ").replace("\r", " ")
    found = find_events(joined, start, [])
    index = next((i for i, sm in enumerate(all_mentions) if sm.sentence.start <= start < sm.sentence.end + 1), 0)
    for ev in found:
        ev.weak = False  # an order's title names what it is about
    return [(index, ev) for ev in found]


def _inherit(events: list[DocEvent]) -> None:
    """A part of a larger event (an open lesson, a master class, a briefing) without a date or a host of
    its own takes those of the last larger event named before it."""
    main = None
    for e in events:
        if not e.mention.sub:
            main = e
            continue
        if main is not None and e.first - main.first <= 8:
            e.date = e.date or main.date
            e.host = e.host or main.host


_BEFORE = re.compile(r"(?<![а-яё])накануне(?![а-яё])", re.IGNORECASE)
_AFTER = re.compile(r"(?<![а-яё])на\s+следующий\s+день(?![а-яё])", re.IGNORECASE)
# days named from the page's own date: «Сегодня … стартовал муниципальный этап»
_FROM_TODAY = [(re.compile(r"(?<![а-яё])сегодня(?![а-яё])", re.I), 0), (re.compile(r"(?<![а-яё])вчера(?![а-яё])", re.I), -1),
               (re.compile(r"(?<![а-яё])позавчера(?![а-яё])", re.I), -2), (re.compile(r"(?<![а-яё])завтра(?![а-яё])", re.I), 1)]


def _shift(iso: str, days: int) -> str:
    year = iso[:4]
    d = date(2000 if year == "XXXX" else int(year), int(iso[5:7]), int(iso[8:10])) + timedelta(days=days)
    return f"{year if year != 'XXXX' else 'XXXX'}-{d.month:02d}-{d.day:02d}"


def _relative_dates(events: list[DocEvent], all_mentions, today: str | None) -> None:
    """«Накануне …», «На следующий день …»: the day before or after the last dated event; «сегодня»,
    «вчера»: from the page's own date."""
    for k, e in enumerate(events):
        if e.date:
            continue
        text = all_mentions[e.first].sentence.text
        if today:
            days = next((d for pattern, d in _FROM_TODAY if pattern.search(text)), None)
            if days is not None:
                e.date = _shift(today, days)
                continue
        shift = -1 if _BEFORE.search(text) else 1 if _AFTER.search(text) else 0
        if not shift:
            continue
        dated = [d for d in events[:k] if d.date] or [d for d in events if d.date and d is not e]
        if dated:
            e.date = _shift(dated[-1].date, shift)


def _protocol_meeting(events: list[DocEvent], all_mentions, header, issuer, org_of: dict) -> None:
    """The meeting a protocol records: dated by the protocol, held by its issuer; named «заседание» of the
    body the protocol is of, with its «Тема:»."""
    meeting = next((e for e in events if e.mention.kind == "meeting"), None)
    if meeting is None:
        group = next((g for sm in all_mentions for g in sm.groups), None)
        if group is None:
            return
        name = "Заседание " + _genitive(group.name)
        theme = next((re.sub(r"\s+", " ", m.group(1)).strip(" .") for sm in all_mentions
                      for m in [re.match(r"\s*Тема\s*:?\s*(.+)", sm.sentence.text, re.S)] if m), None)
        if theme:
            name += f" «{theme}»"
        sm = all_mentions[0]
        mention = EventMention(name, "meeting", sm.sentence.start, sm.sentence.end, group.start, group.end,
                               phrase_start=group.start, phrase_end=group.end)
        meeting = DocEvent(mention, 0, None)
        events.insert(0, meeting)
        meeting.sentences = list(range(len(all_mentions)))
    meeting.date = meeting.date or header.date
    meeting.mention.recorded = True
    venue = next((org_of.get((o.start, o.end)) for sm in all_mentions for o in sm.orgs
                  if re.search(r"место\s+проведения\s*:\s*$", sm.sentence.text[: o.start - sm.sentence.start], re.I)), None)
    meeting.host = meeting.host or venue or issuer


def _genitive(name: str) -> str:
    """A group's name as the genitive of «заседание …»: the head and the words before it inflected."""
    words = name.split()
    if words and words[0].isupper():
        return name
    out = []
    for i, word in enumerate(words):
        p = next((q for q in parse(word.lower()) if q.tag.POS in ("NOUN", "ADJF") and q.tag.case == "nomn"), None)
        if p is None:
            out.extend(words[i:])
            break
        new = p.inflect({"gent"})
        out.append(word if new is None else (new.word if word.islower() else new.word.capitalize()))
        if p.tag.POS == "NOUN":
            out.extend(words[i + 1:])
            break
    return " ".join(out)


# ------------------------------------------------------------------ participants


def _role_lemmas() -> frozenset[str]:
    return word_groups("event_words.txt").get("role", frozenset())


@lru_cache(maxsize=1)
def _role_stems() -> re.Pattern:
    stems = sorted({w.replace("ё", "е")[:6] for w in _role_lemmas()})
    return re.compile(r"(?<![а-яё])(?:" + "|".join(stems) + ")", re.IGNORECASE)


def _has_role(text: str) -> bool:
    """A role of a contest in the sentence: «победителем стала …», «лауреаты конкурса»."""
    return bool(_role_stems().search(text.replace("ё", "е")))


_TAKING_PART = re.compile(r"(?<![а-яё])(?:участ\w*|представител\w*|присутствова\w*|коллег\w*\s+из|\d\s*-?[а-я]{0,2}\s+мест\w*"
                          r"|(?:перв|втор|трет)\w+\s+мест\w*|занял\w*|победител\w*|призер\w*|призёр\w*|лауреат\w*)",
                          re.IGNORECASE)
_NOT_TAKING_PART = re.compile(r"(?:(?:дн[яюё]\s+рождения|памяти|имени|им\.|творчеств\w*|биографи\w*|стихотворени\w*|"
                              r"произведени\w*|сказк\w*|рассказ[а-я]*|поэт\w*|писател\w*|[0-9]+-лети\w+)\s+(?:\S+\s+){0,3}"
                              r"|(?:посвящ|приурочен)\w*\s+(?:[^\s,.;]+\s+){0,8})$", re.IGNORECASE)  # honoured, not present
_CONTROL = re.compile(r"(?:контроль|исполнени\w+)[^.]{0,80}возложить|возложить\s+на", re.IGNORECASE)


def _named_people(sm: SentenceMentions, person_of: dict, signatory, issuer, authority_issuer: bool) -> list[str]:
    """The people of a sentence who may take part in its event: not the signatory, an author or a quoted name,
    nor an authority's own staff named to act."""
    text = sm.sentence.text
    named_people = []
    for mention in sm.people:
        entity = person_of.get((mention.start, mention.end))
        if entity is None or entity is signatory or _quoted(text, mention.start - sm.sentence.start) or \
                _byline(text) or \
                _NOT_TAKING_PART.search(text[max(0, mention.start - sm.sentence.start - 90): mention.start - sm.sentence.start]):
            continue  # «урок «К. Бальмонт «Снежинка»»», «со дня рождения С.А. Есенина»: an author, not a participant
        if authority_issuer and entity.posts and all(o is issuer for _p, o, _s in entity.posts if o is not None) \
                and any(o is issuer for _p, o, _s in entity.posts):
            continue  # the authority's own staff, named to act, not to take part
        named_people.append(entity.name)
    return named_people


def _larger_event(mentions: list, k: int) -> int | None:
    """The larger event a part belongs to: the last one not a part named before it."""
    first = min(getattr(mentions[k], "sentences", [0]) or [0])
    before = [j for j, ev in enumerate(mentions) if not ev.sub and min(getattr(ev, "sentences", [0]) or [0]) <= first]
    return before[-1] if before else None


def _with_larger(mentions: list, targets: list[int]) -> list[int]:
    """The targets and the larger events their parts belong to."""
    for k in list(targets):
        if mentions[k].sub:
            j = _larger_event(mentions, k)
            if j is not None and j not in targets:
                targets = [*targets, j]
    return targets


def event_facts(events, people: list[PersonEntity], orgs: list[OrgEntity], signatory, issuer,
                org_of: dict, all_mentions: list[SentenceMentions], person_of: dict | None = None,
                header=None) -> list[EventFact]:
    facts = [EventFact(ev.name, ev.kind, ev.date, host.name if host else None, [], (ev.start, ev.end))
             for ev, host in events]
    if not events:
        return facts
    person_of = person_of or {}
    mentions = [ev for ev, _h in events]
    at: dict[int, list[int]] = {}
    for k, ev in enumerate(mentions):
        for i in getattr(ev, "sentences", []):
            at.setdefault(i, []).append(k)
    main = next((k for k, ev in enumerate(mentions) if not ev.sub), 0)
    contests = [k for k, ev in enumerate(mentions) if ev.kind in ("contest", "olympiad")]
    authority_issuer = issuer is not None and issuer.kind == "authority" and header is not None and header.kind in (
        "order", "resolution", "letter")
    parts: list[list[str]] = [[] for _ in mentions]
    for i, sm in enumerate(all_mentions):
        if _CONTROL.search(sm.sentence.text):
            continue
        named_people = _named_people(sm, person_of, signatory, issuer, authority_issuer)
        named_orgs = _taking_part_orgs(sm, org_of)
        if not named_people and not named_orgs:
            continue
        targets = at.get(i)
        if not targets:
            targets = [_focus(mentions, i, contests if _has_role(sm.sentence.text) else [], main)]
        elif len(targets) > 1 and len({mentions[k].kind for k in targets}) == 1:
            # several events of one kind listed in one sentence («урок …, урок …»): each party goes to the
            # one named nearest it
            _nearest_parties(sm, mentions, targets, named_people, named_orgs, person_of, org_of, parts,
                             lambda k: _larger_event(mentions, k))
            continue
        for k in _with_larger(mentions, targets):
            parts[k].extend(named_people)
            parts[k].extend(named_orgs)
    for k, ev in enumerate(mentions):
        if ev.recorded:  # the protocol's meeting: the chair, the secretary, those present, those heard
            parts[k] = [person_of[(p.start, p.end)].name for sm in all_mentions for p in sm.people
                        if (p.start, p.end) in person_of and not _quoted(sm.sentence.text, p.start - sm.sentence.start)]
    for k, fact in enumerate(facts):
        fact.participants = unique_names(parts[k])
    return facts


def _nearest_parties(sm, mentions, targets, people_names, org_names, person_of, org_of, parts, larger) -> None:
    """«… открытых уроках у Кацериковой М.А. (урок «Описание природы»), Серёдкиной Н.А. (урок «…»)»: a party of
    a sentence naming several events takes part in the one nearest it (and in the larger one it is part of)."""
    spans = [(k, mentions[k].phrase_start, mentions[k].phrase_end) for k in targets
             if mentions[k].start == sm.sentence.start]
    if not spans:
        spans = [(k, sm.sentence.start, sm.sentence.end) for k in targets]

    def nearest(start: int, end: int) -> int:
        return min(spans, key=lambda s: max(s[1] - end, start - s[2], 0))[0]

    parties = [(person_of[(p.start, p.end)].name, p.start, p.end) for p in sm.people
               if (p.start, p.end) in person_of and person_of[(p.start, p.end)].name in people_names]
    parties += [(org_of[(o.start, o.end)].name, o.start, o.end) for o in sm.orgs
                if (o.start, o.end) in org_of and org_of[(o.start, o.end)].name in org_names]
    for name, start, end in parties:
        k = nearest(start, end)
        parts[k].append(name)
        if mentions[k].sub:
            j = larger(k)
            if j is not None:
                parts[j].append(name)


def _singular_post(word: str) -> bool:
    """A person's post («учитель», «руководителя»), not a collective («педагоги», «представители» of a school)."""
    if not is_post_word(word):
        return False
    nouns = [p for p in parse(word.lower()) if p.tag.POS == "NOUN"]
    return not nouns or nouns[0].tag.number != "plur"


def _byline(text: str) -> bool:
    """«Анна Вихлянцева, 31 августа 2015, 14:29»: the author of the page, no participant."""
    return len(text) <= 80 and bool(re.search(r"\d{1,2}:\d{2}", text)) and bool(re.search(r"\d{4}|\d{1,2}\.\d{2}", text))


def _quoted(text: str, pos: int) -> bool:
    """Whether a position is inside a quoted title: a «, no » since, and a » soon after."""
    opening = text.rfind("«", 0, pos)
    if opening >= 0 and text.rfind("»", opening, pos) < 0 and "»" in text[pos: pos + 100]:
        return True
    return text[:pos].count('"') % 2 == 1 and '"' in text[pos: pos + 100]


def _focus(mentions: list[EventMention], i: int, contests: list[int], main: int) -> int:
    """The event a sentence that names none speaks of: for winners and prize-winners, the last contest named
    before it; otherwise the last event named before it; with none before, the contest or the main event."""
    def last_before(k: int) -> int:
        return max((j for j in mentions[k].sentences if j <= i), default=-1)

    for pool in (contests, range(len(mentions))):
        earlier = [k for k in pool if last_before(k) >= 0]
        if earlier:
            return max(earlier, key=last_before)
    return contests[0] if contests else main


def _taking_part_orgs(sm: SentenceMentions, org_of: dict) -> list[str]:
    """Organisations the sentence says took part, won or attended («приняли участие 7 детских садов»,
    «коллеги из ДОУ № 8», «1 место — МБДОУ № 16»), not a person's workplace nor a mere venue."""
    text, base = sm.sentence.text, sm.sentence.start
    if not _TAKING_PART.search(text) and not re.search(r"(?<![а-яё])из\s", text):
        return []
    out = []
    last_end = None  # where the last organisation taken ends: one listed right after it takes part with it
    for org in sm.orgs:
        entity = org_of.get((org.start, org.end))
        if entity is None:
            continue
        before = text[max(0, org.start - base - 30): org.start - base]
        # the organisation's clause: from the last full stop or semicolon before it to the next one
        near = re.split(r"[.;!?](?:\s|$)", text[: org.start - base])[-1] + " " + \
            re.split(r"[.;!?](?:\s|$)", text[org.end - base:])[0]
        listed = last_end is not None and bool(re.fullmatch(r"\s*(?:,\s*(?:и\s+|а\s+также\s+)?|и\s+|а\s+также\s+)",
                                                              text[last_end - base: org.start - base]))
        cue = listed or _TAKING_PART.search(near) or re.search(r"(?<![а-яё])из\s*:?\s*$", before) or (
            re.search(r"(?<![а-яё])из\s*:", near) and re.search(r"[,:]\s*$", before))
        if not cue:
            continue  # the cue must be the organisation's own («приняли участие … из ДОУ № 3»)
        if entity.kind == "authority" and not re.search(r"присутствова|участ|представител", near, re.IGNORECASE):
            continue
        if _VENUE.search(before) and not _TAKING_PART.search(re.split(r"[,;.]", text[org.end - base:])[0]):
            continue  # the venue («на базе …», «прошёл в школе № 1»), unless it is said to take part itself
        worker = [p for p in sm.people if p.end <= org.start and org.start - p.end < 90
                  and not re.search(r"[;.]", text[p.end - base: org.start - base])]
        clause_before = re.split(r"[,;:()]", text[max(0, org.start - base - 80): org.start - base])[-1]
        if worker or any(_singular_post(w) for w in re.findall(r"[А-ЯЁа-яё.-]+", clause_before)[-6:]):
            continue  # «Иванова, воспитатель детского сада № 5», «руководитель детского сада № 54 Вероника …»
        if re.fullmatch(r"[А-ЯЁA-Z]{2,5}", entity.name):
            continue  # a bare acronym («ВКС»): a contest's or a project's name as often as a body's
        out.append(entity.name)
        last_end = org.end
    return out


# ------------------------------------------------------------------ awards

_PRONOUN = re.compile(r"\s*(?:Она|Он|Они|Ей|Ему|Им)\s", re.UNICODE)
_GIVER_BEFORE = re.compile(r"(?:от|из\s+рук|от\s+имени|за\s+подписью)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ALL = re.compile(r"(?<![а-яё])(?:всем|каждому|каждой|всех)\s+(?:\w+\s+){0,2}?"
                  r"(?:участни|воспитател|педагог|учител|победител|призер|призёр|лауреат|конкурсант|финалист)\w*",
                  re.IGNORECASE)
_GENERIC_ORG = re.compile(r"(?<![а-яё])(?:школ[аеуы]|учреждени[еяю]|детск\w+\s+сад\w*|детсад\w*|гимнази[яиюей]|лице[йяюе]"
                          r"|коллектив\w*)(?![а-яё])", re.IGNORECASE)


# an item of a list: a dash, a number, or a place in Roman numerals («I место – …», «II степени – …»)
# a new point of an order, with a verb of its own («2. Утвердить состав жюри: …»): the list before it is over
_NEW_ORDER_POINT = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+[А-ЯЁ][а-яё]+(?:ть|ти|чь)(?:ся)?(?![а-яё])")
_LIST_ITEM = re.compile(r"[-–•—]|\d{1,3}[.)]?[ \t]|[IVXІ]{1,4}[.)]?\s+(?:мест|степен)")


def award_facts(all_mentions: list[SentenceMentions], person_of: dict, org_of: dict,
                events: list[EventFact], issuer: OrgEntity | None) -> list[AwardFact]:
    out: list[AwardFact] = []
    holders = _role_holders(all_mentions, person_of, org_of)
    last_school: OrgEntity | None = None
    active: list[AwardMention] = []
    previous_people: list[str] = []
    for sm in all_mentions:
        text = sm.sentence.text.lstrip()
        # the list or the table after «Наградить …:»: items, rows («1⇥Иванова Анна Петровна⇥учитель …»), its header
        starts_with_name = bool(sm.people) and sm.people[0].start - sm.sentence.start <= 3
        item = bool(_LIST_ITEM.match(text)) or text[:1].islower() or (
            starts_with_name and "\t" in text.strip())  # not a signature («Начальник …⇥Н.Н. Шехматова»)
        header_row = not sm.people and bool(re.search(r"(?i)(?<![а-яё])(?:фио|ф\.и\.о\.|№\s*п/п)", text))
        if sm.awards:
            active = [a for a in sm.awards if a.verb_found]
        elif header_row:
            pass
        elif not (item and active) or (re.match(r"\d{1,2}\.\s", text) and not sm.people) or _NEW_ORDER_POINT.match(text):
            active = []
        event = _event_of(sm, events)
        for award in sm.awards:
            if award.in_row:
                for name in _row_recipients(sm, award, person_of):
                    out.append(AwardFact(award.kind, name, event, _giver(sm, award, org_of, issuer), sm.sentence.span))
        for award in active:
            names = _recipients(sm, award if award in sm.awards else None, person_of, org_of)
            if not names and award in sm.awards and _PRONOUN.match(sm.sentence.text):
                # «Она получила благодарственное письмо …»: the person the sentence before named
                names = previous_people if re.match(r"\s*(?:Они|Им)\b", sm.sentence.text) else previous_people[-1:]
            if not names and award in sm.awards:
                names = _by_role(_clause(sm, award), holders)
                if not names and last_school is not None and _GENERIC_ORG.search(sm.sentence.text):
                    names = [last_school.name]  # «представителям школы вручила диплом»: the school just named
            giver = _giver(sm, award, org_of, issuer) if award in sm.awards else (issuer.name if issuer else None)
            for name in unique_names(names):
                out.append(AwardFact(award.kind, name, event, giver, sm.sentence.span))
        for org in sm.orgs:
            entity = org_of.get((org.start, org.end))
            if entity is not None and entity.kind in ("school", "kindergarten"):
                last_school = entity
        here = [person_of[(p.start, p.end)].name for p in sm.people if (p.start, p.end) in person_of]
        if here:
            previous_people = here
    seen, kept = set(), []
    for a in out:
        if (a.kind, a.recipient) not in seen:
            seen.add((a.kind, a.recipient))
            kept.append(a)
    return kept


def _event_of(sm: SentenceMentions, events: list[EventFact]) -> str | None:
    for e in events:
        if e.span == sm.sentence.span:
            return e.name
    return events[0].name if events else None


def _giver(sm: SentenceMentions, award: AwardMention, org_of: dict, issuer: OrgEntity | None) -> str | None:
    """«Почётной грамотой комитета по образованию», «грамоты от отдела образования»: the organisation right
    after the award's words; else the issuer of the document."""
    for org in sm.orgs:
        gap = sm.sentence.text[award.kind_end - sm.sentence.start: org.start - sm.sentence.start]
        if 0 <= org.start - award.kind_end <= 40 and re.fullmatch(r"\s*(?:от\s+)?", gap):
            entity = org_of.get((org.start, org.end))
            if entity is not None:
                return entity.name
    return issuer.name if issuer else None


def _row_recipients(sm: SentenceMentions, award: AwardMention, person_of: dict) -> list[str]:
    """«Муравьева Л.К., МАОУ «Колесовская СОШ», диплом 1 степени, Пушкарёва Т.А., …»: the people written
    between the previous award of the sentence (or a colon) and this one."""
    starts = [a.kind_end for a in sm.awards if a.kind_end <= award.kind_start]
    colon = sm.sentence.text.rfind(":", 0, award.kind_start - sm.sentence.start)
    low = max([*starts, sm.sentence.start + colon if colon >= 0 else sm.sentence.start])
    names = []
    for p in sm.people:
        if low <= p.start < award.kind_start:
            entity = person_of.get((p.start, p.end))
            if entity is not None:
                names.append(entity.name)
    return names


def _recipients(sm: SentenceMentions, award: AwardMention | None, person_of: dict, org_of: dict) -> list[str]:
    """The people and organisations of the award's clause its verb gives it to (a list item: all of them)."""
    text, base = sm.sentence.text, sm.sentence.start
    names: list[str] = []
    for mention in sm.people:
        entity = person_of.get((mention.start, mention.end))
        if entity is None:
            continue
        before = text[max(0, mention.start - base - 30): mention.start - base]
        if award is not None:
            if _GIVER_BEFORE.search(before):
                continue
            if award.role in ("dative", "object") and award.verb_active and mention.end <= award.verb_start and \
                    mention.case in (None, "nomn") and award.role == "dative":
                continue  # «Инна Домнич вручила награды»: the one who hands them
        names.append(entity.name)
    for org in sm.orgs:
        entity = org_of.get((org.start, org.end))
        if entity is None:
            continue
        before = text[: org.start - base]
        if any(0 <= org.start - a.kind_end <= 4 for a in sm.awards):
            continue  # a giver: «Почётные грамоты Министерства образования»
        if _GIVER_BEFORE.search(before[-40:]) or re.search(r"(?:в|на|из|для|с|при|по)\s+$", before):
            continue
        if any(p.end <= org.start for p in sm.people):
            continue  # an organisation after a person is the person's
        if sm.people and any(is_post_word(w) for w in re.findall(r"[А-ЯЁа-яё.-]+", before)[-3:]):
            continue  # «учитель Кожлаерской школы Раиса Калашникова»: the workplace in a post, before the name
        names.append(entity.name)
    return names


def _clause(sm: SentenceMentions, award: AwardMention) -> str:
    """The award's clause: between the commas or semicolons around its words («…, участникам – сертификаты»)."""
    text, at = sm.sentence.text, award.kind_start - sm.sentence.start
    start = max(text.rfind(c, 0, at) for c in (",", ";")) + 1
    ends = [i for i in (text.find(c, award.kind_end - sm.sentence.start) for c in (",", ";")) if i >= 0]
    return text[start: min(ends) if ends else None]


def _by_role(clause: str, holders: dict[str, list[str]]) -> list[str]:
    """«Всем воспитателям вручены грамоты», «Победителям и призёрам вручены дипломы»: the people the document
    names winners, prize-winners, laureates."""
    text = clause.lower()
    named = {r[:6] for r in re.findall(r"(?<![а-яё])(победител|призёр|призер|лауреат|финалист|дипломант)", text)}
    named = {"призер" if r.startswith("призё") else r for r in named}
    if _ALL.search(text):
        return [n for names in holders.values() for n in names]
    out = []
    for role in sorted(named):  # sorted: the same order on every run
        out.extend(holders.get(role, []))
    return out


_ROLE = re.compile(r"(?<![а-яё])(победител|призёр|призер|лауреат|финалист|дипломант)")


def _role_holders(all_mentions: list[SentenceMentions], person_of: dict, org_of: dict) -> dict[str, list[str]]:
    """Who the document names winner, prize-winner, laureate: «Победителем конкурса стала Ахметова А.Р.»."""
    holders: dict[str, list[str]] = {}
    for sm in all_mentions:
        found = _ROLE.findall(sm.sentence.text.lower())
        if not found:
            continue
        roles = {("призер" if r.startswith("призё") else r)[:6] for r in found}
        names = [person_of[(p.start, p.end)].name for p in sm.people if (p.start, p.end) in person_of]
        if not names:  # an organisation as the winner: the subject, never a venue («в детском саду … награждение»),
            # nor the giver of an award («дипломы управления образования»), nor an authority
            names = [org_of[(o.start, o.end)].name for o in sm.orgs if (o.start, o.end) in org_of and not re.search(
                r"(?:^|\s)(?:в|во|на|из|для|от|по|с|при|у)\s+(?:\w+\s+)?$", sm.sentence.text[: o.start - sm.sentence.start],
                re.IGNORECASE) and org_of[(o.start, o.end)].kind != "authority"
                and not any(0 <= o.start - a.kind_end <= 4 for a in sm.awards)]
        for role in sorted(roles):
            holders.setdefault(role, []).extend(n for n in names if n not in holders.get(role, []))
    return holders
