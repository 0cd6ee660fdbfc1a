# Joins: inner, left, right, cross and comma joins; ON conditions; NULL-extended rows.
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
> SELECT m.title, g.name FROM movie m JOIN genre g ON m.genre_id = g.id WHERE m.id <= 3 ORDER BY m.id
Stalker|Science Fiction
Sicario|Action
Primer|Science Fiction
> SELECT m.title, s.name FROM movie m INNER JOIN studio s ON m.studio_id = s.id ORDER BY m.title
Birdman|Warner Bros
Blindspotting|Lionsgate
Gravity|Warner Bros
Heat|Warner Bros
Inception|Warner Bros
Sicario|Lionsgate
Solaris|Mosfilm
Stalker|Mosfilm
The Fountain|Warner Bros
> SELECT m.title, s.name FROM movie m LEFT JOIN studio s ON m.studio_id = s.id ORDER BY m.title
Birdman|Warner Bros
Blindspotting|Lionsgate
Gravity|Warner Bros
Heat|Warner Bros
Inception|Warner Bros
Primer|NULL
Sicario|Lionsgate
Solaris|Mosfilm
Stalker|Mosfilm
The Fountain|Warner Bros
> SELECT s.name, m.title FROM movie m RIGHT JOIN studio s ON m.studio_id = s.id ORDER BY s.name, m.title
Lionsgate|Blindspotting
Lionsgate|Sicario
Mosfilm|Solaris
Mosfilm|Stalker
Orphan|NULL
StudioCanal|NULL
Warner Bros|Birdman
Warner Bros|Gravity
Warner Bros|Heat
Warner Bros|Inception
Warner Bros|The Fountain
> SELECT s.name, m.title FROM studio s LEFT JOIN movie m ON m.studio_id = s.id AND m.rating > 8 ORDER BY s.name, m.title
Lionsgate|NULL
Mosfilm|Solaris
Mosfilm|Stalker
Orphan|NULL
StudioCanal|NULL
Warner Bros|Heat
Warner Bros|Inception
> SELECT s.name, m.title FROM studio s LEFT JOIN movie m ON m.studio_id = s.id WHERE m.id IS NULL
StudioCanal|NULL
Orphan|NULL
> SELECT g.name, s.name FROM genre g CROSS JOIN studio s WHERE g.id = 3 ORDER BY s.id
Comedy|Mosfilm
Comedy|Lionsgate
Comedy|StudioCanal
Comedy|Warner Bros
Comedy|Orphan
> SELECT g.name, s.name FROM genre g, studio s WHERE g.id = s.id ORDER BY g.id
Science Fiction|Mosfilm
Action|Lionsgate
Comedy|StudioCanal
Documentary|Warner Bros
> SELECT COUNT(*) FROM genre, studio
20
> SELECT COUNT(*) FROM genre a, genre b, genre c
64
> SELECT m.title, g.name, s.name FROM movie m JOIN genre g ON m.genre_id = g.id JOIN studio s ON m.studio_id = s.id WHERE s.country = 'US' ORDER BY m.title
Birdman|Comedy|Warner Bros
Blindspotting|Comedy|Lionsgate
Gravity|Science Fiction|Warner Bros
Heat|Action|Warner Bros
Inception|Science Fiction|Warner Bros
Sicario|Action|Lionsgate
The Fountain|Science Fiction|Warner Bros
> SELECT g.name, COUNT(m.id), AVG(m.rating) FROM genre g LEFT JOIN movie m ON m.genre_id = g.id GROUP BY g.name ORDER BY g.name
Action|2|7.8999999999999995
Comedy|2|7.550000000000001
Documentary|0|NULL
Science Fiction|6|7.816666666666667
> SELECT a.title, b.title FROM movie a JOIN movie b ON a.released = b.released - 1
Gravity|Birdman
Birdman|Sicario
> SELECT a.title, b.title FROM movie a JOIN movie b ON a.rating = b.rating AND a.id < b.id
Stalker|Heat
Gravity|Birdman
> SELECT m.title FROM movie m JOIN studio s ON m.studio_id = s.id AND s.country = 'USSR' ORDER BY m.title
Solaris
Stalker
> SELECT m.title, s.name FROM movie m JOIN studio s ON m.studio_id > s.id WHERE m.id = 2
Sicario|Mosfilm
> SELECT * FROM genre g JOIN studio s ON g.id = s.id WHERE g.id = 1
1|Science Fiction|1|Mosfilm|USSR
> SELECT id FROM genre, studio
Error: column reference id is ambiguous
> SELECT name FROM genre JOIN studio ON genre.id = studio.id
Error: column reference name is ambiguous
> SELECT genre.name, studio.name FROM genre JOIN studio ON genre.id = studio.id ORDER BY 1
Action|Lionsgate
Comedy|StudioCanal
Documentary|Warner Bros
Science Fiction|Mosfilm
> SELECT * FROM genre JOIN genre ON genre.id = genre.id
Error: table name genre is used more than once in FROM; use an alias
> SELECT * FROM genre g JOIN studio s ON g.name
Error: ON must be BOOLEAN, not STRING: g.name
> SELECT * FROM genre g JOIN studio s ON g.id = s.name
Error: cannot apply = to INTEGER and STRING
> SELECT * FROM genre g JOIN studio s ON x.id = 1
Error: unknown table x in column reference x.id
> SELECT s.name, m.title FROM studio s LEFT JOIN movie m ON m.studio_id = s.id AND s.id = 4 ORDER BY s.name, m.title
Lionsgate|NULL
Mosfilm|NULL
Orphan|NULL
StudioCanal|NULL
Warner Bros|Birdman
Warner Bros|Gravity
Warner Bros|Heat
Warner Bros|Inception
Warner Bros|The Fountain
> SELECT m.title, s.name FROM movie m LEFT JOIN studio s ON m.studio_id = s.id AND m.id = 3 WHERE m.id < 4 ORDER BY m.id
Stalker|NULL
Sicario|NULL
Primer|NULL
