"""The bundled sample (five real seeds) extracted end to end and scored with the
company scorer against their gold facts, with the issue's thresholds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import seed_scorer

from ingest.extract import extract_facts
from ingest.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
GOLD = Path(__file__).resolve().parent / "fixtures" / "seeds_gold"


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[float, float, float]]:
    tallies: dict = {}
    for gold_file in sorted(GOLD.glob("*.json")):
        facts = extract_facts(read_document(SAMPLE / (gold_file.stem + ".txt")))
        pred = json.loads(facts.to_json(with_text=False))
        seed_scorer.score_document(json.loads(gold_file.read_text(encoding="utf-8")), pred, tallies)
    total = seed_scorer.Tally()
    out = {}
    for category, tally in tallies.items():
        total.add(tally.tp, tally.fp, tally.fn)
        out[category] = tally.prf()
    out["overall"] = total.prf()
    return out


@pytest.mark.parametrize("category, floor", [
    ("overall", 0.90), ("name_forms", 0.95), ("people", 0.95), ("organisations", 0.85),
    ("posts", 0.85), ("affiliations", 0.85), ("document", 0.9), ("events", 0.75), ("awards", 0.9),
])
def test_seed_scores_reach_the_targets(scores, category, floor):
    assert scores[category][2] >= floor, f"{category} F1 {scores[category][2]:.3f} < {floor}"


def test_every_fact_keeps_the_span_of_its_sentence():
    facts = extract_facts(read_document(SAMPLE / "000_2eaf39b14a64d8f7.txt"))
    text = facts.document.text
    for person in facts.people:
        start, end = person.span
        sentence = text[start:end]
        surname = person.name.split()[0][:5]
        assert surname in sentence or surname.upper() in sentence.upper(), (person.name, sentence)
    award = facts.awards[0]
    assert "Фандиной" in text[award.span[0]:award.span[1]]
