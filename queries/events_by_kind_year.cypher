// title: События по видам и годам
// answers: Сколько семинаров, конференций, конкурсов… прошло в каждом году?
// params: none
MATCH (e:Event)
RETURN substring(coalesce(e.date, '????'), 0, 4) AS year, e.kind AS kind, count(e) AS events
ORDER BY year, kind
