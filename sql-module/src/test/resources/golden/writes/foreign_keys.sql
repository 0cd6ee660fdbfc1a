# Foreign keys: a REFERENCES column must name an existing primary key (or be NULL); a
# referenced row cannot be deleted or have its key changed; checks go through indexes and run
# when the statement ends, so one statement may insert a child before its parent.
> CREATE TABLE country (code STRING PRIMARY KEY, name STRING)
Created table country
> CREATE TABLE city (id INTEGER PRIMARY KEY, name STRING, country STRING REFERENCES country)
Created table city
> INSERT INTO country VALUES ('no', 'Norway'), ('it', 'Italy'), ('fr', 'France')
Created 3 rows
> INSERT INTO city VALUES (1, 'Oslo', 'no'), (2, 'Rome', 'it'), (3, 'Atlantis', NULL)
Created 3 rows
> INSERT INTO city VALUES (4, 'Berlin', 'de')
Error: referenced primary key 'de' does not exist in table country (foreign key city_country_fkey on city.country)
> UPDATE city SET country = 'de' WHERE id = 1
Error: referenced primary key 'de' does not exist in table country (foreign key city_country_fkey on city.country)
> UPDATE city SET country = 'fr' WHERE id = 3
Updated 1 row
> DELETE FROM country WHERE code = 'no'
Error: primary key 'no' of table country is referenced by table city (foreign key city_country_fkey)
> DELETE FROM country WHERE code = 'xx'
Deleted 0 rows
> UPDATE country SET code = 'NO' WHERE code = 'no'
Error: primary key 'no' of table country is referenced by table city (foreign key city_country_fkey)
> UPDATE country SET name = 'Norge' WHERE code = 'no'
Updated 1 row
> DELETE FROM city WHERE id = 1
Deleted 1 row
> DELETE FROM country WHERE code = 'no'
Deleted 1 row
> DELETE FROM country
Error: primary key 'fr' of table country is referenced by table city (foreign key city_country_fkey)
> SELECT * FROM country
fr|France
it|Italy
> SELECT * FROM city
2|Rome|it
3|Atlantis|fr
> CREATE TABLE node (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES node)
Created table node
> INSERT INTO node VALUES (1, NULL), (2, 1), (3, 2), (4, 4)
Created 4 rows
> INSERT INTO node VALUES (5, 6)
Error: referenced primary key 6 does not exist in table node (foreign key node_parent_fkey on node.parent)
> INSERT INTO node VALUES (5, 6), (6, 5)
Created 2 rows
> SELECT * FROM node WHERE id >= 5
5|6
6|5
> UPDATE node SET parent = 5 WHERE id = 6
Updated 1 row
> DELETE FROM node WHERE id = 5
Error: primary key 5 of table node is referenced by table node (foreign key node_parent_fkey)
> DELETE FROM node WHERE id IN (5, 6)
Deleted 2 rows
> DELETE FROM node WHERE id = 1
Error: primary key 1 of table node is referenced by table node (foreign key node_parent_fkey)
> DELETE FROM node WHERE id = 4
Deleted 1 row
> DELETE FROM node WHERE id >= 2
Deleted 2 rows
> DELETE FROM node
Deleted 1 row
> SELECT COUNT(*) FROM node
0
