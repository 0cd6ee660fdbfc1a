# Comparisons: numbers across INTEGER and FLOAT, strings, booleans, NULL, NaN; IN lists.
> SELECT 1 = 1, 1 = 2, 1 != 2, 1 <> 1
TRUE|FALSE|TRUE|FALSE
> SELECT 1 < 2, 2 <= 2, 3 > 2, 2 >= 3
TRUE|TRUE|TRUE|FALSE
> SELECT 1 = 1.0, 1 < 1.5, 2 > 1.5
TRUE|TRUE|TRUE
> SELECT 'a' < 'b', 'abc' = 'abc', 'B' < 'a', '' < 'a'
TRUE|TRUE|TRUE|TRUE
> SELECT TRUE > FALSE, FALSE = FALSE
TRUE|TRUE
> SELECT 1 = NULL, NULL = NULL, NULL != NULL, NULL < 1
NULL|NULL|NULL|NULL
> SELECT NAN = NAN, NAN != NAN, NAN < 1, NAN > 1
FALSE|TRUE|FALSE|FALSE
> SELECT INFINITY > 1e308, -INFINITY < -1e308
TRUE|TRUE
> SELECT 1 < 2 = TRUE
TRUE
> SELECT 1 IN (1, 2, 3), 4 IN (1, 2, 3), 4 NOT IN (1, 2, 3)
TRUE|FALSE|TRUE
> SELECT 1 IN (2, NULL), 2 IN (2, NULL), NULL IN (1), 1 NOT IN (2, NULL)
NULL|TRUE|NULL|NULL
> SELECT 'a' IN ('a', 'b'), 1.0 IN (1, 2)
TRUE|TRUE
> SELECT 1 = 'a'
Error: cannot apply = to INTEGER and STRING
> SELECT 'a' < TRUE
Error: cannot apply < to STRING and BOOLEAN
> SELECT 1 IN ('a')
Error: cannot apply IN to INTEGER and STRING
