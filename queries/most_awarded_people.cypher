// title: The most awarded people
// answers: Who received the most awards, and of which kinds?
// params: limit (int, default 20) — how many people
MATCH (a:Award)-[:AWARDED_TO]->(p:Person)
RETURN p.name AS person, p.id AS person_id, count(DISTINCT a) AS awards, collect(DISTINCT a.kind) AS kinds
ORDER BY awards DESC, person
LIMIT $limit
