"""factRuEval-2016 through the project's extraction, with the benchmark's metric (bench/factrueval.py).

Reads ../shared/corpus/factRuEval-2016 (not part of the project): skipped with the reason when absent.
The full comparison with bare Natasha is ``bench/extraction.py --only factrueval``; here a handful of
documents keep the run short.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EDUGRAPH_SHARED", ROOT.parent / "shared"))
TESTSET = SHARED / "corpus" / "factRuEval-2016" / "testset"
HANDFUL = 6  # documents through the extraction: about 30 k characters
PER_F1_FLOOR = 0.85  # bare Natasha NER scores 0.87 on these documents; the issue says never below it

if not TESTSET.is_dir():
    pytest.skip(f"factRuEval-2016 test set not found at {TESTSET} (it lives in ../shared, outside the project)",
                allow_module_level=True)

_spec = importlib.util.spec_from_file_location("bench_factrueval", ROOT / "bench" / "factrueval.py")
fre = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = fre  # dataclasses look their module up there
_spec.loader.exec_module(fre)


@pytest.fixture(scope="module")
def vertinsky():
    return fre.load_document(TESTSET / "book_3539.txt")


@pytest.fixture(scope="module")
def handful():
    return fre.load_corpus(TESTSET, HANDFUL)


def test_objects_gather_the_mentions_of_one_person(vertinsky):
    person = next(o for o in vertinsky.objects if "Александр Вертинский" in o.mentions)
    assert person.type == "PER"
    assert {"Александра Вертинского", "Вертинскому", "Саша"} <= set(person.mentions)
    # mention text comes from the character spans, not the "#" comment that repeats span words
    assert "Соловцовском театре" in {m for o in vertinsky.objects if o.type == "ORG" for m in o.mentions}


def test_locorg_counts_as_a_place():
    document = fre.load_document(TESTSET / "book_3562.txt")
    places = {m for o in document.objects if o.type == "LOC" for m in o.mentions}
    assert "Афганистан" in places or "Афганистана" in places


def test_a_mention_of_discontinuous_spans_leaves_the_words_between_out():
    document = fre.load_document(TESTSET / "book_3667.txt")
    places = {m for o in document.objects if o.type == "LOC" for m in o.mentions}
    assert "Тульской областях" in places  # «Тульской, Ленинградской, …, Белгородской областях»


def test_occupations_carry_who_where_and_the_job_text(vertinsky):
    first = vertinsky.occupations[0]
    assert (first.surname, first.job) == ("Вертинский", "статистом")
    assert "Соловцовский театр" in first.where
    assert vertinsky.occupations[1].job == ""  # the second fact has no Job


@pytest.mark.parametrize(("predicted", "gold", "same"), [
    ("Вертинский Александр", "Александра Вертинского", True),
    ("Медведев", "Дмитрий Медведев", True),
    ("Прокофьев Сергей", "Сергея Прокофьева", True),
    ("Россия", "России", True),
    ("ОАО «Тюменская нефтяная компания»", "ОАО Тюменская нефтяная компания", True),
    ("компания", "ОАО Тюменская нефтяная компания", False),
    ("Вертинский", "Вербицкий", False),
])
def test_names_match_across_case_endings_but_not_across_names(predicted, gold, same):
    assert fre.names_match(fre.word_keys(predicted), fre.word_keys(gold)) is same


def test_the_gold_itself_scores_one_and_noise_lowers_precision(handful):
    perfect = {d.name: fre.Prediction(entities={k: [o.mentions for o in d.objects if o.type == k] for k in fre.TYPES})
               for d in handful}
    assert all(c.prf() == (1.0, 1.0, 1.0) for k, c in fre.score_corpus(perfect, handful).items() if k != "Occupation")
    for prediction in perfect.values():
        prediction.entities["PER"].append(("Приказ",))
    precision, recall, _ = fre.score_corpus(perfect, handful)["PER"].prf()
    assert precision < 1.0 and recall == 1.0


def test_occupation_needs_the_person_the_organisation_and_the_post(vertinsky):
    fact = vertinsky.occupations[0]
    assert fre.occupation_matches("Вертинский А.Н.", "статист", "Соловцовский театр", fact)
    assert not fre.occupation_matches("Вертинский А.Н.", "директор", "Соловцовский театр", fact)
    assert not fre.occupation_matches("Вертинский А.Н.", "статист", "МХАТ", fact)
    assert not fre.occupation_matches("Иванов Г.", "статист", "Соловцовский театр", fact)
    # the organisation written inside the post counts when no organisation is given
    assert fre.occupation_matches("Вертинский Александр", "статист Соловцовского театра", None, fact)


@pytest.mark.skipif(not (ROOT / "ingest" / "extract.py").exists(), reason="the extraction (ingest/extract.py) is absent")
def test_project_finds_the_people_of_news_texts(handful):
    from ingest import extract, readers

    predictions = {
        d.name: fre.prediction_from_facts(extract.extract_facts(readers.read_document(TESTSET / f"{d.name}.txt")))
        for d in handful
    }
    scores = fre.score_corpus(predictions, handful)
    assert scores["PER"].prf()[2] >= PER_F1_FLOOR, scores["PER"]
