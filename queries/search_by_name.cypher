// title: Поиск по названию
// answers: У каких людей, организаций, событий, объединений или мест это есть в названии или других написаниях?
// params: text (string) — часть названия или имени (в любом регистре; ё и е не различаются)
// params: limit (int, default 50) — не больше стольких результатов
// This text scans every node; `edugraph query` and the dashboard run the store's own variant
// (queries/backends/<backend>/search_by_name.cypher) through its full-text index when the text has a word of
// four letters or more: a full-text procedure is not portable Cypher.
MATCH (n)
WHERE NOT n:Document
  AND coalesce(n.search, replace(toLower(n.name), 'ё', 'е')) CONTAINS replace(toLower($text), 'ё', 'е')
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases
ORDER BY name
LIMIT $limit
