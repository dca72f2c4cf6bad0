// title: Documents by kind and year
// answers: How many documents of each kind were issued each year?
// params: none
MATCH (d:Document)
RETURN substring(coalesce(d.date, '????'), 0, 4) AS year, d.kind AS kind, count(d) AS documents
ORDER BY year, kind
