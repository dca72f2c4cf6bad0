"""Districts of a document (ingest/places.py, ingest/link/places.py): municipal units in the nominative, towns
among them, villages, regions and countries not; sentences made up for the tests."""

from __future__ import annotations

import pytest

from ingest.facts import PlaceFact
from ingest.link.places import districts_of
from ingest.places import find_places


def districts(text: str, ner_places: list[str] = ()) -> list[str]:
    found, _regions = districts_of(find_places(text), [PlaceFact(name) for name in ner_places])
    return [name for name, _span, _region in found]


@pytest.mark.parametrize("text, expected", [
    # «районная гимназия» names no district
    ("учитель МОУ «Ивановская районная гимназия»", []),
    # the unit after the name, abbreviated or with a name that looks like an adjective
    ("приказ по МОУ СОШ №2 го Верхотурье", ["городской округ Верхотурье"]),
    ("Управление образования городского округа Стрежевой", ["городской округ Стрежевой"]),
    ("муниципального образования город-курорт Анапа", ["город-курорт Анапа"]),
    # a person's name after «муниципального образования» is no place
    ("выступила Глава муниципального образования Ольга Рябова", []),
    # a town written with «г.» is a municipal unit, in the nominative; «2013 г.» is a year
    ("детские сады г. Петрозаводска", ["Петрозаводск"]),
    ("учитель МАОУ «СОШ № 57 г. Улан-Удэ»", ["Улан-Удэ"]),
    ("в декабре 2013 г. Сумма премии", []),
    # a town and its district of the same stem stay apart
    ("школа № 7 г. Белгорода и школы Белгородского района", ["Белгородский район", "город Белгород"]),
    # villages are no districts
    ("педагоги из с. Ивановка Курского района", ["Курский район"]),
])
def test_districts(text, expected):
    assert districts(text) == expected


def test_towns_natasha_finds_are_districts_countries_and_regions_are_not():
    assert districts("В Сыктывкаре прошёл конкурс", ["Сыктывкар"]) == ["Сыктывкар"]
    assert districts("делегация из Франции", ["Франция"]) == []
    assert districts("педагоги Москвы", ["Москва"]) == []  # a federal city is a region
    assert districts("в Тверской области", ["Тверская"]) == []


def test_regions_are_never_districts():
    found, regions = districts_of(find_places("педагоги Томской области"))
    assert found == [] and [name for name, _ in regions] == ["Томская область"]


@pytest.mark.parametrize("text, expected", [
    ("школа № 7 г. Лесной", ["Лесной"]),  # a town named by an adjective, as written
    ("учителя г. Заречного", ["Заречный"]),  # in the genitive: the masculine nominative of «город»
    ("детские сады г. Лесогорска", ["Лесогорск"]),
])
def test_towns_named_by_an_adjective(text, expected):
    assert districts(text) == expected
