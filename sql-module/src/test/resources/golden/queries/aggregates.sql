# Aggregates: COUNT(*), COUNT, SUM, AVG, MIN, MAX; GROUP BY and HAVING; grouping rules.
> CREATE TABLE genre (id INTEGER PRIMARY KEY, name STRING NOT NULL UNIQUE)
Created table genre
> INSERT INTO genre VALUES (1, 'Science Fiction'), (2, 'Action'), (3, 'Comedy'), (4, 'Documentary')
Created 4 rows
> CREATE TABLE studio (id INTEGER PRIMARY KEY, name STRING NOT NULL, country STRING)
Created table studio
> INSERT INTO studio VALUES (1, 'Mosfilm', 'USSR'), (2, 'Lionsgate', 'US'), (3, 'StudioCanal', 'France'), (4, 'Warner Bros', 'US'), (5, 'Orphan', NULL)
Created 5 rows
> CREATE TABLE movie (id INTEGER PRIMARY KEY, title STRING NOT NULL, studio_id INTEGER REFERENCES studio, genre_id INTEGER NOT NULL REFERENCES genre, released INTEGER INDEX, rating FLOAT, ultrahd BOOLEAN)
Created table movie
> INSERT INTO movie VALUES
>>   (1, 'Stalker', 1, 1, 1979, 8.2, NULL),
>>   (2, 'Sicario', 2, 2, 2015, 7.6, TRUE),
>>   (3, 'Primer', NULL, 1, 2004, 6.9, NULL),
>>   (4, 'Heat', 4, 2, 1995, 8.2, TRUE),
>>   (5, 'The Fountain', 4, 1, 2006, 7.2, FALSE),
>>   (6, 'Solaris', 1, 1, 1972, 8.1, NULL),
>>   (7, 'Gravity', 4, 1, 2013, 7.7, TRUE),
>>   (8, 'Blindspotting', 2, 3, 2018, 7.4, TRUE),
>>   (9, 'Birdman', 4, 3, 2014, 7.7, TRUE),
>>   (10, 'Inception', 4, 1, 2010, 8.8, TRUE)
Created 10 rows
> SELECT COUNT(*), COUNT(studio_id), COUNT(ultrahd), SUM(released), AVG(rating), MIN(title), MAX(title) FROM movie
10|9|7|20026|7.779999999999999|Birdman|The Fountain
> SELECT MIN(rating), MAX(rating), SUM(rating) FROM movie
6.9|8.8|77.8
> SELECT genre_id, COUNT(*) FROM movie GROUP BY genre_id ORDER BY genre_id
1|6
2|2
3|2
> SELECT genre_id, COUNT(*) AS n, MAX(rating) FROM movie GROUP BY genre_id HAVING COUNT(*) > 2 ORDER BY n DESC
1|6|8.8
> SELECT studio_id, AVG(rating) FROM movie GROUP BY studio_id ORDER BY studio_id
1|8.149999999999999
2|7.5
4|7.919999999999999
NULL|6.9
> SELECT studio_id IS NULL, COUNT(*) FROM movie GROUP BY studio_id IS NULL ORDER BY 1
FALSE|9
TRUE|1
> SELECT released / 10 * 10 AS decade, COUNT(*) FROM movie GROUP BY decade ORDER BY decade
1970|2
1990|1
2000|2
2010|5
> SELECT released / 10 * 10, COUNT(*) FROM movie GROUP BY released / 10 * 10 ORDER BY 1 DESC
2010|5
2000|2
1990|1
1970|2
> SELECT genre_id, studio_id, COUNT(*) FROM movie GROUP BY genre_id, studio_id ORDER BY genre_id, studio_id
1|1|2
1|4|3
1|NULL|1
2|2|1
2|4|1
3|2|1
3|4|1
> SELECT COUNT(*) + 1, SUM(id) * 2 FROM movie
11|110
> SELECT genre_id FROM movie GROUP BY genre_id ORDER BY COUNT(*) DESC, genre_id
1
2
3
> SELECT genre_id, SUM(rating) / COUNT(rating) FROM movie GROUP BY 1 ORDER BY 1
1|7.816666666666667
2|7.8999999999999995
3|7.550000000000001
> SELECT COUNT(*), SUM(id), AVG(id), MIN(id), MAX(id) FROM movie WHERE id > 100
0|NULL|NULL|NULL|NULL
> SELECT genre_id, COUNT(*) FROM movie WHERE id > 100 GROUP BY genre_id
> SELECT COUNT(*) FROM movie HAVING COUNT(*) > 100
> SELECT COUNT(*) FROM movie HAVING COUNT(*) > 1
10
> SELECT COUNT(id), COUNT(NULL), MAX(NULL) FROM movie
10|0|NULL
> SELECT SUM(NULL) FROM movie
Error: cannot apply SUM to NULL
> SELECT AVG(id), AVG(released) FROM movie
5.5|2002.6
> SELECT MIN(ultrahd), MAX(ultrahd) FROM movie
FALSE|TRUE
> SELECT title, COUNT(*) FROM movie
Error: column title must appear in the GROUP BY clause or be used in an aggregate function
> SELECT genre_id, title FROM movie GROUP BY genre_id
Error: column title must appear in the GROUP BY clause or be used in an aggregate function
> SELECT * FROM movie GROUP BY id
Error: column title must appear in the GROUP BY clause or be used in an aggregate function
> SELECT SUM(title) FROM movie
Error: cannot apply SUM to STRING
> SELECT AVG(ultrahd) FROM movie
Error: cannot apply AVG to BOOLEAN
> SELECT COUNT(COUNT(*)) FROM movie
Error: aggregate function count is not allowed in an aggregate argument
> SELECT id FROM movie WHERE COUNT(*) > 1
Error: aggregate function count is not allowed in WHERE
> SELECT COUNT(*) FROM movie GROUP BY COUNT(*)
Error: aggregate functions are not allowed in GROUP BY
> SELECT foo(id) FROM movie
Error: unknown function foo
> SELECT SUM(*) FROM movie
Error: sum(*) is not allowed; only count(*)
> SELECT SUM(id, id) FROM movie
Error: function sum takes exactly one argument, got 2
> SELECT MAX(id) FROM movie GROUP BY 5
Error: GROUP BY position 5 is not in the select list
> CREATE TABLE big (id INTEGER PRIMARY KEY, v INTEGER)
Created table big
> INSERT INTO big VALUES (1, 9223372036854775807), (2, 1)
Created 2 rows
> SELECT SUM(v) FROM big
Error: integer overflow in 9223372036854775807 + 1
> SELECT AVG(v), MAX(v) FROM big
4.611686018427388E18|9223372036854775807
> CREATE TABLE g (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)
Created table g
> INSERT INTO g VALUES (1, 1, 10), (2, 1, 20), (3, 2, 10)
Created 3 rows
> SELECT a AS k, COUNT(*) FROM g GROUP BY k ORDER BY k
1|2
2|1
> SELECT b AS a, COUNT(*) FROM g GROUP BY a ORDER BY 1
Error: column b must appear in the GROUP BY clause or be used in an aggregate function
> SELECT a + b AS s, COUNT(*) FROM g GROUP BY s ORDER BY s
11|1
12|1
21|1
> SELECT a, SUM(b) FROM g GROUP BY 1 HAVING SUM(b) > 10 ORDER BY 2 DESC
1|30
