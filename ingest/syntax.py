"""Natasha's dependency parser (slovnet syntax over navec, inside the wheel: nothing downloaded), for the
sentences that need one.

Callers give words, not text: they replace what the parser reads badly — a person written with initials
(«Л.В. Овчиева» splits into five tokens and its arcs go anywhere) — by a placeholder full name in the
mention's case and gender («Анна Петрова», «Ивану Петрову»), whose arcs (``appos`` to a post, ``conj``, a
shared ``nsubj``) the parser gets right. :func:`parse` takes a batch of such word lists and gives, for every
word, the index of its head (-1 for the root, and for a self-loop the parser sometimes makes) and the relation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Arc:
    head: int  # index of the head word in the same list, -1 for the root
    rel: str


@lru_cache(maxsize=1)
def parser():
    from natasha import NewsSyntaxParser

    from ingest.ner import embedding

    return NewsSyntaxParser(embedding())


def parse(sentences: list[list[str]]) -> list[list[Arc]]:
    """Arcs of every word of every sentence, in the order given."""
    out: list[list[Arc]] = []
    if not sentences:
        return out
    for markup in parser().map(sentences):
        index = {token.id: i for i, token in enumerate(markup.tokens)}
        arcs = []
        for i, token in enumerate(markup.tokens):
            head = index.get(token.head_id, -1)
            arcs.append(Arc(-1 if head == i else head, token.rel))
        out.append(arcs)
    return out


_PLACEHOLDERS = {  # (given name, surname) by case and gender
    ("nomn", "femn"): ("Анна", "Петрова"), ("gent", "femn"): ("Анны", "Петровой"),
    ("datv", "femn"): ("Анне", "Петровой"), ("accs", "femn"): ("Анну", "Петрову"),
    ("ablt", "femn"): ("Анной", "Петровой"), ("loct", "femn"): ("Анне", "Петровой"),
    ("nomn", "masc"): ("Иван", "Петров"), ("gent", "masc"): ("Ивана", "Петрова"),
    ("datv", "masc"): ("Ивану", "Петрову"), ("accs", "masc"): ("Ивана", "Петрова"),
    ("ablt", "masc"): ("Иваном", "Петровым"), ("loct", "masc"): ("Иване", "Петрове"),
}


def placeholder(case: str | None, gender: str | None) -> tuple[str, str]:
    """A full name the parser reads well, in a person mention's case and gender."""
    return _PLACEHOLDERS.get((case or "nomn", gender if gender in ("masc", "femn") else "femn"),
                             _PLACEHOLDERS[("nomn", "femn")])


def climb(arcs: list[Arc], i: int, limit: int = 8) -> list[int]:
    """The heads above word ``i``, nearest first (cycles guarded)."""
    out: list[int] = []
    seen = {i}
    while len(out) < limit:
        head = arcs[i].head
        if head < 0 or head in seen:
            break
        out.append(head)
        seen.add(head)
        i = head
    return out
