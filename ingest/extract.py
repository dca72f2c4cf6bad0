"""One document's text → its facts (ingest/facts.py).

The rules of ingest/names.py, orgs.py, places.py, groups.py, events.py and
header.py find mentions sentence by sentence, on one segmentation of the
text; Natasha's NER is a second source of people and places; this module
links the mentions (people to posts and organisations, events to hosts and
participants, awards to recipients, groups to members) and merges the
mentions of one entity within the document into one fact, written in its
fullest form, each fact keeping the span of the sentence that states it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import orgs as org_rules
from ingest.dates import find_dates, resolve_year
from ingest.events import AwardMention, EventMention, find_awards, find_events
from ingest.facts import (
    AwardFact,
    DistrictFact,
    DocumentFacts,
    DocumentInfo,
    EventFact,
    GroupFact,
    OrganisationFact,
    PersonFact,
    PlaceFact,
)
from ingest.groups import GroupMention, find_groups
from ingest.header import find_signature, parse_header, recase_capitals
from ingest.names import PersonMention, find_people
from ingest.ner import ner_spans, org_from_ner, person_from_ner, place_from_ner, tagger
from ingest.normalise import complete_facts, org_kind, org_stems
from ingest.orgs import OrgMention, find_orgs
from ingest.places import PlaceMention, find_places
from ingest.posts import normalize_post, starts_post
from ingest.readers import Document
from ingest.text import Sentence, split_sentences

__all__ = ["extract_facts", "load_models"]


def load_models() -> None:
    """Load the NER model and the morphological dictionary (1–2 s), once per process."""
    from ingest.morph import analyzer

    analyzer()
    tagger()


# ------------------------------------------------------------------ mentions per sentence

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


def _mentions(sentence: Sentence, doc_date: str | None) -> SentenceMentions:
    text = sentence.text
    people = find_people(text, sentence.start)
    barriers = [(p.start, p.end) for p in people]
    rule_text = recase_capitals(text) if text.isupper() and len(text) > 12 else text  # offsets kept
    orgs = find_orgs(rule_text, sentence.start, barriers)
    dates = find_dates(text, sentence.start)
    dates = [type(d)(resolve_year(d.iso, doc_date), d.start, d.end) for d in dates]
    return SentenceMentions(
        sentence, people, orgs, find_places(rule_text, sentence.start), find_groups(text, sentence.start),
        find_events(text, sentence.start, dates), find_awards(text, sentence.start), dates,
    )


# ------------------------------------------------------------------ entities within the document

@dataclass(eq=False)
class OrgEntity:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # sentence spans
    legal: bool = False
    district: str | None = None


def _org_key(org: OrgMention | OrgEntity, acronyms: dict[str, str]) -> tuple[str, frozenset[str]]:
    """What identifies an organisation in a document: its kind and the normaliser's key of its name, the
    document's acronyms spelled out («СОИРО» for «Смоленский областной институт развития образования»)."""
    text = org.name
    for acro, expansion in acronyms.items():
        text = re.sub(rf"(?<![А-ЯЁа-яё]){acro}(?![А-ЯЁа-яё])", expansion, text)
    stems, number = org_stems(text)
    return org.kind, frozenset([*stems, *([f"№{number}"] if number else [])])


def _build_acronyms(orgs: list[OrgMention], places: list[PlaceMention]) -> dict[str, str]:
    """Acronyms the document uses for its names: «БМР» for «Балашовский муниципальный район»,
    «СОИРО» for «Смоленский областной институт развития образования»."""
    out: dict[str, str] = {}
    for place in places:
        if place.type == "district":
            out.setdefault(org_rules.acronym(place.name), place.name)
    for org in orgs:
        m = re.search(r"«([^«»]+)»", org.name)
        if m and len(org_rules.acronym(m.group(1))) >= 3:
            out.setdefault(org_rules.acronym(m.group(1)), org.name)
    return {k: v for k, v in out.items() if len(k) >= 3}


def _preference(name: str, legal: bool) -> tuple:
    """Which written form names an organisation: the official short form with a legal form and
    quotes first, then the longest."""
    return (legal and "«" in name, legal, len(name))


def _resolve_orgs(all_mentions: list[SentenceMentions], acronyms: dict[str, str]) -> tuple[list[OrgEntity], dict]:
    entities: list[OrgEntity] = []
    by_key: dict[tuple, OrgEntity] = {}
    of_mention: dict[tuple[int, int], OrgEntity] = {}
    for sm in all_mentions:
        for org in sm.orgs:
            if org.kind == "school_district":
                continue
            kind, distinct = _org_key(org, acronyms)
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
        entity.aliases = _unique([a for a in entity.aliases if a and a != entity.name])
    return [e for e in entities if e.spans], of_mention


def _org_key_from_name(name: str, kind: str, acronyms: dict[str, str]) -> tuple:
    stub = OrgMention(name, kind, 0, 0, name)
    return _org_key(stub, acronyms)


def _merge_generic_references(entities: list[OrgEntity], of_mention: dict, acronyms: dict[str, str]) -> None:
    """«Управление образования района» in a document that names one education authority is that
    authority; «Управление образования» alone too."""
    _REF_WORDS = {"город", "образован", "управлен", "отдел", "комитет", "администрац"}  # stems: org_stems
    for entity in list(entities):
        kind, distinct = _org_key(entity, acronyms)
        if kind != "authority" or not distinct <= _REF_WORDS:
            continue
        head = entity.name.split()[0].lower()
        targets = [e for e in entities if e is not entity and e.kind == kind and head in e.name.lower()
                   and not _org_key(e, acronyms)[1] <= _REF_WORDS]
        if len(targets) == 1:
            target = targets[0]
            target.aliases.append(entity.name)
            target.aliases.extend(entity.aliases)
            target.spans.extend(entity.spans)
            for span, e in list(of_mention.items()):
                if e is entity:
                    of_mention[span] = target
            entities.remove(entity)
        elif not targets and len(distinct) <= 2:
            entities.remove(entity)  # «управления образования» naming no authority of its own
            for span, e in list(of_mention.items()):
                if e is entity:
                    del of_mention[span]


def _unique(items: list[str]) -> list[str]:
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


def _resolve_people(all_mentions: list[SentenceMentions]) -> tuple[list[PersonEntity], dict]:
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


# ------------------------------------------------------------------ posts and affiliations

# a post ends at a comma, a semicolon, a full stop (not an abbreviation's), a dash, or «и» before a name
_SEGMENT_END = re.compile(r",|;|\t|\||\)|(?<!зам)(?<!нач)(?<!рук)(?<!зав)(?<!и\.о)\.\s|\s[–—-]\s|\s+и\s+(?=[А-ЯЁ])|$")
_INSTITUTION_TAIL = re.compile(r"\s+(?:детск\w+\s+сад\w*|школ\w*|гимнази\w*|лице[яюе]\w*|(?:образовательн\w+\s+)?"
                               r"(?:учреждени|организаци)\w*|ДОУ|ОУ|ОО)\s*$")


def _apposition_posts(sentence: Sentence, mention: PersonMention, orgs: list[OrgMention],
                      groups: list[GroupMention], next_person_start: int) -> list[tuple[str, OrgMention | None, bool]]:
    """Posts written after the name: «Фандиной С.А., директору МОУ …, учителю …»."""
    rel_end = mention.end - sentence.start
    rest = sentence.text[rel_end: (next_person_start - sentence.start) if next_person_start else None]
    m = re.match(r"^\s*[,–—\-\t|(]\s*", rest)  # «…, директору», «… – учитель», «… (учитель …)», table cells
    if not m:
        return []
    out = []
    pos = rel_end + m.end()
    limit = rel_end + len(rest)
    while pos < limit:
        seg_end_match = _SEGMENT_END.search(sentence.text[pos:limit])
        seg_end = pos + (seg_end_match.start() if seg_end_match else limit - pos)
        segment = sentence.text[pos:seg_end]
        words = segment.split()
        if not words or not starts_post(words[0].strip("«»()"), words[1] if len(words) > 1 else None):
            break
        abs_start = sentence.start + pos
        abs_end = sentence.start + seg_end
        org = next((o for o in orgs if abs_start <= o.start < abs_end + 1), None)
        if org is not None:
            if org.end > abs_end:
                seg_end = org.end - sentence.start
            post_text = sentence.text[pos: org.start - sentence.start]
            post_text, org = _keep_genitive_org(post_text, org, sentence)
        else:
            post_text = segment
            # a table row: «Сидоренко Олег Павлович ⇥ учитель химии ⇥ МАОУ «Лицей № 1»»
            next_org = next((o for o in orgs if 0 <= o.start - abs_end <= 3
                             and not sentence.text[seg_end: o.start - sentence.start].strip(" \t,|–—-")), None)
            if next_org is not None:
                org = next_org
                seg_end = org.end - sentence.start
        in_group = any(abs_start <= g.start < abs_end for g in groups)
        out.append((post_text, org, in_group))
        if seg_end_match is None or seg_end >= limit or sentence.text[seg_end:seg_end + 1] in (";", "."):
            break
        if re.match(r"\s+и\s+", sentence.text[seg_end:seg_end + 4]):
            break
        pos = seg_end + 1
    return out


def _keep_genitive_org(post_text: str, org: OrgMention, sentence: Sentence) -> tuple[str, OrgMention]:
    """«начальник управления образования …»: a genitive organisation without a legal form stays in
    the post as written, and is the post's organisation too."""
    if not org.legal and org.kind == "authority" and not post_text.strip().endswith(","):
        return post_text + sentence.text[org.start - sentence.start: org.end - sentence.start], org
    return post_text, org


_APPOINT = re.compile(r"(?i)(?<![а-яё])(?:назнач|утверд|избра|считать)\w*")


def _agrees(word: str, next_word: str | None, mention: PersonMention, clause: str = "") -> bool:
    """A post in apposition stands in the case of its name; unknown cases agree. «Руководителем группы
    назначить Алексееву Н.С.»: a post in the instrumental names the one appointed, in the accusative."""
    from ingest.morph import cases_of

    head = word if next_word is None or cases_of(word) else next_word
    cases = cases_of(head.rstrip("."))
    if not cases or not mention.case or head.endswith("."):
        return True
    if "ablt" in cases and mention.case == "accs" and _APPOINT.search(clause):
        return True
    return mention.case in cases or (mention.case == "accs" and "gent" in cases) or (
        mention.case == "gent" and "accs" in cases)


def _preceding_post(sentence: Sentence, mention: PersonMention, orgs: list[OrgMention],
                    previous_person_end: int) -> tuple[str, OrgMention | None, bool] | None:
    """A post written before the name in the same clause: «директором Першиковой Л.С.»,
    «на заместителя начальника по учебной работе Хайруллину Р.Р.»."""
    rel = mention.start - sentence.start
    lower = max(previous_person_end - sentence.start, 0)
    breaks = [sentence.text.rfind(c, lower, rel) + len(c) for c in (",", ";", ":", "(", ")", "\n\n", " и ")
              if sentence.text.rfind(c, lower, rel) >= 0]
    clause_start = max([lower, *breaks])
    clause = sentence.text[clause_start:rel]
    tokens = list(re.finditer(r"[А-ЯЁа-яё][А-ЯЁа-яё\-]*\.?", clause))[-10:]
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1].group(0) if i + 1 < len(tokens) else None
        if starts_post(tok.group(0), nxt):
            if not _agrees(tok.group(0), nxt, mention, clause):
                return None  # «пресс-секретарь Путина Дмитрий Песков»: the post is Песков's, not Путин's
            start = clause_start + tok.start()
            post_text = sentence.text[start:rel].strip()
            appoint = _APPOINT.search(post_text)
            if appoint:  # «Руководителем группы назначить …»: the post ends before the verb
                post_text = post_text[: appoint.start()].strip()
            org = next((o for o in orgs if sentence.start + start <= o.start < mention.start), None)
            generic = False
            if org is not None:
                post_text = sentence.text[start: org.start - sentence.start]
                post_text, org = _keep_genitive_org(post_text, org, sentence)
            else:
                generic_tail = _INSTITUTION_TAIL.search(post_text)
                if generic_tail:  # «заведующий детским садом», «директор школы»: the document's own
                    post_text = post_text[: generic_tail.start()]
                    generic = True
            return post_text, org, generic
    return None


# ------------------------------------------------------------------ the document

def extract_facts(document: Document) -> DocumentFacts:
    """The facts of one document, every one with the span of its sentence."""
    text = document.text
    header = parse_header(text)
    sentences = split_sentences(text)
    all_mentions = [_mentions(s, header.date) for s in sentences]
    places = [p for sm in all_mentions for p in sm.places]
    acronyms = _build_acronyms([o for sm in all_mentions for o in sm.orgs], places)
    ner_places = _add_ner(text, all_mentions, acronyms)
    orgs, org_of = _resolve_orgs(all_mentions, acronyms)
    people, person_of = _resolve_people(all_mentions)

    districts, regions = _districts(places)
    main_district = districts[0][0] if len(districts) == 1 else None

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

    events = _events(all_mentions, org_of, header, info)
    # the school a report or a news item is about owns the school posts written without one
    main_school = _main_school(events, orgs) if header.kind in ("report", "news", "other") else None
    _link_posts(all_mentions, org_of, person_of, main_school, issuer,
                {(signature.start, signature.end)} if signature else set())

    facts = DocumentFacts(document=info)
    signatory_entity = person_of.get((signature.start, signature.end)) if signature else None
    for person in people:
        facts.people.extend(_person_facts(person, main_school))
    for org in orgs:
        if org.kind in ("school", "kindergarten", "methodical_service") or org.district:
            district = org.district or main_district
        else:
            district = main_district if org.kind == "authority" and main_district and _is_local(org) else None
        facts.organisations.append(OrganisationFact(org.name, org.kind, _district_name(district, districts),
                                                    org.aliases, org.spans[0]))
    for name, span, region in districts:
        facts.districts.append(DistrictFact(name, region, span))  # the region written beside it, if any
    if not districts and regions:
        for name, span in regions:
            facts.districts.append(DistrictFact(name, name, span))
    facts.places = _place_facts(all_mentions, ner_places, districts, regions)
    facts.events = _event_facts(events, people, orgs, signatory_entity, issuer, org_of, all_mentions)
    facts.awards = _award_facts(all_mentions, person_of, org_of, facts.events, issuer)
    facts.groups = _group_facts(all_mentions, person_of, info, facts.events)
    return complete_facts(facts)


def _body_start(text: str, header_end: int) -> int:
    """Where a signature may begin: after the first line of running text, or the header."""
    m = re.search(r"^.{61,}$", text, re.M)
    return min(header_end, m.start()) if m else header_end


def _main_school(events: list, orgs: list[OrgEntity]) -> OrgEntity | None:
    """The school or kindergarten a document is about: the host of its first event, else its only one."""
    if events and events[0][1] is not None and events[0][1].kind in ("school", "kindergarten"):
        return events[0][1]
    schools = [o for o in orgs if o.kind in ("school", "kindergarten")]
    return schools[0] if len(schools) == 1 else None


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
    key = _org_key(found[0], acronyms)
    for org in orgs:
        if _org_key(org, acronyms) == key:
            return org
    entity = OrgEntity(found[0].name, found[0].kind, legal=bool(found[0].legal))
    orgs.insert(0, entity)
    entity.spans.append((0, header.header_end))
    return entity


def _is_local(org: OrgEntity) -> bool:
    return bool(re.search(r"район|муниципальн|город|округ|МКУ|МБУ|МУ\b", org.name + " ".join(org.aliases)))


def _districts(places: list[PlaceMention]) -> tuple[list[tuple[str, tuple, str | None]], list[tuple[str, tuple]]]:
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


def _place_facts(all_mentions: list[SentenceMentions], ner_places: list[PlaceFact], districts: list,
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
            first.aliases = _unique(first.aliases + [a for a in place.aliases if a != first.name])
        elif key not in known:
            seen.add(key)
            unique.append(place)
    return unique


def _place_key(name: str) -> str:
    """Places named alike are one: each word cut to its stem («Россия» = «России»; «Россия-Франция» is not «Россия»)."""
    return " ".join(w[:6] for w in re.findall(r"[а-яёa-z0-9]+", name.lower()))


def _district_name(district: str | None, districts: list) -> str | None:
    if district is None:
        return None
    key = district.split()[0][:6].lower()
    for name, _span, _region in districts:
        if name.split()[0][:6].lower() == key:
            return name
    return district


def _link_posts(all_mentions: list[SentenceMentions], org_of: dict, person_of: dict,
                main_school: OrgEntity | None, issuer: OrgEntity | None, signatures: set) -> None:
    for sm in all_mentions:
        for idx, mention in enumerate(sm.people):
            if (mention.start, mention.end) in signatures:
                continue  # its post is the signature's
            entity = person_of[(mention.start, mention.end)]
            next_start = sm.people[idx + 1].start if idx + 1 < len(sm.people) else 0
            prev_end = sm.people[idx - 1].end if idx > 0 else sm.sentence.start
            found = _apposition_posts(sm.sentence, mention, sm.orgs, sm.groups, next_start)
            in_parentheses = _heads_in_parentheses(sm, mention, org_of) if not found else None
            if in_parentheses is not None:
                entity.posts.append(in_parentheses)
                continue
            if not found:
                preceding = _preceding_post(sm.sentence, mention, sm.orgs, prev_end)
                if preceding is not None:
                    post_text, org, generic = preceding
                    target = org_of.get((org.start, org.end)) if org else (
                        main_school if generic or _is_school_post(post_text) else None)
                    entity.posts.append((normalize_post(post_text), target, sm.sentence.span))
                    continue
                entity.posts.append((None, None, sm.sentence.span))
                continue
            for post_text, org, _in_group in found:
                target = org_of.get((org.start, org.end)) if org else None
                entity.posts.append((normalize_post(post_text), target, sm.sentence.span))
    # a post of the issuing authority written without its organisation
    if issuer is not None and issuer.kind == "authority":
        for entity in set(person_of.values()):
            entity.posts = [(p, o if o is not None or not p or not re.match(
                r"(заместитель (начальника|председателя|руководителя)|начальник отдела|председатель|"
                r"главный специалист|ведущий специалист|специалист|инспектор|консультант)", p) else issuer, s)
                for p, o, s in entity.posts]


def _is_school_post(post_text: str) -> bool:
    return bool(re.match(r"\s*(?:\w+\s+)?(директор|заместител\w* директора|зам\.? директора|учител|педагог|воспитател|"
                         r"библиотекар|завуч|музыкальн\w+ руководител|логопед|психолог|дефектолог|тьютор|вожат)",
                         post_text, re.IGNORECASE))


def _heads_in_parentheses(sm: SentenceMentions, mention: PersonMention, org_of: dict):
    """«МБОУ СОШ № 5 (Иванова И.И.)»: the name in parentheses after a school is its head;
    «(рук. Соколов А.А.)» names a pupil's supervisor, who works there."""
    before = sm.sentence.text[: mention.start - sm.sentence.start]
    m = re.search(r"\(\s*(рук\.|руководитель:?|учитель:?)?\s*$", before)
    if not m:
        return None
    paren = sm.sentence.start + m.start()
    org = next((o for o in reversed(sm.orgs) if o.end <= paren and
                not sm.sentence.text[o.end - sm.sentence.start: paren - sm.sentence.start].strip()), None)
    if org is None:
        return None
    if m.group(1):  # «(рук. Соколов А.А.)»: a pupil's supervisor; «(учитель Сидорова А.А.)»: a teacher
        post = "учитель" if m.group(1).startswith("учитель") else None
    else:
        post = {"school": "директор", "kindergarten": "заведующий"}.get(org.kind, "руководитель")
    return (post, org_of.get((org.start, org.end)), sm.sentence.span)


def _person_facts(person: PersonEntity, main_school: OrgEntity | None) -> list[PersonFact]:
    name = person.name
    # other written forms; for names only Natasha found, the surface too (our normalisation of a
    # foreign name may be off, the text's own form is never wrong)
    aliases = _unique([m.name for m in person.mentions if m.name != name]
                      + [m.surface for m in person.mentions if m.kind == "ner" and m.surface != name])
    facts: list[PersonFact] = []
    seen: set[tuple] = set()
    posts = [p for p in person.posts if p[0] or p[1]]
    for post, org, span in posts:
        key = (post, org.name if org else None)
        if key in seen:
            continue
        seen.add(key)
        facts.append(PersonFact(name, post or None, org.name if org else None, aliases, span))
    # the same post with and without its organisation: keep the one with
    facts = [f for f in facts if f.org or not any(g.org and g.post == f.post for g in facts)]
    if not facts:
        org = main_school.name if main_school else None
        span = person.posts[0][2] if person.posts else None
        facts.append(PersonFact(name, None, org, aliases, span))
    best = person.best  # the name's parts as the mention read them, never parsed again
    for fact in facts:
        fact.family, fact.given, fact.patronymic = best.surname, best.given, best.patronymic
        fact.initials = "".join(i + "." for i in best.initials)
    return facts


# ------------------------------------------------------------------ events, awards, groups

def _events(all_mentions: list[SentenceMentions], org_of: dict, header, info) -> list[tuple[EventMention, OrgEntity | None]]:
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


def _event_facts(events, people: list[PersonEntity], orgs: list[OrgEntity], signatory, issuer,
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
            fact.participants = _unique(participants)
        out.append(fact)
    return out


def _award_facts(all_mentions: list[SentenceMentions], person_of: dict, org_of: dict,
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
            for name in _unique(names):
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


def _group_facts(all_mentions: list[SentenceMentions], person_of: dict, info: DocumentInfo,
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
                if mention.start >= g.end and len(between) < 40 and _APPOINT.search(between) and re.search(
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
        g.aliases = _unique([a for a in g.aliases if a != g.name])
    return list(groups.values())


def _genitive_of_event(info: DocumentInfo, events: list[EventFact]) -> str | None:
    """The event a resolution is of, as its title writes it: «ПОСТАНОВЛЕНИЕ итоговой методической
    конференции» → «итоговой методической конференции»."""
    m = re.search(r"(?:ПОСТАНОВЛЕНИЕ|РЕШЕНИЕ|ПРОТОКОЛ)\s+([а-яё]+(?:\s+[а-яё]+){0,4}?\s+(?:конференции|семинара|совещания|"
                  r"заседания|форума|совета))", info.text[:600])
    return m.group(1) if m else None


# ------------------------------------------------------------------ Natasha as a second source

# pupils are no people of the network: their names sit beside these words
_STUDENT_CONTEXT = re.compile(r"(?<![а-яё])(?:учени[кц]|учащ|обучающ|воспитанни|студент)|\d+\s*-?\s*(?:го\s+)?класс"
                              r"|(?<![а-яё])рук\.", re.IGNORECASE)


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _add_ner(text: str, all_mentions: list[SentenceMentions], acronyms: dict[str, str]) -> list[PlaceFact]:
    """Add what Natasha finds and the rules did not: people, organisations; return the places."""
    places: list[PlaceFact] = []
    place_words = {p.name.lower() for sm in all_mentions for p in sm.places}
    for span in ner_spans(text):
        sm = next((s for s in all_mentions if s.sentence.start <= span.start < s.sentence.end), None)
        if sm is None:
            continue
        taken = [(m.start, m.end) for m in (*sm.people, *sm.orgs, *sm.groups)]
        if span.type == "PER":
            if _overlaps(span.start, span.end, taken) or _STUDENT_CONTEXT.search(sm.sentence.text):
                continue
            if span.text.lower()[:5] in {w[:5] for w in place_words}:
                continue  # «Балтаси» is the settlement the header names, not a person
            mention = person_from_ner(span.text, span.start)
            if mention is not None:
                sm.people.append(mention)
                sm.people.sort(key=lambda p: p.start)
        elif span.type == "ORG":
            if _overlaps(span.start, span.end, taken + [(p.start, p.end) for p in sm.places]):
                continue
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
