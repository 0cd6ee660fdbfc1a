# WHERE, ORDER BY (by column, alias, position, expression, hidden column; ASC/DESC; NULLs last
# ascending), LIMIT and OFFSET.
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
> SELECT title, rating FROM movie ORDER BY rating DESC, title
Inception|8.8
Heat|8.2
Stalker|8.2
Solaris|8.1
Birdman|7.7
Gravity|7.7
Sicario|7.6
Blindspotting|7.4
The Fountain|7.2
Primer|6.9
> SELECT title, rating FROM movie ORDER BY rating, title DESC
Primer|6.9
The Fountain|7.2
Blindspotting|7.4
Sicario|7.6
Gravity|7.7
Birdman|7.7
Solaris|8.1
Stalker|8.2
Heat|8.2
Inception|8.8
> SELECT title, rating AS r FROM movie ORDER BY r DESC, 1 LIMIT 3
Inception|8.8
Heat|8.2
Stalker|8.2
> SELECT title FROM movie ORDER BY released LIMIT 3
Solaris
Stalker
Heat
> SELECT title FROM movie ORDER BY released DESC LIMIT 3 OFFSET 2
Birdman
Gravity
Inception
> SELECT title FROM movie ORDER BY released OFFSET 8
Sicario
Blindspotting
> SELECT title FROM movie ORDER BY released OFFSET 20
> SELECT title FROM movie ORDER BY released LIMIT 0
> SELECT title FROM movie ORDER BY id LIMIT 2 + 1
Stalker
Sicario
Primer
> SELECT title FROM movie OFFSET 9 LIMIT 5
Inception
> SELECT title, ultrahd FROM movie ORDER BY ultrahd, id
The Fountain|FALSE
Sicario|TRUE
Heat|TRUE
Gravity|TRUE
Blindspotting|TRUE
Birdman|TRUE
Inception|TRUE
Stalker|NULL
Primer|NULL
Solaris|NULL
> SELECT title, ultrahd FROM movie ORDER BY ultrahd DESC, id
Stalker|NULL
Primer|NULL
Solaris|NULL
Sicario|TRUE
Heat|TRUE
Gravity|TRUE
Blindspotting|TRUE
Birdman|TRUE
Inception|TRUE
The Fountain|FALSE
> SELECT title FROM movie ORDER BY rating * -1, title LIMIT 2
Inception
Heat
> SELECT title FROM movie ORDER BY length LIMIT 2
Error: unknown column length
> SELECT title FROM movie ORDER BY 3
Error: ORDER BY position 3 is not in the select list
> SELECT title FROM movie LIMIT -1
Error: LIMIT must be a non-negative integer, got -1
> SELECT title FROM movie LIMIT 'a'
Error: LIMIT must be a non-negative integer, got 'a'
> SELECT title FROM movie LIMIT id
Error: unknown column id
> SELECT id FROM movie WHERE id > 3 AND id < 6 OR id = 9 ORDER BY id
4
5
9
> SELECT studio_id, title FROM movie ORDER BY studio_id, title
1|Solaris
1|Stalker
2|Blindspotting
2|Sicario
4|Birdman
4|Gravity
4|Heat
4|Inception
4|The Fountain
NULL|Primer
> SELECT studio_id, title FROM movie ORDER BY studio_id DESC, title
NULL|Primer
4|Birdman
4|Gravity
4|Heat
4|Inception
4|The Fountain
2|Blindspotting
2|Sicario
1|Solaris
1|Stalker
