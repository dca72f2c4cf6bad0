// title: Документы по видам и годам
// answers: Сколько документов каждого вида издано в каждом году?
// params: none
MATCH (d:Document)
RETURN substring(coalesce(d.date, '????'), 0, 4) AS year, d.kind AS kind, count(d) AS documents
ORDER BY year, kind
