# CREATE TABLE: types and their aliases, column constraints, defaults, and the checks that refuse
# a bad schema without creating anything.
> CREATE TABLE t (id INTEGER PRIMARY KEY, b BOOLEAN, b2 BOOL, i INT, i2 BIGINT, f FLOAT, f2 DOUBLE, f3 DOUBLE PRECISION, f4 REAL, s STRING, s2 VARCHAR, s3 TEXT)
Created table t
> INSERT INTO t VALUES (1, TRUE, FALSE, 1, 2, 1.5, 2, 3, 4.5, 'a', 'b', 'c')
Created 1 row
> SELECT * FROM t
1|TRUE|FALSE|1|2|1.5|2.0|3.0|4.5|a|b|c
> CREATE TABLE d (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 7, s STRING DEFAULT 'x' || 'y', f FLOAT DEFAULT 1, z INTEGER NULL, e INTEGER DEFAULT NULL)
Created table d
> INSERT INTO d (id) VALUES (1)
Created 1 row
> INSERT INTO d (id, z) VALUES (2, 5)
Created 1 row
> INSERT INTO d VALUES (3, 1, 'a', 2.5, 3, 4)
Created 1 row
> SELECT * FROM d
1|7|xy|1.0|NULL|NULL
2|7|xy|1.0|5|NULL
3|1|a|2.5|3|4
> CREATE TABLE t (id INTEGER PRIMARY KEY)
Error: table t already exists
> CREATE TABLE nopk (a INTEGER, b STRING)
Created table nopk
> CREATE TABLE twopk (a INTEGER PRIMARY KEY, b INTEGER PRIMARY KEY)
Error: table twopk has more than one PRIMARY KEY column
> CREATE TABLE dup (a INTEGER PRIMARY KEY, a STRING)
Error: column a appears more than once in table dup
> CREATE TABLE nullpk (a INTEGER PRIMARY KEY NULL)
Error: primary key column a cannot be NULL
> CREATE TABLE baddefault (a INTEGER PRIMARY KEY, b INTEGER DEFAULT 'x')
Error: DEFAULT of column b is INTEGER, cannot store a value of type STRING
> CREATE TABLE baddefault (a INTEGER PRIMARY KEY, b INTEGER NOT NULL DEFAULT NULL)
Error: DEFAULT of column b is NULL but the column is NOT NULL
> CREATE TABLE baddefault (a INTEGER PRIMARY KEY, b INTEGER DEFAULT a + 1)
Error: unknown column a
> CREATE TABLE baddefault (a INTEGER PRIMARY KEY, b INTEGER DEFAULT 1 / 0)
Error: division by zero
> CREATE TABLE twice (a INTEGER PRIMARY KEY, b INTEGER NOT NULL NULL)
Error: syntax error at line 1, column 63: expected each constraint at most once per column, found a second NULL or NOT NULL
> CREATE TABLE twice (a INTEGER PRIMARY KEY, b INTEGER UNIQUE UNIQUE)
Error: syntax error at line 1, column 61: expected each constraint at most once per column, found a second UNIQUE
> CREATE TABLE badtype (a INTEGER PRIMARY KEY, b DATE)
Error: syntax error at line 1, column 48: expected a data type (BOOLEAN, INTEGER, FLOAT, STRING, VARCHAR or TEXT), found identifier date
> CREATE TABLE badref (a INTEGER PRIMARY KEY, b INTEGER REFERENCES nothere)
Error: table nothere does not exist
> CREATE TABLE badref (a INTEGER PRIMARY KEY, b STRING REFERENCES t)
Error: column badref.b is STRING but references primary key t.id of type INTEGER
> CREATE TABLE empty ()
Error: syntax error at line 1, column 21: expected a column name, found ')'
> CREATE TABLE strpk (name STRING PRIMARY KEY, n INTEGER)
Created table strpk
> INSERT INTO strpk VALUES ('b', 2), ('a', 1), ('', 0)
Created 3 rows
> SELECT * FROM strpk
|0
a|1
b|2
> CREATE TABLE floatpk (x FLOAT PRIMARY KEY)
Created table floatpk
> INSERT INTO floatpk VALUES (2.5), (-1), (0), (NAN), (-INFINITY)
Created 5 rows
> SELECT * FROM floatpk
-Infinity
-1.0
0.0
2.5
NaN
> CREATE TABLE boolpk (b BOOLEAN PRIMARY KEY)
Created table boolpk
> INSERT INTO boolpk VALUES (TRUE), (FALSE)
Created 2 rows
> SELECT * FROM boolpk
FALSE
TRUE
> CREATE TABLE "Quoted Name" ("Mixed Case" INTEGER PRIMARY KEY)
Created table Quoted Name
> INSERT INTO "Quoted Name" VALUES (1)
Created 1 row
> SELECT "Mixed Case" FROM "Quoted Name"
1
> CREATE TABLE select (id INTEGER PRIMARY KEY)
Error: syntax error at line 1, column 14: expected a table name, found keyword SELECT
