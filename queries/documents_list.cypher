// title: The documents of a kind and year
// answers: Which documents of this kind (or any) were issued in this year (or any), by whom?
// params: kind (string, default "") — order, resolution, report, news, regulation, protocol, letter, other; empty for any
// params: year (string, default "") — e.g. 2013; empty for any
MATCH (d:Document)
WHERE ($kind = '' OR d.kind = $kind) AND ($year = '' OR substring(coalesce(d.date, ''), 0, 4) = $year)
OPTIONAL MATCH (d)-[:ISSUED_BY]->(issuer:Organization)
RETURN d.id AS id, d.kind AS kind, d.number AS number, d.date AS date, d.title AS title,
       coalesce(issuer.name, d.issuer) AS issuer, d.source AS source
ORDER BY date, id
