"""Posts (должности): the words that head them (ingest/data/posts.txt) and their nominative form.

«заместителю директора по УВР» → «заместитель директора по УВР», «зам. директора» → «заместитель
директора», «старшему воспитателю» → «старший воспитатель», «заведующей отделом образования» →
«заведующая отделом образования» (the head and the words before it inflected, the gender of a participle
used as a noun kept, every word after the head as written).

A post noun heads a post; a role (победитель, лауреат, участник …) or a function on a jury or a commission
(«председатель жюри», «эксперт ЕГЭ») is no post; a degree or rank (профессор, доктор наук) is one only where
no other post stands beside it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ingest.morph import lemma, parse


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """lemma → its classes (post, modifier, role, title), from ingest/data/posts.txt."""
    out: dict[str, set[str]] = {}
    text = resources.files("ingest").joinpath("data/posts.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")
            out.setdefault(word, set()).add(kind)
    return {k: frozenset(v) for k, v in out.items()}


def _with(kind: str) -> frozenset[str]:
    return frozenset(w for w, kinds in lexicon().items() if kind in kinds)


@lru_cache(maxsize=1)
def _post_lemmas() -> frozenset[str]:
    return _with("post") | _with("title") | _with("role")


POST_MODIFIERS = {"социальный", "старший", "главный", "ведущий", "научный", "музыкальный", "ответственный",
                  "исполняющий", "генеральный", "первый", "управляющий", "уполномоченный", "младший", "классный",
                  "исполнительный", "технический", "художественный", "бывший", "временно"}
ABBREVIATIONS = {
    "зам.": "заместитель", "зам": "заместитель", "нач.": "начальник", "рук.": "руководитель",
    "зав.": "заведующий", "и.о.": "исполняющий обязанности", "и. о.": "исполняющий обязанности",
    "врио": "временно исполняющий обязанности", "зам.директора": "заместитель директора",
}
# «и.о. главы», «врио губернатора», «временно исполняющий обязанности министра»: the post is in the genitive after
ACTING = re.compile(r"(?i)^(?:и\.\s?о\.|врио|в\.\s?р\.\s?и\.\s?о\.|(?:временно\s+)?исполняющ\w+\s+обязанности)$")
_WORD = re.compile(r"и\.о\.|[А-Яа-яЁё][А-Яа-яЁё\-]*\.?|[A-Za-z]+|\d+|«[^»]*»|\S")


def post_lemma(word: str) -> str | None:
    """The post lemma a word (any case) is a form of, or None: «директору» → «директор», «заведующей» →
    «заведующий», «зам.» → «заместитель»."""
    low = word.lower()
    if low in ABBREVIATIONS:
        return ABBREVIATIONS[low].split()[0]
    bare = low.rstrip(".")
    if bare in ("зам", "нач", "зав"):
        return {"зам": "заместитель", "нач": "начальник", "зав": "заведующий"}[bare]
    lemmas = _post_lemmas()
    if bare in lemmas and bare not in POST_MODIFIERS:
        return bare
    prefixed = re.match(r"(зам|экс-|вице-|замгенерального\s)(?=[а-яё]{4})", bare)
    if prefixed and bare not in ("замок", "заметка"):  # «замгендиректора», «экс-премьер», «вице-спикер»
        rest = post_lemma(bare[prefixed.end():])
        if rest is not None and "post" in lexicon().get(rest, ()):
            return bare if bare in lemmas else f"{prefixed.group(1)}{rest}"
    readings = parse(bare)
    if readings and readings[0].tag.POS in ("PREP", "CONJ", "PRCL", "ADVB", "VERB", "INFN") and readings[0].score > 0.5:
        return None  # «после» is a preposition before it is «посол»
    top = max((p.score for p in readings if p.tag.POS == "NOUN"), default=0)
    for p in readings:
        if p.tag.POS == "NOUN" and p.normal_form in lemmas and p.normal_form not in POST_MODIFIERS and (
                p.score * 3 >= top or p.is_known is False):
            return p.normal_form  # «премьер» of «премьер «Тангейзера»» is first a première, no post
        if p.normal_form in ("заведующий", "заведовать") and p.tag.POS in ("NOUN", "ADJF", "PRTF"):
            return "заведующий"
        if p.tag.POS == "PRTF" and p.normal_form in ("управлять", "командовать") and "actv" in p.tag and "pres" in p.tag:
            return {"управлять": "управляющий", "командовать": "командующий"}[p.normal_form]  # used as a noun
        if p.normal_form in ("ведущий", "нападающий", "управляющий", "уполномоченный", "командующий", "исполняющий") \
                and p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.normal_form != "исполняющий":
            return p.normal_form
    return None


def is_post_word(word: str) -> bool:
    """Whether a word (any case) heads a post: «директору», «учителем», «зам.»."""
    return post_lemma(word) is not None


def is_modifier(word: str) -> bool:
    """An adjective that starts a post before a post noun; any reading counts («главного» is first the noun
    «главное» to pymorphy)."""
    low = word.lower()
    return low == "временно" or any(p.normal_form in POST_MODIFIERS and p.tag.POS in ("ADJF", "PRTF")
                                    for p in parse(low)) or lemma(low) in POST_MODIFIERS


def starts_post(word: str, next_word: str | None = None) -> bool:
    """A post begins here: a post noun, or a modifier followed by one («старшему воспитателю»)."""
    if next_word and is_modifier(word) and (is_post_word(next_word) or is_modifier(next_word)):
        return True
    if ACTING.match(word):
        return True
    return is_post_word(word)


_ROLE_DEPENDENTS = re.compile(r"(?i)(?:жюри|комисси|оргкомитет|ЕГЭ|ОГЭ|ГИА|ГЭК|ВПР|олимпиад|конкурс|экспертн\w+\s+групп|"
                              r"счетн|счётн|собрани[ея]\b|заседани)")
_DEGREE = re.compile(r"(?i)^(?:доктор|кандидат)\w*\s+[а-яё]+\s+наук|^(?:профессор|доцент|академик|член-корреспондент)\w*")


def is_role(post: str) -> bool:
    """A function that is no post: «победитель конкурса», «председатель жюри», «эксперт ЕГЭ по русскому языку»,
    «член оргкомитета»."""
    words = post.split()
    if not words:
        return False
    head = post_lemma(words[0]) or post_lemma(words[1]) if len(words) > 1 else post_lemma(words[0])
    if head and "role" in lexicon().get(head, ()) and "post" not in lexicon().get(head, ()):
        return True
    return bool(head in ("председатель", "сопредседатель", "член", "эксперт", "секретарь", "заместитель")
                and _ROLE_DEPENDENTS.search(" ".join(words[1:4])))


def is_degree(post: str) -> bool:
    """A degree or academic rank: «доктор педагогических наук», «профессор»."""
    return bool(_DEGREE.match(post.strip()))


def normalize_post(phrase: str) -> str:
    """The post in the nominative, lower case, abbreviations expanded, spacing tidied: the head noun and the
    words before it inflected (adjectives agreeing, a participle used as a noun keeping its gender:
    «заведующей» → «заведующая»), the words after the head as written («отделом образования» stays)."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:–-|")
    if not phrase.endswith(("зам.", "нач.", "рук.", "зав.", "и.о.", "и. о.")):
        phrase = phrase.rstrip(".")
    phrase = re.sub(r"(?i)(?<![а-яё])и\.\s?о\.", "и.о.", phrase)
    phrase = re.sub(r"(?i)(?<![а-яё])(зам|нач|зав|рук)\.(?=[а-яё])", r"\1. ", phrase)  # «зам.директора»
    words = phrase.split()
    expanded: list[str] = []
    for w in words:
        low = w.lower()
        if low in ABBREVIATIONS and not (low == "и.о." and expanded == [] and len(words) > 1):
            expanded.extend(ABBREVIATIONS[low].split())
        else:
            expanded.append(w)
    # a signature in capitals («ДИРЕКТОР», «ЗАВЕДУЮЩАЯ»): the post's words in lower case, abbreviations kept
    expanded = [w.lower() if w.isupper() and len(w) > 3 and (len(w) > 6 or post_lemma(w) or is_modifier(w)) else w
                for w in expanded]
    words = _nominative_post(expanded)
    if words and words[0][:1].isupper() and not words[0].isupper():
        words[0] = words[0].lower()
    text = " ".join(words)
    text = re.sub(r"\s+([,.)»])", r"\1", text)
    text = re.sub(r"([(«])\s+", r"\1", text)
    return text.strip()


def _nominative_post(words: list[str]) -> list[str]:
    """Inflect the head (the first post word) and the modifiers before it; an acting prefix («и.о.», «исполняющий
    обязанности») keeps the post after it in the genitive."""
    if not words:
        return words
    if words[0].lower() == "и.о." or (len(words) > 1 and ACTING.match(" ".join(words[:2]))):
        return words
    if len(words) > 2 and ACTING.match(" ".join(words[:3])):  # «временно исполняющий обязанности министра»
        return [_inflect_head(words[0], "ADVB")] + [_inflect_head(words[1], "PRTF"), *words[2:]]
    head = next((i for i, w in enumerate(words) if post_lemma(w) and not (is_modifier(w) and i + 1 < len(words)
                                                                              and post_lemma(words[i + 1]))), None)
    if head is None:
        return words
    reading, gender = _head_reading(words[head])
    out = list(words)
    if reading is not None:
        grammemes = {"nomn", "sing"} | ({gender} if gender else set())
        inflected = reading.inflect(grammemes) or reading.inflect({"nomn", "sing"})
        if inflected is not None:
            out[head] = _case_like(words[head], inflected.word)
    if head + 1 < len(out) and reading is not None and reading.tag.number == "plur":
        out[head + 1] = _singular_post_genitive(out[head + 1])  # «заместители директоров» → «заместитель директора»
    for i in range(head):
        for p in parse(words[i].lower()):
            if p.tag.POS in ("ADJF", "PRTF"):
                g = {"nomn", "sing"} | ({gender} if gender else ({str(reading.tag.gender)} if reading is not None and
                                                                   reading.tag.gender else set()))
                inflected = p.inflect(g)
                if inflected is not None:
                    out[i] = _case_like(words[i], inflected.word)
                    break
    return out


def _singular_post_genitive(word: str) -> str:
    """A post noun in the genitive plural after a plural post, in the genitive singular: each of the deputies has
    one director; any other word as written («учителя начальных классов»)."""
    if post_lemma(word) is None:
        return word
    readings = [p for p in parse(word.lower()) if p.tag.POS == "NOUN" and p.normal_form in _post_lemmas()]
    if not readings or not all(p.tag.case in ("gent", "accs") and p.tag.number == "plur" for p in readings):
        return word
    inflected = readings[0].inflect({"gent", "sing"})
    return _case_like(word, inflected.word) if inflected is not None else word


def _head_reading(word: str):
    """(the reading to inflect, the gender to keep): a noun; a participle or adjective used as a noun keeps the
    written gender («заведующей» → femn), a noun does not (a woman is «директор»)."""
    readings = parse(word.lower().rstrip("."))
    nouns = [p for p in readings if p.tag.POS == "NOUN" and p.normal_form in _post_lemmas()]
    if nouns:
        return nouns[0], None
    adjs = [p for p in readings if p.tag.POS in ("ADJF", "PRTF", "NOUN")]
    if adjs:
        p = adjs[0]
        gender = str(p.tag.gender) if p.tag.gender and p.tag.number != "plur" else None
        return p, gender
    return None, None


def _inflect_head(word: str, pos: str) -> str:
    return word


def _case_like(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1:
        return target.upper()
    return target[:1].upper() + target[1:] if source[:1].isupper() else target
