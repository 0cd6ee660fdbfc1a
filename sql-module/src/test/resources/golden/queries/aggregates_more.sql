# Aggregates with DISTINCT, and BOOL_AND, BOOL_OR, EVERY, STRING_AGG, the variances and standard
# deviations (sample ones NULL for one row), next to COUNT, SUM, AVG, MIN and MAX.
> CREATE TABLE t (id INTEGER PRIMARY KEY, g STRING, v INTEGER, f FLOAT, b BOOLEAN)
Created table t
> INSERT INTO t VALUES (1, 'a', 1, 1.0, TRUE), (2, 'a', 1, 2.0, FALSE), (3, 'a', 2, NULL, TRUE), (4, 'b', NULL, 4.0, NULL), (5, 'b', 3, 4.0, TRUE)
Created 5 rows
> SELECT COUNT(DISTINCT v), SUM(DISTINCT v), AVG(DISTINCT v), COUNT(DISTINCT f), COUNT(v), COUNT(ALL v) FROM t
3|6|2.0|3|4|4
> SELECT g, COUNT(DISTINCT v), SUM(DISTINCT f), MIN(DISTINCT v), MAX(DISTINCT v) FROM t GROUP BY g ORDER BY g
a|2|3.0|1|2
b|1|4.0|3|3
> SELECT BOOL_AND(b), BOOL_OR(b), EVERY(b) FROM t WHERE id < 3
FALSE|TRUE|FALSE
> SELECT g, BOOL_AND(b), BOOL_OR(NOT b) FROM t GROUP BY g ORDER BY g
a|FALSE|TRUE
b|TRUE|FALSE
> SELECT STRING_AGG(g, ','), STRING_AGG(DISTINCT g, '|') FROM t
a,a,a,b,b|a|b
> SELECT g, STRING_AGG(CAST(v AS STRING), '-') FROM t GROUP BY g ORDER BY g
a|1-1-2
b|3
> SELECT VAR_POP(v), VAR_SAMP(v), VARIANCE(v), STDDEV_POP(v), STDDEV_SAMP(v), STDDEV(v) FROM t
0.6875|0.9166666666666666|0.9166666666666666|0.82915619758885|0.9574271077563381|0.9574271077563381
> SELECT VAR_SAMP(f), STDDEV_POP(f) FROM t
2.25|1.299038105676658
> SELECT STDDEV(v), VAR_POP(v) FROM t WHERE id = 1
NULL|0.0
> SELECT COUNT(*), STRING_AGG(g, ','), BOOL_AND(b), VARIANCE(v) FROM t WHERE FALSE
0|NULL|NULL|NULL
> SELECT BOOL_AND(v) FROM t
Error: cannot apply BOOL_AND to INTEGER
> SELECT STRING_AGG(v, ',') FROM t
Error: cannot apply STRING_AGG to INTEGER and STRING
> SELECT STRING_AGG(g) FROM t
Error: function string_agg takes exactly 2 arguments, got 1
> SELECT VARIANCE(g) FROM t
Error: cannot apply VARIANCE to STRING
> SELECT COUNT(DISTINCT *) FROM t
Error: syntax error at line 1, column 23: expected an expression, found '*'
> SELECT SUM(v) FILTER (WHERE v > 1) FROM t
Error: syntax error at line 1, column 15: not supported: FILTER on an aggregate
> SELECT SUM(v) OVER () FROM t
Error: syntax error at line 1, column 15: not supported: window functions (OVER)
> SELECT STRING_AGG(g, ',' ORDER BY g) FROM t
Error: syntax error at line 1, column 26: not supported: ORDER BY inside an aggregate call
