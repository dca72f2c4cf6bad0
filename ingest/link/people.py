"""Posts and affiliations: who holds which post, in which organisation, in any order and case the genre writes it.

A sentence is read as a row of units: words, punctuation, the people and the organisations its mentions found.
A post is a noun phrase (ingest/posts.py): an acting prefix («и.о.»), modifiers («главный»), a post noun and
its dependents — genitive phrases with their coordination («учителя русского языка и литературы»), «по» with a
dative («по учебной работе»), an instrumental after «заведующий», organisations, «№ N», «из»/«в» before an
organisation. The constructions that tie a post to a person, each a rule below:

- the post right before the name, agreeing in case: «начальником управления Мариной Голубевой»,
  «губернатор Энской области Олег Мирный»; posts stacked before it with a comma or a dash
  («методист ИМЦ, сопредседатель жюри Травкина Н.В.», «заместитель главы — начальник управления»);
- the post after the name: «Иванова И.И. — учитель математики МБОУ СОШ № 2», «Марина Лим, методист ИМЦ»,
  «Ирина Сомова педагог-психолог …», several of them, unless the phrase runs straight into the next name
  («Post₁ Name₁, Post₂ Name₂»: the second post is the second name's);
- one plural post over a list: «учителя Ёлкина Н.Н., Заречная И.А. и Луговая В.Н.»;
- a predicate: «…, который работает учителем в школе № 5», «назначена директором»;
- an organisation without a post: «Name, МАОУ «Колесовская СОШ»,», «Name из школы № 3», «Name (ИМЦ)»,
  «МБОУ СОШ № 5 (Иванова И.И.)» (the head), «начальника Управления … (Рябинина О.Б.)».

A role (победитель, председатель жюри, эксперт ЕГЭ) is no post; a degree (профессор) is one only alone. A
post's organisation is the first organisation inside it; a school or a legal form ends the post's text
(«учитель истории» of «МБОУ …»), an authority stays in it («начальник отдела образования»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ingest import syntax
from ingest.entities import OrgEntity, PersonEntity, unique_names
from ingest.facts import (
    PersonFact,
)
from ingest.mentions import SentenceMentions
from ingest.morph import parse
from ingest.morph import parse as parse_word
from ingest.names import PersonMention
from ingest.orgs import OrgMention
from ingest.posts import ACTING, is_degree, is_modifier, is_role, lexicon, normalize_post, post_lemma
from ingest.syntax import Arc, placeholder

APPOINT = re.compile(r"(?i)(?<![а-яё])(?:назнач|утверд|избра|считать)\w*")

# ------------------------------------------------------------------ units


@dataclass
class Unit:
    kind: str  # "w" word, "p" punctuation, "q" quoted, "person", "org"
    text: str
    start: int  # offsets into the document
    end: int
    ref: object = None

    @property
    def low(self) -> str:
        return self.text.lower()


_TOKEN = re.compile(r"(?i:и\.\s?о\.|(?:зам|нач|зав|рук)\.)|«(?:[^«»]|«[^«»]*»)*»|\"[^\"\n]{1,80}\"|"
                    r"[A-Za-z][A-Za-z0-9]*(?:[.&-][A-Za-z0-9]+)*|[А-ЯЁа-яёA-Za-z]+(?:-[А-ЯЁа-яёA-Za-z]+)*|№|\d+(?:[.,]\d+)*|\S")


def units_of(sm: SentenceMentions) -> list[Unit]:
    """The sentence as units: every person and organisation mention one unit, the rest tokens."""
    base = sm.sentence.start
    spans: list[tuple[int, int, str, object]] = [(p.start, p.end, "person", p) for p in sm.people]
    for o in sm.orgs:
        if not any(s < o.end and o.start < e for s, e, _k, _r in spans):
            spans.append((o.start, o.end, "org", o))
    spans.sort(key=lambda s: s[0])
    out: list[Unit] = []
    pos = base
    text = sm.sentence.text
    for start, end, kind, ref in [*spans, (sm.sentence.end, sm.sentence.end, "", None)]:
        for m in _TOKEN.finditer(text, pos - base, max(start - base, pos - base)):
            tok = m.group(0)
            kind_ = "q" if tok[:1] in "«\"" and len(tok) > 1 else ("w" if tok[:1].isalnum() or tok[:1] == "№" else "p")
            out.append(Unit(kind_, tok, base + m.start(), base + m.end()))
        if kind:
            out.append(Unit(kind, text[start - base:end - base], start, end, ref))
            pos = max(pos, end)
    return out


# ------------------------------------------------------------------ noun phrases


def _cases(word: str, pos: tuple[str, ...] = ("NOUN",)) -> set[str]:
    out = set()
    for p in parse(word.lower()):
        if p.tag.POS in pos and p.tag.case:
            out.add({"gen2": "gent", "acc2": "accs", "loc2": "loct"}.get(p.tag.case, p.tag.case))
    return out


_STOP = {"и", "в", "во", "на", "с", "со", "от", "за", "к", "о", "об", "из", "для", "при", "у", "до", "как", "что",
         "или", "а", "но", "не", "по", "под", "над", "без", "через", "который", "которая", "которые", "это"}
_FUNCTION = ("VERB", "INFN", "PRTS", "ADVB", "PREP", "CONJ", "PRCL", "GRND", "ADJS", "NPRO")


def _np(units: list[Unit], k: int, cases: set[str]) -> int | None:
    """Index after a noun phrase in one of ``cases`` starting at ``k`` (adjectives, coordinated ones too, and a
    noun; an abbreviation stands for one), or None."""
    j = k
    while j < len(units):
        u = units[j]
        if u.kind != "w" or u.low in _STOP:
            return None
        if u.text.isupper() and len(u.text) > 1 and not u.text.isdigit():
            return j + 1  # «УВР», «РФ», «ЕГЭ»
        ps = parse(u.low)
        if ps and ps[0].tag.POS in _FUNCTION and ps[0].score > 0.5:
            return None
        if u.text[:1].isupper() and any(("Name" in p.tag or "Patr" in p.tag) and p.score > 0.1 for p in ps):
            return None  # a person's name
        if post_lemma(u.text) in _INSTRUMENTAL_HEADS and _cases(u.text, ("NOUN", "ADJF", "PRTF")) & cases:
            return j + 1  # «заместитель управляющего …»: a participle used as a noun
        adj = _cases(u.text, ("ADJF", "PRTF", "NUMR")) & cases
        noun = _cases(u.text) & cases
        nxt = units[j + 1] if j + 1 < len(units) else None
        if adj and nxt is not None and nxt.kind == "org":
            return j + 1  # «воркутинского детского сада № 54»: the adjective goes with the organisation after it
        continues = nxt is not None and nxt.kind == "w" and nxt.low not in _STOP and bool(
            _cases(nxt.text, ("NOUN", "ADJF", "PRTF")) & cases)
        if adj and (continues or not noun):
            if not continues:
                if nxt is not None and nxt.low in ("и", ",") and j + 2 < len(units) and units[j + 2].kind == "w" and \
                        _cases(units[j + 2].text, ("ADJF", "PRTF")) & cases:
                    j += 2  # «русского и английского языков»
                    continue
                return None
            j += 1
            continue
        if noun:
            return j + 1
        return None
    return None


_INSTRUMENTAL_HEADS = {"заведующий", "руководитель", "управляющий", "командующий"}
_SETTLEMENT_MARKS = {"р", "п", "с", "д", "г", "пос", "пгт", "ст", "х", "рп"}


@dataclass
class PostPhrase:
    start: int  # unit indexes
    head: int
    end: int
    acting: bool = False

    def orgs(self, units: list[Unit]) -> list[Unit]:
        return [u for u in units[self.head + 1:self.end] if u.kind == "org"]


def post_phrase(units: list[Unit], i: int) -> PostPhrase | None:
    """The post noun phrase that starts at unit ``i``, or None."""
    j = i
    n = len(units)
    acting = False
    if j < n and units[j].kind == "w" and ACTING.match(units[j].text):
        acting, j = True, j + 1
    elif j + 2 < n and ACTING.match(" ".join(u.text for u in units[j:j + 3])):  # «временно исполняющий обязанности»
        acting, j = True, j + 3
    elif j + 1 < n and ACTING.match(" ".join(u.text for u in units[j:j + 2])):
        acting, j = True, j + 2
    while j + 1 < n and units[j].kind == "w" and units[j + 1].kind == "w" and (
            is_modifier(units[j].text) or _agreeing_adjective(units[j].text, units[j + 1].text)) and (
            post_lemma(units[j + 1].text) or is_modifier(units[j + 1].text)):
        j += 1  # «главный специалист», «почётным президентом», «новым руководителем»
    if j >= n or units[j].kind != "w" or not post_lemma(units[j].text):
        return None
    head = j
    return PostPhrase(i, head, _dependents(units, head + 1, units[head]), acting)


def _agreeing_adjective(word: str, noun: str) -> bool:
    """An adjective before a post noun in its case and number («почётным президентом»); no pronoun."""
    adj = {(p.tag.case, p.tag.number) for p in parse(word.lower()) if p.tag.POS in ("ADJF", "PRTF") and "Apro" not in p.tag}
    return bool(adj & {(p.tag.case, p.tag.number) for p in parse(noun.lower()) if p.tag.POS == "NOUN"})


_QUOTES = {"\"", "«", "»", "“", "”", "„"}
_NEXT = object()  # a dependent rule that does not apply here: the next one is tried


def _dependents(units: list[Unit], k: int, head: Unit) -> int:
    """Index after the dependents of the post noun ``head`` that start at ``k``: each rule below takes one
    dependent (and the case the chain goes on in) or ends the phrase."""
    lemma = post_lemma(head.text)
    last = "gent"
    first = k
    while k < len(units):
        step = _dependent(units, k, first, lemma, last)
        if step is None:
            break
        k, last = step
    return k


def _dependent(units: list[Unit], k: int, first: int, lemma: str | None, last: str) -> tuple[int, str] | None:
    """(index after the dependent at ``k``, the chain's case), or None where the phrase ends."""
    u = units[k]
    if u.kind != "w" or re.fullmatch(r"[A-Z][A-Za-z0-9.&-]*", u.text):
        return _non_word(units, k, first, last)
    for rule in (_numbered, _po_phrase, _ot_phrase, _conjunct, _in_org, _place_after, _with_experience):
        step = rule(units, k, first, last)
        if step is not _NEXT:
            return step
    governs = lemma if k == first else post_lemma(units[k - 1].text)
    if governs in _INSTRUMENTAL_HEADS and last != "ablt":  # «заместитель управляющего Восточным округом»
        nxt = _np(units, k, {"ablt"})
        if nxt is not None:
            return nxt, "ablt"
    nxt = _np(units, k, {"gent"})
    return None if nxt is None else (nxt, "gent")


def _non_word(units: list[Unit], k: int, first: int, last: str) -> tuple[int, str] | None:
    """Organisations, quotes, bracketed abbreviations, Latin names and a comma between conjuncts."""
    n = len(units)
    u = units[k]
    if u.kind == "org":
        k += 1
        if k < n and units[k].text in _QUOTES and ((k - 2 >= 0 and units[k - 2].text in _QUOTES) or
                                                   u.text.count("«") > u.text.count("»")):
            k += 1  # «президента "Роснефти" Игоря Лесного»: the quotes round the organisation
        return k, last
    if u.text in _QUOTES and k + 1 < n and units[k + 1].kind == "org":
        return k + 1, last
    if u.kind == "q":
        return k + 1, last  # «гендиректор «Яндекса» Аркадий Озёрный», «руководитель проекта «Читающая школа»»
    if u.text == "(" and k + 2 < n and units[k + 2].text == ")" and (units[k + 1].kind == "org" or (
            units[k + 1].text.isupper() and len(units[k + 1].text) > 1) or re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}",
                                                                              units[k + 1].text)):
        return k + 3, last  # «Совета по правам человека (СПЧ)»: an abbreviation in brackets
    if u.kind == "w":
        return k + 1, last  # «проекта F5», «Volga Group», «Mail.Ru Group»: a name in Latin letters
    if u.text == "," and k > first:
        nxt = _np(units, k + 1, {last})
        if nxt is not None and not post_lemma(units[k + 1].text) and nxt < n and units[nxt].low in ("и", ","):
            return nxt, last  # «учитель истории, обществознания и права»
    return None


def _numbered(units: list[Unit], k: int, first: int, last: str):
    if units[k].low == "№" and k + 1 < len(units) and units[k + 1].text[:1].isdigit():
        return k + 2, last
    return _NEXT


def _po_phrase(units: list[Unit], k: int, first: int, last: str):
    """«по учебной работе», «директор по работе с инвестиционным сообществом»."""
    if units[k].low != "по":
        return _NEXT
    k = _np(units, k + 1, {"datv", "loct"})
    if k is None:
        return None
    if k + 1 < len(units) and units[k].low in ("с", "со"):
        k = _np(units, k + 1, {"ablt"}) or k
    return k, "datv"


def _ot_phrase(units: list[Unit], k: int, first: int, last: str):
    """«депутат Госдумы от «Единой России»», «сенатор от штата»."""
    n = len(units)
    if units[k].low != "от" or k + 1 >= n:
        return _NEXT
    at = k + 2 if units[k + 1].text in _QUOTES else k + 1
    if at < n and (units[at].kind in ("org", "q")):
        return at + 1 + (1 if at + 1 < n and units[at + 1].text in _QUOTES else 0), last
    nxt = _np(units, k + 1, {"gent"})
    if nxt is not None and units[k + 1].text[:1].isupper():
        return nxt, "gent"
    return None


def _conjunct(units: list[Unit], k: int, first: int, last: str):
    """«русского языка и литературы»; «и учитель …» is a second post, «и Иванова» a second person."""
    if units[k].low != "и" or k <= first:
        return _NEXT
    nxt = _np(units, k + 1, {last} | ({"datv", "loct"} if last == "datv" else set()))
    if nxt is None or post_lemma(units[k + 1].text):
        return None
    return nxt, last


def _in_org(units: list[Unit], k: int, first: int, last: str):
    """«хормейстер в Несском доме народного творчества», «математику из школы №1»."""
    if units[k].low in ("в", "во", "из") and k + 1 < len(units) and units[k + 1].kind == "org":
        return k + 2, last
    return _NEXT


def _with_experience(units: list[Unit], k: int, first: int, last: str):
    """«педагог с 30-летним стажем», «учитель со стажем»: the post goes on past its length of service."""
    if units[k].low not in ("с", "со"):
        return _NEXT
    for j in range(k + 1, min(k + 6, len(units))):
        if units[j].kind != "w" and units[j].text != "-":
            break
        if units[j].low.startswith("стаж"):
            return j + 1, last
    return _NEXT


def _place_after(units: list[Unit], k: int, first: int, last: str):
    """«учителя физкультуры … из Ставрополя», «заведующая детсадом в Каратайке», «р.п. Маслянино»."""
    n = len(units)
    low = units[k].low
    dot = 0
    while k + dot + 1 < n and units[k + dot].low in _SETTLEMENT_MARKS and units[k + dot + 1].text == ".":
        dot += 2  # «р.п.», «с.», «г.»
    marker = "г" if dot else low
    if (dot or low in ("города", "из", "в", "во", "на")) and k + dot + (0 if dot else 1) < n:
        at = k + dot + (0 if dot else 1)
        if units[at].kind == "w" and units[at].text[:1].isupper() and _toponym(units[at].text, marker):
            return at + 1, last
    return _NEXT


def _toponym(word: str, before: str) -> bool:
    """A place's name after «г.», «из», «в»: a capitalised noun in the case the word before demands, never a
    person's name."""
    ps = parse(word.lower())
    if any(("Name" in p.tag or "Surn" in p.tag or "Patr" in p.tag) and p.score > 0.2 for p in ps):
        return False
    want = {"из": {"gent"}, "города": {"nomn", "gent"}, "г": {"nomn", "gent"}, "г.": {"nomn", "gent"}}.get(before, {"loct"})
    return any(p.tag.POS == "NOUN" and p.tag.case in want for p in ps) or not any(p.is_known for p in ps)


def _head_cases(units: list[Unit], phrase: PostPhrase) -> tuple[set[str], set[str]]:
    """(cases, numbers) the post's head may stand in; every case for an acting prefix or an abbreviation."""
    head = units[phrase.head]
    if phrase.acting or head.text.endswith("."):
        return {"nomn", "gent", "datv", "accs", "ablt", "loct"}, {"sing", "plur"}
    cases, numbers = set(), set()
    for p in parse(head.low):
        if p.tag.case and (p.tag.POS == "NOUN" or p.normal_form in ("заведующий", "ведущий", "управляющий")):
            cases.add({"gen2": "gent", "acc2": "accs", "loc2": "loct"}.get(p.tag.case, p.tag.case))
            numbers.add(str(p.tag.number))
    return cases or {"nomn", "gent", "datv", "accs", "ablt", "loct"}, numbers or {"sing"}


def _agrees(cases: set[str], person: PersonMention, appointed: bool = False) -> bool:
    """A post in apposition stands in its name's case; an unknown case agrees; «назначить директором Иванову»:
    an instrumental post names the one appointed, in the accusative."""
    case = person.case
    if not case:
        return True
    if case in cases or (case == "accs" and "gent" in cases) or (case == "gent" and "accs" in cases):
        return True
    return appointed and "ablt" in cases and case == "accs"


# ------------------------------------------------------------------ a post found: its text and organisation


@dataclass
class Link:
    post: str | None
    org: OrgMention | None
    generic_school: bool = False  # «директор школы»: the document's own school
    degree: bool = False
    implied: bool = False  # from a contest's title, not written: no school of the document's either


_GENERIC_SCHOOL = re.compile(r"(?i)(?<![а-яё])(?:школ\w*|гимнази\w*|лице[яюе]\w*|детск\w+\s+сад\w*|детсад\w*|"
                             r"(?:образовательн\w+\s+)?(?:учреждени|организаци)\w*|ДОУ|ОУ|ОО)$")


def _adjective_only(word: str) -> bool:
    ps = parse(word.lower())
    return bool(ps) and all(p.tag.POS in ("ADJF", "PRTF") for p in ps)


def _named(org: OrgMention) -> bool:
    """An organisation that ends the post's text: a school or a kindergarten, a legal form, a quoted name."""
    return org.kind in ("school", "kindergarten") or bool(org.legal) or "«" in org.name or "№" in org.name or \
        org.name.split()[0].isupper()  # «ИМЦ», «МКУ ЦРО»: an abbreviation names it


def _link(units: list[Unit], phrase: PostPhrase, sm: SentenceMentions) -> Link | None:
    inside = units[phrase.start:phrase.end]
    orgs = phrase.orgs(units)
    org_unit = orgs[0] if orgs else None
    end = phrase.end
    if org_unit is not None and _named(org_unit.ref):
        end = units.index(org_unit)
        while end > phrase.head + 1 and (units[end - 1].low in ("в", "во", "из", "г", "г.") or units[end - 1].text in _QUOTES
                                         or _adjective_only(units[end - 1].text)):
            end -= 1  # «хормейстер в …», «замглавы российского МИДа»: the preposition or adjective goes with it
    text = sm.sentence.text
    base = sm.sentence.start
    post_text = text[units[phrase.start].start - base: units[end - 1].end - base] if end > phrase.start else ""
    post = normalize_post(re.sub(r"\s+со?\s+[^,]{0,30}?стаж\w*$", "", post_text))  # the length of service is no post
    if not post or is_role(post):
        return None
    generic = org_unit is None and bool(_GENERIC_SCHOOL.search(post))
    return Link(post, org_unit.ref if org_unit else None, generic, is_degree(post) and len(inside) <= 5)


# ------------------------------------------------------------------ linking


_AFTER_OPEN = {",", "–", "—", "-", "(", "|", "\t"}
# participles of working for a body: «…, работающий в гимназии № 3», «…, представлявшим компанию Polydor»
_WORKS_FOR = re.compile(r"(?i)^(?:работающ|работавш|представляющ|представлявш|возглавляющ|возглавлявш|руководящ|"
                        r"руководивш|трудящ|трудивш)\w*$")
_HEADS_VERB = ("возглав", "руковод")
_PREDICATE = re.compile(r"(?i)^(?:руководит|руководил\w*|работа\w+|трудит\w*|трудил\w*|являе?тся|являлась|являлся|являлись|служит|служил\w*|"
                        r"назначен\w*|избран\w*|стал[аи]?|станет|станут|был[аи]?|будет|возглавля\w+)$")


def _phrases(units: list[Unit]) -> dict[int, PostPhrase]:
    """Every post phrase of the sentence by its first unit; a post noun inside another's dependents starts none."""
    out: dict[int, PostPhrase] = {}
    covered = -1
    for i, u in enumerate(units):
        if i < covered or u.kind != "w":
            continue
        phrase = post_phrase(units, i)
        if phrase is not None:
            out[i] = phrase
            covered = phrase.end
    return out


@dataclass
class _Reading:
    """One sentence as the linear rules left it: its units, post phrases, the phrases given away, the links."""

    sm: SentenceMentions
    units: list[Unit]
    phrases: dict[int, PostPhrase]
    claimed: set[int]
    links: dict[tuple[int, int], list[Link]]
    skipped: set[tuple[int, int]]  # signatures: their posts are the signature's


def sentence_links(sm: SentenceMentions, signatures: set) -> dict[tuple[int, int], list[Link]]:
    """The posts and organisations of each person mention of one sentence, by the mention's span (the linear
    rules only; :func:`link_posts` adds what the dependency parse gives)."""
    return _read(sm, signatures).links


@dataclass
class _Context:
    """What the linear rules share while reading one sentence."""

    sm: SentenceMentions
    units: list[Unit]
    phrases: dict[int, PostPhrase]
    by_end: dict[int, PostPhrase]
    claimed: set[int]  # phrases already given to a person
    shared: dict[int, Link]  # person unit → a plural post it shares with the names after it
    appointed: bool


def _read(sm: SentenceMentions, signatures: set) -> _Reading:
    units = units_of(sm)
    phrases = _phrases(units)
    by_end: dict[int, PostPhrase] = {}
    for phrase in phrases.values():
        by_end.setdefault(phrase.end, phrase)
    ctx = _Context(sm, units, phrases, by_end, set(), {}, bool(APPOINT.search(sm.sentence.text)))
    out: dict[tuple[int, int], list[Link]] = {}
    for idx in (i for i, u in enumerate(units) if u.kind == "person"):
        mention: PersonMention = units[idx].ref
        if (mention.start, mention.end) not in signatures:
            out[(mention.start, mention.end)] = _person_links(ctx, idx, mention)
    return _Reading(sm, units, phrases, ctx.claimed, out, {k for k in signatures})


def _person_links(ctx: _Context, idx: int, mention: PersonMention) -> list[Link]:
    """The posts and organisations the linear rules give one person unit."""
    units, sm = ctx.units, ctx.sm
    links = _post_before(ctx, idx, mention)
    if not links:
        links = _appointed_before(ctx, idx)
    _org_before_bracket(units, idx, links)
    listed = _plural_over_list(ctx, idx, mention) if not links else []
    # 3. posts and organisations after the name
    after = _after(units, idx, ctx.phrases, ctx.claimed, mention, sm)
    links.extend(_own_posts_over_listed(listed, after))
    # 4. a predicate: «…, которая работает учителем в школе № 5», «… одновременно является председателем …»
    links.extend(_predicate(units, idx, ctx.phrases, ctx.claimed, mention, sm))
    if any(not link.degree for link in links if link.post):
        links = [link for link in links if not link.degree]  # «заведующий кафедрой, профессор»: the post
    return _org_to_bare_posts(links)


def _org_to_bare_posts(links: list[Link]) -> list[Link]:
    """«заместители директоров по УВР Сомова И.П. (МБОУ СОШ № 1)»: an organisation named alone beside posts named
    without one is theirs (new links: a plural's link is shared by the names of its list)."""
    bodies = [link for link in links if link.org is not None and not link.post]
    bare = [link for link in links if link.post and link.org is None]
    if len(bodies) != 1 or not bare:
        return links
    org = bodies[0].org
    return [replace(link, org=org, generic_school=False) if link in bare else link for link in links
            if link is not bodies[0]]


_CLERGY_RANKS = {"протоиерей", "иерей", "священник", "архиепископ", "митрополит", "епископ", "игумен", "архимандрит",
                 "иеромонах", "протодиакон", "диакон"}


def _post_before(ctx: _Context, idx: int, mention: PersonMention) -> list[Link]:
    """1. The post right before the name (a dash between them too: «(учитель — Кедрова Н.Н.)»), and the posts
    stacked before it."""
    units, by_end, claimed, appointed = ctx.units, ctx.by_end, ctx.claimed, ctx.appointed
    links: list[Link] = []
    before = by_end.get(idx)
    bracketed = False
    if before is None and idx >= 1 and units[idx - 1].text in ("—", "–", "-", "(") and by_end.get(idx - 1):
        before, bracketed = by_end[idx - 1], units[idx - 1].text == "("
    if before is not None and before.start not in claimed and not bracketed and not _agrees(
            _head_cases(units, before)[0], mention, appointed):
        # «врачи президента Республики Игоря Сомова»: the post inside the phrase that agrees with the name
        inner = next((p for j in range(before.head + 1, idx) if units[j].kind == "w" and post_lemma(units[j].text)
                      for p in [post_phrase(units, j)] if p is not None and p.end == before.end
                      and _agrees(_head_cases(units, p)[0], mention, appointed)), None)
        if inner is not None:
            claimed.add(before.start)
            before = inner
    if before is not None and before.end - before.start == 1 and post_lemma(units[before.head].text) in _CLERGY_RANKS \
            and by_end.get(before.start) is not None and by_end[before.start].start not in claimed:
        claimed.add(before.start)  # «настоятель храма Святой Троицы протоиерей Андрей Ветлугин»: the post, not the rank
        before = by_end[before.start]
    if before is None or before.start in claimed:
        return links
    cases, numbers = _head_cases(units, before)
    if bracketed or _agrees(cases, mention, appointed):  # «начальника Управления … (Рябинина О.Б.)»
        link = _link(units, before, ctx.sm)
        claimed.add(before.start)
        if link is not None:
            links.append(link)
        # «методист «НМЦ», сопредседатель жюри Травкина»: posts stacked before it, a role among them too
        links.extend(_stacked(units, before, ctx.phrases, by_end, claimed, mention, ctx.sm, appointed))
        if link is not None:
            if "plur" in numbers and mention.case and not _agrees_singular(units[before.head].text, mention):
                ctx.shared[idx] = link
    return links


def _appointed_before(ctx: _Context, idx: int) -> list[Link]:
    """«Руководителем творческой группы назначить Ольхову Н.С.», «Новым руководителем агентства станет Юлия
    Заборская»: the post in the instrumental before the verb of appointing or becoming."""
    units = ctx.units
    if not (idx >= 2 and units[idx - 1].kind == "w" and (
            APPOINT.match(units[idx - 1].text) or _PREDICATE.match(units[idx - 1].text))):
        return []
    if units[idx - 1].low.startswith(_HEADS_VERB) and units[idx - 2].kind == "org":
        return [Link(None, units[idx - 2].ref)]  # «Школой № 5 руководит Анна Мелихова»
    phrase = ctx.by_end.get(idx - 1)
    if phrase is None or phrase.start in ctx.claimed or "ablt" not in _head_cases(units, phrase)[0]:
        return []
    link = _link(units, phrase, ctx.sm)
    ctx.claimed.add(phrase.start)
    return [link] if link is not None else []


def _org_before_bracket(units: list[Unit], idx: int, links: list[Link]) -> None:
    """«МБОУ «СОШ № 1» (учитель Сидорова А.А.)», «… (рук. Соколов А.А.)»: the organisation before the bracket."""
    opening = next((units[i - 1] for i in range(idx, max(idx - 8, 0), -1) if units[i - 1].text == "("), None)
    if links and opening is not None and links[0].org is None:
        at = units.index(opening)
        if at >= 1 and units[at - 1].kind == "org":
            links[0].org = units[at - 1].ref
            links[0].generic_school = False
            if links[0].post == "руководитель" and units[at + 1].low == "рук.":
                links[0].post = None  # a pupil's supervisor: he works there, his post is not said


def _own_posts_over_listed(listed: list[Link], after: list[Link]) -> list[Link]:
    """«педагогов МБОУ СОШ № 2: Зуеву А.П., учителя истории, …»: a name's own post after it says more than the
    plural over the list, whose organisation it keeps."""
    if not listed or not any(link.post for link in after):
        return listed + after
    for link in after:
        if link.post and link.org is None and listed[0].org is not None:
            link.org, link.generic_school = listed[0].org, False
    return after


def _list_item_before(units: list[Unit], idx: int) -> int | None:
    """The person unit of the list item before the name at ``idx``: across «,» or «и», and a bracket after it
    («Сомова И.П. (МБОУ СОШ № 1), Рябова Т.Т.»)."""
    k = idx - 1
    if k < 1 or units[k].text not in (",", "и"):
        return None
    k -= 1
    if units[k].text == ")":
        opening = next((j for j in range(k - 1, max(k - 8, -1), -1) if units[j].text == "("), None)
        if opening is None or any(u.kind == "person" for u in units[opening:k]):
            return None
        k = opening - 1
    return k if k >= 0 and units[k].kind == "person" else None


def _plural_before_colon(units: list[Unit], phrase: PostPhrase, numbers: set[str], mention: PersonMention) -> bool:
    """A post over the names after a colon is plural: only plural, or («учителя начальных классов: Ветрова А.А.»)
    a plural nominative before a name in the nominative."""
    if numbers == {"plur"}:
        return True
    return "plur" in numbers and mention.case in (None, "nomn") and any(
        p.tag.POS == "NOUN" and p.tag.number == "plur" and p.tag.case == "nomn" for p in parse(units[phrase.head].low))


def _plural_over_list(ctx: _Context, idx: int, mention: PersonMention) -> list[Link]:
    """2. One plural post over a list of names, after it or after a colon («педагогов с большим стажем: Татьяну
    Брусничкину, Валентину Овсянкину»)."""
    units, shared = ctx.units, ctx.shared
    before = _list_item_before(units, idx)
    if before is not None and before in shared:
        shared[idx] = shared[before]
        return [shared[before]]
    if idx >= 2 and units[idx - 1].text == ":" and ctx.by_end.get(idx - 1) is not None:
        phrase = ctx.by_end[idx - 1]
        cases, numbers = _head_cases(units, phrase)
        if phrase.start not in ctx.claimed and _plural_before_colon(units, phrase, numbers, mention) and \
                _agrees(cases, mention):
            link = _link(units, phrase, ctx.sm)
            ctx.claimed.add(phrase.start)
            if link is not None:
                shared[idx] = link
                return [link]
    return []


# ------------------------------------------------------------------ what the dependency parse adds


def _free_phrases(reading: _Reading) -> list[PostPhrase]:
    return [p for p in reading.phrases.values() if p.start not in reading.claimed
            and _link(reading.units, p, reading.sm) is not None]


def _needs_parse(reading: _Reading) -> bool:
    """A person with no post yet and a post phrase no one took: the sentences the parse is paid for."""
    return any(not links and key not in reading.skipped for key, links in reading.links.items()) and bool(
        _free_phrases(reading))


_WORDS = re.compile(r"[\w№]+(?:[-.][\w]+)*|[^\w\s]")


def _parse_words(reading: _Reading) -> tuple[list[str], list[int], dict[int, int]]:
    """(words for the parser, the unit of each word, the first word of each person unit): every person a
    placeholder full name in its case and gender."""
    words: list[str] = []
    unit_of: list[int] = []
    first: dict[int, int] = {}
    for i, u in enumerate(reading.units):
        if u.kind == "person":
            first[i] = len(words)
            pieces = list(placeholder(u.ref.case, u.ref.gender))
        elif u.kind in ("org", "q"):
            pieces = _WORDS.findall(u.text) or [u.text]
        else:
            pieces = [u.text]
        words.extend(pieces)
        unit_of.extend([i] * len(pieces))
    return words, unit_of, first


def _only_a_clause_between(units: list[Unit], start: int, end: int) -> bool:
    """Between a post and a name: a comma-bounded participle's or relative clause, no finite verb, no person."""
    between = units[start:end]
    if not between or between[0].text != "," or between[-1].text != ",":
        return False
    for u in between:
        if u.kind == "person":
            return False
        if u.kind == "w" and any(p.tag.POS == "VERB" and p.score > 0.4 for p in parse_word(u.low)):
            return False
    return True


def _apply_parse(reading: _Reading, arcs: list[Arc], unit_of: list[int], first: dict[int, int]) -> None:
    """A person the linear rules left without a post takes the free post phrase the parse ties it to: the name in
    apposition to the phrase's head or inside it («пресс-секретарь «Спутника», работающего с 22 мая, Дмитрий
    Ветлугин»), or the phrase in apposition to the name; with the posts coordinated to that head («преподаватель
    … и руководитель … Наталья Черёмухина»)."""
    units = reading.units
    free = {p.start: p for p in _free_phrases(reading)}
    if not free:
        return
    head_word = {}  # the first word of each free phrase's head unit
    for start, p in free.items():
        head_word[start] = unit_of.index(p.head)
    for unit_index, word in first.items():
        mention: PersonMention = units[unit_index].ref
        key = (mention.start, mention.end)
        if reading.links.get(key) or key in reading.skipped or word >= len(arcs):
            continue
        arc = arcs[word]
        found = None
        if arc.rel == "appos" and arc.head >= 0:  # the name in apposition to the post's head or inside it
            at = unit_of[arc.head]
            found = next((p for p in free.values() if p.start <= at < p.end), None)
        if found is None:  # the phrase in apposition to the name
            found = next((p for s, p in free.items() if arcs[head_word[s]].head == word
                          and arcs[head_word[s]].rel == "appos"), None)
        if found is None and arc.rel.startswith("nsubj") and arc.head >= 0:
            # two subjects of one verb, the post first, only a participle's clause between them («пресс-секретарь
            # «Спутника», работающего с 22 мая, Дмитрий Ветлугин сообщил»)
            found = next((p for s, p in free.items() if arcs[head_word[s]].head == arc.head
                          and arcs[head_word[s]].rel.startswith("nsubj") and p.end <= unit_index
                          and _only_a_clause_between(units, p.end, unit_index)), None)
        if found is None or abs(unit_index - found.end) > 10:
            continue  # the parse's long arcs are its errors
        cases, _numbers = _head_cases(units, found)
        if not _agrees(cases, mention) and not (mention.case and "nomn" in cases and found.start > unit_index):
            continue
        chosen = [found]
        for s, p in free.items():  # «преподаватель … и руководитель …»: the head's conjuncts
            if p is not found and arcs[head_word[s]].rel == "conj" and arcs[head_word[found.start]].head == head_word[s]:
                chosen.append(p)
        links = []
        for p in chosen:
            link = _link(units, p, reading.sm)
            reading.claimed.add(p.start)
            free.pop(p.start, None)
            if link is not None:
                links.append(link)
        reading.links[key] = links


def _agrees_singular(word: str, mention: PersonMention) -> bool:
    """The post's head has a singular reading in the name's case (accusative and genitive alike for people)."""
    cases = {mention.case} | ({"gent", "accs"} if mention.case in ("gent", "accs") else set())
    readings = [p for p in parse(word.lower()) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    return not readings or any(p.tag.number == "sing" and p.tag.case in cases for p in readings)


def _stacked(units, phrase: PostPhrase, phrases, by_end, claimed, mention, sm, appointed) -> list[Link]:
    """Posts written before the post of a name and joined to it by a comma, a dash or «и», with no name between:
    «методист «НМЦ», сопредседатель жюри Травкина Н.В.», «заместитель главы — начальник управления Осокина»."""
    out = []
    start = phrase.start
    while start >= 2 and units[start - 1].text in (",", "—", "–", "и"):
        prev = by_end.get(start - 1)
        if prev is None or prev.start in claimed:
            break
        cases, _numbers = _head_cases(units, prev)
        if not _agrees(cases, mention, appointed):
            break
        link = _link(units, prev, sm)
        claimed.add(prev.start)
        if link is not None:
            out.append(link)
        start = prev.start
    return out


def _after(units, idx, phrases, claimed, mention, sm) -> list[Link]:
    out: list[Link] = []
    n = len(units)
    k = idx + 1
    bracket = False
    while k < n:
        u = units[k]
        opened = u.text in _AFTER_OPEN or u.text.isspace() or (u.low == "и" and k > idx + 1)
        bracket = bracket if k > idx + 1 else u.text == "("  # «Ракитин (глава Alfa Trade …)»: nominative inside
        j = k + 1 if opened else k
        if not opened and k != idx + 1:
            break
        if j >= n:
            break
        phrase = phrases.get(j)
        if phrase is not None and phrase.start not in claimed:
            if phrase.end < n and units[phrase.end].kind == "person" or (
                    phrase.end + 1 < n and units[phrase.end].text in ("—", "–", "-", ":")
                    and units[phrase.end + 1].kind == "person"):
                break  # «Post₁ Name₁, Post₂ Name₂», «Председатель – Вишнякова Н.Ю. Секретарь – Тополева Н.Г.»: the next name's
            cases, numbers = _head_cases(units, phrase)
            if not opened and not (mention.case and mention.case in cases):
                break  # no comma: only a post in the name's own case («Ирина Сомова педагог-психолог …»)
            if bracket and "nomn" in cases and "sing" in numbers:
                pass
            elif not _agrees(cases, mention) or (numbers == {"plur"} or (
                    mention.case and not _agrees_singular(units[phrase.head].text, mention)
                    and not phrase.acting and not units[phrase.head].text.endswith("."))):
                break  # «Светлана Грушина, директора школ, …»: a plural after a name is a list of others
            link = _link(units, phrase, sm)
            claimed.add(phrase.start)
            if link is not None:
                if link.org is None and phrase.end + 1 < n and units[phrase.end].text == "," and \
                        units[phrase.end + 1].kind == "org" and _ends_segment(units, phrase.end + 2):
                    link.org = units[phrase.end + 1].ref  # «Иванова, учитель, МБОУ СОШ № 2,»
                out.append(link)
            k = phrase.end
            continue
        if opened and units[j].kind == "org" and _ends_segment(units, j + 1) and u.text in (",", "(", "|", "\t", "—", "–"):
            out.append(Link(None, units[j].ref))  # «Калинкина Л.К., МАОУ «Колесовская СОШ»,», «Name (ИМЦ)»
            k = j + 1
            continue
        if not opened and u.low == "из" and j + 1 < n and units[j + 1].kind == "org":
            out.append(Link(None, units[j + 1].ref))  # «Алексей Клёнов из Гатчинской школы N2»
        if units[j].kind == "w" and _WORKS_FOR.match(units[j].text):
            at = j + 1 + (1 if j + 1 < n and units[j + 1].low in ("в", "во", "на") else 0)
            at += 1 if at < n and units[at].kind == "w" and units[at].text[:1].islower() and at + 1 < n and \
                units[at + 1].kind == "org" else 0  # «представлявшим звукозаписывающую компанию Polydor»
            if at < n and units[at].kind == "org" and not any(link.org for link in out):
                out.append(Link(None, units[at].ref))  # «Петров, работающий в гимназии № 3»
        break
    if not out and idx + 2 < n and units[idx + 1].text == "," and units[idx + 2].kind == "person":
        # «Липова А.А., Вязова А.Д., МАОУ «СОШ № 57»»: names listed before one organisation share it
        j = idx + 2
        while j + 2 < n and units[j].kind == "person" and units[j + 1].text == ",":
            j += 2
        if j < n and units[j].kind == "org" and _ends_segment(units, j + 1) and units[j - 1].text == ",":
            out.append(Link(None, units[j].ref))
    return out


def _ends_segment(units: list[Unit], k: int) -> bool:
    return k >= len(units) or units[k].text in (",", ";", ".", ")", "|", "\t", ":") or units[k].kind == "person"


def _predicate(units, idx, phrases, claimed, mention, sm) -> list[Link]:
    """«Иванова, которая работает учителем в школе № 5», «Петров назначен директором лицея», «Стрельцов, который
    в 1990-е годы являлся депутатом …», «Дубровин одновременно является председателем …»."""
    n = len(units)
    k = idx + 1
    if k < n and units[k].text == ",":
        k += 1
    relative = k < n and units[k].low.startswith("котор")
    if relative:
        k += 1
    limit = k + (8 if relative else 4)  # «который в то время был …», «одновременно является …», «более 20 лет работает»
    while k < min(n, limit) and not (units[k].kind == "w" and _PREDICATE.match(units[k].text)):
        if units[k].kind in ("person", "org") or units[k].text in (",", ";", ".", "—", "(") or (
                units[k].kind == "w" and len(units[k].text) > 1 and any(p.tag.POS in ("VERB", "INFN") and p.score > 0.5
                                                                       for p in parse(units[k].low))):
            return []
        k += 1
    if k < n and units[k].kind == "w" and _PREDICATE.match(units[k].text):
        phrase = phrases.get(k + 1)
        if phrase is not None and phrase.start not in claimed:
            cases, _ = _head_cases(units, phrase)
            if "ablt" in cases or units[k].low.startswith("возглав"):
                out = []
                while phrase is not None and phrase.start not in claimed:
                    link = _link(units, phrase, sm)
                    claimed.add(phrase.start)
                    if link is not None:
                        if link.org is None and phrase.end + 1 < n and units[phrase.end].low in ("в", "во") and \
                                units[phrase.end + 1].kind == "org":
                            link.org = units[phrase.end + 1].ref
                        out.append(link)
                    # «является главой правления ОАО «ТНК» и президентом ЗАО «Ренова»»: a second post in the case
                    nxt = phrases.get(phrase.end + 1) if phrase.end < n and units[phrase.end].low == "и" else None
                    phrase = nxt if nxt is not None and "ablt" in _head_cases(units, nxt)[0] else None
                return out
        if units[k].low.startswith("работа") and k + 2 < n and units[k + 1].low in ("в", "во") and \
                units[k + 2].kind == "org":
            return [Link(None, units[k + 2].ref)]  # «работает в гимназии № 3»
        if units[k].low.startswith(_HEADS_VERB) and k + 1 < n and units[k + 1].kind == "org":
            return [Link(None, units[k + 1].ref)]  # «возглавляет школу № 5», «руководит детским садом № 2»
    return []


def main_school_of(events: list, orgs: list[OrgEntity]) -> OrgEntity | None:
    """The school or kindergarten a document is about: the host of its first event, else its only one."""
    if events and events[0][1] is not None and events[0][1].kind in ("school", "kindergarten"):
        return events[0][1]
    schools = [o for o in orgs if o.kind in ("school", "kindergarten")]
    return schools[0] if len(schools) == 1 else None


_SCHOOL_POST = re.compile(r"\s*(?:\w+\s+)?(директор|заместител\w* директора|зам\.? директора|учител|педагог|воспитател|"
                          r"библиотекар|завуч|музыкальн\w+ руководител|логопед|психолог|дефектолог|тьютор|вожат|"
                          r"инструктор по физическ)", re.IGNORECASE)


# a contest named after a post («Учитель года», «Воспитатель года России-2024», «Педагог-психолог России»): its
# winners, laureates and finalists who are given no post hold that post
_CONTEST_TITLE = re.compile(r"«\s*([А-ЯЁ][а-яё]+(?:-[а-яё]+)?)\s+(?:года|России)(?=[\s»\-–—\d])")
_CONTEST_ROLE = re.compile(r"(?i)(?<![а-яё])(?:победител|лауреат|финалист|призёр|призер|участни[кц])\w*")


def _implied_post(reading: _Reading) -> str | None:
    text = reading.sm.sentence.text
    if not _CONTEST_ROLE.search(text):
        return None
    for m in _CONTEST_TITLE.finditer(text):
        lemma = post_lemma(m.group(1))
        if lemma is not None and "post" in lexicon().get(lemma, ()) and parse(m.group(1).lower())[0].tag.case == "nomn":
            return m.group(1).lower()
    return None


def link_posts(all_mentions: list[SentenceMentions], org_of: dict, person_of: dict,
               main_school: OrgEntity | None, issuer: OrgEntity | None, signatures: set) -> None:
    readings = [_read(sm, signatures) for sm in all_mentions if sm.people]
    for reading in readings:  # «Ясенева – абсолютный победитель … «Учитель-дефектолог России – 2024»»
        implied = _implied_post(reading) if sum(1 for v in reading.links.values() if not v) == 1 else None
        if implied is not None:
            for key, links in reading.links.items():
                if not links and key not in reading.skipped:
                    links.append(Link(implied, None, implied=True))
    pending = [r for r in readings if _needs_parse(r)]
    if pending:  # one batch through the parser, only for the sentences the linear rules could not settle
        prepared = [_parse_words(r) for r in pending]
        for reading, (_words, unit_of, first), arcs in zip(pending, prepared, syntax.parse([p[0] for p in prepared]),
                                                            strict=True):
            _apply_parse(reading, arcs, unit_of, first)
    topic = _topic_company(org_of)
    for reading in readings:
        sm, found = reading.sm, reading.links
        for mention in sm.people:
            if (mention.start, mention.end) in signatures:
                continue  # its post is the signature's
            entity = person_of[(mention.start, mention.end)]
            links = found.get((mention.start, mention.end), [])
            heads = _heads_in_parentheses(sm, mention, org_of) if not links else None
            if heads is not None:
                entity.posts.append(heads)
                continue
            if not links:
                entity.posts.append((None, None, sm.sentence.span))
                continue
            for link in links:
                target = org_of.get((link.org.start, link.org.end)) if link.org else None
                if target is None and link.post:
                    target = _anaphoric_org(link.post, sm, all_mentions, org_of)
                if target is None and link.post and topic is not None and _COMPANY_POST.match(link.post):
                    target = topic  # «главный редактор Алексей Камышов» in an item about one radio station
                if target is None and link.post and not link.implied and (link.generic_school or
                                                                          _SCHOOL_POST.match(link.post)):
                    target = main_school
                entity.posts.append((link.post, target, sm.sentence.span))
    # a post of the issuing authority written without its organisation
    if issuer is not None and issuer.kind == "authority":
        for entity in set(person_of.values()):
            entity.posts = [(p, o if o is not None or not p or not re.match(
                r"(заместитель (начальника|председателя|руководителя)|начальник отдела|председатель|"
                r"главный специалист|ведущий специалист|специалист|инспектор|консультант)", p) else issuer, s)
                for p, o, s in entity.posts]


# «представитель компании», «глава ведомства», «пресс-секретарь холдинга»: a body named before by its kind
_ANAPHORA = {
    "компании": ("other",), "холдинга": ("other",), "корпорации": ("other",), "концерна": ("other",),
    "банка": ("other",), "фонда": ("other",), "агентства": ("other", "authority"), "издания": ("other",),
    "газеты": ("other",), "редакции": ("other",), "телеканала": ("other",), "радиостанции": ("other",),
    "сети": ("other",), "соцсети": ("other",), "партии": ("other",), "движения": ("other",),
    "ведомства": ("authority",), "министерства": ("authority",), "организации": ("other", "authority"),
    "учреждения": ("school", "kindergarten", "other"), "предприятия": ("other",), "завода": ("other",),
    "информагентства": ("other",), "телекомпании": ("other",), "медиахолдинга": ("other",),
    "госкорпорации": ("other",), "группы": ("other",), "клуба": ("other",), "театра": ("other",),
}


# posts that only a company, a paper or a channel has: written alone, they are the item's company's
_COMPANY_POST = re.compile(r"(?i)^(?:(?:бывш|нын|действующ|нов|перв)\w+\s+)?(?:главн\w+\s+редактор|главред|шеф-редактор|"
                           r"ген(?:еральн\w+\s+)?директор|исполнительн\w+\s+директор|совладел|владел|сооснователь|"
                           r"основатель|вице-президент|пресс-секретарь\s+компании|председател\w+\s+правления)\w*$")


def _topic_company(org_of: dict):
    """The company an item is about: the organisation of kind «other» named most often, at least three times and
    more often than any other."""
    counts: dict[int, tuple[int, object]] = {}
    for entity in org_of.values():
        n, _ = counts.get(id(entity), (0, entity))
        counts[id(entity)] = (n + 1, entity)
    ranked = sorted(counts.values(), key=lambda c: -c[0])
    if not ranked or ranked[0][0] < 3 or ranked[0][1].kind != "other" or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


def _anaphoric_org(post: str, sm: SentenceMentions, all_mentions: list[SentenceMentions], org_of: dict):
    """The body a post names by its kind alone («представитель компании») is the last one of that kind the
    document named before it with that kind word, in this sentence or the twelve before."""
    last = post.split()[-1].lower() if post.split() else ""
    kinds = _ANAPHORA.get(last)
    if kinds is None or len(post.split()) < 2:
        return None
    index = next((i for i, s in enumerate(all_mentions) if s is sm), 0)
    stem = last[:5]
    for s in reversed(all_mentions[max(0, index - 12): index + 1]):
        for org in reversed(s.orgs):
            entity = org_of.get((org.start, org.end))
            if entity is None or entity.kind not in kinds or (s is sm and org.end > sm.sentence.end):
                continue
            # the body was named with its kind («компании «Ренова»», «фонда «Династия»»), not merely cited
            before = s.sentence.text[max(0, org.start - s.sentence.start - 25): org.start - s.sentence.start].lower()
            if stem in before or stem[:4] in org.name.lower() or entity.kind == "authority":
                return entity  # a ministry or a department is never a cited source
    return None


def _heads_in_parentheses(sm: SentenceMentions, mention: PersonMention, org_of: dict):
    """«МБОУ СОШ № 5 (Иванова И.И.)»: the name in parentheses after a school is its head;
    «(рук. Соколов А.А.)» names a pupil's supervisor, who works there; «Отделу … (Ивина М.В.)»: its staff."""
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
        post = {"school": "директор", "kindergarten": "заведующий"}.get(org.kind)
    return (post, org_of.get((org.start, org.end)), sm.sentence.span)


@dataclass
class _Seen:
    keys: set = field(default_factory=set)


def person_facts(person: PersonEntity, main_school: OrgEntity | None) -> list[PersonFact]:
    name = person.name
    # other written forms; for names only Natasha found or written without a patronymic, the surface too (our
    # normalisation of a foreign name may be off, the text's own form is never wrong)
    aliases = unique_names([m.name for m in person.mentions if m.name != name]
                           + [m.surface for m in person.mentions if m.kind in ("ner", "pair") and m.surface != name])
    facts: list[PersonFact] = []
    seen: set[tuple] = set()
    posts = [p for p in person.posts if p[0] or p[1]]
    for post, org, span in posts:
        key = (post, org.name if org else None)
        if key in seen:
            continue
        seen.add(key)
        facts.append(PersonFact(name, post or None, org.name if org else None, aliases, span))
    # the same post with and without its organisation: keep the one with; an organisation alone beside a post
    # of it is that post's
    facts = [f for f in facts if f.org or not any(g.org and g.post == f.post for g in facts)]
    facts = [f for f in facts if f.post or not any(g.post and g.org == f.org for g in facts)]
    # «президент» beside «президент России», «директор» beside «директор школы»: the fuller post says it all
    facts = [f for f in facts if not (f.post and any(
        g is not f and g.post and set(f.post.lower().split()) < set(g.post.lower().split()) and g.post.lower().startswith(
            f.post.lower().split()[0]) and (f.org is None or f.org == g.org) for g in facts))]
    if not facts:  # a person named with no post: no organisation either, the document's school is not theirs
        span = person.posts[0][2] if person.posts else None
        facts.append(PersonFact(name, None, None, aliases, span))
    best = person.best  # the name's parts as the mention read them, never parsed again
    for fact in facts:
        fact.family, fact.given, fact.patronymic = best.surname, best.given, best.patronymic
        fact.initials = "".join(i + "." for i in best.initials)
    return facts
