"""The graph model, declared once: node labels, relationship types and their
properties, with Russian and English names.  The loader, the stores' schema
statements, the RDF export, ontology.ttl's test and the dashboard all read it.

Every node has ``id`` (stable, derived from what it is, never a store's
internal id), ``name``, ``aliases`` and ``sources`` (ids of the documents that
state it).  Every relationship has ``sources`` and ``evidence``: strings
``"<document id>:<start>-<end>"``, the character span of the sentence that
states it in that document's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NodeType:
    label: str
    ru: str
    en: str
    properties: tuple[str, ...] = ()
    sublabels: dict[str, str] = field(default_factory=dict)  # org kind → second label


@dataclass(frozen=True)
class RelType:
    type: str
    ru: str
    en: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    properties: tuple[str, ...] = ()


COMMON_NODE_PROPERTIES = ("id", "name", "aliases", "sources")
COMMON_REL_PROPERTIES = ("sources", "evidence")
# the loader's bookkeeping (graph/loader.py), not part of the model: exports and views leave them out.
# Nodes: name_sources/alias_sources ("docid:name", to drop a removed document's names), Person key/anchor and
# Organization key (graph/resolve.py, for merge candidates); Document digest and facts (to skip an unchanged
# document and reload one under new judgements); every relationship also has an ``id``.
LOADER_PROPERTIES = ("name_sources", "alias_sources", "key", "anchor", "digest", "facts")

# facts' organisation kind → the second label of an Organization node
ORG_KIND_LABELS = {
    "school": "School",
    "kindergarten": "Kindergarten",
    "authority": "Authority",
    "institute": "Institute",
    "methodical_service": "MethodicalService",
    "other": "OtherOrganization",
}

NODE_TYPES: dict[str, NodeType] = {
    t.label: t
    for t in (
        NodeType("Organization", "Организация", "Organisation", ("kind", "district"), ORG_KIND_LABELS),
        NodeType("District", "Район", "District", ("region",)),
        NodeType("Region", "Регион", "Region"),
        NodeType("Person", "Человек", "Person", ("family", "given", "patronymic", "initials")),
        NodeType("Event", "Событие", "Event", ("kind", "date")),
        NodeType("Group", "Объединение", "Group", ("kind",)),
        NodeType("Award", "Награда", "Award", ("kind", "date")),
        NodeType("Document", "Документ", "Document",
                 ("kind", "number", "date", "issuer", "signatory", "place", "title", "source", "text")),
    )
}

REL_TYPES: dict[str, RelType] = {
    t.type: t
    for t in (
        RelType("HOLDS_POST", "занимает должность", "holds a post", ("Person",), ("Organization",), ("post",)),
        RelType("LOCATED_IN", "находится в", "located in", ("Organization",), ("District",)),
        RelType("PART_OF", "входит в", "part of", ("District",), ("Region",)),
        RelType("SUBORDINATE_TO", "подчиняется", "subordinate to", ("Organization",), ("Organization",)),
        RelType("PARTICIPATED_IN", "участвует в", "took part in", ("Organization", "Person"), ("Event",),
                ("role",)),
        RelType("MEMBER_OF", "входит в объединение", "member of", ("Person", "Organization"), ("Group",)),
        RelType("AWARDED_TO", "вручена", "awarded to", ("Award",), ("Person", "Organization")),
        RelType("GIVEN_BY", "выдана", "given by", ("Award",), ("Organization",)),
        RelType("FOR", "за участие в", "for", ("Award",), ("Event",)),
        RelType("ISSUED_BY", "издан", "issued by", ("Document",), ("Organization",)),
        RelType("SIGNED_BY", "подписан", "signed by", ("Document",), ("Person",)),
        RelType("MENTIONS", "упоминает", "mentions", ("Document",),
                ("Organization", "District", "Region", "Person", "Event", "Group", "Award")),
    )
}

# roles of PARTICIPATED_IN
EVENT_ROLES = ("host", "organiser", "speaker", "participant")


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


# Russian names of the facts' vocabularies (ingest/facts.py), for the dashboard
ORG_KINDS_RU = {
    "school": "школа",
    "kindergarten": "детский сад",
    "authority": "орган управления образованием",
    "institute": "институт",
    "methodical_service": "методическая служба",
    "other": "другая организация",
}
DOCUMENT_KINDS_RU = {
    "order": "Приказ",
    "resolution": "Постановление",
    "report": "Отчёт",
    "news": "Новость",
    "regulation": "Положение",
    "protocol": "Протокол",
    "letter": "Письмо",
    "other": "Документ",
}
EVENT_KINDS_RU = {
    "seminar": "семинар",
    "conference": "конференция",
    "internship": "стажировка",
    "meeting": "совещание",
    "contest": "конкурс",
    "olympiad": "олимпиада",
    "master_class": "мастер-класс",
    "round_table": "круглый стол",
    "lesson": "открытый урок",
    "exhibition": "выставка",
    "other": "событие",
}
GROUP_KINDS_RU = {
    "methodical_association": "методическое объединение",
    "problem_group": "проблемная группа",
    "working_group": "рабочая группа",
    "methodical_council": "методический совет",
    "school_district_network": "школьный округ",
    "network_project": "сетевой проект",
    "online_community": "сетевое сообщество",
    "school_club": "клуб",
    "other": "объединение",
}
EVENT_ROLES_RU = {"host": "на базе", "organiser": "организатор", "speaker": "выступающий", "participant": "участник"}
PROPERTIES_RU = {
    "kind": "вид", "district": "район", "region": "регион", "family": "фамилия", "given": "имя",
    "patronymic": "отчество", "initials": "инициалы", "date": "дата", "number": "номер", "issuer": "издатель",
    "signatory": "подписал", "place": "место", "title": "заголовок", "source": "файл", "post": "должность",
    "role": "роль",
}
