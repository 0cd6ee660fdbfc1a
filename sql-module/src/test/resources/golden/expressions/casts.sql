# CAST(x AS type) and x::type: PostgreSQL's conversions between BOOLEAN, INTEGER, FLOAT and
# STRING. Floats round half away from zero to integers; text forms are PostgreSQL's.
> SELECT CAST(1 AS FLOAT), CAST(2.5 AS INTEGER), CAST(-2.5 AS INTEGER), CAST(2.4999 AS INTEGER), 3.7::int
1.0|3|-3|2|4
> SELECT CAST(1.5 AS STRING), CAST(100.0 AS TEXT), CAST(0.1 AS VARCHAR), 1e20::text, 1.5e-7::text, 123456789012345.0::text
1.5|100|0.1|1e+20|1.5e-07|123456789012345
> SELECT CAST(NaN AS STRING), CAST(Infinity AS STRING), CAST(-Infinity AS STRING), CAST(-0.0 AS STRING)
NaN|Infinity|-Infinity|-0
> SELECT CAST(TRUE AS STRING), CAST(FALSE AS INTEGER), CAST(0 AS BOOLEAN), CAST(-3 AS BOOLEAN)
true|0|FALSE|TRUE
> SELECT '42'::integer, ' -7 '::int, '+3'::bigint, '1.5'::float, ' 2e3 '::double precision, 'NaN'::float, '-infinity'::float
42|-7|3|1.5|2000.0|NaN|-Infinity
> SELECT 't'::boolean, 'yes'::bool, 'ON'::boolean, '0'::boolean, 'f'::boolean, ' No '::boolean, 'of'::boolean
TRUE|TRUE|TRUE|FALSE|FALSE|FALSE|FALSE
> SELECT 'abc'::integer
Error: invalid input syntax for type INTEGER: 'abc'
> SELECT '1.5'::integer
Error: invalid input syntax for type INTEGER: '1.5'
> SELECT '99999999999999999999'::integer
Error: value '99999999999999999999' is out of range for type INTEGER
> SELECT '0x10'::float
Error: invalid input syntax for type FLOAT: '0x10'
> SELECT '1d'::float
Error: invalid input syntax for type FLOAT: '1d'
> SELECT 'maybe'::boolean
Error: invalid input syntax for type BOOLEAN: 'maybe'
> SELECT 'o'::boolean
Error: invalid input syntax for type BOOLEAN: 'o'
> SELECT CAST(NaN AS INTEGER)
Error: cannot convert NaN to INTEGER
> SELECT CAST(1e19 AS INTEGER)
Error: INTEGER out of range: 1e+19
> SELECT CAST(1.5 AS BOOLEAN)
Error: cannot cast type FLOAT to BOOLEAN
> SELECT CAST(TRUE AS FLOAT)
Error: cannot cast type BOOLEAN to FLOAT
# NULL casts to any type, and then has that type.
> SELECT CAST(NULL AS INTEGER), NULL::text, CAST(NULL AS INTEGER) + 1
NULL|NULL|NULL
> SELECT SUM(CAST(NULL AS INTEGER))
NULL
> SELECT SUM(NULL)
Error: cannot apply SUM to NULL
# :: binds tighter than any operator, - included.
> SELECT 1 + '2'::int * 3, (1 + 2)::text || 'x'
7|3x
> SELECT -1::text
Error: cannot apply - to STRING
> SELECT 1::text::int::float
1.0
> SELECT CAST(1 AS nosuchtype)
Error: syntax error at line 1, column 18: expected a data type (BOOLEAN, INTEGER, FLOAT, STRING, VARCHAR or TEXT), found identifier nosuchtype
# || writes a non-string side as text; two non-strings are still an error.
> SELECT 'n=' || 1, 2.5 || '!', 'b=' || TRUE, 'x' || NULL
n=1|2.5!|b=true|NULL
> SELECT 1 || 2
Error: cannot apply || to INTEGER and INTEGER
