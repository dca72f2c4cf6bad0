// title: Поиск по названию (Neo4j, полнотекстовый индекс)
// answers: У каких людей, организаций, событий, объединений или мест это есть в названии или других написаниях?
// params: text (string) — часть названия или имени
// params: limit (int, default 50) — не больше стольких результатов
// $fulltext and $needle come from graph/store/queries.name_search_params: the index edugraph_search gives the
// nodes with a word starting with the text's longest word; the whole text is checked on each.
CALL db.index.fulltext.queryNodes('edugraph_search', $fulltext) YIELD node
WITH node AS n
WHERE n.search CONTAINS $needle
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases
ORDER BY name
LIMIT $limit
