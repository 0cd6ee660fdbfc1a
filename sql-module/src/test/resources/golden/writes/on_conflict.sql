# INSERT ... ON CONFLICT: DO NOTHING skips a row whose primary key or unique value is taken;
# DO UPDATE changes the row it collides with, reading the proposed row as EXCLUDED, unless its
# WHERE says no; no row may be changed twice by one statement.
> CREATE TABLE kv (k STRING PRIMARY KEY, v INTEGER, tag STRING UNIQUE, n INTEGER DEFAULT 0)
Created table kv
> INSERT INTO kv VALUES ('a', 1, 'ta', 0), ('b', 2, 'tb', 0)
Created 2 rows
> INSERT INTO kv VALUES ('a', 10, 'x', 0), ('c', 3, 'tc', 0) ON CONFLICT DO NOTHING
Created 1 row
> INSERT INTO kv VALUES ('d', 4, 'ta', 0) ON CONFLICT DO NOTHING
Created 0 rows
> INSERT INTO kv VALUES ('d', 4, 'ta', 0) ON CONFLICT (k) DO NOTHING
Error: unique value 'ta' already exists in column kv.tag
> INSERT INTO kv (k, v) VALUES ('a', 100), ('e', 5) ON CONFLICT (k) DO UPDATE SET v = kv.v + EXCLUDED.v, n = kv.n + 1
Created 2 rows
> SELECT * FROM kv ORDER BY k
a|101|ta|1
b|2|tb|0
c|3|tc|0
e|5|NULL|0
> INSERT INTO kv (k, v, tag) VALUES ('z', 7, 'tb') ON CONFLICT (tag) DO UPDATE SET v = excluded.v RETURNING k, v
b|7
> INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET v = 0 WHERE kv.v > 1000
Created 0 rows
> SELECT k, v FROM kv WHERE k = 'a'
a|101
> INSERT INTO kv (k, v) VALUES ('a', 1), ('a', 2) ON CONFLICT (k) DO UPDATE SET v = excluded.v
Error: ON CONFLICT DO UPDATE cannot change row 'a' of table kv a second time in one statement; make the proposed rows' keys distinct
> INSERT INTO kv (k, v) VALUES ('q', 1), ('q', 2) ON CONFLICT (k) DO NOTHING
Created 1 row
> SELECT k, v FROM kv WHERE k IN ('a', 'q') ORDER BY k
a|101
q|1
> INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT DO UPDATE SET v = 1
Error: ON CONFLICT DO UPDATE needs a conflict target: ON CONFLICT (column) DO UPDATE
> INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (v) DO NOTHING
Error: there is no primary key or unique index on kv (v) to match the ON CONFLICT target
> INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET v = 'x'
Error: column kv.v is INTEGER, cannot store a value of type STRING
> INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET nope = 1
Error: unknown column nope in table kv
> INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET tag = 'tc'
Error: unique value 'tc' already exists in column kv.tag
> INSERT INTO kv (k, v) SELECT k || '2', v FROM kv ON CONFLICT (k) DO NOTHING
Created 5 rows
> SELECT COUNT(*) FROM kv
10
> EXPLAIN INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET v = excluded.v WHERE kv.v < 5 RETURNING k
Insert: kv on conflict (k) do update v = excluded.v where kv.v < 5 returning k
└─ Values: 1 row
