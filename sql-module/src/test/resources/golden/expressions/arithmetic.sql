# Integer and float arithmetic: precedence, associativity, checked integer overflow, division
# by zero, IEEE floats.
> SELECT 1 + 2 * 3
7
> SELECT (1 + 2) * 3
9
> SELECT 7 / 2, -7 / 2, 7 % 3, -7 % 3, 7 % -3
3|-3|1|-1|1
> SELECT 2 ^ 3 ^ 2
512
> SELECT (2 ^ 3) ^ 2
64
> SELECT 2 ^ -1
0.5
> SELECT -2 ^ 2
4
> SELECT 2 ^ 62
4611686018427387904
> SELECT 2 ^ 63
Error: integer overflow in 2 ^ 63
> SELECT 0 ^ 0, 1.5 ^ 2
1|2.25
> SELECT 5!, 0!, 20!
120|1|2432902008176640000
> SELECT 21!
Error: integer overflow in 21!
> SELECT (-1)!
Error: factorial of a negative number: -1
> SELECT 3! + 1
7
> SELECT 1 + 2.5, 2.5 * 2, 1 / 2.0
3.5|5.0|0.5
> SELECT 9223372036854775807
9223372036854775807
> SELECT 9223372036854775807 + 1
Error: integer overflow in 9223372036854775807 + 1
> SELECT -9223372036854775808
-9223372036854775808
> SELECT -9223372036854775808 - 1
Error: integer overflow in -9223372036854775808 - 1
> SELECT -(-9223372036854775808)
Error: integer overflow in -(-9223372036854775808)
> SELECT 9223372036854775808
Error: syntax error at line 1, column 8: expected an integer between -9223372036854775808 and 9223372036854775807, found 9223372036854775808
> SELECT 4611686018427387904 * 2
Error: integer overflow in 4611686018427387904 * 2
> SELECT -9223372036854775808 / -1
Error: integer overflow in -9223372036854775808 / -1
> SELECT 1 / 0
Error: division by zero
> SELECT 1 % 0
Error: division by zero
> SELECT 1.0 / 0, -1.0 / 0, 0.0 / 0
Infinity|-Infinity|NaN
> SELECT 1 / 0.0
Infinity
> SELECT 5.5 % 2, 5 % 0.0
1.5|NaN
> SELECT 1e3, 1.5e-3, .5, 2.
1000.0|0.0015|0.5|2.0
> SELECT INFINITY, -INFINITY, NAN
Infinity|-Infinity|NaN
> SELECT INFINITY - INFINITY, INFINITY * 0
NaN|NaN
> SELECT +5, -(-5), - - 5
5|5|5
> SELECT 1 + NULL, NULL * 2, NULL / 0, -NULL
NULL|NULL|NULL|NULL
> SELECT 10 - 3 - 2, 100 / 10 / 5
5|2
> SELECT 0.1 + 0.2
0.30000000000000004
> SELECT 1e308 * 10
Infinity
