// title: Подведомственные организации
// answers: Какие организации подчиняются этому органу — напрямую или через другие (до трёх уровней)?
// params: id (string) — идентификатор органа управления
MATCH (top:Organization {id: $id})
MATCH chain = (o:Organization)-[:SUBORDINATE_TO*1..3]->(top)
RETURN o.name AS organisation, o.id AS id, o.kind AS kind, min(length(chain)) AS levels
ORDER BY levels, organisation
