// title: The documents behind a tie
// answers: Which documents state that two entities are related, and with which sentence?
// params: a (string) — the id of one end of the tie
// params: b (string) — the id of the other end
MATCH (x {id: $a})-[r]-(y {id: $b})
UNWIND r.evidence AS ev
WITH r, ev, split(ev, ':') AS parts
WITH r, ev, parts[0] AS doc_id, split(parts[1], '-') AS span
OPTIONAL MATCH (d:Document {id: doc_id})
RETURN type(r) AS tie, doc_id AS document, d.kind AS kind, d.date AS date, d.title AS title, ev AS evidence,
       CASE WHEN d.text IS NULL OR size(span) < 2 THEN NULL
            ELSE substring(d.text, toInteger(span[0]), toInteger(span[1]) - toInteger(span[0])) END AS sentence
ORDER BY tie, document, evidence
