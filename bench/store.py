"""Store benchmark: bare batched load rate and the latency of every named query.

    .venv/bin/python bench/store.py [--nodes 100000] [--rels 500000] [--runs 50] [--fsync-sample 20000]
        [--queries NAME,NAME] [--no-loader]

Builds a synthetic education network shaped like the real one (regions,
districts, schools and other organisations, people with posts, events with
hosts and participants, groups, awards, documents), loads it into a fresh
embedded FalkorDB with bare batched ``UNWIND $rows MERGE`` through the same
client the project uses, and prints elements/s; then times every named query
of queries/ (p50/p95 over --runs runs with parameters drawn from the data).
It also loads a small sample with ``appendfsync always`` and ``everysec`` to
show what per-write fsync costs.  Heavy: run it once, not in a loop.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.load.statements import UNIT_ELEMENTS  # noqa: E402
from graph.store import QueryError, QueryLimits, Store  # noqa: E402
from graph.store.config import StoreConfig  # noqa: E402
from graph.store.falkor import FalkorStore, stop_server  # noqa: E402
from graph.store.queries import list_queries, run_named  # noqa: E402

BATCH = 5_000
QUERY_BUDGET_S = 20.0  # per query: fewer runs when one run is slow

# label (with the second label of organisations) → share of the nodes
NODE_SHARES = {
    "Region": 0.0001, "District": 0.005, "Organization:School": 0.10, "Organization:Kindergarten": 0.03,
    "Organization:Authority": 0.005, "Organization:MethodicalService": 0.01, "Organization:Institute": 0.005,
    "Person": 0.50, "Event": 0.10, "Group": 0.03, "Award": 0.10,
}  # the rest: Document
# relationship type → (start label, end label, share of the relationships, properties maker)
EVENT_ROLES = ("host", "organiser", "speaker", "participant", "participant", "participant", "participant")


def synthetic_graph(n_nodes: int, n_rels: int, seed: int = 7) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Nodes by label string and relationships by type (rows for ``UNWIND``), deterministic for a seed."""
    rng = random.Random(seed)
    nodes: dict[str, list[dict]] = {}
    ids: dict[str, list[str]] = {}
    remaining = n_nodes
    for labels, share in NODE_SHARES.items():
        count = max(2, int(n_nodes * share))
        remaining -= count
        ids[labels] = [f"{labels.split(':')[-1].lower()}-{i}" for i in range(count)]
    ids["Document"] = [f"doc-{i}" for i in range(max(2, remaining))]  # no ':' (evidence is "doc:start-end")
    years = [str(y) for y in range(2010, 2025)]
    event_kinds = ("seminar", "conference", "contest", "olympiad", "master_class", "meeting")
    for labels, keys in ids.items():
        rows = []
        for key in keys:
            props = {"name": f"{labels.split(':')[-1]} {key.split('-')[1]} {rng.choice(('Северная', 'Лесная', 'Новая'))}",
                     "aliases": [f"alias {key}"], "sources": [rng.choice(ids['Document'])]}
            if labels.startswith("Organization"):
                props["kind"] = labels.split(":")[1].lower()
            elif labels == "Event":
                props.update(kind=rng.choice(event_kinds), date=f"{rng.choice(years)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
            elif labels == "Award":
                props.update(kind=rng.choice(("благодарственное письмо", "почетная грамота", "диплом")))
            elif labels == "Document":
                props.update(kind=rng.choice(("order", "news", "report")), date=f"{rng.choice(years)}-05-01",
                             text="Текст документа. " * 20)
            elif labels == "Group":
                props["kind"] = rng.choice(("methodical_association", "working_group", "network_project"))
            rows.append({"id": key, "props": props})
        nodes[labels] = rows

    schools = ids["Organization:School"]
    orgs = [key for labels, keys in ids.items() if labels.startswith("Organization") for key in keys]
    authorities = ids["Organization:Authority"]
    people, events, groups, awards, docs = ids["Person"], ids["Event"], ids["Group"], ids["Award"], ids["Document"]
    district_of = {org: rng.choice(ids["District"]) for org in orgs}

    def ev(doc: str | None = None) -> dict:
        doc = doc or rng.choice(docs)
        start = rng.randint(0, 200)
        return {"sources": [doc], "evidence": [f"{doc}:{start}-{start + 17}"]}

    rels: dict[str, list[dict]] = {}

    def add(rel_type: str, start: str, end: str, **props: str) -> None:
        rels.setdefault(rel_type, []).append({"s": start, "e": end, "props": {**ev(), **props}})

    for district in ids["District"]:
        add("PART_OF", district, rng.choice(ids["Region"]))
    for org in orgs:
        add("LOCATED_IN", org, district_of[org])
        if org not in authorities:
            add("SUBORDINATE_TO", org, rng.choice(authorities))
    fixed = sum(len(rows) for rows in rels.values())
    budget = max(0, n_rels - fixed)
    posts = ("директор", "учитель", "заместитель директора", "методист")
    for person in people:  # about 1.2 posts each
        add("HOLDS_POST", person, rng.choice(orgs), post=rng.choice(posts))
    for person in rng.sample(people, len(people) // 5):
        add("HOLDS_POST", person, rng.choice(orgs), post=rng.choice(posts))
    for award in awards:
        add("AWARDED_TO", award, rng.choice(people if rng.random() < 0.8 else orgs))
        add("GIVEN_BY", award, rng.choice(authorities))
        add("FOR", award, rng.choice(events))
    for doc in docs:
        add("ISSUED_BY", doc, rng.choice(authorities))
        add("SIGNED_BY", doc, rng.choice(people))
    used = sum(len(rows) for rows in rels.values()) - fixed
    rest = max(0, budget - used)
    # the rest: event participation (half), group membership (a quarter), mentions (a quarter)
    for event in events:
        add("PARTICIPATED_IN", rng.choice(schools), event, role="host")
    for _ in range(max(0, rest // 2 - len(events))):
        who = rng.choice(people) if rng.random() < 0.7 else rng.choice(orgs)
        add("PARTICIPATED_IN", who, rng.choice(events), role=rng.choice(EVENT_ROLES[1:]))
    for _ in range(rest // 4):
        add("MEMBER_OF", rng.choice(people) if rng.random() < 0.7 else rng.choice(schools), rng.choice(groups))
    every_node = [key for keys in ids.values() for key in keys]
    for _ in range(rest - rest // 2 - rest // 4):
        add("MENTIONS", rng.choice(docs), rng.choice(every_node))
    return nodes, rels


def _label_of(node_id: str) -> str:
    """The main label of a synthetic id (its prefix), for MATCHing relationship ends through the index."""
    prefix = node_id.split("-")[0]
    return {"school": "Organization", "kindergarten": "Organization", "authority": "Organization",
            "methodicalservice": "Organization", "institute": "Organization", "doc": "Document"}.get(
        prefix, prefix.capitalize())


def bare_load(store: Store, nodes: dict[str, list[dict]], rels: dict[str, list[dict]], batch: int = BATCH) -> float:
    """Load with bare batched ``UNWIND $rows MERGE``; seconds taken."""
    started = time.perf_counter()
    for labels, rows in nodes.items():
        cypher = f"UNWIND $rows AS row MERGE (n:{labels} {{id: row.id}}) SET n += row.props"
        for i in range(0, len(rows), batch):
            store.query(cypher, {"rows": rows[i:i + batch]}, write=True)
    for rel_type, rows in rels.items():
        groups: dict[tuple[str, str], list[dict]] = {}
        for row in rows:
            groups.setdefault((_label_of(row["s"]), _label_of(row["e"])), []).append(row)
        key = " {role: row.props.role}" if rel_type == "PARTICIPATED_IN" else (
            " {post: row.props.post}" if rel_type == "HOLDS_POST" else "")
        for (start_label, end_label), group in groups.items():
            cypher = (f"UNWIND $rows AS row MATCH (a:{start_label} {{id: row.s}}) MATCH (b:{end_label} {{id: row.e}}) "
                      f"MERGE (a)-[r:{rel_type}{key}]->(b) SET r += row.props")
            for i in range(0, len(group), batch):
                store.query(cypher, {"rows": group[i:i + batch]}, write=True)
    return time.perf_counter() - started


def loader_rows(nodes: dict[str, list[dict]], rels: dict[str, list[dict]]) -> list:
    """The synthetic graph as edugraph's loader rows (graph/loader.py), one DocumentRows per source document:
    the same elements with the same names, aliases, sources and evidence as the bare load, ids and labels kept."""
    from graph.load.keys import stable_id
    from graph.load.rows import DocumentRows, NodeRow, RelRow

    documents: dict[str, DocumentRows] = {}

    def rows_of(doc: str) -> DocumentRows:
        return documents.setdefault(doc, DocumentRows(doc, f"/synthetic/{doc}.txt", ""))

    for labels, rows in nodes.items():
        label, _, sublabel = labels.partition(":")
        for row in rows:
            props = dict(row["props"])
            doc = props.pop("sources")[0]
            name, aliases = props.pop("name"), props.pop("aliases")
            rows_of(doc).nodes[row["id"]] = NodeRow(label, row["id"], name, sublabel or None, {name, *aliases}, props)
    for rel_type, rows in rels.items():
        for row in rows:
            props = dict(row["props"])
            doc, evidence = props.pop("sources")[0], props.pop("evidence")
            rel_id = stable_id("rel", f"{row['s']}|{rel_type}|{row['e']}|{sorted(props.items())}")
            rows_of(doc).rels[rel_id] = RelRow(rel_type, _label_of(row["s"]), row["s"], _label_of(row["e"]), row["e"],
                                               rel_id, props, set(evidence))
    return list(documents.values())


def loader_load(store: Store, documents: list, unit: int | None = None) -> float:
    """Write the loader's rows as `edugraph ingest` writes them (graph/loader.py's write_documents: its statements,
    sorted and deduplicated sources/aliases/evidence, name bookkeeping, atomic units of about ``unit`` elements
    through ``write_atomic``, the next unit built while the store writes one); seconds taken, building included.

    The nodes of every document are written before the relationships: a synthetic relationship points at
    nodes that other documents state (a real document states the nodes at its relationships' ends itself,
    and `edugraph ingest` writes them in the same unit).  Extraction and resolution are not timed."""
    from graph.load.loader import write_documents
    from graph.load.rows import DocumentRows

    unit = unit or UNIT_ELEMENTS  # what `edugraph ingest` uses
    started = time.perf_counter()
    write_documents(store, (DocumentRows(d.doc_id, d.source, d.digest, nodes=d.nodes) for d in documents if d.nodes),
                    unit)
    write_documents(store, (DocumentRows(d.doc_id, d.source, d.digest, rels=d.rels) for d in documents if d.rels),
                    unit)
    return time.perf_counter() - started


def compare_loader(root: Path, nodes: dict[str, list[dict]], rels: dict[str, list[dict]], bare_seconds: float) -> None:
    """edugraph's loader on the same rows into a fresh store, printed beside the bare load (target: ≤ 1.5×)."""
    elements = sum(map(len, nodes.values())) + sum(map(len, rels.values()))
    documents = loader_rows(nodes, rels)
    data_dir = root / "loader"
    store = open_bench_store(data_dir)
    try:
        store.ensure_schema()
        seconds = loader_load(store, documents)
        stored_rels = store.query("MATCH ()-[r]->() RETURN count(r)").rows[0][0]
    finally:
        store.close()
        stop_server(data_dir)
    ratio = seconds / bare_seconds
    print(f"edugraph loader, same rows as rows of {len(documents):,} documents (units of {UNIT_ELEMENTS}, "
          "appendfsync always): "
          f"{seconds:.1f} s, {elements / seconds:,.0f} elements/s, {stored_rels:,} relationships stored")
    print(f"loader / bare = {ratio:.2f} (target ≤ 1.5: {'met' if ratio <= 1.5 else 'NOT met'})")


def open_bench_store(data_dir: Path, appendfsync: str = "always") -> FalkorStore:
    return FalkorStore.connect(StoreConfig(backend="falkordb", data_dir=data_dir, appendfsync=appendfsync))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def sample_params(store: Store, rng: random.Random) -> Callable[[str], dict[str, str]]:
    """A maker of realistic parameters: ids of entities that have neighbours."""
    def pick(cypher: str) -> list[str]:
        return [row[0] for row in store.query(cypher).rows]

    people = pick("MATCH (p:Person)-[:HOLDS_POST]->() RETURN p.id LIMIT 2000")
    schools = pick("MATCH (o:School)<-[:HOLDS_POST]-() RETURN DISTINCT o.id LIMIT 2000")
    authorities = pick("MATCH (o:Authority) RETURN o.id LIMIT 500")
    events = pick("MATCH (e:Event)<-[:PARTICIPATED_IN]-() RETURN DISTINCT e.id LIMIT 2000")
    names = pick("MATCH (o:School) RETURN o.name LIMIT 500")

    def make(name: str) -> dict[str, str]:
        by_param = {
            "id": {"person_profile": people, "coworkers": people, "organisation_profile": schools,
                   "event_participants": events, "subordinate_organisations": authorities,
                   "sources_of_entity": people}.get(name, people),
            "org": schools, "text": [n.split()[1] for n in names], "from": people, "to": people,
            "a": people, "b": schools,
        }
        params = {}
        for param in next(q for q in list_queries() if q.name == name).params:
            if param.required:
                params[param.name] = rng.choice(by_param[param.name])
        if name == "tie_documents":  # a person and the organisation where they hold a post
            person = rng.choice(people)
            org = store.query("MATCH (:Person {id: $id})-[:HOLDS_POST]->(o) RETURN o.id LIMIT 1", {"id": person}).rows
            params = {"a": person, "b": org[0][0]}
        return params

    return make


def time_queries(store: Store, runs: int, rng: random.Random,
                 names: set[str] | None = None) -> list[tuple[str, int, float, float]]:
    """(name, runs, p50 ms, p95 ms) of every named query, or of those named (the console's time limit lifted)."""
    store.limits = QueryLimits(timeout_s=600, memory_mb=store.limits.memory_mb)
    make = sample_params(store, rng)
    figures = []
    for query in list_queries():
        if names and query.name not in names:
            continue
        timings: list[float] = []
        spent_from = time.perf_counter()
        while len(timings) < runs and (len(timings) < 3 or time.perf_counter() - spent_from < QUERY_BUDGET_S):
            params = make(query.name)
            started = time.perf_counter()
            try:  # as `edugraph query` runs it: the store's own variant where there is one (search_by_name)
                run_named(store, query.name, params)
            except QueryError as exc:
                raise SystemExit(f"query {query.name} {params}: {exc}") from exc
            timings.append((time.perf_counter() - started) * 1000)
        figures.append((query.name, len(timings), statistics.median(timings), percentile(timings, 0.95)))
    return figures


def fsync_comparison(sample_nodes: int, root: Path) -> dict[str, float]:
    """Elements/s of the bare load of a small sample with each appendfsync policy."""
    rates = {}
    nodes, rels = synthetic_graph(sample_nodes, sample_nodes * 5, seed=11)
    elements = sum(map(len, nodes.values())) + sum(map(len, rels.values()))
    for policy in ("always", "everysec"):
        data_dir = root / f"fsync-{policy}"
        store = open_bench_store(data_dir, policy)
        try:
            store.ensure_schema()
            rates[policy] = elements / bare_load(store, nodes, rels)
        finally:
            store.close()
            stop_server(data_dir)
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--rels", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--fsync-sample", type=int, default=20_000, help="nodes of the fsync comparison (0: skip)")
    parser.add_argument("--queries", default="", help="comma-separated names of the queries to time (default: all)")
    parser.add_argument("--no-loader", action="store_true", help="skip the loader / bare comparison")
    args = parser.parse_args(argv)
    rng = random.Random(3)

    with tempfile.TemporaryDirectory(prefix="edugraph-bench-") as tmp:
        root = Path(tmp)
        if args.fsync_sample:
            rates = fsync_comparison(args.fsync_sample, root)
            print(f"appendfsync on {args.fsync_sample} nodes + {args.fsync_sample * 5} relationships: "
                  f"always {rates['always']:,.0f} el/s, everysec {rates['everysec']:,.0f} el/s "
                  f"(always/everysec = {rates['always'] / rates['everysec']:.2f})")

        started = time.perf_counter()
        nodes, rels = synthetic_graph(args.nodes, args.rels)
        n_nodes, n_rels = sum(map(len, nodes.values())), sum(map(len, rels.values()))
        print(f"synthetic graph: {n_nodes:,} nodes, {n_rels:,} relationships "
              f"(built in {time.perf_counter() - started:.1f} s)")
        data_dir = root / "main"
        store = open_bench_store(data_dir)
        try:
            store.ensure_schema()
            seconds = bare_load(store, nodes, rels)
            store.ensure_schema()  # the search text of the nodes the bare load wrote (graph/store/search.py)
            print(f"bare UNWIND … MERGE load (batches of {BATCH}, appendfsync always): {seconds:.1f} s, "
                  f"{(n_nodes + n_rels) / seconds:,.0f} elements/s")
            counts = store.counts()
            stored_nodes = sum(counts.get(label.split(":")[0], 0) for label in
                               ("Region", "District", "Organization", "Person", "Event", "Group", "Award", "Document"))
            stored_rels = sum(v for k, v in counts.items() if k.isupper())
            print(f"stored: {stored_nodes:,} nodes, {stored_rels:,} relationships")
            print(f"{'query':34} {'runs':>5} {'p50 ms':>9} {'p95 ms':>9}")
            names = {name.strip() for name in args.queries.split(",") if name.strip()}
            for name, runs, p50, p95 in time_queries(store, args.runs, rng, names or None):
                print(f"{name:34} {runs:5d} {p50:9.1f} {p95:9.1f}")
        finally:
            store.close()
            stop_server(data_dir)
        if not args.no_loader:
            compare_loader(root, nodes, rels, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
