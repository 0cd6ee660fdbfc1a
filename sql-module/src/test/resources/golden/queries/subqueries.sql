# Subqueries: scalar, IN, EXISTS, ANY/ALL, in FROM, correlated with the query around them (at
# any depth). A scalar subquery with two rows is an error when it runs; one with no row is NULL.
> CREATE TABLE dept (id INTEGER PRIMARY KEY, name STRING NOT NULL)
Created table dept
> CREATE TABLE emp (id INTEGER PRIMARY KEY, name STRING NOT NULL, dept_id INTEGER, salary INTEGER)
Created table emp
> INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty')
Created 3 rows
> INSERT INTO emp VALUES (1, 'ann', 1, 100), (2, 'bob', 1, 80), (3, 'cid', 2, 90), (4, 'dee', NULL, 70), (5, 'eve', 2, NULL)
Created 5 rows
> SELECT (SELECT MAX(salary) FROM emp), (SELECT name FROM dept WHERE id = 99)
100|NULL
> SELECT name FROM emp WHERE salary = (SELECT MAX(salary) FROM emp)
ann
> SELECT name FROM emp WHERE dept_id IN (SELECT id FROM dept WHERE name LIKE 'e%') ORDER BY name
ann
bob
> SELECT name FROM emp WHERE dept_id NOT IN (SELECT id FROM dept WHERE name = 'ops') ORDER BY name
ann
bob
# NOT IN over a set holding NULL is never TRUE.
> SELECT name FROM emp WHERE id NOT IN (SELECT dept_id FROM emp)
> SELECT 1 IN (SELECT 1 WHERE FALSE), NULL IN (SELECT 1 WHERE FALSE), NULL IN (SELECT 1), 2 IN (SELECT NULL UNION SELECT 1)
FALSE|FALSE|NULL|NULL
> SELECT name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id) ORDER BY name
eng
ops
> SELECT name FROM dept d WHERE NOT EXISTS (SELECT * FROM emp WHERE dept_id = d.id)
empty
# Correlated: each employee against the average of their own department.
> SELECT e.name, e.salary, (SELECT AVG(salary) FROM emp x WHERE x.dept_id = e.dept_id) FROM emp e ORDER BY e.id
ann|100|90.0
bob|80|90.0
cid|90|90.0
dee|70|NULL
eve|NULL|90.0
> SELECT name FROM emp e WHERE salary > (SELECT AVG(salary) FROM emp WHERE dept_id = e.dept_id)
ann
# Two levels deep: the innermost query reads the outermost row.
> SELECT d.name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id AND EXISTS (SELECT 1 FROM emp f WHERE f.salary > e.salary AND f.dept_id = d.id)) ORDER BY 1
eng
> SELECT name, (SELECT COUNT(*) FROM emp WHERE dept_id = dept.id) AS staff FROM dept ORDER BY staff DESC, name
eng|2
ops|2
empty|0
> SELECT salary > ALL (SELECT salary FROM emp WHERE dept_id = 2 AND salary IS NOT NULL), salary = ANY (SELECT 100), salary < SOME (SELECT 95) FROM emp WHERE id = 1
TRUE|TRUE|FALSE
> SELECT 1 > ALL (SELECT 1 WHERE FALSE), 1 = ANY (SELECT 1 WHERE FALSE), 5 > ALL (SELECT NULL UNION SELECT 1)
TRUE|FALSE|NULL
> SELECT t.dept_id, t.total FROM (SELECT dept_id, SUM(salary) AS total FROM emp GROUP BY dept_id) AS t WHERE t.total > 100
1|180
> SELECT * FROM (SELECT id, name FROM dept) d JOIN (SELECT dept_id, name FROM emp) e ON d.id = e.dept_id ORDER BY 2, 4
1|eng|1|ann
1|eng|1|bob
2|ops|2|cid
2|ops|2|eve
> SELECT dept_id, (SELECT name FROM dept WHERE id = emp.dept_id) FROM emp GROUP BY dept_id ORDER BY 1
1|eng
2|ops
NULL|NULL
> SELECT COUNT(*) FROM emp WHERE dept_id = (SELECT id FROM dept WHERE name = 'eng') OR salary IS NULL
3
> SELECT (SELECT id FROM dept)
Error: more than one row returned by a subquery used as an expression
> SELECT (SELECT id, name FROM dept)
Error: a scalar subquery must return exactly one column, not 2
> SELECT name FROM emp WHERE id IN (SELECT id, name FROM dept)
Error: the subquery of IN must return exactly one column, not 2
> SELECT name FROM emp WHERE id IN (SELECT name FROM dept)
Error: cannot apply IN to INTEGER and STRING
> SELECT * FROM (SELECT 1)
Error: syntax error at line 1, column 25: expected an alias: a subquery in FROM must have one, found end of input
> SELECT (SELECT nothere FROM dept)
Error: unknown column nothere
> SELECT name FROM emp WHERE salary > (SELECT salary FROM emp WHERE id = e2.id)
Error: unknown table e2 in column reference e2.id
> SELECT dept_id, (SELECT salary) FROM emp GROUP BY dept_id
Error: column salary must appear in the GROUP BY clause or be used in an aggregate function
> EXPLAIN SELECT name FROM emp e WHERE salary > (SELECT AVG(salary) FROM emp WHERE dept_id = e.dept_id)
Projection: name
└─ Scan: emp as e (salary > (subquery))
   └─ Subquery: scalar, correlated: $1 = dept_id
      └─ Projection: avg(salary)
         └─ Aggregate: avg(salary)
            └─ Scan: emp (dept_id = $1)
> EXPLAIN SELECT name FROM dept WHERE id IN (SELECT dept_id FROM emp)
Projection: name
└─ Scan: dept (id = ANY (subquery))
   └─ Subquery: any =
      └─ Projection: dept_id
         └─ Scan: emp
