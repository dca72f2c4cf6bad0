"""Merge and split judgements: a person's decisions about entity resolution that
the automatic rules (graph/resolve.py) cannot make, kept and reapplied.

They live in ``DATA_DIR/judgements.json``, in the order they were made::

    {"judgements": [
      {"op": "merge", "keep": "person-…", "drop": "person-…", "at": "2026-…", "note": "…", "author": "ivanova"},
      {"op": "split", "id": "person-…", "docs": ["…"], "names": ["…"], "new_id": "person-…", "at": "…"}
    ]}

``merge`` sends every mention of ``drop`` to ``keep``; ``split`` sends the
mentions of ``id`` made in the given documents or written with the given
names to a new node ``new_id``.  The loader applies them to every row it
builds (:func:`redirect_for`), so an ingest, a re-ingest or a replaced
document honours them.  Making or undoing a judgement reloads, in one atomic
write, the stored facts of the documents behind the nodes involved, so the
graph is exactly what loading everything under the new judgements gives.

Candidates (:func:`find_candidates`): people with the same surname and
initials whose anchors differ without both being districts (a district and
an organisation without a district, or no anchor at all), and organisations
with the same kind, distinctive words and number where one has no district.
Two districts mean two people and are not proposed.  Each candidate carries
a score and the evidence for and against (graph/resolve.py).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import combinations
from pathlib import Path

from graph.load.keys import person_candidate_evidence, stable_id
from graph.load.loader import stored_outcomes
from graph.load.rows import Redirect, build_rows
from graph.load.statements import load_statements, removal_statements
from graph.store import Store
from ingest.normalise import fold

FILE_NAME = "judgements.json"


class JudgementError(Exception):
    """A judgement that cannot be made or undone; the message is one line for the user."""


def judgements_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def read_judgements(data_dir: Path) -> list[dict]:
    path = judgements_path(data_dir)
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise JudgementError(f"{path}: cannot read the judgements ({exc})") from exc
    items = data.get("judgements") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise JudgementError(f"{path}: not a judgements file (no 'judgements' list)")
    return items


def write_judgements(data_dir: Path, items: list[dict]) -> None:
    """Write the file whole (a temporary file renamed over it: never half-written)."""
    path = judgements_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"judgements": items}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def redirect_for(items: list[dict]) -> Redirect:
    """The loader's hook applying the judgements, in order, to a node id met in a document."""
    if not items:
        return lambda node_id, _doc, _name: node_id
    prepared = [(j, set(j.get("docs", [])), {fold(n) for n in j.get("names", [])}) for j in items]

    def redirect(node_id: str, doc: str, written: str) -> str:
        for judgement, docs, names in prepared:
            if judgement["op"] == "merge" and node_id == judgement["drop"]:
                node_id = judgement["keep"]
            elif judgement["op"] == "split" and node_id == judgement["id"] and (
                    doc in docs or fold(written) in names):
                node_id = judgement["new_id"]
        return node_id

    redirect.suppressed = suppressed_facts(items)  # the facts marked wrong: build_rows leaves them out
    return redirect


def describe(index: int, judgement: dict) -> str:
    if judgement["op"] in (WRONG, DISTINCT):
        return describe_review(index, judgement)
    if judgement["op"] == "merge":
        text = f"{index}. merge {judgement['drop']} into {judgement['keep']}"
    else:
        parts = [f"documents {', '.join(judgement['docs'])}"] if judgement.get("docs") else []
        parts += [f"names {', '.join(judgement['names'])}"] if judgement.get("names") else []
        text = f"{index}. split {judgement['id']} ({'; '.join(parts)}) → {judgement['new_id']}"
    return text + (f" — {judgement['note']}" if judgement.get("note") else "") + f" [{judgement.get('at', '')}]"


# ---------------------------------------------------------------------------------------------- store

def _node(store: Store, node_id: str) -> dict:
    rows = store.query("MATCH (n) WHERE n.id = $id RETURN labels(n), n.name, n.sources", {"id": node_id}).rows
    if not rows:
        raise JudgementError(f"{node_id}: no such node")
    labels, name, sources = rows[0]
    return {"labels": labels, "name": name, "sources": sources or []}


def reload_documents(store: Store, doc_ids: set[str], items: list[dict]) -> int:
    """Take the documents out and load their stored facts again under ``items``, as one atomic write."""
    redirect = redirect_for(items)
    # the stored source as it was written: judgements never rewrite where a document came from
    documents = [build_rows(outcome.facts, outcome.doc_id, outcome.facts.document.source, redirect)
                 for outcome in stored_outcomes(store, doc_ids)]
    statements = removal_statements(store, doc_ids) + load_statements(documents)
    if statements:
        store.write_atomic(statements)
    return len(documents)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def merge(store: Store, data_dir: Path, keep: str, drop: str, note: str = "",
          author: str | None = None) -> tuple[dict, int]:
    """Record that ``drop`` is ``keep`` and reload the documents behind both; (judgement, documents reloaded).
    ``author``: who made the judgement (a dashboard login), kept with it."""
    if keep == drop:
        raise JudgementError(f"{keep}: a node cannot be merged with itself")
    a, b = _node(store, keep), _node(store, drop)
    if sorted(a["labels"]) != sorted(b["labels"]):
        # an organisation's kind is part of what it is (its id and second label): fix the kind, not the merge
        raise JudgementError(f"{keep} is {':'.join(sorted(a['labels']))}, {drop} {':'.join(sorted(b['labels']))}: "
                             "only nodes of one type (and one organisation kind) merge")
    items = read_judgements(data_dir)
    judgement = {"op": "merge", "keep": keep, "drop": drop, "at": _now(), "note": note}
    if author:
        judgement["author"] = author
    reloaded = reload_documents(store, set(a["sources"]) | set(b["sources"]), items + [judgement])
    write_judgements(data_dir, items + [judgement])
    return judgement, reloaded


def split(store: Store, data_dir: Path, node_id: str, docs: list[str], names: list[str],
          note: str = "", author: str | None = None) -> tuple[dict, int]:
    """Record that the mentions of ``node_id`` in ``docs`` or written as ``names`` are another entity."""
    if not docs and not names:
        raise JudgementError("say which mentions to split off: --doc DOC or --name NAME")
    node = _node(store, node_id)
    unknown = [d for d in docs if d not in node["sources"]]
    if unknown:
        raise JudgementError(f"{node_id}: not stated by document(s) {', '.join(unknown)}")
    prefix = node_id.partition("-")[0]
    new_id = stable_id(prefix, json.dumps([node_id, sorted(docs), sorted(fold(n) for n in names)]))
    items = read_judgements(data_dir)
    judgement = {"op": "split", "id": node_id, "docs": sorted(docs), "names": sorted(names), "new_id": new_id,
                 "at": _now(), "note": note}
    if author:
        judgement["author"] = author
    reloaded = reload_documents(store, set(node["sources"]), items + [judgement])
    write_judgements(data_dir, items + [judgement])
    return judgement, reloaded


def undo(store: Store, data_dir: Path, index: int | None = None, author: str | None = None) -> tuple[dict, int]:
    """Take back judgement ``index`` (1-based; the last one by default) and reload what it touched.
    The judgement returned names who took it back (``undone_by``) when ``author`` is given."""
    items = read_judgements(data_dir)
    if not items:
        raise JudgementError("there is no judgement to undo")
    position = len(items) if index is None else index
    if not 1 <= position <= len(items):
        raise JudgementError(f"no judgement number {position} (there are {len(items)})")
    judgement = items[position - 1]
    docs = judgement_documents(store, judgement)
    remaining = items[: position - 1] + items[position:]
    reloaded = reload_documents(store, docs, remaining)
    write_judgements(data_dir, remaining)
    if author:
        judgement = {**judgement, "undone_by": author}
    return judgement, reloaded


def judgement_documents(store: Store, judgement: dict) -> set[str]:
    """The documents a judgement touches: those behind its nodes (merge, split), those stating its facts
    (wrong); none for a pair kept apart."""
    if judgement["op"] == DISTINCT:
        return set()
    if judgement["op"] == WRONG:
        # the documents that stated it then, and those naming both its ends now (a document replaced by a
        # new version since has another id)
        docs = set(judgement.get("docs") or [])
        for fact in judgement.get("facts") or []:
            ends = [set((rows[0][0] or []) if rows else []) for rows in (
                store.query("MATCH (n) WHERE n.id = $id RETURN n.sources", {"id": node_id}).rows
                for node_id in (fact["start"], fact["end"]))]
            docs |= ends[0] & ends[1]
        return docs
    ids = [judgement["keep"], judgement["drop"]] if judgement["op"] == "merge" else [judgement["id"],
                                                                                     judgement["new_id"]]
    docs: set[str] = set()
    for node_id in ids:
        rows = store.query("MATCH (n) WHERE n.id = $id RETURN n.sources", {"id": node_id}).rows
        docs.update(rows[0][0] or [] if rows else [])
    return docs


# --------------------------------------------------------------- the review page: wrong facts, pairs kept apart

WRONG = "wrong"  # facts a person marked wrong: never loaded again, until the judgement is undone
DISTINCT = "distinct"  # a candidate pair judged two entities: no longer proposed
FACT_PROPERTIES = ("post", "role")  # what, beside its type and ends, tells one stated fact from another


def _fact_key(rel_type: str, start: str, end: str, props: dict | None) -> tuple:
    return rel_type, start, end, tuple(sorted((k, str(v)) for k, v in (props or {}).items()
                                              if k in FACT_PROPERTIES and v is not None))


def suppressed_facts(items: list[dict]):
    """A predicate over relationship rows (graph/load/rows.py's ``RelRow``): True for a fact marked wrong.
    A fact's ends are followed through the merges made after it was marked. None when nothing is."""
    keys = set()
    for position, judgement in enumerate(items):
        if judgement.get("op") != WRONG:
            continue
        later = {j["drop"]: j["keep"] for j in items[position + 1:] if j.get("op") == "merge"}
        for fact in judgement.get("facts") or []:
            start, end = fact["start"], fact["end"]
            for _ in range(len(later)):  # a chain of merges ends within as many steps
                start, end = later.get(start, start), later.get(end, end)
            keys.add(_fact_key(fact["type"], start, end, fact.get("props")))
    if not keys:
        return None
    return lambda row: _fact_key(row.type, row.start, row.end, row.props) in keys


def mark_wrong(store: Store, data_dir: Path, facts: list[dict], names: dict[str, str] | None = None,
               note: str = "", author: str | None = None) -> tuple[dict, int]:
    """Record that the stated ``facts`` (each ``{"type", "start", "end", "props", "sources"}``, as the
    dashboard's profile gives them) are wrong, and reload the documents stating them without them; they
    stay out of every later load (:func:`suppressed_facts`) until :func:`undo` restores them.
    ``names``: node id → name, kept for the list of judgements; ``author``: who made it (a dashboard login).
    (judgement, documents reloaded)."""
    if not facts:
        raise JudgementError("no fact to mark wrong")
    kept = [{"type": f["type"], "start": f["start"], "end": f["end"],
             "props": {k: v for k, v in (f.get("props") or {}).items() if k in FACT_PROPERTIES and v is not None}}
            for f in facts]
    docs = sorted({d for f in facts for d in f.get("sources") or []})
    items = read_judgements(data_dir)
    judgement = {"op": WRONG, "facts": kept, "docs": docs, "node_names": dict(names or {}), "at": _now(),
                 "note": note}
    if author:
        judgement["author"] = author
    reloaded = reload_documents(store, set(docs), items + [judgement])
    write_judgements(data_dir, items + [judgement])
    return judgement, reloaded


def keep_apart(store: Store, data_dir: Path, a: str, b: str, note: str = "", author: str | None = None) -> dict:
    """Record that the candidate pair a, b are two entities: the graph does not change, the pair is no
    longer proposed (:func:`open_candidates`)."""
    names = {node_id: _node(store, node_id)["name"] for node_id in (a, b)}
    items = read_judgements(data_dir)
    judgement = {"op": DISTINCT, "a": a, "b": b, "node_names": names, "at": _now(), "note": note}
    if author:
        judgement["author"] = author
    write_judgements(data_dir, items + [judgement])
    return judgement


def name_nodes(data_dir: Path, judgement: dict, names: dict[str, str]) -> dict:
    """Keep the names of a recorded judgement's nodes as they were when it was made (merge and split record
    ids only; the journal shows names, and a merged-away node has none left in the graph)."""
    items = read_judgements(data_dir)
    for item in reversed(items):
        if item == judgement:
            item["node_names"] = dict(names)  # not «names»: a split's names are the written forms it splits off
            write_judgements(data_dir, items)
            return item
    raise JudgementError("the judgement to name is not recorded")


def describe_review(index: int, judgement: dict) -> str:
    names = judgement.get("node_names") or {}
    if judgement["op"] == DISTINCT:
        text = f"{index}. distinct {judgement['a']} and {judgement['b']}"
    else:
        text = f"{index}. wrong " + "; ".join(
            f"{names.get(f['start'], f['start'])} {f['type']} {names.get(f['end'], f['end'])}"
            for f in judgement.get("facts") or [])
    by = f" by {judgement['author']}" if judgement.get("author") else ""
    return text + (f" — {judgement['note']}" if judgement.get("note") else "") + f" [{judgement.get('at', '')}{by}]"


def open_candidates(store: Store, data_dir: Path, label: str | None = None) -> list[Candidate]:
    """:func:`find_candidates` without the pairs judged distinct."""
    apart = {frozenset((j["a"], j["b"])) for j in read_judgements(data_dir) if j.get("op") == DISTINCT}
    return [c for c in find_candidates(store, label) if frozenset((c.a, c.b)) not in apart]


# ------------------------------------------------------------------------------------------ candidates

@dataclass
class Candidate:
    a: str
    b: str
    a_name: str
    b_name: str
    label: str
    score: float
    pro: list[str]
    con: list[str]


def _shared_neighbours(store: Store, a: str, b: str) -> int:
    rows = store.query("MATCH (x:Person {id: $a})--(m)--(y:Person {id: $b}) WHERE NOT m:Document "
                       "RETURN count(DISTINCT m)", {"a": a, "b": b}).rows
    return int(rows[0][0]) if rows else 0


def _person_candidates(store: Store) -> list[Candidate]:
    rows = store.query("MATCH (n:Person) RETURN n.id, n.name, n.key, n.anchor, n.given, n.patronymic").rows
    by_key: dict[str, list[tuple[str, str, str, dict]]] = {}
    for node_id, name, key, anchor, given, patronymic in rows:
        if key:
            names = {"name": name, "given": given, "patronymic": patronymic}
            by_key.setdefault(key, []).append((node_id, name, anchor or "", names))
    found = []
    for group in by_key.values():
        for (a, a_name, a_anchor, pa), (b, b_name, b_anchor, pb) in combinations(sorted(group, key=lambda g: g[0]), 2):
            if a_anchor.startswith("district:") and b_anchor.startswith("district:"):
                continue  # the same surname and initials in two districts: two people
            score, pro, con = person_candidate_evidence(pa, pb, a_anchor, b_anchor, _shared_neighbours(store, a, b))
            found.append(Candidate(a, b, a_name, b_name, "Person", score, pro, con))
    return found


def _org_candidates(store: Store) -> list[Candidate]:
    rows = store.query("MATCH (n:Organization) RETURN n.id, n.name, n.key, n.district").rows
    by_key: dict[str, list[tuple[str, str, str]]] = {}
    for node_id, name, key, district in rows:
        if key:
            by_key.setdefault(key.rpartition("|")[0], []).append((node_id, name, district or ""))
    found = []
    for group in by_key.values():
        for (a, a_name, a_district), (b, b_name, b_district) in combinations(sorted(group), 2):
            if a_district and b_district:
                continue  # the same name in two districts: two organisations
            pro = ["same kind, distinctive words and number"]
            con = ["district known for only one of them"]
            found.append(Candidate(a, b, a_name, b_name, "Organization", 0.6, pro, con))
    return found


def find_candidates(store: Store, label: str | None = None) -> list[Candidate]:
    """Pairs that may be one entity, the most likely first (see the module doc)."""
    found: list[Candidate] = []
    if label in (None, "Person"):
        found += _person_candidates(store)
    if label in (None, "Organization"):
        found += _org_candidates(store)
    return sorted(found, key=lambda c: (-c.score, c.label, c.a, c.b))
