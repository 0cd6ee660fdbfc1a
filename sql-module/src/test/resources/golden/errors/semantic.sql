# Semantic errors: unknown tables and columns, ambiguity, and type errors found at plan time,
# before any row is read or written.
> CREATE TABLE t (id INTEGER PRIMARY KEY, s STRING, f FLOAT, b BOOLEAN)
Created table t
> CREATE TABLE u (id INTEGER PRIMARY KEY, s STRING)
Created table u
> INSERT INTO t VALUES (1, 'x', 1.0, TRUE)
Created 1 row
> SELECT 'a' + 1
Error: cannot apply + to STRING and INTEGER
> SELECT 1 - 'a'
Error: cannot apply - to INTEGER and STRING
> SELECT TRUE * 2
Error: cannot apply * to BOOLEAN and INTEGER
> SELECT -'a'
Error: cannot apply - to STRING
> SELECT +TRUE
Error: cannot apply + to BOOLEAN
> SELECT 'a'!
Error: cannot apply ! to STRING
> SELECT 1.5!
Error: cannot apply ! to FLOAT
> SELECT 2 ^ 'a'
Error: cannot apply ^ to INTEGER and STRING
> SELECT 1 % TRUE
Error: cannot apply % to INTEGER and BOOLEAN
> SELECT s + 1 FROM t
Error: cannot apply + to STRING and INTEGER
> SELECT s || f FROM t
x1
> SELECT b AND s FROM t
Error: cannot apply AND to BOOLEAN and STRING
> SELECT NOT s FROM t
Error: cannot apply NOT to STRING
> SELECT s LIKE 1 FROM t
Error: cannot apply LIKE to STRING and INTEGER
> SELECT f = s FROM t
Error: cannot apply = to FLOAT and STRING
> SELECT id FROM t WHERE s
Error: WHERE must be BOOLEAN, not STRING: s
> SELECT id FROM t WHERE f
Error: WHERE must be BOOLEAN, not FLOAT: f
> SELECT id FROM t WHERE b
1
> SELECT id FROM t WHERE NULL
> SELECT id FROM t WHERE 1 / 0 = 1
Error: division by zero
> SELECT id / 0 FROM t WHERE id > 5
> SELECT id / 0 FROM t
Error: division by zero
> SELECT s FROM t, u
Error: column reference s is ambiguous
> SELECT t.s, u.s FROM t, u WHERE t.id = u.id
> SELECT v.s FROM t
Error: unknown table v in column reference v.s
> SELECT t.nothere FROM t
Error: unknown column t.nothere
> SELECT * FROM t t1, t t2 WHERE t1.id = t2.id
1|x|1.0|TRUE|1|x|1.0|TRUE
> SELECT * FROM t, t
Error: table name t is used more than once in FROM; use an alias
> SELECT * FROM t AS u, u
Error: table name u is used more than once in FROM; use an alias
> SELECT id FROM t GROUP BY s
Error: column id must appear in the GROUP BY clause or be used in an aggregate function
> SELECT s, COUNT(*) FROM t GROUP BY s HAVING id > 1
Error: column id must appear in the GROUP BY clause or be used in an aggregate function
> SELECT s, COUNT(*) FROM t GROUP BY s HAVING s
Error: HAVING must be BOOLEAN, not STRING: s
> SELECT MAX(s), MIN(b), SUM(f) FROM t
x|TRUE|1.0
> SELECT COUNT(*) FROM t WHERE SUM(id) > 1
Error: aggregate function sum is not allowed in WHERE
> UPDATE t SET id = 'x'
Error: column t.id is INTEGER, cannot store a value of type STRING
> UPDATE t SET s = s + 1
Error: cannot apply + to STRING and INTEGER
> DELETE FROM t WHERE s = 1
Error: cannot apply = to STRING and INTEGER
> INSERT INTO t VALUES (2, 2, 2, 2)
Error: column t.s is STRING, cannot store a value of type INTEGER
> INSERT INTO t (s) VALUES (1 + 'a')
Error: cannot apply + to INTEGER and STRING
> SELECT * FROM t
1|x|1.0|TRUE
