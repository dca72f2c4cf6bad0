"""Natasha as a second source: its spans re-normalised by the rules, the genre's noise left out."""

from __future__ import annotations

import pytest

from ingest.ner import NerSpan, ner_spans, org_from_ner, person_from_ner, place_from_ner


@pytest.mark.parametrize("surface, expected", [
    ("Наталья Чуркова", "Чуркова Наталья"),
    ("Марком Рютте", "Рютте Марк"),  # a foreign surname in -е does not decline
    ("Наджиб Разак", "Разак Наджиб"),  # names pymorphy does not know: given name first
    ("Романа Абрамовича", "Абрамович Роман"),
    ("Обама", "Обама"),
    ("Собянину", "Собянин"),
    ("Линн Форрестер де Ротшильд", "де Ротшильд Линн Форрестер"),
])
def test_people_natasha_finds(surface, expected):
    person = person_from_ner(surface, 0)
    assert person is not None and person.name == expected


@pytest.mark.parametrize("surface", ["Приказ", "Стажёры", "Большепанюшевского", "Надежда Николаевна"])
def test_common_words_are_not_people(surface):
    assert person_from_ner(surface, 0) is None


def _org(text: str, surface: str) -> str | None:
    start = text.index(surface)
    return org_from_ner(NerSpan("ORG", start, start + len(surface), surface), text)


def test_organisations_natasha_finds_and_the_genres_noise():
    assert _org("по данным Газпрома", "Газпрома") == "Газпром"  # an organisation's name pymorphy knows, declined back
    assert _org("контракт с СИБУРом", "СИБУРом") == "СИБУР"
    assert _org("акции холдинга \"Петромед\"", "Петромед") == "Петромед"  # a company's quoted name
    assert _org("в соответствии с ФГОС", "ФГОС") is None  # a standard, not an organisation
    assert _org("заместитель директора по УВР", "УВР") is None
    assert _org("деятельности ИБЦ ОО", "ИБЦ ОО") is None
    assert _org("электронной газетой школы «Переменка»", "Переменка") is None  # a school paper's title
    assert _org("Балтач бистәсе", "Балтач бистәсе") is None  # a line of the header in Tatar


@pytest.mark.parametrize("surface, expected", [
    ("Смоленской области", "Смоленская область"), ("России", "Россия"), ("Москве", "Москва"), ("США", "США"),
    ("Санкт-Петербурге", "Санкт-Петербург"),
])
def test_places_in_the_nominative(surface, expected):
    assert place_from_ner(NerSpan("LOC", 0, len(surface), surface)) == expected


def test_adjacent_organisations_are_one_span_with_their_territorial_tail():
    text = "с возможностью получения консультаций от сотрудников ЦССИ ФСО России в Смоленской области"
    orgs = [s.text for s in ner_spans(text) if s.type == "ORG"]
    assert "ЦССИ ФСО России в Смоленской области" in orgs  # a federal body's unit in a region is one body


def test_organisations_in_quotes_titles_groups_and_datelines():
    assert _org("Тем временем «Ростелеком» объявил", "Ростелеком") == "Ростелеком"  # a quoted company's name
    assert _org("статья в газете «Вечерний город»", "Вечерний город") == "Вечерний город"  # a newspaper is one
    assert _org("победитель конкурса «Лучшая школа»", "Лучшая школа") is None  # a contest's title
    assert _org("открыли брифингом «Цифровой детский сад»", "Цифровой детский сад") is None
    assert _org("заседание Совета руководителей школ", "Совета руководителей школ") is None  # a council: a group
    assert _org("решение районного Совета депутатов", "Совета депутатов") is not None  # a council of deputies
    assert _org("ТВЕРЬ, 3 дек — сообщает агентство", "ТВЕРЬ") is None  # a dateline
    assert _org("Лента 2019-11-16 19:50 Ромашка", "Лента 2019-11-16 19:50 Ромашка") is None  # page clutter


def test_quoted_names_of_news_and_their_titles():
    assert _org("сообщили «Ведомости» со ссылкой", "Ведомости") == "Ведомости"  # a paper named by a common word
    assert _org("гендиректору «Мегафона» Ивану", "Мегафона") == "Мегафон"
    assert _org("статья «Куда идёт школа?» вышла", "Куда идёт школа?") is None  # a headline
    assert _org("показали передачу «Диалог» на канале", "Диалог") is None  # a programme's title
    assert _org("общество в школе «Полюс» собралось", "Полюс") is None
