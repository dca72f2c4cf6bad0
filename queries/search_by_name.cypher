// title: Search by name or alias
// answers: Which people, organisations, events, groups or places have this in their name or aliases?
// params: text (string) — a part of the name (any case)
// params: limit (int, default 50) — at most this many results
MATCH (n)
WHERE NOT n:Document
  AND (toLower(n.name) CONTAINS toLower($text)
       OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text)))
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases
ORDER BY name
LIMIT $limit
