# WITH (common table expressions, not recursive): each reference reads the named query, which
# may use the ones before it; a WITH name hides a table of the same name.
> CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)
Created table t
> INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)
Created 3 rows
> WITH big AS (SELECT * FROM t WHERE v > 10) SELECT id FROM big ORDER BY id
2
3
> WITH a AS (SELECT id, v FROM t), b AS (SELECT id FROM a WHERE v < 30) SELECT a.v FROM a JOIN b ON a.id = b.id ORDER BY 1
10
20
> WITH s(total) AS (SELECT SUM(v) FROM t) SELECT total, (SELECT COUNT(*) FROM s) FROM s
60|1
> WITH t AS (SELECT 99 AS id) SELECT id FROM t
99
> WITH x AS (SELECT 1), x AS (SELECT 2) SELECT 1
Error: syntax error at line 1, column 23: WITH query name x is specified more than once
> WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r
Error: syntax error at line 1, column 16: not supported: WITH RECURSIVE
> WITH n AS (SELECT 4 AS id, 40 AS v) INSERT INTO t SELECT * FROM n
Created 1 row
> SELECT * FROM t ORDER BY id
1|10
2|20
3|30
4|40
