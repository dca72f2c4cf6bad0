// title: Groups and their members
// answers: Which methodical associations, working groups, networks… exist, and who belongs to them?
// params: none
MATCH (g:Group)
OPTIONAL MATCH (m)-[:MEMBER_OF]->(g)
RETURN g.name AS group_name, g.kind AS kind, count(DISTINCT m) AS members, collect(DISTINCT m.name) AS member_names
ORDER BY members DESC, group_name
