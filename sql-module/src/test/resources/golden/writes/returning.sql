# RETURNING on INSERT, UPDATE and DELETE: a select list over each written row (the new row, or
# for DELETE the old one); the statement then answers rows instead of a count.
> CREATE TABLE t (id INTEGER PRIMARY KEY, v FLOAT, s STRING DEFAULT 'd')
Created table t
> !headers on
ok
> INSERT INTO t (id, v) VALUES (1, 1), (2, 2.5) RETURNING *
id|v|s
1|1.0|d
2|2.5|d
> INSERT INTO t VALUES (3, 3, 'c') RETURNING id, v * 2 AS doubled, s || '!'
id|doubled|s || '!'
3|6.0|c!
> UPDATE t SET v = v + 1 WHERE id < 3 RETURNING id, v
id|v
1|2.0
2|3.5
> DELETE FROM t WHERE id = 3 RETURNING t.*
id|v|s
3|3.0|c
> DELETE FROM t WHERE id = 99 RETURNING id
id
> UPDATE t SET s = 'x' RETURNING (SELECT COUNT(*) FROM t) AS n, LENGTH(s)
n|length(s)
2|1
2|1
> !headers off
ok
> INSERT INTO t VALUES (5, 5, 'e') RETURNING nothere
Error: unknown column nothere
> INSERT INTO t VALUES (5, 5, 'e') RETURNING u.*
Error: unknown table u in u.* of RETURNING
> SELECT id FROM t ORDER BY id
1
2
# In a transaction, RETURNING rows come back before COMMIT, and ROLLBACK undoes them.
> BEGIN
Began transaction 11
> INSERT INTO t VALUES (9, 9, 'n') RETURNING id
9
> ROLLBACK
Rolled back transaction 11
> SELECT COUNT(*) FROM t WHERE id = 9
0
