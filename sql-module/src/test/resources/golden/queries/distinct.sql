# DISTINCT: duplicates removed after projection; NULLs are equal for DISTINCT.
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
> SELECT DISTINCT genre_id FROM movie ORDER BY genre_id
1
2
3
> SELECT DISTINCT studio_id FROM movie ORDER BY studio_id
1
2
4
NULL
> SELECT DISTINCT genre_id, studio_id FROM movie ORDER BY genre_id, studio_id
1|1
1|4
1|NULL
2|2
2|4
3|2
3|4
> SELECT DISTINCT rating FROM movie ORDER BY rating DESC LIMIT 3
8.8
8.2
8.1
> SELECT DISTINCT ultrahd FROM movie ORDER BY 1
FALSE
TRUE
NULL
> SELECT ALL genre_id FROM movie WHERE genre_id = 2
2
2
> SELECT DISTINCT genre_id FROM movie ORDER BY title
Error: for SELECT DISTINCT, ORDER BY expressions must appear in the select list: title
> SELECT DISTINCT released / 1000 FROM movie
1
2
