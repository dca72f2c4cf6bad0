"""The document's own facts (ingest/header.py, the issuer and signatory as extract.py sets them), on
headers written for the test."""

from __future__ import annotations

import pytest

from ingest.extract import extract_facts
from ingest.header import parse_header
from ingest.readers import read_bytes

BODY = "В школе прошёл день открытых дверей, на котором гости познакомились с работой кружков и секций.\n"


def document_of(text: str):
    return extract_facts(read_bytes(text.encode(), "doc.txt")).document


def test_a_page_without_a_documents_header_is_news_dated_by_its_stamp_with_no_issuer():
    # class D1–D3: the site's name is not the issuer, the body's first date is an event's
    doc = document_of("МБОУ «Лицей № 2»\nГлавная / Новости\n\n12.05.2022 09:41\n\n10 мая 2022 года " + BODY)
    assert (doc.kind, doc.date, doc.issuer) == ("news", "2022-05-12", None)


@pytest.mark.parametrize("stamp, iso", [
    ("Просмотров: 52 | Добавил: editor | Дата: 03.03.2021", "2021-03-03"),
    ("Опубликовано: 7 апреля 2020", "2020-04-07"),
    ("2019-10-01 12:00", "2019-10-01"),
])
def test_publication_stamps(stamp, iso):
    assert parse_header("Заголовок новости\n" + BODY + stamp + "\n").date == iso


def test_a_news_items_body_date_is_not_its_own():
    assert parse_header("Заголовок новости\n15 марта 2021 года " + BODY).date is None


def test_a_dateline():
    assert parse_header("КАЗАНЬ, 14 фев — Татар-информ. " + BODY).date == "XXXX-02-14"


def test_a_kind_in_the_middle_of_a_one_line_header():
    header = parse_header("МБОУ «СОШ № 3» г. Энска ______ Заседание педагогического совета Протокол №5 от 12.10. 2021г. "
                          "Присутствовали: 30 человек. " + BODY)
    assert (header.kind, header.number, header.date) == ("protocol", "5", "2021-10-12")


@pytest.mark.parametrize("text, kind", [
    ("1. Общие положения\n1.1. Настоящее положение определяет порядок работы методического совета школы, "
     "его задачи и состав.\n", "regulation"),
    ("Руководителям образовательных организаций\n\nУважаемые коллеги!\nИнформируем вас о проведении районного "
     "семинара учителей истории.\n", "letter"),
    ("РАСПОРЯЖЕНИЕ\nот 02.02.2022 № 15-р\n", "order"),
])
def test_kinds_without_a_title_line(text, kind):
    assert parse_header(text).kind == kind


def test_a_sub_unit_under_its_parent_is_the_issuer():
    # class D4: «ОТДЕЛ ОБРАЗОВАНИЯ» written under «АДМИНИСТРАЦИЯ … РАЙОНА»
    doc = document_of("АДМИНИСТРАЦИЯ ПЕТРОВСКОГО РАЙОНА\nТАМБОВСКОЙ ОБЛАСТИ\nОТДЕЛ ОБРАЗОВАНИЯ\n\nПРИКАЗ\n\n"
                      "12.01.2022 № 7\n\nО проведении районного семинара\n\nВ целях повышения квалификации "
                      "педагогов района приказываю провести районный семинар учителей истории.\n")
    assert (doc.kind, doc.number, doc.date) == ("order", "7", "2022-01-12")
    assert doc.issuer == "Отдел образования Администрации Петровского района Тамбовской области"


def test_an_issuer_named_in_the_body():
    doc = document_of("ПОСТАНОВЛЕНИЕ\nот 10.06.2020 № 301\n\nОб утверждении положения\n\n"
                      "В целях развития системы образования Администрация Зареченского района постановляет:\n"
                      "1. Утвердить положение о методическом совете.\n")
    assert doc.issuer == "Администрация Зареченского района"


def test_an_orders_title_over_its_lines():
    header = parse_header("ПРИКАЗ\n№ 40 от 03.09.2021\n\nО проведении школьного этапа\n\nвсероссийской олимпиады "
                          "школьников\n\nВ соответствии с порядком проведения олимпиады приказываю:\n")
    assert header.title == "О проведении школьного этапа всероссийской олимпиады школьников"


def test_the_letterhead_is_the_one_above_the_kind_word_that_has_one():
    # a site repeats the title above the letterhead («Приказ № 9 …»), then the real header follows
    doc = document_of("Скачать документ\n«Приказ № 9 об олимпиаде»\n\nАДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ\n"
                      "«КРАСНИНСКИЙ РАЙОН»\nСМОЛЕНСКОЙ ОБЛАСТИ\n\nОТДЕЛ ОБРАЗОВАНИЯ\n\nПРИКАЗ\n\n№ 9 от 2 октября 2019 года\n\n"
                      "О проведении школьного этапа\n\nвсероссийской олимпиады школьников\n\n"
                      "В соответствии с порядком проведения олимпиады приказываю провести школьный этап олимпиады.\n")
    assert (doc.kind, doc.number, doc.date) == ("order", "9", "2019-10-02")
    assert doc.issuer == ("Отдел образования Администрации муниципального образования «Краснинский район» "
                          "Смоленской области")
    assert doc.title == "О проведении школьного этапа всероссийской олимпиады школьников"


def test_an_institution_under_its_founder_on_one_line():
    doc = document_of("КОМИТЕТ ПО ОБРАЗОВАНИЮ ГОРОДА ЭНСКА Муниципальное бюджетное общеобразовательное учреждение "
                      "средняя общеобразовательная школа № 4 города Энска ________________ 123456, г. Энск, ул. Мира, 1 "
                      "Заседание педагогического совета Протокол № 2 от 30.08.2022 Присутствовали: 40 человек. " + BODY)
    assert doc.kind == "protocol"
    assert doc.issuer == ("Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная "
                          "школа № 4 города Энска")


def test_an_agenda_item_is_no_title():
    header = parse_header("Протокол № 1\nот 30.08.2021\n\nПрисутствовали: 12 человек\nПредседатель: Иванова А.А.\n"
                          "Секретарь: Петрова Б.Б.\n\nПовестка дня:\n1. Об итогах года.\n2. О плане работы.\n")
    assert header.title is None


def test_an_approval_stamp_is_not_the_documents_kind():
    header = parse_header("Принято на\nпедагогическом совете\nМБОУ «СОШ № 2»\nПротокол № 1 от 30.08.2024\nУтверждаю\n"
                          "Директор МБОУ «СОШ № 2»\nПриказ № 15 от 30.08.2024\nПоложение\nо методическом совете\n"
                          "1. Общие положения\n")
    assert (header.kind, header.number, header.date) == ("regulation", None, None)


def test_a_documents_title_linked_below_a_news_paragraph_is_not_the_pages_kind():
    text = ("Итоги конкурса\n" + "В районе подвели итоги конкурса чтецов, в котором приняли участие ученики всех школ, "
            "а победители получили грамоты и памятные подарки от управления образования района.\n"
            "Положение о конкурсе чтецов\nПриказ об итогах конкурса\n")
    assert parse_header(text).kind == "news"


def test_a_greeting_is_no_letter():
    text = ("Уважаемые работники образования!\nОт всей души поздравляю вас с профессиональным праздником, желаю "
            "здоровья, счастья и новых успехов в вашем благородном труде.\nГлава района И.И. Петров\n")
    assert parse_header(text).kind == "news"


def test_a_post_and_a_name_closing_a_letter_sign_it():
    doc = document_of("Руководителям школ\n\nУважаемые коллеги!\nИнформируем вас о проведении районного семинара "
                      "учителей истории, который состоится в марте на базе гимназии.\nПриложение: на 2 л.\n"
                      "Директор В.Д. Максимова\n")
    assert (doc.kind, doc.signatory) == ("letter", "Максимова В.Д.")


def test_a_news_item_is_signed_by_nobody():
    doc = document_of("Новости школы\n" + BODY + "Заместитель директора по УВР Иванова А.А.\n")
    assert (doc.kind, doc.signatory) == ("news", None)


@pytest.mark.parametrize("capitals, recased", [
    ("ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГО РАЙОНА", "Отдел образования администрации Лесного района"),
    ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДСКОГО ОКРУГА СТРЕЖЕВОЙ",
     "Управление образования администрации городского округа Стрежевой"),
])
def test_place_names_keep_their_capitals_when_a_header_is_recased(capitals, recased):
    from ingest.header import recase_capitals

    assert recase_capitals(capitals) == recased


@pytest.mark.parametrize("dateline", ["15.03.2025 | Новости", "Новости школы • 15 марта 2025", "15.03.2025 / События"])
def test_a_date_beside_the_sites_section_is_the_pages_date(dateline):
    doc = document_of(dateline + "\nРайонный семинар\n14 марта 2025 года " + BODY)
    assert (doc.kind, doc.date) == ("news", "2025-03-15")


def test_a_letter_is_not_dated_by_the_event_it_announces():
    doc = document_of("Уважаемые коллеги!\nИнформируем вас о проведении 18 октября 2023 года вебинара «Цифровые "
                      "ресурсы» для педагогов района.\nДиректор МКУ «Методический центр»      А.В. Соколова\n")
    assert (doc.kind, doc.date) == ("letter", None)


def test_a_regulation_is_issued_by_the_organisation_whose_head_approves_it():
    doc = document_of("Рассмотрено на заседании педагогического совета\nПротокол № 1 от 30.08.2024\nУТВЕРЖДАЮ\n"
                      "Директор МБОУ СОШ № 4\n_________ Л.М. Карпова\nПриказ № 45 от 01.09.2024\nПОЛОЖЕНИЕ\n"
                      "о школьном методическом объединении\n1. Общие положения\n1.1. Настоящее положение регулирует "
                      "деятельность ШМО.\n")
    assert (doc.kind, doc.issuer) == ("regulation", "МБОУ СОШ № 4")


@pytest.mark.parametrize("line, kind, number, iso", [
    ("МБОУ СОШ № 3 ПРИКАЗ 12.01.2024 № 5", "order", "5", "2024-01-12"),
    ("Управление образования ПРИКАЗ «12» января 2024 г. № 7", "order", "7", "2024-01-12"),
    ("Стажировочная площадка МБОУ СОШ № 2 ПОЛОЖЕНИЕ о сетевом взаимодействии", "regulation", None, None),
])
def test_a_header_on_one_line(line, kind, number, iso):
    header = parse_header(line + "\n" + BODY)
    assert (header.kind, header.number, header.date) == (kind, number, iso)
