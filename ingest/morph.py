"""Russian morphology for the rules: pymorphy3 behind a cache, and the
inflection of phrases (posts, organisation and group names) to the nominative.

Names of people are handled in :mod:`ingest.names`, which uses this module
only for given names and patronymics: pymorphy's dictionary forms of surnames
are unreliable (Мешков → «мешок», feminine surnames become masculine).
"""

from __future__ import annotations

from functools import lru_cache

import pymorphy3

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parse(word: str) -> tuple:
    """pymorphy3 parses of a word (lower-cased), cached: the genre repeats its words."""
    return tuple(analyzer().parse(word.lower()))


def cases_of(word: str, pos: tuple[str, ...] = ("NOUN", "ADJF", "PRTF", "NPRO")) -> set[str]:
    """The grammatical cases a word can be in, over readings of the given parts of speech."""
    found = set()
    for p in parse(word):
        if p.tag.POS in pos and p.tag.case:
            found.add("accs" if p.tag.case in ("acc2",) else ("gent" if p.tag.case == "gen2" else p.tag.case))
    return found


def lemma(word: str) -> str:
    ps = parse(word)
    return ps[0].normal_form if ps else word.lower()


def _match_case(source: str, target: str) -> str:
    """Write ``target`` with the letter case of ``source`` (capitalised, upper or lower)."""
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def inflect_word(word: str, grammemes: set[str], pos: tuple[str, ...] | None = None,
                 cases: set[str] | None = None) -> str | None:
    """``word`` inflected to ``grammemes``; None when no reading allows it.

    ``pos`` and ``cases`` restrict the readings considered (e.g. the case the
    context demands), so that «школы» is taken as a noun in the genitive.
    """
    for p in parse(word):
        if pos and p.tag.POS not in pos:
            continue
        if cases and p.tag.case not in cases:
            continue
        inflected = p.inflect(grammemes)
        if inflected is not None:
            return _match_case(word, inflected.word.replace("ё", "е") if "ё" not in word.lower() else inflected.word)
    return None


def head_noun_reading(word: str):
    """The most likely noun reading of a word, or None."""
    for p in parse(word):
        if p.tag.POS == "NOUN":
            return p
    return None


def nominative_phrase(words: list[str], singular: bool = False) -> list[str]:
    """Put a noun phrase «adjectives + head noun + dependents» into the nominative.

    The leading adjectives and participles agree with the head noun (number and
    gender kept); everything after the head noun stays as written (genitive
    dependents, quoted names).  «районного методического кабинета управления
    образования» → «районный методический кабинет управления образования».
    """
    head_index = None
    for i, w in enumerate(words):
        if not w[:1].isalpha():
            break
        p = head_noun_reading(w)
        if p is not None and not any(q.tag.POS in ("ADJF", "PRTF") and q.score > p.score for q in parse(w)):
            head_index = i
            break
    if head_index is None:
        return words
    head = head_noun_reading(words[head_index])
    number = "sing" if singular else (head.tag.number or "sing")
    case = head.tag.case
    out = list(words)
    nom_head = head.inflect({"nomn", number})
    if nom_head is not None:
        out[head_index] = _match_case(words[head_index], nom_head.word)
    gender = head.tag.gender
    for i in range(head_index):
        grammemes = {"nomn", number}
        if number == "sing" and gender:
            grammemes.add(gender)
        inflected = inflect_word(words[i], grammemes, pos=("ADJF", "PRTF", "NUMR"), cases={case} if case else None)
        if inflected is None:
            inflected = inflect_word(words[i], grammemes, pos=("ADJF", "PRTF", "NUMR"))
        if inflected is not None:
            out[i] = inflected
    return out


def agree_adjective(adjective: str, noun: str, case: str = "nomn") -> str:
    """An adjective put into ``case`` in agreement with ``noun`` (as used in a name).

    «Солнечной» + «школа» → «Солнечная»; «Кабаковского» + «сад» → «Кабаковский».
    """
    head = head_noun_reading(noun)
    grammemes = {case, "sing"}
    if head is not None and head.tag.gender:
        grammemes.add(head.tag.gender)
    return inflect_word(adjective, grammemes, pos=("ADJF", "PRTF")) or adjective
