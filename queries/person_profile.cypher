// title: Профиль человека
// answers: Какие у человека должности, события, награды и объединения?
// params: id (string) — идентификатор человека (его находит запрос «Поиск по названию»)
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[h:HOLDS_POST]->(o:Organization)
WITH p, collect(DISTINCT coalesce(h.post, '?') + ' — ' + o.name) AS posts
OPTIONAL MATCH (p)-[pi:PARTICIPATED_IN]->(e:Event)
WITH p, posts, collect(DISTINCT coalesce(e.date, '') + ' ' + e.name + ' (' + coalesce(pi.role, 'participant') + ')') AS events
OPTIONAL MATCH (a:Award)-[:AWARDED_TO]->(p)
WITH p, posts, events, collect(DISTINCT a.kind + coalesce(' ' + a.date, '')) AS awards
OPTIONAL MATCH (p)-[:MEMBER_OF]->(g:Group)
RETURN p.name AS name, p.aliases AS aliases, posts, events, awards, collect(DISTINCT g.name) AS groups,
       size(coalesce(p.sources, [])) AS documents
