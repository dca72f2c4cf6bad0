// title: Организации по районам
// answers: Сколько школ, детских садов, органов управления… в каждом районе?
// params: none
MATCH (o:Organization)-[:LOCATED_IN]->(d:District)
OPTIONAL MATCH (d)-[:PART_OF]->(r:Region)
RETURN r.name AS region, d.name AS district, coalesce(o.kind, 'other') AS kind, count(DISTINCT o) AS organisations
ORDER BY region, district, kind
