"""Names of people: found in real sentences of the genre and written in the nominative."""

from __future__ import annotations

import pytest

from ingest.names import find_people, nominative_surname, patronymic_reading


def names(sentence: str) -> list[str]:
    return [p.name for p in find_people(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    # dative lists of awardees
    ("- Фандиной Светлане Александровне, директору МОУ СОШ р.п.Пинеровка,", ["Фандина Светлана Александровна"]),
    ("-Пичугину Виталию Владимировичу, учителю информатики", ["Пичугин Виталий Владимирович"]),
    ("наградить Почетной грамотой Фроловой Г.А., учителю начальных классов", ["Фролова Г.А."]),
    ("Объявить благодарность Куриловичу А.А. и Мешкову В.В.", ["Курилович А.А.", "Мешков В.В."]),
    # accusative control clauses
    ("Контроль за исполнением приказа возложить на заместителя начальника по учебной работе Хайруллину Р.Р.",
     ["Хайруллина Р.Р."]),
    ("возложить на заместителя председателя комитета Р.Р. Рахманкулова", ["Рахманкулов Р.Р."]),
    ("Наградить Почётной грамотой Курилович Анну Сергеевну, учителя начальных классов", ["Курилович Анна Сергеевна"]),
    # instrumental after a post
    ("презентацией школы, представленной директором Першиковой Л.С.", ["Першикова Л.С."]),
    ("Заместителем директора по НМР школы Ведерниковой МФ продемонстрирована технология", ["Ведерникова М.Ф."]),
    # nominative, initials in every position, with and without spaces
    ("Члены рабочей группы: Саврасная Н.Н., зам. директора по УВР", ["Саврасная Н.Н."]),
    ("Кудашова Н.Б., руководитель ММО учителей физики", ["Кудашова Н.Б."]),
    ("муниципального района\t\t\tН.Н. Шехматова", ["Шехматова Н.Н."]),
    ("А.Ю.Шагаева", ["Шагаева А.Ю."]),
    ("Т. С. Соколова выступила с докладом", ["Соколова Т.С."]),
    # signatures in capitals
    ("Председатель комитета          Ю.Н.МИЩЕРЯКОВ", ["Мищеряков Ю.Н."]),
    # surnames that do not decline or look like common words
    ("Объявить благодарность Заболотных И.И., учителю химии", ["Заболотных И.И."]),
    ("Мешков Вячеслав Владиленович, проректор по информационно-технологическому развитию", ["Мешков Вячеслав Владиленович"]),
    ("Отметить работу Долгих Ольги Петровны", ["Долгих Ольга Петровна"]),
    # given name first
    ("Открыла семинар заведующий Иванова Мария Петровна", ["Иванова Мария Петровна"]),
    ("Выступила Анна Игоревна Соколова, методист", ["Соколова Анна Игоревна"]),
    # the surname in capitals, first or last
    ("Наградить ИВАНОВУ Марию Петровну, учителя", ["Иванова Мария Петровна"]),
    ("Мария Петровна ИВАНОВА выступила", ["Иванова Мария Петровна"]),
])
def test_names_in_the_nominative(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "МБОУ «СОШ им. Героя РФ Н.Ф. Гаврилова» провела семинар",
    "МКОУ «Морецкая СОШ им. Героя Советского Союза И.Т. Пенкина»",
    "в соответствии с требованиями ФГОС.",
    "ГАУ ДПО СОИРО.",
    "Председатель РМО",
    "МБОУ СОШ Марии Петровны",
])
def test_eponyms_and_abbreviations_are_not_people(sentence):
    assert names(sentence) == []


def test_post_word_before_initials_is_not_a_surname():
    assert names("Секретарь Е.В. Орлова") == ["Орлова Е.В."]


def test_a_rejected_match_does_not_hide_the_name_after_it():
    assert names("Методист комитета администрации города Новоалтайска Соколова Анна Игоревна отметила") == [
        "Соколова Анна Игоревна"]


@pytest.mark.parametrize("word, gender, cases, expected", [
    ("Фандиной", "femn", {"datv"}, "Фандина"),
    ("Шехматова", None, {"nomn"}, "Шехматова"),
    ("Шехматова", "masc", {"gent"}, "Шехматов"),
    ("Хайруллину", None, {"accs"}, "Хайруллина"),
    ("Пичугину", None, {"datv"}, "Пичугин"),
    ("Саврасной", "femn", {"gent"}, "Саврасная"),
    ("Достоевского", "masc", {"gent"}, "Достоевский"),
    ("Мешкову", "masc", {"datv"}, "Мешков"),
    ("Куриловичу", "masc", {"datv"}, "Курилович"),
    ("Курилович", "femn", {"datv"}, "Курилович"),
    ("Заболотных", None, {"datv"}, "Заболотных"),
    ("Шевченко", "femn", {"ablt"}, "Шевченко"),
    ("МИЩЕРЯКОВ", None, {"nomn"}, "Мищеряков"),
])
def test_surnames_decline_by_suffix(word, gender, cases, expected):
    assert nominative_surname(word, gender, cases)[0] == expected


@pytest.mark.parametrize("word, expected", [
    ("Александровне", ("Александровна", "femn", {"datv", "loct"})),
    ("Владимировичу", ("Владимирович", "masc", {"datv"})),
    ("Ильиничной", ("Ильинична", "femn", {"ablt"})),
    ("Петровича", ("Петрович", "masc", {"gent", "accs"})),
    ("Соколова", None),
])
def test_patronymics(word, expected):
    assert patronymic_reading(word) == expected


@pytest.mark.parametrize("sentence, case", [
    ("Заместителем директора по НМР школы Ведерниковой МФ продемонстрирована", "ablt"),  # the post's head word
    ("возложить на заместителя начальника по учебной работе Хайруллину Р.Р.", "accs"),
    ("Вручить благодарность Фроловой Г.А., учителю", "datv"),  # the apposition after the name
])
def test_the_case_a_name_stands_in(sentence, case):
    assert find_people(sentence)[0].case == case


@pytest.mark.parametrize("sentence, expected", [
    # a given name and a surname without a patronymic, in either order, put surname first
    ("Слово взял губернатор области Вадим Шумков.", ["Шумков Вадим"]),
    ("Марина Ким, методист ИМЦ, провела занятие", ["Ким Марина"]),
    ("Волкова Ирина, воспитатель, получила диплом", ["Волкова Ирина"]),
    # the case of the post before it tells the gender: «Евгения» after a nominative post is a woman
    ("грамоту получит председатель сельсовета Евгения Лапина", ["Лапина Евгения"]),
    ("с учителем географии Ермолаевым Дмитрием", ["Ермолаев Дмитрий"]),
    # a given name that is a common noun too, beside a sure surname
    ("вручила Любовь Зорина", ["Зорина Любовь"]),
    # three capitalised words without a patronymic: the given name goes with the word after it
    ("заявил пресс-секретарь Петрова Дмитрий Ильин", ["Петров Д.", "Ильин Дмитрий"][1:]),
])
def test_two_word_names(sentence, expected):
    assert [n for n in names(sentence) if n in expected] == expected


@pytest.mark.parametrize("sentence", [
    "Мария Ивановна сказала",  # a given name and a patronymic: no surname
    "В Москве прошёл форум",
    "Новости Сибири",
])
def test_no_two_word_name(sentence):
    assert names(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    # pupils are named beside a class or a pupil word in their own phrase; their teachers are not pupils
    ("1. Сидоров Пётр, 9 класс, МБОУ «СОШ № 4» (учитель Павлова Е.Н.);", ["Павлова Е.Н."]),
    ("победила ученица 10 класса Анна Смирнова", []),
    ("Ученики 7 класса вместе с учителем химии Рябовым Олегом провели опыт", ["Рябов Олег"]),
])
def test_pupils_are_no_people_of_the_network(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("4. Ершова Е.В", ["Ершова Е.В."]),  # the last initial without its dot at the end of a line
    ("7.Беляева Н.В.", ["Беляева Н.В."]),  # the item's number glued to the surname
])
def test_names_in_numbered_lists(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "прозвучали строки из стихотворения «Родина» (1885) Ивана Сурикова",  # the author of a poem
    "к 150-летию со дня рождения В.И. Вернадского",  # a jubilee
    "к годовщине дня рождения Ивана Бунина",
    "урок по теме «М. Пришвин «Кладовая солнца»»",  # inside a quoted title
    "педагоги НМИЦ им Петра Соколова",  # an eponym written without the dot
])
def test_cited_names_are_no_people_of_the_network(sentence):
    assert names(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Учителя школы п.г.т. Степан Игнатович приняли участие в конкурсе.",  # a settlement named like a person
    "Учителя школы пгт. Степан Игнатович приехали.",
    "Школа на ул. Петра Рябинина приняла гостей.",  # a street named after someone
    "Гимназия по улице Ивана Колосова открыла корпус.",
    "Семинар прошёл в г. Н.Заречный.",
])
def test_places_named_like_people_are_no_people(sentence):
    assert names(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Встреча с Ивановой А.А. прошла успешно.", ["Иванова А.А."]),  # the preposition «с» is no village
    ("Договор заключён с Петровым В.В. и Сидоровой Г.Г.", ["Петров В.В.", "Сидорова Г.Г."]),
])
def test_a_name_after_the_preposition_s(sentence, expected):
    assert names(sentence) == expected
