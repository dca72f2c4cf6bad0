"""Find an entity from any case form or partial name: «Фандиной», «Пинеровк», «Солнечной школе».

Every name and alias is split into words and each word indexed under its
lowercase form and under every lemma pymorphy3 gives it (all parses, since a
surname's first parse is often a wrong gender or a common noun).  A query word
matches a name word on a shared lemma (any case form), as a prefix (a partial
name), or on a shortened stem (an unknown surname in an oblique case).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

WORD_RE = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
MIN_PREFIX = 3
# oblique-case endings of Russian nouns and adjectives, longest first
ENDINGS = tuple(sorted(
    ("ой", "ей", "ою", "ею", "ому", "ему", "ого", "его", "ую", "юю", "ым", "им", "ыми", "ими", "ых", "их",
     "ой", "ам", "ям", "ами", "ями", "ах", "ях", "ов", "ев", "а", "я", "у", "ю", "е", "ы", "и", "ом", "ем"),
    key=len, reverse=True))
# how a query word matched: the better kinds first
SCORES = {"word": 1.0, "lemma": 0.9, "prefix": 0.8, "stem": 0.6, "initial": 0.5}
# the genre's abbreviations, indexed under the words they stand for («школе» finds «СОШ»)
ABBREVIATIONS = {
    "сош": ("средний", "общеобразовательный", "школа"),
    "оош": ("основной", "общеобразовательный", "школа"),
    "нош": ("начальный", "общеобразовательный", "школа"),
    "лицей": ("школа",),
    "гимназия": ("школа",),
    "доу": ("дошкольный", "детский", "сад"),
    "мдоу": ("дошкольный", "детский", "сад"),
    "мбдоу": ("дошкольный", "детский", "сад"),
    "мадоу": ("дошкольный", "детский", "сад"),
    "мкдоу": ("дошкольный", "детский", "сад"),
    "ммо": ("методический", "объединение"),
    "рмо": ("методический", "объединение"),
    "шмо": ("методический", "объединение"),
    "имц": ("методический", "центр"),
    "иро": ("институт", "развитие", "образование"),
    "ипк": ("институт", "повышение", "квалификация"),
}
# label of the entities worth finding first when scores tie
LABEL_ORDER = {"Person": 0, "Organization": 1, "District": 2, "Event": 3, "Group": 4, "Region": 5}


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """Every normal form pymorphy3 offers for a word, plus the word itself (lowercase, ё as е)."""
    word = word.lower().replace("ё", "е")
    if not re.search("[а-я]", word):
        return frozenset({word})
    return frozenset({word} | {p.normal_form.replace("ё", "е") for p in _morph().parse(word)})


@lru_cache(maxsize=200_000)
def first_lemma(word: str) -> str:
    """pymorphy3's most likely normal form (used to rank, not to match)."""
    word = word.lower().replace("ё", "е")
    if not re.search("[а-я]", word):
        return word
    return _morph().parse(word)[0].normal_form.replace("ё", "е")


def stem(word: str) -> str:
    """The word without an inflection ending (and an adjective's «-ск-»: «пинеровской» → «пинеров»),
    kept at least four letters long."""
    word = word.lower().replace("ё", "е")
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    if word.endswith("ск") and len(word) >= 6:
        word = word[:-2]
    return word


def words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in WORD_RE.findall(text or "")]


@dataclass
class Hit:
    id: str
    name: str
    label: str
    score: float


class SearchIndex:
    """An index over the names and aliases of entities, built once per graph version."""

    def __init__(self, entities: Iterable[tuple[str, str, str, list[str]]]):
        """``entities``: (id, label, name, aliases)."""
        self.names: dict[str, tuple[str, str]] = {}
        self.by_lemma: dict[str, set[str]] = defaultdict(set)
        self.by_word: dict[str, set[str]] = defaultdict(set)
        for entity_id, label, name, aliases in entities:
            self.names[entity_id] = (name, label)
            for text in [name, *aliases]:
                for word in words(text):
                    self.by_word[word].add(entity_id)
                    for lemma in lemmas(word) | set(ABBREVIATIONS.get(word, ())):
                        self.by_lemma[lemma].add(entity_id)
        self.sorted_words = sorted(set(self.by_word) | set(self.by_lemma))

    def _prefixed(self, prefix: str, words_only: bool = False) -> set[str]:
        found: set[str] = set()
        i = bisect.bisect_left(self.sorted_words, prefix)
        while i < len(self.sorted_words) and self.sorted_words[i].startswith(prefix):
            key = self.sorted_words[i]
            found |= self.by_word.get(key, set())
            if not words_only:
                found |= self.by_lemma.get(key, set())
            i += 1
        return found

    def _match_word(self, word: str) -> dict[str, float]:
        """Entity id → best score of one query word."""
        scores: dict[str, float] = {}

        def add(ids: Iterable[str], kind: str) -> None:
            for entity_id in ids:
                scores[entity_id] = max(scores.get(entity_id, 0.0), SCORES[kind])

        if len(word) == 1:  # an initial: the first letter of a given name or patronymic
            add(self._prefixed(word, words_only=True), "initial")
        if len(word) >= MIN_PREFIX:
            add(self._prefixed(stem(word)), "stem")
            add(self._prefixed(word), "prefix")
        likely = {word, first_lemma(word)}
        for lemma in lemmas(word):
            add(self.by_lemma.get(lemma, ()), "lemma")
            add(self.by_word.get(lemma, ()), "word" if lemma in likely else "lemma")
        return scores

    def search(self, query: str, limit: int = 20, labels: Iterable[str] | None = None) -> list[Hit]:
        """Entities whose names hold the most words of the query in some form, best first."""
        query_words = words(query)
        if not query_words:
            return []
        total: dict[str, float] = defaultdict(float)
        matched_words: dict[str, int] = defaultdict(int)
        for word in query_words:
            for entity_id, score in self._match_word(word).items():
                total[entity_id] += score
                matched_words[entity_id] += 1
        wanted = set(labels) if labels else None
        candidates = [k for k in total if wanted is None or self.names[k][1] in wanted]
        if not candidates:
            return []
        # entities matching every word when there are any; a stray word («школе») must not empty the list
        most = max(matched_words[k] for k in candidates)
        if most < len(query_words) and most * 2 < len(query_words):
            return []
        hits = [Hit(k, self.names[k][0], self.names[k][1], round(total[k] / len(query_words), 3))
                for k in candidates if matched_words[k] == most]
        hits.sort(key=lambda h: (-h.score, LABEL_ORDER.get(h.label, 9), len(h.name), h.name))
        return hits[:limit]


def index_from_nodes(nodes: Iterable[dict[str, Any]], skip_labels: tuple[str, ...] = ("Document", "Award")) -> SearchIndex:
    """A search index over store node records ({"id", "labels", "properties"})."""
    from graph.analysis.metrics import node_name, primary_label

    entities = []
    for node in nodes:
        label = primary_label(node)
        if label in skip_labels:
            continue
        aliases = (node.get("properties") or {}).get("aliases") or []
        entities.append((node["id"], label, node_name(node), [str(a) for a in aliases]))
    return SearchIndex(entities)
