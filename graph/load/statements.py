"""The Cypher that writes rows and takes documents out, in the subset both stores run.

Lists are kept sorted and free of duplicates by the statements themselves (an insertion in place), so
re-ingesting the same documents in any order gives the same graph. Bookkeeping for removal:
``name_sources`` and ``alias_sources`` hold ``"docid:name"`` for every name a document gave the node.
:func:`removal_statements` takes documents out: their ids leave every ``sources``/``evidence`` list,
whatever has no source left is deleted, and the names only they gave are dropped from ``aliases``.
"""


from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from graph.load.keys import display_parts
from graph.load.rows import DocumentRows, name_order
from graph.model import ORG_KIND_LABELS
from graph.store import PURGE_PARAM, Store
from graph.store.search import row_search_text, search_text

# Rows per atomic unit of whole documents: bigger units mean fewer, larger statements (measured on the
# synthetic 100k/500k graph of bench/store.py: 20,000 loads ~10% faster than 5,000); each is still one
# all-or-nothing block.
UNIT_ELEMENTS = 20_000
REMOVED_SUFFIX = "\u2060removed"  # a removed node's id while it waits for deletion (never an id of the loader)

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
        f"n.name_sources = row.name_sources, n.alias_sources = row.alias_sources, n += row.props, "
        f"n.search = row.search "
        # the bookkeeping first: it reads the node's name, sources and aliases as they were
        f"ON MATCH SET n.name_sources = {_insert_all(stored_names, row_names)}, "
        f"n.alias_sources = {_insert_all(stored_aliases, row_aliases)}, "
        f"n += CASE WHEN {better} THEN row.props ELSE {{}} END, "
        f"n.name = CASE WHEN {better} THEN row.name ELSE n.name END, "
        f"n.sources = {_insert_all('n.sources', 'row.docs')}, "
        f"n.aliases = {_insert_all('n.aliases', 'row.aliases')}, "
        f"n.search = {search_text('n')}"
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
    for row in nodes.values():  # a new node's search text, made here (graph/store/search.py makes it in Cypher too)
        row["search"] = row_search_text(row["name"], row["aliases"])
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
            row["props"] = display_parts(row["name"]) if label == "Person" else {}
        updates[label].append(row)
    statements: list[tuple[str, dict]] = []
    for label, ids in sorted(touched.items()):
        statements.append((
            f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}})-[r]->() WHERE any(x IN r.sources WHERE x IN $docs) "
            "SET r.sources = [x IN r.sources WHERE NOT x IN $docs], "
            "r.evidence = [e IN r.evidence WHERE NOT any(d IN $docs WHERE e STARTS WITH (d + ':'))]",
            {"ids": ids, "docs": docs}))
        # relationships left without a source are set aside and deleted last, like nodes (_deletion_statements)
        statements.append((f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}})-[r]->() "
                           "WHERE size(r.sources) = 0 SET r.id = r.id + $suffix", {"ids": ids, "suffix": REMOVED_SUFFIX}))
        statements.append((f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}})-[r]->() "
                           f"WHERE r.id ENDS WITH ${PURGE_PARAM} DELETE r", {"ids": ids, PURGE_PARAM: REMOVED_SUFFIX}))
    for label, rows in sorted(updates.items()):
        statements.append((
            f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n.sources = row.sources, "
            "n.name_sources = row.name_sources, n.alias_sources = row.alias_sources, n.aliases = row.aliases, "
            f"n.name = coalesce(row.name, n.name), n += row.props SET n.search = {search_text('n')}", {"rows": rows}))
    deletes["Document"] = docs
    return statements + _deletion_statements(deletes)


def _deletion_statements(deletes: dict[str, list[str]]) -> list[tuple[str, dict]]:
    """Nodes deleted in two steps: set aside under another id (a node of the same id loaded after them is a new
    one), then deleted by statements the store may run last (:data:`graph.store.PURGE_PARAM`): FalkorDB's undo
    of a failed query that deleted nodes and then created others reattaches relationships to the wrong nodes."""
    aside, purge = [], []
    for label, ids in sorted(deletes.items()):
        # UNWIND, not `WHERE n.id IN $ids`: FalkorDB's EXPLAIN (the store's pre-check) wants the latter's parameters
        aside.append((f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}}) SET n.id = nid + $suffix",
                      {"ids": ids, "suffix": REMOVED_SUFFIX}))
        purge.append((f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid + ${PURGE_PARAM}}}) DETACH DELETE n",
                      {"ids": ids, PURGE_PARAM: REMOVED_SUFFIX}))
    return aside + purge
