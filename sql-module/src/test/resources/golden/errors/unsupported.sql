# Syntax that is not built says so, rather than parsing as something else. Words that may follow
# a table or an expression are reserved, so none is ever taken for an alias.
> CREATE TABLE fa (id INTEGER PRIMARY KEY, x INTEGER)
Created table fa
> SELECT * FROM fa FOR UPDATE
Error: syntax error at line 1, column 18: not supported: SELECT ... FOR UPDATE or FOR SHARE (transactions are serializable, so no row locks are needed)
> SELECT * FROM fa, LATERAL (SELECT 1) AS l
Error: syntax error at line 1, column 19: not supported: LATERAL
> SELECT x, SUM(x) OVER () FROM fa
Error: syntax error at line 1, column 18: not supported: window functions (OVER)
> SELECT * FROM fa WINDOW w AS ()
Error: syntax error at line 1, column 18: not supported: WINDOW clauses
> SELECT DISTINCT ON (x) x FROM fa
Error: syntax error at line 1, column 17: not supported: SELECT DISTINCT ON
> WITH RECURSIVE r AS (SELECT 1) SELECT 1
Error: syntax error at line 1, column 16: not supported: WITH RECURSIVE
> SELECT EXTRACT(YEAR FROM x) FROM fa
Error: syntax error at line 1, column 16: not supported: EXTRACT
> SELECT * FROM fa AS f(a, b)
Error: syntax error at line 1, column 22: not supported: column aliases on a table
> UPDATE fa SET x = 1 FROM fa
Error: syntax error at line 1, column 21: not supported: UPDATE ... FROM
> DELETE FROM fa USING fa
Error: syntax error at line 1, column 16: not supported: DELETE ... USING
> SELECT * FROM fa ORDER BY x FETCH FIRST 1 ROW WITH TIES
Error: syntax error at line 1, column 52: not supported: FETCH ... WITH TIES
> INSERT INTO fa VALUES (1, 1) ON CONFLICT ON CONSTRAINT c DO NOTHING
Error: syntax error at line 1, column 45: not supported: ON CONFLICT ON CONSTRAINT
> SELECT * FROM fa full
Error: syntax error at line 1, column 22: expected JOIN, found end of input
> SELECT * FROM fa natural
Error: syntax error at line 1, column 25: expected JOIN, INNER, LEFT, RIGHT or FULL after NATURAL, found end of input
> SELECT 1 union
Error: syntax error at line 1, column 15: expected SELECT, VALUES or a parenthesized query, found end of input
> SELECT 1 AS union, 2 AS full
1|2
