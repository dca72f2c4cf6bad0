// title: Документы, на которых основана связь
// answers: Какие документы и какими предложениями говорят о связи двух объектов?
// params: a (string) — идентификатор одного конца связи
// params: b (string) — идентификатор другого конца
// The ends are found by indexed lookups per label (a label-less match by id scans every node).
OPTIONAL MATCH (p1:Person {id: $a})
OPTIONAL MATCH (o1:Organization {id: $a})
OPTIONAL MATCH (e1:Event {id: $a})
OPTIONAL MATCH (g1:Group {id: $a})
OPTIONAL MATCH (w1:Award {id: $a})
OPTIONAL MATCH (d1:District {id: $a})
OPTIONAL MATCH (r1:Region {id: $a})
OPTIONAL MATCH (doc1:Document {id: $a})
WITH coalesce(p1, o1, e1, g1, w1, d1, r1, doc1) AS x
OPTIONAL MATCH (p2:Person {id: $b})
OPTIONAL MATCH (o2:Organization {id: $b})
OPTIONAL MATCH (e2:Event {id: $b})
OPTIONAL MATCH (g2:Group {id: $b})
OPTIONAL MATCH (w2:Award {id: $b})
OPTIONAL MATCH (d2:District {id: $b})
OPTIONAL MATCH (r2:Region {id: $b})
OPTIONAL MATCH (doc2:Document {id: $b})
WITH x, coalesce(p2, o2, e2, g2, w2, d2, r2, doc2) AS y
MATCH (x)-[r]-(y)
UNWIND r.evidence AS ev
WITH r, ev, split(ev, ':') AS parts
WITH r, ev, parts[0] AS doc_id, split(parts[1], '-') AS span
OPTIONAL MATCH (d:Document {id: doc_id})
RETURN type(r) AS tie, doc_id AS document, d.kind AS kind, d.date AS date, d.title AS title, ev AS evidence,
       CASE WHEN d.text IS NULL OR size(span) < 2 THEN NULL
            ELSE substring(d.text, toInteger(span[0]), toInteger(span[1]) - toInteger(span[0])) END AS sentence
ORDER BY tie, document, evidence
