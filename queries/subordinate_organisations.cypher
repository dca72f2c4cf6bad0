// title: Organisations under an authority
// answers: Which organisations answer to this authority, directly or through others (up to three levels)?
// params: id (string) — the authority's id
MATCH (top:Organization {id: $id})
MATCH chain = (o:Organization)-[:SUBORDINATE_TO*1..3]->(top)
RETURN o.name AS organisation, o.id AS id, o.kind AS kind, min(length(chain)) AS levels
ORDER BY levels, organisation
