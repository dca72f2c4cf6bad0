// title: Сотрудники организации
// answers: Кто какую должность занимает в школе (или другой организации) и по каким документам?
// params: org (string) — идентификатор организации или часть её названия (в любом регистре)
MATCH (p:Person)-[h:HOLDS_POST]->(o:Organization)
WHERE o.id = $org OR toLower(o.name) CONTAINS toLower($org)
RETURN o.name AS organisation, p.name AS person, h.post AS post, p.id AS person_id, h.sources AS sources
ORDER BY organisation, person, post
