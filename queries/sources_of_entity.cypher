// title: Документы, называющие объект
// answers: Какие документы называют этого человека, организацию, событие…?
// params: id (string) — идентификатор объекта
// One indexed lookup per label (a label-less match by id scans every node).
OPTIONAL MATCH (person:Person {id: $id})
OPTIONAL MATCH (org:Organization {id: $id})
OPTIONAL MATCH (event:Event {id: $id})
OPTIONAL MATCH (grp:Group {id: $id})
OPTIONAL MATCH (award:Award {id: $id})
OPTIONAL MATCH (district:District {id: $id})
OPTIONAL MATCH (region:Region {id: $id})
OPTIONAL MATCH (doc:Document {id: $id})
WITH coalesce(person, org, event, grp, award, district, region, doc) AS n
WHERE n IS NOT NULL
UNWIND coalesce(n.sources, []) AS doc_id
OPTIONAL MATCH (d:Document {id: doc_id})
RETURN doc_id AS document, d.kind AS kind, d.number AS number, d.date AS date, d.title AS title, d.source AS source
ORDER BY date, document
