// title: Events hosted per school per year
// answers: How many events did each school host in each year, and which?
// params: none
MATCH (s:School)-[:PARTICIPATED_IN {role: 'host'}]->(e:Event)
WITH s, substring(coalesce(e.date, '????'), 0, 4) AS year, e
RETURN s.name AS school, year, count(DISTINCT e) AS events, collect(DISTINCT e.name) AS names
ORDER BY school, year
