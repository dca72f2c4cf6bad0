// title: Events by kind per year
// answers: How many seminars, conferences, contests… took place each year?
// params: none
MATCH (e:Event)
RETURN substring(coalesce(e.date, '????'), 0, 4) AS year, e.kind AS kind, count(e) AS events
ORDER BY year, kind
