// title: Поиск по названию
// answers: У каких людей, организаций, событий, объединений или мест это есть в названии или других написаниях?
// params: text (string) — часть названия или имени (в любом регистре)
// params: limit (int, default 50) — не больше стольких результатов
MATCH (n)
WHERE NOT n:Document
  AND (toLower(n.name) CONTAINS toLower($text)
       OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text)))
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases
ORDER BY name
LIMIT $limit
