"""The facts of one document: the contract between `ingest/` and `graph/`.

The JSON shape is the one of ../shared/design/FACTS.md (scored by eval/score.py). edugraph adds,
without breaking it:

- ``document.id``, ``document.source`` and ``document.text``: the document's stable id (a hash of its
  bytes), where it was read from, and the text that every span points into;
- ``span`` on every fact: ``[start, end]`` character offsets of the sentence of ``document.text`` that
  states it (provenance shown to users);
- structure decided once, here in ingest, so that graph/ never parses a name again: a person's
  ``family``, ``given``, ``patronymic`` and ``initials`` (nominative); an organisation's ``kind`` and
  ``key`` (its distinctive words and number, :mod:`ingest.normalise`); a district's ``key``, ``level``
  (district or region) and ``region_key``; an event's and a group's ``key``;
- ``aliases`` on people (the other forms the document writes the name in);
- ``places``: settlements, cities and countries named beyond the districts;
- ``giver`` on awards: the organisation that gives it;
- ``parent`` on organisations: the document's organisation it belongs to («отдел … управления
  образования» → the управление), read from its name when not given.

The parties of a relationship (an event's host and participants, an award's recipient and giver, a
group's members) are :class:`Ref`: a person or an organisation of the same document, by the name its
entry carries. In JSON a reference is that name, as FACTS.md has it; reading JSON resolves it again
against the document's people and organisations (:func:`ingest.normalise.complete_facts`).
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

from ingest.vocabulary import DOCUMENT_KIND, EVENT_KIND, GROUP_KIND, ORGANISATION_KIND

Span = tuple[int, int]

# the codes of the closed vocabularies (their names: ingest/vocabulary.py)
DOCUMENT_KINDS = DOCUMENT_KIND.codes
ORG_KINDS = ORGANISATION_KIND.codes
EVENT_KINDS = EVENT_KIND.codes
GROUP_KINDS = GROUP_KIND.codes
PERSON, ORGANISATION = "person", "organisation"


@dataclass(frozen=True)
class Ref:
    """A party of a relationship: a person or an organisation of the same document, by its name."""

    kind: str  # PERSON or ORGANISATION
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass
class DocumentInfo:
    id: str = ""
    source: str = ""
    kind: str = "other"
    number: str | None = None
    date: str | None = None
    issuer: str | None = None  # the name of one of the document's organisations
    signatory: str | None = None  # the name of one of the document's people
    place: str | None = None
    title: str | None = None
    text: str = ""


@dataclass
class PersonFact:
    name: str
    post: str | None = None
    org: str | None = None  # the name of one of the document's organisations
    aliases: list[str] = field(default_factory=list)
    span: Span | None = None
    family: str = ""
    given: str | None = None
    patronymic: str | None = None
    initials: str = ""  # «С.А.»

    @property
    def key(self) -> str:
        """``surname|first initial|patronymic initial`` (lower case, ё as е): who the person is, within a
        document and as the first part of the node id (graph/load/keys.py)."""
        letters = [c for c in self.initials.lower().replace("ё", "е") if c.isalpha()] + ["", ""]
        return f"{self.family.lower().replace('ё', 'е')}|{letters[0]}|{letters[1]}"


@dataclass
class OrganisationFact:
    name: str
    kind: str = "other"
    district: str | None = None  # the name of one of the document's districts
    aliases: list[str] = field(default_factory=list)
    span: Span | None = None
    key: str = ""  # «солнечн|5»: distinctive stems and number
    parent: str | None = None  # the name of the document's organisation it is part of or subordinate to


@dataclass
class DistrictFact:
    name: str
    region: str | None = None
    span: Span | None = None
    key: str = ""  # «балашовск|район»
    level: str = "district"  # or "region": a subject of the federation written where a district stands
    region_key: str = ""


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
    host: Ref | None = None
    participants: list[Ref] = field(default_factory=list)
    span: Span | None = None
    key: str = ""


@dataclass
class AwardFact:
    kind: str
    recipient: Ref
    event: str | None = None
    giver: Ref | None = None  # the organisation that gives it («грамотой комитета по образованию»)
    span: Span | None = None


@dataclass
class GroupFact:
    name: str
    kind: str = "other"
    members: list[Ref] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    span: Span | None = None
    key: str = ""


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
        data: dict[str, Any] = {"document": _plain(self.document)}
        if not with_text:
            data["document"].pop("text", None)
        for key in LISTS:
            data[key] = [_plain(item) for item in getattr(self, key)]
        return data

    def to_json(self, with_text: bool = True) -> str:
        return json.dumps(self.to_dict(with_text), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "facts") -> DocumentFacts:
        """Facts from their JSON form, checked against the model (:class:`FactsError` names the field) and
        completed: names parsed, kinds and keys set, references resolved (:func:`ingest.normalise.complete_facts`)."""
        from ingest.normalise import complete_facts

        if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
            raise FactsError(f"{where}: not a facts object (no 'document' object)")
        doc = _build(DocumentInfo, data["document"], f"{where}: document")
        lists = {}
        for key, item_cls in LISTS.items():
            items = data.get(key) or []
            if not isinstance(items, list):
                raise FactsError(f"{where}: {key}: expected a list, got {type(items).__name__}")
            lists[key] = [_build(item_cls, item, f"{where}: {key}[{i}]") for i, item in enumerate(items)]
        return complete_facts(cls(document=doc, **lists))

    @classmethod
    def load(cls, path: str | Path) -> DocumentFacts:
        """Read a facts JSON file; raises :class:`FactsError` naming the file and the reason."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FactsError(f"{path}: not a facts JSON file ({exc})") from exc
        return cls.from_dict(data, str(path))


class FactsError(ValueError):
    """Facts that do not fit the model; the message names the file, the field and the reason."""


LISTS: dict[str, type] = {
    "people": PersonFact,
    "organisations": OrganisationFact,
    "districts": DistrictFact,
    "places": PlaceFact,
    "events": EventFact,
    "awards": AwardFact,
    "groups": GroupFact,
}
# fields that hold references: read as names, resolved by ingest.normalise.complete_facts
REF_FIELDS = {"host", "participants", "recipient", "giver", "members"}


def _plain(item: Any) -> dict[str, Any]:
    """A fact as JSON values: spans as lists, references as the names they point at."""
    out: dict[str, Any] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, Ref):
            value = value.name
        elif isinstance(value, list):
            value = [v.name if isinstance(v, Ref) else v for v in value]
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def _build(item_cls: type, data: dict[str, Any] | str, where: str) -> Any:
    """A dataclass from a JSON object, unknown keys ignored, every known value checked; a plain string names
    the item. References stay names here (strings) until :func:`ingest.normalise.complete_facts`."""
    if isinstance(data, str):
        data = {"name": data}
    if not isinstance(data, dict):
        raise FactsError(f"{where}: expected an object, got {type(data).__name__}")
    values = {}
    for f in fields(item_cls):
        if f.name in data:
            values[f.name] = _checked(item_cls, f.name, data[f.name], str(f.type), f"{where}.{f.name}")
        elif f.default is MISSING and f.default_factory is MISSING:
            raise FactsError(f"{where}: '{f.name}' is missing")
    return item_cls(**values)


_ISO_DATE = re.compile(r"(?:\d{4}|XXXX)-\d{2}-\d{2}")  # XXXX: a year the text does not state
_CLOSED_KINDS = {DocumentInfo: DOCUMENT_KIND, OrganisationFact: ORGANISATION_KIND, EventFact: EVENT_KIND,
                 GroupFact: GROUP_KIND}


def _checked(item_cls: type, name: str, value: Any, declared: str, where: str) -> Any:
    """A JSON value of a field, checked against its declared type (as the annotation string reads), dates
    as ISO dates and kinds of a closed vocabulary as one of its codes."""
    if name == "span":
        if value is None:
            return None
        if (not isinstance(value, list | tuple) or len(value) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)):
            raise FactsError(f"{where}: expected [start, end] character offsets, got {value!r}")
        return (value[0], value[1])
    if declared.startswith("list"):
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise FactsError(f"{where}: expected a list of names, got {value!r}")
        return list(value)
    if value is None:
        if "None" in declared:
            return None
        raise FactsError(f"{where}: a value is required")
    if not isinstance(value, str):
        raise FactsError(f"{where}: expected a string, got {value!r}")
    if name == "date" and not _ISO_DATE.fullmatch(value):
        raise FactsError(f"{where}: expected a date YYYY-MM-DD, got {value!r}")
    vocabulary = _CLOSED_KINDS.get(item_cls)
    if name == "kind" and vocabulary is not None and value not in vocabulary:
        raise FactsError(f"{where}: {value!r} is not one of {', '.join(vocabulary.codes)}")
    return value
