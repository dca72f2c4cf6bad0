"""Who holds which post where (ingest/link/people.py): each construction of the genre on sentences made up for
the tests, read through the whole extraction."""

from __future__ import annotations

import pytest

from ingest.extract import extract_facts
from ingest.readers import Document


def people(text: str) -> set[tuple]:
    facts = extract_facts(Document("t", "t.txt", "txt", text))
    return {(p.name, p.post, p.org) for p in facts.people}


@pytest.mark.parametrize("text, expected", [
    # a post before the name, agreeing in case, its unit kept and its body the organisation
    ("Слово взяла начальник отдела образования Петрова Анна Ивановна.",
     ("Петрова Анна Ивановна", "начальник отдела образования", "Отдел образования")),
    ("Контроль возложить на главного специалиста управления образования С.В. Орлову.",
     ("Орлова С.В.", "главный специалист управления образования", "Управление образования")),
    # a school ends the post's text and is its organisation
    ("Выступила учитель истории и обществознания МБОУ «СОШ № 4» Кравец Ольга Петровна.",
     ("Кравец Ольга Петровна", "учитель истории и обществознания", "МБОУ «СОШ № 4»")),
    # the post after the name, after a comma or a dash
    ("Грамоту получила Сомова Ирина Петровна, воспитатель детского сада № 12.",
     ("Сомова Ирина Петровна", "воспитатель", "детский сад № 12")),
    ("Демидова И.П. — учитель математики МКОУ «Лесная СОШ»", ("Демидова И.П.", "учитель математики", "МКОУ «Лесная СОШ»")),
    # a genitive post inside the post: the head is the first word
    ("Доклад сделал заместитель директора по учебной работе МАОУ «Лицей № 2» Гуров П.С.",
     ("Гуров П.С.", "заместитель директора по учебной работе", "МАОУ «Лицей № 2»")),
    # a participle used as a noun keeps its gender, its instrumental stays
    ("Белова Нина Сергеевна, заведующая отделом образования, открыла совещание.",
     ("Белова Нина Сергеевна", "заведующая отделом образования", "Отдел образования")),
    # an acting post
    ("Приветствие зачитал и.о. главы администрации Фомин Олег Игоревич.",
     ("Фомин Олег Игоревич", "и.о. главы администрации", None)),  # «администрации» alone names no body
    # a body in quotes in the genitive after the post
    ("Выступила методист «Городского методического центра» Лаптева О.В.",
     ("Лаптева О.В.", "методист", "«Городской методический центр»")),
])
def test_one_post(text, expected):
    assert expected in people(text)


def test_a_list_of_posts_and_names_pairs_each_name_with_the_post_before_it():
    found = people("В работе совещания участвовали заместитель главы района Коваль Д.Н., председатель районного "
                   "Совета депутатов Ермолов П.А., начальник управления образования Сизова Т.В.")
    assert ("Коваль Д.Н.", "заместитель главы района", None) in found
    assert ("Ермолов П.А.", "председатель районного Совета депутатов", "Районный Совет депутатов") in found
    assert ("Сизова Т.В.", "начальник управления образования", "Управление образования") in found
    assert not any(n == "Коваль Д.Н." and p and p.startswith("председатель") for n, p, _o in found)


def test_one_plural_post_over_a_list_of_names():
    found = people("С отчётами выступили учителя физики Королёва Н.Н., Михайлова И.А. и Рыков В.Н.")
    assert {(n, p) for n, p, _o in found} >= {("Королёва Н.Н.", "учитель физики"), ("Михайлова И.А.", "учитель физики"),
                                              ("Рыков В.Н.", "учитель физики")}


def test_posts_stacked_before_a_name_and_a_role_among_them():
    found = people("Открыли встречу методист ИМЦ, член жюри конкурса Гришина В.В. и директор МБОУ «СОШ № 3» "
                   "Лосев А.А.")
    assert ("Гришина В.В.", "методист", "ИМЦ") in found
    assert not any(p and p.startswith("член жюри") for _n, p, _o in found)  # a role is no post
    assert ("Лосев А.А.", "директор", "МБОУ «СОШ № 3»") in found


def test_a_dash_between_two_posts_gives_both():
    found = people("Награды вручила заместитель главы администрации района — начальник управления образования "
                   "Лыкова Е.Н.")
    posts = {p for n, p, _o in found if n == "Лыкова Е.Н."}
    assert posts == {"заместитель главы администрации района", "начальник управления образования"}


def test_names_with_an_organisation_and_no_post():
    found = people("Дипломы получили: Носова Анна Петровна, МАОУ «Берёзовская СОШ», диплом 1 степени; "
                   "Лукин Пётр Ильич, МБОУ «Гимназия № 5», диплом 2 степени.")
    assert ("Носова Анна Петровна", None, "МАОУ «Берёзовская СОШ»") in found
    assert ("Лукин Пётр Ильич", None, "МБОУ «Гимназия № 5»") in found


def test_each_from_organisation_belongs_to_the_name_before_it():
    found = people("Победителями стали Олег Сомов из школы № 4, Инна Лапина из гимназии № 2 и Юлия Рябова.")
    assert ("Сомов Олег", None, "школа № 4") in found
    assert ("Лапина Инна", None, "гимназия № 2") in found
    assert any(n == "Рябова Юлия" and o is None for n, _p, o in found)


def test_a_plural_post_after_a_name_is_a_list_of_others():
    found = people("В работе приняли участие председатель профсоюза Ильина Ольга, директора школ, заведующие "
                   "детскими садами.")
    assert {p for n, p, _o in found if n == "Ильина Ольга"} == {"председатель профсоюза"}


def test_a_predicate_gives_the_post():
    found = people("Об опыте рассказала Зуева Марина Олеговна, которая работает учителем начальных классов в МБОУ "
                   "«СОШ № 8».")
    assert ("Зуева Марина Олеговна", "учитель начальных классов", "МБОУ «СОШ № 8»") in found


def test_a_post_before_the_verb_of_appointing():
    found = people("Ответственным секретарём назначить Голубеву Веру Павловну.")
    assert any(n == "Голубева Вера Павловна" and p == "ответственный секретарь" for n, p, _o in found)


def test_a_person_without_a_post_gets_no_organisation_of_the_document():
    found = people("На базе МБОУ «СОШ № 9» прошёл семинар. Гостей встретила Ирина Павлова.")
    assert ("Павлова Ирина", None, None) in found


def test_a_plural_post_before_a_colon_over_the_names_after_it():
    found = people("Наградили молодых педагогов: Татьяну Лосеву, Валентину Рыбину.")
    assert {(n, p) for n, p, _o in found} >= {("Лосева Татьяна", "молодой педагог"), ("Рыбина Валентина", "молодой педагог")}


def test_a_participle_used_as_a_noun_inside_a_post():
    found = people("Награды вручил заместитель управляющего Северным округом Игорь Лебедев.")
    assert ("Лебедев Игорь", "заместитель управляющего Северным округом", None) in found


def test_a_participle_of_working_for_a_body_gives_the_organisation():
    found = people("Опытом поделился Олег Сомов, работающий в МБОУ «Гимназия № 3».")
    assert ("Сомов Олег", None, "МБОУ «Гимназия № 3»") in found


def test_a_post_before_a_dash_and_a_name_is_that_names():
    found = people("Председатель – Н.Ю. Рогова Секретарь – Н.Г. Лосева Присутствовали 12 человек")
    assert {(n, p) for n, p, _o in found if p} == {("Рогова Н.Ю.", "председатель"), ("Лосева Н.Г.", "секретарь")}


def test_a_contest_named_after_a_post_implies_it_for_its_winner():
    found = people("Марина Сергеевна Лосева – лауреат регионального этапа конкурса «Воспитатель года России – 2025».")
    assert ("Лосева Марина Сергеевна", "воспитатель", None) in found
    found = people("Марина Сергеевна Лосева – лауреат конкурса «Мой лучший урок».")
    assert ("Лосева Марина Сергеевна", None, None) in found  # a title that names no post implies none


@pytest.mark.parametrize("text, expected", [
    ("Выступила директор МБОУ СОШ г.о. Лесогорск Панова Т.С.", ("Панова Т.С.", "директор", "МБОУ СОШ г.о. Лесогорск")),
    ("Директор МБОУ СОШ им. А.П. Зорина Лунёва О.Г. открыла семинар.",
     ("Лунёва О.Г.", "директор", "МБОУ СОШ им. А.П. Зорина")),
    # «д/с» is no preposition «с» governing the name: she stays a woman in the nominative
    ("Заведующая МАДОУ д/с № 5 «Ромашка» Ракова А.В. выступила.", ("Ракова А.В.", "заведующая", "МАДОУ д/с № 5 «Ромашка»")),
])
def test_a_post_over_an_organisation_with_dotted_abbreviations(text, expected):
    assert expected in people(text)


@pytest.mark.parametrize("text, expected", [
    # «учителя» is a genitive singular too: before a colon and names in the nominative it is the plural
    ("В семинаре участвовали учителя начальных классов: Ветрова А.А., Лозина Б.Б., Сушкова В.В.",
     {("Ветрова А.А.", "учитель начальных классов", None), ("Лозина Б.Б.", "учитель начальных классов", None),
      ("Сушкова В.В.", "учитель начальных классов", None)}),
    # a name's own post after it over the plural before the colon, the plural's organisation kept
    ("Наградить грамотами педагогов МБОУ СОШ № 2: Зуеву А.П., учителя истории, Колосову И.И., учителя музыки.",
     {("Зуева А.П.", "учитель истории", "МБОУ СОШ № 2"), ("Колосова И.И.", "учитель музыки", "МБОУ СОШ № 2")}),
    # the second name of a list under a plural post is in the nominative as the first («Колосова», no «Колосов»)
    ("Учителя математики Зуева А.П. и Колосова И.И. и учитель физики Орлова Т.Т. выступили.",
     {("Зуева А.П.", "учитель математики", None), ("Колосова И.И.", "учитель математики", None),
      ("Орлова Т.Т.", "учитель физики", None)}),
    # Natasha's organisation «Методисты ИМЦ» loses its post word: the post is the people's
    ("Методисты ИМЦ Зуева А.П., Колосова И.И. провели семинар.",
     {("Зуева А.П.", "методист", "ИМЦ"), ("Колосова И.И.", "методист", "ИМЦ")}),
])
def test_plural_posts_over_lists(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an acting prefix: the genitive post is the prefix's, the name keeps its own (nominative) case
    ("И.о. директора школы Кудрявцева Е.Е. открыла линейку.", ("Кудрявцева Е.Е.", "и.о. директора школы", None)),
    ("Исполняющий обязанности начальника отдела образования Кудрявцева Е.Е. выступила.",
     ("Кудрявцева Е.Е.", "исполняющий обязанности начальника отдела образования", "Отдел образования")),
    # a town after a school: its one word, the given name after it is the person's
    ("Учитель русского языка школы № 1 города Лесного Анна Мелихова стала победителем.",
     ("Мелихова Анна", "учитель русского языка", "школа № 1 города Лесного")),
    # a deputy's portfolio («по социальным вопросам») is the post's, not the administration's
    ("Выступила заместитель главы администрации Лесного района по социальным вопросам Ирина Дубова.",
     ("Дубова Ирина", "заместитель главы администрации Лесного района по социальным вопросам",
      "Администрация Лесного района")),
    # a clergy rank between the post and the name
    ("Настоятель храма Святой Троицы протоиерей Андрей Ветлугин освятил здание.",
     ("Ветлугин Андрей", "настоятель храма Святой Троицы", "Храм Святой Троицы")),
    # the acronym of a kind of body written alone
    ("Педагог дополнительного образования ДДТ Кудрявцева Е.Е. подготовила выставку.",
     ("Кудрявцева Е.Е.", "педагог дополнительного образования", "ДДТ")),
])
def test_posts_of_news_and_authorities(text, expected):
    assert expected in people(text)


def test_a_plural_post_over_names_each_with_its_organisation_in_brackets():
    text = "В семинаре участвовали заместители директоров по УВР Сомова И.П. (МБОУ СОШ № 1), Рябова Т.Т. (МБОУ СОШ № 2)."
    assert people(text) == {("Сомова И.П.", "заместитель директора по УВР", "МБОУ СОШ № 1"),
                            ("Рябова Т.Т.", "заместитель директора по УВР", "МБОУ СОШ № 2")}


@pytest.mark.parametrize("text, expected", [
    # a verb of heading with the body after it or before it: the organisation, no post said
    ("Анна Мелихова возглавляет школу № 5 с 2010 года.", ("Мелихова Анна", None, "школа № 5")),
    ("Школой № 5 руководит Анна Мелихова.", ("Мелихова Анна", None, "Школа № 5")),
    # a predicate a few words after the name
    ("Ольга Рябова более 20 лет работает воспитателем в детском саду «Ромашка».",
     ("Рябова Ольга", "воспитатель", "детский сад «Ромашка»")),
    # the length of service inside the post is no part of it
    ("Педагог с 30-летним стажем Ольга Рябова получила награду.", ("Рябова Ольга", "педагог", None)),
])
def test_predicates_and_service(text, expected):
    assert expected in people(text)
