// title: Все, с кем работал человек
// answers: С кем этот человек работал в одной организации, участвовал в одном событии или объединении — и где?
// params: id (string) — идентификатор человека (его находит запрос «Поиск по названию»)
MATCH (p:Person {id: $id})-[:HOLDS_POST]->(o:Organization)<-[:HOLDS_POST]-(other:Person)
WHERE other <> p
RETURN other.name AS person, other.id AS person_id, 'organisation' AS through, o.name AS shared
UNION
MATCH (p:Person {id: $id})-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(other:Person)
WHERE other <> p
RETURN other.name AS person, other.id AS person_id, 'event' AS through, e.name AS shared
UNION
MATCH (p:Person {id: $id})-[:MEMBER_OF]->(g:Group)<-[:MEMBER_OF]-(other:Person)
WHERE other <> p
RETURN other.name AS person, other.id AS person_id, 'group' AS through, g.name AS shared
