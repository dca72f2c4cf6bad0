"""Facts in, graph out: one document's facts become node and relationship rows,
written in one atomic unit of batched ``UNWIND $rows MERGE …`` statements.

Rows.  :func:`build_rows` is pure: ids come from graph/resolve.py (what an
entity is, never the load order), every node carries the document id in
``sources`` and every relationship also the sentence span in ``evidence``
(graph/model.py's ``evidence()``).  Inside one document, the same name is one
node; a person's anchor is the district of the organisation the document ties
them to, else that organisation, else the document's only district.  The
``Document`` node keeps the document's fields, text and its facts as JSON
(``facts``, so a judgement can reload it) and ``digest`` (a hash of the facts);
``ISSUED_BY``, ``SIGNED_BY`` and ``MENTIONS`` tie it to what it states.

Order independence.  Lists are kept sorted and free of duplicates by the
statements themselves (an insertion in place), and a node's ``name`` is the
best of the names written for it by a total order (:func:`name_order`), so
re-ingesting the same documents in any order gives the same graph.
Bookkeeping for removal: ``name_sources`` and ``alias_sources`` hold
``"docid:name"`` for every name a document gave the node.

Documents.  :func:`load_documents` writes each document with one
``Store.write_atomic`` (whole or not at all, even if the store is killed).
A document whose id is loaded with the same digest is unchanged and skipped;
the same id with another digest (a newer extraction), or the same source
path with a new id (an edited file), replaces the old version in the same
atomic unit.  :func:`removal_statements` takes a document out: its id leaves
every ``sources``/``evidence`` list, and whatever has no source left is
deleted; the names it alone gave are dropped from ``aliases``.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
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
from graph.store import Store
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


def _no_redirect(node_id: str, _doc: str, _name: str) -> str:
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


def build_rows(facts: DocumentFacts, doc_id: str, source: str = "", redirect: Redirect = _no_redirect) -> DocumentRows:
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


# ------------------------------------------------------------------------------------------ statements

def _insert_sorted(target: str, value: str) -> str:
    """Cypher for ``target`` with ``value`` inserted in order, once (keeps lists order-independent)."""
    return f"[x IN {target} WHERE x < {value}] + [{value}] + [x IN {target} WHERE x > {value}]"


def _insert_all(target: str, values: str) -> str:
    return f"reduce(acc = {target}, v IN {values} | {_insert_sorted('acc', 'v')})"


def _better(label: str) -> str:
    """Cypher: whether row.name comes before n.name in :func:`name_order`."""
    op = "<" if label == "Organization" else ">"
    return f"(size(row.name) {op} size(n.name) OR (size(row.name) = size(n.name) AND row.name < n.name))"


def node_statement(label: str, sublabel: str | None) -> str:
    """MERGE a batch of node rows: a new node takes the row as it is (its lists come sorted), an existing one
    gets the row's documents and names inserted in order, and the row's name if it comes first.

    ``name_sources``/``alias_sources`` are only stored once a node has two documents: until then they are
    what ``sources``, ``name`` and ``aliases`` say (most nodes have one document; the lists are half the
    node's bytes).  A row of one document leaves them out too and they are derived here."""
    # both labels in the MERGE: adding a label to a node afterwards costs FalkorDB an index update per node
    labels = f"{label}:{sublabel}" if sublabel else label
    better = _better(label)
    stored_names = "coalesce(n.name_sources, [n.sources[0] + ':' + n.name])"
    stored_aliases = "coalesce(n.alias_sources, [a IN n.aliases | n.sources[0] + ':' + a])"
    row_names = "coalesce(row.name_sources, [row.docs[0] + ':' + row.name])"
    row_aliases = "coalesce(row.alias_sources, [a IN row.aliases | row.docs[0] + ':' + a])"
    return (
        f"UNWIND $rows AS row MERGE (n:{labels} {{id: row.id}}) "
        f"ON CREATE SET n.name = row.name, n.sources = row.docs, n.aliases = row.aliases, "
        f"n.name_sources = row.name_sources, n.alias_sources = row.alias_sources, n += row.props "
        # the bookkeeping first: it reads the node's name, sources and aliases as they were
        f"ON MATCH SET n.name_sources = {_insert_all(stored_names, row_names)}, "
        f"n.alias_sources = {_insert_all(stored_aliases, row_aliases)}, "
        f"n += CASE WHEN {better} THEN row.props ELSE {{}} END, "
        f"n.name = CASE WHEN {better} THEN row.name ELSE n.name END, "
        f"n.sources = {_insert_all('n.sources', 'row.docs')}, "
        f"n.aliases = {_insert_all('n.aliases', 'row.aliases')}"
    )


def rel_statement(rel_type: str, start_label: str, end_label: str) -> str:
    """MERGE a batch of relationship rows between nodes already written (by their label and id)."""
    return (
        f"UNWIND $rows AS row MATCH (a:{start_label} {{id: row.start}}) MATCH (b:{end_label} {{id: row.end}}) "
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b) "
        f"ON CREATE SET r.sources = row.docs, r.evidence = row.evidence, r += row.props "
        f"ON MATCH SET r.sources = {_insert_all('r.sources', 'row.docs')}, "
        f"r.evidence = {_insert_all('r.evidence', 'row.evidence')}"
    )


def _in_order(values: set[str]) -> list[str]:
    """A set as a sorted list; most hold one value, which needs no sort (this runs per element)."""
    return [next(iter(values))] if len(values) == 1 else sorted(values)


# Rows per atomic unit of whole documents: bigger units mean fewer, larger statements (measured on the
# synthetic 100k/500k graph of bench/store.py: 20,000 loads ~10% faster than 5,000); each is still one
# all-or-nothing block.
UNIT_ELEMENTS = 20_000


def load_statements(documents: DocumentRows | list[DocumentRows], batch_size: int = 5000) -> list[tuple[str, dict]]:
    """The statements writing documents' rows: nodes first, then relationships, batched by label or type.

    An element stated by several of the documents is one row listing them all: FalkorDB does not see,
    within one UNWIND, the properties an earlier row set on a relationship it created.
    """
    node_groups: dict[tuple[str, str | None], list[dict]] = defaultdict(list)
    rel_groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    nodes: dict[str, dict] = {}
    rels: dict[str, dict] = {}
    for rows in [documents] if isinstance(documents, DocumentRows) else documents:
        doc = rows.doc_id
        for node in rows.nodes.values():
            aliases = _in_order(node.aliases)
            row = nodes.get(node.id)
            if row is None:  # one document: the statement derives name_sources/alias_sources
                nodes[node.id] = row = {"id": node.id, "name": node.name, "props": node.props, "docs": [doc],
                                        "aliases": aliases}
                node_groups[(node.label, node.sublabel)].append(row)
                continue
            if "name_sources" not in row:
                row["name_sources"] = [f"{row['docs'][0]}:{row['name']}"]
                row["alias_sources"] = [f"{row['docs'][0]}:{a}" for a in row["aliases"]]
            if name_order(node.label, node.name) < name_order(node.label, row["name"]):
                row["name"], row["props"] = node.name, node.props
            row["docs"] = sorted({*row["docs"], doc})
            row["aliases"] = sorted({*row["aliases"], *aliases})
            row["name_sources"] = sorted({*row["name_sources"], f"{doc}:{node.name}"})
            row["alias_sources"] = sorted({*row["alias_sources"], *(f"{doc}:{a}" for a in aliases)})
        for rel in rows.rels.values():
            row = rels.get(rel.id)
            if row is None:
                rels[rel.id] = row = {"id": rel.id, "start": rel.start, "end": rel.end, "props": rel.props,
                                      "docs": [doc], "evidence": _in_order(rel.evidence)}
                rel_groups[(rel.type, rel.start_label, rel.end_label)].append(row)
                continue
            row["docs"] = sorted({*row["docs"], doc})
            row["evidence"] = sorted({*row["evidence"], *rel.evidence})
    statements = []
    for (label, sublabel), group in sorted(node_groups.items(), key=lambda kv: (kv[0][0] != "Document", kv[0])):
        cypher = node_statement(label, sublabel)
        statements += [(cypher, {"rows": group[i:i + batch_size]}) for i in range(0, len(group), batch_size)]
    for (rel_type, start, end), group in sorted(rel_groups.items()):
        cypher = rel_statement(rel_type, start, end)
        statements += [(cypher, {"rows": group[i:i + batch_size]}) for i in range(0, len(group), batch_size)]
    return statements


# --------------------------------------------------------------------------------------------- removal

def _main_label(labels: list[str]) -> str:
    return next((label for label in labels if label not in ORG_KIND_LABELS.values()), labels[0])


def _without(entries: list[str], docs: set[str]) -> list[str]:
    return [e for e in entries if e.partition(":")[0] not in docs]


def removal_statements(store: Store, doc_ids: Iterable[str]) -> list[tuple[str, dict]]:
    """The statements taking documents out of the graph (see the module doc); reads the store once."""
    docs = sorted(set(doc_ids))
    if not docs:
        return []
    found = store.query(
        "MATCH (d:Document) WHERE d.id IN $docs MATCH (d)-[:MENTIONS]->(n) "
        "RETURN DISTINCT n.id, labels(n), n.sources, n.name_sources, n.alias_sources, n.name, n.aliases",
        {"docs": docs}).rows
    gone = set(docs)
    updates: dict[str, list[dict]] = defaultdict(list)
    deletes: dict[str, list[str]] = defaultdict(list)
    touched: dict[str, list[str]] = defaultdict(list)
    for node_id, labels, sources, name_sources, alias_sources, name, aliases in found:
        label = _main_label(labels)
        if name_sources is None and sources:  # a node of one document keeps no bookkeeping (node_statement)
            name_sources = [f"{sources[0]}:{name}"]
            alias_sources = [f"{sources[0]}:{a}" for a in aliases or []]
        touched[label].append(node_id)
        remaining = [s for s in sources or [] if s not in gone]
        if not remaining:
            deletes[label].append(node_id)
            continue
        names = [e.partition(":")[2] for e in _without(name_sources or [], gone)]
        alias_entries = _without(alias_sources or [], gone)
        row: dict[str, Any] = {"id": node_id, "sources": remaining, "name_sources": _without(name_sources or [], gone),
                               "alias_sources": alias_entries,
                               "aliases": sorted({e.partition(":")[2] for e in alias_entries}), "props": {}}
        if names:
            row["name"] = min(names, key=lambda n: name_order(label, n))
            parsed = parse_person(row["name"]) if label == "Person" else None
            row["props"] = parsed.props() if parsed else {}
        updates[label].append(row)
    statements: list[tuple[str, dict]] = []
    for label, ids in sorted(touched.items()):
        statements.append((
            f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}})-[r]->() WHERE any(x IN r.sources WHERE x IN $docs) "
            "SET r.sources = [x IN r.sources WHERE NOT x IN $docs], "
            "r.evidence = [e IN r.evidence WHERE NOT any(d IN $docs WHERE e STARTS WITH (d + ':'))]",
            {"ids": ids, "docs": docs}))
        statements.append((f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}})-[r]->() "
                           "WHERE size(r.sources) = 0 DELETE r", {"ids": ids}))
    for label, rows in sorted(updates.items()):
        statements.append((
            f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n.sources = row.sources, "
            "n.name_sources = row.name_sources, n.alias_sources = row.alias_sources, n.aliases = row.aliases, "
            "n.name = coalesce(row.name, n.name), n += row.props", {"rows": rows}))
    for label, ids in sorted(deletes.items()):
        statements.append((f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}}) DETACH DELETE n", {"ids": ids}))
    # UNWIND, not `WHERE d.id IN $docs`: FalkorDB's EXPLAIN (the store's pre-check) wants the latter's parameters
    statements.append(("UNWIND $docs AS did MATCH (d:Document {id: did}) DETACH DELETE d", {"docs": docs}))
    return statements


# ------------------------------------------------------------------------------------------- documents

@dataclass
class Outcome:
    """What happened to one document: loaded, replaced, unchanged or failed (with the reason)."""
    source: str
    doc_id: str = ""
    status: str = "loaded"
    reason: str = ""


@dataclass
class LoadSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    nodes_created: int = 0
    nodes_updated: int = 0
    rels_created: int = 0
    rels_updated: int = 0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def lines(self) -> list[str]:
        return [
            f"documents: {self.count('loaded')} loaded, {self.count('unchanged')} unchanged, "
            f"{self.count('replaced')} replaced, {self.count('failed')} failed",
            f"nodes: {self.nodes_created} new, {self.nodes_updated} updated; "
            f"relationships: {self.rels_created} new, {self.rels_updated} updated",
        ] + [f"failed: {o.reason}" for o in self.failed]

    def add_counts(self, statements: list[tuple[str, dict]], results: list) -> None:
        """New elements from the statistics; updated: the rest of the rows (existing elements a new document states)."""
        for (cypher, params), result in zip(statements, results, strict=True):
            if not cypher.startswith(_LOAD_PREFIX):
                continue
            rows = len(params["rows"])
            if " MERGE (a)-" in cypher:
                created = result.stats.get("relationships_created", 0)
                self.rels_created += created
                self.rels_updated += max(0, rows - created)
            else:
                created = result.stats.get("nodes_created", 0)
                self.nodes_created += created
                self.nodes_updated += max(0, rows - created)


_LOAD_PREFIX = "UNWIND $rows AS row M"  # node and relationship load statements (removal ones start otherwise)


def loaded_documents(store: Store) -> dict[str, tuple[str, str]]:
    """Document id → (source, digest) of every loaded document."""
    rows = store.query("MATCH (d:Document) RETURN d.id, d.source, d.digest").rows
    return {doc_id: (source or "", digest or "") for doc_id, source, digest in rows}


def source_of(facts: DocumentFacts, path: str | Path | None) -> str:
    """The absolute path a document was read from: what tells an edited file from a new one."""
    source = facts.document.source or (str(path) if path else "")
    return str(Path(source).resolve()) if source else ""


# an item to load: facts with the path they came from, or a failure line from reading/extraction
LoadItem = tuple[DocumentFacts | None, str, str | None]


@dataclass
class _Pending:
    outcome: Outcome
    rows: DocumentRows
    replaces: list[str]


class StoreInterrupted(Exception):
    """The store went away during a load; ``summary`` says what was loaded before."""

    def __init__(self, summary: LoadSummary, reason: str):
        super().__init__(reason)
        self.summary = summary


def group_statements(store: Store, group: list[_Pending]) -> list[tuple[str, dict]]:
    """One atomic unit for several documents: the removal of what they replace, then their rows."""
    replaced = sorted({old for item in group for old in item.replaces})
    return removal_statements(store, replaced) + load_statements([item.rows for item in group])


class _UnitWriter:
    """Writes units of documents in a background thread, in order, one at a time, so that the next unit is
    read, extracted and built while the store writes this one (the store is another process)."""

    def __init__(self, store: Store, summary: LoadSummary):
        self.store, self.summary = store, summary
        self.units: queue.Queue = queue.Queue(maxsize=1)
        self.done: deque[list[_Pending]] = deque()
        self.error: Exception | None = None
        self.lost: list[_Pending] = []  # the unit in flight when the store went away
        self.thread = threading.Thread(target=self._run, name="edugraph-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from graph.store import StoreUnavailable

        while (unit := self.units.get()) is not None:
            group, statements = unit
            try:
                if self.error is None:
                    _write_group(self.store, group, self.summary, statements)
                    self.done.append(group)
                else:
                    self.lost += group
            except StoreUnavailable as exc:
                self.error = exc
                self.lost += group
            except Exception as exc:  # a bug must not hang the run: it ends it, reported like a lost store
                self.error = exc
                self.lost += group
            finally:
                self.units.task_done()
        self.units.task_done()

    def submit(self, group: list[_Pending], statements: list[tuple[str, dict]] | None = None) -> None:
        self.units.put((group, statements))

    def drain(self) -> None:
        """Wait until every submitted unit is written (or lost)."""
        self.units.join()

    def close(self) -> None:
        self.drain()
        self.units.put(None)
        self.thread.join()


def load_documents(store: Store, items: Iterable[LoadItem], progress: Callable[[Outcome], None] | None = None,
                   redirect: Redirect = _no_redirect, batch_elements: int = UNIT_ELEMENTS) -> LoadSummary:
    """Load every document of ``items`` ((facts, path, error) triples); a failure never stops the others.

    Documents are written in atomic units of whole documents (about
    ``batch_elements`` rows each: fewer round trips than one per document),
    by a writer thread while the next unit is built; a unit the store refuses
    is written again one document at a time, so a bad document fails alone.
    A store that goes away ends the run with :class:`StoreInterrupted`: the
    documents written before are complete, those of the unit in flight absent.
    """
    summary = LoadSummary()
    known = loaded_documents(store)
    by_source = {source: doc_id for doc_id, (source, _digest) in known.items() if source}
    writer = _UnitWriter(store, summary)
    group: list[_Pending] = []
    size = 0

    def report(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)

    def report_written() -> None:
        while writer.done:
            for item in writer.done.popleft():
                report(item.outcome)
        if writer.error is not None:
            raise _interrupted(summary, writer, group)

    def flush() -> None:
        nonlocal group, size
        pending, group, size = group, [], 0
        if pending:
            if any(item.replaces for item in pending):
                writer.drain()  # what it replaces is read from the store: let the writes in flight land first
            writer.submit(pending)
        report_written()

    try:
        for facts, path, error in items:
            if facts is None:
                report(Outcome(path, status="failed", reason=error or f"{path}: no facts"))
                continue
            doc_id, source = document_id(facts, path), source_of(facts, path)
            rows = build_rows(facts, doc_id, source, redirect)
            outcome = Outcome(source or doc_id, doc_id)
            if doc_id in known and known[doc_id][1] == rows.digest:
                outcome.status = "unchanged"
                report(outcome)
                continue
            replaces = sorted({old for old in (doc_id if doc_id in known else None, by_source.get(source)) if old})
            if any(item.rows.doc_id in replaces for item in group):
                flush()  # what it replaces is in the unit being built: write that first
            outcome.status = "replaced" if replaces else "loaded"
            for old in replaces:
                old_source = known.pop(old, ("", ""))[0]
                by_source.pop(old_source, None)
            known[doc_id] = (source, rows.digest)
            if source:
                by_source[source] = doc_id
            group.append(_Pending(outcome, rows, replaces))
            size += len(rows.nodes) + len(rows.rels)
            if size >= batch_elements:
                flush()
        flush()
        writer.drain()
        report_written()
    finally:
        writer.close()
    return summary


def _interrupted(summary: LoadSummary, writer: _UnitWriter, unsent: list[_Pending]) -> StoreInterrupted:
    writer.drain()  # the units still queued are lost too
    for item in writer.lost + unsent:
        item.outcome.status, item.outcome.reason = "failed", f"{item.outcome.source}: not loaded ({writer.error})"
        summary.outcomes.append(item.outcome)
    writer.lost, unsent[:] = [], []
    return StoreInterrupted(summary, str(writer.error))


def write_documents(store: Store, documents: Iterable[DocumentRows],
                    batch_elements: int = UNIT_ELEMENTS) -> LoadSummary:
    """Write documents' rows as they are (new documents: nothing to replace), in the units and with the writer
    thread of :func:`load_documents`; for rows made without facts (bench/store.py)."""
    summary = LoadSummary()
    writer = _UnitWriter(store, summary)
    group: list[_Pending] = []
    size = 0
    try:
        for rows in documents:
            group.append(_Pending(Outcome(rows.source, rows.doc_id), rows, []))
            size += len(rows.nodes) + len(rows.rels)
            if size >= batch_elements:
                writer.submit(group, load_statements([item.rows for item in group]))
                group, size = [], 0
        if group:
            writer.submit(group, load_statements([item.rows for item in group]))
        writer.drain()
    finally:
        writer.close()
    if writer.error is not None:
        raise writer.error
    summary.outcomes = [item.outcome for unit in writer.done for item in unit]
    return summary


def _write_group(store: Store, group: list[_Pending], summary: LoadSummary,
                 statements: list[tuple[str, dict]] | None = None) -> None:
    """Write a unit of documents; when the store refuses it, each document alone (idempotent statements)."""
    from graph.store import StoreError, StoreUnavailable

    try:
        statements = statements or group_statements(store, group)
        summary.add_counts(statements, store.write_atomic(statements))
        return
    except StoreUnavailable:
        raise
    except StoreError as exc:
        if len(group) == 1:
            group[0].outcome.status = "failed"
            group[0].outcome.reason = f"{group[0].outcome.source}: not loaded ({exc})"
            return
    for item in group:
        _write_group(store, [item], summary)


def stored_facts(store: Store, doc_ids: Iterable[str]) -> Iterator[tuple[DocumentFacts, str]]:
    """The facts (with text) and source path of loaded documents, to load them again under new judgements."""
    rows = store.query("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.facts, d.text, d.source",
                       {"ids": sorted(set(doc_ids))}).rows
    for doc_id, facts_json, text, source in rows:
        facts = DocumentFacts.from_dict(json.loads(facts_json))
        facts.document.id, facts.document.text = doc_id, text or ""
        facts.document.source = facts.document.source or source or ""
        yield facts, source or ""


# ------------------------------------------------------------------------------------------ from paths

def _facts_files(path: Path) -> list[Path]:
    """Facts JSON files: the path itself, or those under a folder (hidden ones skipped)."""
    if path.is_file():
        return [path] if path.suffix.lower() == ".json" else []
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*.json")
                  if not any(part.startswith(".") for part in p.relative_to(path).parts))


def items_from_paths(paths: Iterable[str | Path], jobs: int = 1,
                     max_bytes: int | None = None) -> tuple[int, Iterator[LoadItem]]:
    """(number of files, the items to load) for files and folders: facts JSON files are read as they
    are, every other document is read and extracted (ingest.pipeline, ``jobs`` processes)."""
    from ingest.pipeline import DEFAULT_MAX_BYTES, extract_paths
    from ingest.readers import iter_document_paths

    facts_files: list[Path] = []
    document_paths: list[Path] = []
    for given in map(Path, paths):
        facts_files += _facts_files(given)
        if given.is_dir() or not (given.is_file() and given.suffix.lower() == ".json"):
            document_paths.append(given)
    documents = list(iter_document_paths(document_paths)) if document_paths else []
    limit = max_bytes or DEFAULT_MAX_BYTES

    def generate() -> Iterator[LoadItem]:
        for path in facts_files:
            try:
                yield DocumentFacts.load(path), str(path), None
            except ValueError as exc:
                yield None, str(path), str(exc)
        if documents:
            for result in extract_paths(document_paths, jobs=jobs, max_bytes=limit):
                yield result.facts, result.path, result.error

    return len(facts_files) + len(documents), generate()
