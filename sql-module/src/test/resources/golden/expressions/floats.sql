# Floats are IEEE 754 doubles: NaN and infinities behave as IEEE says in expressions, and
# sort (NaN above every number) and group (NaN with NaN, -0.0 with 0.0) as PostgreSQL does.
> CREATE TABLE f (id INTEGER PRIMARY KEY, x FLOAT)
Created table f
> INSERT INTO f VALUES (1, 1.5), (2, NAN), (3, INFINITY), (4, -INFINITY), (5, 0.0), (6, -0.0), (7, NULL), (8, 2)
Created 8 rows
> SELECT id, x FROM f ORDER BY x
4|-Infinity
5|0.0
6|-0.0
1|1.5
8|2.0
3|Infinity
2|NaN
7|NULL
> SELECT id, x FROM f ORDER BY x DESC
7|NULL
2|NaN
3|Infinity
8|2.0
1|1.5
5|0.0
6|-0.0
4|-Infinity
> SELECT x, COUNT(*) FROM f GROUP BY x ORDER BY x
-Infinity|1
0.0|2
1.5|1
2.0|1
Infinity|1
NaN|1
NULL|1
> SELECT id FROM f WHERE x = NAN
> SELECT id FROM f WHERE x != x
2
> SELECT id FROM f WHERE x = 0
5
6
> SELECT id FROM f WHERE x > 1
1
3
8
> SELECT MIN(x), MAX(x), COUNT(x) FROM f
-Infinity|NaN|7
> SELECT id, x * 2, x - x FROM f WHERE id <= 4
1|3.0|0.0
2|NaN|NaN
3|Infinity|NaN
4|-Infinity|NaN
> SELECT id, x FROM f WHERE id = 8
8|2.0
> SELECT DISTINCT x FROM f WHERE x = 0 OR x IS NULL
0.0
NULL
