// title: Участники события
// answers: Какие организации и люди провели событие, организовали, выступили на нём или участвовали?
// params: id (string) — идентификатор события (его находит запрос «Поиск по названию»)
MATCH (e:Event {id: $id})<-[pi:PARTICIPATED_IN]-(x)
RETURN e.name AS event, e.date AS date, coalesce(pi.role, 'participant') AS role, x.name AS name, x.id AS id,
       labels(x) AS labels
ORDER BY role, name
