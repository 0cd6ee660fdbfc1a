# The README's first transcript.
> CREATE TABLE movie (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL)
Created table movie
> INSERT INTO movie VALUES (1, 'Sicario'), (2, 'Stalker'), (3, 'Her')
Created 3 rows
> SELECT * FROM movie
1|Sicario
2|Stalker
3|Her
> SELECT 1 + 2, 'a' || 'b'
3|ab
> SELECT 'a' + 1
Error: cannot apply + to STRING and INTEGER
> EXPLAIN SELECT * FROM movie WHERE title = 'Her'
Projection: id, title
└─ Scan: movie (title = 'Her')
> EXPLAIN SELECT * FROM movie WHERE id = 1
Projection: id, title
└─ KeyScan: movie (id = 1)
> !headers on
ok
> SELECT id, title AS t, id * 2 FROM movie WHERE id >= 2 ORDER BY id DESC
id|t|id * 2
3|Her|6
2|Stalker|4
