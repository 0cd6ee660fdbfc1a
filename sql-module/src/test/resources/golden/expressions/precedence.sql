# Operator precedence, loosest first: OR, AND, NOT, IS, comparisons, LIKE/IN, ||, + -,
# * / %, ^, unary + -, postfix !.
> SELECT 1 + 2 * 3 ^ 2
19
> SELECT 2 * 3 % 4
2
> SELECT 1 - 2 - 3
-4
> SELECT 2 ^ 2 ^ 3
256
> SELECT -3 ^ 2
9
> SELECT - 3!
-6
> SELECT 1 + 1 = 2 AND 2 * 2 = 4
TRUE
> SELECT NOT 1 = 2
TRUE
> SELECT 1 = 1 IS NULL
FALSE
> SELECT 'a' || 'b' = 'ab'
TRUE
> SELECT 1 < 2 OR 1 / 0 = 1
TRUE
> SELECT FALSE AND 1 / 0 = 1
FALSE
