// title: Who took part in an event
// answers: Which organisations and people hosted, organised, spoke at or took part in this event?
// params: id (string) — the event's id (find it with search_by_name)
MATCH (e:Event {id: $id})<-[pi:PARTICIPATED_IN]-(x)
RETURN e.name AS event, e.date AS date, coalesce(pi.role, 'participant') AS role, x.name AS name, x.id AS id,
       labels(x) AS labels
ORDER BY role, name
