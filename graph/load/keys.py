"""Entity resolution: which node a fact's entity is, from the fields ingest decided.

Pure functions, no store and no parsing: ingest/normalise.py writes every fact with its structure (a
person's family name, given name, patronymic and initials; an organisation's kind and key; a district's
key and level), and the loader turns those fields into node ids, so that re-ingesting the same documents
in any order gives the same graph.

People.  The key is ``surname|first initial|patronymic initial`` (:attr:`ingest.facts.PersonFact.key`):
the nominative surname keeps gender apart (Иванов ≠ Иванова) while «Фандина С.А.» and «Фандина Светлана
Александровна» share it. The person's id is the key plus an anchor: the district of the organisation the
document ties the person to, else that organisation, else the document's only district, else nothing.
Same key and same anchor: one node. Same key in two districts: two nodes. Same key where one side has no
district anchor (an organisation without a district, or nothing): two nodes and a merge candidate
(:func:`person_candidate_evidence`), never an automatic merge.

Organisations.  The id is ``kind|key|place``: the organisation's kind, its key (distinctive stems and
number) and the key of its district (or region), so a school and a kindergarten with the same adjective
differ by kind, «СОШ №5» and «СОШ №15» by number, the same name in two districts by place.
"""

from __future__ import annotations

import hashlib

from ingest.facts import DistrictFact


def stable_id(prefix: str, key: str) -> str:
    """A short id that depends only on what the entity is (its key), never on load order."""
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def place_anchor(district: DistrictFact | None) -> str:
    """``district:<key>`` or ``region:<key>`` of a district fact, "" for none."""
    if district is None:
        return ""
    if district.level == "region":
        return "region:" + (district.region_key or district.key)
    return "district:" + district.key


def district_id(district: DistrictFact) -> str:
    return stable_id("district", district.key)


def region_id(region_key: str) -> str:
    return stable_id("region", region_key)


def org_node_key(kind: str, key: str, district: DistrictFact | None) -> str:
    """``kind|stems|number|place`` of an organisation (see the module doc)."""
    place = ""
    if district is not None:
        place = (district.region_key or district.key) if district.level == "region" else district.key
    return f"{kind}|{key}|{place}"


def org_id(node_key: str) -> str:
    return stable_id("org", node_key)


def person_anchor(place: str, org: str | None) -> str:
    """What tells two people with the same key apart: the place anchor, else ``org:<id>``, else ""."""
    if place:
        return place
    return f"org:{org}" if org else ""


def person_id(key: str, anchor: str) -> str:
    return stable_id("person", f"{key}@{anchor}")


def person_display(family: str, given: str | None, patronymic: str | None, initials: str) -> str:
    """The fullest nominative form: «Фандина Светлана Александровна» or «Фандина С.А.»."""
    if given:
        return " ".join(p for p in (family, given, patronymic) if p)
    return f"{family} {initials}".strip()


def display_parts(display: str) -> dict[str, str | None]:
    """The inverse of :func:`person_display` on the names the graph itself wrote (a node's ``name``)."""
    family, _, rest = display.partition(" ")
    words = rest.split()
    if not words or "." in words[0]:
        return {"family": family, "given": None, "patronymic": None, "initials": rest or None}
    given, patronymic = words[0], (words[1] if len(words) > 1 else None)
    initials = given[0] + "." + (patronymic[0] + "." if patronymic else "")
    return {"family": family, "given": given, "patronymic": patronymic, "initials": initials}


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and a.lower().replace("ё", "е") == b.lower().replace("ё", "е")


def given_names_conflict(a: dict, b: dict) -> bool:
    """Two full names (``given``/``patronymic`` of two person nodes) that agree on initials but not on the
    given name or patronymic are two people."""
    return any(a.get(part) and b.get(part) and not _same(a[part], b[part]) for part in ("given", "patronymic"))


def person_candidate_evidence(a: dict, b: dict, anchor_a: str, anchor_b: str,
                              shared_neighbours: int) -> tuple[float, list[str], list[str]]:
    """(score, evidence for, evidence against) of two person nodes with the same key being one person;
    ``a`` and ``b`` are their properties (``name``, ``given``, ``patronymic``).

    The score is the sum of the evidence: the same surname and initials (+0.5), the same full given name
    (+0.2), each shared organisation, event or group (+0.1, at most +0.3); against: different districts
    (−0.5), names that disagree in full (−1).
    """
    score, pro, con = 0.5, ["same surname and initials"], []
    if _same(a.get("given"), b.get("given")):
        score += 0.2
        pro.append(f"same given name {a['given']}")
    if shared_neighbours:
        score += min(0.3, 0.1 * shared_neighbours)
        pro.append(f"{shared_neighbours} shared organisation(s), event(s) or group(s)")
    if given_names_conflict(a, b):
        score -= 1.0
        con.append(f"full names differ: {a.get('name')} / {b.get('name')}")
    if anchor_a.startswith("district:") and anchor_b.startswith("district:") and anchor_a != anchor_b:
        score -= 0.5
        con.append("different districts")
    if not anchor_a or not anchor_b:
        con.append("no district or organisation known for one of them")
    return round(score, 2), pro, con
