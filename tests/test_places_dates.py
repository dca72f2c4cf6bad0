"""Districts, regions, settlements and dates as the genre writes them."""

from __future__ import annotations

import pytest

from ingest.dates import find_dates
from ingest.places import find_places


@pytest.mark.parametrize("text, expected", [
    ("администрации Балашовского муниципального района", [("Балашовский муниципальный район", "district")]),
    ("в Алейском районе", [("Алейский район", "district")]),
    ("Петровск- Забайкальского района Забайкальского края",
     [("Петровск-Забайкальский район", "district"), ("Забайкальский край", "region")]),
    ("Балтасинского муниципального района Республики Татарстан",
     [("Балтасинский муниципальный район", "district"), ("Республика Татарстан", "region")]),
    ("из 27 муниципалитетов Смоленской области", [("Смоленская область", "region")]),
    ("в городском округе Новоалтайск", [("городской округ Новоалтайск", "district")]),
    ("пгт Балтаси", [("Балтаси", "settlement")]),
])
def test_places(text, expected):
    assert [(p.name, p.type) for p in find_places(text)] == expected


def test_an_adjective_after_municipal_formation_is_not_a_district():
    assert [p.type for p in find_places("муниципальных образований Смоленской области")] == ["region"]


@pytest.mark.parametrize("text, expected", [
    ("7.11.2013 г.", ["2013-11-07"]),  # day first, never 11 July
    ("14 09.2016г      на базе", ["2016-09-14"]),
    ("от 17. 08. 2018г. №698-од", ["2018-08-17"]),
    ("« 11 » марта 2014 года", ["2014-03-11"]),
    ("10-12 июня 2016 г. прошли", ["2016-06-10"]),
    ("5 ноября 2013 года на базе", ["2013-11-05"]),
    ("20 ноября состоится", ["XXXX-11-20"]),
    ("в среду, в информационной среде", []),
    ("тел. 2-54-31, 422250", []),
])
def test_dates(text, expected):
    assert [d.iso for d in find_dates(text)] == expected


def test_long_texts_are_cut_into_windows_at_paragraphs_and_nothing_is_lost():
    from ingest.text import text_windows

    paragraph = "Приказ о проведении семинара учителей. Назначить ответственным Иванова И.И.\n\n"
    text = paragraph * 500
    windows = text_windows(text, 2_000)
    assert len(windows) > 10
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:], strict=False))  # no gap, no overlap
    assert all(text[start:end].endswith("\n\n") for start, end in windows[:-1])  # cut at paragraph breaks
    assert all(end - start <= 2_000 for start, end in windows)
