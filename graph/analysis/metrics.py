"""Network analytics over the stored graph: pure functions over plain records.

The input is what a store yields: node records ``{"id", "labels",
"properties"}`` and relationship records ``{"type", "start", "end",
"properties"}`` (``start``/``end`` are node ids).  A :class:`Snapshot` holds
them; everything else here is a pure function of a snapshot, so the app can
cache results per store ``version()`` and recompute only when the graph
changes.

Organisations collaborate (a derived tie, never stored) when they take part
in the same event, are named in the same document, share people (a person
holding posts in both) or share groups.  A tie's weight is the number of
documents behind it.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.model import NODE_TYPES

# what a tie between two organisations rests on: a shared event, document, person or group
TIE_KINDS = ("event", "document", "person", "group")

# betweenness is exact while sources × (nodes + edges) stays under this many steps, else sampled
BETWEENNESS_BUDGET = 1_500_000
BETWEENNESS_MIN_SAMPLES = 8
SEED = 7


@dataclass
class Snapshot:
    """The nodes and relationships of a store (or of a filtered view of it)."""

    nodes: dict[str, dict[str, Any]]
    rels: list[dict[str, Any]]

    @classmethod
    def from_records(cls, nodes: Iterable[dict[str, Any]], rels: Iterable[dict[str, Any]]) -> Snapshot:
        node_map = {n["id"]: n for n in nodes}
        # a relationship to a node we do not have cannot be drawn or measured
        return cls(node_map, [r for r in rels if r["start"] in node_map and r["end"] in node_map])


@dataclass(frozen=True)
class Filters:
    """The sidebar's filters, honoured by every page."""

    districts: tuple[str, ...] = ()
    org_kinds: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    undated: bool = True  # under a year filter: keep what undated documents state

    @property
    def active(self) -> bool:
        return bool(self.districts or self.org_kinds or self.years)


KIND_BITS = {kind: 1 << i for i, kind in enumerate(TIE_KINDS)}


@dataclass
class DocumentIndex:
    """Documents numbered in date order (undated last), so that a set of documents is one int bitmask:
    unions and intersections of the documents behind ties are single machine operations, the number of
    documents is a bit count, and the earliest document is the lowest bit."""

    ids: list[str]
    years: list[int | None]
    bits: dict[str, int]

    def mask(self, doc_ids: Iterable[str]) -> int:
        value = 0
        for doc_id in doc_ids:
            bit = self.bits.get(doc_id)
            if bit is not None:
                value |= 1 << bit
        return value

    def decode(self, mask: int) -> list[str]:
        """The documents of a mask, in date order: one step per document, not per bit."""
        found = []
        while mask:
            low = mask & -mask
            found.append(self.ids[low.bit_length() - 1])
            mask ^= low
        return found

    def first_year(self, mask: int) -> int | None:
        return self.years[(mask & -mask).bit_length() - 1] if mask else None


def document_index(snap: Snapshot) -> DocumentIndex:
    """Every document the graph names (Document nodes and relationship sources), in date order."""
    dated = sorted(((str(prop(n, "date") or "9999"), nid) for nid, n in snap.nodes.items()
                    if primary_label(n) == "Document"))
    ids = [nid for _date, nid in dated]
    known = set(ids)
    ids += sorted({d for r in snap.rels for d in rel_sources(r) if d not in known})
    years = [year_of(prop(snap.nodes[d], "date")) if d in snap.nodes else None for d in ids]
    return DocumentIndex(ids, years, {d: i for i, d in enumerate(ids)})


@dataclass
class Tie:
    """A derived collaboration tie between two organisations."""

    documents: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)

    @property
    def weight(self) -> int:
        return max(1, len(self.documents))


# ---------------------------------------------------------------- node helpers


def primary_label(node: dict[str, Any]) -> str:
    """The model label of a node (Organization for a School, …)."""
    for label in node.get("labels") or ():
        if label in NODE_TYPES:
            return label
    return (node.get("labels") or ["?"])[0]


def node_name(node: dict[str, Any]) -> str:
    props = node.get("properties") or {}
    return str(props.get("name") or props.get("title") or props.get("number") or node["id"])


def prop(node: dict[str, Any], key: str, default: Any = None) -> Any:
    return (node.get("properties") or {}).get(key, default)


def year_of(date: Any) -> int | None:
    """The year of an ISO date string (or None)."""
    text = str(date or "")
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def ids_with_label(snap: Snapshot, label: str) -> list[str]:
    return [nid for nid, node in snap.nodes.items() if primary_label(node) == label]


def document_years(snap: Snapshot) -> dict[str, int | None]:
    """Year of every Document node (from its date)."""
    return {nid: year_of(prop(n, "date")) for nid, n in snap.nodes.items() if primary_label(n) == "Document"}


def rel_sources(rel: dict[str, Any]) -> list[str]:
    return list((rel.get("properties") or {}).get("sources") or [])


def org_districts(snap: Snapshot) -> dict[str, str]:
    """Organisation id → district name (LOCATED_IN first, the ``district`` property otherwise)."""
    result: dict[str, str] = {}
    for rel in snap.rels:
        if rel["type"] == "LOCATED_IN" and primary_label(snap.nodes[rel["start"]]) == "Organization":
            result[rel["start"]] = node_name(snap.nodes[rel["end"]])
    for nid in ids_with_label(snap, "Organization"):
        if nid not in result and prop(snap.nodes[nid], "district"):
            result[nid] = str(prop(snap.nodes[nid], "district"))
    return result


# ---------------------------------------------------------------- filtering


def filter_snapshot(snap: Snapshot, filters: Filters) -> Snapshot:
    """The part of the graph the filters select.

    Years keep documents, events and awards dated in the range and the
    relationships stated by at least one such document; district and kind keep
    the matching organisations and whatever still touches one of them.
    """
    if not filters.active:
        return snap
    keep = dict(snap.nodes)
    if filters.years:
        keep = {nid: n for nid, n in keep.items() if _in_years(n, filters.years, filters.undated)}
    if filters.districts or filters.org_kinds:
        districts = org_districts(snap)
        wanted_districts = set(filters.districts)
        wanted_kinds = set(filters.org_kinds)

        def org_ok(nid: str) -> bool:
            node = snap.nodes[nid]
            if wanted_kinds and str(prop(node, "kind") or "other") not in wanted_kinds:
                return False
            return not wanted_districts or districts.get(nid) in wanted_districts

        keep = {nid: n for nid, n in keep.items()
                if primary_label(n) != "Organization" or org_ok(nid)}
        if wanted_districts:
            keep = {nid: n for nid, n in keep.items()
                    if primary_label(n) != "District" or node_name(n) in wanted_districts}
    doc_years = document_years(snap)
    rels = [r for r in snap.rels if r["start"] in keep and r["end"] in keep
            and _rel_in_years(r, doc_years, filters.years, filters.undated)]
    if filters.years:
        keep = _drop_out_of_years(keep, rels)
    if filters.districts or filters.org_kinds:
        keep, rels = _drop_detached(keep, rels)
    return Snapshot(keep, rels)


def _drop_out_of_years(nodes: dict[str, dict], rels: list[dict]) -> dict[str, dict]:
    """Under a year filter, an entity without a date of its own (an organisation, a person, a group, a
    district, an undated event) stays only while something of the chosen years still names it: what
    belongs only to excluded years must not be left behind as an orphan. Dated documents, events and
    awards were judged by their dates already."""
    touched = {end for r in rels for end in (r["start"], r["end"])}
    return {nid: n for nid, n in nodes.items()
            if nid in touched or (primary_label(n) in DATED_LABELS and year_of(prop(n, "date")) is not None)
            or primary_label(n) == "Document"}


DATED_LABELS = ("Document", "Event", "Award")


def _in_years(node: dict[str, Any], years: tuple[int, int], undated: bool = True) -> bool:
    if primary_label(node) not in DATED_LABELS:
        return True
    year = year_of(prop(node, "date"))
    return undated if year is None else years[0] <= year <= years[1]


def _rel_in_years(rel: dict[str, Any], doc_years: dict[str, int | None], years: tuple[int, int] | None,
                  undated: bool = True) -> bool:
    """A statement is in the years when one of its documents is; one stated only by undated documents
    is kept unless undated documents are left out (dropping it would hide facts rather than filter them)."""
    if not years:
        return True
    stated = [doc_years.get(s) for s in rel_sources(rel)]
    known = [y for y in stated if y is not None]
    if any(years[0] <= y <= years[1] for y in known):
        return True
    return undated and not known


def _drop_detached(nodes: dict[str, dict], rels: list[dict]) -> tuple[dict[str, dict], list[dict]]:
    """Keep people, events, groups, awards, documents and regions only if they touch a kept organisation
    or district; an award also through its recipient.  Documents never pass the reach on (a document
    naming one kept school must not bring in everything else it names)."""
    anchors = {nid for nid, n in nodes.items() if primary_label(n) in ("Organization", "District")}
    reached = set(anchors)
    for rel in rels:
        if rel["start"] in anchors or rel["end"] in anchors:
            reached.update((rel["start"], rel["end"]))
    for rel in rels:  # awards given to a kept person
        if rel["type"] == "AWARDED_TO" and rel["end"] in reached:
            reached.add(rel["start"])
    kept = {nid: n for nid, n in nodes.items() if nid in reached}
    return kept, [r for r in rels if r["start"] in kept and r["end"] in kept]


# ---------------------------------------------------------------- collaboration


class TieTable:
    """The derived ties of a snapshot before they become a graph, kept as their hubs: each shared event,
    document, group or person with its members (organisations, or people) and, per member, the documents
    stating its link to the hub. ``shared``: node → the documents that state its link to a hub it shares
    with a partner — the documents naming it together with partners. Pairs are made only when asked
    (``ties``: (a, b) → [documents bitmask, kinds bitmask]); one node's partners and every node's number
    of partners are found from the hubs without making them."""

    def __init__(self, index: DocumentIndex, hubs: list[tuple[int, dict[str, int]]]):
        self.index = index
        self.hubs = hubs  # (kind bit, {member: documents bitmask}), hubs with two members or more
        self.shared: dict[str, int] = defaultdict(int)
        for _bit, members in hubs:
            for node, mask in members.items():
                self.shared[node] |= mask
        self._ties: dict[tuple[str, str], list[int]] | None = None
        self._of: dict[str, list[int]] | None = None

    @property
    def ties(self) -> dict[tuple[str, str], list[int]]:
        if self._ties is None:
            ties: dict[tuple[str, str], list[int]] = {}
            for bit, members in self.hubs:
                _pair_up(ties, members, bit)
            self._ties = ties
        return self._ties

    def _hubs_of(self) -> dict[str, list[int]]:
        if self._of is None:
            found: dict[str, list[int]] = defaultdict(list)
            for number, (_bit, members) in enumerate(self.hubs):
                for node in members:
                    found[node].append(number)
            self._of = found
        return self._of

    def partners_of(self, node: str) -> dict[str, list[int]]:
        """Partner → [documents bitmask, kinds bitmask] of its tie with ``node`` (as :attr:`ties` has it)."""
        found: dict[str, list[int]] = {}
        for number in self._hubs_of().get(node, ()):
            bit, members = self.hubs[number]
            own = members[node]
            same = _same_masks(members)
            for other, mask in members.items():
                if other == node:
                    continue
                both = own if same else ((own & mask) or (own | mask))
                tie = found.get(other)
                if tie is None:
                    found[other] = [both, bit]
                else:
                    tie[0] |= both
                    tie[1] |= bit
        return found

    def ties_among(self, nodes: Iterable[str]) -> dict[tuple[str, str], list[int]]:
        """The ties between the given nodes only (what :attr:`ties` holds of them, far fewer pairs made)."""
        if self._ties is not None:
            wanted = set(nodes)
            return {pair: tie for pair, tie in self._ties.items() if pair[0] in wanted and pair[1] in wanted}
        wanted = set(nodes)
        ties: dict[tuple[str, str], list[int]] = {}
        for number in sorted({n for node in wanted for n in self._hubs_of().get(node, ())}):
            bit, members = self.hubs[number]
            inside = {m: mask for m, mask in members.items() if m in wanted}
            if len(inside) > 1:  # a pair's documents depend on its two ends only: the same as in the whole
                _pair_up(ties, inside, bit)
        return ties

    def pair_count(self) -> int:
        """How many ties there are (each node's partners counted, no pairs made)."""
        return sum(self.degrees().values()) // 2

    def degrees(self) -> dict[str, int]:
        """Node → how many partners it has (sets of the hubs' members, joined: no pairs made)."""
        members_of = [set(members) for _bit, members in self.hubs]
        result = {}
        for node, numbers in self._hubs_of().items():
            partners = set().union(*(members_of[n] for n in numbers))
            result[node] = len(partners) - 1
        return result


def _same_masks(members: dict[str, int]) -> bool:
    masks = iter(members.values())
    first = next(masks)
    return all(m == first for m in masks)


def tie_table(snap: Snapshot) -> TieTable:
    """The organisations' ties (what :func:`collaboration_graph` draws), their hubs found once."""
    index = document_index(snap)
    return TieTable(index, _tie_hubs(snap, index))


def collaboration_ties(snap: Snapshot) -> dict[tuple[str, str], Tie]:
    """Derived ties between organisations, with the documents behind each."""
    table = tie_table(snap)
    return {pair: Tie(set(table.index.decode(mask)), {k for k, bit in KIND_BITS.items() if kinds & bit})
            for pair, (mask, kinds) in table.ties.items()}


def _tie_masks(snap: Snapshot, index: DocumentIndex) -> dict[tuple[str, str], list[int]]:
    """(organisation, organisation) → [documents bitmask, kinds bitmask] of every derived tie."""
    return TieTable(index, _tie_hubs(snap, index)).ties


def _tie_hubs(snap: Snapshot, index: DocumentIndex) -> list[tuple[int, dict[str, int]]]:
    """What organisations share (:class:`TieTable`): (kind bit, {organisation: documents stating its link
    to the hub}) of every event, document, group and person two organisations or more share."""
    orgs = set(ids_with_label(snap, "Organization"))
    # hub → {organisation → documents stating the organisation's link to the hub}
    hubs: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    person_orgs: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rel in snap.rels:
        start, end, kind = rel["start"], rel["end"], rel["type"]
        if kind == "PARTICIPATED_IN" and start in orgs:
            hubs[("event", end)][start] |= index.mask(rel_sources(rel))
        elif kind in ("MENTIONS", "ISSUED_BY") and end in orgs:
            hubs[("document", start)][end] |= index.mask(rel_sources(rel)) | index.mask((start,))
        elif kind == "MEMBER_OF" and start in orgs:
            hubs[("group", end)][start] |= index.mask(rel_sources(rel))
        elif kind == "HOLDS_POST" and end in orgs:
            person_orgs[start][end] |= index.mask(rel_sources(rel))
    # a person's organisations are linked to the events and groups the person takes part in
    for rel in snap.rels:
        if rel["type"] in ("PARTICIPATED_IN", "MEMBER_OF") and rel["start"] in person_orgs:
            hub = ("event" if rel["type"] == "PARTICIPATED_IN" else "group", rel["end"])
            stated = index.mask(rel_sources(rel))
            for org, mask in person_orgs[rel["start"]].items():
                hubs[hub][org] |= mask | stated
    found = [(KIND_BITS[kind], dict(members)) for (kind, _hub), members in hubs.items() if len(members) > 1]
    found += [(KIND_BITS["person"], dict(members)) for members in person_orgs.values() if len(members) > 1]
    return found


def _pair_up(ties: dict[tuple[str, str], list[int]], members: dict[str, int], kind_bit: int) -> None:
    ordered = sorted(members)
    masks = [members[o] for o in ordered]
    # when every member is stated by the same documents (one event, one list), no pair needs its own
    same = all(m == masks[0] for m in masks)
    find = ties.get
    count = len(ordered)
    for i, a in enumerate(ordered):
        mask_a = masks[i]
        for j in range(i + 1, count):
            # the tie rests on the documents that state both ends (or, when none does, on either's)
            both = mask_a if same else ((mask_a & masks[j]) or (mask_a | masks[j]))
            pair = (a, ordered[j])
            tie = find(pair)
            if tie is None:
                ties[pair] = [both, kind_bit]
            else:
                tie[0] |= both
                tie[1] |= kind_bit


def collaboration_graph(snap: Snapshot, table: TieTable | None = None) -> nx.Graph:
    """Organisations and their derived ties: ``weight`` = documents behind the tie, ``docs`` their
    bitmask and ``kinds`` the kinds' bitmask (decode with :func:`edge_documents`, :func:`edge_kinds`);
    a node's ``documents``: how many documents name it together with partners."""
    table = table or tie_table(snap)
    graph = nx.Graph(documents=table.index)
    districts = org_districts(snap)
    for nid in ids_with_label(snap, "Organization"):
        node = snap.nodes[nid]
        graph.add_node(nid, name=node_name(node), label="Organization", kind=str(prop(node, "kind") or "other"),
                       district=districts.get(nid, ""), documents=table.shared.get(nid, 0).bit_count())
    graph.add_edges_from((a, b, {"weight": max(1, mask.bit_count()), "docs": mask, "kinds": kinds})
                         for (a, b), (mask, kinds) in table.ties.items())
    return graph


def collaboration_subgraph(snap: Snapshot, table: TieTable, nodes: Iterable[str]) -> nx.Graph:
    """:func:`collaboration_graph` of the given organisations only, from a tie table: the pairs among them
    are all that is made (a map of the 100 most connected of 1,500 schools)."""
    chosen = [n for n in nodes if n in snap.nodes]
    graph = nx.Graph(documents=table.index)
    districts = org_districts(snap)
    for nid in chosen:
        node = snap.nodes[nid]
        graph.add_node(nid, name=node_name(node), label="Organization", kind=str(prop(node, "kind") or "other"),
                       district=districts.get(nid, ""), documents=table.shared.get(nid, 0).bit_count())
    graph.add_edges_from((a, b, {"weight": max(1, mask.bit_count()), "docs": mask, "kinds": kinds})
                         for (a, b), (mask, kinds) in table.ties_among(chosen).items())
    return graph


def table_rows(snap: Snapshot, table: TieTable, label: str = "Organization") -> list[dict[str, Any]]:
    """The rows :func:`centrality_rows` gives of partners and shared documents (no other measure), straight
    from a tie table (of organisations, or of people with ``label`` Person, who also get their ``orgs``):
    no pairs to make, no graph to build."""
    degree = table.degrees()
    if label == "Person":
        rows = [{"id": nid, **attributes, "degree": degree.get(nid, 0)}
                for nid, attributes in _people_attributes(snap, table.shared).items()]
    else:
        districts = org_districts(snap)
        rows = [{"id": nid, "name": node_name(snap.nodes[nid]), "kind": str(prop(snap.nodes[nid], "kind") or "other"),
                 "district": districts.get(nid, ""), "degree": degree.get(nid, 0),
                 "documents": table.shared.get(nid, 0).bit_count()}
                for nid in ids_with_label(snap, "Organization")]
    rows.sort(key=lambda r: (-r["documents"], -r["degree"], r["name"]))
    return rows


def edge_documents(graph: nx.Graph, a: str, b: str) -> list[str]:
    """The documents behind the tie a–b, in date order."""
    index = graph.graph.get("documents")
    return index.decode(graph.edges[a, b].get("docs", 0)) if index else []


def edge_kinds(graph: nx.Graph, a: str, b: str) -> list[str]:
    """What the tie a–b rests on: codes of :data:`TIE_KINDS` (of :data:`PERSON_TIE_KINDS` between people)."""
    bits = graph.edges[a, b].get("kinds", 0)
    return [k for k, bit in graph.graph.get("kind_bits", KIND_BITS).items() if bits & bit]


def entity_graph(snap: Snapshot) -> nx.Graph:
    """Organisations, people, events and groups with their direct relationships and the derived ties.

    Documents, awards and places are left out: they would connect everything to everything.
    """
    kept = {"Organization", "Person", "Event", "Group"}
    graph = collaboration_graph(snap)
    index = graph.graph["documents"]
    for nid, node in snap.nodes.items():
        label = primary_label(node)
        if label in kept and nid not in graph:
            graph.add_node(nid, name=node_name(node), label=label, kind=str(prop(node, "kind") or ""),
                           district="")
    for rel in snap.rels:
        a, b = rel["start"], rel["end"]
        if a in graph and b in graph and a != b:
            mask = index.mask(rel_sources(rel))
            if graph.has_edge(a, b):
                mask |= graph.edges[a, b].get("docs", 0)
            graph.add_edge(a, b, weight=max(1, mask.bit_count()), docs=mask, kinds=0)
    return graph


# what a tie between two people rests on: the same organisation (colleagues), event or group
PERSON_TIE_KINDS = ("organisation", "event", "group")
PERSON_KIND_BITS = {kind: 1 << i for i, kind in enumerate(PERSON_TIE_KINDS)}
PERSON_HUBS = {"HOLDS_POST": "organisation", "PARTICIPATED_IN": "event", "MEMBER_OF": "group"}


def _person_tie_hubs(snap: Snapshot, index: DocumentIndex) -> list[tuple[int, dict[str, int]]]:
    """What people share (:class:`TieTable`): an organisation they work in, an event they took part in, a
    group they belong to — each with the documents stating each person's link to it."""
    people = set(ids_with_label(snap, "Person"))
    hubs: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rel in snap.rels:
        kind = PERSON_HUBS.get(rel["type"])
        if kind and rel["start"] in people:
            hubs[(kind, rel["end"])][rel["start"]] |= index.mask(rel_sources(rel))
    return [(PERSON_KIND_BITS[kind], dict(members)) for (kind, _hub), members in hubs.items() if len(members) > 1]


def person_tie_table(snap: Snapshot) -> TieTable:
    """The people's ties (what :func:`people_graph` draws), computed once."""
    index = document_index(snap)
    return TieTable(index, _person_tie_hubs(snap, index))


def _people_attributes(snap: Snapshot, shared: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Person → name, organisations (names), district (of an organisation), shared documents."""
    districts = org_districts(snap)
    orgs: dict[str, list[str]] = defaultdict(list)
    for rel in snap.rels:
        if rel["type"] == "HOLDS_POST":
            orgs[rel["start"]].append(rel["end"])
    found = {}
    for nid in ids_with_label(snap, "Person"):
        mine = sorted(set(orgs.get(nid, ())))
        found[nid] = {"name": node_name(snap.nodes[nid]), "label": "Person", "kind": "",
                      "district": next((districts[o] for o in mine if o in districts), ""),
                      "orgs": [node_name(snap.nodes[o]) for o in mine], "documents": shared.get(nid, 0).bit_count()}
    return found


def people_graph(snap: Snapshot, table: TieTable | None = None) -> nx.Graph:
    """People and the ties between them (colleagues, fellow participants, fellow members): ``weight`` =
    documents behind the tie; each person's organisations (names), their district, shared documents."""
    table = table or person_tie_table(snap)
    graph = nx.Graph(documents=table.index, kind_bits=PERSON_KIND_BITS)
    graph.add_nodes_from(_people_attributes(snap, table.shared).items())
    graph.add_edges_from((a, b, {"weight": max(1, mask.bit_count()), "docs": mask, "kinds": kinds})
                         for (a, b), (mask, kinds) in table.ties.items())
    return graph


def partners(graph: nx.Graph, node: str, limit: int = 10) -> list[dict[str, Any]]:
    """The node's partners in a tie graph (collaboration or people), strongest first, with the
    documents and kinds of each tie."""
    if node not in graph:
        return []
    ordered = sorted(graph[node].items(), key=lambda item: (-item[1].get("weight", 1),
                                                            graph.nodes[item[0]].get("name", ""), item[0]))
    return [{"id": other, "name": graph.nodes[other].get("name", other), "weight": data.get("weight", 1),
             "kinds": edge_kinds(graph, node, other), "documents": edge_documents(graph, node, other)}
            for other, data in ordered[:limit]]


def table_partners(table: TieTable, node: str, names: dict[str, str], limit: int = 10,
                   kind_bits: dict[str, int] = KIND_BITS) -> tuple[int, list[dict[str, Any]]]:
    """:func:`partners` straight from a tie table (no graph to build): how many partners, and the
    ``limit`` strongest. ``names``: id → name; ``kind_bits``: the table's tie kinds."""
    found = [(other, mask, kinds) for other, (mask, kinds) in table.partners_of(node).items()]
    found.sort(key=lambda item: (-item[1].bit_count(), names.get(item[0], ""), item[0]))
    return len(found), [{"id": other, "name": names.get(other, other), "weight": max(1, mask.bit_count()),
                         "kinds": [k for k, bit in kind_bits.items() if kinds & bit],
                         "documents": table.index.decode(mask)} for other, mask, kinds in found[:limit]]


def people_orgs(snap: Snapshot) -> dict[str, set[str]]:
    """Person id → organisations the person holds a post in (used to fold people into them)."""
    result: dict[str, set[str]] = defaultdict(set)
    for rel in snap.rels:
        if rel["type"] == "HOLDS_POST":
            result[rel["start"]].add(rel["end"])
    return dict(result)


# ---------------------------------------------------------------- metrics


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Betweenness centrality; on large or dense graphs estimated from a sample of sources (fixed seed),
    as many as keep the work near :data:`BETWEENNESS_BUDGET` steps, so a page never waits minutes."""
    size = graph.number_of_nodes() + graph.number_of_edges()
    samples = min(graph.number_of_nodes(), max(BETWEENNESS_MIN_SAMPLES, BETWEENNESS_BUDGET // max(1, size)))
    if samples >= graph.number_of_nodes():
        return nx.betweenness_centrality(graph, normalized=True)
    return nx.betweenness_centrality(graph, k=samples, normalized=True, seed=SEED)


def pagerank(graph: nx.Graph) -> dict[str, float]:
    if graph.number_of_edges() == 0:
        return {n: 1.0 / max(1, graph.number_of_nodes()) for n in graph}
    return nx.pagerank(graph, weight="weight")


def communities(graph: nx.Graph, method: str = "louvain") -> dict[str, int]:
    """Node → community number (0 = largest).  Leiden when asked and igraph+leidenalg are installed."""
    if graph.number_of_nodes() == 0:
        return {}
    groups = _leiden(graph) if method == "leiden" else None
    if groups is None:
        groups = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: i for i, group in enumerate(ordered) for node in group}


def leiden_available() -> bool:
    try:
        import igraph  # noqa: F401
        import leidenalg  # noqa: F401
    except ImportError:
        return False
    return True


def _leiden(graph: nx.Graph) -> list[set[str]] | None:
    if not leiden_available():
        return None
    import igraph
    import leidenalg

    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in graph.edges()])
    weights = [d.get("weight", 1) for _, _, d in graph.edges(data=True)]
    part = leidenalg.find_partition(ig, leidenalg.ModularityVertexPartition, weights=weights, seed=SEED)
    return [{nodes[i] for i in members} for members in part]


def constraint(graph: nx.Graph) -> dict[str, float]:
    """Burt's constraint of every node with ties (low = spans structural holes), as sparse matrix
    products: c_i = Σ_j (p_ij + Σ_q p_iq p_qj)² over i's partners j, p_ij = w_ij / Σ_k w_ik
    (networkx's own works node by node and is far too slow on dense graphs; the values are the same)."""
    import numpy as np

    nodes = [n for n in graph if graph.degree(n) > 0]
    if not nodes:
        return {}
    weights = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight="weight", format="csr").astype(float)
    totals = np.asarray(weights.sum(axis=1)).ravel()
    share = weights.multiply(1.0 / totals[:, None]).tocsr()  # p_ij
    indirect = (share @ share).tocsr()  # Σ_q p_iq p_qj
    pattern = (weights > 0).astype(float)  # only i's partners j count
    local = share + indirect.multiply(pattern)
    values = np.asarray(local.power(2).sum(axis=1)).ravel()
    return {n: float(v) for n, v in zip(nodes, values, strict=True)}


METRICS = ("degree", "weighted_degree", "pagerank", "betweenness", "community", "constraint")


def centrality_rows(graph: nx.Graph, metrics: tuple[str, ...] = METRICS,
                    method: str = "louvain") -> list[dict[str, Any]]:
    """One row per node with the asked metrics (degree, weighted degree, PageRank, betweenness,
    community, Burt's constraint); the costly ones are computed only when asked."""
    computed: dict[str, dict[str, Any]] = {}
    if "pagerank" in metrics:
        computed["pagerank"] = pagerank(graph)
    if "betweenness" in metrics:
        computed["betweenness"] = betweenness(graph)
    if "community" in metrics:
        computed["community"] = communities(graph, method)
    if "constraint" in metrics:
        computed["constraint"] = constraint(graph)
    missing = {"community": -1, "constraint": None}
    rows = []
    for nid, data in graph.nodes(data=True):
        documents = data.get("documents")  # the distinct documents naming it with a partner
        if documents is None:
            shared = 0
            for other in graph[nid]:
                shared |= graph.edges[nid, other].get("docs", 0)
            documents = shared.bit_count()
        row = {"id": nid, "name": data.get("name", nid), "kind": data.get("kind", ""),
               "district": data.get("district", ""), "degree": graph.degree(nid),
               "weighted_degree": graph.degree(nid, weight="weight"), "documents": documents}
        for metric, values in computed.items():
            row[metric] = values.get(nid, missing.get(metric, 0.0))
        rows.append(row)
    key = "pagerank" if "pagerank" in computed else "documents"
    rows.sort(key=lambda r: (-r[key], -r["degree"], r["name"]))
    return rows


def district_brokers(graph: nx.Graph) -> list[dict[str, Any]]:
    """Organisations that connect other districts: the pairs of their partners from different
    districts that have no tie of their own (the broker is their only direct link).

    Counted for every node at once with sparse matrices: cross-district pairs among a node's
    partners, C(deg, 2) − Σ_k C(c_k, 2), minus those tied directly, ((A·X) ∘ A)·1 / 2 with X the
    ties that cross a district border."""
    import numpy as np
    import scipy.sparse as sp

    nodes = [n for n in graph if graph.degree(n) > 0]
    if not nodes:
        return []
    districts = [graph.nodes[n].get("district") or "—" for n in nodes]
    names = sorted(set(districts))
    column = np.array([names.index(d) for d in districts])
    adjacency = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=None, format="csr").astype(float)
    one_hot = sp.csr_array((np.ones(len(nodes)), (np.arange(len(nodes)), column)), shape=(len(nodes), len(names)))
    per_district = (adjacency @ one_hot).toarray()  # partners of each node in each district
    degree = per_district.sum(axis=1)
    cross_pairs = degree * (degree - 1) / 2 - (per_district * (per_district - 1) / 2).sum(axis=1)
    coo = adjacency.tocoo()
    crossing = column[coo.row] != column[coo.col]
    across = sp.csr_array((coo.data[crossing], (coo.row[crossing], coo.col[crossing])), shape=adjacency.shape)
    tied_cross = np.asarray(((adjacency @ across).multiply(adjacency)).sum(axis=1)).ravel() / 2
    brokered = cross_pairs - tied_cross
    real = np.array([name != "—" for name in names])
    bridged = (per_district[:, real] > 0).sum(axis=1)
    rows = [{"id": n, "name": graph.nodes[n].get("name", n), "district": graph.nodes[n].get("district", ""),
             "districts_bridged": int(bridged[i]), "brokered_pairs": int(round(brokered[i]))}
            for i, n in enumerate(nodes) if bridged[i] >= 2 and brokered[i] > 0.5]
    rows.sort(key=lambda r: (-r["brokered_pairs"], -r["districts_bridged"], r["name"]))
    return rows


def org_event_projection(snap: Snapshot) -> list[dict[str, Any]]:
    """The organisation–event bipartite graph projected on organisations: pairs and their shared events."""
    bipartite = nx.Graph()
    for rel in snap.rels:
        if rel["type"] == "PARTICIPATED_IN" and primary_label(snap.nodes[rel["start"]]) == "Organization":
            bipartite.add_node(rel["start"], bipartite=0)
            bipartite.add_node(rel["end"], bipartite=1)
            bipartite.add_edge(rel["start"], rel["end"])
    orgs = [n for n, d in bipartite.nodes(data=True) if d["bipartite"] == 0]
    projected = nx.bipartite.weighted_projected_graph(bipartite, orgs)
    rows = []
    for a, b, data in projected.edges(data=True):
        shared = sorted(set(bipartite[a]) & set(bipartite[b]))
        rows.append({"a": a, "b": b, "name_a": node_name(snap.nodes[a]), "name_b": node_name(snap.nodes[b]),
                     "shared_events": data["weight"],
                     "events": [node_name(snap.nodes[e]) for e in shared]})
    rows.sort(key=lambda r: (-r["shared_events"], r["name_a"], r["name_b"]))
    return rows


def tie_rows(graph: nx.Graph, limit: int = 1000) -> list[dict[str, Any]]:
    """The ``limit`` strongest collaboration ties as rows, with their kinds and documents; equal ties in the
    order of their names (a reader looks a name up; ids read as no order at all), each tie's two names in
    alphabetical order too."""
    def named(edge: tuple) -> tuple[str, str, str, str, Any]:
        a, b, weight = edge
        (name_a, a), (name_b, b) = sorted([(str(graph.nodes[a].get("name", a)), a),
                                           (str(graph.nodes[b].get("name", b)), b)],
                                          key=lambda pair: (pair[0].casefold(), pair[1]))
        return a, b, name_a, name_b, weight

    strongest = heapq.nsmallest(limit, map(named, graph.edges(data="weight")),
                                key=lambda e: (-(e[4] or 0), e[2].casefold(), e[3].casefold(), e[0], e[1]))
    return [{"a": a, "b": b, "name_a": name_a, "name_b": name_b, "weight": weight,
             "kinds": edge_kinds(graph, a, b), "documents": edge_documents(graph, a, b)}
            for a, b, name_a, name_b, weight in strongest]


def evolution_by_year(snap: Snapshot, table: TieTable | None = None) -> list[dict[str, Any]]:
    """Per year: ties that first appear, and the cumulative network's size, density and components."""
    table = table or tie_table(snap)
    index = table.index
    by_year: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pair, (mask, _kinds) in table.ties.items():
        year = index.first_year(mask)  # the earliest document is the lowest bit
        if year is not None:
            by_year[year].append(pair)
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    rows, ties, components = [], 0, 0
    for year in sorted(by_year):
        for a, b in by_year[year]:
            for node in (a, b):
                if node not in parent:
                    parent[node] = node
                    components += 1
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[ra] = rb
                components -= 1
        ties += len(by_year[year])
        nodes = len(parent)
        rows.append({"year": year, "new_ties": len(by_year[year]), "organisations": nodes, "ties": ties,
                     "density": 2 * ties / (nodes * (nodes - 1)) if nodes > 1 else 0.0, "components": components})
    return rows


def neighbourhood(graph: nx.Graph, centre: str, hops: int = 1) -> nx.Graph:
    """The k-hop neighbourhood of one entity (empty when it is not in the graph)."""
    if centre not in graph:
        return nx.Graph()
    return nx.ego_graph(graph, centre, radius=hops)


def top_nodes(graph: nx.Graph, scores: dict[str, float], limit: int) -> nx.Graph:
    """The ``limit`` highest-scoring nodes and the ties among them."""
    if graph.number_of_nodes() <= limit:
        return graph
    best = sorted(graph, key=lambda n: (-scores.get(n, 0.0), n))[:limit]
    return graph.subgraph(best).copy()


def backbone(graph: nx.Graph, per_node: int = 8) -> nx.Graph:
    """The strongest ties of each node (by weight, ties broken by the other end's id), and only those:
    a dense collaboration graph drawn whole is a hairball that the browser is slow to draw."""
    if graph.number_of_edges() <= per_node * graph.number_of_nodes() // 2:
        return graph
    kept: set[tuple[str, str]] = set()
    for node in graph:
        strongest = sorted(graph[node].items(), key=lambda item: (-item[1].get("weight", 1), item[0]))[:per_node]
        kept.update(tuple(sorted((node, other))) for other, _data in strongest)
    thin = nx.Graph(**graph.graph)
    thin.add_nodes_from(graph.nodes(data=True))
    thin.add_edges_from((a, b, graph.edges[a, b]) for a, b in kept)
    return thin


def fold_people(graph: nx.Graph, person_orgs: dict[str, set[str]]) -> nx.Graph:
    """People folded into their organisations: a person's ties become ties of the organisations."""
    folded = nx.Graph(**graph.graph)
    for nid, data in graph.nodes(data=True):
        if data.get("label") != "Person":
            folded.add_node(nid, **data)
    for a, b, data in graph.edges(data=True):
        for x in person_orgs.get(a, {a}) if graph.nodes[a].get("label") == "Person" else {a}:
            for y in person_orgs.get(b, {b}) if graph.nodes[b].get("label") == "Person" else {b}:
                if x == y or x not in folded or y not in folded:
                    continue
                if folded.has_edge(x, y):
                    mask = folded.edges[x, y].get("docs", 0) | data.get("docs", 0)
                    folded.edges[x, y].update(docs=mask, weight=max(1, mask.bit_count()))
                else:
                    folded.add_edge(x, y, **data)
    return folded


def layout(graph: nx.Graph, scale: float | None = None) -> dict[str, tuple[float, float]]:
    """Precomputed positions (fixed seed) so the browser never runs a physics simulation: each connected
    part laid out on its own (a spring layout, its size growing with its nodes), the parts packed in rows,
    largest first, into a wide rectangle — a dense cluster is not squeezed by the small parts around it."""
    if graph.number_of_nodes() == 0:
        return {}
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    iterations = 50 if graph.number_of_nodes() <= 500 else 30
    placed: list[dict[str, tuple[float, float]]] = []
    for part in parts:
        if len(part) == 1:
            placed.append({part[0]: (0.0, 0.0)})
            continue
        positions = nx.spring_layout(graph.subgraph(part), seed=SEED, iterations=iterations, weight=None,
                                     scale=math.sqrt(len(part)))
        placed.append({n: (float(x), float(y)) for n, (x, y) in positions.items()})
    margin = 1.0
    sizes = []
    for positions in placed:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        sizes.append((min(xs), min(ys), max(xs) - min(xs) + margin, max(ys) - min(ys) + margin))
    width = math.sqrt(sum(w * h for _x, _y, w, h in sizes) * 16 / 9)
    width = max(width, max(w for _x, _y, w, _h in sizes))
    result: dict[str, tuple[float, float]] = {}
    x = y = shelf = 0.0
    for positions, (left, top, w, h) in zip(placed, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        for node, (px, py) in positions.items():
            result[node] = (x + px - left, y + py - top)
        x += w
        shelf = max(shelf, h)
    factor = (scale or 60.0 * math.sqrt(graph.number_of_nodes()) + 200.0) / max(width, y + shelf, 1.0)
    return {n: (px * factor, py * factor) for n, (px, py) in result.items()}


def summary_counts(snap: Snapshot) -> dict[str, int]:
    """Nodes per model label and relationships per type."""
    counts = Counter(primary_label(n) for n in snap.nodes.values())
    counts.update(f"rel:{r['type']}" for r in snap.rels)
    return dict(counts)


# ---------------------------------------------------------------- overview


def documents_by_year_kind(snap: Snapshot) -> list[dict[str, Any]]:
    """Counts of documents per (year, kind); undated documents under year None."""
    counts = Counter((year_of(prop(n, "date")), str(prop(n, "kind") or "other"))
                     for n in snap.nodes.values() if primary_label(n) == "Document")
    return [{"year": y, "kind": k, "documents": c} for (y, k), c in sorted(counts.items(), key=lambda i: (i[0][0] or 0, i[0][1]))]


def awards_by_kind(snap: Snapshot) -> list[dict[str, Any]]:
    counts = Counter(str(prop(n, "kind") or "—") for n in snap.nodes.values() if primary_label(n) == "Award")
    return [{"kind": k, "awards": c} for k, c in counts.most_common()]


def most_active_organisations(snap: Snapshot, limit: int = 15) -> list[dict[str, Any]]:
    """Organisations by events hosted and attended (directly or through their people)."""
    hosted: dict[str, set[str]] = defaultdict(set)
    attended: dict[str, set[str]] = defaultdict(set)
    staff = people_orgs(snap)
    for rel in snap.rels:
        if rel["type"] != "PARTICIPATED_IN":
            continue
        role = (rel.get("properties") or {}).get("role") or "participant"
        start = rel["start"]
        orgs = {start} if primary_label(snap.nodes[start]) == "Organization" else staff.get(start, set())
        for org in orgs:
            (hosted if role in ("host", "organiser") and org == start else attended)[org].add(rel["end"])
    rows = []
    for org in set(hosted) | set(attended):
        node = snap.nodes[org]
        attended_only = attended[org] - hosted[org]
        rows.append({"id": org, "name": node_name(node), "kind": str(prop(node, "kind") or "other"),
                     "hosted": len(hosted[org]), "attended": len(attended_only),
                     "total": len(hosted[org]) + len(attended_only)})
    rows.sort(key=lambda r: (-r["total"], -r["hosted"], r["name"]))
    return rows[:limit]


# ---------------------------------------------------------------- rankings


def ranked(rows: list[dict[str, Any]], metric: str, second: str) -> list[dict[str, Any]]:
    """Rows best first by ``metric``, ties broken by ``second`` (then by name), each with its ``place``:
    rows equal on both measures share a place («3–5»)."""
    ordered = sorted(rows, key=lambda r: (-(r.get(metric) or 0), -(r.get(second) or 0), r.get("name", "")))
    result, i = [], 0
    while i < len(ordered):
        j = i
        key = (ordered[i].get(metric), ordered[i].get(second))
        while j + 1 < len(ordered) and (ordered[j + 1].get(metric), ordered[j + 1].get(second)) == key:
            j += 1
        place = str(i + 1) if i == j else f"{i + 1}–{j + 1}"
        result += [dict(row, place=place) for row in ordered[i:j + 1]]
        i = j + 1
    return result


def place_groups(rows: list[dict[str, Any]], limit: int) -> list[list[dict[str, Any]]]:
    """The first ``limit`` places of :func:`ranked` rows, the rows sharing one place in one group: a chart
    draws one bar per place, so nineteen schools listed in one order are one bar, not fifteen equal ones
    crowding out everyone below them."""
    groups: list[list[dict[str, Any]]] = []
    for row in rows:
        if groups and groups[-1][0].get("place") == row.get("place"):
            groups[-1].append(row)
        elif len(groups) == limit:
            break
        else:
            groups.append([row])
    return groups


def every_year(years: Iterable[int | None]) -> list[int]:
    """Every year from the first to the last of ``years`` (undated left out): a chart by year shows the
    years nothing happened in as gaps instead of drawing 2014 and 2016 side by side."""
    known = [y for y in years if y is not None]
    return list(range(min(known), max(known) + 1)) if known else []


def opening_year(events: list[dict[str, Any]], shown: int) -> int | None:
    """The year a list of ``events`` (oldest first, undated last) opens at: all of them (None) while every
    dated one fits in the ``shown`` lines, the latest year otherwise — opening at the latest year of a list
    that is mostly undated would show one event of eighty."""
    dated = [e["year"] for e in events if e.get("year") is not None]
    return max(dated) if len(dated) > shown else None


def shared_top(rows: list[dict[str, Any]], metric: str) -> int:
    """How many rows share the best value of ``metric`` (rows sorted best first)."""
    if not rows:
        return 0
    best = rows[0].get(metric)
    return sum(1 for r in rows if r.get(metric) == best)


def common_documents(graph: nx.Graph, nodes: Iterable[str]) -> list[str]:
    """The documents behind a tie of every one of ``nodes`` (a list naming them all, say), in date order."""
    common: int | None = None
    for node in nodes:
        mask = 0
        for other in graph[node] if node in graph else ():
            mask |= graph.edges[node, other].get("docs", 0)
        common = mask if common is None else common & mask
    index = graph.graph.get("documents")
    return index.decode(common) if common and index else []


def common_shared(table: TieTable, nodes: Iterable[str]) -> list[str]:
    """The documents that name every one of ``nodes`` with partners (:class:`TieTable`), in date order."""
    common: int | None = None
    for node in nodes:
        common = table.shared.get(node, 0) if common is None else common & table.shared.get(node, 0)
    return table.index.decode(common) if common else []


# ---------------------------------------------------------------- what changed, the timeline


def first_years(snap: Snapshot) -> dict[str, int]:
    """Entity → the year of the earliest dated document that names it."""
    years = document_years(snap)
    first: dict[str, int] = {}
    for rel in snap.rels:
        if rel["type"] == "MENTIONS":
            year = years.get(rel["start"])
            if year is not None and (rel["end"] not in first or year < first[rel["end"]]):
                first[rel["end"]] = year
    return first


def year_changes(snap: Snapshot, year: int | None = None) -> dict[str, Any] | None:
    """What a year brought (by default the latest year with dated documents): its documents and events
    beside the year before, the organisations and people first named then."""
    doc_years = [y for y in document_years(snap).values() if y is not None]
    if not doc_years:
        return None
    year = year or max(doc_years)
    events = Counter(year_of(prop(n, "date")) for n in snap.nodes.values() if primary_label(n) == "Event")
    first = first_years(snap)
    new = {label: sorted((node_name(snap.nodes[n]) for n, y in first.items()
                          if y == year and n in snap.nodes and primary_label(snap.nodes[n]) == label))
           for label in ("Organization", "Person")}
    return {"year": year, "documents": doc_years.count(year), "documents_before": doc_years.count(year - 1),
            "events": events.get(year, 0), "events_before": events.get(year - 1, 0),
            "new_organisations": new["Organization"], "new_people": new["Person"]}


def timeline_events(snap: Snapshot) -> list[dict[str, Any]]:
    """Every event of the (filtered) graph, earliest first (undated last): its date, kind, hosts,
    participants (organisations and people), districts of the organisations taking part, documents."""
    hosts: dict[str, list[str]] = defaultdict(list)
    parties: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"Organization": set(), "Person": set()})
    documents: dict[str, set[str]] = defaultdict(set)
    districts = org_districts(snap)
    places: dict[str, set[str]] = defaultdict(set)
    for rel in snap.rels:
        if rel["type"] == "PARTICIPATED_IN":
            event, party = rel["end"], rel["start"]
            label = primary_label(snap.nodes[party])
            role = (rel.get("properties") or {}).get("role") or "participant"
            if role in ("host", "organiser"):
                hosts[event].append(party)
            elif label in ("Organization", "Person"):
                parties[event][label].add(party)
            if party in districts:
                places[event].add(districts[party])
            documents[event].update(rel_sources(rel))
        elif rel["type"] == "MENTIONS" and primary_label(snap.nodes[rel["end"]]) == "Event":
            documents[rel["end"]].add(rel["start"])
    rows = []
    for nid in ids_with_label(snap, "Event"):
        node = snap.nodes[nid]
        rows.append({"id": nid, "name": node_name(node), "date": str(prop(node, "date") or ""),
                     "year": year_of(prop(node, "date")), "kind": str(prop(node, "kind") or "other"),
                     "hosts": [node_name(snap.nodes[h]) for h in dict.fromkeys(hosts[nid])],
                     "organisations": len(parties[nid]["Organization"] - set(hosts[nid])),
                     "people": len(parties[nid]["Person"] - set(hosts[nid])),
                     "districts": sorted(places[nid]),
                     "documents": sorted(d for d in documents[nid] if d in snap.nodes)})
    rows.sort(key=lambda r: (r["year"] is None, r["date"] if r["year"] else "", r["name"]))
    return rows
