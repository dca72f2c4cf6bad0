"""Posts (ingest/posts.py): the lexicon in ingest/data/posts.txt, the nominative of a post, roles and degrees;
phrases made up for the tests."""

from __future__ import annotations

import pytest

from ingest.posts import is_degree, is_post_word, is_role, normalize_post, post_lemma


@pytest.mark.parametrize("phrase, expected", [
    ("заместителю директора по УВР", "заместитель директора по УВР"),
    ("зам. директора", "заместитель директора"),
    ("старшему воспитателю", "старший воспитатель"),
    # the head and its modifiers inflected, every word after the head as written
    ("заведующей отделом образования", "заведующая отделом образования"),  # a participle keeps its gender
    ("главного специалиста отдела образования", "главный специалист отдела образования"),  # «главного» no noun
    ("директором школы", "директор школы"),
    ("учителями русского языка и литературы", "учитель русского языка и литературы"),  # a plural post, singular
    # an acting prefix keeps the post after it in the genitive
    ("и.о. главы администрации", "и.о. главы администрации"),
    ("временно исполняющий обязанности министра образования", "временно исполняющий обязанности министра образования"),
    # posts beyond the school: territories, bodies, clergy, culture
    ("губернатором области", "губернатор области"),
    ("хормейстером дома культуры", "хормейстер дома культуры"),
    ("настоятелю храма", "настоятель храма"),
    ("пресс-секретаря президента", "пресс-секретарь президента"),
])
def test_post_in_the_nominative(phrase, expected):
    assert normalize_post(phrase) == expected


@pytest.mark.parametrize("word, lemma", [
    ("директору", "директор"), ("учителем", "учитель"), ("зам.", "заместитель"), ("министра", "министр"),
    ("депутатом", "депутат"), ("логопеду", "логопед"), ("настоятелем", "настоятель"), ("тьютора", "тьютор"),
    ("заведующей", "заведующий"), ("после", None), ("школа", None),
])
def test_post_words(word, lemma):
    assert post_lemma(word) == lemma
    assert is_post_word(word) == (lemma is not None)


@pytest.mark.parametrize("post, role", [
    ("победитель конкурса", True), ("лауреат премии", True), ("председатель жюри конкурса", True),
    ("эксперт ЕГЭ по математике", True), ("член оргкомитета олимпиады", True),
    ("председатель комитета по образованию", False), ("ведущий эксперт управления образования", False),
    ("учитель физики", False),
])
def test_roles_are_no_posts(post, role):
    assert is_role(post) == role


def test_degrees():
    assert is_degree("доктор исторических наук") and is_degree("профессор")
    assert not is_degree("директор лицея")


@pytest.mark.parametrize("phrase, expected", [
    ("заместители директоров по УВР", "заместитель директора по УВР"),  # each deputy has one director
    ("помощники учителей", "помощник учителя"),
    ("учителя начальных классов", "учитель начальных классов"),  # no post noun after the head: as written
])
def test_a_plural_post_over_a_post_noun_in_the_singular(phrase, expected):
    assert normalize_post(phrase) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("ДИРЕКТОР", "директор"), ("НАЧАЛЬНИК УПРАВЛЕНИЯ", "начальник управления"),  # a signature in capitals
    ("Директор МБДОУ", "директор МБДОУ"),  # an abbreviation stays
])
def test_a_post_in_capitals(phrase, expected):
    assert normalize_post(phrase) == expected
