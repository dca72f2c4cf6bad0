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

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.model import NODE_TYPES

TIE_KINDS = {
    "event": "общее событие",
    "document": "один документ",
    "person": "общие люди",
    "group": "общее объединение",
}

# above this many nodes betweenness is estimated from a sample of sources
EXACT_BETWEENNESS_LIMIT = 1500
BETWEENNESS_SAMPLES = 300
# Burt's constraint is quadratic in degree: computed for the best-connected nodes only
CONSTRAINT_LIMIT = 400
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

    @property
    def active(self) -> bool:
        return bool(self.districts or self.org_kinds or self.years)


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


def filter_options(snap: Snapshot) -> dict[str, Any]:
    """What the sidebar offers: districts, organisation kinds, the year span."""
    districts = sorted({node_name(n) for n in snap.nodes.values() if primary_label(n) == "District"}
                       | set(org_districts(snap).values()))
    kinds = sorted({str(prop(n, "kind") or "other") for n in snap.nodes.values()
                    if primary_label(n) == "Organization"})
    years = [y for y in document_years(snap).values() if y] + [
        y for n in snap.nodes.values() if primary_label(n) == "Event" and (y := year_of(prop(n, "date")))]
    span = (min(years), max(years)) if years else None
    return {"districts": districts, "org_kinds": kinds, "years": span}


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
        keep = {nid: n for nid, n in keep.items() if _in_years(n, filters.years)}
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
            and _rel_in_years(r, doc_years, filters.years)]
    if filters.districts or filters.org_kinds:
        keep, rels = _drop_detached(keep, rels)
    return Snapshot(keep, rels)


def _in_years(node: dict[str, Any], years: tuple[int, int]) -> bool:
    if primary_label(node) not in ("Document", "Event", "Award"):
        return True
    year = year_of(prop(node, "date"))
    return year is None or years[0] <= year <= years[1]


def _rel_in_years(rel: dict[str, Any], doc_years: dict[str, int | None], years: tuple[int, int] | None) -> bool:
    if not years:
        return True
    known = [doc_years.get(s) for s in rel_sources(rel)]
    known = [y for y in known if y is not None]
    # an undated statement is kept: dropping it would hide facts rather than filter them
    return not known or any(years[0] <= y <= years[1] for y in known)


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


def collaboration_ties(snap: Snapshot) -> dict[tuple[str, str], Tie]:
    """Derived ties between organisations, with the documents behind each."""
    orgs = set(ids_with_label(snap, "Organization"))
    ties: dict[tuple[str, str], Tie] = defaultdict(Tie)
    # hub → {organisation → documents stating the organisation's link to the hub}
    hubs: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    person_orgs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rel in snap.rels:
        start, end, kind = rel["start"], rel["end"], rel["type"]
        sources = set(rel_sources(rel))
        if kind == "PARTICIPATED_IN" and start in orgs:
            hubs[("event", end)][start] |= sources
        elif kind == "MENTIONS" and end in orgs:
            hubs[("document", start)][end] |= sources | {start}
        elif kind == "ISSUED_BY" and end in orgs:
            hubs[("document", start)][end] |= sources | {start}
        elif kind == "MEMBER_OF" and start in orgs:
            hubs[("group", end)][start] |= sources
        elif kind == "HOLDS_POST" and end in orgs:
            person_orgs[start][end] |= sources
    # a person's organisations are linked to the events and groups the person takes part in
    for rel in snap.rels:
        if rel["type"] in ("PARTICIPATED_IN", "MEMBER_OF") and rel["start"] in person_orgs:
            hub = ("event" if rel["type"] == "PARTICIPATED_IN" else "group", rel["end"])
            for org, sources in person_orgs[rel["start"]].items():
                hubs[hub][org] |= sources | set(rel_sources(rel))
    for (kind, _hub), members in hubs.items():
        _pair_up(ties, members, kind)
    for members in person_orgs.values():
        _pair_up(ties, members, "person")
    return dict(ties)


def _pair_up(ties: dict[tuple[str, str], Tie], members: dict[str, set[str]], kind: str) -> None:
    for a, b in itertools.combinations(sorted(members), 2):
        tie = ties[(a, b)]
        # the tie rests on documents that state both ends
        both = members[a] & members[b]
        tie.documents |= both or (members[a] | members[b])
        tie.kinds.add(kind)


def collaboration_graph(snap: Snapshot) -> nx.Graph:
    """Organisations and their derived ties (weight = documents behind the tie)."""
    graph = nx.Graph()
    districts = org_districts(snap)
    for nid in ids_with_label(snap, "Organization"):
        node = snap.nodes[nid]
        graph.add_node(nid, name=node_name(node), label="Organization", kind=str(prop(node, "kind") or "other"),
                       district=districts.get(nid, ""))
    for (a, b), tie in collaboration_ties(snap).items():
        graph.add_edge(a, b, weight=tie.weight, documents=sorted(tie.documents), kinds=sorted(tie.kinds))
    return graph


def entity_graph(snap: Snapshot) -> nx.Graph:
    """Organisations, people, events and groups with their direct relationships and the derived ties.

    Documents, awards and places are left out: they would connect everything to everything.
    """
    kept = {"Organization", "Person", "Event", "Group"}
    graph = collaboration_graph(snap)
    for nid, node in snap.nodes.items():
        label = primary_label(node)
        if label in kept and nid not in graph:
            graph.add_node(nid, name=node_name(node), label=label, kind=str(prop(node, "kind") or ""),
                           district="")
    for rel in snap.rels:
        a, b = rel["start"], rel["end"]
        if a in graph and b in graph and a != b:
            docs = set(rel_sources(rel))
            if graph.has_edge(a, b):
                docs |= set(graph.edges[a, b].get("documents", []))
            graph.add_edge(a, b, weight=max(1, len(docs)), documents=sorted(docs),
                           kinds=[rel["type"]])
    return graph


def people_orgs(snap: Snapshot) -> dict[str, set[str]]:
    """Person id → organisations the person holds a post in (used to fold people into them)."""
    result: dict[str, set[str]] = defaultdict(set)
    for rel in snap.rels:
        if rel["type"] == "HOLDS_POST":
            result[rel["start"]].add(rel["end"])
    return dict(result)


# ---------------------------------------------------------------- metrics


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Betweenness centrality; sampled (fixed seed) on large graphs so a page never waits minutes."""
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(graph, normalized=True)
    return nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLES, normalized=True, seed=SEED)


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


def constraint(graph: nx.Graph, limit: int = CONSTRAINT_LIMIT) -> dict[str, float]:
    """Burt's constraint (low = spans structural holes) for the ``limit`` best-connected nodes."""
    top = sorted(graph, key=lambda n: (-graph.degree(n), n))[:limit]
    top = [n for n in top if graph.degree(n) > 0]
    if not top:
        return {}
    return {n: v for n, v in nx.constraint(graph, nodes=top, weight="weight").items() if not math.isnan(v)}


def centrality_rows(graph: nx.Graph, method: str = "louvain") -> list[dict[str, Any]]:
    """One row per node: degree, weighted degree, betweenness, PageRank, community, constraint."""
    between = betweenness(graph)
    ranks = pagerank(graph)
    groups = communities(graph, method)
    holes = constraint(graph)
    rows = []
    for nid, data in graph.nodes(data=True):
        rows.append({
            "id": nid, "name": data.get("name", nid), "kind": data.get("kind", ""),
            "district": data.get("district", ""),
            "degree": graph.degree(nid), "weighted_degree": graph.degree(nid, weight="weight"),
            "betweenness": between.get(nid, 0.0), "pagerank": ranks.get(nid, 0.0),
            "community": groups.get(nid, -1), "constraint": holes.get(nid),
        })
    rows.sort(key=lambda r: (-r["pagerank"], r["name"]))
    return rows


def district_brokers(graph: nx.Graph) -> list[dict[str, Any]]:
    """Organisations that connect other districts: pairs of their partners from different
    districts that have no tie of their own (the broker is the only link between them)."""
    between = betweenness(graph)
    rows = []
    for nid in graph:
        partners = list(graph[nid])
        districts = {graph.nodes[p].get("district") or "—" for p in partners}
        if len(districts - {"—"}) < 2:
            continue
        counts = Counter(graph.nodes[p].get("district") or "—" for p in partners)
        cross = math.comb(len(partners), 2) - sum(math.comb(c, 2) for c in counts.values())
        partner_set = set(partners)
        tied_cross = sum(1 for p in partners for q in graph[p]
                         if q in partner_set and p < q
                         and (graph.nodes[p].get("district") or "—") != (graph.nodes[q].get("district") or "—"))
        brokered = cross - tied_cross
        if brokered <= 0:
            continue
        rows.append({"id": nid, "name": graph.nodes[nid].get("name", nid),
                     "district": graph.nodes[nid].get("district", ""),
                     "districts_bridged": len(districts - {"—"}), "brokered_pairs": brokered,
                     "betweenness": between.get(nid, 0.0)})
    rows.sort(key=lambda r: (-r["brokered_pairs"], -r["betweenness"], r["name"]))
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


def tie_rows(snap: Snapshot, graph: nx.Graph) -> list[dict[str, Any]]:
    """The collaboration ties as rows, strongest first."""
    rows = [{"a": a, "b": b, "name_a": graph.nodes[a]["name"], "name_b": graph.nodes[b]["name"],
             "weight": d["weight"], "kinds": [TIE_KINDS[k] for k in d.get("kinds", []) if k in TIE_KINDS],
             "documents": d.get("documents", [])}
            for a, b, d in graph.edges(data=True)]
    rows.sort(key=lambda r: (-r["weight"], r["name_a"], r["name_b"]))
    return rows


def evolution_by_year(snap: Snapshot) -> list[dict[str, Any]]:
    """Per year: ties that first appear, and the cumulative network's size, density and components."""
    doc_years = document_years(snap)
    ties = collaboration_ties(snap)
    first_year: dict[tuple[str, str], int] = {}
    for pair, tie in ties.items():
        years = [doc_years[d] for d in tie.documents if doc_years.get(d)]
        if years:
            first_year[pair] = min(years)
    rows = []
    graph = nx.Graph()
    for year in sorted(set(first_year.values())):
        new = [pair for pair, y in first_year.items() if y == year]
        graph.add_edges_from(new)
        rows.append({"year": year, "new_ties": len(new), "organisations": graph.number_of_nodes(),
                     "ties": graph.number_of_edges(), "density": nx.density(graph),
                     "components": nx.number_connected_components(graph)})
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


def fold_people(graph: nx.Graph, person_orgs: dict[str, set[str]]) -> nx.Graph:
    """People folded into their organisations: a person's ties become ties of the organisations."""
    folded = nx.Graph()
    for nid, data in graph.nodes(data=True):
        if data.get("label") != "Person":
            folded.add_node(nid, **data)
    for a, b, data in graph.edges(data=True):
        for x in person_orgs.get(a, {a}) if graph.nodes[a].get("label") == "Person" else {a}:
            for y in person_orgs.get(b, {b}) if graph.nodes[b].get("label") == "Person" else {b}:
                if x == y or x not in folded or y not in folded:
                    continue
                if folded.has_edge(x, y):
                    docs = set(folded.edges[x, y]["documents"]) | set(data.get("documents", []))
                    folded.edges[x, y].update(documents=sorted(docs), weight=max(1, len(docs)))
                else:
                    folded.add_edge(x, y, **data)
    return folded


def layout(graph: nx.Graph, scale: float | None = None) -> dict[str, tuple[float, float]]:
    """Precomputed positions (fixed seed) so the browser never runs a physics simulation;
    the drawing grows with the number of nodes so that they do not pile up."""
    if graph.number_of_nodes() == 0:
        return {}
    scale = scale or 60.0 * math.sqrt(graph.number_of_nodes()) + 200.0
    iterations = 50 if graph.number_of_nodes() <= 500 else 30
    positions = nx.spring_layout(graph, seed=SEED, iterations=iterations, weight=None, scale=scale)
    return {n: (float(x), float(y)) for n, (x, y) in positions.items()}


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
