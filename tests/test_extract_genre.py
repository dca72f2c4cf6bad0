"""Whole documents of the genre written for the tests (tests/fixtures/genre/): an order with
award lists and a results table, a protocol of a methodical association, a kindergarten's news
page. Each checks the facts a reader of the document would take from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.events import award_kind, find_awards
from ingest.extract import extract_facts
from ingest.groups import find_groups
from ingest.header import parse_header, recase_capitals
from ingest.readers import read_document

GENRE = Path(__file__).resolve().parent / "fixtures" / "genre"


@pytest.fixture(scope="module")
def order():
    return extract_facts(read_document(GENRE / "order_awards.txt"))


@pytest.fixture(scope="module")
def protocol():
    return extract_facts(read_document(GENRE / "protocol_rmo.txt"))


@pytest.fixture(scope="module")
def news():
    return extract_facts(read_document(GENRE / "news_kindergarten.txt"))


def names(refs) -> list[str]:
    return [ref.name for ref in refs]


def people(facts) -> set[tuple]:
    return {(p.name, p.post, p.org) for p in facts.people}


def test_order_header(order):
    doc = order.document
    assert (doc.kind, doc.number, doc.date, doc.place) == ("order", "127/П", "2014-03-11", "Елань")
    assert doc.issuer == "Комитет по образованию администрации Еланского муниципального района Волгоградской области"
    assert doc.signatory == "Мищеряков Ю.Н."


def test_order_people_posts_and_schools(order):
    found = people(order)
    assert ("Курилович Анна Сергеевна", "учитель начальных классов", "МКОУ «Еланская СОШ № 1»") in found
    assert ("Заболотных Игорь Петрович", "учитель физической культуры", "МКОУ «Краснодольская ООШ»") in found
    assert ("Мешков В.В.", "директор", "МКОУ «Еланская СОШ № 1»") in found
    # «(рук. Соколов А.А.)» after a school: he works there
    assert ("Соколов А.А.", None, "МКОУ «Морецкая СОШ им. Героя Советского Союза И.Т. Пенкина»") in found
    # accusative «на … Р.Р. Рахманкулова», a post of the issuing committee
    assert any(n == "Рахманкулов Р.Р." and o and o.startswith("Комитет по образованию") for n, _p, o in found)
    # the eponym is no person of the network
    assert not any("Пенкин" in n for n, _p, _o in found)


def test_order_awards_with_their_giver(order):
    awards = {(a.kind, a.recipient.name) for a in order.awards}
    assert ("почётная грамота", "Курилович Анна Сергеевна") in awards
    assert ("благодарность", "Мешков В.В.") in awards
    # «1 место – МКОУ …»: a contest place is a role, not an award (the genre's gold convention)
    assert not any(kind.startswith("диплом") for kind, _r in awards)
    assert not any(a.recipient.name.startswith("Комитет") for a in order.awards)
    assert {a.giver.name for a in order.awards if a.kind == "почётная грамота"} == {order.document.issuer}


def test_order_event_with_theme_host_and_district(order):
    event = order.events[0]
    assert (event.kind, event.date, event.host.name) == ("contest", "2014-03-04", "МКОУ «Еланская СОШ № 1»")
    assert "«Учитель года – 2014»" in event.name
    assert [(d.name, d.region) for d in order.districts] == [("Еланский муниципальный район", "Волгоградская область")]


def test_protocol(protocol):
    doc = protocol.document
    assert (doc.kind, doc.number, doc.date, doc.signatory) == ("protocol", "3", "2019-01-15", "Лебедева Ирина Николаевна")
    found = people(protocol)
    assert ("Лебедева Ирина Николаевна", "учитель математики", "МБОУ «СОШ № 5»") in found
    assert ("Петренко Оксана Юрьевна", "учитель математики", "МБОУ «Гимназия № 2 им. А.С. Пушкина»") in found
    assert not any("Пушкин" in n for n, _p, _o in found)
    groups = {g.name: g for g in protocol.groups}
    assert list(groups) == ["Районное методическое объединение учителей математики Кировского района"]
    assert "Лебедева Ирина Николаевна" in names(groups[next(iter(groups))].members)
    # the meeting the protocol records: dated by it, held where it says, everyone named took part
    meeting = protocol.events[0]
    assert (meeting.kind, meeting.date, meeting.host.name) == ("meeting", "2019-01-15",
                                                               "МБОУ «Гимназия № 2 им. А.С. Пушкина»")
    assert {"Лебедева Ирина Николаевна", "Орлова Елена Викторовна", "Петренко Оксана Юрьевна"} <= set(
        names(meeting.participants))
    seminar = next(e for e in protocol.events if e.kind == "seminar")
    assert (seminar.date, seminar.host.name) == ("2019-02-28", "МБОУ «Лицей № 1»")


def test_news_posts_before_names_belong_to_the_host(news):
    host = "МБДОУ «Детский сад № 12 «Ромашка»»"
    found = people(news)
    assert ("Иванова Мария Петровна", "заведующий детским садом", host) in found  # the post keeps its unit
    assert ("Кузнецова Н.А.", "старший воспитатель", host) in found
    assert ("Ткаченко Ю.Ю.", "музыкальный руководитель", host) in found
    assert any(n == "Соколова Анна Игоревна" and o == "Комитет по образованию администрации города Новоалтайска"
               for n, _p, o in found)
    # a web page's date is its publication stamp, never the first date of its body (an event's)
    assert news.document.kind == "news" and news.document.date is None and news.document.issuer is None
    assert news.events[0].date == "2019-11-20"
    assert news.events[0].host.name == host
    assert {o.kind for o in news.organisations} == {"kindergarten", "authority"}


@pytest.mark.parametrize("text, kind", [
    ("Вручить благодарственные письма", "благодарственное письмо"),
    ("наградить Почетной грамотой", "почетная грамота"),
    ("вручить сертификаты участия", "сертификат участия"),
    ("объявить благодарность", "благодарность"),
])
def test_award_kinds_in_the_nominative_singular(text, kind):
    assert [a.kind for a in find_awards(text, 0)] == [kind]
    assert award_kind(text.split(maxsplit=1)[1]) == kind


def test_a_place_is_a_role_not_an_award():
    assert find_awards("2 место – МКОУ «Морецкая СОШ»", 0) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Кудашова Н.Б., руководитель ММО учителей физики", [("ММО учителей физики", "methodical_association")]),
    ("представила сетевой проект «Современный учитель: эмоциональная гибкость».",
     [("Сетевой проект «Современный учитель: эмоциональная гибкость»", "network_project")]),
    ("деятельность интерактивного клубе «Зелёная лампа»", [("Клуб «Зелёная лампа»", "school_club")]),
    ("положение о районной проблемной группе (РПГ)", [("Районная проблемная группа", "problem_group"),
                                                      ("Районная проблемная группа", "problem_group")]),
    ("на заседании рабочей группы", []),  # unnamed: the document names it, see extract
])
def test_groups(sentence, expected):
    assert [(g.name, g.kind) for g in find_groups(sentence)] == expected


def test_header_in_capitals_is_recased():
    assert recase_capitals("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ БАЛАШОВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА") == (
        "Управление образования администрации Балашовского муниципального района")


@pytest.mark.parametrize("text, kind, number", [
    ("ПРИКАЗ\n\n31.08.2021\n\n№ 426\n", "order", "426"),
    ("Приказ № 341-ОД\nот 12.03.2015\n", "order", "341-ОД"),
    ("РАСПОРЯЖЕНИЕ\nот 01.02.2016 № 12-Р\n", "order", "12-Р"),
    ("Проект\nПОСТАНОВЛЕНИЕ\nитоговой методической конференции 2016\n", "resolution", None),
    ("Аналитическая справка по стажировочным мероприятиям 14.09.2016г\n", "report", None),
])
def test_header_kind_and_number(text, kind, number):
    header = parse_header(text)
    assert (header.kind, header.number) == (kind, number)


def test_order_with_a_jury_and_a_table_of_speakers():
    facts = extract_facts(read_document(GENRE / "order_table.txt"))
    doc = facts.document
    assert (doc.kind, doc.number, doc.signatory) == ("order", "45-р", "Кротова С.В.")
    assert doc.issuer == "МКУ «Информационно-методический центр»"  # recased from the capitals of the header
    found = people(facts)
    # tab-separated cells of a table row: name, post, organisation
    assert ("Сидоренко Олег Павлович", "учитель химии", "МАОУ «Лицей № 1»") in found
    assert ("Николаева Дарья Андреевна", "учитель биологии и химии", "МБОУ «СОШ № 8»") in found
    # «МКУ «ИМЦ»» is the acronym of the issuer; the signatory's post is the issuer's, not the host school's
    assert ("Петрова Ирина Ивановна", "методист", doc.issuer) in found
    assert {(n, p, o) for n, p, o in found if n == "Кротова С.В."} == {("Кротова С.В.", "директор", doc.issuer)}
    assert [d.name for d in facts.districts] == ["Краснокамский городской округ"]
    groups = {g.name: names(g.members) for g in facts.groups}
    # the organising committee the order approves is a body of its own, with everyone its list names
    assert groups == {"Городское методическое объединение учителей химии": ["Яковлева Татьяна Петровна"],
                      "Оргкомитет муниципального семинара для учителей химии": [
                          "Петрова Ирина Ивановна", "Головин А.С.", "Яковлева Татьяна Петровна"]}


def test_posts_in_parentheses_and_a_clause_per_name():
    text = ("Приказ № 12\n15.01.2020\nВ семинаре выступили Иванова А.П. (учитель математики МБОУ «СОШ № 1») "
            "и учитель физики Центра образования № 5 Петров Игорь Сергеевич.\n")
    from ingest.readers import read_bytes

    facts = extract_facts(read_bytes(text.encode(), "speakers.txt"))
    assert people(facts) == {
        ("Иванова А.П.", "учитель математики", "МБОУ «СОШ № 1»"),
        ("Петров Игорь Сергеевич", "учитель физики", "Центр образования № 5"),
    }


def test_html_page_in_windows_1251_with_winners_awarded_by_role():
    facts = extract_facts(read_document(GENRE / "news_contest_cp1251.html"))
    assert (facts.document.kind, facts.document.date) == ("news", "2021-02-15")
    assert ("Гилева Е.С.", "учитель начальных классов", "МБОУ «Комсомольская СОШ»") in people(facts)
    event = facts.events[0]
    assert (event.kind, event.date, event.host.name) == ("contest", "2021-02-12", "МАОУ «Гимназия № 16»")
    # «Победителю и призёрам вручены дипломы …, участникам – сертификаты»
    assert {(a.kind, a.recipient.name) for a in facts.awards} == {
        ("диплом", "Ахметова Алина Ринатовна"), ("диплом", "Белоусов Кирилл Андреевич"), ("диплом", "Гилева Е.С.")}
    assert "Главная" not in facts.document.text  # the menu is not the page's text


def test_report_on_an_olympiad_names_teachers_not_pupils():
    facts = extract_facts(read_document(GENRE / "report_olympiad.txt"))
    assert (facts.document.kind, facts.document.date) == ("report", "2022-11-18")
    found = people(facts)
    names = {n for n, _p, _o in found}
    assert not names & {"Петров Иван", "Котова Мария", "Петров И.", "Котова М."}  # pupils are not the network
    assert ("Сидорова А.А.", "учитель", "МБОУ «СОШ № 1»") in found  # «(учитель Сидорова А.А.)»
    assert ("Гусев Павел Николаевич", "учитель", "МКОУ «Мальцевская СОШ»") in found
    assert ("Иванова Татьяна Михайловна", "учитель", "МБОУ «СОШ № 2»") in found
    event = facts.events[0]
    # the headline names it in full, the body «Муниципальный этап олимпиады … на базе МБОУ «Лицей № 3»»: one event
    assert (event.kind, event.name, event.host.name) == (
        "olympiad", "Муниципальный этап всероссийской олимпиады школьников по географии", "МБОУ «Лицей № 3»")
    # the town is a municipal unit beside the district of the same stem (issue 9, class 5)
    assert [d.name for d in facts.districts] == ["Шадринский муниципальный округ", "город Шадринск"]


def test_order_with_references_towns_and_hyphenated_names():
    facts = extract_facts(read_document(GENRE / "order_seminar_references.txt"))
    doc = facts.document
    assert (doc.kind, doc.number, doc.date, doc.place) == ("order", "88-п", "2019-04-15", "Богашево")
    assert doc.issuer == "Отдел образования администрации Томского района"  # capitals end at «ПРИКАЗ»
    found = people(facts)
    # «директора МАОУ «СОШ № 7» г. Томска Н.В. Кузнецову»: a town before the initials, the name after them
    assert ("Кузнецова Н.В.", "директор", "МАОУ «СОШ № 7»") in found
    assert ("Смирнова Е.А.", "учитель-логопед", "МБДОУ «Детский сад № 34»") in found  # accusative, woman
    assert ("Петрова-Водкина А.С.", "педагог-психолог", "МБОУ «Итатская СОШ»") in found  # both parts declined
    assert ("Козлова Ю.В.", "заместитель директора по ВР", None) in found  # an order names no school for her
    orgs = {o.name for o in facts.organisations}
    assert "Министерство образования и науки Республики Башкортостан" in orgs
    assert not any(o in ("Главы", "Томска") for o in orgs)
    # the ministry's republic is not the district's region; the town is a municipal unit of its own
    assert [(d.name, d.region) for d in facts.districts] == [("Томский район", None), ("город Томск", None)]


def test_word_document_with_a_table_of_group_members(tmp_path):
    from docx import Document

    word = Document()
    for line in ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ЧЕБОКСАРЫ", "ПРИКАЗ",
                 "10.09.2020                                   № 512",
                 "О создании городской творческой группы учителей информатики",
                 "1. Создать городскую творческую группу учителей информатики в составе:"):
        word.add_paragraph(line)
    rows = [("Алексеева Наталья Сергеевна", "учитель информатики", "МБОУ «СОШ № 12» г. Чебоксары"),
            ("Волков Денис Игоревич", "учитель информатики", "МАОУ «Лицей № 4» г. Чебоксары"),
            ("Егорова И.П.", "заместитель директора", "МБОУ «Гимназия № 1» г. Чебоксары")]
    table = word.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    word.add_paragraph("2. Руководителем творческой группы назначить Алексееву Наталью Сергеевну.")
    word.add_paragraph("Начальник управления образования\t\t\tД.А. Захаров")
    word.save(tmp_path / "order.docx")

    facts = extract_facts(read_document(tmp_path / "order.docx"))
    doc = facts.document
    assert (doc.kind, doc.number, doc.signatory) == ("order", "512", "Захаров Д.А.")
    assert doc.issuer == "Управление образования администрации города Чебоксары"
    assert ("Егорова И.П.", "заместитель директора", "МБОУ «Гимназия № 1»") in people(facts)
    # «Руководителем творческой группы назначить Алексееву Наталью Сергеевну»
    assert ("Алексеева Наталья Сергеевна", "руководитель творческой группы", None) in people(facts)
    assert {g.name: names(g.members) for g in facts.groups} == {"Городская творческая группа учителей информатики": [
        "Алексеева Наталья Сергеевна", "Волков Денис Игоревич", "Егорова И.П."]}


def test_a_long_document_is_extracted_window_by_window_with_spans_into_the_whole_text(monkeypatch):
    """Memory stays bounded on a long text: it is read window by window, and the facts are those of the
    whole document (spans into its text, the header of the first window, one entry per organisation)."""
    import ingest.extract as extract
    from ingest.readers import Document

    head = "ПРИКАЗ\n\nот 12.03.2019 № 45\n\n"
    body = "".join(f"Провести семинар на базе МБОУ «СОШ № {n % 3 + 1}». Выступила Петрова Анна Ивановна, "
                   f"учитель МБОУ «СОШ № {n % 3 + 1}».\n\n" for n in range(60))
    document = Document("doc-long", "long.txt", "txt", head + body)
    whole = extract.extract_facts(document)
    monkeypatch.setattr(extract, "WINDOW_CHARS", 1_500)
    windowed = extract.extract_facts(document)
    assert (windowed.document.kind, windowed.document.number) == ("order", "45")
    assert sorted(o.name for o in windowed.organisations) == sorted(o.name for o in whole.organisations)
    assert {(p.name, p.post, p.org) for p in windowed.people} == {(p.name, p.post, p.org) for p in whole.people}
    for person in windowed.people:
        start, end = person.span
        assert "Петрова" in document.text[start:end]  # spans point into the whole text
