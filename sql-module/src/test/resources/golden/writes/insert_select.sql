# INSERT ... SELECT and INSERT ... VALUES with DEFAULT: a query's columns go to the target
# columns in order and must fit their types; the others get their defaults.
> CREATE TABLE src (id INTEGER PRIMARY KEY, v INTEGER, s STRING)
Created table src
> CREATE TABLE dst (id INTEGER PRIMARY KEY, v FLOAT DEFAULT 0.5, s STRING DEFAULT 'none', n INTEGER)
Created table dst
> INSERT INTO src VALUES (1, 10, 'a'), (2, 20, NULL), (3, 30, 'c')
Created 3 rows
> INSERT INTO dst (id, v, s) SELECT id, v, s FROM src WHERE id < 3
Created 2 rows
> INSERT INTO dst (id) SELECT id + 10 FROM src
Created 3 rows
> INSERT INTO dst VALUES (20, DEFAULT, 'x', DEFAULT), (21, 1, DEFAULT, 7)
Created 2 rows
> INSERT INTO dst DEFAULT VALUES
Error: NULL value not allowed for column dst.id
> CREATE TABLE counter (id INTEGER PRIMARY KEY DEFAULT 1, n INTEGER DEFAULT 0)
Created table counter
> INSERT INTO counter DEFAULT VALUES RETURNING *
1|0
> INSERT INTO dst (id, n) VALUES (30, (SELECT MAX(v) FROM src))
Created 1 row
> SELECT * FROM dst ORDER BY id
1|10.0|a|NULL
2|20.0|NULL|NULL
11|0.5|none|NULL
12|0.5|none|NULL
13|0.5|none|NULL
20|0.5|x|NULL
21|1.0|none|7
30|0.5|none|30
# A query reading the table it fills sees the table as it was before the statement.
> INSERT INTO src SELECT id + 100, v, s FROM src
Created 3 rows
> SELECT COUNT(*) FROM src
6
> INSERT INTO dst (id, v) SELECT id, s FROM src
Error: column dst.v is FLOAT, cannot store a value of type STRING
> INSERT INTO dst (id, v) SELECT id FROM src
Error: INSERT has 2 target columns but the query gives 1
> INSERT INTO dst SELECT id FROM src
Error: INSERT has 4 target columns but the query gives 1
> INSERT INTO dst (id) SELECT 1 UNION ALL SELECT 1
Error: primary key 1 already exists in table dst
> SELECT COUNT(*) FROM dst
8
> INSERT INTO dst (id) (SELECT 40)
Created 1 row
> INSERT INTO dst (id) VALUES (41) , (42)
Created 2 rows
> SELECT id FROM dst WHERE id >= 40 ORDER BY id
40
41
42
> SELECT DEFAULT
Error: DEFAULT is not allowed in SELECT; only as a whole value in INSERT VALUES or UPDATE SET
> UPDATE dst SET s = DEFAULT, n = DEFAULT WHERE id = 1
Updated 1 row
> SELECT s, n FROM dst WHERE id = 1
none|NULL
> UPDATE dst SET n = DEFAULT + 1
Error: DEFAULT is not allowed in UPDATE; only as a whole value in INSERT VALUES or UPDATE SET
