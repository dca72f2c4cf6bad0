"""Posts (должности): the words that head them and their nominative form.

«заместителю директора по УВР» → «заместитель директора по УВР»,
«зам. директора» → «заместитель директора», «старшему воспитателю» →
«старший воспитатель».
"""

from __future__ import annotations

import re

from ingest.morph import lemma, nominative_phrase, parse

# lemmas of nouns that head a post
POST_LEMMAS = {
    "директор", "заместитель", "учитель", "преподаватель", "воспитатель", "методист", "руководитель", "начальник",
    "заведующий", "заведующая", "специалист", "педагог", "педагог-психолог", "психолог", "логопед",
    "учитель-логопед", "дефектолог", "учитель-дефектолог", "председатель", "проректор", "ректор", "декан",
    "инспектор", "консультант", "советник", "эксперт", "библиотекарь", "педагог-библиотекарь", "завуч", "тьютор",
    "вожатый", "глава", "секретарь", "куратор", "координатор", "доцент", "профессор", "менеджер",
    "педагог-организатор", "социальный", "старший", "главный", "ведущий", "методист-консультант",
    "инструктор", "концертмейстер", "мастер", "сотрудник", "научный", "музыкальный", "замдиректора",
    "аналитик", "проректора", "ответственный", "исполняющий",
    # posts beyond schools, as news about the networks name them
    "министр", "замминистра", "губернатор", "вице-губернатор", "президент", "вице-президент", "премьер-министр",
    "вице-премьер", "мэр", "депутат", "сенатор", "гендиректор", "пресс-секретарь", "представитель", "посол",
    "спикер", "основатель", "владелец", "совладелец", "редактор", "корреспондент", "журналист", "прокурор",
    "судья", "уполномоченный", "омбудсмен", "генеральный", "первый", "полпред", "управляющий", "ректора",
    "замглавы", "замгубернатора", "председателя",
}
# adjectives that start a post only together with a post noun
POST_MODIFIERS = {"социальный", "старший", "главный", "ведущий", "научный", "музыкальный", "ответственный",
                  "исполняющий", "генеральный", "первый", "управляющий", "уполномоченный"}
ABBREVIATIONS = {
    "зам.": "заместитель", "зам": "заместитель", "нач.": "начальник", "рук.": "руководитель",
    "зав.": "заведующий", "и.о.": "исполняющий обязанности", "зам.директора": "заместитель директора",
}
_WORD = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё\-]*\.?|[A-Za-z]+|\d+|«[^»]*»|\S")


def is_post_word(word: str) -> bool:
    """Whether a word (any case) heads a post: «директору», «учителем», «зам.»."""
    low = word.lower()
    if low in ABBREVIATIONS or low.rstrip(".") in ("зам", "нач", "зав"):
        return True
    bare = low.rstrip(".")
    if bare in POST_LEMMAS and bare not in POST_MODIFIERS:
        return True
    readings = parse(bare)
    if readings and readings[0].tag.POS in ("PREP", "CONJ", "PRCL", "ADVB", "VERB", "INFN") and readings[0].score > 0.5:
        return False  # «после» is a preposition before it is «посол»
    return any(p.normal_form in POST_LEMMAS and p.normal_form not in POST_MODIFIERS
               for p in readings if p.tag.POS == "NOUN" or p.normal_form == "заведующий")


def starts_post(word: str, next_word: str | None = None) -> bool:
    """A post begins here: a post noun, or a modifier followed by one («старшему воспитателю»)."""
    if is_post_word(word):
        return True
    if next_word and lemma(word.lower()) in POST_MODIFIERS:
        return is_post_word(next_word)
    return False


def normalize_post(phrase: str) -> str:
    """The post in the nominative, lower case, abbreviations expanded, spacing tidied."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:–-|").rstrip(".") if not phrase.rstrip().endswith(
        ("зам.", "нач.", "рук.", "зав.")) else re.sub(r"\s+", " ", phrase).strip(" ,;:–-|")
    words = _WORD.findall(phrase)
    expanded: list[str] = []
    for w in words:
        low = w.lower()
        if low in ABBREVIATIONS:
            expanded.extend(ABBREVIATIONS[low].split())
        else:
            expanded.append(w)
    if expanded and lemma(expanded[0].lower()) in ("заведовать", "заведующий"):
        expanded[0] = "заведующий"  # a participle used as a noun: pymorphy finds no noun head in it
    words = nominative_phrase(expanded)
    if words and words[0][:1].isupper() and not words[0].isupper():
        words[0] = words[0].lower()
    text = " ".join(words)
    text = re.sub(r"\s+([,.)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    return text.strip()
