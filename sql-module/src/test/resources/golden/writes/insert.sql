# INSERT: many rows, column lists in any order, defaults for omitted columns, type coercion
# (integers widen into FLOAT columns), and constraint violations that insert nothing.
> CREATE TABLE t (id INTEGER PRIMARY KEY, name STRING NOT NULL, score FLOAT, flag BOOLEAN DEFAULT FALSE)
Created table t
> INSERT INTO t VALUES (1, 'a', 1.5, TRUE)
Created 1 row
> INSERT INTO t (name, id) VALUES ('b', 2), ('c', 3)
Created 2 rows
> INSERT INTO t (id, name, score) VALUES (4, 'd', 4)
Created 1 row
> SELECT * FROM t
1|a|1.5|TRUE
2|b|NULL|FALSE
3|c|NULL|FALSE
4|d|4.0|FALSE
> INSERT INTO t VALUES (5, 'e', 1.0, TRUE), (1, 'dup', NULL, NULL)
Error: primary key 1 already exists in table t
> SELECT COUNT(*) FROM t
4
> INSERT INTO t VALUES (5, 'e', 1.0, TRUE), (5, 'again', NULL, NULL)
Error: primary key 5 already exists in table t
> INSERT INTO t VALUES (6, NULL, 1.0, TRUE)
Error: NULL value not allowed for column t.name
> INSERT INTO t (id) VALUES (6)
Error: NULL value not allowed for column t.name
> INSERT INTO t VALUES (NULL, 'x', 1.0, TRUE)
Error: NULL value not allowed for column t.id
> INSERT INTO t (name) VALUES ('x')
Error: NULL value not allowed for column t.id
> INSERT INTO t VALUES (6, 'f', 'high', TRUE)
Error: column t.score is FLOAT, cannot store a value of type STRING
> INSERT INTO t VALUES (6, 1, 1.0, TRUE)
Error: column t.name is STRING, cannot store a value of type INTEGER
> INSERT INTO t VALUES ('6', 'f', 1.0, TRUE)
Error: column t.id is INTEGER, cannot store a value of type STRING
> INSERT INTO t VALUES (6.5, 'f', 1.0, TRUE)
Error: column t.id is INTEGER, cannot store a value of type FLOAT
> INSERT INTO t VALUES (6, 'f', 1.0, 1)
Error: column t.flag is BOOLEAN, cannot store a value of type INTEGER
> INSERT INTO t VALUES (6, 'f')
Error: INSERT has 4 target columns but a row of 2 values
> INSERT INTO t VALUES (6, 'f', 1.0, TRUE, 5)
Error: INSERT has 4 target columns but a row of 5 values
> INSERT INTO t (id, nothere) VALUES (6, 1)
Error: unknown column nothere in table t
> INSERT INTO t (id, id) VALUES (6, 1)
Error: column id is listed more than once
> INSERT INTO t (id, name) VALUES (6)
Error: INSERT has 2 target columns but a row of 1 values
> INSERT INTO t VALUES (6, 'f', 1 / 0, TRUE)
Error: division by zero
> INSERT INTO t VALUES (6, 'f' || 'g', 2 * 3.5, NOT FALSE)
Created 1 row
> INSERT INTO t VALUES (7, 'g', NULL, NULL)
Created 1 row
> INSERT INTO nothere VALUES (1)
Error: table nothere does not exist
> INSERT INTO t VALUES (id, 'x', 1, TRUE)
Error: unknown column id
> SELECT * FROM t
1|a|1.5|TRUE
2|b|NULL|FALSE
3|c|NULL|FALSE
4|d|4.0|FALSE
6|fg|7.0|TRUE
7|g|NULL|NULL
> INSERT INTO t VALUES (-9223372036854775808, 'min', NULL, NULL), (9223372036854775807, 'max', NULL, NULL)
Created 2 rows
> SELECT id, name FROM t WHERE id < 0 OR id > 100
-9223372036854775808|min
9223372036854775807|max
