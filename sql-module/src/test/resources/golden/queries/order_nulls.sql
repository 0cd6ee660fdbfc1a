# NULLS FIRST and NULLS LAST: by default NULLs sort as if larger than every value (last
# ascending, first descending), as in PostgreSQL; either can be asked for explicitly.
> CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)
Created table t
> INSERT INTO t VALUES (1, 2), (2, NULL), (3, 1), (4, NULL)
Created 4 rows
> SELECT id, v FROM t ORDER BY v, id
3|1
1|2
2|NULL
4|NULL
> SELECT id, v FROM t ORDER BY v DESC, id
2|NULL
4|NULL
1|2
3|1
> SELECT id, v FROM t ORDER BY v NULLS FIRST, id
2|NULL
4|NULL
3|1
1|2
> SELECT id, v FROM t ORDER BY v DESC NULLS LAST, id
1|2
3|1
2|NULL
4|NULL
> SELECT id, v FROM t ORDER BY v ASC NULLS LAST, id DESC
3|1
1|2
4|NULL
2|NULL
> SELECT v FROM t ORDER BY v NULLS FIRST LIMIT 3
NULL
NULL
1
> SELECT id FROM t ORDER BY v NULLS
Error: syntax error at line 1, column 34: expected FIRST or LAST after NULLS, found end of input
> EXPLAIN SELECT v FROM t ORDER BY v DESC NULLS LAST
Order: v desc nulls last
└─ Projection: v
   └─ Scan: t
# FETCH FIRST is LIMIT; OFFSET may say ROWS.
> SELECT id FROM t ORDER BY id OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY
2
3
> SELECT id FROM t ORDER BY id FETCH NEXT ROW ONLY
1
> SELECT id FROM t ORDER BY id LIMIT ALL
1
2
3
4
# nulls, first and last stay usable as names.
> CREATE TABLE n (nulls INTEGER PRIMARY KEY, first INTEGER, last INTEGER)
Created table n
> INSERT INTO n VALUES (1, 2, 3)
Created 1 row
> SELECT nulls, first, last FROM n ORDER BY nulls NULLS FIRST
1|2|3
