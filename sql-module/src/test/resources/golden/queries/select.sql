# Basic queries: select lists, expressions, aliases, *, t.*, FROM-less SELECT.
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
> !headers on
ok
> SELECT * FROM genre
id|name
1|Science Fiction
2|Action
3|Comedy
4|Documentary
> SELECT title, released FROM movie
title|released
Stalker|1979
Sicario|2015
Primer|2004
Heat|1995
The Fountain|2006
Solaris|1972
Gravity|2013
Blindspotting|2018
Birdman|2014
Inception|2010
> SELECT id, title AS name, rating * 10 AS score, released - 1900 years FROM movie WHERE id <= 3
id|name|score|years
1|Stalker|82.0|79
2|Sicario|76.0|115
3|Primer|69.0|104
> SELECT movie.title FROM movie WHERE id = 1
title
Stalker
> SELECT m.title, m.rating FROM movie AS m WHERE m.id = 2
title|rating
Sicario|7.6
> SELECT m.* FROM movie m WHERE m.id = 3
id|title|studio_id|genre_id|released|rating|ultrahd
3|Primer|NULL|1|2004|6.9|NULL
> SELECT genre.*, 1 FROM genre WHERE id = 4
id|name|1
4|Documentary|1
> SELECT 1, 'one', TRUE, NULL, 1.5
1|'one'|TRUE|NULL|1.5
1|one|TRUE|NULL|1.5
> SELECT id, id, id FROM genre WHERE id = 1
id|id|id
1|1|1
> SELECT count(*) FROM movie
count(*)
10
> SELECT "id", "name" FROM genre WHERE id = 2
id|name
2|Action
> SELECT ID, Name FROM Genre WHERE Id = 3
id|name
3|Comedy
> !headers off
ok
> SELECT title FROM movie WHERE ultrahd
Sicario
Heat
Gravity
Blindspotting
Birdman
Inception
> SELECT title FROM movie WHERE NOT ultrahd
The Fountain
> SELECT title FROM movie WHERE ultrahd IS NULL
Stalker
Primer
Solaris
> SELECT title FROM movie WHERE title LIKE 'S%'
Stalker
Sicario
Solaris
> SELECT title FROM movie WHERE released BETWEEN 1 AND 2
> SELECT * FROM nothere
Error: table nothere does not exist
> SELECT nothere FROM movie
Error: unknown column nothere
> SELECT x.title FROM movie
Error: unknown table x in column reference x.title
> SELECT y.* FROM movie
Error: unknown table y in y.*
> SELECT *
Error: SELECT * needs a FROM clause
> SELECT title FROM movie WHERE rating
Error: WHERE must be BOOLEAN, not FLOAT: rating
> SELECT title FROM movie WHERE title
Error: WHERE must be BOOLEAN, not STRING: title
