"""The closed vocabularies of the facts, declared once: each value's code, Russian and English name.

Extraction writes the codes (``"school"``, ``"seminar"``); the graph model (graph/model.py), the RDF
export and ontology.ttl (its SKOS concepts ``edu:<Scheme>_<code>``, tested equal) and the dashboard read
the names from here. ``scheme`` is the vocabulary's name in the ontology.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    ru: str
    en: str


@dataclass(frozen=True)
class Vocabulary:
    scheme: str
    ru: str
    en: str
    terms: tuple[Term, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)

    def ru_of(self, code: str | None) -> str:
        """The Russian name of a code; an unknown code as it is (open values such as award kinds)."""
        return next((term.ru for term in self.terms if term.code == code), code or "")

    def __contains__(self, code: object) -> bool:
        return any(term.code == code for term in self.terms)


def _terms(*triples: tuple[str, str, str]) -> tuple[Term, ...]:
    return tuple(Term(*triple) for triple in triples)


DOCUMENT_KIND = Vocabulary("DocumentKind", "Вид документа", "Document kind", _terms(
    ("order", "приказ", "order"),
    ("resolution", "постановление", "resolution"),
    ("report", "отчёт", "report"),
    ("news", "новость", "news"),
    ("regulation", "положение", "regulation"),
    ("protocol", "протокол", "minutes"),
    ("letter", "письмо", "letter"),
    ("other", "другой документ", "other document"),
))
ORGANISATION_KIND = Vocabulary("OrganisationKind", "Вид организации", "Organisation kind", _terms(
    ("school", "школа", "school"),
    ("kindergarten", "детский сад", "kindergarten"),
    ("authority", "орган управления образованием", "education authority"),
    ("institute", "институт", "institute"),
    ("methodical_service", "методическая служба", "methodical service"),
    ("other", "другая организация", "other organisation"),
))
EVENT_KIND = Vocabulary("EventKind", "Вид события", "Event kind", _terms(
    ("seminar", "семинар", "seminar"),
    ("conference", "конференция", "conference"),
    ("internship", "стажировка", "internship"),
    ("meeting", "совещание", "meeting"),
    ("contest", "конкурс", "contest"),
    ("olympiad", "олимпиада", "olympiad"),
    ("master_class", "мастер-класс", "master class"),
    ("round_table", "круглый стол", "round table"),
    ("lesson", "открытый урок", "open lesson"),
    ("exhibition", "выставка", "exhibition"),
    ("other", "другое событие", "other event"),
))
GROUP_KIND = Vocabulary("GroupKind", "Вид объединения", "Group kind", _terms(
    ("methodical_association", "методическое объединение", "methodical association"),
    ("problem_group", "проблемная группа", "problem group"),
    ("working_group", "рабочая группа", "working group"),
    ("methodical_council", "методический совет", "methodical council"),
    ("school_district_network", "школьный округ", "school district network"),
    ("network_project", "сетевой проект", "network project"),
    ("online_community", "сетевое сообщество", "online community"),
    ("school_club", "клуб", "club"),
    ("other", "другое объединение", "other group"),
))
PARTICIPATION_ROLE = Vocabulary("ParticipationRole", "Роль участия", "Participation role", _terms(
    ("host", "площадка", "host"),
    ("organiser", "организатор", "organiser"),
    ("speaker", "выступающий", "speaker"),
    ("participant", "участник", "participant"),
))
PLACE_KIND = Vocabulary("PlaceKind", "Вид места", "Place kind", _terms(
    ("settlement", "населённый пункт", "settlement"),
    ("region", "регион", "region"),
    ("country", "страна", "country"),
    ("other", "другое место", "other place"),
))

CLOSED_VOCABULARIES = (DOCUMENT_KIND, ORGANISATION_KIND, EVENT_KIND, GROUP_KIND, PARTICIPATION_ROLE)
