// title: Awards by kind
// answers: How many awards of each kind were given, to how many people and organisations?
// params: none
MATCH (a:Award)
OPTIONAL MATCH (a)-[:AWARDED_TO]->(r)
RETURN a.kind AS kind, count(DISTINCT a) AS awards, count(DISTINCT r) AS recipients
ORDER BY awards DESC, kind
