// title: События на базе школ по годам
// answers: Сколько событий и какие провела на своей базе каждая школа в каждом году?
// params: none
MATCH (s:School)-[:PARTICIPATED_IN {role: 'host'}]->(e:Event)
WITH s, substring(coalesce(e.date, '????'), 0, 4) AS year, e
RETURN s.name AS school, year, count(DISTINCT e) AS events, collect(DISTINCT e.name) AS names
ORDER BY school, year
