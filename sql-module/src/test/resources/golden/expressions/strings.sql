# Strings: concatenation, LIKE patterns and escapes, quoting, Unicode, the 1024-byte limit.
> SELECT 'a' || 'b' || 'c'
abc
> SELECT 'it''s', ''
it's|
> SELECT 'a' || NULL, NULL || 'b'
NULL|NULL
> SELECT 'héllo wörld ✓'
héllo wörld ✓
> SELECT 'abc' LIKE 'a%', 'abc' LIKE '%c', 'abc' LIKE '%b%', 'abc' LIKE 'b%'
TRUE|TRUE|TRUE|FALSE
> SELECT 'abc' LIKE 'a_c', 'abc' LIKE 'a_', 'abc' LIKE '___', 'abc' LIKE '____'
TRUE|FALSE|TRUE|FALSE
> SELECT 'abc' NOT LIKE 'a%', 'ABC' LIKE 'abc'
FALSE|FALSE
> SELECT '50%' LIKE '50\%', '500' LIKE '50\%', 'a_b' LIKE 'a\_b', 'axb' LIKE 'a\_b'
TRUE|FALSE|TRUE|FALSE
> SELECT '' LIKE '%', '' LIKE '_'
TRUE|FALSE
> SELECT 'a' LIKE NULL, NULL LIKE 'a', NULL NOT LIKE 'a'
NULL|NULL|NULL
> SELECT 'x' || 'y' LIKE 'x%'
TRUE
> SELECT 1 LIKE 'a'
Error: cannot apply LIKE to INTEGER and STRING
> SELECT 'a' || 1
a1
> SELECT 'multi
>> line'
multi
line
> SELECT 'unterminated
Error: syntax error at line 1, column 8: expected a closing ' for the string, found end of input
