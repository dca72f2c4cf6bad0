// title: Сотрудничество школ разных районов
// answers: Какие школы из разных районов участвовали в одних событиях или объединениях?
// params: limit (int, default 100) — не больше стольких пар, сначала самые тесно связанные
MATCH (a:School)-[:PARTICIPATED_IN|MEMBER_OF]->(x)<-[:PARTICIPATED_IN|MEMBER_OF]-(b:School)
WHERE a.id < b.id
MATCH (a)-[:LOCATED_IN]->(da:District), (b)-[:LOCATED_IN]->(db:District)
WHERE da.id <> db.id
RETURN a.name AS school_a, da.name AS district_a, b.name AS school_b, db.name AS district_b,
       count(DISTINCT x) AS shared, collect(DISTINCT x.name) AS through
ORDER BY shared DESC, school_a, school_b
LIMIT $limit
