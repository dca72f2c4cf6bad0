"""Posts and affiliations: who holds which post, in which organisation, in any order the genre writes
it («Фандиной С.А., директору МОУ …», «директором Першиковой Л.С.», «МОУ … (учитель Иванова И.И.)»)."""

from __future__ import annotations

import re

from ingest.entities import OrgEntity, PersonEntity, unique_names
from ingest.facts import (
    PersonFact,
)
from ingest.groups import GroupMention
from ingest.mentions import SentenceMentions
from ingest.names import PersonMention
from ingest.orgs import OrgMention
from ingest.posts import normalize_post, starts_post
from ingest.text import Sentence

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


APPOINT = re.compile(r"(?i)(?<![а-яё])(?:назнач|утверд|избра|считать)\w*")


def _agrees(word: str, next_word: str | None, mention: PersonMention, clause: str = "") -> bool:
    """A post in apposition stands in the case of its name; unknown cases agree. «Руководителем группы
    назначить Алексееву Н.С.»: a post in the instrumental names the one appointed, in the accusative."""
    from ingest.morph import cases_of

    head = word if next_word is None or cases_of(word) else next_word
    cases = cases_of(head.rstrip("."))
    if not cases or not mention.case or head.endswith("."):
        return True
    if "ablt" in cases and mention.case == "accs" and APPOINT.search(clause):
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
            appoint = APPOINT.search(post_text)
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


def main_school_of(events: list, orgs: list[OrgEntity]) -> OrgEntity | None:
    """The school or kindergarten a document is about: the host of its first event, else its only one."""
    if events and events[0][1] is not None and events[0][1].kind in ("school", "kindergarten"):
        return events[0][1]
    schools = [o for o in orgs if o.kind in ("school", "kindergarten")]
    return schools[0] if len(schools) == 1 else None


def link_posts(all_mentions: list[SentenceMentions], org_of: dict, person_of: dict,
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


def person_facts(person: PersonEntity, main_school: OrgEntity | None) -> list[PersonFact]:
    name = person.name
    # other written forms; for names only Natasha found, the surface too (our normalisation of a
    # foreign name may be off, the text's own form is never wrong)
    aliases = unique_names([m.name for m in person.mentions if m.name != name]
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
