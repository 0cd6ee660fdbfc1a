# Secondary indexes: CREATE [UNIQUE] INDEX backfills existing rows and refuses duplicates;
# implicit indexes from column constraints; DROP INDEX; lookups through them stay correct after
# writes. The catalog prints as CREATE TABLE statements.
> CREATE TABLE person (id INTEGER PRIMARY KEY, name STRING NOT NULL, city STRING, age INTEGER)
Created table person
> INSERT INTO person VALUES (1, 'ann', 'Oslo', 30), (2, 'bob', 'Rome', 40), (3, 'cid', 'Oslo', NULL), (4, 'dan', NULL, 30)
Created 4 rows
> CREATE INDEX person_city ON person (city)
Created index person_city
> CREATE UNIQUE INDEX person_name ON person (name)
Created index person_name
> CREATE UNIQUE INDEX person_age ON person (age)
Error: cannot create unique index person_age: value 30 occurs more than once in column person.age
> CREATE INDEX person_city ON person (age)
Error: index person_city already exists on table person
> CREATE INDEX person_id ON person (id)
Error: column person.id is the primary key, which needs no index
> CREATE INDEX x ON person (nothere)
Error: unknown column nothere in table person
> CREATE INDEX x ON nothere (id)
Error: table nothere does not exist
> SELECT id FROM person WHERE city = 'Oslo'
1
3
> SELECT id FROM person WHERE name = 'bob'
2
> SELECT id FROM person WHERE city IN ('Rome', 'Oslo', 'Rome')
1
3
2
> SELECT id FROM person WHERE city = NULL
> SELECT id FROM person WHERE city IS NULL
4
> INSERT INTO person VALUES (5, 'ann', 'Rome', 1)
Error: unique value 'ann' already exists in column person.name
> INSERT INTO person VALUES (5, 'eve', 'Rome', 1)
Created 1 row
> UPDATE person SET city = 'Oslo' WHERE id = 2
Updated 1 row
> SELECT id FROM person WHERE city = 'Rome'
5
> SELECT id FROM person WHERE city = 'Oslo'
1
2
3
> DELETE FROM person WHERE id = 1
Deleted 1 row
> SELECT id FROM person WHERE city = 'Oslo'
2
3
> UPDATE person SET name = 'bob' WHERE id = 3
Error: unique value 'bob' already exists in column person.name
> UPDATE person SET name = 'ann' WHERE id = 3
Updated 1 row
> SELECT name FROM person WHERE name = 'ann'
ann
> DROP INDEX person_city
Dropped index person_city
> SELECT id FROM person WHERE city = 'Oslo'
2
3
> DROP INDEX person_city
Error: index person_city does not exist
> DROP INDEX IF EXISTS person_city
Index person_city does not exist; nothing dropped
> CREATE TABLE tagged (id INTEGER PRIMARY KEY, code STRING UNIQUE, kind INTEGER INDEX, owner INTEGER REFERENCES person)
Created table tagged
> CREATE TABLE tagged2 (id INTEGER PRIMARY KEY, code STRING UNIQUE)
Created table tagged2
> CREATE INDEX tagged_code_key ON person (city)
Error: index tagged_code_key already exists on table tagged
> INSERT INTO tagged VALUES (1, 'x', 1, 2), (2, NULL, 1, NULL), (3, NULL, 2, 3)
Created 3 rows
> INSERT INTO tagged VALUES (4, 'x', 1, 2)
Error: unique value 'x' already exists in column tagged.code
> SELECT id FROM tagged WHERE kind = 1
1
2
> DROP INDEX tagged_owner_fkey
Error: cannot drop index tagged_owner_fkey: foreign key tagged_owner_fkey of table tagged is checked through it
> DROP INDEX tagged_code_key
Dropped index tagged_code_key
> INSERT INTO tagged VALUES (4, 'x', 1, 2)
Created 1 row
> SELECT id FROM tagged WHERE code = 'x'
1
4
