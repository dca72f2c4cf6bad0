"""The seeds' gold facts as graph records (what a store yields), for the export tests.

A deliberately small stand-in for the loader: ids from kind + name, one node per
name, sources and evidence from the seed documents themselves (the evidence span is
the sentence where the name first occurs), so that exports carry real quotes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graph.model import ORG_KIND_LABELS
from ingest.facts import DocumentFacts

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "seeds_gold"
SAMPLE_DIR = ROOT / "data" / "sample"


def _sentence_span(text: str, name: str) -> tuple[int, int] | None:
    """The span of the sentence (or line) where ``name`` (or its first word) first occurs."""
    for needle in (name, name.split()[0] if name.split() else name):
        at = text.find(needle)
        if at >= 0:
            break
    else:
        return None
    starts = [m.end() for m in re.finditer(r"[.!?]\s|\n", text[:at])]
    start = starts[-1] if starts else 0
    end_match = re.search(r"[.!?](\s|$)|\n", text[at + len(needle):])
    end = at + len(needle) + (end_match.start() + 1 if end_match else len(text) - at - len(needle))
    return start, min(end, len(text))


class GraphBuilder:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.rels: dict[tuple, dict[str, Any]] = {}

    def node(self, node_id: str, labels: list[str], doc_id: str, **props: Any) -> str:
        record = self.nodes.setdefault(node_id, {"id": node_id, "labels": labels,
                                                 "properties": {"id": node_id, "sources": [], "aliases": []}})
        stored = record["properties"]
        for key, value in props.items():
            if key == "aliases":
                stored["aliases"] += [a for a in value if a not in stored["aliases"]]
            elif value is not None and stored.get(key) is None:
                stored[key] = value
        if doc_id not in stored["sources"]:
            stored["sources"].append(doc_id)
        return node_id

    def rel(self, rel_type: str, start: str, end: str, doc_id: str, span: tuple[int, int] | None,
            **props: Any) -> None:
        key = (rel_type, start, end, tuple(sorted(props.items())))
        record = self.rels.setdefault(key, {"type": rel_type, "start": start, "end": end,
                                            "properties": {**props, "sources": [], "evidence": []}})
        stored = record["properties"]
        if doc_id not in stored["sources"]:
            stored["sources"].append(doc_id)
        ev = f"{doc_id}:{span[0]}-{span[1]}" if span else f"{doc_id}:"
        if ev not in stored["evidence"]:
            stored["evidence"].append(ev)

    def add_document(self, facts: DocumentFacts, doc_id: str, text: str) -> None:
        doc = facts.document
        title = f"{doc.kind} № {doc.number}" if doc.number else doc.kind
        self.node(doc_id, ["Document"], doc_id, name=title, kind=doc.kind, number=doc.number, date=doc.date,
                  issuer=doc.issuer, signatory=doc.signatory, place=doc.place, text=text,
                  source=f"data/sample/{doc_id}.txt")
        names: dict[str, str] = {}

        def span(name: str) -> tuple[int, int] | None:
            return _sentence_span(text, name)

        for d in facts.districts:
            did = self.node(f"district:{d.name}", ["District"], doc_id, name=d.name, region=d.region)
            names[d.name] = did
            if d.region:
                rid = self.node(f"region:{d.region}", ["Region"], doc_id, name=d.region)
                self.rel("PART_OF", did, rid, doc_id, span(d.name))
        for o in facts.organisations:
            oid = self.node(f"org:{o.name}", ["Organization", ORG_KIND_LABELS[o.kind]], doc_id, name=o.name,
                            kind=o.kind, district=o.district, aliases=o.aliases)
            names[o.name] = oid
            for alias in o.aliases:
                names[alias] = oid
            if o.district:
                did = self.node(f"district:{o.district}", ["District"], doc_id, name=o.district)
                self.rel("LOCATED_IN", oid, did, doc_id, span(o.name))
        for p in facts.people:
            parts = p.name.split()
            initials = "".join(f"{w[0]}." for w in parts[1:]) if len(parts) == 3 else (parts[1] if len(parts) > 1 else None)
            pid = self.node(f"person:{p.name}", ["Person"], doc_id, name=p.name, family=parts[0],
                            given=parts[1] if len(parts) == 3 else None,
                            patronymic=parts[2] if len(parts) == 3 else None, initials=initials)
            names[p.name] = pid
            if p.org and p.org in names:
                self.rel("HOLDS_POST", pid, names[p.org], doc_id, span(p.name), post=p.post)
        for g in facts.groups:
            gid = self.node(f"group:{g.name}", ["Group"], doc_id, name=g.name, kind=g.kind, aliases=g.aliases)
            names[g.name] = gid
            for member in g.members:
                if member in names:
                    self.rel("MEMBER_OF", names[member], gid, doc_id, span(member))
        for i, e in enumerate(facts.events):
            eid = self.node(f"event:{doc_id}:{i}", ["Event"], doc_id, name=e.name, kind=e.kind, date=e.date)
            names[e.name] = eid
            if e.host in names:
                self.rel("PARTICIPATED_IN", names[e.host], eid, doc_id, span(e.host), role="host")
            for who in e.participants:
                if who in names and who != e.host:
                    self.rel("PARTICIPATED_IN", names[who], eid, doc_id, span(who), role="participant")
        issuer = names.get(doc.issuer or "")
        for i, a in enumerate(facts.awards):
            if a.recipient not in names:
                continue
            aid = self.node(f"award:{doc_id}:{i}", ["Award"], doc_id, name=f"{a.kind}: {a.recipient}",
                            kind=a.kind, date=doc.date)
            self.rel("AWARDED_TO", aid, names[a.recipient], doc_id, span(a.recipient))
            if issuer:
                self.rel("GIVEN_BY", aid, issuer, doc_id, span(a.recipient))
            if a.event and a.event in names:
                self.rel("FOR", aid, names[a.event], doc_id, span(a.recipient))
        if issuer:
            self.rel("ISSUED_BY", doc_id, issuer, doc_id, span(doc.issuer or ""))
        if doc.signatory in names:
            self.rel("SIGNED_BY", doc_id, names[doc.signatory], doc_id, span(doc.signatory or ""))
        for target in set(names.values()):
            self.rel("MENTIONS", doc_id, target, doc_id, None)


def gold_graph() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(nodes, relationships) of the five seeds' gold facts."""
    builder = GraphBuilder()
    for path in sorted(GOLD_DIR.glob("*.json")):
        facts = DocumentFacts.load(path)
        doc_id = facts.document.id or path.stem
        text = (SAMPLE_DIR / f"{path.stem}.txt").read_text(encoding="utf-8")
        builder.add_document(facts, doc_id, text)
    return list(builder.nodes.values()), list(builder.rels.values())


def record_counts(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> dict[str, int]:
    """Nodes per label and relationships per type, as a store's counts() reports them."""
    counts: dict[str, int] = {}
    for node in nodes:
        for label in node["labels"]:
            counts[label] = counts.get(label, 0) + 1
    for rel in rels:
        counts[rel["type"]] = counts.get(rel["type"], 0) + 1
    return counts
