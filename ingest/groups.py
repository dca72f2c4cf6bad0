"""Groups: methodical associations, problem and working groups, councils,
school districts (школьный округ), network projects, online communities, clubs.

A group is a head phrase (ingest/data/group_heads.txt) with what names it: a
quoted name («сетевой проект «Современный учитель»»), a genitive tail («ММО
учителей физики», «Совет директоров», «комиссия по проверке работ»), or the
phrase alone when it is specific enough («районная проблемная группа»).
Councils, organising committees, commissions and juries are groups when they
are named; a legislature («Совет депутатов») and a collective plural
(«районные методические объединения») are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest import phrases
from ingest.lexicons import rows
from ingest.morph import nominative_phrase

UP = "А-ЯЁ"
LO = "а-яё"

_ABBREVIATED_GROUPS = {"РПГ": ("Районная проблемная группа", "problem_group"),
                       "РМС": ("Районный методический совет", "methodical_council"),
                       "РМО": ("Районное методическое объединение", "methodical_association"),
                       "ШМО": ("Школьное методическое объединение", "methodical_association")}
# heads specific enough to name a group without adjectives («методических объединений»)
_SPECIFIC = {"methodical_association", "problem_group", "methodical_council"}
# a council of these is no group: a legislature, a state body, an institution's own organ («Совет учреждения»)
_NOT_A_GROUP_TAIL = re.compile(r"^\s*(?:депутат|федераци|безопасност|министр|ветеран|старейшин"
                               r"|(?:учреждени|школ|организаци|лице|гимнази|сад|центр)\w*\s*$)", re.IGNORECASE)


@dataclass(frozen=True)
class _Head:
    pattern: re.Pattern
    kind: str
    flags: frozenset[str]


@lru_cache(maxsize=1)
def _heads() -> tuple[_Head, ...]:
    out = []
    for kind, flags, pattern in rows("group_heads.txt"):
        flagset = frozenset(f for f in flags.split(",") if f and f != "-")
        regex = rf"(?<![{UP}{LO}-])(?:{pattern})(?![{UP if 'case' in flagset else ''}{LO}])"
        out.append(_Head(re.compile(regex, 0 if "case" in flagset else re.IGNORECASE), kind, flagset))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_head() -> re.Pattern:
    return re.compile("|".join(f"(?:{h.pattern.pattern})" for h in _heads() if "case" not in h.flags) + "|МО|РПГ|РМС",
                      re.IGNORECASE)


@dataclass
class GroupMention:
    name: str
    kind: str
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)


def _nominative(words: str) -> str:
    phrase = nominative_phrase(words.split())
    text = " ".join(phrase)
    return text[:1].upper() + text[1:]


def find_groups(text: str, offset: int = 0, barriers: list[tuple[int, int]] = ()) -> list[GroupMention]:
    """Group mentions of a sentence: a head phrase (ingest/data/group_heads.txt) with what names it — the
    adjectives before it, its genitive chain or «по …» after it («рабочая группа по введению ФГОС»,
    «методическое объединение учителей русского языка и литературы МОУ «Гимназия»»), a quoted name;
    ``barriers`` are people's spans (offsets into the document), which no name runs into."""
    out: list[GroupMention] = []
    if not _any_head().search(text):  # most sentences name no group: skip the patterns
        return out
    local = [(s - offset, e - offset) for s, e in barriers]
    candidates = []
    for index, head in enumerate(_heads()):
        for m in head.pattern.finditer(text):
            candidates.append((m.start(), -(m.end() - m.start()), index, m))
    candidates.sort(key=lambda c: c[:3])
    taken: list[tuple[int, int]] = []
    for start, _length, index, m in candidates:
        if any(s <= start < e for s, e in taken):
            continue
        found = _group_at(text, m, _heads()[index], local)
        if found is None:
            continue
        name, phrase_start, end = found
        taken.append((phrase_start, end))
        out.append(GroupMention(name, _heads()[index].kind, phrase_start + offset, end + offset))
    for abbr, (name, kind) in _ABBREVIATED_GROUPS.items():
        for m in re.finditer(rf"(?<![{UP}{LO}]){abbr}(?![{UP}{LO}])", text):
            if not any(s <= m.start() < e for s, e in taken):
                out.append(GroupMention(name, kind, m.start() + offset, m.end() + offset, aliases=[abbr]))
    out.sort(key=lambda g: (g.start, -(g.end - g.start)))
    return out


_SECOND_BODY = re.compile(r"(?<=\s)и\s+(?=(?:жюри|оргкомитет|организационн\w+\s+комитет|[а-яё]+\s+комисси)(?![а-яё]))",
                          re.IGNORECASE)


def _group_at(text: str, m: re.Match, head: _Head, barriers) -> tuple[str, int, int] | None:
    head_words = m.group(0).split()
    abbreviation = "case" in head.flags
    noun = head_words[phrases.head_noun(head_words)] if not abbreviation else m.group(0)
    phrase_start = m.start() if abbreviation else phrases.left_modifiers(text, m.start(), noun)
    adjectives = text[phrase_start:m.start()].split()
    if any(phrases.lemma_of(a).startswith("педагогическ") for a in adjectives):
        return None  # «педагогический совет»: a meeting (ingest/events.py)
    # «оргкомитет и жюри конкурса»: two bodies, the second no part of the first's name
    barriers = [*barriers, *((b.start(), b.end()) for b in _SECOND_BODY.finditer(text, m.end()))]
    tail = phrases.right_tail(text, m.end(), barriers=barriers, no_person=True,
                              allow_org=head.kind == "methodical_association", max_words=16)
    quoted = phrases.quoted_at(text, m.end()) if not tail.words else (tail.titles[0] if tail.titles else None)
    tail_text = text[m.end(): tail.end] if tail.words else ""
    end = max(tail.end, quoted[1] if quoted else 0)
    plural = not abbreviation and (lambda rs: bool(rs) and rs[0].tag.number == "plur")(
        [p for p in phrases.readings(noun) if p.tag.POS == "NOUN"])
    if "quoted" in head.flags and not quoted:
        return None
    if "named" in head.flags:
        if not (tail.words or quoted) and len(head_words) == 1:
            return None  # «совет», «жюри», «районный Совет»: no group named
        if _NOT_A_GROUP_TAIL.match(tail_text):
            return None
        if tail.words and not quoted and not any(
                (lambda rs: bool(rs) and rs[0].tag.POS == "NOUN")(phrases.readings(w))
                for w in re.findall(rf"[{UP}{LO}]+", tail_text)):
            return None  # «объединение двух школ» read to «двух»: no noun names it
        if noun.lower() == "жюри" and not quoted and tail.words < 2:
            return None  # «члены жюри конкурса»: the jury of the document's contest, unnamed
    if head.kind == "school_district_network" and (not adjectives or noun.lower().endswith("ов")):
        return None  # unnamed, or a list of them (ingest/orgs.py `listed` names each)
    if plural and not tail.words and not quoted:
        return None  # «районные методические объединения»: a collective, not one group
    if not (tail.words or quoted or adjectives or abbreviation) and head.kind not in _SPECIFIC and \
            "specific" not in head.flags:
        return None  # a bare «рабочая группа» is named by the document (see ingest/link/groups.py)
    if abbreviation and not (tail.words or quoted):
        return None  # a bare «РМО»: spelled out below, or named by the document
    if abbreviation:
        name = text[m.start(): end]
    elif head.kind == "school_club" and quoted and "specific" not in head.flags:
        club = _nominative(noun)  # «клубе «Зелёная лампа»» → «Клуб «Зелёная лампа»»
        name = club + " " + text[quoted[0]: quoted[1]]
    else:
        name = phrases.nominative(text, m.start(), m.end(), phrase_start) + text[m.end(): end]
    name = phrases.tidy(name)
    return name[:1].upper() + name[1:], phrase_start, end
