"""One document's facts as node and relationship rows (pure: no store).

Ids come from graph/load/keys.py (what an entity is, never the load order), every node carries the
document id in ``sources`` and every relationship also the sentence span in ``evidence``
(graph/model.py's ``evidence()``). Inside one document, the same name is one node; a person's anchor is
the district of the organisation the document ties them to, else that organisation, else the
document's only district. The ``Document`` node keeps the document's fields, text and its facts as
JSON (``facts``, so a judgement can reload it) and ``digest`` (a hash of the facts); ``ISSUED_BY``,
``SIGNED_BY`` and ``MENTIONS`` tie it to what it states. A node's ``name`` is the best of the names
written for it by a total order (:func:`name_order`), so the same documents in any order give the same
graph.
"""


from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.load.keys import (
    district_id,
    district_key,
    fold,
    guess_org_kind,
    is_region,
    looks_like_person,
    org_id,
    org_key,
    org_stems,
    parse_person,
    person_anchor,
    person_id,
    region_id,
    stable_id,
    tidy_org_name,
)
from graph.model import ORG_KIND_LABELS, document_kind_ru, evidence
from ingest.facts import DocumentFacts, Span

# ------------------------------------------------------------------------------------------------ rows


@dataclass
class NodeRow:
    label: str
    id: str
    name: str
    sublabel: str | None = None
    aliases: set[str] = field(default_factory=set)
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class RelRow:
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    id: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: set[str] = field(default_factory=set)


@dataclass
class DocumentRows:
    doc_id: str
    source: str
    digest: str
    nodes: dict[str, NodeRow] = field(default_factory=dict)
    rels: dict[str, RelRow] = field(default_factory=dict)


# a judgement hook: (node id as resolved, document id, name as written) → the node id to use
Redirect = Callable[[str, str, str], str]


def no_redirect(node_id: str, _doc: str, _name: str) -> str:
    return node_id


def name_order(label: str, name: str) -> tuple:
    """The sort key whose smallest value is a node's name: the shortest organisation name
    (the official short form), the longest other name (the fullest form), then alphabetical."""
    return (len(name) if label == "Organization" else -len(name), name)


def facts_digest(facts: DocumentFacts) -> str:
    """A hash of what a document says (its facts without the text): a new extraction changes it."""
    data = facts.to_dict(with_text=False)
    data["document"].pop("id", None)  # where it was read from is not what it says
    data["document"].pop("source", None)
    body = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def document_id(facts: DocumentFacts, path: str | Path | None = None) -> str:
    """The document's id: ``document.id``, else the facts file's name (the gold files are named by it)."""
    if facts.document.id:
        return facts.document.id
    if path:
        return Path(path).stem
    return "doc-" + facts_digest(facts)


def document_name(facts: DocumentFacts, doc_id: str) -> str:
    """«Приказ № 642 от 2013-11-07», else the title, else the file name."""
    doc = facts.document
    if doc.title:
        return doc.title
    kind = document_kind_ru(doc.kind).capitalize()
    parts = [kind] + ([f"№ {doc.number}"] if doc.number else []) + ([f"от {doc.date}"] if doc.date else [])
    if len(parts) > 1:
        return " ".join(parts)
    return Path(doc.source).name if doc.source else doc_id


class _Builder:
    """Collects one document's rows; the same entity met twice becomes one row."""

    def __init__(self, facts: DocumentFacts, doc_id: str, source: str, redirect: Redirect):
        self.facts = facts
        self.doc_id = doc_id
        self.redirect = redirect
        self.rows = DocumentRows(doc_id, source, facts_digest(facts))
        self.orgs: dict[str, str] = {}  # folded name or alias → node id
        self.org_stems: dict[str, set[str]] = defaultdict(set)  # "stems|number" → node ids
        self.org_districts: dict[str, str | None] = {}  # node id → district name
        self.people: dict[str, str] = {}  # person key → node id
        districts = [d.name for d in facts.districts if d.name and not is_region(d.name)]
        self.doc_district = districts[0] if len({district_key(d) for d in districts}) == 1 else None

    # nodes and relationships

    def node(self, label: str, node_id: str, name: str, written: str, span: Span | None,
             props: dict[str, Any] | None = None, sublabel: str | None = None,
             aliases: Iterable[str] = ()) -> str:
        node_id = self.redirect(node_id, self.doc_id, written)
        row = self.rows.nodes.get(node_id)
        if row is None:
            row = self.rows.nodes[node_id] = NodeRow(label, node_id, name, sublabel, set(), dict(props or {}))
        elif name_order(label, name) < name_order(label, row.name):
            row.name = name
            row.props.update(props or {})
        row.aliases.update(a for a in (name, written, *aliases) if a)
        if label != "Document":
            self.rel("MENTIONS", "Document", self.doc_id, label, node_id, {}, span)
        return node_id

    def rel(self, rel_type: str, start_label: str, start: str, end_label: str, end: str,
            props: dict[str, Any], span: Span | None) -> None:
        identity = json.dumps([start, rel_type, end, sorted(props.items())], ensure_ascii=False)
        rel_id = stable_id("rel", identity)
        row = self.rows.rels.get(rel_id)
        if row is None:
            row = self.rows.rels[rel_id] = RelRow(rel_type, start_label, start, end_label, end, rel_id,
                                                  {k: v for k, v in props.items() if v is not None})
        row.evidence.add(evidence(self.doc_id, span))

    # places

    def district(self, name: str, region: str | None = None, span: Span | None = None) -> tuple[str, str]:
        """(label, id) of a district, or of a region when the «district» is a region."""
        if is_region(name):
            return "Region", self.node("Region", region_id(name), name, name, span)
        node_id = self.node("District", district_id(name), name, name, span, {"region": region} if region else {})
        if region:
            region_node = self.node("Region", region_id(region), region, region, span)
            self.rel("PART_OF", "District", node_id, "Region", region_node, {}, span)
        return "District", node_id

    # organisations

    def organisation(self, name: str, kind: str | None, district: str | None, span: Span | None,
                     aliases: Iterable[str] = ()) -> str:
        kind = kind if kind in ORG_KIND_LABELS else guess_org_kind(name)
        aliases = [a for a in aliases if a]
        key = org_key(name, kind, district)
        node_id = self.node("Organization", org_id(key), tidy_org_name(name), name, span,
                            {"kind": kind, "district": district, "key": key}, ORG_KIND_LABELS[kind], aliases)
        for written in (name, *aliases):
            self.orgs.setdefault(fold(written), node_id)
        stems, number = org_stems(name, district)
        self.org_stems[f"{' '.join(stems)}|{number}"].add(node_id)
        self.org_districts[node_id] = district
        if district:
            label, place = self.district(district, span=span)
            if label == "District":
                self.rel("LOCATED_IN", "Organization", node_id, "District", place, {}, span)
        return node_id

    def org_ref(self, name: str, span: Span | None) -> str:
        """The organisation a name refers to: one the document lists, else a new node."""
        found = self.orgs.get(fold(name))
        if found:
            return found
        stems, number = org_stems(name)
        candidates = self.org_stems.get(f"{' '.join(stems)}|{number}", set())
        if len(candidates) == 1:
            return next(iter(candidates))
        return self.organisation(name, None, None, span)

    # people

    def person(self, name: str, anchor: str, span: Span | None, aliases: Iterable[str] = ()) -> str | None:
        parsed = parse_person(name)
        if parsed is None:
            return None
        node_id = self.node("Person", person_id(parsed.key, anchor), parsed.display, name, span,
                            {**parsed.props(), "key": parsed.key, "anchor": anchor}, aliases=aliases)
        self.people.setdefault(parsed.key, node_id)
        return node_id

    def person_ref(self, name: str, span: Span | None, anchor: str | None = None) -> str | None:
        parsed = parse_person(name)
        if parsed is None:
            return None
        found = self.people.get(parsed.key)
        if found:
            return self.node("Person", found, parsed.display, name, span, parsed.props())
        if anchor is None:
            anchor = person_anchor(self.doc_district, None)
        return self.person(name, anchor, span)

    def anchor_of_org(self, org: str | None) -> str:
        if org is None:
            return person_anchor(self.doc_district, None)
        return person_anchor(self.org_districts.get(org), org)

    def party_ref(self, name: str, span: Span | None) -> tuple[str, str] | None:
        """(label, id) of an event participant, a group member or an award recipient."""
        if not name:
            return None
        parsed = parse_person(name)
        if parsed is not None and (parsed.key in self.people or looks_like_person(name)):
            person = self.person_ref(name, span)
            if person:
                return "Person", person
        return "Organization", self.org_ref(name, span)


def build_rows(facts: DocumentFacts, doc_id: str, source: str = "", redirect: Redirect = no_redirect) -> DocumentRows:
    """The node and relationship rows of one document's facts (pure: no store)."""
    b = _Builder(facts, doc_id, source, redirect)
    doc = facts.document
    b.node("Document", doc_id, document_name(facts, doc_id), document_name(facts, doc_id), None, {
        "kind": doc.kind, "number": doc.number, "date": doc.date, "issuer": doc.issuer,
        "signatory": doc.signatory, "place": doc.place, "title": doc.title, "source": source, "text": doc.text,
        "digest": b.rows.digest, "facts": json.dumps(facts.to_dict(with_text=False), ensure_ascii=False),
    })
    for district in facts.districts:
        if district.name:
            b.district(district.name, district.region, district.span)
    for org in facts.organisations:
        if org.name:
            b.organisation(org.name, org.kind, org.district, org.span, org.aliases)
    _load_people(b, facts)
    issuer = b.org_ref(doc.issuer, None) if doc.issuer else None
    if issuer:
        b.rel("ISSUED_BY", "Document", doc_id, "Organization", issuer, {}, None)
    if doc.signatory:
        signatory = b.person_ref(doc.signatory, None, b.anchor_of_org(issuer) if issuer else None)
        if signatory:
            b.rel("SIGNED_BY", "Document", doc_id, "Person", signatory, {}, None)
    events = _load_events(b, facts)
    _load_awards(b, facts, events, issuer)
    _load_groups(b, facts, issuer)
    suppressed = getattr(redirect, "suppressed", None)  # facts marked wrong (graph/load/judgements.py) stay out
    if suppressed is not None:
        b.rows.rels = {key: row for key, row in b.rows.rels.items() if not suppressed(row)}
    return b.rows


def _load_people(b: _Builder, facts: DocumentFacts) -> None:
    # one anchor per person and document: a district beats an organisation beats nothing
    orgs_of: dict[str, list[str]] = defaultdict(list)
    for person in facts.people:
        parsed = parse_person(person.name) if person.name else None
        if parsed and person.org:
            orgs_of[parsed.key].append(b.org_ref(person.org, person.span))
    for person in facts.people:
        parsed = parse_person(person.name) if person.name else None
        if parsed is None:
            continue
        orgs = orgs_of.get(parsed.key, [])
        with_district = [o for o in orgs if b.org_districts.get(o)]
        anchor = b.anchor_of_org(with_district[0] if with_district else (orgs[0] if orgs else None))
        node_id = b.person(person.name, anchor, person.span, person.aliases)
        if node_id and person.org:
            org = b.org_ref(person.org, person.span)
            b.rel("HOLDS_POST", "Person", node_id, "Organization", org, {"post": person.post}, person.span)


def _load_events(b: _Builder, facts: DocumentFacts) -> dict[str, str]:
    ids: dict[str, str] = {}
    for event in facts.events:
        if not event.name:
            continue
        stems, number = org_stems(event.name)
        # an undated event is only known to be the same within its document
        key = f"{event.date}|{' '.join(stems)}|{number}" if event.date else f"{b.doc_id}|{fold(event.name)}"
        node_id = b.node("Event", stable_id("event", key), event.name, event.name, event.span,
                         {"kind": event.kind, "date": event.date})
        ids[fold(event.name)] = node_id
        parties = [(event.host, "host")] + [(p, "participant") for p in event.participants]
        for name, role in parties:
            party = b.party_ref(name, event.span) if name else None
            if party:
                b.rel("PARTICIPATED_IN", party[0], party[1], "Event", node_id, {"role": role}, event.span)
    return ids


def _load_awards(b: _Builder, facts: DocumentFacts, events: dict[str, str], issuer: str | None) -> None:
    for award in facts.awards:
        recipient = b.party_ref(award.recipient, award.span) if award.recipient else None
        if recipient is None:
            continue
        key = f"{b.doc_id}|{fold(award.kind)}|{recipient[1]}|{fold(award.event or '')}"
        name = f"{award.kind}: {award.recipient}"
        node_id = b.node("Award", stable_id("award", key), name, name, award.span,
                         {"kind": award.kind, "date": facts.document.date})
        b.rel("AWARDED_TO", "Award", node_id, recipient[0], recipient[1], {}, award.span)
        # the organisation the award names as its giver («грамотой комитета …»), else the document's issuer
        giver = b.party_ref(award.giver, award.span) if award.giver else None
        if giver is not None and giver[0] == "Organization":
            b.rel("GIVEN_BY", "Award", node_id, "Organization", giver[1], {}, award.span)
        elif issuer:
            b.rel("GIVEN_BY", "Award", node_id, "Organization", issuer, {}, award.span)
        event = events.get(fold(award.event)) if award.event else None
        if event:
            b.rel("FOR", "Award", node_id, "Event", event, {}, award.span)


def _load_groups(b: _Builder, facts: DocumentFacts, issuer: str | None) -> None:
    # a group's name («Районная проблемная группа») is only unique within a district or an issuer
    if b.doc_district:
        anchor = "district:" + district_key(b.doc_district)
    else:
        anchor = f"org:{issuer}" if issuer else f"doc:{b.doc_id}"
    for group in facts.groups:
        if not group.name:
            continue
        stems, number = org_stems(group.name)
        key = f"{group.kind}|{' '.join(stems)}|{number}|{anchor}"
        node_id = b.node("Group", stable_id("group", key), group.name, group.name, group.span,
                         {"kind": group.kind}, aliases=group.aliases)
        for member in group.members:
            party = b.party_ref(member, group.span)
            if party:
                b.rel("MEMBER_OF", party[0], party[1], "Group", node_id, {}, group.span)




def source_of(facts: DocumentFacts, path: str | Path | None) -> str:
    """The absolute path a document was read from: what tells an edited file from a new one."""
    source = facts.document.source or (str(path) if path else "")
    return str(Path(source).resolve()) if source else ""
