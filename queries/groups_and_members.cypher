// title: Объединения и их участники
// answers: Какие есть методические объединения, рабочие группы, сети… и кто в них входит?
// params: none
MATCH (g:Group)
OPTIONAL MATCH (m)-[:MEMBER_OF]->(g)
RETURN g.name AS group_name, g.kind AS kind, count(DISTINCT m) AS members, collect(DISTINCT m.name) AS member_names
ORDER BY members DESC, group_name
