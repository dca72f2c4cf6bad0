// title: Everyone a person worked with
// answers: Which people shared an organisation, an event or a group with this person, and where?
// params: id (string) — the person's id (find it with search_by_name)
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
