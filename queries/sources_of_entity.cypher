// title: The documents behind an entity
// answers: Which documents mention or state this person, organisation, event…?
// params: id (string) — the entity's id
MATCH (n {id: $id})
UNWIND coalesce(n.sources, []) AS doc_id
OPTIONAL MATCH (d:Document {id: doc_id})
RETURN doc_id AS document, d.kind AS kind, d.number AS number, d.date AS date, d.title AS title, d.source AS source
ORDER BY date, document
