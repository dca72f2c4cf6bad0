"""Pairwise precision and recall of entity resolution on the real name variants
of tests/fixtures/name_variants.json (targets: precision ≥ 0.98, recall ≥ 0.90).

Every pair of mentions of the same type is one decision: "same node" or not,
against the gold entity of each mention.  Prints the figures per type and
overall, and the pairs resolution gets wrong.

    .venv/bin/python bench/resolution.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.load.keys import pairwise_scores, resolve_variants  # noqa: E402

TARGET_PRECISION = 0.98
TARGET_RECALL = 0.90


def wrong_pairs(mentions: list[tuple[str, str, str]]) -> list[str]:
    lines = []
    for i, (gold_a, pred_a, name_a) in enumerate(mentions):
        for gold_b, pred_b, name_b in mentions[i + 1:]:
            if (gold_a == gold_b) != (pred_a == pred_b):
                verdict = "merged, but different" if pred_a == pred_b else "kept apart, but the same"
                lines.append(f"    {verdict}: «{name_a}» / «{name_b}»")
    return lines


def main() -> int:
    variants = json.loads((ROOT / "tests" / "fixtures" / "name_variants.json").read_text(encoding="utf-8"))
    resolved = resolve_variants(variants)
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
