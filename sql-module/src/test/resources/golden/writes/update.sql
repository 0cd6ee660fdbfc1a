# UPDATE: SET from expressions over the old row, WHERE, primary-key changes (no Halloween
# problem: every row is read before any is written), and failed updates that change nothing.
> CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL, s STRING, f FLOAT)
Created table t
> INSERT INTO t VALUES (1, 10, 'a', 0.5), (2, 20, 'b', NULL), (3, 30, NULL, 1.5), (4, 40, 'd', 2)
Created 4 rows
> UPDATE t SET v = v + 1 WHERE id > 2
Updated 2 rows
> SELECT id, v FROM t
1|10
2|20
3|31
4|41
> UPDATE t SET s = s || '!', f = f * 2
Updated 4 rows
> SELECT * FROM t
1|10|a!|1.0
2|20|b!|NULL
3|31|NULL|3.0
4|41|d!|4.0
> UPDATE t SET id = id + 1
Updated 4 rows
> SELECT id, v FROM t
2|10
3|20
4|31
5|41
> UPDATE t SET id = id - 1
Updated 4 rows
> SELECT id, v FROM t
1|10
2|20
3|31
4|41
> UPDATE t SET id = id * 10 WHERE id >= 3
Updated 2 rows
> SELECT id FROM t
1
2
30
40
> UPDATE t SET id = 1 WHERE id = 2
Error: primary key 1 already exists in table t
> UPDATE t SET id = 2, v = id WHERE id = 2
Updated 1 row
> SELECT id, v FROM t WHERE id = 2
2|2
> UPDATE t SET v = NULL WHERE id = 1
Error: NULL value not allowed for column t.v
> UPDATE t SET v = 'x'
Error: column t.v is INTEGER, cannot store a value of type STRING
> UPDATE t SET f = 5 WHERE id = 1
Updated 1 row
> SELECT f FROM t WHERE id = 1
5.0
> UPDATE t SET v = v / 0 WHERE id = 1
Error: division by zero
> UPDATE t SET v = v / 0 WHERE id = 12345
Updated 0 rows
> UPDATE t SET nothere = 1
Error: unknown column nothere in table t
> UPDATE t SET v = 1, v = 2
Error: column v is assigned more than once
> UPDATE nothere SET v = 1
Error: table nothere does not exist
> UPDATE t SET v = v * 2 WHERE s IS NULL
Updated 1 row
> SELECT id, v, s FROM t
1|10|a!
2|2|b!
30|62|NULL
40|41|d!
> UPDATE t SET v = 9223372036854775807 WHERE id = 1
Updated 1 row
> UPDATE t SET v = v + 1
Error: integer overflow in 9223372036854775807 + 1
> SELECT id, v FROM t
1|9223372036854775807
2|2
30|62
40|41
