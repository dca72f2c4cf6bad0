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
    org_id,
    org_node_key,
    person_anchor,
    person_display,
    person_id,
    place_anchor,
    region_id,
    stable_id,
)
from graph.model import ORG_KIND_LABELS, document_kind_ru, evidence
from ingest.facts import (
    ORGANISATION,
    PERSON,
    DistrictFact,
    DocumentFacts,
    OrganisationFact,
    PersonFact,
    Ref,
    Span,
)

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


def document_id(facts: DocumentFacts, fallback: str = "") -> str:
    """The document's id: ``document.id``, else ``fallback`` (a facts file's name: the gold files are named by
    their document), else a hash of the facts."""
    return facts.document.id or fallback or "doc-" + facts_digest(facts)


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
    """Collects one document's rows; the same entity met twice becomes one row. Every reference of the facts
    names an entry of the document's lists (ingest/normalise.py completes them), found here by that name."""

    def __init__(self, facts: DocumentFacts, doc_id: str, source: str, redirect: Redirect):
        self.facts = facts
        self.doc_id = doc_id
        self.redirect = redirect
        self.rows = DocumentRows(doc_id, source, facts_digest(facts))
        self.districts = {d.name: d for d in facts.districts}
        self.org_facts = {o.name: o for o in facts.organisations}
        self.person_facts = {p.name: p for p in facts.people}
        self.orgs: dict[str, str] = {}  # organisation name → node id
        self.org_places: dict[str, str] = {}  # node id → place anchor of its district
        self.people: dict[str, str] = {}  # person key → node id
        municipal = {d.key for d in facts.districts if d.level == "district"}
        only = next(iter(municipal)) if len(municipal) == 1 else None
        self.doc_district = next((d for d in facts.districts if d.key == only), None)

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

    def district(self, fact: DistrictFact) -> tuple[str, str]:
        """(label, id) of a district, or of a region when the «district» is a region."""
        span = fact.span
        if fact.level == "region":
            return "Region", self.node("Region", region_id(fact.region_key), fact.name, fact.name, span)
        node_id = self.node("District", district_id(fact), fact.name, fact.name, span,
                            {"region": fact.region} if fact.region else {})
        if fact.region:
            region_node = self.node("Region", region_id(fact.region_key), fact.region, fact.region, span)
            self.rel("PART_OF", "District", node_id, "Region", region_node, {}, span)
        return "District", node_id

    # organisations

    def organisation(self, org: OrganisationFact) -> str:
        district = self.districts.get(org.district) if org.district else None
        node_key = org_node_key(org.kind, org.key, district)
        node_id = self.node("Organization", org_id(node_key), org.name, org.name, org.span,
                            {"kind": org.kind, "district": org.district, "key": node_key},
                            ORG_KIND_LABELS[org.kind], org.aliases)
        self.orgs.setdefault(org.name, node_id)
        self.org_places[node_id] = place_anchor(district)
        if district is not None:
            label, place = self.district(district)
            if label == "District":
                self.rel("LOCATED_IN", "Organization", node_id, "District", place, {}, org.span)
        return node_id

    def org_ref(self, name: str) -> str:
        """The node of one of the document's organisations, by its name."""
        found = self.orgs.get(name)
        if found is None:
            org = self.org_facts.get(name)
            if org is None:
                raise ValueError(f"{name!r} is no organisation of the document's facts")
            found = self.organisation(org)
        return found

    # people

    def person(self, fact: PersonFact, anchor: str, span: Span | None) -> str:
        props = {"family": fact.family, "given": fact.given, "patronymic": fact.patronymic,
                 "initials": fact.initials or None, "key": fact.key, "anchor": anchor}
        display = person_display(fact.family, fact.given, fact.patronymic, fact.initials)
        node_id = self.node("Person", person_id(fact.key, anchor), display, fact.name, span, props,
                            aliases=fact.aliases)
        self.people.setdefault(fact.key, node_id)
        return node_id

    def person_ref(self, name: str, span: Span | None, anchor: str | None = None) -> str:
        """The node of one of the document's people, by its name (its anchor: the document's district)."""
        fact = self.person_facts.get(name)
        if fact is None:
            raise ValueError(f"{name!r} is no person of the document's facts")
        found = self.people.get(fact.key)
        if found:
            return self.node("Person", found, person_display(fact.family, fact.given, fact.patronymic,
                                                              fact.initials), fact.name, span)
        return self.person(fact, self.anchor_of_org(None) if anchor is None else anchor, span)

    def anchor_of_org(self, org: str | None) -> str:
        if org is None:
            return person_anchor(place_anchor(self.doc_district), None)
        return person_anchor(self.org_places.get(org, ""), org)

    def party_ref(self, ref: Ref, span: Span | None) -> tuple[str, str]:
        """(label, id) of an event participant, a group member or an award recipient."""
        if ref.kind == PERSON:
            return "Person", self.person_ref(ref.name, span)
        return "Organization", self.org_ref(ref.name)


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
        b.district(district)
    for org in facts.organisations:
        b.organisation(org)
    for org in facts.organisations:
        if org.parent:  # «отдел … управления образования»: the body it belongs to, named in the document
            b.rel("SUBORDINATE_TO", "Organization", b.org_ref(org.name), "Organization", b.org_ref(org.parent), {},
                  org.span)
    _load_people(b, facts)
    issuer = b.org_ref(doc.issuer) if doc.issuer else None
    if issuer:
        b.rel("ISSUED_BY", "Document", doc_id, "Organization", issuer, {}, None)
    if doc.signatory and doc.signatory in b.person_facts:
        signatory = b.person_ref(doc.signatory, None, b.anchor_of_org(issuer) if issuer else None)
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
        if person.org:
            orgs_of[person.key].append(b.org_ref(person.org))
    for person in facts.people:
        orgs = orgs_of.get(person.key, [])
        with_district = [o for o in orgs if b.org_places.get(o)]
        anchor = b.anchor_of_org(with_district[0] if with_district else (orgs[0] if orgs else None))
        node_id = b.person(person, anchor, person.span)
        if person.org:
            org = b.org_ref(person.org)
            b.rel("HOLDS_POST", "Person", node_id, "Organization", org, {"post": person.post}, person.span)


def _load_events(b: _Builder, facts: DocumentFacts) -> dict[str, str]:
    ids: dict[str, str] = {}
    for event in facts.events:
        # an undated event is only known to be the same within its document
        key = f"{event.date}|{event.key}" if event.date else f"{b.doc_id}|{event.key}"
        node_id = b.node("Event", stable_id("event", key), event.name, event.name, event.span,
                         {"kind": event.kind, "date": event.date})
        ids[event.name] = node_id
        parties = ([(event.host, "host")] if event.host else []) + [(p, "participant") for p in event.participants]
        for ref, role in parties:
            label, party = b.party_ref(ref, event.span)
            b.rel("PARTICIPATED_IN", label, party, "Event", node_id, {"role": role}, event.span)
    return ids


def _load_awards(b: _Builder, facts: DocumentFacts, events: dict[str, str], issuer: str | None) -> None:
    for award in facts.awards:
        label, recipient = b.party_ref(award.recipient, award.span)
        key = f"{b.doc_id}|{award.kind.lower()}|{recipient}|{(award.event or '').lower()}"
        name = f"{award.kind}: {award.recipient.name}"
        node_id = b.node("Award", stable_id("award", key), name, name, award.span,
                         {"kind": award.kind, "date": facts.document.date})
        b.rel("AWARDED_TO", "Award", node_id, label, recipient, {}, award.span)
        # the organisation the award names as its giver («грамотой комитета …»), else the document's issuer
        if award.giver is not None and award.giver.kind == ORGANISATION:
            b.rel("GIVEN_BY", "Award", node_id, "Organization", b.org_ref(award.giver.name), {}, award.span)
        elif issuer:
            b.rel("GIVEN_BY", "Award", node_id, "Organization", issuer, {}, award.span)
        event = events.get(award.event) if award.event else None
        if event:
            b.rel("FOR", "Award", node_id, "Event", event, {}, award.span)


def _load_groups(b: _Builder, facts: DocumentFacts, issuer: str | None) -> None:
    # a group's name («Районная проблемная группа») is only unique within a district or an issuer
    if b.doc_district is not None:
        anchor = "district:" + b.doc_district.key
    else:
        anchor = f"org:{issuer}" if issuer else f"doc:{b.doc_id}"
    for group in facts.groups:
        key = f"{group.kind}|{group.key}|{anchor}"
        node_id = b.node("Group", stable_id("group", key), group.name, group.name, group.span,
                         {"kind": group.kind}, aliases=group.aliases)
        for member in group.members:
            label, party = b.party_ref(member, group.span)
            b.rel("MEMBER_OF", label, party, "Group", node_id, {}, group.span)
