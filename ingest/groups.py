"""Groups: methodical associations, problem and working groups, councils,
school districts (школьный округ), network projects, online communities, clubs.

A group is a head phrase with what names it: a quoted name («сетевой проект
«Современный учитель»»), a genitive tail («ММО учителей физики»), or the
phrase alone when it is specific enough («районная проблемная группа»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.morph import nominative_phrase

UP = "А-ЯЁ"
LO = "а-яё"
_QUOTED = r"(?:«(?:[^«»]|«[^«»]*»)+»|\"[^\"\n]{2,80}\")"
_ADJS = rf"(?:[{UP}{LO}]+(?:-[{LO}]+)?\s+){{0,3}}"

# (pattern of the head, kind, needs a quoted name)
_HEADS: list[tuple[str, str, bool]] = [
    (r"(?:[РМШГ]МО|ГМО|ОМО)\b", "methodical_association", False),
    (r"методическ\w+\s+объединени\w+", "methodical_association", False),
    (r"профессиональн\w+\s+(?:обучающ\w+\s+)?сообществ\w*", "online_community", False),
    (r"проблемн\w+\s+групп\w*", "problem_group", False),
    (r"творческ\w+\s+групп\w*", "working_group", False),
    (r"рабоч\w+\s+групп\w*", "working_group", False),
    (r"методическ\w+\s+совет\w*", "methodical_council", False),
    (r"(?:школьн|образовательн)\w+\s+округ\w*", "school_district_network", False),
    (r"сетев\w+\s+проект\w*", "network_project", True),
    (r"образовательн\w+\s+проект\w*", "network_project", True),
    (r"социальн\w+\s+(?:интернет-)?сет\w+", "online_community", True),
    (r"виртуальн\w+\s+учительск\w+", "online_community", True),
    (r"методическ\w+\s+сервис\w*", "online_community", True),
    (r"(?:интернет-)?сообществ\w+", "online_community", True),
    (r"клуб\w*", "school_club", True),
    (r"студи\w+", "school_club", True),
    (r"медиацентр\w*", "school_club", True),
    (r"(?:географическ\w+\s+|научн\w+\s+)?обществ\w+", "school_club", True),
    (r"кружк?\w*", "school_club", True),
]
_ABBREVIATED_GROUPS = {"РПГ": ("Районная проблемная группа", "problem_group"),
                       "РМС": ("Районный методический совет", "methodical_council"),
                       "РМО": ("Районное методическое объединение", "methodical_association"),
                       "ШМО": ("Школьное методическое объединение", "methodical_association")}
# heads specific enough to name a group without adjectives («методических объединений»)
_SPECIFIC = {"methodical_association", "problem_group", "methodical_council"}
# «… учителей физики», «… руководителей школьных методических объединений»: never a preposition's phrase
_TAIL_WORD = rf"(?:[\s-]+(?!(?:в|во|на|по|с|со|и|для|при|из|к|о|об|от|до|за)(?![{LO}]))[{LO}]+(?:-[{LO}]+)?)"
_GENITIVE_TAIL = (rf"(?:\s+(?:учителей|педагогов|воспитателей|руководителей|заместителей|библиотекарей|классных|молодых"
                  rf"|специалистов|психологов|логопедов|директоров){_TAIL_WORD}{{0,3}})?")


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


_COMPILED = [
    (re.compile(rf"(?<![{UP}{LO}])(?P<adjs>{_ADJS})(?P<head>{head})(?P<tail>{_GENITIVE_TAIL})(?:\s*(?P<quoted>{_QUOTED}))?",
                re.IGNORECASE if not head.startswith("(?:[РМШГ]") else 0), kind, needs_quote)
    for head, kind, needs_quote in _HEADS
]


def _adjectives(adjs: str) -> str:
    """Keep only the adjectives right before the head («районные», «районная», «школьной»)."""
    from ingest.morph import parse

    kept: list[str] = []
    for word in reversed(adjs.split()):
        if any(p.tag.POS in ("ADJF",) and p.score > 0.2 for p in parse(word)) and word.lower() not in (
                "всех", "этих", "наших", "своих", "различных", "других", "каждой"):
            kept.insert(0, word)
        else:
            break
    return " ".join(kept)


_ANY_HEAD = re.compile(r"МО|РПГ|РМС|(?i:объединени|сообществ|групп|совет|округ|проект|сет[ьие]|учительск|сервис|клуб"
                       r"|студи|медиацентр|обществ|кружк)")


def find_groups(text: str, offset: int = 0) -> list[GroupMention]:
    out: list[GroupMention] = []
    if not _ANY_HEAD.search(text):  # most sentences name no group: skip the patterns
        return out
    for pattern, kind, needs_quote in _COMPILED:
        for m in pattern.finditer(text):
            quoted = m.group("quoted")
            if needs_quote and not quoted:
                continue
            adjs = _adjectives(m.group("adjs"))
            head = m.group("head")
            tail = (m.group("tail") or "").strip()
            if head.isupper():  # «ММО учителей физики» stays as written
                name = " ".join(x for x in (head, tail) if x)
            else:
                name = _nominative(" ".join(x for x in (adjs, head) if x))
                if tail:
                    name += " " + tail
            if quoted and not (kind == "school_club"):
                name += " «" + quoted.strip("«»\"") + "»"
            if kind == "school_district_network" and (not adjs or head.lower().endswith("ов")):
                continue  # unnamed, or a list of them (ingest/orgs.py `listed` names each)
            if not quoted and not tail and not adjs and not head.isupper() and kind not in _SPECIFIC:
                continue  # a bare «рабочая группа» is named by the document (see extract)
            if kind == "school_club" and quoted:
                name = _nominative(head.split()[-1]) + " «" + quoted.strip("«»\"") + "»"  # «клубе «…»» → «Клуб «…»»
            start = m.start("head") - (len(m.group("adjs")) - m.group("adjs").rfind(adjs) if adjs else 0)
            out.append(GroupMention(re.sub(r"\s+", " ", name), kind, max(start, m.start()) + offset,
                                    m.end() + offset))
    for abbr, (name, kind) in _ABBREVIATED_GROUPS.items():
        for m in re.finditer(rf"(?<![{UP}{LO}]){abbr}(?![{UP}{LO}])", text):
            out.append(GroupMention(name, kind, m.start() + offset, m.end() + offset, aliases=[abbr]))
    out.sort(key=lambda g: (g.start, -(g.end - g.start)))
    kept: list[GroupMention] = []
    for g in out:
        if any(k.start <= g.start < k.end for k in kept):
            continue
        kept.append(g)
    return kept
