// title: Награды по видам
// answers: Сколько наград каждого вида вручено и скольким людям и организациям?
// params: none
MATCH (a:Award)
OPTIONAL MATCH (a)-[:AWARDED_TO]->(r)
RETURN a.kind AS kind, count(DISTINCT a) AS awards, count(DISTINCT r) AS recipients
ORDER BY awards DESC, kind
