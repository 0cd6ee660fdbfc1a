# FULL OUTER JOIN, NATURAL and USING joins: USING merges its columns into one (shown once, first,
# by * and unqualified names; the sides' own columns answer to qualified names).
> CREATE TABLE l (id INTEGER PRIMARY KEY, k INTEGER, a STRING)
Created table l
> CREATE TABLE r (id INTEGER PRIMARY KEY, k FLOAT, b STRING)
Created table r
> INSERT INTO l VALUES (1, 1, 'l1'), (2, 2, 'l2'), (3, NULL, 'l3')
Created 3 rows
> INSERT INTO r VALUES (10, 2.0, 'r2'), (11, 4.0, 'r4'), (12, NULL, 'rn')
Created 3 rows
> !headers on
ok
> SELECT * FROM l FULL JOIN r ON l.k = r.k ORDER BY l.id, r.id
id|k|a|id|k|b
1|1|l1|NULL|NULL|NULL
2|2|l2|10|2.0|r2
3|NULL|l3|NULL|NULL|NULL
NULL|NULL|NULL|11|4.0|r4
NULL|NULL|NULL|12|NULL|rn
> SELECT * FROM l FULL OUTER JOIN r ON l.k = r.k AND r.b = 'none' ORDER BY l.id, r.id
id|k|a|id|k|b
1|1|l1|NULL|NULL|NULL
2|2|l2|NULL|NULL|NULL
3|NULL|l3|NULL|NULL|NULL
NULL|NULL|NULL|10|2.0|r2
NULL|NULL|NULL|11|4.0|r4
NULL|NULL|NULL|12|NULL|rn
> SELECT l.id, r.id FROM l FULL JOIN r ON l.k = r.k WHERE r.id IS NULL ORDER BY 1
id|id
1|NULL
3|NULL
> SELECT * FROM l JOIN r USING (k)
k|id|a|id|b
2.0|2|l2|10|r2
> SELECT k, l.k, r.k, a, b FROM l LEFT JOIN r USING (k) ORDER BY a
k|k|k|a|b
1.0|1|NULL|l1|NULL
2.0|2|2.0|l2|r2
NULL|NULL|NULL|l3|NULL
> SELECT * FROM l RIGHT JOIN r USING (k) ORDER BY b
k|id|a|id|b
2.0|2|l2|10|r2
4.0|NULL|NULL|11|r4
NULL|NULL|NULL|12|rn
> SELECT * FROM l FULL JOIN r USING (k) ORDER BY k, a, b
k|id|a|id|b
1.0|1|l1|NULL|NULL
2.0|2|l2|10|r2
4.0|NULL|NULL|11|r4
NULL|3|l3|NULL|NULL
NULL|NULL|NULL|12|rn
> SELECT l.* FROM l JOIN r USING (k)
id|k|a
2|2|l2
> SELECT * FROM l NATURAL JOIN r
id|k|a|b
> SELECT * FROM l NATURAL FULL JOIN (SELECT 3 AS id, 'x' AS c) AS s ORDER BY id
id|k|a|c
1|1|l1|NULL
2|2|l2|NULL
3|NULL|l3|x
> SELECT * FROM l JOIN r USING (nope)
Error: column nope specified in USING does not exist in the left table
> SELECT * FROM l JOIN r USING (a)
Error: column a specified in USING does not exist in the right table
> SELECT * FROM l NATURAL JOIN r ON l.id = r.id
Error: syntax error at line 1, column 32: expected end of statement, found keyword ON
> SELECT * FROM (l JOIN r ON l.k = r.k) JOIN l AS l2 ON l2.id = l.id
id|k|a|id|k|b|id|k|a
2|2|l2|10|2.0|r2|2|2|l2
> !headers off
ok
> EXPLAIN SELECT * FROM l FULL JOIN r ON l.k = r.k WHERE l.a = 'l1'
Projection: l.id, l.k, l.a, r.id, r.k, r.b
└─ Filter: l.a = 'l1'
   └─ HashJoin: full on l.k = r.k
      ├─ Scan: l
      └─ Scan: r
> EXPLAIN SELECT * FROM l JOIN r USING (k) WHERE k > 1
Projection: CAST(l.k AS FLOAT), l.id, l.a, r.id, r.b
└─ HashJoin: inner on l.k = r.k
   ├─ Scan: l (CAST(l.k AS FLOAT) > 1)
   └─ Scan: r
