// title: Профиль организации
// answers: Где находится организация, кому подчиняется, кто в ней работает, что проводила и в чём участвовала?
// params: id (string) — идентификатор организации (его находит запрос «Поиск по названию»)
MATCH (o:Organization {id: $id})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(d:District)
OPTIONAL MATCH (o)-[:SUBORDINATE_TO]->(boss:Organization)
WITH o, collect(DISTINCT d.name) AS districts, collect(DISTINCT boss.name) AS subordinate_to
OPTIONAL MATCH (p:Person)-[h:HOLDS_POST]->(o)
WITH o, districts, subordinate_to, collect(DISTINCT p.name + coalesce(' — ' + h.post, '')) AS staff
OPTIONAL MATCH (o)-[pi:PARTICIPATED_IN]->(e:Event)
WITH o, districts, subordinate_to, staff, collect(DISTINCT coalesce(pi.role, 'participant') + ': ' + e.name) AS events
OPTIONAL MATCH (o)-[:MEMBER_OF]->(g:Group)
WITH o, districts, subordinate_to, staff, events, collect(DISTINCT g.name) AS groups
OPTIONAL MATCH (a:Award)-[:AWARDED_TO]->(o)
RETURN o.name AS name, labels(o) AS labels, o.aliases AS aliases, districts, subordinate_to, staff, events,
       groups, collect(DISTINCT a.kind) AS awards
