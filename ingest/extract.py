"""One document's text → its facts (ingest/facts.py).

Mentions are found sentence by sentence (ingest/mentions.py), the mentions of one entity within the
document merged (ingest/entities.py), linked into facts (ingest/link/), each fact keeping the span of
the sentence that states it, and completed by the one normaliser (ingest/normalise.py).
"""

from __future__ import annotations

from ingest.entities import build_acronyms, resolve_orgs, resolve_people, unique_names
from ingest.facts import (
    LISTS,
    DistrictFact,
    DocumentFacts,
    DocumentInfo,
    OrganisationFact,
)
from ingest.header import parse_header
from ingest.link.document import document_info
from ingest.link.events import award_facts, document_events, event_facts
from ingest.link.groups import group_facts
from ingest.link.people import link_posts, main_school_of, person_facts
from ingest.link.places import district_name, districts_of, is_local, main_district_of, place_facts
from ingest.mentions import SentenceMentions, add_ner, sentence_mentions
from ingest.ner import tagger
from ingest.normalise import complete_facts
from ingest.readers import Document
from ingest.text import split_sentences, text_windows


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
    all_mentions: list[SentenceMentions] = [sentence_mentions(s, header.date) for s in sentences]
    places = [p for sm in all_mentions for p in sm.places]
    acronyms = build_acronyms([o for sm in all_mentions for o in sm.orgs], places)
    ner_places = add_ner(text, all_mentions, acronyms)
    orgs, org_of = resolve_orgs(all_mentions, acronyms)
    people, person_of = resolve_people(all_mentions)

    districts, regions = districts_of(places, ner_places)
    main_district = main_district_of(districts)

    info, issuer, signature = document_info(document, header, sentences, all_mentions, orgs, acronyms, person_of,
                                            org_of)

    events = document_events(all_mentions, org_of, header, info, issuer)
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
    facts.events = event_facts(events, people, orgs, signatory_entity, issuer, org_of, all_mentions, person_of, header)
    facts.awards = award_facts(all_mentions, person_of, org_of, facts.events, issuer)
    facts.groups = group_facts(all_mentions, person_of, info, facts.events)
    return complete_facts(facts)


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
