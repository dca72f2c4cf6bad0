"""Awards: the kind phrase and the verb that gives it (ingest/events.py), the recipients by the verb's
construction, lists, rows and roles (ingest/link/events.py), on sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.events import find_awards
from ingest.extract import extract_facts
from ingest.readers import read_bytes


def kinds(sentence: str) -> list[str]:
    return [a.kind for a in find_awards(sentence, 0)]


def awards_of(text: str) -> set[tuple[str, str]]:
    facts = extract_facts(read_bytes(text.encode(), "awards.txt"))
    return {(a.kind, a.recipient.name) for a in facts.awards}


@pytest.mark.parametrize("sentence, kind", [
    # class AW1: the verb by its lemma, in any form
    ("Почётные грамоты получат учителя школы.", "почётная грамота"),
    ("Им вручили подарочные сертификаты.", "подарочный сертификат"),
    ("Коллектив удостоился гранта главы района.", "грант"),
    ("Он награждён нагрудным знаком «Почётный работник воспитания и просвещения».",
     "нагрудный знак «Почётный работник воспитания и просвещения»"),
    ("Ей присвоено почётное звание «Заслуженный учитель».", "почётное звание «Заслуженный учитель»"),
    ("Победителю вручён диплом I степени.", "диплом i степени"),
])
def test_award_phrases_and_verbs(sentence, kind):
    assert kinds(sentence) == [kind]


def test_a_contests_title_is_a_role_not_an_award():
    # «звание «Учитель года»» is the contest's title; «1 место» a place
    assert kinds("Звание «Учитель года» получила Иванова Анна.") == []
    assert kinds("1 место – МБОУ «СОШ № 2».") == []


def test_no_award_without_a_verb_that_gives_it():
    assert kinds("Положение о почётной грамоте утверждено в прошлом году.") == []


def test_recipients_by_the_verbs_construction():
    found = awards_of("Глава района Петров П.П. вручил благодарственное письмо Кузнецовой Марине Олеговне.\n")
    assert found == {("благодарственное письмо", "Кузнецова Марина Олеговна")}  # the dative, not the one who hands it


def test_recipients_listed_after_a_colon():
    found = awards_of("Почётные грамоты получат: учитель математики Орлова Анна Павловна и "
                      "воспитатель Белова Инна Сергеевна.\n")
    assert found == {("почётная грамота", "Орлова Анна Павловна"), ("почётная грамота", "Белова Инна Сергеевна")}


def test_recipients_in_list_items():
    found = awards_of("2. Наградить Почётной грамотой отдела образования:\n"
                      "- Смирнову Ольгу Ивановну, учителя химии МБОУ «СОШ № 3»;\n"
                      "- Павлова Игоря Петровича, учителя физики МБОУ «СОШ № 8».\n"
                      "3. Контроль за исполнением приказа оставляю за собой.\n")
    assert found == {("почётная грамота", "Смирнова Ольга Ивановна"), ("почётная грамота", "Павлов Игорь Петрович")}


def test_rows_give_each_name_its_own_award():
    # class AW3: «Name, ORG, диплом N степени» rows after «Победителями стали»
    found = awards_of("Победителями стали\nОрлова Анна Павловна, МБОУ «СОШ № 1», диплом 1 степени,\n"
                      "Белова Инна Сергеевна, Котов Илья Олегович, МАОУ «Лицей № 2», дипломы 2 степени.\n")
    assert found == {("диплом 1 степени", "Орлова Анна Павловна"), ("диплом 2 степени", "Белова Инна Сергеевна"),
                     ("диплом 2 степени", "Котов Илья Олегович")}


def test_to_all_winners_means_the_people_the_document_names_winners():
    found = awards_of("Победителем конкурса признана Орлова Анна Павловна. Призёром стал Котов Илья Олегович.\n"
                      "Всем конкурсантам были вручены грамоты.\n")
    assert found == {("грамота", "Орлова Анна Павловна"), ("грамота", "Котов Илья Олегович")}


def test_the_giver_is_no_recipient():
    found = awards_of("Гости вручили педагогам благодарственные письма и почётные грамоты Министерства образования.\n")
    assert found == set()


def test_an_organisation_that_wins_receives():
    found = awards_of("МБДОУ «Детский сад № 12» стал победителем конкурса и получил премию.\n")
    assert found == {("премия", "МБДОУ «Детский сад № 12»")}


@pytest.mark.parametrize("sentence, kind", [
    ("Орден Родительской славы получила учитель Петрова Анна Ивановна.", "орден Родительской славы"),
    ("Ордена Дружбы удостоена учитель Петрова Анна Ивановна.", "орден Дружбы"),
    ("Медалью Министерства просвещения награждена Петрова Анна Ивановна.", "медаль"),
])
def test_an_order_is_named_by_its_genitive_not_its_giver(sentence, kind):
    assert kinds(sentence) == [kind]


def test_a_workplace_in_a_post_before_the_name_receives_nothing():
    found = awards_of("Почётное звание «Заслуженный учитель» присвоено учителю Лесной средней школы "
                      "Петровой Анне Ивановне.\n")
    assert found == {("почётное звание «Заслуженный учитель»", "Петрова Анна Ивановна")}


def test_a_pronoun_receives_for_the_person_named_before():
    found = awards_of("На празднике выступила Котова Ирина Олеговна, воспитатель детского сада № 3.\n"
                      "Она получила благодарственное письмо главы района.\n")
    assert found == {("благодарственное письмо", "Котова Ирина Олеговна")}


def test_an_authority_giving_diplomas_is_no_winner():
    found = awards_of("Победителем стала Орлова Анна Павловна.\n"
                      "Победителям вручены дипломы управления образования администрации района.\n")
    assert found == {("диплом", "Орлова Анна Павловна")}


def test_recipients_in_a_table_after_the_award():
    found = awards_of("ПРИКАЗ\n\n01.10.2022 № 5\n\nПРИКАЗЫВАЮ:\n1. Наградить Почётной грамотой следующих педагогов:\n"
                      "№\tФИО\tДолжность\n1\tОрлова Анна Павловна\tучитель химии\n2\tКотов Илья Олегович\tучитель физики\n"
                      "2. Контроль оставляю за собой.\n\nНачальник отдела\t\t\tО.В. Смирнова\n")
    assert found == {("почётная грамота", "Орлова Анна Павловна"), ("почётная грамота", "Котов Илья Олегович")}


ORDER = ("Отдел образования администрации Кедровского района\nПРИКАЗ\nот 12.04.2024 № 88\nОб итогах конкурса "
         "«Самый классный классный»\n1. Наградить дипломами победителям:\nI место – Гришина Ольга Ивановна, учитель "
         "МБОУ СОШ № 8;\nII место – Рябов Олег Петрович, учитель МБОУ «Берёзовская СОШ».\n2. Утвердить состав "
         "жюри: Лисицына Мария Олеговна, Бобров Игорь Николаевич.\nНачальник отдела образования      С.С. Воронин\n")


def test_places_in_roman_numerals_are_items_of_the_list_of_awardees():
    assert awards_of(ORDER) == {("диплом победителя", "Гришина Ольга Ивановна"),
                                ("диплом победителя", "Рябов Олег Петрович")}


@pytest.mark.parametrize("sentence, kind", [
    ("Вручить дипломы призёрам: Ивановой А.А.", "диплом призёра"),
    ("Наградить сертификатами участников Петрова П.П.", "сертификат участника"),
])
def test_the_role_after_an_award_is_one_holders_grade(sentence, kind):
    assert kinds(sentence) == [kind]


def test_the_verb_premirovat_gives_a_premium_of_its_own():
    assert awards_of("Приказ\n5. Премировать Лебедеву Анну Сергеевну, учителя МБОУ СОШ № 1.\n") == {
        ("премия", "Лебедева Анна Сергеевна")}
    assert kinds("Победители премированы денежной премией.") == ["денежная премия"]
