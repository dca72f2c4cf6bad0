"""The graph model, declared once: node labels, relationship types and their properties, each with
its Russian and English names, its RDF term and its colour on the map.

Everything else reads it: the loader (labels and kinds), the stores' schema statements (indexed
labels), the RDF export (predicates and classes), ontology.ttl (its labels are tested equal to these),
the dashboard (names, colours, the side a relationship is read from). The closed vocabularies of the
facts (kinds, roles) are declared in ingest/vocabulary.py, where extraction writes them.

Every node has ``id`` (stable, derived from what it is, never a store's internal id), ``name``,
``aliases`` and ``sources`` (ids of the documents that state it). Every relationship has ``sources``
and ``evidence``: strings ``"<document id>:<start>-<end>"``, the character span of the sentence that
states it in that document's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.vocabulary import (
    DOCUMENT_KIND,
    EVENT_KIND,
    GROUP_KIND,
    ORGANISATION_KIND,
    PARTICIPATION_ROLE,
    Vocabulary,
)

# How a property's value is written in RDF: "ru" a literal @ru, "str" a plain string, "date" an xsd:date,
# "doc" the IRI of a document, "concept:<Scheme>" a SKOS concept of that scheme.


@dataclass(frozen=True)
class Property:
    name: str
    ru: str
    en: str
    rdf: tuple[tuple[str, str], ...]  # (predicate as a prefixed name, how the value is written)


@dataclass(frozen=True)
class SubType:
    """A second label of a node, given by its kind (an organisation's)."""

    label: str
    ru: str
    en: str
    colour: str


@dataclass(frozen=True)
class NodeType:
    label: str
    ru: str
    ru_plural: str
    en: str
    colour: str
    properties: tuple[Property, ...] = ()
    kinds: Vocabulary | None = None
    subtypes: dict[str, SubType] = field(default_factory=dict)  # kind code → second label

    @property
    def property_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)

    @property
    def sublabels(self) -> dict[str, str]:
        return {kind: sub.label for kind, sub in self.subtypes.items()}

    def property(self, name: str) -> Property | None:
        return next((p for p in (*self.properties, *COMMON_NODE_PROPERTIES) if p.name == name), None)


@dataclass(frozen=True)
class RelType:
    type: str
    ru: str  # read from the start node: «занимает должность в»
    ru_inverse: str  # read from the end node, as a heading of its profile: «сотрудники»
    en: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    properties: tuple[Property, ...] = ()
    fact_ru: str = ""  # the reified fact's class in RDF
    fact_en: str = ""

    @property
    def property_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)

    @property
    def predicate(self) -> str:
        """``HOLDS_POST`` → ``edu:holdsPost``."""
        head, *rest = self.type.lower().split("_")
        return "edu:" + head + "".join(part.capitalize() for part in rest)

    @property
    def fact_class(self) -> str:
        """``HOLDS_POST`` → ``edu:HoldsPostFact``."""
        return "edu:" + "".join(part.capitalize() for part in self.type.lower().split("_")) + "Fact"


def _p(name: str, ru: str, en: str, *rdf: tuple[str, str]) -> Property:
    return Property(name, ru, en, rdf)


COMMON_NODE_PROPERTIES = (
    _p("id", "идентификатор", "identifier", ("dcterms:identifier", "str")),
    _p("name", "название", "name", ("rdfs:label", "ru"), ("skos:prefLabel", "ru")),
    _p("aliases", "другие написания", "aliases", ("skos:altLabel", "ru")),
    _p("sources", "документы", "documents", ("dcterms:source", "doc")),
)
COMMON_NODE_PROPERTY_NAMES = tuple(p.name for p in COMMON_NODE_PROPERTIES)
COMMON_REL_PROPERTIES = ("sources", "evidence")
REL_SOURCES = _p("sources", "документы", "documents", ("prov:wasDerivedFrom", "doc"))
# the loader's bookkeeping (graph/load/), not part of the model: exports and views leave them out.
# Nodes: name_sources/alias_sources ("docid:name", to drop a removed document's names), Person key/anchor and
# Organization key (graph/load/keys.py, for merge candidates); Document digest and facts (to skip an unchanged
# document and reload one under new judgements); search (graph/store/search.py, the full-text index of names);
# every relationship also has an ``id``.
LOADER_PROPERTIES = ("name_sources", "alias_sources", "key", "anchor", "digest", "facts", "search")

_KIND_COLOURS = {"school": "#3b7dd8", "kindergarten": "#47a447", "authority": "#d9534f",
                 "institute": "#8e5cc4", "methodical_service": "#f0a030", "other": "#8a8a8a"}
_SUBTYPE_NAMES = {  # second label, its name as a class (capitalised, as ontology.ttl writes classes)
    "school": ("School", "Школа", "School"),
    "kindergarten": ("Kindergarten", "Детский сад", "Kindergarten"),
    "authority": ("Authority", "Орган управления образованием", "Education authority"),
    "institute": ("Institute", "Институт", "Institute"),
    "methodical_service": ("MethodicalService", "Методическая служба", "Methodical service"),
    "other": ("OtherOrganization", "Другая организация", "Other organisation"),
}
ORG_SUBTYPES = {kind: SubType(*_SUBTYPE_NAMES[kind], _KIND_COLOURS[kind]) for kind in ORGANISATION_KIND.codes}

NODE_TYPES: dict[str, NodeType] = {
    t.label: t
    for t in (
        NodeType("Organization", "Организация", "Организации", "Organisation", _KIND_COLOURS["other"], (
            _p("kind", "вид", "kind", ("edu:organisationKind", "concept:OrganisationKind")),
            _p("district", "район", "district", ("edu:districtName", "ru")),
        ), ORGANISATION_KIND, ORG_SUBTYPES),
        NodeType("District", "Район", "Районы", "District", "#9fb8d0", (
            _p("region", "регион", "region", ("edu:regionName", "ru")),
        )),
        NodeType("Region", "Регион", "Регионы", "Region", "#c4d3e0"),
        NodeType("Person", "Человек", "Люди", "Person", "#f7c6a3", (
            _p("family", "фамилия", "family name", ("schema:familyName", "ru")),
            _p("given", "имя", "given name", ("schema:givenName", "ru")),
            _p("patronymic", "отчество", "patronymic", ("schema:additionalName", "ru")),
            _p("initials", "инициалы", "initials", ("edu:initials", "str")),
        )),
        NodeType("Event", "Событие", "События", "Event", "#f2d94e", (
            _p("kind", "вид", "kind", ("edu:eventKind", "concept:EventKind")),
            _p("date", "дата", "date", ("schema:startDate", "date")),
        ), EVENT_KIND),
        NodeType("Group", "Объединение", "Объединения", "Group", "#4fb5b0", (
            _p("kind", "вид", "kind", ("edu:groupKind", "concept:GroupKind")),
        ), GROUP_KIND),
        NodeType("Award", "Награда", "Награды", "Award", "#e89ac7", (
            _p("kind", "вид", "kind", ("edu:awardKind", "concept:AwardKind")),
            _p("date", "дата", "date", ("dcterms:date", "date")),
        )),
        NodeType("Document", "Документ", "Документы", "Document", "#b0b0b0", (
            _p("kind", "вид", "kind", ("edu:documentKind", "concept:DocumentKind")),
            _p("number", "номер", "number", ("eli:id_local", "str")),
            _p("date", "дата", "date", ("eli:date_document", "date")),
            _p("issuer", "издатель", "issuer", ("edu:issuerName", "ru")),
            _p("signatory", "подписал", "signatory", ("edu:signatoryName", "ru")),
            _p("place", "место", "place", ("edu:placeName", "ru")),
            _p("title", "заголовок", "title", ("dcterms:title", "ru")),
            _p("source", "файл", "source file", ("edu:sourcePath", "str")),
            _p("text", "текст", "text", ("edu:text", "ru")),
        ), DOCUMENT_KIND),
    )
}

_POST = _p("post", "должность", "post", ("org:role", "concept:Post"))
_ROLE = _p("role", "роль", "role", ("edu:participationRole", "concept:ParticipationRole"))
REL_TYPES: dict[str, RelType] = {
    t.type: t
    for t in (
        RelType("HOLDS_POST", "занимает должность в", "сотрудники", "holds a post in", ("Person",),
                ("Organization",), (_POST,), "Занятие должности", "Post holding"),
        RelType("LOCATED_IN", "находится в", "организации района", "located in", ("Organization",), ("District",),
                (), "Факт местонахождения", "Location fact"),
        RelType("PART_OF", "входит в", "районы", "part of", ("District",), ("Region",), (),
                "Факт вхождения района в регион", "District-in-region fact"),
        RelType("SUBORDINATE_TO", "подчиняется", "подведомственные организации", "subordinate to",
                ("Organization",), ("Organization",), (), "Факт подчинения", "Subordination fact"),
        RelType("PARTICIPATED_IN", "участвует в", "участники", "took part in", ("Organization", "Person"),
                ("Event",), (_ROLE,), "Участие в событии", "Participation"),
        RelType("MEMBER_OF", "входит в объединение", "состав", "member of", ("Person", "Organization"),
                ("Group",), (), "Членство в объединении", "Group membership"),
        RelType("AWARDED_TO", "вручена", "награды", "awarded to", ("Award",), ("Person", "Organization"), (),
                "Факт вручения награды", "Award recipient fact"),
        RelType("GIVEN_BY", "выдана", "выданные награды", "given by", ("Award",), ("Organization",), (),
                "Факт выдачи награды", "Award issuer fact"),
        RelType("FOR", "за участие в", "награды за участие", "for", ("Award",), ("Event",), (),
                "Факт награды за событие", "Award-for-event fact"),
        RelType("ISSUED_BY", "издан", "изданные документы", "issued by", ("Document",), ("Organization",), (),
                "Факт издания документа", "Document issuer fact"),
        RelType("SIGNED_BY", "подписан", "подписанные документы", "signed by", ("Document",), ("Person",), (),
                "Факт подписания документа", "Document signatory fact"),
        RelType("MENTIONS", "упоминает", "упоминается в", "mentions", ("Document",),
                ("Organization", "District", "Region", "Person", "Event", "Group", "Award"), (),
                "Факт упоминания", "Mention fact"),
    )
}

# facts' organisation kind → the second label of an Organization node
ORG_KIND_LABELS = NODE_TYPES["Organization"].sublabels
EVENT_ROLES = PARTICIPATION_ROLE.codes
# the open vocabularies: any value is a concept of the data (RDF), named (ru, en) as a class and as a scheme
OPEN_SCHEMES = {"Post": ("Должность", "Post", "Должности", "Posts"),
                "AwardKind": ("Вид награды", "Award kind", "Виды наград", "Award kinds")}


# --- reading the model ---------------------------------------------------------------------------------


def label_ru(label: str, plural: bool = False) -> str:
    """«Организация» for Organization (or a kind's second label such as School → «Школа»)."""
    node_type = NODE_TYPES.get(label)
    if node_type is not None:
        return node_type.ru_plural if plural else node_type.ru
    sub = next((s for s in ORG_SUBTYPES.values() if s.label == label), None)
    return sub.ru if sub else label


def kind_ru(label: str, kind: str | None) -> str:
    """The Russian name of a node's kind: «школа», «семинар»; an open kind (an award's) as written."""
    node_type = NODE_TYPES.get(label)
    if node_type is not None and node_type.kinds is not None:
        return node_type.kinds.ru_of(kind)
    return kind or ""


def document_kind_ru(kind: str | None) -> str:
    """«приказ», …; a document of no known kind is a «документ»."""
    return "документ" if kind in (None, "", "other") else DOCUMENT_KIND.ru_of(kind)


def rel_ru(rel_type: str, inverse: bool = False) -> str:
    """A relationship as read from its start («занимает должность в») or, inverse, from its end («сотрудники»)."""
    rel = REL_TYPES.get(rel_type)
    if rel is None:
        return rel_type
    return rel.ru_inverse if inverse else rel.ru


def property_ru(name: str) -> str:
    for prop in (*COMMON_NODE_PROPERTIES, *(p for t in NODE_TYPES.values() for p in t.properties),
                 *(p for r in REL_TYPES.values() for p in r.properties)):
        if prop.name == name:
            return prop.ru
    return name


def colour(label: str, kind: str | None = None) -> str:
    """A node's colour on the map: an organisation's by its kind, others by their label."""
    if label == "Organization":
        return ORG_SUBTYPES.get(kind or "other", ORG_SUBTYPES["other"]).colour
    node_type = NODE_TYPES.get(label)
    return node_type.colour if node_type else ORG_SUBTYPES["other"].colour


def indexed_labels() -> list[str]:
    """Every node label of the graph model: the main labels and the organisation kinds."""
    labels: list[str] = []
    for node_type in NODE_TYPES.values():
        labels.append(node_type.label)
        labels.extend(node_type.sublabels.values())
    return list(dict.fromkeys(labels))


def main_label(labels: list[str]) -> str:
    """The model label among a node's labels (an organisation also carries its kind's label)."""
    return next((label for label in labels if label in NODE_TYPES), labels[0] if labels else "")


# --- evidence ------------------------------------------------------------------------------------------


def evidence(doc_id: str, span: tuple[int, int] | None) -> str:
    """The evidence string of a fact stated by the sentence at ``span`` of a document."""
    if span is None:
        return f"{doc_id}:"
    return f"{doc_id}:{span[0]}-{span[1]}"


def parse_evidence(value: str) -> tuple[str, tuple[int, int] | None]:
    """Inverse of :func:`evidence`."""
    doc_id, _, rng = value.partition(":")
    if not rng:
        return doc_id, None
    start, _, end = rng.partition("-")
    return doc_id, (int(start), int(end))
