"""Dates of the genre (ingest/dates.py), on strings written for the test."""

from __future__ import annotations

import pytest

from ingest.dates import find_dates, is_cited_date, resolve_year


@pytest.mark.parametrize("text, iso", [
    ("От 14.09.21", "2021-09-14"),  # a two-digit year after «от»
    ("состоится 03.02.23 г. в актовом зале", "2023-02-03"),  # … or before «г.»
    ("МОСКВА, 5 окт — ТАСС", "XXXX-10-05"),  # a dateline's abbreviated month
    ("с 7 по 11 марта 2022 года", "2022-03-07"),  # a range: its first day
    ("с 28 февраля по 4 марта", "XXXX-02-28"),
    ("«27» января 2020 г.", "2020-01-27"),
])
def test_dates_as_the_genre_writes_them(text, iso):
    assert [d.iso for d in find_dates(text)] == [iso]


@pytest.mark.parametrize("text", ["см. п. 3.2.14 положения", "в 5 марте", "версия 1.2.20"])
def test_no_date_where_none_is_meant(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("text, cited", [
    ("на основании приказа департамента от 14.02.2019 № 77 провести", True),
    ("по решению оргкомитета от 3 мая 2021 года", True),
    ("15 марта 2021 года прошёл семинар", False),
    ("От 29.08.20", False),
])
def test_a_cited_documents_date(text, cited):
    d = find_dates(text)[0]
    assert is_cited_date(text, d.start, d.end) is cited


def test_a_missing_year_is_the_documents_or_stays_unknown():
    assert resolve_year("XXXX-04-26", "2019-01-10") == "2019-04-26"
    assert resolve_year("XXXX-04-26", None) == "XXXX-04-26"


def test_a_date_wrapped_over_two_lines():
    assert [d.iso for d in find_dates("30\nавгуста 2022 года состоялась")] == ["2022-08-30"]
