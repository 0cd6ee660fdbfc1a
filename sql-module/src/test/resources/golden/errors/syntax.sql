# Syntax errors name the line and column of the offending token and what was expected there,
# and change nothing.
> SELEC 1
Error: syntax error at line 1, column 1: expected a statement, found identifier selec
> SELECT
Error: syntax error at line 1, column 7: expected an expression, found end of input
> SELECT 1 +
Error: syntax error at line 1, column 11: expected an expression, found end of input
> SELECT (1 + 2
Error: syntax error at line 1, column 14: expected ')', found end of input
> SELECT 1 + 2)
Error: syntax error at line 1, column 13: expected end of statement, found ')'
> SELECT * FROM
Error: syntax error at line 1, column 14: expected a table name, found end of input
> SELECT a FROM t WHERE
Error: syntax error at line 1, column 22: expected an expression, found end of input
> SELECT 1;
1
> SELECT 1; SELECT 2
Error: syntax error at line 1, column 11: expected end of statement, found keyword SELECT
> SELECT 1 FROM t ORDER 1
Error: syntax error at line 1, column 23: expected BY, found number 1
> SELECT 1
>> FROM t
>>   WHERE x = = 1
Error: syntax error at line 3, column 13: expected an expression, found '='
> INSERT t VALUES (1)
Error: syntax error at line 1, column 8: expected INTO, found identifier t
> INSERT INTO t VALUES 1
Error: syntax error at line 1, column 22: expected '(', found number 1
> INSERT INTO t VALUES (1,)
Error: syntax error at line 1, column 25: expected an expression, found ')'
> INSERT INTO t ()
Error: syntax error at line 1, column 16: expected a column name, found ')'
> UPDATE t x = 1
Error: syntax error at line 1, column 10: expected SET, found identifier x
> UPDATE t SET x 1
Error: syntax error at line 1, column 16: expected '=', found number 1
> DELETE t
Error: syntax error at line 1, column 8: expected FROM, found identifier t
> CREATE TABLE t
Error: syntax error at line 1, column 15: expected '(', found end of input
> CREATE TABLE t (id INTEGER PRIMARY)
Error: syntax error at line 1, column 35: expected KEY, found ')'
> CREATE TABLE t (id)
Error: syntax error at line 1, column 19: expected a data type (BOOLEAN, INTEGER, FLOAT, STRING, VARCHAR or TEXT), found ')'
> CREATE INDEX ON t (a)
Error: syntax error at line 1, column 14: expected an index name, found keyword ON
> CREATE UNIQUE TABLE t (id INTEGER PRIMARY KEY)
Error: syntax error at line 1, column 15: expected INDEX, found keyword TABLE
> CREATE INDEX i ON t (a, b)
Error: syntax error at line 1, column 23: expected ')', found ','
> DROP t
Error: syntax error at line 1, column 6: expected TABLE or INDEX, found identifier t
> DROP TABLE
Error: syntax error at line 1, column 11: expected a table name, found end of input
> BEGIN READ
Error: syntax error at line 1, column 11: expected ONLY or WRITE, found end of input
> BEGIN AS OF 5
Error: syntax error at line 1, column 13: expected SYSTEM, found number 5
> EXPLAIN BEGIN
Error: syntax error at line 1, column 9: expected a query, INSERT, UPDATE or DELETE after EXPLAIN, found keyword BEGIN
> EXPLAIN
Error: syntax error at line 1, column 8: expected a query, INSERT, UPDATE or DELETE after EXPLAIN, found end of input
> SELECT 1 # 2
Error: syntax error at line 1, column 10: expected a token, found unexpected character '#'
> SELECT @
Error: syntax error at line 1, column 8: expected a token, found unexpected character '@'
> SELECT "unterminated
Error: syntax error at line 1, column 8: expected a closing " for the quoted identifier, found end of input
> SELECT ""
Error: syntax error at line 1, column 8: expected an identifier of 1 to 128 characters, found a quoted identifier of 0 characters
> SELECT 12abc
Error: syntax error at line 1, column 10: expected an operator or delimiter after a number, found 'a'
> SELECT 1.2.3
Error: syntax error at line 1, column 11: expected end of statement, found number .3
> SELECT 'a' 'b'
Error: syntax error at line 1, column 12: expected end of statement, found string 'b'
> SELECT t.* .x FROM t
Error: syntax error at line 1, column 12: expected end of statement, found '.'
> SELECT count(*, 1)
Error: syntax error at line 1, column 15: expected ')', found ','
> SELECT NOT
Error: syntax error at line 1, column 11: expected an expression, found end of input
> SELECT 1 IS 2
Error: syntax error at line 1, column 13: expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS, found number 2
> SELECT 1 NOT BETWEEN 2
Error: syntax error at line 1, column 23: expected AND, found end of input
> SELECT 1 IN ()
Error: syntax error at line 1, column 14: expected an expression, found ')'
> SELECT 1 IN 2
Error: syntax error at line 1, column 13: expected '(', found number 2
> SELECT 1 LIKE
Error: syntax error at line 1, column 14: expected an expression, found end of input
> -- just a comment
Error: syntax error at line 1, column 18: expected a statement, found end of input
> SELECT 1 -- a trailing comment
1
> SELECT SELECT
Error: syntax error at line 1, column 8: expected an expression, found keyword SELECT
> SELECT FROM t
Error: syntax error at line 1, column 8: expected an expression, found keyword FROM
> SELECT a AS FROM t
Error: syntax error at line 1, column 18: expected end of statement, found identifier t
> SELECT * FROM t JOIN u
Error: syntax error at line 1, column 23: expected ON or USING, found end of input
> SELECT * FROM t LEFT u ON 1
Error: syntax error at line 1, column 22: expected JOIN, found identifier u
> SELECT * FROM t CROSS u
Error: syntax error at line 1, column 23: expected JOIN, found identifier u
> SELECT 1 LIMIT
Error: syntax error at line 1, column 15: expected an expression, found end of input
> SELECT 1 GROUP x
Error: syntax error at line 1, column 16: expected BY, found identifier x
> SELECT TRUE IS NOT 1
Error: syntax error at line 1, column 20: expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS, found number 1
