// title: Сотрудничество школ разных районов
// answers: Какие школы из разных районов участвовали в одних событиях или объединениях?
// params: limit (int, default 100) — не больше стольких пар, сначала самые тесно связанные
// Pairs are counted from each event or group's list of schools (ids only), the names looked up for the
// $limit pairs kept: 3.1 s → 1.8 s p50 at 100k nodes (bench/store.py).
MATCH (a:School)-[:LOCATED_IN]->(da:District)
MATCH (a)-[:PARTICIPATED_IN|MEMBER_OF]->(x)
WITH x, collect(DISTINCT [a, da]) AS schools
WHERE size(schools) > 1
UNWIND schools AS p
UNWIND schools AS q
WITH p, q, x
WHERE p[0].id < q[0].id AND p[1].id <> q[1].id
WITH p, q, count(x) AS shared
ORDER BY shared DESC, p[0].name, q[0].name
LIMIT $limit
WITH p[0] AS a, p[1] AS da, q[0] AS b, q[1] AS db, shared
MATCH (a)-[:PARTICIPATED_IN|MEMBER_OF]->(x)<-[:PARTICIPATED_IN|MEMBER_OF]-(b)
RETURN a.name AS school_a, da.name AS district_a, b.name AS school_b, db.name AS district_b,
       shared, collect(DISTINCT x.name) AS through
ORDER BY shared DESC, school_a, school_b
