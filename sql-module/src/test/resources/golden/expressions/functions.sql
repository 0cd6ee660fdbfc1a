# Scalar functions, with PostgreSQL's names and meanings: math, strings (counting code points),
# and NULL handling. Argument types are checked at plan time.
> SELECT ABS(-3), ABS(-2.5), SIGN(-7), SIGN(0.0), MOD(7, 3), MOD(-7, 3), -7 % 3, DIV(7, 2), DIV(-7.5, 2)
3|2.5|-1|0.0|1|-1|-1|3|-3.0
> SELECT CEIL(1.2), CEILING(-1.2), FLOOR(1.8), FLOOR(-1.2), CEIL(5), FLOOR(-5)
2.0|-1.0|1.0|-2.0|5|-5
> SELECT ROUND(2.5), ROUND(-2.5), ROUND(0.5), ROUND(1.4999), ROUND(2.675, 2), ROUND(1234.5, -2), ROUND(1250, -2), ROUND(-1250, -2), ROUND(7)
3.0|-3.0|1.0|1.0|2.68|1200.0|1300|-1300|7
> SELECT TRUNC(2.7), TRUNC(-2.7), TRUNC(2.789, 2), TRUNC(1299, -2)
2.0|-2.0|2.78|1200
> SELECT POWER(2, 10), POW(2.0, 0.5), SQRT(16), CBRT(27.0), EXP(0), LN(1), LOG(100), LOG(2, 8), LOG10(1000)
1024.0|1.4142135623730951|4.0|3.0|1.0|0.0|2.0|3.0|3.0
> SELECT PI(), DEGREES(PI()), RADIANS(180), SIN(0), COS(0), ATAN2(1, 1) * 4, GCD(12, 18), LCM(4, 6)
3.141592653589793|180.0|3.141592653589793|0.0|1.0|3.141592653589793|6|12
> SELECT SQRT(-1)
Error: cannot take square root of a negative number
> SELECT LN(0)
Error: cannot take logarithm of zero
> SELECT LOG(-1)
Error: cannot take logarithm of a negative number
> SELECT POWER(0, -1)
Error: zero raised to a negative power is undefined
> SELECT POWER(-8, 0.5)
Error: a negative number raised to a non-integer power yields a complex result
> SELECT ABS(-9223372036854775807 - 1)
Error: integer overflow in abs(-9223372036854775808)
> SELECT MOD(1, 0)
Error: division by zero
> SELECT ABS('x')
Error: function abs(STRING) does not exist; it takes (INTEGER) or (FLOAT)
> SELECT ROUND(1.5, 1.5)
Error: function round(FLOAT, FLOAT) does not exist; it takes (FLOAT [, INTEGER]) or (INTEGER [, INTEGER])
> SELECT random() >= 0 AND random() < 1
TRUE
> SELECT LENGTH('héllo'), CHAR_LENGTH(''), OCTET_LENGTH('héllo'), BIT_LENGTH('ab')
5|0|6|16
> SELECT UPPER('straße'), LOWER('ÀB'), INITCAP('hello wORLD-foo')
STRASSE|àb|Hello World-Foo
> SELECT SUBSTRING('hello' FROM 2 FOR 3), SUBSTRING('hello', 2), SUBSTRING('hello' FROM 4), SUBSTRING('hello' FOR 2), SUBSTR('hello', 0, 3), SUBSTRING('hello', -5, 7), SUBSTRING('hello', 10)
ell|ello|lo|he|he|h|
> SELECT SUBSTRING('hello', 1, -1)
Error: negative substring length not allowed
> SELECT POSITION('l' IN 'hello'), POSITION('z' IN 'hello'), POSITION('' IN 'abc'), STRPOS('hello', 'lo')
3|0|1|4
> SELECT TRIM('  x  ') || '|', TRIM(LEADING FROM '  x  ') || '|', TRIM(TRAILING 'x' FROM 'xxaxx'), TRIM(BOTH 'xy' FROM 'xyaxy'), BTRIM('xxa', 'x'), LTRIM('  a'), RTRIM('a  ') || '|'
x||x  ||xxa|a|a|a|a|
> SELECT REPLACE('banana', 'an', 'AN'), REPLACE('abc', '', 'x'), CONCAT('a', NULL, 1, 2.5, TRUE), CONCAT_WS('-', 'a', NULL, 'b', 3)
bANANa|abc|a12.5t|a-b-3
> SELECT LEFT('hello', 2), LEFT('hello', -2), RIGHT('hello', 2), RIGHT('hello', -2), LEFT('hi', 10)
he|hel|lo|llo|hi
> SELECT LPAD('7', 3, '0'), RPAD('ab', 5, 'xy'), LPAD('hello', 2), LPAD('x', 3), REPEAT('ab', 3), REPEAT('x', 0), REVERSE('abc')
007|abxyx|he|  x|ababab||cba
> SELECT SPLIT_PART('a,b,c', ',', 2), SPLIT_PART('a,b,c', ',', -1), SPLIT_PART('a,b,c', ',', 9), STARTS_WITH('hello', 'he'), CHR(65), ASCII('A'), TRANSLATE('hello', 'el', 'ip'), TO_HEX(255)
b|c||TRUE|A|65|hippo|ff
> SELECT REPEAT('x', 1000000000)
Error: string of at least 1000000000 bytes is longer than the limit of 1024 bytes
> SELECT LPAD('x', 2000)
Error: string of at least 2000 bytes is longer than the limit of 1024 bytes
> SELECT CHR(0)
Error: null character not permitted
> SELECT SPLIT_PART('a', ',', 0)
Error: field position must not be zero
> SELECT LENGTH(5)
Error: function length(INTEGER) does not exist; it takes (STRING)
> SELECT UPPER(NULL), LENGTH(NULL), SUBSTRING(NULL, 1), CONCAT(NULL), CONCAT_WS(NULL, 'a')
NULL|NULL|NULL||NULL
> SELECT COALESCE(NULL, 2, 3), COALESCE(NULL, NULL), COALESCE(1, 1 / 0), COALESCE(NULL, 2.5, 1)
2|NULL|1|2.5
> SELECT NULLIF(1, 1), NULLIF(1, 2), NULLIF(NULL, 1), NULLIF('a', 'b')
NULL|1|NULL|a
> SELECT GREATEST(1, 5, 3), LEAST(1, 5, 3), GREATEST(1, NULL, 2.5), LEAST(NULL, NULL), GREATEST('a', 'b')
5|1|2.5|NULL|b
> SELECT COALESCE(1, 'a')
Error: COALESCE types INTEGER and STRING cannot be matched
> SELECT NULLIF(1, 'a')
Error: cannot apply NULLIF to INTEGER and STRING
> SELECT nosuchfunction(1)
Error: unknown function nosuchfunction
> SELECT LENGTH()
Error: function length takes 1 argument, got 0
> SELECT LENGTH('a', 'b')
Error: function length takes 1 argument, got 2
> SELECT UPPER(DISTINCT 'a')
Error: DISTINCT is allowed only in aggregate functions, not in upper
> SELECT LENGTH(*)
Error: length(*) is not allowed; only count(*)
> CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER, s STRING)
Created table t
> INSERT INTO t VALUES (1, NULL, 'x'), (2, 5, NULL)
Created 2 rows
> SELECT id, COALESCE(v, 0) + 1, COALESCE(s, '?'), GREATEST(v, id) FROM t ORDER BY id
1|1|x|1
2|6|?|5
> SELECT id FROM t WHERE LENGTH(COALESCE(s, '')) = 0
2
