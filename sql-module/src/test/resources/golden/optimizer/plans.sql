# EXPLAIN shows the optimized plan as a tree: constant folding, filter pushdown into scans and
# join sides, key and index lookups (equality and IN lists), hash joins for equi-joins, and
# always-false filters short-circuited to Nothing.
> CREATE TABLE genre (id INTEGER PRIMARY KEY, name STRING NOT NULL UNIQUE)
Created table genre
> CREATE TABLE movie (id INTEGER PRIMARY KEY, title STRING NOT NULL, genre_id INTEGER REFERENCES genre, released INTEGER INDEX, rating FLOAT)
Created table movie
> INSERT INTO genre VALUES (1, 'Drama'), (2, 'Action')
Created 2 rows
> INSERT INTO movie VALUES (1, 'Her', 1, 2013, 8.0), (2, 'Heat', 2, 1995, 8.2), (3, 'Up', NULL, 2009, 8.3)
Created 3 rows
> EXPLAIN SELECT * FROM movie
Projection: id, title, genre_id, released, rating
└─ Scan: movie
> EXPLAIN SELECT title FROM movie WHERE title = 'Her'
Projection: title
└─ Scan: movie (title = 'Her')
> EXPLAIN SELECT title FROM movie WHERE id = 1
Projection: title
└─ KeyScan: movie (id = 1)
> EXPLAIN SELECT title FROM movie WHERE 1 = id
Projection: title
└─ KeyScan: movie (id = 1)
> EXPLAIN SELECT title FROM movie WHERE id IN (3, 1, 2)
Projection: title
└─ KeyScan: movie (id IN (1, 2, 3))
> EXPLAIN SELECT title FROM movie WHERE id = 1 AND rating > 5
Projection: title
└─ Filter: rating > 5
   └─ KeyScan: movie (id = 1)
> EXPLAIN SELECT title FROM movie WHERE id = 1 OR id = 2
Projection: title
└─ KeyScan: movie (id IN (1, 2))
> EXPLAIN SELECT title FROM movie WHERE id = 1 + 1
Projection: title
└─ KeyScan: movie (id = 2)
> EXPLAIN SELECT title FROM movie WHERE id = 3 OR id IN (1, 2) OR 2 = id
Projection: title
└─ KeyScan: movie (id IN (1, 2, 3))
> SELECT title FROM movie WHERE id = 3 OR id IN (1, 2) OR 2 = id
Her
Heat
Up
> EXPLAIN SELECT title FROM movie WHERE id = 3 OR released = 2013
Projection: title
└─ Scan: movie ((id = 3) OR (released = 2013))
> EXPLAIN SELECT title FROM movie WHERE released = 1995 OR released = 2013
Projection: title
└─ IndexScan: movie using movie_released_idx (released IN (1995, 2013))
> EXPLAIN SELECT title FROM movie WHERE released = 2013
Projection: title
└─ IndexScan: movie using movie_released_idx (released = 2013)
> EXPLAIN SELECT title FROM movie WHERE released IN (2013, 1995) AND title LIKE 'H%'
Projection: title
└─ Filter: title LIKE 'H%'
   └─ IndexScan: movie using movie_released_idx (released IN (1995, 2013))
> EXPLAIN SELECT title FROM movie WHERE genre_id = 1
Projection: title
└─ IndexScan: movie using movie_genre_id_fkey (genre_id = 1)
> EXPLAIN SELECT id FROM genre WHERE name = 'Drama'
Projection: id
└─ IndexScan: genre using genre_name_key (name = 'Drama')
> EXPLAIN SELECT title FROM movie WHERE released > 2000
Projection: title
└─ IndexScan: movie using movie_released_idx (released > 2000)
> EXPLAIN SELECT title FROM movie WHERE 1 = 0
Projection: title
└─ Nothing
> EXPLAIN SELECT title FROM movie WHERE NULL
Projection: title
└─ Nothing
> EXPLAIN SELECT title FROM movie WHERE rating > 1 AND FALSE
Projection: title
└─ Nothing
> EXPLAIN SELECT title FROM movie WHERE rating > 1 OR TRUE
Projection: title
└─ Scan: movie
> EXPLAIN SELECT title FROM movie WHERE rating > 2 * 3 + 1
Projection: title
└─ Scan: movie (rating > 7)
> EXPLAIN SELECT 1 + 2 * 3, 'a' || 'b'
Projection: 7, 'ab'
└─ Values: 1 row
> EXPLAIN SELECT 1 / 0
Projection: 1 / 0
└─ Values: 1 row
> EXPLAIN SELECT m.title, g.name FROM movie m JOIN genre g ON m.genre_id = g.id
Projection: m.title, g.name
└─ HashJoin: inner on m.genre_id = g.id
   ├─ Scan: movie as m
   └─ Scan: genre as g
> EXPLAIN SELECT m.title, g.name FROM movie m JOIN genre g ON g.id = m.genre_id WHERE m.rating > 8 AND g.name = 'Drama'
Projection: m.title, g.name
└─ IndexJoin: inner
   ├─ IndexScan: genre as g using genre_name_key (name = 'Drama')
   └─ Lookup: movie as m using movie_genre_id_fkey (genre_id = g.id), filter: m.rating > 8
> EXPLAIN SELECT m.title, g.name FROM movie m LEFT JOIN genre g ON m.genre_id = g.id AND g.name = 'Drama' WHERE m.rating > 8
Projection: m.title, g.name
└─ HashJoin: left on m.genre_id = g.id
   ├─ Scan: movie as m (m.rating > 8)
   └─ IndexScan: genre as g using genre_name_key (name = 'Drama')
> EXPLAIN SELECT m.title, g.name FROM movie m RIGHT JOIN genre g ON m.genre_id = g.id
Projection: m.title, g.name
└─ HashJoin: left on m.genre_id = g.id
   ├─ Scan: genre as g
   └─ Scan: movie as m
> EXPLAIN SELECT m.title, g.name FROM movie m, genre g WHERE m.genre_id = g.id AND g.id = 1
Projection: m.title, g.name
└─ IndexJoin: inner
   ├─ KeyScan: genre as g (id = 1)
   └─ Lookup: movie as m using movie_genre_id_fkey (genre_id = g.id)
> EXPLAIN SELECT m.title FROM movie m JOIN genre g ON m.genre_id > g.id
Projection: m.title
└─ NestedLoopJoin: inner on m.genre_id > g.id
   ├─ Scan: movie as m
   └─ Scan: genre as g
> EXPLAIN SELECT m.title FROM movie m CROSS JOIN genre g
Projection: m.title
└─ NestedLoopJoin: cross
   ├─ Scan: movie as m
   └─ Scan: genre as g
> EXPLAIN SELECT m.title FROM movie m JOIN genre g ON m.genre_id = g.id AND m.rating < g.id
Projection: m.title
└─ HashJoin: inner on m.genre_id = g.id and m.rating < g.id
   ├─ Scan: movie as m
   └─ Scan: genre as g
> EXPLAIN SELECT m.title FROM movie m JOIN genre g ON m.genre_id = g.id WHERE 1 = 2
Projection: m.title
└─ Nothing
> EXPLAIN SELECT genre_id, COUNT(*), AVG(rating) FROM movie GROUP BY genre_id HAVING COUNT(*) > 1 ORDER BY genre_id
Order: genre_id asc
└─ Projection: genre_id, count(*), avg(rating)
   └─ Filter: count(*) > 1
      └─ Aggregate: count(*), avg(rating), group by genre_id
         └─ Scan: movie
> EXPLAIN SELECT DISTINCT genre_id FROM movie ORDER BY genre_id DESC LIMIT 10 OFFSET 1
Limit: 10
└─ Offset: 1
   └─ Order: genre_id desc
      └─ Distinct
         └─ Projection: genre_id
            └─ Scan: movie
> EXPLAIN SELECT title FROM movie ORDER BY rating
Projection: title
└─ Order: rating asc
   └─ Projection: title, rating
      └─ Scan: movie
> EXPLAIN SELECT title FROM movie WHERE rating > 8 ORDER BY id LIMIT 2
Projection: title
└─ Limit: 2
   └─ Projection: title, id
      └─ Scan: movie (rating > 8)
> SELECT title FROM movie WHERE rating > 8 ORDER BY id LIMIT 2
Heat
Up
> EXPLAIN SELECT title FROM movie ORDER BY id DESC
Projection: title
└─ Order: id desc
   └─ Projection: title, id
      └─ Scan: movie
> EXPLAIN SELECT id, title FROM movie ORDER BY id, title
Projection: id, title
└─ Scan: movie
> EXPLAIN SELECT m.id FROM movie m JOIN genre g ON m.genre_id = g.id ORDER BY m.id
Order: id asc
└─ Projection: m.id
   └─ HashJoin: inner on m.genre_id = g.id
      ├─ Scan: movie as m
      └─ Scan: genre as g
> EXPLAIN INSERT INTO movie VALUES (4, 'Alien', 1, 1979, 8.5)
Insert: movie
└─ Values: 1 row
> EXPLAIN UPDATE movie SET rating = rating + 1 WHERE id = 1
Update: movie (rating = rating + 1)
└─ KeyScan: movie (id = 1)
> EXPLAIN UPDATE movie SET rating = 0 WHERE released = 2013
Update: movie (rating = 0)
└─ IndexScan: movie using movie_released_idx (released = 2013)
> EXPLAIN DELETE FROM movie WHERE title = 'Up'
Delete: movie
└─ Scan: movie (title = 'Up')
> EXPLAIN DELETE FROM movie WHERE id IN (1, 2)
Delete: movie
└─ KeyScan: movie (id IN (1, 2))
> EXPLAIN CREATE TABLE x (id INTEGER PRIMARY KEY)
Error: syntax error at line 1, column 9: expected a query, INSERT, UPDATE or DELETE after EXPLAIN, found keyword CREATE
> EXPLAIN SELECT nothere FROM movie
Error: unknown column nothere
> SELECT title FROM movie WHERE id IN (1, 1, 1.0, 3)
Her
Up
> SELECT title FROM movie WHERE id = 1.5
> SELECT title FROM movie WHERE id = 1.0
Her
> SELECT title FROM movie WHERE rating = 8
Her
> SELECT title FROM movie WHERE released IN (2013, 2013)
Her
> SELECT m.title, g.name FROM movie m LEFT JOIN genre g ON m.genre_id = g.id AND g.name = 'Drama' WHERE m.rating > 8
Heat|NULL
Up|NULL
> SELECT m.title, g.name FROM movie m RIGHT JOIN genre g ON m.genre_id = g.id
Her|Drama
Heat|Action
