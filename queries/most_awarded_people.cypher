// title: Больше всего наград
// answers: Кто получил больше всего наград и каких?
// params: limit (int, default 20) — сколько человек показать
MATCH (a:Award)-[:AWARDED_TO]->(p:Person)
RETURN p.name AS person, p.id AS person_id, count(DISTINCT a) AS awards, collect(DISTINCT a.kind) AS kinds
ORDER BY awards DESC, person
LIMIT $limit
