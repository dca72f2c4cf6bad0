// title: Кратчайшая цепочка между двумя людьми
// answers: Через какие организации, события и объединения (и каких людей) связаны два человека?
// params: from (string) — идентификатор первого человека
// params: to (string) — идентификатор второго человека
// Chains of up to six steps (two people in between) over posts, events and groups. FalkorDB has no
// undirected shortestPath, so the chain is found by meeting in the middle: every node within three
// steps of the first person, each by its shortest route, joined with the routes from the second.
// Among chains of one length the one whose node ids read first wins, so both backends agree.
MATCH (a:Person {id: $from}), (b:Person {id: $to})
MATCH half = (a)-[:HOLDS_POST|PARTICIPATED_IN|MEMBER_OF*0..3]-(middle)
WITH b, middle, half ORDER BY length(half), reduce(key = '', n IN nodes(half) | key + n.id + '/'),
     reduce(key = '', r IN relationships(half) | key + type(r) + '/')
WITH b, middle, collect(half)[0] AS half
MATCH other = (b)-[:HOLDS_POST|PARTICIPATED_IN|MEMBER_OF*0..3]-(middle)
WITH half, other ORDER BY length(half) + length(other),
     reduce(key = '', n IN nodes(half) + tail(reverse(nodes(other))) | key + n.id + '/'),
     reduce(key = '', r IN relationships(half) + reverse(relationships(other)) | key + type(r) + '/') LIMIT 1
RETURN length(half) + length(other) AS steps,
       [n IN nodes(half) | n.name] + tail(reverse([n IN nodes(other) | n.name])) AS names,
       [n IN nodes(half) | n.id] + tail(reverse([n IN nodes(other) | n.id])) AS ids,
       [r IN relationships(half) | type(r)] + reverse([r IN relationships(other) | type(r)]) AS ties
