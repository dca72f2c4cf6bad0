"""The dependency parse (ingest/syntax.py) and what it adds to the linear post rules (ingest/link/people.py):
sentences made up for the tests."""

from __future__ import annotations

from ingest.extract import extract_facts
from ingest.readers import Document
from ingest.syntax import climb, parse, placeholder


def test_a_placeholder_name_in_apposition_to_its_post():
    words = "В конференции участвовал заместитель главы района".split() + list(placeholder("nomn", "masc")) + ["."]
    arcs = parse([words])[0]
    name = words.index("Иван")
    assert arcs[name].rel == "appos" and words[arcs[name].head] == "заместитель"
    assert all(a.head != i for i, a in enumerate(arcs))  # no self-loops
    assert climb(arcs, name)[0] == words.index("заместитель")


def test_placeholders_follow_case_and_gender():
    assert placeholder("datv", "femn") == ("Анне", "Петровой")
    assert placeholder("ablt", "masc") == ("Иваном", "Петровым")
    assert placeholder(None, None) == ("Анна", "Петрова")


def test_a_clause_between_the_post_and_the_name_is_read_by_the_parse():
    text = "Об этом сообщил пресс-секретарь «Медиацентра», работающего с прошлого года, Олег Миронов."
    facts = extract_facts(Document("t", "t.txt", "txt", text))
    assert any(p.name == "Миронов Олег" and p.post and p.post.startswith("пресс-секретарь") for p in facts.people)
