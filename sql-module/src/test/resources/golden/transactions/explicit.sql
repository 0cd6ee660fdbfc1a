# Explicit transactions: BEGIN, COMMIT, ROLLBACK; reads see the transaction's own writes; a
# rollback discards everything, DDL included; statement errors leave the transaction open
# and unchanged (statements are atomic).
> CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)
Created table t
> INSERT INTO t VALUES (1, 10)
Created 1 row
> BEGIN
Began transaction 3
> INSERT INTO t VALUES (2, 20)
Created 1 row
> SELECT * FROM t
1|10
2|20
> UPDATE t SET v = v + 1
Updated 2 rows
> SELECT * FROM t
1|11
2|21
> ROLLBACK
Rolled back transaction 3
> SELECT * FROM t
1|10
> BEGIN TRANSACTION
Began transaction 5
> INSERT INTO t VALUES (2, 20), (3, 30)
Created 2 rows
> INSERT INTO t VALUES (4, 40), (1, 99)
Error: primary key 1 already exists in table t
> SELECT * FROM t
1|10
2|20
3|30
> UPDATE t SET v = v / (id - 3)
Error: division by zero
> SELECT * FROM t
1|10
2|20
3|30
> COMMIT
Committed transaction 5
> SELECT * FROM t
1|10
2|20
3|30
> BEGIN
Began transaction 7
> CREATE TABLE u (id INTEGER PRIMARY KEY)
Created table u
> INSERT INTO u VALUES (1)
Created 1 row
> CREATE INDEX t_v ON t (v)
Created index t_v
> SELECT * FROM u
1
> ROLLBACK
Rolled back transaction 7
> SELECT * FROM u
Error: table u does not exist
> CREATE INDEX t_v ON t (v)
Created index t_v
> SELECT id FROM t WHERE v = 20
2
> BEGIN
Began transaction 11
> DROP TABLE t
Dropped table t
> SELECT * FROM t
Error: table t does not exist
> ROLLBACK
Rolled back transaction 11
> SELECT * FROM t
1|10
2|20
3|30
> BEGIN
Began transaction 13
> BEGIN
Error: already in transaction 13
> COMMIT
Committed transaction 13
> COMMIT
Error: COMMIT outside a transaction; BEGIN one first
> ROLLBACK
Error: ROLLBACK outside a transaction; BEGIN one first
> BEGIN READ WRITE
Began transaction 14
> DELETE FROM t WHERE id = 3
Deleted 1 row
> COMMIT
Committed transaction 14
> SELECT * FROM t
1|10
2|20
