"""The facts of one document: the contract between `ingest/` and `graph/`.

The JSON shape is the one of ../shared/design/FACTS.md (scored by eval/score.py).
edugraph adds, without breaking it:

- ``document.id``, ``document.source`` and ``document.text``: the document's
  stable id (a hash of its bytes), where it was read from, and the text that
  every span points into;
- ``span`` on every fact: ``[start, end]`` character offsets of the sentence
  of ``document.text`` that states it (provenance shown to users);
- ``aliases`` on people (the other forms the document writes the name in);
- ``places``: settlements, cities and countries named beyond the districts;
- ``giver`` on awards: the organisation that gives it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ingest.vocabulary import DOCUMENT_KIND, EVENT_KIND, GROUP_KIND, ORGANISATION_KIND

Span = tuple[int, int]

# the codes of the closed vocabularies (their names: ingest/vocabulary.py)
DOCUMENT_KINDS = DOCUMENT_KIND.codes
ORG_KINDS = ORGANISATION_KIND.codes
EVENT_KINDS = EVENT_KIND.codes
GROUP_KINDS = GROUP_KIND.codes


@dataclass
class DocumentInfo:
    id: str = ""
    source: str = ""
    kind: str = "other"
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    signatory: str | None = None
    place: str | None = None
    title: str | None = None
    text: str = ""


@dataclass
class PersonFact:
    name: str
    post: str | None = None
    org: str | None = None
    aliases: list[str] = field(default_factory=list)
    span: Span | None = None


@dataclass
class OrganisationFact:
    name: str
    kind: str = "other"
    district: str | None = None
    aliases: list[str] = field(default_factory=list)
    span: Span | None = None


@dataclass
class DistrictFact:
    name: str
    region: str | None = None
    span: Span | None = None


@dataclass
class PlaceFact:
    """A settlement, city, country or other place the document names (beyond its districts)."""

    name: str
    kind: str = "other"  # settlement | region | country | other
    aliases: list[str] = field(default_factory=list)
    span: Span | None = None


@dataclass
class EventFact:
    name: str
    kind: str = "other"
    date: str | None = None
    host: str | None = None
    participants: list[str] = field(default_factory=list)
    span: Span | None = None


@dataclass
class AwardFact:
    kind: str
    recipient: str
    event: str | None = None
    giver: str | None = None  # the organisation that gives it («грамотой комитета по образованию»)
    span: Span | None = None


@dataclass
class GroupFact:
    name: str
    kind: str = "other"
    members: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    span: Span | None = None


@dataclass
class DocumentFacts:
    document: DocumentInfo
    people: list[PersonFact] = field(default_factory=list)
    organisations: list[OrganisationFact] = field(default_factory=list)
    districts: list[DistrictFact] = field(default_factory=list)
    places: list[PlaceFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    awards: list[AwardFact] = field(default_factory=list)
    groups: list[GroupFact] = field(default_factory=list)

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        data = asdict(self)
        if not with_text:
            data["document"].pop("text", None)
        for key in _LISTS:
            for item in data[key]:
                if item.get("span") is not None:
                    item["span"] = list(item["span"])
        return data

    def to_json(self, with_text: bool = True) -> str:
        return json.dumps(self.to_dict(with_text), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentFacts:
        doc = _build(DocumentInfo, data.get("document") or {})
        lists = {key: [_build(item_cls, item) for item in data.get(key) or []] for key, item_cls in _LISTS.items()}
        return cls(document=doc, **lists)

    @classmethod
    def load(cls, path: str | Path) -> DocumentFacts:
        """Read a facts JSON file; raises ValueError naming the file when it is not one."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: not a facts JSON file ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
            raise ValueError(f"{path}: not a facts JSON file (no 'document' object)")
        return cls.from_dict(data)


_LISTS: dict[str, type] = {
    "people": PersonFact,
    "organisations": OrganisationFact,
    "districts": DistrictFact,
    "places": PlaceFact,
    "events": EventFact,
    "awards": AwardFact,
    "groups": GroupFact,
}


def _build(item_cls: type, data: dict[str, Any] | str) -> Any:
    """Build a dataclass from a dict, ignoring unknown keys; plain strings name the item."""
    if isinstance(data, str):
        data = {"name": data}
    known = {f.name for f in fields(item_cls)}
    values = {k: v for k, v in data.items() if k in known}
    if values.get("span") is not None:
        values["span"] = tuple(values["span"])
    return item_cls(**values)
