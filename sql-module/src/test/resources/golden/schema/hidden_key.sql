# A table created without a primary key gets a hidden one, as in SQLite and CockroachDB: an
# INTEGER column named rowid (rowid_1, ... if a column has that name) that SELECT * and INSERT
# without a column list pass by, filled with a unique id by every insert. It can be read and
# searched by name, but not written.
> CREATE TABLE log (at INTEGER, msg STRING)
Created table log
> INSERT INTO log VALUES (1, 'a'), (1, 'a'), (2, 'b')
Created 3 rows
> INSERT INTO log (msg) VALUES ('c')
Created 1 row
> SELECT * FROM log
1|a
1|a
2|b
NULL|c
> SELECT rowid, msg FROM log WHERE at = 1
33554432|a
33554433|a
> !headers on
ok
> SELECT * FROM log WHERE at = 2
at|msg
2|b
> !headers off
ok
> INSERT INTO log (rowid, at) VALUES (1, 2)
Error: column log.rowid is a generated row id and cannot be written
> UPDATE log SET rowid = 1
Error: column log.rowid is a generated row id and cannot be written
> UPDATE log SET msg = 'z' WHERE at = 1
Updated 2 rows
> DELETE FROM log WHERE msg = 'z'
Deleted 2 rows
> SELECT * FROM log
2|b
NULL|c
> EXPLAIN SELECT msg FROM log WHERE rowid > 5
Projection: msg
└─ KeyScan: log (rowid > 5)
> CREATE TABLE r2 (rowid STRING, x INTEGER)
Created table r2
> INSERT INTO r2 VALUES ('mine', 1)
Created 1 row
> SELECT rowid, x, rowid_1 > 0 FROM r2
mine|1|TRUE
> CREATE TABLE child (x INTEGER REFERENCES log)
Error: table log has no primary key for foreign key child_x_fkey to reference
> BEGIN
Began transaction 17
> INSERT INTO log VALUES (5, 'e'), (6, 'f')
Created 2 rows
> INSERT INTO log VALUES (7, 'g')
Created 1 row
> COMMIT
Committed transaction 17
> SELECT * FROM log WHERE at >= 5
5|e
6|f
7|g
