"""Events: the rules of ingest/events.py (mentions in a sentence) and ingest/link/events.py (one event per
document-level event, dates, hosts, participants), each on sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.dates import find_dates
from ingest.events import find_events
from ingest.extract import extract_facts
from ingest.readers import read_bytes


def mentions(sentence: str):
    return find_events(sentence, 0, find_dates(sentence))


def named(sentence: str) -> list[tuple[str, str]]:
    return [(e.name, e.kind) for e in mentions(sentence) if e.named]


def facts_of(text: str):
    return extract_facts(read_bytes(text.encode(), "page.txt"))


# ---------------------------------------------------------------- mentions


def test_a_named_event_needs_no_verb_of_taking_place():
    # class E1: results lines name their contests without saying they took place
    found = named("Смирнова Вера Ильинична – лауреат областного конкурса «Педагог года – 2023».")
    assert found == [("Областной конкурс «Педагог года – 2023»", "contest")]


def test_a_stage_is_named_with_its_contest_and_takes_its_kind():
    found = mentions("Петров И.И. стал призёром регионального этапа Всероссийского конкурса «Учитель года».")
    assert [(e.name, e.kind, e.stage, e.level) for e in found] == [
        ("Региональный этап Всероссийского конкурса «Учитель года»", "contest", True, "regional")]


def test_a_stage_without_a_contest_is_no_event():
    assert mentions("На первом этапе работы участники обсудили план на год.") == []


def test_a_bare_head_is_an_event_only_beside_a_verb_of_taking_place():
    beside = mentions("В среду в библиотеке прошёл семинар.")
    assert [(e.named, e.happened) for e in beside] == [(False, True)]
    alone = mentions("Материалы семинара размещены на сайте.")
    assert [(e.named, e.happened) for e in alone] == [(False, False)]


def test_a_collective_plural_is_no_event():
    assert not any(e.named for e in mentions("Педагоги района участвуют в различных конкурсах и олимпиадах."))
    # named by a tail alone and anchored by nothing (no date, verb, venue, person): forms of work, not events
    assert facts_of("Положение.\nФормы работы: семинары учителей, заседания методических советов.\n").events == []


def test_coordinated_titles_over_one_plural_head_are_one_event_each():
    # class E5
    found = named("Стартовал районный этап конкурсов «Учитель года – 2025» и «Воспитатель года – 2025».")
    assert found == [("Районный этап конкурса «Учитель года – 2025»", "contest"),
                     ("Районный этап конкурса «Воспитатель года – 2025»", "contest")]


@pytest.mark.parametrize("sentence, name", [
    # class E3: the name is the whole phrase — its genitive chain with «и», «по …», the acronym, the title
    ("Состоялось заседание методического объединения учителей истории и обществознания.",
     "Заседание методического объединения учителей истории и обществознания"),
    ("Ребята участвовали в муниципальной олимпиаде по химии и биологии для учащихся 9 классов.",
     "Муниципальная олимпиада по химии и биологии для учащихся 9 классов"),
    ("Прошло заседание ГМО учителей технологии «Проектная деятельность на уроках».",
     "Заседание ГМО учителей технологии «Проектная деятельность на уроках»"),
    ("Объявлены итоги районного смотра-конкурса на лучший кабинет физики к новому учебному году.",
     "Районный смотр-конкурс на лучший кабинет физики к новому учебному году"),
    ("Проведён открытый урок математики в 5 классе «Обыкновенные дроби».",
     "Открытый урок математики в 5 классе «Обыкновенные дроби»"),
])
def test_the_name_is_the_whole_phrase(sentence, name):
    assert [n for n, _k in named(sentence)] == [name]


def test_a_title_further_on_across_a_coordinated_tail():
    found = named("Она – победитель межрегионального конкурса в области экологии, краеведения и работы с "
                  "молодёжью «Родной край».")
    assert found == [("Межрегиональный конкурс в области экологии, краеведения и работы с молодёжью «Родной край»",
                      "contest")]


def test_an_event_word_inside_a_title_is_no_event_of_its_own():
    assert named("Школа реализует проект «Конкурс идей для села».") == []


def test_a_cited_documents_date_is_not_the_events():
    found = mentions("В соответствии с приказом управления от 12.03.2020 № 45 проводится конкурс «Лучший урок».")
    assert [(e.name, e.date) for e in found] == [("Конкурс «Лучший урок»", None)]


def test_a_methodical_association_is_an_event_only_as_the_subject_of_taking_place():
    assert named("10 марта прошло районное методическое объединение учителей химии.") == [
        ("Районное методическое объединение учителей химии", "meeting")]
    assert named("Она руководит районным методическим объединением учителей химии.") == []


# ---------------------------------------------------------------- the document's events


def test_a_bare_head_refers_back_to_the_named_event_of_its_kind():
    facts = facts_of("Подведены итоги районного конкурса «Зелёная планета».\n"
                     "В конкурсе приняли участие 12 школ. Победителем конкурса стала Орлова Дарья Сергеевна.\n")
    assert [e.name for e in facts.events] == ["Районный конкурс «Зелёная планета»"]
    assert [p.name for p in facts.events[0].participants] == ["Орлова Дарья Сергеевна"]


def test_two_titles_are_two_events():
    facts = facts_of("Завершился конкурс «Учитель года – 2025». Начался конкурс «Воспитатель года – 2025».\n")
    assert sorted(e.name for e in facts.events) == ["Конкурс «Воспитатель года – 2025»", "Конкурс «Учитель года – 2025»"]


def test_a_contest_and_the_stage_of_it_an_order_is_about_are_one_event():
    facts = facts_of("ПРИКАЗ\n№ 12 от 01.10.2021\n\nО проведении школьного этапа\nвсероссийской олимпиады школьников\n\n"
                     "На основании Положения о всероссийской олимпиаде школьников приказываю:\n"
                     "1. Провести школьный этап всероссийской олимпиады школьников в октябре.\n")
    assert [e.name for e in facts.events] == ["Школьный этап всероссийской олимпиады школьников"]


def test_a_part_takes_the_date_and_host_of_the_larger_event():
    facts = facts_of("5 декабря 2022 года на базе МБОУ «СОШ № 4» прошёл районный семинар учителей музыки. "
                     "Участникам был показан открытый урок «Звуки осени».\n")
    lesson = next(e for e in facts.events if e.kind == "lesson")
    assert (lesson.date, lesson.host.name) == ("2022-12-05", "МБОУ «СОШ № 4»")


def test_relative_days():
    facts = facts_of("Новости\n15.04.2022 10:30\n"
                     "Сегодня стартовал городской фестиваль «Весенняя капель».\n"
                     "Районный конкурс чтецов прошёл 20 апреля. Накануне состоялась районная олимпиада по литературе.\n")
    dates = {e.name: e.date for e in facts.events}
    assert dates["Городской фестиваль «Весенняя капель»"] == "2022-04-15"  # the page's own date
    assert dates["Районная олимпиада по литературе"] == "2022-04-19"  # the day before the last dated one


def test_a_day_without_a_year_takes_the_documents_year_or_stays_unknown():
    with_year = facts_of("ПРИКАЗ\n№ 3 от 01.03.2021\n\n26 апреля провести районный семинар учителей физики.\n")
    assert with_year.events[0].date == "2021-04-26"
    without = facts_of("26 апреля прошёл районный семинар учителей физики.\n")
    assert without.events[0].date == "XXXX-04-26"


def test_winners_named_apart_from_the_event_take_part_in_the_contest():
    facts = facts_of("В ДК «Юность» прошла церемония закрытия сезона.\n"
                     "Итоги районного конкурса «Мастер педагогики» подвели в мае.\n"
                     "Победителем признана Соколова Анна Игоревна, учитель МБОУ «СОШ № 2».\n")
    contest = next(e for e in facts.events if e.kind == "contest")
    assert [p.name for p in contest.participants] == ["Соколова Анна Игоревна"]


def test_organisations_take_part_only_where_the_text_says_so():
    facts = facts_of("На базе МБДОУ «Детский сад № 7» прошёл районный семинар воспитателей. "
                     "В семинаре приняли участие педагоги МБДОУ «Детский сад № 3».\n")
    event = facts.events[0]
    assert event.host.name == "МБДОУ «Детский сад № 7»"
    assert [p.name for p in event.participants] == ["МБДОУ «Детский сад № 3»"]


def test_an_author_in_a_lessons_title_is_no_participant():
    facts = facts_of("12 мая 2023 года прошёл открытый урок «А. Барто «Игрушки»» (учитель Егорова Н.П.).\n")
    assert [p.name for p in facts.events[0].participants] == ["Егорова Н.П."]


def test_a_protocol_records_its_meeting():
    facts = facts_of("Протокол № 2\nзаседания ШМО учителей иностранного языка\nот 14.11.2022\n\n"
                     "Присутствовали: Белова А.А., Котов Б.Б.\nТема: Итоги первой четверти\n"
                     "Слушали: Белову А.А., руководителя ШМО.\n")
    meeting = facts.events[0]
    assert (meeting.kind, meeting.date) == ("meeting", "2022-11-14")
    assert meeting.name.startswith("Заседание ШМО учителей иностранного языка")
    assert {p.name for p in meeting.participants} == {"Белова А.А.", "Котов Б.Б."}


def test_a_pronoun_names_nothing():
    # «на этом семинаре»: «этом» is no adjective of the event's
    assert not any(e.named and not e.weak for e in mentions("Присутствовали на этом семинаре учителя физики."))


def test_a_stage_and_the_contest_it_is_a_stage_of_are_one_event():
    facts = facts_of("ПРИКАЗ\n№ 5 от 10.03.2023\n\nОб итогах муниципального этапа конкурса «Юный эколог»\n\n"
                     "В соответствии с Положением о Всероссийском конкурсе «Юный эколог – 2023» 9 марта 2023 года "
                     "состоялся муниципальный этап конкурса.\n")
    assert [(e.name, e.date) for e in facts.events] == [("Муниципальный этап конкурса «Юный эколог»", "2023-03-09")]


def test_a_contest_of_another_level_is_another_event():
    facts = facts_of("Победитель районного конкурса «Педагог года» Орлова Анна Павловна примет участие в "
                     "региональном этапе конкурса «Педагог года».\n")
    assert len(facts.events) == 2


def test_a_poet_whose_birthday_a_seminar_marks_is_no_participant():
    facts = facts_of("12 апреля 2022 года прошёл районный семинар библиотекарей, посвящённый дню рождения "
                     "Александра Сергеевича Пушкина. Выступила Котова Ирина Олеговна.\n")
    assert [p.name for p in facts.events[0].participants] == ["Котова Ирина Олеговна"]


def test_an_organisations_cue_must_be_in_its_own_clause():
    facts = facts_of("На основании приказа МБОУ «СОШ № 1» от 01.02.2022 проведён школьный конкурс «Знатоки». "
                     "В конкурсе приняли участие ученики 5 классов.\n")
    assert facts.events[0].participants == []


def test_parties_of_a_sentence_listing_events_of_one_kind_go_to_the_nearest():
    facts = facts_of("20 марта 2023 года педагоги посетили открытые уроки у Орловой А.П. (урок «Дроби»), "
                     "Котова И.О. (урок «Вулканы») и Беловой Н.С. (урок «Птицы»).\n")
    found = {e.name: [p.name for p in e.participants] for e in facts.events}
    assert found["Урок «Дроби»"] == ["Орлова А.П."] and found["Урок «Птицы»"] == ["Белова Н.С."]


def test_one_title_names_one_event():
    assert named("Ребята отличились в творческих конкурсах «Зимняя сказка».") == [
        ("Творческий конкурс «Зимняя сказка»", "contest")]


def test_a_meeting_with_whom():
    assert named("Прошло совещание с руководителями образовательных учреждений района.") == [
        ("Совещание с руководителями образовательных учреждений района", "meeting")]


def test_a_room_is_no_event():
    assert mentions("Совещание прошло в зале заседаний администрации района.")[0].name == "Совещание"
    assert len(mentions("Совещание прошло в зале заседаний администрации района.")) == 1


def test_a_participle_of_taking_place_names_nothing():
    assert [e.named for e in mentions("Тема состоявшегося заседания – подготовка к зиме.")] == [False]


def test_a_prefix_of_the_form_keeps_the_event():
    assert named("Состоялось онлайн-заседание методического совета района.") == [
        ("Онлайн-заседание методического совета района", "meeting")]


def test_with_whom_but_not_with_what():
    assert named("Участников заседания ознакомили с планом работы методического совета.") == []


def test_the_author_of_the_page_takes_no_part():
    facts = facts_of("В Лесном прошёл августовский педсовет\nИрина Котова, 30 августа 2021, 10:15\n"
                     "27 августа прошёл традиционный августовский педсовет. Заседание открыл глава района Олег Белов.\n")
    assert facts.document.date == "2021-08-30"
    assert [p.name for p in facts.events[0].participants] == ["Белов Олег"]


def test_a_workplace_inside_a_post_takes_no_part():
    facts = facts_of("Подведены итоги районного конкурса «Мастер». Победителем стала учитель МБОУ «СОШ № 4» "
                     "Орлова Анна Павловна.\n")
    assert [p.name for p in facts.events[0].participants] == ["Орлова Анна Павловна"]


def test_a_frame_names_its_event():
    found = named("В рамках декады математики прошли открытые уроки.")
    assert ("Декада математики", "other") in found


def test_an_orders_title_is_no_event_unless_it_names_one():
    facts = facts_of("ПРИКАЗ\n№ 7 от 01.10.2022\n\nО награждении педагогических работников\n\n"
                     "В связи с Днём учителя приказываю наградить педагогов грамотами.\n")
    assert facts.events == []


def test_a_persons_post_ends_an_events_name():
    found = mentions("Прошёл мастер-класс учителя начальных классов Смирновой Е.А. для коллег.")
    assert [e.name for e in found] == ["Мастер-класс"]
    assert named("Состоялся семинар учителей начальных классов района.") == [
        ("Семинар учителей начальных классов района", "seminar")]


def test_every_head_reads_its_example_and_the_prefilter_lets_it_through():
    from ingest.events import event_heads, may_name_an_event

    for head in event_heads():
        assert head.pattern.search(head.example), head.example
        assert may_name_an_event(f"Вчера прошёл {head.example}."), head.example
    assert not may_name_an_event("Учителя обсудили новости года.")


def test_the_one_an_event_is_dedicated_to_takes_no_part():
    facts = facts_of("15 апреля 2021 года прошёл школьный фестиваль «Звёздный путь», посвящённый 60-летию полёта "
                     "в космос Юрия Алексеевича Гагарина.\n")
    assert facts.events[0].participants == []


def test_a_venue_takes_no_part_unless_said_to():
    facts = facts_of("Районный день открытых дверей прошёл в МБОУ «СОШ № 3», в нём приняли участие родители.\n")
    assert facts.events[0].host.name == "МБОУ «СОШ № 3»" and facts.events[0].participants == []


def test_a_workplace_further_inside_a_post_takes_no_part():
    facts = facts_of("12 мая 2022 года прошёл круглый стол. В нём приняли участие проректор по учебной работе "
                     "Лесного педагогического университета Орлов Иван Петрович и учителя.\n")
    assert [p.name for p in facts.events[0].participants] == ["Орлов Иван Петрович"]


def test_a_plenary_session_is_part_of_its_conference():
    facts = facts_of("Новости\n28 августа 2023 года в МАОУ «Гимназия № 1» прошла августовская конференция педагогов "
                     "района. На пленарном заседании выступила начальник управления образования Крылова Наталья "
                     "Андреевна.\nТакже 29 августа состоялись заседания районных методических объединений.\n")
    conference = next(e for e in facts.events if e.kind == "conference")
    assert "Крылова Наталья Андреевна" in [p.name for p in conference.participants]
    assert not any("ленарн" in e.name for e in facts.events)


def test_an_exhibition_is_an_event_where_it_takes_place():
    opened = facts_of("5 декабря 2023 года в МБОУ «Сосновская СОШ» открылась выставка детских рисунков «Зимняя "
                      "сказка».\n").events
    assert [(e.name, e.kind, e.date) for e in opened] == [
        ("Выставка детских рисунков «Зимняя сказка»", "exhibition", "2023-12-05")]
    # a conference's exhibition named in passing is no event of its own
    assert mentions("Участники изучили материалы методической выставки.") == []


def test_refresher_courses_are_an_event():
    facts = facts_of("С 10 по 14 декабря 2023 года педагоги района прошли курсы повышения квалификации на базе "
                     "Института развития образования.\n")
    assert [(e.kind, e.date, e.host.name) for e in facts.events] == [
        ("internship", "2023-12-10", "Институт развития образования")]


def test_a_news_headline_is_the_one_event_of_its_kind_the_page_tells_of():
    facts = facts_of("Новости школы\nРайонный семинар учителей математики\n14 марта 2025 года на базе МБОУ СОШ № 3 "
                     "состоялся районный семинар «Функциональная грамотность». В семинаре приняли участие МБОУ "
                     "СОШ № 5 и МАОУ «Гимназия № 2».\n")
    assert [(e.name, e.date) for e in facts.events] == [("Районный семинар «Функциональная грамотность»", "2025-03-14")]


def test_a_bare_head_on_a_day_of_its_own_is_an_event_of_its_own():
    facts = facts_of("12.05.2024 | Новости\n25 апреля в МБОУ СОШ № 2 состоялась встреча молодых педагогов с "
                     "наставниками.\nПедсовет прошёл 10 мая в МБОУ СОШ № 2.\n")
    assert [(e.name, e.date) for e in facts.events] == [
        ("Встреча молодых педагогов с наставниками", "2024-04-25"), ("Педсовет", "2024-05-10")]


def test_a_hypernym_refers_back_to_the_event_named_before_it():
    facts = facts_of("Новости\n28 августа в ДК «Юбилейный» состоялась августовская конференция педагогов. На "
                     "торжественное мероприятие были приглашены ветераны.\n")
    assert [e.name for e in facts.events] == ["Августовская конференция педагогов"]
    # before any other, it names an event by what the sentence says of it
    facts = facts_of("Новости\n5 октября в школе прошло праздничное мероприятие ко Дню учителя.\n")
    assert [(e.name, e.date) for e in facts.events] == [("Праздничное мероприятие ко Дню учителя", "XXXX-10-05")]
    assert named("В рамках недели 3 мая прошло мероприятие «Математический калейдоскоп».")[-1] == (
        "Мероприятие «Математический калейдоскоп»", "other")


def test_the_adjective_tells_the_number_of_a_head_that_does_not():
    assert not any(e.named for e in mentions("Определены конкретные мероприятия по их реализации."))


@pytest.mark.parametrize("sentence, name", [
    ("26 апреля прошёл мастер-класс учителя технологии Семёновой Аллы Викторовны «Роспись по дереву».",
     "Мастер-класс «Роспись по дереву»"),
    ("Состоялся открытый урок учителя истории Пчёлкина И.И. «Битва за Москву».", "Открытый урок «Битва за Москву»"),
])
def test_a_title_after_the_person_the_event_is_of(sentence, name):
    assert named(sentence) == [(name, mentions(sentence)[0].kind)]


def test_a_school_after_the_event_gives_it_no_title():
    assert named("26 апреля прошёл семинар в МБОУ «Лесная СОШ».") == []


@pytest.mark.parametrize("sentence, name", [
    ("В МКОУ «Озёрская СОШ» прошла декада русского языка и литературы.", "Декада русского языка и литературы"),
    ("В школе прошла неделя математики и информатики.", "Неделя математики и информатики"),
])
def test_a_subjects_week_or_decade_is_named_by_its_subject(sentence, name):
    assert named(sentence) == [(name, "other")]


def test_a_week_of_the_calendar_is_no_event():
    assert named("На прошлой неделе прошли уроки.") == []


def test_a_bare_head_of_no_kind_refers_back_only_to_an_event_of_its_words():
    facts = facts_of("Новости\nВ МКОУ «Озёрская СОШ» прошёл праздник.\nСостоялась церемония награждения победителей "
                     "районного конкурса «Ученик года».\n")
    ceremony = next(e for e in facts.events if e.name.startswith("Церемония"))
    assert ceremony.host is None


def test_organisations_listed_after_one_that_takes_part_take_part_with_it():
    facts = facts_of("Новости\n14 марта 2025 года на базе МБОУ СОШ № 3 прошёл районный семинар «Читательская "
                     "грамотность».\nСеминар собрал педагогов из МБОУ СОШ № 4, МАДОУ д/с № 5 и МБОУ «Лицей № 6».\n")
    assert [p.name for p in facts.events[0].participants] == ["МБОУ СОШ № 4", "МАДОУ д/с № 5", "МБОУ «Лицей № 6»"]
