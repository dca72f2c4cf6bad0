"""Events with their host and participants, awards with their recipients and givers."""

from __future__ import annotations

import re

from ingest.entities import OrgEntity, PersonEntity, unique_names
from ingest.events import AwardMention, EventMention
from ingest.facts import (
    AwardFact,
    EventFact,
)
from ingest.mentions import SentenceMentions
from ingest.text import Sentence


def document_events(all_mentions: list[SentenceMentions], org_of: dict, header, info) -> list[tuple[EventMention, OrgEntity | None]]:
    """Event mentions merged: one per kind, the dated mention naming it; with their hosts."""
    found: list[tuple[EventMention, OrgEntity | None]] = []
    for sm in all_mentions:
        for ev in sm.events:
            host = _host(sm, ev, org_of)
            same = next((i for i, (e, _h) in enumerate(found) if e.kind == ev.kind and (
                not e.date or not ev.date or e.date == ev.date)), None)
            if same is None:
                found.append((ev, host))
                continue
            old, old_host = found[same]
            better = ev if (ev.dated and not old.dated) else old
            if better is ev:
                ev.name = ev.name if len(ev.name) >= len(old.name) or "«" in ev.name else old.name
            found[same] = (better, host or old_host)
    for ev, _host_entity in found:
        if ev.date is None and header.kind in ("news", "report"):
            ev.date = info.date
    return found


def _host(sm: SentenceMentions, ev: EventMention, org_of: dict) -> OrgEntity | None:
    text, base = sm.sentence.text, sm.sentence.start
    for org in sm.orgs:
        before = text[max(0, org.start - base - 12): org.start - base].lower()
        if "на базе" in before or re.search(r"(?:^|\s)(?:в|во)\s+$", before) or "организованн" in before:
            entity = org_of.get((org.start, org.end))
            if entity is not None and entity.kind != "authority":
                return entity
    return None


def event_facts(events, people: list[PersonEntity], orgs: list[OrgEntity], signatory, issuer,
                 org_of: dict, all_mentions: list[SentenceMentions]) -> list[EventFact]:
    out = []
    for index, (ev, host) in enumerate(events):
        fact = EventFact(ev.name, ev.kind, ev.date, host.name if host else None, [], (ev.start, ev.end))
        if index == 0:
            participants = []
            for org in orgs:
                if org.kind not in ("school", "kindergarten"):
                    continue
                if org is host and all(s == (ev.start, ev.end) for s in org.spans):
                    continue  # named only as the venue
                participants.append(org.name)
            for person in people:
                if person is signatory:
                    continue
                orgs_of_person = [o for _p, o, _s in person.posts if o is not None]
                if issuer is not None and issuer.kind == "authority" and issuer is not host and orgs_of_person \
                        and all(o is issuer for o in orgs_of_person):
                    continue  # the authority's own staff are named to act, not to take part
                participants.append(person.name)
            fact.participants = unique_names(participants)
        out.append(fact)
    return out


def award_facts(all_mentions: list[SentenceMentions], person_of: dict, org_of: dict,
                 events: list[EventFact], issuer: OrgEntity | None) -> list[AwardFact]:
    out: list[AwardFact] = []
    active: list[AwardMention] = []
    givers: dict[str, str] = {}
    holders = _role_holders(all_mentions, person_of, org_of)
    for sm in all_mentions:
        text = sm.sentence.text.lstrip()
        continues = text.startswith(("-", "–", "•", "—")) or text[:1].islower()
        if sm.awards:
            active = [a for a in sm.awards if a.verb_found] or (active if continues else [])
        elif not continues:
            active = []
        if not active:
            continue
        recipients: list[str] = []
        for mention in sm.people:
            entity = person_of.get((mention.start, mention.end))
            if entity is not None:
                recipients.append(entity.name)
        for org in sm.orgs:
            entity = org_of.get((org.start, org.end))
            if entity is None:
                continue
            giving = next((a for a in active if 0 <= org.start - a.kind_end <= 2), None)
            if giving is not None:  # «Почётной грамотой комитета по образованию»
                givers[giving.kind] = entity.name
                continue
            before = sm.sentence.text[: org.start - sm.sentence.start]
            # an organisation right after a person's post is the person's, not a recipient
            if sm.people and any(p.end <= org.start for p in sm.people):
                continue
            if re.search(r"(?:в|на|из|от|для)\s+$", before):
                continue
            recipients.append(entity.name)
        event = events[0].name if events else None
        for award in active:
            giver = givers.get(award.kind) or (issuer.name if issuer else None)
            names = recipients or _recipients_by_role(sm.sentence, award, holders)
            for name in unique_names(names):
                out.append(AwardFact(award.kind, name, event, giver, sm.sentence.span))
    return out


_ROLE = re.compile(r"(?<![а-яё])(победител|призёр|призер|лауреат)")


def _recipients_by_role(sentence: Sentence, award: AwardMention, holders: dict[str, list[str]]) -> list[str]:
    """«Победителю и призёрам вручены дипломы, участникам – сертификаты»: the diplomas go to the ones
    the document named winner and prize-winners; the roles are read in the award's own clause."""
    if award.kind_end < 0:
        return []
    at = award.kind_end - sentence.start
    start = max(sentence.text.rfind(c, 0, at) for c in (",", ";")) + 1
    ends = [i for i in (sentence.text.find(c, at) for c in (",", ";")) if i >= 0]
    clause = sentence.text[start: min(ends) if ends else None].lower()
    names: list[str] = []
    for role in _ROLE.findall(clause):
        names.extend(holders.get(role[:6], []))
    return names


def _role_holders(all_mentions: list[SentenceMentions], person_of: dict, org_of: dict) -> dict[str, list[str]]:
    """Who the document names winner, prize-winner, laureate: «Победителем конкурса стала Ахметова А.Р.»."""
    holders: dict[str, list[str]] = {}
    for sm in all_mentions:
        roles = {r[:6] for r in _ROLE.findall(sm.sentence.text.lower())}
        if len(roles) != 1 or _ROLE.search(sm.sentence.text.lower()) is None:
            continue
        names = [person_of[(p.start, p.end)].name for p in sm.people if (p.start, p.end) in person_of]
        if not names:
            names = [org_of[(o.start, o.end)].name for o in sm.orgs if (o.start, o.end) in org_of]
        holders.setdefault(roles.pop(), []).extend(names)
    return holders
