"""One document's text → its facts (ingest/facts.py).

Mentions are found sentence by sentence (ingest/mentions.py), the mentions of one entity within the
document merged (ingest/entities.py), linked into facts (ingest/link/), each fact keeping the span of
the sentence that states it, and completed by the one normaliser (ingest/normalise.py).
"""

from __future__ import annotations

import re

from ingest.entities import OrgEntity, build_acronyms, org_identity, resolve_orgs, resolve_people, unique_names
from ingest.facts import (
    LISTS,
    DistrictFact,
    DocumentFacts,
    DocumentInfo,
    OrganisationFact,
)
from ingest.header import find_signature, parse_header
from ingest.link.events import award_facts, document_events, event_facts
from ingest.link.groups import group_facts
from ingest.link.people import link_posts, main_school_of, person_facts
from ingest.link.places import district_name, districts_of, is_local, main_district_of, place_facts
from ingest.mentions import SentenceMentions, add_ner, sentence_mentions
from ingest.ner import tagger
from ingest.normalise import complete_facts
from ingest.orgs import OrgMention, find_orgs
from ingest.posts import normalize_post
from ingest.readers import Document
from ingest.text import Sentence, split_sentences, text_windows


def load_models() -> None:
    """Load the NER model and the morphological dictionary (1–2 s), once per process."""
    from ingest.morph import analyzer

    analyzer()
    tagger()


# a longer text is extracted window by window: memory stays bounded whatever the document's size
WINDOW_CHARS = 100_000


def extract_facts(document: Document) -> DocumentFacts:
    """The facts of one document, every one with the span of its sentence."""
    windows = text_windows(document.text, WINDOW_CHARS)
    if len(windows) == 1:
        return _extract(document)
    parts = []
    for start, end in windows:
        part = Document(document.id, document.source, document.format, document.text[start:end])
        parts.append((start, _extract(part)))
    return merge_windows(document, parts)


def _extract(document: Document) -> DocumentFacts:
    text = document.text
    header = parse_header(text)
    sentences = split_sentences(text)
    all_mentions = [sentence_mentions(s, header.date) for s in sentences]
    places = [p for sm in all_mentions for p in sm.places]
    acronyms = build_acronyms([o for sm in all_mentions for o in sm.orgs], places)
    ner_places = add_ner(text, all_mentions, acronyms)
    orgs, org_of = resolve_orgs(all_mentions, acronyms)
    people, person_of = resolve_people(all_mentions)

    districts, regions = districts_of(places, ner_places)
    main_district = main_district_of(districts)

    info = DocumentInfo(id=document.id, source=document.source, kind=header.kind, number=header.number,
                        date=header.date, place=header.place, text=text)
    issuer = _issuer(header, orgs, acronyms)
    signature = find_signature(text, _body_start(text, header.header_end))
    if signature is not None:
        info.signatory = signature.name
        sig_person = person_of.get((signature.start, signature.end))
        in_post = _org_mentions_in(all_mentions, signature.post_start, signature.start)
        sig_org = next((org_of[(o.start, o.end)] for o in in_post if (o.start, o.end) in org_of), None)
        if issuer is None and sig_org is not None and header.kind in ("order", "resolution", "letter", "protocol"):
            issuer = sig_org
        if sig_person is not None:
            post_text = text[signature.post_start: signature.start]
            org_mention = next(iter(in_post), None)
            if org_mention is not None and org_mention.legal:
                post_text = text[signature.post_start: org_mention.start]
            sig_person.posts.append((normalize_post(post_text), sig_org or issuer,
                                     _sentence_span(sentences, signature.start)))
    info.issuer = issuer.name if issuer else None

    events = document_events(all_mentions, org_of, header, info)
    # the school a report or a news item is about owns the school posts written without one
    main_school = main_school_of(events, orgs) if header.kind in ("report", "news", "other") else None
    link_posts(all_mentions, org_of, person_of, main_school, issuer,
                {(signature.start, signature.end)} if signature else set())

    facts = DocumentFacts(document=info)
    signatory_entity = person_of.get((signature.start, signature.end)) if signature else None
    for person in people:
        facts.people.extend(person_facts(person, main_school))
    for org in orgs:
        if org.kind in ("school", "kindergarten", "methodical_service") or org.district:
            district = org.district or main_district
        else:
            district = main_district if org.kind == "authority" and main_district and is_local(org) else None
        facts.organisations.append(OrganisationFact(org.name, org.kind, district_name(district, districts),
                                                    org.aliases, org.spans[0]))
    for name, span, region in districts:
        facts.districts.append(DistrictFact(name, region, span))  # the region written beside it, if any
    facts.places = place_facts(all_mentions, ner_places, districts, regions)
    facts.events = event_facts(events, people, orgs, signatory_entity, issuer, org_of, all_mentions)
    facts.awards = award_facts(all_mentions, person_of, org_of, facts.events, issuer)
    facts.groups = group_facts(all_mentions, person_of, info, facts.events)
    return complete_facts(facts)


def _body_start(text: str, header_end: int) -> int:
    """Where a signature may begin: after the first line of running text, or the header."""
    m = re.search(r"^.{61,}$", text, re.M)
    return min(header_end, m.start()) if m else header_end


def _sentence_span(sentences: list[Sentence], position: int) -> tuple[int, int]:
    for s in sentences:
        if s.start <= position < s.end:
            return s.span
    return (position, position)


def _org_mentions_in(all_mentions: list[SentenceMentions], start: int, end: int) -> list[OrgMention]:
    """The organisation mentions that begin between two offsets, in the order of the text."""
    return [o for sm in all_mentions for o in sm.orgs if start <= o.start < end]


def _issuer(header, orgs: list[OrgEntity], acronyms: dict[str, str]) -> OrgEntity | None:
    if not header.issuer_text:
        return None
    found = find_orgs(header.issuer_text)
    if not found:
        return None
    key = org_identity(found[0], acronyms)
    for org in orgs:
        if org_identity(org, acronyms) == key:
            return org
    entity = OrgEntity(found[0].name, found[0].kind, legal=bool(found[0].legal))
    orgs.insert(0, entity)
    entity.spans.append((0, header.header_end))
    return entity


__all__ = ["extract_facts", "load_models"]


def _shifted(item, offset: int):
    if getattr(item, "span", None) is not None:
        item.span = (item.span[0] + offset, item.span[1] + offset)
    return item


_IDENTITY = {  # what makes two facts of two windows one
    "people": lambda p: (p.name, p.post, p.org), "organisations": lambda o: o.name, "districts": lambda d: d.name,
    "places": lambda p: p.name, "events": lambda e: (e.name, e.date), "awards": lambda a: (a.kind, a.recipient, a.span),
    "groups": lambda g: g.name,
}


def merge_windows(document: Document, parts: list[tuple[int, DocumentFacts]]) -> DocumentFacts:
    """One document's facts from its windows' (``(offset, facts)``): spans shifted to the whole text, the
    header's fields from the first window and the signature from the last, each entity listed once (an
    organisation's aliases and a group's members gathered)."""
    head = parts[0][1].document
    info = DocumentInfo(id=document.id, source=document.source, kind=head.kind, number=head.number, date=head.date,
                        issuer=head.issuer, signatory=parts[-1][1].document.signatory, place=head.place,
                        title=head.title, text=document.text)
    merged = DocumentFacts(info)
    seen: dict[str, dict] = {key: {} for key in LISTS}
    for offset, facts in parts:
        for key in LISTS:
            for item in getattr(facts, key):
                identity = _IDENTITY[key](item)
                kept = seen[key].get(identity)
                if kept is None:
                    seen[key][identity] = _shifted(item, offset)
                    getattr(merged, key).append(item)
                elif key in ("organisations", "groups"):
                    kept.aliases = unique_names([*kept.aliases, *item.aliases])
                    if key == "groups":
                        kept.members += [m for m in item.members if m not in kept.members]
    return complete_facts(merged)
