# Concurrent sessions are serializable: each sees a snapshot, not the other's uncommitted
# writes; a transaction whose reads were overwritten by a commit fails at COMMIT with a
# serialization failure (write skew is prevented) and ends.
> CREATE TABLE acct (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)
Created table acct
> INSERT INTO acct VALUES (1, 100), (2, 100)
Created 2 rows
> @a BEGIN
Began transaction 3
> @b BEGIN
Began transaction 4
> @a UPDATE acct SET balance = balance - 150 WHERE id = 1
Updated 1 row
> @b SELECT * FROM acct
1|100
2|100
> @a SELECT SUM(balance) FROM acct
50
> @b UPDATE acct SET balance = balance - 150 WHERE id = 2
Updated 1 row
> @a COMMIT
Committed transaction 3
> @b COMMIT
Error: transaction 4: range [0x03028000000001000000, 0x03028000000001000001) scanned at version 3 gained or changed key 0x03028000000001000000028000000000000001 at version 4; retry the transaction
> SELECT * FROM acct
1|-50
2|100
> @b SELECT * FROM acct
1|-50
2|100
> @a BEGIN
Began transaction 7
> @b BEGIN
Began transaction 8
> @a SELECT balance FROM acct WHERE id = 2
100
> @b SELECT balance FROM acct WHERE id = 1
-50
> @a UPDATE acct SET balance = 0 WHERE id = 1
Updated 1 row
> @b UPDATE acct SET balance = 0 WHERE id = 2
Updated 1 row
> @b COMMIT
Committed transaction 8
> @a COMMIT
Error: transaction 7: key 0x03028000000001000000028000000000000002 read at version 4 was changed by the commit at version 5; retry the transaction
> SELECT * FROM acct
1|-50
2|0
> @a BEGIN
Began transaction 10
> @a INSERT INTO acct VALUES (3, 1)
Created 1 row
> UPDATE acct SET balance = 5 WHERE id = 1
Updated 1 row
> @a SELECT * FROM acct
1|-50
2|0
3|1
> @a COMMIT
Error: transaction 10: range [0x03028000000001000000, 0x03028000000001000001) scanned at version 5 gained or changed key 0x03028000000001000000028000000000000001 at version 6; retry the transaction
> SELECT * FROM acct
1|5
2|0
