"""Mentions sentence by sentence, on one segmentation of the text: the rules of ingest/names.py, orgs.py,
places.py, groups.py, events.py and dates.py, and Natasha's NER as a second source of people, organisations
and places (re-normalised by the rules)."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.dates import find_dates, resolve_year
from ingest.events import AwardMention, EventMention, find_awards, find_events
from ingest.facts import (
    PlaceFact,
)
from ingest.groups import GroupMention, find_groups
from ingest.header import recase_capitals
from ingest.names import PersonMention, context_cases, excluded_name, find_people
from ingest.ner import ner_spans, org_from_ner, person_from_ner, place_from_ner, without_post_words
from ingest.normalise import org_kind
from ingest.orgs import OrgMention, find_orgs
from ingest.places import PlaceMention, find_places
from ingest.text import Sentence


@dataclass
class SentenceMentions:
    sentence: Sentence
    people: list[PersonMention]
    orgs: list[OrgMention]
    places: list[PlaceMention]
    groups: list[GroupMention]
    events: list[EventMention]
    awards: list[AwardMention]
    dates: list


def sentence_mentions(sentence: Sentence, doc_date: str | None) -> SentenceMentions:
    text = sentence.text
    people = find_people(text, sentence.start)
    barriers = [(p.start, p.end) for p in people]
    rule_text = recase_capitals(text) if text.isupper() and len(text) > 12 else text  # offsets kept
    orgs = find_orgs(rule_text, sentence.start, barriers)
    dates = find_dates(text, sentence.start)
    dates = [type(d)(resolve_year(d.iso, doc_date), d.start, d.end) for d in dates]
    return SentenceMentions(
        sentence, people, orgs, find_places(rule_text, sentence.start), find_groups(text, sentence.start, barriers),
        find_events(text, sentence.start, dates, barriers), find_awards(text, sentence.start), dates,
    )


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def add_ner(text: str, all_mentions: list[SentenceMentions], acronyms: dict[str, str]) -> list[PlaceFact]:
    """Add what Natasha finds and the rules did not: people, organisations; return the places."""
    places: list[PlaceFact] = []
    place_words = {p.name.lower() for sm in all_mentions for p in sm.places}
    for span in ner_spans(text):
        sm = next((s for s in all_mentions if s.sentence.start <= span.start < s.sentence.end), None)
        if sm is None:
            continue
        taken = [(m.start, m.end) for m in (*sm.people, *sm.orgs, *sm.groups)]
        if span.type == "PER":
            base = sm.sentence.start
            if _overlaps(span.start, span.end, taken) or excluded_name(sm.sentence.text, span.start - base,
                                                                        span.end - base):
                continue  # a pupil's, a cited author's or an eponym's name is no person of the network
            if span.text.lower()[:5] in {w[:5] for w in place_words}:
                continue  # «Балтаси» is the settlement the header names, not a person
            rel_start, rel_end = span.start - base, span.end - base
            mention = person_from_ner(span.text, span.start, context_cases(sm.sentence.text[:rel_start],
                                                                            sm.sentence.text[rel_end:]))
            if mention is not None:
                sm.people.append(mention)
                sm.people.sort(key=lambda p: p.start)
        elif span.type == "ORG":
            span = without_post_words(span)
            if span is None or _overlaps(span.start, span.end, taken) or any(
                    p.start < span.end and span.start < p.end and not (span.start <= p.start and p.end <= span.end)
                    for p in sm.places):
                continue  # a place the rules found is no organisation; one inside an organisation's name is
            name = org_from_ner(span, text)
            if name is not None and name not in acronyms:
                sm.orgs.append(OrgMention(name, org_kind(name), span.start, span.end, span.text))
                sm.orgs.sort(key=lambda o: o.start)
        elif span.type == "LOC":
            # a place inside an organisation's name is still a place the text names («Центр … США»)
            if _overlaps(span.start, span.end, [(p.start, p.end) for p in (*sm.places, *sm.people)
                                                if getattr(p, "type", "") != "settlement"]):
                continue
            name = place_from_ner(span, text[max(0, span.start - 20): span.start])
            if name:
                surface = " ".join(span.text.split())
                places.append(PlaceFact(name, "other", [surface] if surface != name else [], sm.sentence.span))
    return places
