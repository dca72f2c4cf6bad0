"""Which body an organisation belongs to, read from its name (ingest/normalise.py parent_of): the
relationship behind the «Подведомственные организации» query. Made-up names."""

from __future__ import annotations

import pytest

from ingest.facts import DocumentFacts, DocumentInfo, FactsError, OrganisationFact
from ingest.normalise import complete_facts, parent_of

DEPARTMENT = "Управление образования администрации Лесного муниципального района"


def orgs(*names: str) -> list[OrganisationFact]:
    return [OrganisationFact(name, "authority") for name in names]


def test_a_unit_belongs_to_the_body_its_name_ends_with_in_the_genitive():
    found = orgs("Отдел дошкольного образования управления образования администрации Лесного муниципального района",
                 DEPARTMENT, "Администрация Лесного муниципального района")
    assert parent_of(found[0], found) == DEPARTMENT  # the nearest body, not the administration above it
    assert parent_of(found[1], found) == "Администрация Лесного муниципального района"
    assert parent_of(found[2], found) is None


def test_an_acronym_or_a_nominative_tail_is_no_parent():
    # «МБОУ СОШ № 2 …» and «СОШ № 2 …» are two forms of one school, not a school and its owner
    school = orgs("МБОУ СОШ № 2 г. Озёрска", "СОШ № 2 г. Озёрска")
    assert parent_of(school[0], school) is None
    one_word = orgs("Методический кабинет управления", "Управление")
    assert parent_of(one_word[0], one_word) is None  # a single word says too little to be a body's name


def test_a_parent_given_in_facts_json_is_one_of_the_documents_organisations():
    facts = DocumentFacts(document=DocumentInfo(),
                          organisations=[OrganisationFact("Районный методический кабинет", "methodical_service",
                                                          parent=DEPARTMENT.lower()), *orgs(DEPARTMENT)])
    assert complete_facts(facts).organisations[0].parent == DEPARTMENT  # named as the document writes it
    # a body named only as the parent is listed, as a person's organisation is
    named_once = DocumentFacts(document=DocumentInfo(), organisations=[
        OrganisationFact("Районный методический кабинет", "methodical_service", parent=DEPARTMENT)])
    assert [o.name for o in complete_facts(named_once).organisations] == ["Районный методический кабинет", DEPARTMENT]
    itself = DocumentFacts(document=DocumentInfo(), organisations=orgs(DEPARTMENT))
    itself.organisations[0].parent = DEPARTMENT
    with pytest.raises(FactsError, match="its own parent"):
        complete_facts(itself)
