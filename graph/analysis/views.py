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
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis.metrics import Snapshot, node_name, primary_label, prop, rel_sources, year_of
from graph.analysis.search import words
from graph.model import NODE_TYPES, document_kind_ru, kind_ru, label_ru, parse_evidence, property_ru, rel_ru
from graph.store import Store
from ingest.normalise import stem
from ingest.vocabulary import PARTICIPATION_ROLE

MAX_HIGHLIGHTED = 300


# what the analytics read of every node and relationship; texts, evidence and the rest are fetched
# per entity (:func:`with_details`): parsing them for a whole large graph costs seconds
SNAPSHOT_NODE_PROPERTIES = ("name", "aliases", "kind", "district", "date", "number", "issuer", "title")
SNAPSHOT_REL_PROPERTIES = ("sources", "post", "role")
SNAPSHOT_FORMAT = 2  # raised when the snapshot's properties change
OPENING_CHARS = 400  # of an untitled document's text, for its headline
HEADLINE_CHARS = 80


def snapshot_records(store: Store) -> tuple[list[dict], list[dict]]:
    """The store's nodes and relationships with the properties the analytics use."""
    node_columns = ", ".join(f"n.{p}" for p in SNAPSHOT_NODE_PROPERTIES)
    rel_columns = ", ".join(f"r.{p}" for p in SNAPSHOT_REL_PROPERTIES)
    # an untitled document's first words (its text stays in the store): «Новость» alone names none of thirty
    opening = f"CASE WHEN n.title IS NULL THEN substring(n.text, 0, {OPENING_CHARS}) END"
    nodes = [{"id": row[0], "labels": list(row[1]),
              "properties": {"id": row[0]} | {k: v for k, v in zip(SNAPSHOT_NODE_PROPERTIES + ("opening",), row[2:],
                                                                   strict=True) if v is not None}}
             for row in store.query(f"MATCH (n) RETURN n.id, labels(n), {node_columns}, {opening}").rows]
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
    # the format in the name: a file written before a property was added to the snapshot is not read
    path = folder / f"snapshot-{SNAPSHOT_FORMAT}-{re.sub(r'[^0-9A-Za-z]+', '-', version)}.json"
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


def district_sort_key(name: str) -> tuple[str, str]:
    """Districts in the order a reader looks for them: by the proper name, a leading lowercase word
    («город», «городской округ», «город-курорт») left out, case and ё ignored — «город Балашов» beside
    «Балашовский район», not after every capitalised name."""
    tokens = name.split()
    while len(tokens) > 1 and tokens[0][:1].islower():
        tokens = tokens[1:]
    return " ".join(tokens).casefold().replace("ё", "е"), name


def filter_options(store: Store) -> dict[str, Any]:
    """What the sidebar offers — districts, organisation kinds, the span of years — straight from the
    store (a few aggregate queries: the sidebar must not wait for the whole graph)."""
    # only districts some organisation is in: the filter keeps organisations, so any other district would
    # leave every page empty (documents name many towns and districts where no school of theirs is)
    named = {row[0] for row in store.query("MATCH (d:District) RETURN DISTINCT d.name").rows if row[0]}
    districts = {row[0] for row in store.query(
        "MATCH (:Organization)-[:LOCATED_IN]->(d:District) RETURN DISTINCT d.name").rows if row[0]}
    districts |= {row[0] for row in store.query(
        "MATCH (o:Organization) WHERE o.district IS NOT NULL RETURN DISTINCT o.district").rows if row[0]}
    kinds = {row[0] or "other" for row in store.query("MATCH (o:Organization) RETURN DISTINCT o.kind").rows}
    # the distinct years written (min/max of the dates would take «XXXX-02-05», a day of an unknown year)
    years = {year_of(row[0]) for label in ("Document", "Event") for row in store.query(
        f"MATCH (n:{label}) WHERE n.date IS NOT NULL RETURN DISTINCT substring(n.date, 0, 4)").rows}
    years.discard(None)
    undated = sum(1 for row in store.query("MATCH (d:Document) RETURN d.date").rows if year_of(row[0]) is None)
    return {"districts": sorted(districts, key=district_sort_key), "districts_without": len(named - districts),
            "org_kinds": sorted(kinds),
            "years": (min(years), max(years)) if years else None, "undated": undated}


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


# ---------------------------------------------------------------- dates and titles

_ISO_DATE = re.compile(r"(\d{4}|X{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


def date_ru(value: Any) -> str:
    """An ISO date as people write it: «07.11.2013»; a month «11.2013»; a day of an unknown year
    («XXXX-02-05») «05.02 (год не указан)»; anything else as it is."""
    text = str(value or "")
    found = _ISO_DATE.fullmatch(text)
    if found:
        year, month, day = found.groups()
        return f"{day}.{month}.{year}" if year != "XXXX" else f"{day}.{month} (год не указан)"
    found = _ISO_MONTH.fullmatch(text)
    if found:
        return f"{found.group(2)}.{found.group(1)}"
    return text


def document_title(doc: dict[str, Any]) -> str:
    """«Приказ № 642 от 07.11.2013» or the best the document gives (its file's name, never a server path)."""
    kind = document_kind_ru(prop(doc, "kind")).capitalize()
    parts = [kind]
    if prop(doc, "number"):
        parts.append(f"№ {prop(doc, 'number')}")
    if prop(doc, "date"):
        parts.append(f"от {date_ru(prop(doc, 'date'))}")
    title = " ".join(parts)
    untitled = len(parts) == 1 and not prop(doc, "title")
    opening = headline(prop(doc, "opening") or prop(doc, "text")) if untitled else ""
    if prop(doc, "title"):
        title += f": {prop(doc, 'title')}"
    elif opening:
        title += f": {opening}"
    elif len(parts) == 1 and prop(doc, "source"):
        title += f" «{Path(str(prop(doc, 'source'))).name}»"
    return title


def headline(text: Any) -> str:
    """The first line of a text that says something (three words or more: not a site's «Новости»), cut at a
    word to :data:`HEADLINE_CHARS`; "" when there is none."""
    for line in str(text or "").splitlines()[:5]:
        line = " ".join(line.split())
        if len(line.split()) >= 3:
            if len(line) <= HEADLINE_CHARS:
                return line
            return line[:HEADLINE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"
    return ""


def entity_title(node: dict[str, Any]) -> str:
    """What a node is called on screen: a document by its title, anything else by its name."""
    return document_title(node) if primary_label(node) == "Document" else node_name(node)


# ---------------------------------------------------------------- evidence

QUOTE_LIMIT = 400  # characters of the quoted sentence (cut at words, around the name)
LEAD_LIMIT = 220  # characters of a list's lead-in («Вручить благодарственные письма: …»)
LEAD_LINES = 40  # how far back a list item looks for its lead-in
SENTENCE_LIMIT = QUOTE_LIMIT + LEAD_LIMIT
_ITEM_MARK = re.compile(r"^\s*[-–—•·*▪]\s*")  # a bullet item, whose sentence begins in the lead-in
_NUMBERED = re.compile(r"^\s*(\d{1,3}(\.\d{1,3})*[.)]|[а-яa-z]\))\s+")
# a sentence ends at . ! ? … after a word of three letters or more (not after «р.п.», «г.», «Н.Н.»)
_SENTENCE_END = re.compile(r"(?:(?<=\w\w\w)\.|[!?…])(?=\s+[«\"(А-ЯЁA-Z0-9])")
# which end of a relationship its sentence must name: the participant, the recipient, the member …
_NAMED_END = {"AWARDED_TO": "end", "GIVEN_BY": "end", "ISSUED_BY": "end", "SIGNED_BY": "end", "MENTIONS": "end"}


def _names_of(node: dict[str, Any] | None) -> list[str]:
    if node is None:
        return []
    names = [node_name(node), *[str(a) for a in prop(node, "aliases", []) or []]]
    return list(dict.fromkeys(n for n in names if n))


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end], within its line."""
    line_start, line_end = _line_bounds(text, start)
    line_end = max(line_end, min(len(text), end))
    left = line_start
    for found in _SENTENCE_END.finditer(text, line_start, start):
        left = found.end()
    right = line_end
    found = _SENTENCE_END.search(text, end, line_end)
    if found:
        right = found.end()
    return left, right


def _shorten(text: str, limit: int, around: tuple[int, int] | None = None) -> str:
    """At most ``limit`` characters, cut between words (never inside one), keeping ``around`` (offsets
    into ``text``) in view; «…» where something was left out."""
    if len(text) <= limit:
        return text
    if around is None:
        around = (0, 0)
    half = max(0, (limit - (around[1] - around[0])) // 2)
    left = max(0, around[0] - half)
    right = min(len(text), max(around[1] + half, left + limit))
    left = max(0, min(left, right - limit))
    if left > 0:
        space = text.find(" ", left)
        left = space + 1 if 0 <= space < around[0] else left
    if right < len(text):
        space = text.rfind(" ", around[1], right)
        right = space if space > 0 else right
    return ("… " if left > 0 else "") + text[left:right].strip(" ,;") + (" …" if right < len(text) else "")


def _lead_in(text: str, line_start: int) -> str:
    """For a bullet item, the line that opens its list («Вручить благодарственные письма:»)."""
    position, seen = line_start, 0
    while position > 0 and seen < LEAD_LINES:
        previous_start, previous_end = _line_bounds(text, position - 1)
        line = text[previous_start:previous_end]
        position, seen = previous_start, seen + 1
        if not line.strip() or _ITEM_MARK.match(line):
            continue
        lead = " ".join(_NUMBERED.sub("", line).split())
        # the lead-in is the line's last sentence: what introduces the list
        cut = max((m.end() for m in _SENTENCE_END.finditer(lead) if m.end() < len(lead) - 1), default=0)
        return _shorten(lead[cut:].strip(), LEAD_LIMIT)
    return ""


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str] | None:
    return name_pattern(name)


def _find_name(text: str, names: list[str], start: int, end: int) -> tuple[int, int] | None:
    """Where a name is written in text[start:end] (the longest form first)."""
    for name in sorted(names, key=len, reverse=True):
        pattern = _pattern(name)
        found = pattern.search(text, start, end) if pattern else None
        if found:
            return found.span()
    return None


def _nearest_name(text: str, names: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The mention of a name nearest to text[start:end], preferring one after it (a list that follows
    the sentence of an event names its participants)."""
    best: tuple[float, tuple[int, int]] | None = None
    for name in names:
        pattern = _pattern(name)
        for found in pattern.finditer(text) if pattern else ():
            distance = found.start() - end if found.start() >= end else 1.5 * (start - found.end())
            if best is None or distance < best[0]:
                best = (distance, found.span())
    return best[1] if best else None


def fact_quote(text: str, span: tuple[int, int] | None, names: list[str]) -> dict[str, Any] | None:
    """The words of a document that state a fact: the sentence at ``span`` when it names the entity
    (one of ``names``), else the sentence or list item nearest to it that does; a bullet item with its
    lead-in. ``quote`` is what to show (cut between words, around the name), ``start``/``end`` the
    stated part of the text (to highlight it in the document)."""
    if not text:
        return None
    start, end = (max(0, span[0]), min(len(text), span[1])) if span else (0, 0)
    if end <= start and not names:
        return None
    found = _find_name(text, names, start, end) if end > start else None
    if found is None and names:
        found = _nearest_name(text, names, start, end)
        if found is not None:
            line_start, line_end = _line_bounds(text, found[0])
            start, end = ((line_start, line_end) if _ITEM_MARK.match(text[line_start:line_end])
                          else _sentence_bounds(text, *found))
    if end <= start:
        return None
    line_start, _line_end = _line_bounds(text, start)
    item = bool(_ITEM_MARK.match(text[line_start:end]))
    raw = text[start:end]
    squeezed = " ".join(_NUMBERED.sub("", _ITEM_MARK.sub("", raw)).split()).rstrip(" ,;")
    around = None
    if found is not None:  # where the name is, in the squeezed words
        name_text = " ".join(text[found[0]:found[1]].split())
        at = squeezed.find(name_text)
        around = (at, at + len(name_text)) if at >= 0 else None
    sentence = _shorten(squeezed, QUOTE_LIMIT, around)
    lead = _lead_in(text, line_start) if item else ""
    quote = f"{lead.rstrip(' .:;')}: {sentence}" if lead else sentence
    return {"lead": lead, "sentence": sentence, "quote": quote,
            "start": start, "end": end, "named": found is not None}


def evidence_sentence(snap: Snapshot, value: str, names: list[str] | None = None) -> dict[str, Any] | None:
    """The document and the words an evidence string ("docid:start-end") points at, as they state the
    fact about the entity called ``names``."""
    doc_id, span = parse_evidence(value)
    doc = snap.nodes.get(doc_id)
    if doc is None:
        return None
    text = str(prop(doc, "text") or "")
    quote = fact_quote(text, span, names or []) if text else None
    return {"document": doc_id, "title": document_title(doc), "sentence": quote["quote"] if quote else "",
            "lead": quote["lead"] if quote else "", "body": quote["sentence"] if quote else "",
            "named": bool(quote and quote["named"]),
            "span": (quote["start"], quote["end"]) if quote else None}


def fact_provenance(snap: Snapshot, rel: dict[str, Any]) -> list[dict[str, Any]]:
    """For one relationship: every document behind it with the words that state it."""
    props = rel.get("properties") or {}
    named = snap.nodes.get(rel["end"] if _NAMED_END.get(rel["type"]) == "end" else rel["start"])
    names = _names_of(named)
    seen: set[str] = set()
    result = []
    for value in props.get("evidence") or []:
        found = evidence_sentence(snap, str(value), names)
        if found and found["document"] not in seen:
            seen.add(found["document"])
            result.append(found)
    for doc_id in rel_sources(rel):
        if doc_id not in seen and doc_id in snap.nodes:
            result.append({"document": doc_id, "title": document_title(snap.nodes[doc_id]), "sentence": "",
                           "lead": "", "body": "", "named": False, "span": None})
    return result


def mention_quotes(snap: Snapshot, node_id: str, limit: int = 3) -> list[dict[str, Any]]:
    """Up to ``limit`` different sentences of the documents that name an entity (what the review page
    shows of each side of a pair); ``snap`` must hold the texts (:func:`with_details`)."""
    names = _names_of(snap.nodes.get(node_id))
    found: list[dict[str, Any]] = []
    # its own facts first (a post, a participation), the bare mentions after
    rels = sorted((r for r in snap.rels if node_id in (r["start"], r["end"])), key=lambda r: r["type"] == "MENTIONS")
    for rel in rels:
        for value in (rel.get("properties") or {}).get("evidence") or []:
            item = evidence_sentence(snap, str(value), names)
            if item and item["named"] and item["sentence"] not in {f["sentence"] for f in found}:
                found.append(item)
                if len(found) >= limit:
                    return found
    return found


# ---------------------------------------------------------------- profiles

def entity_profile(snap: Snapshot, node_id: str) -> dict[str, Any] | None:
    """An entity's page: attributes, aliases, relationships by kind and direction (each with its heading
    read from this entity's side), timeline, awards, sources."""
    node = snap.nodes.get(node_id)
    if node is None:
        return None
    groups: dict[tuple[str, bool], dict[str, dict[str, Any]]] = defaultdict(dict)
    timeline: list[dict[str, Any]] = []
    awards: list[dict[str, Any]] = []
    award_links = _award_links(snap)
    for rel in snap.rels:
        if node_id not in (rel["start"], rel["end"]) or rel["type"] == "MENTIONS" or rel["start"] == rel["end"]:
            continue
        outgoing = rel["start"] == node_id
        other = snap.nodes[rel["end"] if outgoing else rel["start"]]
        if rel["type"] == "AWARDED_TO" and not outgoing:
            awards.append(_award_row(snap, other, award_links, rel))
            continue
        props = rel.get("properties") or {}
        detail = props.get("post") or _role_ru(props.get("role"))
        rows = groups[(rel["type"], outgoing)]
        row = rows.get(other["id"])
        if row is None:  # one row per entity on the other side: a host and participant is one row
            row = rows[other["id"]] = {
                "other_id": other["id"], "other": entity_title(other), "other_label": label_ru(primary_label(other)),
                "details": [], "outgoing": outgoing, "provenance": [], "facts": []}
        if detail and detail not in row["details"]:
            row["details"].append(detail)
        row["facts"].append(fact_of(rel))
        known = {p["document"] for p in row["provenance"]}
        row["provenance"] += [p for p in fact_provenance(snap, rel) if p["document"] not in known]
        if primary_label(other) == "Event":
            timeline.append({"date": str(prop(other, "date") or ""), "what": node_name(other),
                             "detail": detail, "id": other["id"]})
    relationships = {}
    for (rel_type, outgoing), rows in groups.items():
        heading = rel_ru(rel_type, inverse=not outgoing)
        for row in rows.values():
            row["detail"] = ", ".join(row.pop("details"))
        relationships.setdefault((rel_type, outgoing), {"heading": heading, "type": rel_type, "outgoing": outgoing,
                                                        "rows": sorted(rows.values(), key=lambda r: r["other"])})
    sources = [s for s in prop(node, "sources", []) or [] if s in snap.nodes]
    for doc_id in sources:
        doc = snap.nodes[doc_id]
        timeline.append({"date": str(prop(doc, "date") or ""), "what": document_title(doc),
                         "detail": "упоминание в документе", "id": doc_id})
    timeline.sort(key=lambda t: (not year_of(t["date"]), t["date"] or "9999", t["what"]))
    return {
        "id": node_id, "name": entity_title(node), "label": primary_label(node),
        "label_ru": label_ru(primary_label(node)),
        "aliases": [a for a in prop(node, "aliases", []) or [] if a != node_name(node)],
        "attributes": _attributes(node), "relationships": list(relationships.values()), "timeline": timeline,
        "awards": awards, "sources": sources,
    }


def fact_of(rel: dict[str, Any]) -> dict[str, Any]:
    """What identifies a stated fact (graph/load/judgements.py marks one wrong by it)."""
    props = rel.get("properties") or {}
    return {"type": rel["type"], "start": rel["start"], "end": rel["end"], "id": props.get("id", ""),
            "props": {k: props[k] for k in ("post", "role") if props.get(k) is not None},
            "sources": rel_sources(rel)}


def _role_ru(role: str | None) -> str:
    return PARTICIPATION_ROLE.ru_of(role) if role else ""


def _attributes(node: dict[str, Any]) -> dict[str, str]:
    label = primary_label(node)
    # only the model's own properties: ids, bookkeeping (LOADER_PROPERTIES), texts and file paths stay out of view
    shown = [p.name for p in (NODE_TYPES[label].properties if label in NODE_TYPES else ())
             if p.name not in ("text", "source", "title")]
    props = node.get("properties") or {}
    result = {}
    for key in shown:
        value = props.get(key)
        if value in (None, "", []):
            continue
        if key == "kind":
            value = kind_ru(label, str(value)) if label != "Document" else document_kind_ru(str(value))
        elif key == "date":
            value = date_ru(value)
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
            "provenance": fact_provenance(snap, rel), "facts": [fact_of(rel)], "id": award["id"]}


# ---------------------------------------------------------------- documents


def document_rows(snap: Snapshot) -> list[dict[str, Any]]:
    """Every document: kind, number, date (ДД.ММ.ГГГГ), issuer, title, newest first (undated last)."""
    rows = []
    for nid, node in snap.nodes.items():
        if primary_label(node) != "Document":
            continue
        rows.append({"id": nid, "kind": document_kind_ru(prop(node, "kind")),
                     "number": str(prop(node, "number") or ""), "date": date_ru(prop(node, "date")),
                     "iso": str(prop(node, "date") or ""), "issuer": str(prop(node, "issuer") or ""),
                     "title": document_title(node), "year": year_of(prop(node, "date"))})
    rows.sort(key=lambda r: (r["year"] is not None, r["iso"], r["title"]), reverse=True)
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
    """A pattern finding a name in any case form: each word's stem followed by any ending (ingest's
    stem, which knows «-ий»/«-ию»: «Виталий» is found as «Виталию»)."""
    stems = [re.escape(stem(w)) + r"\w*" for w in words(name)]
    if not stems:
        return None
    return re.compile(r"(?<!\w)" + r"[\s.,«»\"“”„()№-]*".join(stems), re.IGNORECASE)


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


def cell_display(value: Any, names: dict[str, str] | None = None) -> str:
    """A result cell for people: a node as its name, a relationship as its Russian type between the names
    of its ends (``names``: id → name; an end not known is «…», never its id), lists joined."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "labels" in value and "id" in value:
            return entity_title(value)
        if {"type", "start", "end"} <= value.keys():
            known = names or {}
            return f"{known.get(value['start'], '…')} — {rel_ru(value['type'])} — {known.get(value['end'], '…')}"
        if "nodes" in value:
            return " → ".join(entity_title(n) for n in value["nodes"])
        return "; ".join(f"{k}: {cell_display(v, names)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(cell_display(v, names) for v in value)
    return str(value)
