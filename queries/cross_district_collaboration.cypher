// title: Schools that collaborated across districts
// answers: Which pairs of schools from different districts took part in the same events or groups?
// params: limit (int, default 100) — at most this many pairs, the most collaborating first
MATCH (a:School)-[:PARTICIPATED_IN|MEMBER_OF]->(x)<-[:PARTICIPATED_IN|MEMBER_OF]-(b:School)
WHERE a.id < b.id
MATCH (a)-[:LOCATED_IN]->(da:District), (b)-[:LOCATED_IN]->(db:District)
WHERE da.id <> db.id
RETURN a.name AS school_a, da.name AS district_a, b.name AS school_b, db.name AS district_b,
       count(DISTINCT x) AS shared, collect(DISTINCT x.name) AS through
ORDER BY shared DESC, school_a, school_b
LIMIT $limit
