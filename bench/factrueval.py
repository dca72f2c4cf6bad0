"""factRuEval-2016 for the extraction benchmark: read the annotation, define one metric, score any system.

The corpus (``../shared/corpus/factRuEval-2016``) is news and blog text annotated in layers: ``.spans``
(typed character spans), ``.objects`` (mentions made of spans), ``.coref`` (mentions grouped into objects,
with normalised names) and ``.facts`` (relations such as Occupation: Who–Where–Job).

The metric (identical for every system scored here)
----------------------------------------------------
*Object-level per document, on normalised name text.*  edugraph's facts carry names and the span of the
sentence that states them, not the character span of each mention, so factRuEval's own span matching
cannot be used; names are compared instead:

- a name becomes its set of **word keys**: lower case, ``ё``→``е``, words of letters/digits, each without
  its case ending (the longest of a fixed list that leaves two letters) and cut to five characters,
  which absorbs inflection (``Вертинского`` ~ ``Вертинский``, ``Саши`` ~ ``Саша``, ``центра`` ~ ``центр``);
- two names **match** when every key of the smaller set has a counterpart in the larger — the same key,
  or one a prefix of the other of at least four letters («Сергей» серг ~ «Сергея» серге) — and the
  smaller holds at least half as many keys as the larger (``Медведев`` ~ ``Дмитрий Медведев``; ``компания`` does not match
  ``ОАО Тюменская нефтяная компания``);
- a **gold object** is a ``.coref`` object of one type with all its mentions (mention text = the text of
  its spans, in order, words between discontinuous spans left out); **types**: Person → PER, Org → ORG,
  Location and LocOrg → LOC (LocOrg are countries and cities acting as states: «России», «СССР»);
- a **prediction** is one distinct entity per document and type (several mentions of the same name count
  once; an entity may carry aliases); it is correct when it matches any mention of any gold object of its
  type, wrong otherwise; a gold object is found when any prediction matches it;
- precision = found / (found + wrong predictions), recall = found / gold objects, summed over documents
  (micro), F1 their harmonic mean.  Correct predictions count as the objects they find, so two names of
  one object («Россия», «РФ») count once whether a system lists them apart or merged.

Occupation (who–where–post) against ``.facts``: a predicted (person, post, org) — a person entry with a
post or an organisation — matches a gold Occupation when the surname keys agree (the gold ``lastname``, or
the first word of its Who name), the organisation — or the post when no organisation is given, as in
«глава МИД РФ» — shares a distinctive word key with the gold Where (any of its names and mentions; not
required when the fact has no Where), and the post shares a word key with the gold Job (not required when
the fact has no Job); keys agree as in names_match; one-to-one, each gold fact taking the first unused match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("PER", "ORG", "LOC")
_GOLD_TYPE = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
# Case and number endings cut off before stemming ("ов"/"ев" stay: they end surnames, Иванов ~ Иванова).
_ENDINGS = sorted("""ами ями ого его ому ему ыми ими ой ей ий ый ая яя ое ее ую юю ом ем ам ям ах ях ым им
    а я о е у ю ы и ь й""".split(), key=len, reverse=True)
# Words that say what kind of organisation, not which one: too many names share them to identify one.
_GENERIC_ORG_WORDS = """оао зао ооо пао ао нко фгуп гуп муп компания корпорация группа холдинг общество
    государственный федеральный российский национальный международный главный управление департамент
    министерство комитет отдел служба центр фонд банк институт университет школа колледж совет правительство
    администрация муниципальный городской областной районный республиканский учреждение образование по при и
    на в""".split()

@dataclass(frozen=True)
class GoldObject:
    """One annotated object: its type (PER/ORG/LOC) and every way the text names it."""

    type: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class GoldOccupation:
    surname: str
    who: str
    where: tuple[str, ...]  # the organisation's names and mentions; empty when the fact has no Where
    job: str  # empty when the fact has no Job


@dataclass
class FactRuDocument:
    name: str
    text: str
    objects: list[GoldObject] = field(default_factory=list)
    occupations: list[GoldOccupation] = field(default_factory=list)


@dataclass
class Prediction:
    """What one system found in one document: entities by type (each a tuple of its surface forms)
    and occupations as (person, post, org) triples."""

    entities: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    occupations: list[tuple[str, str | None, str | None]] = field(default_factory=list)


@dataclass
class Counts:
    """matched: gold objects (or facts) found; predicted: what the system put forward; gold: what it should."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ------------------------------------------------------------------ names


def word_keys(text: str | None) -> frozenset[str]:
    """The metric's normal form of a name: the set of its word stems."""
    words = re.findall(r"\w+", (text or "").lower().replace("ё", "е"))
    return frozenset(_stem(w) for w in words)


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            word = word[: -len(ending)]
            break
    return word[:5]


_GENERIC_ORG_KEYS = frozenset(_stem(w) for w in _GENERIC_ORG_WORDS)


def names_match(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return 2 * len(small) >= len(large) and all(any(_same_word(x, y) for y in large) for x in small)


def _same_word(x: str, y: str) -> bool:
    """Equal keys, or one a prefix of the other of at least four letters: an ending the list does not
    know («Сергей» → серг, «Сергея» → серге)."""
    return x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))


def distinctive_org_keys(text: str | None) -> frozenset[str]:
    """Keys that identify the organisation; a name made only of generic words («Правительство») is its own."""
    keys = word_keys(text)
    return frozenset(k for k in keys if k not in _GENERIC_ORG_KEYS and not k.isdigit()) or keys


# ------------------------------------------------------------------ reading the corpus


def load_corpus(folder: Path, limit: int | None = None) -> list[FactRuDocument]:
    """Every annotated ``book_*.txt`` of a factRuEval folder (sorted by name), first ``limit`` only if set."""
    texts = sorted(folder.glob("book_*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    docs = []
    for path in texts[:limit] if limit else texts:
        if path.with_suffix(".objects").exists():
            docs.append(load_document(path))
    return docs


def load_document(txt_path: Path) -> FactRuDocument:
    text = txt_path.read_text(encoding="utf-8")
    spans = _read_spans(txt_path.with_suffix(".spans"))
    mentions = _read_mentions(txt_path.with_suffix(".objects"), spans, text)
    coref = _read_coref(txt_path.with_suffix(".coref"))
    objects = _group_objects(mentions, coref)
    occupations = _read_occupations(txt_path.with_suffix(".facts"), spans, text, mentions, coref)
    return FactRuDocument(txt_path.stem, text, objects, occupations)


def _lines_before_comment(path: Path) -> Iterable[list[str]]:
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            yield fields


def _read_spans(path: Path) -> dict[str, tuple[int, int]]:
    return {f[0]: (int(f[2]), int(f[2]) + int(f[3])) for f in _lines_before_comment(path)}


def _read_mentions(path: Path, spans: dict[str, tuple[int, int]], text: str) -> dict[str, tuple[str, str]]:
    """Mention id → (gold type or '', mention text from its first span's start to its last span's end)."""
    mentions = {}
    for mention_id, kind, *span_ids in _lines_before_comment(path):
        extents = [spans[s] for s in span_ids if s in spans]
        if extents:
            mentions[mention_id] = (_GOLD_TYPE.get(kind, ""), _mention_text(extents, text))
    return mentions


def _mention_text(extents: list[tuple[int, int]], text: str) -> str:
    """The text of a mention's spans in order: overlapping spans merged, a gap of mere spaces or quotes
    kept, other words between two spans left out («Тульской, …, Псковской областях» → «Тульской областях»)."""
    pieces: list[list[int]] = []
    for start, end in sorted(extents):
        if pieces and not re.search(r"\w", text[pieces[-1][1]:start]):
            pieces[-1][1] = max(pieces[-1][1], end)
        else:
            pieces.append([start, end])
    return " ".join(text[start:end] for start, end in pieces)


@dataclass
class _CorefObject:
    mention_ids: list[str]
    attributes: dict[str, list[str]]


def _read_coref(path: Path) -> dict[str, _CorefObject]:
    objects: dict[str, _CorefObject] = {}
    if not path.exists():
        return objects
    for record in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = [line.split() for line in record.strip().splitlines() if line.strip()]
        if not lines:
            continue
        attributes: dict[str, list[str]] = {}
        for key, *value in lines[1:]:
            attributes.setdefault(key, []).append(" ".join(value))
        objects[lines[0][0]] = _CorefObject(lines[0][1:], attributes)
    return objects


def _group_objects(mentions: dict[str, tuple[str, str]], coref: dict[str, _CorefObject]) -> list[GoldObject]:
    """Mentions grouped by their coreference object and type; a mention outside every object stands alone."""
    groups: dict[tuple[str, str], list[str]] = {}
    grouped = set()
    for object_id, obj in coref.items():
        for mention_id in obj.mention_ids:
            if mention_id in mentions and mentions[mention_id][0]:
                kind, text = mentions[mention_id]
                groups.setdefault((object_id, kind), []).append(text)
                grouped.add(mention_id)
    for mention_id, (kind, text) in mentions.items():
        if kind and mention_id not in grouped:
            groups[(f"m{mention_id}", kind)] = [text]
    return [GoldObject(kind, tuple(texts)) for (_, kind), texts in groups.items()]


def _read_occupations(path: Path, spans: dict[str, tuple[int, int]], text: str,
                      mentions: dict[str, tuple[str, str]], coref: dict[str, _CorefObject]) -> list[GoldOccupation]:
    if not path.exists():
        return []
    occupations = []
    for record in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = [line.strip() for line in record.strip().splitlines() if line.strip()]
        if not lines or not lines[0].endswith(" Occupation"):
            continue
        roles: dict[str, tuple[str, str]] = {}
        for line in lines[1:]:
            role, ref, *value = line.split(maxsplit=2) + [""]
            roles.setdefault(role, (ref, value[0].strip()))
        if "Who" not in roles:
            continue
        who_ref, who_name = roles["Who"]
        who = coref.get(who_ref.removeprefix("obj"))
        surnames = (who.attributes.get("lastname") if who else None) or who_name.split()[:1]
        where = ()
        if "Where" in roles:
            where_ref, where_names = roles["Where"]
            where_obj = coref.get(where_ref.removeprefix("obj"))
            names = [n.strip() for n in where_names.split("|") if n.strip()]
            if where_obj:
                names += [mentions[m][1] for m in where_obj.mention_ids if m in mentions]
            where = tuple(names)
        job = ""
        if "Job" in roles:
            job_ref, job_text = roles["Job"]
            extent = spans.get(job_ref.removeprefix("span"))
            job = text[extent[0]:extent[1]] if extent else job_text
        occupations.append(GoldOccupation(surnames[0] if surnames else "", who_name, where, job))
    return occupations


# ------------------------------------------------------------------ scoring


def score_entities(predicted: Sequence[tuple[str, ...]], gold: Sequence[GoldObject]) -> Counts:
    """Counts for one document and one type (predictions already of that type)."""
    _, wrong, missed = entity_details(predicted, gold)
    found = len(gold) - len(missed)
    # Correct predictions count as the gold objects they find: naming one place twice («Россия», «РФ»)
    # is neither rewarded (two hits) nor, once merged into one entity, punished.
    return Counts(found, found + len(wrong), len(gold))


def entity_details(predicted: Sequence[tuple[str, ...]], gold: Sequence[GoldObject]
                   ) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[GoldObject]]:
    """(correct predictions, wrong predictions, gold objects no prediction found) for one document and type."""
    gold_keys = [[word_keys(m) for m in obj.mentions] for obj in gold]
    correct, wrong, found = [], [], set()
    for forms in _distinct(predicted):
        keys = [word_keys(f) for f in forms]
        hits = {i for i, mentions in enumerate(gold_keys) if any(names_match(k, m) for k in keys for m in mentions)}
        (correct if hits else wrong).append(forms)
        found |= hits
    return correct, wrong, [obj for i, obj in enumerate(gold) if i not in found]


def _distinct(predicted: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """One prediction per distinct name (by word keys): mentions repeated in a text count once."""
    seen: set[frozenset[str]] = set()
    out = []
    for forms in predicted:
        forms = tuple(f for f in forms if f and word_keys(f))
        if forms and word_keys(forms[0]) not in seen:
            seen.add(word_keys(forms[0]))
            out.append(forms)
    return out


def occupation_matches(person: str, post: str | None, org: str | None, gold: GoldOccupation) -> bool:
    person_words = re.findall(r"\w+", person or "")
    if not person_words or not gold.surname or not _share_word(word_keys(person_words[0]), word_keys(gold.surname)):
        return False
    if gold.where:
        where_keys = distinctive_org_keys(org or post)  # «глава МИД РФ»: the post names the organisation
        if not any(_share_word(where_keys, distinctive_org_keys(name)) for name in gold.where):
            return False
    return not gold.job or _share_word(word_keys(post), word_keys(gold.job))


def _share_word(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(_same_word(x, y) for x in a for y in b)


def score_occupations(predicted: Sequence[tuple[str, str | None, str | None]],
                      gold: Sequence[GoldOccupation]) -> Counts:
    """One-to-one: each gold fact takes the first unused prediction that matches it."""
    items = list(dict.fromkeys(p for p in predicted if p[0] and (p[1] or p[2])))
    used = set()
    for fact in gold:
        for i, (person, post, org) in enumerate(items):
            if i not in used and occupation_matches(person, post, org, fact):
                used.add(i)
                break
    return Counts(len(used), len(items), len(gold))


def score_document(prediction: Prediction, document: FactRuDocument) -> dict[str, Counts]:
    """Counts per type and for Occupation, for one document."""
    counts = {
        kind: score_entities(prediction.entities.get(kind, []), [o for o in document.objects if o.type == kind])
        for kind in TYPES
    }
    counts["Occupation"] = score_occupations(prediction.occupations, document.occupations)
    return counts


def score_corpus(predictions: dict[str, Prediction], documents: Sequence[FactRuDocument]) -> dict[str, Counts]:
    """Micro-summed counts over the documents (a document without a prediction counts as found nothing)."""
    total = {kind: Counts() for kind in (*TYPES, "Occupation")}
    for document in documents:
        for kind, counts in score_document(predictions.get(document.name, Prediction()), document).items():
            total[kind].add(counts)
    return total


# ------------------------------------------------------------------ turning each system's output into predictions


def prediction_from_facts(facts) -> Prediction:
    """The project's facts (ingest.facts.DocumentFacts): people → PER, organisations → ORG, the document's
    place, districts, regions and other places → LOC; person entries with a post or org → occupations."""
    people: dict[str, list[str]] = {}
    for person in facts.people:
        people.setdefault(person.name, []).extend(person.aliases)
    places = [(p,) for p in [facts.document.place] + [d.name for d in facts.districts]
              + [d.region for d in facts.districts] if p]
    places += [(p.name, *p.aliases) for p in facts.places]  # the text's own form beside the nominative
    return Prediction(
        entities={
            "PER": [(name, *aliases) for name, aliases in people.items()],
            "ORG": [(o.name, *o.aliases) for o in facts.organisations],
            "LOC": [p for p in places if p[0]],
        },
        occupations=[(p.name, p.post, p.org) for p in facts.people if p.post or p.org],
    )


def prediction_from_natasha_spans(spans: Iterable) -> Prediction:
    """Bare Natasha NER spans (``type`` PER/ORG/LOC, ``text`` as written in the document)."""
    entities: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in TYPES}
    for span in spans:
        if span.type in entities:
            entities[span.type].append((span.text,))
    return Prediction(entities=entities)
