# CASE (searched and simple), BETWEEN, IS [NOT] DISTINCT FROM, IS [NOT] TRUE/FALSE/UNKNOWN, and
# comments: PostgreSQL's meanings, with NULL handled as three-valued logic says.
> CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER, f FLOAT, s STRING, b BOOLEAN)
Created table t
> INSERT INTO t VALUES (1, 10, 1.5, 'a', TRUE), (2, NULL, NULL, 'b', FALSE), (3, 30, -2.0, NULL, NULL), (4, 20, 0.5, 'd', TRUE)
Created 4 rows
> SELECT id, CASE WHEN v > 15 THEN 'big' WHEN v > 5 THEN 'small' ELSE 'none' END FROM t ORDER BY id
1|small
2|none
3|big
4|big
> SELECT id, CASE v WHEN 10 THEN 'ten' WHEN 20 THEN 'twenty' END FROM t ORDER BY id
1|ten
2|NULL
3|NULL
4|twenty
> SELECT CASE WHEN NULL THEN 1 ELSE 2 END, CASE NULL WHEN NULL THEN 1 ELSE 2 END
2|2
# Branches unify: INTEGER and FLOAT give FLOAT, every row of the column a FLOAT.
> SELECT id, CASE WHEN id < 3 THEN id ELSE f END FROM t ORDER BY id
1|1.0
2|2.0
3|-2.0
4|0.5
> SELECT CASE WHEN TRUE THEN 1 ELSE 'a' END
Error: CASE types INTEGER and STRING cannot be matched
> SELECT CASE WHEN 1 THEN 1 END
Error: CASE WHEN must be BOOLEAN, not INTEGER: 1
> SELECT CASE 1 WHEN 'a' THEN 1 END
Error: cannot apply CASE to INTEGER and STRING
# Only the branch taken is evaluated.
> SELECT CASE WHEN 1 = 1 THEN 0 ELSE 1 / 0 END
0
> SELECT id FROM t WHERE v BETWEEN 10 AND 20 ORDER BY id
1
4
> SELECT id FROM t WHERE v NOT BETWEEN 10 AND 20 ORDER BY id
3
> SELECT 5 BETWEEN 10 AND 1, 5 BETWEEN SYMMETRIC 10 AND 1, 5 NOT BETWEEN SYMMETRIC 10 AND 1
FALSE|TRUE|FALSE
> SELECT NULL BETWEEN 1 AND 2, 1 BETWEEN NULL AND 2, 3 BETWEEN NULL AND 2
NULL|NULL|FALSE
> SELECT 'b' BETWEEN 'a' AND 'c', 1.5 BETWEEN 1 AND 2
TRUE|TRUE
> SELECT 1 BETWEEN 'a' AND 2
Error: cannot apply BETWEEN to INTEGER and STRING
> SELECT id FROM t WHERE v IS DISTINCT FROM 10 ORDER BY id
2
3
4
> SELECT id FROM t WHERE v IS NOT DISTINCT FROM NULL
2
> SELECT NULL IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL, 1 IS DISTINCT FROM 1.0, 1 IS DISTINCT FROM NULL
FALSE|TRUE|FALSE|TRUE
> SELECT 1 IS DISTINCT FROM 'a'
Error: cannot apply IS DISTINCT FROM to INTEGER and STRING
> SELECT id, b IS TRUE, b IS NOT TRUE, b IS FALSE, b IS NOT FALSE, b IS UNKNOWN, b IS NOT UNKNOWN FROM t ORDER BY id
1|TRUE|FALSE|FALSE|TRUE|FALSE|TRUE
2|FALSE|TRUE|TRUE|FALSE|FALSE|TRUE
3|FALSE|TRUE|FALSE|TRUE|TRUE|FALSE
4|TRUE|FALSE|FALSE|TRUE|FALSE|TRUE
> SELECT (v > 15) IS TRUE FROM t ORDER BY id
FALSE
FALSE
TRUE
TRUE
> SELECT v IS TRUE FROM t
Error: cannot apply IS TRUE to INTEGER
> SELECT NULL IS UNKNOWN
TRUE
# Comments: -- to the end of a line, /* ... */ anywhere, nested.
> SELECT /* a comment */ 1 + /* another /* nested */ one */ 2 -- and a line comment
3
> SELECT 1 /* never closed
Error: syntax error at line 1, column 10: expected */ to close the comment, found end of input
> SELECT 1 /* /* */ still open
Error: syntax error at line 1, column 10: expected */ to close the comment, found end of input
# unknown is a keyword only after IS
> CREATE TABLE w (id INTEGER PRIMARY KEY, unknown BOOLEAN)
Created table w
> INSERT INTO w VALUES (1, TRUE), (2, NULL)
Created 2 rows
> SELECT id, unknown FROM w WHERE unknown IS NOT UNKNOWN
1|TRUE
