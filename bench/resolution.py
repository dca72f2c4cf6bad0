"""Pairwise precision and recall of entity resolution on the real name variants
of tests/fixtures/name_variants.json (targets: precision ≥ 0.98, recall ≥ 0.90).

Each mention goes the way a document's does: ingest's normaliser reads the name (with the words that
govern it, where the fixture gives them: «возложить на Хайруллину Р.Р.»), completes a one-mention
facts record, and the loader's rows give its node id. Every pair of mentions of the same type is one
decision: "same node" or not, against the gold entity of each mention. Prints the figures per type and
overall, and the pairs resolution gets wrong.

    .venv/bin/python bench/resolution.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.load.rows import build_rows  # noqa: E402
from ingest.facts import DistrictFact, DocumentFacts, DocumentInfo, OrganisationFact, PersonFact  # noqa: E402
from ingest.names import find_people, parse_name  # noqa: E402
from ingest.normalise import complete_facts  # noqa: E402

TARGET_PRECISION = 0.98
TARGET_RECALL = 0.90
VARIANTS = ROOT / "tests" / "fixtures" / "name_variants.json"


def pairwise_scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering: every pair of mentions is one decision."""
    tp = fp = fn = 0
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            same_gold, same_pred = gold[i] == gold[j], predicted[i] == predicted[j]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": tp + fn, "tp": tp, "fp": fp, "fn": fn}


def _person(mention: dict) -> PersonFact | None:
    """The person fact extraction makes of a written name, in the context the fixture gives."""
    context = mention.get("context", "")
    found = [m for m in find_people(f"{context} {mention['name']}".strip()) if m.end > len(context)]
    parsed = found[0] if found else parse_name(mention["name"])
    if parsed is None:
        return None
    return PersonFact(parsed.name, org=mention.get("org"), family=parsed.surname, given=parsed.given,
                      patronymic=parsed.patronymic, initials="".join(i + "." for i in parsed.initials))


def _node_id(number: int, facts: DocumentFacts, label: str) -> str:
    rows = build_rows(complete_facts(facts), f"variant-{number}")
    return next((n.id for n in rows.nodes.values() if n.label == label), "")


def resolve_variants(variants: dict) -> dict[str, list[tuple[str, str, str]]]:
    """(gold entity, node id, name) of every mention of a name-variant set."""
    people = []
    for number, m in enumerate(variants.get("people", [])):
        person = _person(m)
        facts = DocumentFacts(DocumentInfo(id=f"variant-{number}"), people=[person] if person else [],
                              organisations=[OrganisationFact(m["org"])] if m.get("org") else [],
                              districts=[DistrictFact(m["district"])] if m.get("district") else [])
        people.append((m["entity"], _node_id(number, facts, "Person") if person else "", m["name"]))
    orgs = []
    for number, m in enumerate(variants.get("organisations", [])):
        facts = DocumentFacts(DocumentInfo(id=f"variant-o{number}"),
                              organisations=[OrganisationFact(m["name"], m.get("kind") or "", m.get("district"))],
                              districts=[DistrictFact(m["district"])] if m.get("district") else [])
        orgs.append((m["entity"], _node_id(number, facts, "Organization"), m["name"]))
    return {"people": people, "organisations": orgs}


def wrong_pairs(mentions: list[tuple[str, str, str]]) -> list[str]:
    lines = []
    for i, (gold_a, pred_a, name_a) in enumerate(mentions):
        for gold_b, pred_b, name_b in mentions[i + 1:]:
            if (gold_a == gold_b) != (pred_a == pred_b):
                verdict = "merged, but different" if pred_a == pred_b else "kept apart, but the same"
                lines.append(f"    {verdict}: «{name_a}» / «{name_b}»")
    return lines


def main() -> int:
    resolved = resolve_variants(json.loads(VARIANTS.read_text(encoding="utf-8")))
    all_gold: list[str] = []
    all_pred: list[str] = []
    print(f"{'type':<15}{'mentions':>9}{'entities':>9}{'pairs':>7}{'precision':>11}{'recall':>8}{'F1':>7}")
    for kind, mentions in resolved.items():
        gold = [f"{kind}:{g}" for g, _p, _n in mentions]
        pred = [f"{kind}:{p}" for _g, p, _n in mentions]
        all_gold += gold
        all_pred += pred
        s = pairwise_scores(gold, pred)
        print(f"{kind:<15}{len(mentions):>9}{len(set(gold)):>9}{s['pairs']:>7}{s['precision']:>11.3f}"
              f"{s['recall']:>8.3f}{s['f1']:>7.3f}")
        for line in wrong_pairs(mentions):
            print(line)
    s = pairwise_scores(all_gold, all_pred)
    print(f"{'overall':<15}{len(all_gold):>9}{len(set(all_gold)):>9}{s['pairs']:>7}{s['precision']:>11.3f}"
          f"{s['recall']:>8.3f}{s['f1']:>7.3f}")
    ok = s["precision"] >= TARGET_PRECISION and s["recall"] >= TARGET_RECALL
    print(f"targets: precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL}: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
