# Read-only transactions: BEGIN READ ONLY reads a snapshot and refuses writes and DDL; AS OF
# SYSTEM TIME reads the database as it was at a version (time travel; versions are log indexes:
# 1 reserved transaction ids, 2 created the table, 3 inserted its first row).
> CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)
Created table t
> INSERT INTO t VALUES (1, 10)
Created 1 row
> @reader BEGIN READ ONLY
Began read-only transaction at version 3
> INSERT INTO t VALUES (2, 20)
Created 1 row
> @reader SELECT * FROM t
1|10
> @reader INSERT INTO t VALUES (3, 30)
Error: transaction 3 is read-only
> @reader CREATE TABLE x (id INTEGER PRIMARY KEY)
Error: transaction 3 is read-only
> @reader COMMIT
Committed transaction 3
> @reader SELECT * FROM t
1|10
2|20
> BEGIN READ ONLY AS OF SYSTEM TIME 3
Began read-only transaction at version 3
> SELECT * FROM t
1|10
> UPDATE t SET v = 0
Error: transaction 6 is read-only
> ROLLBACK
Rolled back transaction 6
> BEGIN AS OF SYSTEM TIME 2
Began read-only transaction at version 2
> SELECT * FROM t
> COMMIT
Committed transaction 7
> BEGIN AS OF SYSTEM TIME 99999
Error: version 99999 is in the future; the latest is 4
> BEGIN READ ONLY AS OF SYSTEM TIME x
Error: syntax error at line 1, column 35: expected a version number, found identifier x
