# DELETE: with and without WHERE, through key and index lookups; deleted rows vanish from
# indexes too.
> CREATE TABLE t (id INTEGER PRIMARY KEY, k STRING INDEX, v INTEGER)
Created table t
> INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 2), (3, 'a', 3), (4, 'c', NULL), (5, 'b', 5)
Created 5 rows
> DELETE FROM t WHERE id = 2
Deleted 1 row
> SELECT id FROM t
1
3
4
5
> DELETE FROM t WHERE k = 'a'
Deleted 2 rows
> SELECT id, k FROM t
4|c
5|b
> SELECT id FROM t WHERE k = 'a'
> DELETE FROM t WHERE v > 100
Deleted 0 rows
> DELETE FROM t WHERE v IS NULL
Deleted 1 row
> SELECT id FROM t
5
> DELETE FROM t WHERE id IN (5, 6, 7)
Deleted 1 row
> DELETE FROM t
Deleted 0 rows
> INSERT INTO t VALUES (1, 'x', 1), (2, 'y', 2)
Created 2 rows
> DELETE FROM t
Deleted 2 rows
> SELECT COUNT(*) FROM t
0
> DELETE FROM t WHERE nothere = 1
Error: unknown column nothere
> DELETE FROM t WHERE v
Error: WHERE must be BOOLEAN, not INTEGER: v
> DELETE FROM nothere
Error: table nothere does not exist
> DELETE FROM t WHERE 1 / 0 = 1
Deleted 0 rows
