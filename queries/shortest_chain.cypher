// title: The shortest chain between two people
// answers: Through which organisations, events and groups (and people) are two people connected?
// params: from (string) — the first person's id
// params: to (string) — the second person's id
// Chains of up to six steps (two people in between) over posts, events and groups; written as a
// bounded variable-length match because FalkorDB has no undirected shortestPath.
MATCH (a:Person {id: $from}), (b:Person {id: $to})
MATCH chain = (a)-[:HOLDS_POST|PARTICIPATED_IN|MEMBER_OF*1..6]-(b)
WITH chain ORDER BY length(chain) LIMIT 1
RETURN length(chain) AS steps, [n IN nodes(chain) | n.name] AS names, [n IN nodes(chain) | n.id] AS ids,
       [r IN relationships(chain) | type(r)] AS ties
