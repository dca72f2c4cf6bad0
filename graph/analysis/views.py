"""What the dashboard shows of one entity or document: pure functions over a :class:`Snapshot`.

The app reaches the store only through ``graph/``: :func:`snapshot_from_store`
reads it once per graph version; the profile, the document view and the
provenance sentences are computed here, so the pages only lay them out.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis.metrics import Snapshot, node_name, primary_label, prop, rel_sources, year_of
from graph.analysis.search import stem, words
from graph.model import NODE_TYPES, document_kind_ru, kind_ru, label_ru, parse_evidence, property_ru, rel_ru
from graph.store import Store
from ingest.vocabulary import PARTICIPATION_ROLE

SENTENCE_LIMIT = 400
MAX_HIGHLIGHTED = 300


# what the analytics read of every node and relationship; texts, evidence and the rest are fetched
# per entity (:func:`with_details`): parsing them for a whole large graph costs seconds
SNAPSHOT_NODE_PROPERTIES = ("name", "aliases", "kind", "district", "date", "number", "issuer", "title")
SNAPSHOT_REL_PROPERTIES = ("sources", "post", "role")


def snapshot_records(store: Store) -> tuple[list[dict], list[dict]]:
    """The store's nodes and relationships with the properties the analytics use."""
    node_columns = ", ".join(f"n.{p}" for p in SNAPSHOT_NODE_PROPERTIES)
    rel_columns = ", ".join(f"r.{p}" for p in SNAPSHOT_REL_PROPERTIES)
    nodes = [{"id": row[0], "labels": list(row[1]),
              "properties": {"id": row[0]} | {k: v for k, v in zip(SNAPSHOT_NODE_PROPERTIES, row[2:], strict=True)
                                              if v is not None}}
             for row in store.query(f"MATCH (n) RETURN n.id, labels(n), {node_columns}").rows]
    rels = [{"type": row[0], "start": row[1], "end": row[2],
             "properties": {k: v for k, v in zip(SNAPSHOT_REL_PROPERTIES, row[3:], strict=True) if v is not None}}
            for row in store.query(f"MATCH (a)-[r]->(b) RETURN type(r), a.id, b.id, {rel_columns}").rows]
    return nodes, rels


def snapshot_from_store(store: Store) -> Snapshot:
    return Snapshot.from_records(*snapshot_records(store))


def cached_snapshot(store: Store, data_dir: str | Path) -> Snapshot:
    """:func:`snapshot_from_store`, kept on disk per graph version (``DATA_DIR/cache/``): a restarted
    dashboard, and the first view after an ingest (which writes it), read one file instead of parsing the
    whole graph out of the store. A file of another version is never read, and is removed."""
    folder = Path(data_dir) / "cache"
    version = store.version()
    path = folder / f"snapshot-{re.sub(r'[^0-9A-Za-z]+', '-', version)}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Snapshot.from_records(data["nodes"], data["rels"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    nodes, rels = snapshot_records(store)
    if store.version() == version:  # nothing was written while we read: the file is this version's
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"nodes": nodes, "rels": rels}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
            for old in folder.glob("snapshot-*.json"):
                if old != path:
                    old.unlink(missing_ok=True)
    return Snapshot.from_records(nodes, rels)


def full_records(store: Store, view: Snapshot | None = None) -> tuple[Iterator[dict], Iterator[dict]]:
    """The store's complete node and relationship records (texts, evidence, sources: what an export
    needs), streamed; with ``view``, only those of the (filtered) snapshot."""
    if view is None:
        return store.iter_nodes(), store.iter_relationships()
    keys = {(r["type"], r["start"], r["end"]) for r in view.rels}
    nodes = (n for n in store.iter_nodes() if n["id"] in view.nodes)
    rels = (r for r in store.iter_relationships() if (r["type"], r["start"], r["end"]) in keys)
    return nodes, rels


def filter_options(store: Store) -> dict[str, Any]:
    """What the sidebar offers — districts, organisation kinds, the span of years — straight from the
    store (a few aggregate queries: the sidebar must not wait for the whole graph)."""
    districts = {row[0] for row in store.query("MATCH (d:District) RETURN DISTINCT d.name").rows if row[0]}
    districts |= {row[0] for row in store.query(
        "MATCH (o:Organization) WHERE o.district IS NOT NULL RETURN DISTINCT o.district").rows if row[0]}
    kinds = {row[0] or "other" for row in store.query("MATCH (o:Organization) RETURN DISTINCT o.kind").rows}
    years = [year_of(value) for label in ("Document", "Event")
             for row in store.query(f"MATCH (n:{label}) RETURN min(n.date), max(n.date)").rows for value in row]
    years = [y for y in years if y]
    return {"districts": sorted(districts), "org_kinds": sorted(kinds),
            "years": (min(years), max(years)) if years else None}


def with_details(store: Store, snap: Snapshot, node_id: str) -> Snapshot:
    """The snapshot with one entity complete: all its properties, its relationships with their
    evidence, and the texts of the documents behind them (for the sentences)."""
    node = snap.nodes.get(node_id)
    if node is None:
        return snap
    label = primary_label(node)  # a label of the model: the id index is used
    found = store.query(f"MATCH (n:`{label}` {{id: $id}}) RETURN properties(n)", {"id": node_id}).rows
    nodes = dict(snap.nodes)
    if found:
        nodes[node_id] = {**node, "properties": dict(found[0][0])}
    rels = [r for r in snap.rels if node_id not in (r["start"], r["end"])]
    outgoing = store.query(f"MATCH (n:`{label}` {{id: $id}})-[r]->(m) RETURN type(r), m.id, properties(r)",
                           {"id": node_id}).rows
    incoming = store.query(f"MATCH (m)-[r]->(n:`{label}` {{id: $id}}) RETURN type(r), m.id, properties(r)",
                           {"id": node_id}).rows
    rels += [{"type": t, "start": node_id, "end": other, "properties": dict(p)} for t, other, p in outgoing]
    rels += [{"type": t, "start": other, "end": node_id, "properties": dict(p)} for t, other, p in incoming]
    documents = {parse_evidence(str(e))[0] for r in rels if node_id in (r["start"], r["end"])
                 for e in (r["properties"].get("evidence") or [])}
    if label == "Document":
        documents.discard(node_id)
    if documents:
        for doc_id, text in store.query("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.text",
                                        {"ids": sorted(documents)}).rows:
            if doc_id in nodes:
                nodes[doc_id] = {**nodes[doc_id], "properties": {**nodes[doc_id]["properties"], "text": text or ""}}
    return Snapshot.from_records(nodes.values(), rels)


def evidence_sentence(snap: Snapshot, value: str) -> dict[str, Any] | None:
    """The document and the sentence an evidence string ("docid:start-end") points at."""
    doc_id, span = parse_evidence(value)
    doc = snap.nodes.get(doc_id)
    if doc is None:
        return None
    text = str(prop(doc, "text") or "")
    sentence = ""
    if span and text:
        start, end = max(0, span[0]), min(len(text), span[1])
        sentence = " ".join(text[start:end].split())
        if len(sentence) > SENTENCE_LIMIT:
            sentence = sentence[: SENTENCE_LIMIT - 1] + "…"
    return {"document": doc_id, "title": document_title(doc), "sentence": sentence}


def document_title(doc: dict[str, Any]) -> str:
    """«Приказ № 642 от 2013-11-07» or the best the document gives."""
    kind = document_kind_ru(prop(doc, "kind")).capitalize()
    parts = [kind]
    if prop(doc, "number"):
        parts.append(f"№ {prop(doc, 'number')}")
    if prop(doc, "date"):
        parts.append(f"от {prop(doc, 'date')}")
    title = " ".join(parts)
    if prop(doc, "title"):
        title += f": {prop(doc, 'title')}"
    elif len(parts) == 1 and prop(doc, "source"):
        title += f" ({prop(doc, 'source')})"
    return title


def fact_provenance(snap: Snapshot, rel: dict[str, Any]) -> list[dict[str, Any]]:
    """For one relationship: every document behind it with the sentence that states it."""
    props = rel.get("properties") or {}
    seen: set[str] = set()
    result = []
    for value in props.get("evidence") or []:
        found = evidence_sentence(snap, str(value))
        if found:
            seen.add(found["document"])
            result.append(found)
    for doc_id in rel_sources(rel):
        if doc_id not in seen and doc_id in snap.nodes:
            result.append({"document": doc_id, "title": document_title(snap.nodes[doc_id]), "sentence": ""})
    return result


def entity_profile(snap: Snapshot, node_id: str) -> dict[str, Any] | None:
    """An entity's page: attributes, aliases, relationships by kind, timeline, awards, sources."""
    node = snap.nodes.get(node_id)
    if node is None:
        return None
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    timeline: list[dict[str, Any]] = []
    awards: list[dict[str, Any]] = []
    award_links = _award_links(snap)
    for rel in snap.rels:
        if node_id not in (rel["start"], rel["end"]) or rel["type"] == "MENTIONS":
            continue
        outgoing = rel["start"] == node_id
        other = snap.nodes[rel["end"] if outgoing else rel["start"]]
        if rel["type"] == "AWARDED_TO" and not outgoing:
            awards.append(_award_row(snap, other, award_links, rel))
            continue
        props = rel.get("properties") or {}
        detail = props.get("post") or _role_ru(props.get("role")) or ""
        groups[rel["type"]].append({
            "other_id": other["id"], "other": node_name(other), "other_label": label_ru(primary_label(other)),
            "detail": detail, "outgoing": outgoing, "provenance": fact_provenance(snap, rel),
        })
        if primary_label(other) == "Event":
            timeline.append({"date": str(prop(other, "date") or ""), "what": node_name(other),
                             "detail": detail, "id": other["id"]})
    sources = [s for s in prop(node, "sources", []) or [] if s in snap.nodes]
    for doc_id in sources:
        doc = snap.nodes[doc_id]
        timeline.append({"date": str(prop(doc, "date") or ""), "what": document_title(doc),
                         "detail": "упомянут(а) в документе", "id": doc_id})
    timeline.sort(key=lambda t: (t["date"] or "9999", t["what"]))
    return {
        "id": node_id, "name": node_name(node), "label": primary_label(node),
        "label_ru": label_ru(primary_label(node)),
        "aliases": [a for a in prop(node, "aliases", []) or [] if a != node_name(node)],
        "attributes": _attributes(node), "relationships": dict(groups), "timeline": timeline,
        "awards": awards, "sources": sources,
    }


def _role_ru(role: str | None) -> str:
    return PARTICIPATION_ROLE.ru_of(role)




def _attributes(node: dict[str, Any]) -> dict[str, str]:
    label = primary_label(node)
    # only the model's own properties: ids, bookkeeping (LOADER_PROPERTIES) and the text stay out of view
    shown = [p.name for p in (NODE_TYPES[label].properties if label in NODE_TYPES else ()) if p.name != "text"]
    props = node.get("properties") or {}
    result = {}
    for key in shown:
        value = props.get(key)
        if value in (None, "", []):
            continue
        if key == "kind":
            value = kind_ru(label, str(value))
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        result[property_ru(key)] = str(value)
    return result


def _award_links(snap: Snapshot) -> dict[str, dict[str, str]]:
    """Award id → names of its giver and event."""
    links: dict[str, dict[str, str]] = defaultdict(dict)
    for rel in snap.rels:
        if rel["type"] in ("GIVEN_BY", "FOR"):
            links[rel["start"]][rel["type"]] = node_name(snap.nodes[rel["end"]])
    return links


def _award_row(snap: Snapshot, award: dict[str, Any], links: dict[str, dict[str, str]],
               rel: dict[str, Any]) -> dict[str, Any]:
    extra = links.get(award["id"], {})
    return {"kind": str(prop(award, "kind") or "награда"), "date": str(prop(award, "date") or ""),
            "given_by": extra.get("GIVEN_BY", ""), "event": extra.get("FOR", ""),
            "provenance": fact_provenance(snap, rel)}


# ---------------------------------------------------------------- documents


def document_rows(snap: Snapshot) -> list[dict[str, Any]]:
    """Every document: kind, number, date, issuer, newest first."""
    rows = []
    for nid, node in snap.nodes.items():
        if primary_label(node) != "Document":
            continue
        rows.append({"id": nid, "kind": document_kind_ru(prop(node, "kind")),
                     "number": str(prop(node, "number") or ""), "date": str(prop(node, "date") or ""),
                     "issuer": str(prop(node, "issuer") or ""), "title": document_title(node),
                     "year": year_of(prop(node, "date"))})
    rows.sort(key=lambda r: (r["date"] or "0000", r["id"]), reverse=True)
    return rows


def document_entities(snap: Snapshot, doc_id: str) -> list[dict[str, Any]]:
    """The entities a document names (its MENTIONS, issuer and signatory)."""
    found: dict[str, dict[str, Any]] = {}
    for rel in snap.rels:
        if rel["start"] == doc_id and rel["type"] in ("MENTIONS", "ISSUED_BY", "SIGNED_BY"):
            other = snap.nodes[rel["end"]]
            found[other["id"]] = {"id": other["id"], "name": node_name(other), "label": primary_label(other),
                                  "aliases": list(prop(other, "aliases", []) or [])}
    return sorted(found.values(), key=lambda e: (e["label"], e["name"]))


def name_pattern(name: str) -> re.Pattern[str] | None:
    """A pattern finding a name in any case form: each word's stem followed by any ending."""
    stems = [re.escape(stem(w)) + r"\w*" for w in words(name)]
    if not stems:
        return None
    return re.compile(r"(?<!\w)" + r"[\s.,«»\"“”„()-]*".join(stems), re.IGNORECASE)


def mention_spans(text: str, entities: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Non-overlapping spans of the text naming each entity (longest names first)."""
    spans: list[tuple[int, int, dict[str, Any]]] = []
    taken: list[tuple[int, int]] = []
    forms = [(form, entity) for entity in entities for form in [entity["name"], *entity.get("aliases", [])]]
    for form, entity in sorted(forms, key=lambda f: -len(f[0])):
        pattern = name_pattern(form)
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            spans.append((start, end, entity))
            if len(spans) >= MAX_HIGHLIGHTED:
                return sorted(spans, key=lambda s: s[0])
    return sorted(spans, key=lambda s: s[0])


# ---------------------------------------------------------------- query results


def result_graph(rows: list[list[Any]]) -> nx.Graph:
    """The nodes, relationships and paths found in a query's result rows, as a graph to draw."""
    graph = nx.Graph()
    pending: list[dict[str, Any]] = []

    def visit(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            if "labels" in value and "id" in value:
                label = primary_label(value)
                graph.add_node(value["id"], name=node_name(value), label=label,
                               kind=str(prop(value, "kind") or ""), district=str(prop(value, "district") or ""))
            elif {"type", "start", "end"} <= value.keys():
                pending.append(value)
            elif "nodes" in value and "relationships" in value:
                visit(value["nodes"])
                visit(value["relationships"])

    for row in rows:
        visit(list(row))
    for rel in pending:
        # a relationship's ends are drawn even when the query returned only the relationship
        for end in (rel["start"], rel["end"]):
            if end not in graph:
                graph.add_node(end, name=str(end), label="", kind="", district="")
        docs = rel_sources(rel)
        graph.add_edge(rel["start"], rel["end"], weight=max(1, len(docs)), documents=docs, kinds=[rel["type"]])
    return graph


def cell_display(value: Any) -> str:
    """A result cell for people: a node as its name, a relationship as its Russian type, lists joined."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "labels" in value and "id" in value:
            return node_name(value)
        if {"type", "start", "end"} <= value.keys():
            return f"{value['start']} —{rel_ru(value['type'])}→ {value['end']}"
        if "nodes" in value:
            return " → ".join(node_name(n) for n in value["nodes"])
        return "; ".join(f"{k}: {cell_display(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(cell_display(v) for v in value)
    return str(value)
