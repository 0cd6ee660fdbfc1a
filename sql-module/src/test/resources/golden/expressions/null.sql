# NULL propagates through operators and makes filters drop rows; IS [NOT] NULL tests for it.
> CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER, s STRING)
Created table t
> INSERT INTO t VALUES (1, 10, 'a'), (2, NULL, 'b'), (3, 30, NULL), (4, NULL, NULL)
Created 4 rows
> SELECT id FROM t WHERE v > 5
1
3
> SELECT id FROM t WHERE NOT v > 5
> SELECT id FROM t WHERE v IS NULL
2
4
> SELECT id FROM t WHERE v IS NOT NULL AND s IS NOT NULL
1
> SELECT id, v + 1, s || '!' FROM t
1|11|a!
2|NULL|b!
3|31|NULL
4|NULL|NULL
> SELECT id FROM t WHERE v = NULL
> SELECT id FROM t WHERE v > 5 OR s = 'b'
1
2
3
> SELECT id FROM t WHERE (v > 5) IS NULL
2
4
> SELECT NULL
NULL
> SELECT NULL + 1
NULL
