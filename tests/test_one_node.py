"""The same organisation named in different documents, and in different forms, is one node."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from graph.load.rows import build_rows
from ingest.extract import extract_facts
from ingest.readers import read_document

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT.parent / "data" / "sample"
SEEDS_GOLD = ROOT / "fixtures" / "seeds_gold"
ONE_SCHOOL = ROOT / "fixtures" / "one_school"  # documents written for this test


def scorer():
    spec = importlib.util.spec_from_file_location("seed_scorer", ROOT / "seed_scorer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def organisation_nodes(paths: list[Path]) -> dict[str, set[str]]:
    """Organisation node id → its kind and every name and alias the documents gave it, over all the documents."""
    nodes: dict[str, set[str]] = {}
    for path in paths:
        facts = extract_facts(read_document(path))
        for node in build_rows(facts, path.stem).nodes.values():
            if node.label == "Organization":
                nodes.setdefault(node.id, {f"kind:{node.props['kind']}"}).update({node.name, *node.aliases})
    return nodes


def test_a_school_named_as_a_host_in_a_list_and_in_a_signature_is_one_node():
    nodes = organisation_nodes(sorted(ONE_SCHOOL.glob("*.txt")))
    second = [node for node, names in nodes.items() if any("№ 2" in n or "№2" in n for n in names)]
    fifth = [node for node, names in nodes.items() if any("№ 5" in n for n in names)]
    assert len(second) == 1, {n: nodes[n] for n in second}
    assert len(fifth) == 1 and fifth != second


def test_every_organisation_of_the_seeds_is_one_node_whatever_form_names_it():
    score = scorer()
    nodes = organisation_nodes(sorted(SEEDS.glob("*.txt")))
    checked = 0
    for gold_file in sorted(SEEDS_GOLD.glob("*.json")):
        for org in json.loads(gold_file.read_text(encoding="utf-8"))["organisations"]:
            written = [score.distinctive(g) for g in score.org_names(org) if g]  # its distinctive words, per form
            matching = {node for node, names in nodes.items() if f"kind:{org['kind']}" in names
                        and any(w and score.distinctive(n) == w for n in names for w in written)}
            assert len(matching) <= 1, (org["name"], [sorted(nodes[n]) for n in matching])
            checked += bool(matching)
    assert checked >= 25
