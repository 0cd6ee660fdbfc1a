# VALUES as a query and as a table in FROM; its columns are column1, column2, ... unless renamed.
> VALUES (1, 'a'), (2, 'b')
1|a
2|b
> VALUES (1), (2.5), (NULL) ORDER BY 1 DESC
NULL
2.5
1.0
> SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS v(n, name) WHERE n > 1
2|two
> SELECT column2 FROM (VALUES (1, 'x')) v
x
> SELECT v.n * 2 FROM (VALUES (3), (4)) AS v (n) ORDER BY 1
6
8
> VALUES (1), ('a')
Error: VALUES types INTEGER and STRING cannot be matched
> VALUES (1, 2), (3)
Error: VALUES lists must all be the same length: 2 and 1
> SELECT * FROM (VALUES (1, 2)) AS v(a, b, c)
Error: table v has 2 columns available but 3 columns specified
> VALUES (1) LIMIT 0
> SELECT * FROM (VALUES (1)) AS v(n) JOIN (VALUES (1, 'x'), (2, 'y')) AS w(n, s) USING (n)
1|x
