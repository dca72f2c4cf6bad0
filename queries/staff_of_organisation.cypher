// title: Staff of an organisation
// answers: Who holds which post in a school (or any organisation), according to which documents?
// params: org (string) — the organisation's id, or a part of its name (any case)
MATCH (p:Person)-[h:HOLDS_POST]->(o:Organization)
WHERE o.id = $org OR toLower(o.name) CONTAINS toLower($org)
RETURN o.name AS organisation, p.name AS person, h.post AS post, p.id AS person_id, h.sources AS sources
ORDER BY organisation, person, post
