# DROP TABLE removes the schema, rows and index entries; IF EXISTS tolerates a missing table; a
# table that another table references cannot be dropped.
> CREATE TABLE parent (id INTEGER PRIMARY KEY, name STRING UNIQUE)
Created table parent
> CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent)
Created table child
> INSERT INTO parent VALUES (1, 'a'), (2, 'b')
Created 2 rows
> INSERT INTO child VALUES (1, 1)
Created 1 row
> DROP TABLE parent
Error: cannot drop table parent: table child references it
> DROP TABLE child
Dropped table child
> SELECT * FROM child
Error: table child does not exist
> DROP TABLE child
Error: table child does not exist
> DROP TABLE IF EXISTS child
Table child does not exist; nothing dropped
> DROP TABLE parent
Dropped table parent
> CREATE TABLE parent (id INTEGER PRIMARY KEY, name STRING UNIQUE)
Created table parent
> SELECT * FROM parent
> INSERT INTO parent VALUES (1, 'a')
Created 1 row
> SELECT * FROM parent WHERE name = 'a'
1|a
> CREATE TABLE selfref (id INTEGER PRIMARY KEY, up INTEGER REFERENCES selfref)
Created table selfref
> INSERT INTO selfref VALUES (1, NULL), (2, 1), (3, 3)
Created 3 rows
> DROP TABLE selfref
Dropped table selfref
> SELECT * FROM selfref
Error: table selfref does not exist
