// title: Поиск по названию (FalkorDB, полнотекстовый индекс)
// answers: У каких людей, организаций, событий, объединений или мест это есть в названии или других написаниях?
// params: text (string) — часть названия или имени
// params: limit (int, default 50) — не больше стольких результатов
// $fulltext, $needle and $labels come from graph/store/queries.name_search_params: the index (one per label)
// gives the nodes with a word starting with the text's longest word; the whole text is checked on each.
UNWIND $labels AS label
CALL db.idx.fulltext.queryNodes(label, $fulltext) YIELD node
WITH node AS n
WHERE n.search CONTAINS $needle
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases
ORDER BY name
LIMIT $limit
