"""Groups: the head phrases of ingest/groups.py and the members ingest/link/groups.py gives them, on
sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.extract import extract_facts
from ingest.groups import find_groups
from ingest.readers import read_bytes


def groups_in(sentence: str) -> list[tuple[str, str]]:
    return [(g.name, g.kind) for g in find_groups(sentence)]


def groups_of(text: str) -> dict[str, list[str]]:
    facts = extract_facts(read_bytes(text.encode(), "groups.txt"))
    return {g.name: [m.name for m in g.members] for g in facts.groups}


@pytest.mark.parametrize("sentence, expected", [
    # class G2: the tail is the whole genitive chain, with «и» and the school after it
    ("На заседании РМО учителей изобразительного искусства и технологии обсудили планы.",
     [("РМО учителей изобразительного искусства и технологии", "methodical_association")]),
    ("Руководитель ШМО начальных классов выступила с докладом.",
     [("ШМО начальных классов", "methodical_association")]),
    ("Победило методическое объединение учителей химии МАОУ «Лицей № 7».",
     [("Методическое объединение учителей химии МАОУ «Лицей № 7»", "methodical_association")]),
    ("Создана рабочая группа по введению обновлённых ФГОС основного общего образования.",
     [("Рабочая группа по введению обновлённых ФГОС основного общего образования", "working_group")]),
])
def test_group_tails(sentence, expected):
    assert groups_in(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # class G1: councils, organising committees, commissions and juries, when they are named
    ("Утвердить состав Совета молодых педагогов района.", [("Совет молодых педагогов района", "other")]),
    ("Решение принято оргкомитетом районной олимпиады младших школьников.",
     [("Оргкомитет районной олимпиады младших школьников", "other")]),
    ("В состав аттестационной комиссии по проверке портфолио вошли пять человек.",
     [("Аттестационная комиссия по проверке портфолио", "other")]),
    ("Утвердить состав жюри муниципального конкурса «Учитель года».",
     [("Жюри муниципального конкурса «Учитель года»", "other")]),
    ("Наградить членов муниципальной предметно-методической комиссии.",
     [("Муниципальная предметно-методическая комиссия", "other")]),
])
def test_named_councils_and_committees_are_groups(sentence, expected):
    assert groups_in(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Члены жюри конкурса отметили высокий уровень работ.",  # the document's jury, unnamed
    "Депутаты районного Совета и Совета депутатов поздравили педагогов.",  # legislatures
    "Решение принято на заседании Совета учреждения.",  # an institution's own organ
    "На заседаниях районных методических объединений обсудили итоги года.",  # a collective plural
    "Вопрос рассмотрен на педагогическом совете.",  # a meeting
])
def test_no_group(sentence):
    assert groups_in(sentence) == []


def test_a_collective_of_groups_named_one_by_one_is_none_of_its_own():
    found = groups_of("Прошёл конкурс методических объединений учителей математики. Победило методическое "
                      "объединение учителей математики МБОУ «СОШ № 1», второе место у методического объединения "
                      "учителей математики МБОУ «СОШ № 4».\n")
    assert sorted(found) == ["Методическое объединение учителей математики МБОУ «СОШ № 1»",
                             "Методическое объединение учителей математики МБОУ «СОШ № 4»"]


def test_one_group_written_out_and_abbreviated():
    found = groups_of("Создана рабочая группа по введению новых ФГОС начального общего образования. "
                      "Приказ «О составе рабочей группы по введению ФГОС НОО» утверждён.\n")
    assert list(found) == ["Рабочая группа по введению новых ФГОС начального общего образования"]


def test_two_councils_of_one_contest_stay_two():
    found = groups_of("Утвердить положение о Совете участников областного конкурса «Педагог года». "
                      "Признать утратившим силу положение о Совете победителей областного конкурса «Педагог года».\n")
    assert len(found) == 2


def test_members_listed_after_the_group():
    found = groups_of("Выступили учителя, входящие в состав экспертной комиссии по проверке олимпиадных работ: "
                      "Орлова А.П., учитель МБОУ «СОШ № 1»; Котов И.О., учитель МБОУ «СОШ № 2».\n")
    assert found == {"Экспертная комиссия по проверке олимпиадных работ": ["Орлова А.П.", "Котов И.О."]}


def test_a_protocols_body_has_everyone_present_as_members():
    found = groups_of("Протокол № 4\nзаседания ШМО учителей истории\nот 10.03.2023\n\n"
                      "Присутствовали: Белова А.А., Котов Б.Б., Лисина В.В.\nСлушали: Белову А.А.\n")
    assert found == {"ШМО учителей истории": ["Белова А.А.", "Котов Б.Б.", "Лисина В.В."]}


def test_a_persons_post_after_a_group_is_not_its_tail():
    found = groups_in("Руководителем РМО педагога-библиотекаря МБОУ СОШ № 3 назначили.")
    assert found == [("Районное методическое объединение", "methodical_association")]  # the bare «РМО», spelled out
    assert groups_in("Заседание ШМО учителей химии МБОУ «СОШ № 3» прошло в среду.") == [
        ("ШМО учителей химии МБОУ «СОШ № 3»", "methodical_association")]


def test_a_subjects_name_is_no_club():
    assert groups_in("Провела урок обществознания «Права человека» и занятие студии «Юный химик».") == [
        ("Студия «Юный химик»", "school_club")]


def test_the_one_named_right_after_a_groups_head_is_its_member():
    found = groups_of("Избран председатель Совета молодых педагогов района Лаптев И.С. (учитель истории).\n")
    assert found == {"Совет молодых педагогов района": ["Лаптев И.С."]}


@pytest.mark.parametrize("sentence, expected", [
    ("В районе работает объединение молодых педагогов «Импульс».",
     [("Объединение молодых педагогов «Импульс»", "other")]),
    ("Проведено объединение двух школ в один комплекс.", []),
])
def test_an_association_is_a_group_when_named(sentence, expected):
    assert groups_in(sentence) == expected


def test_a_news_items_jury_in_passing_is_no_group_but_one_with_members_is():
    assert groups_of("Новости\nЗавершена работа жюри муниципального этапа конкурса сочинений «Мой край».\n") == {}
    found = groups_of("Новости\nВ состав жюри муниципального этапа конкурса «Мой край» вошли: Орлова А.П., Котов И.О.\n")
    assert found == {"Жюри муниципального этапа конкурса «Мой край»": ["Орлова А.П.", "Котов И.О."]}


BODIES = ("Управление образования администрации Сосновского района\nПРИКАЗ\n20.05.2024 № 215\nОб итогах районного "
          "конкурса «Учитель года – 2024»\n1. Утвердить состав жюри: Лисицына Мария Олеговна, Бобров Игорь "
          "Николаевич.\n2. Оргкомитет в составе:\nЕжова Т.А., методист ИМЦ;\nСорокин В.В., директор МБОУ СОШ № 1.\n"
          "Начальник управления образования                     Г.П. Журавлёва\n")


def test_a_bare_jury_or_committee_before_its_list_is_the_body_of_what_the_order_is_about():
    assert groups_of(BODIES) == {
        "Жюри районного конкурса «Учитель года – 2024»": ["Лисицына Мария Олеговна", "Бобров Игорь Николаевич"],
        "Оргкомитет районного конкурса «Учитель года – 2024»": ["Ежова Т.А.", "Сорокин В.В."]}


def test_the_signature_ends_a_list_of_members():
    text = BODIES.replace("2. Оргкомитет в составе:", "2. Создать рабочую группу по подготовке конференции в составе:")
    assert groups_of(text)["Рабочая группа по подготовке конференции"] == ["Ежова Т.А.", "Сорокин В.В."]


def test_a_numbered_point_ends_an_orders_title():
    facts = extract_facts(read_bytes(BODIES.encode(), "order.txt"))
    assert facts.document.title == "Об итогах районного конкурса «Учитель года – 2024»"


@pytest.mark.parametrize("sentence, expected", [
    ("Ассоциация молодых педагогов района провела форум.",
     [("Ассоциация молодых педагогов района", "methodical_association")]),
    ("Члены методической группы учителей физики провели урок.", [("Методическая группа учителей физики", "working_group")]),
    ("Состоялось занятие школы молодого учителя.", [("Школа молодого учителя", "school_club")]),
    ("В районе работает Школа молодого специалиста «Старт».", [("Школа молодого специалиста «Старт»", "school_club")]),
    ("Педагоги вошли в состав муниципальной команды тьюторов.", [("Муниципальная команда тьюторов", "working_group")]),
])
def test_associations_schools_of_young_teachers_and_teams(sentence, expected):
    assert groups_in(sentence) == expected


CONTEST_ORDER = ("Управление образования администрации Сосновского района\nПРИКАЗ\n20.05.2024 № 215\nО проведении "
                 "районного конкурса «Учитель года – 2024»\n1. Провести районный конкурс «Учитель года – 2024» с 1 по "
                 "10 июня 2024 года.\n2. Утвердить состав оргкомитета и жюри конкурса (приложение 2).\n")


def test_an_order_about_a_contest_names_its_bodies_after_it():
    assert set(groups_of(CONTEST_ORDER)) == {"Оргкомитет районного конкурса «Учитель года – 2024»",
                                             "Жюри районного конкурса «Учитель года – 2024»"}


def test_a_jury_in_the_pages_clutter_is_no_body_of_the_contest():
    text = CONTEST_ORDER.replace("2. Утвердить состав оргкомитета и жюри конкурса (приложение 2).",
                                 "Участие педагогов в судействе и жюри, приказы о судействе.")
    assert groups_of(text) == {}


@pytest.mark.parametrize("sentence, expected", [
    ("Заседание муниципального родительского комитета прошло в школе.", [("Муниципальный родительский комитет", "other")]),
    ("Утвердить состав оргкомитета и жюри муниципального конкурса «Класс».",
     [("Жюри муниципального конкурса «Класс»", "other")]),  # not «Оргкомитет и жюри …»; a bare one names none
])
def test_parents_committees_and_two_bodies_named_together(sentence, expected):
    assert groups_in(sentence) == expected
