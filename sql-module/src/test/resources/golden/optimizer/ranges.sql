# Range scans: comparisons, IN lists and ORs of them on the primary key or an indexed column
# read only the key ranges they allow (KeyScan, IndexScan), shown as the conditions on the key.
# Whatever the scan selects exactly leaves the filter; the rest stays above it. Each plan is
# followed by the query itself, whose rows must be exactly those the condition passes.
> CREATE TABLE n (id INTEGER PRIMARY KEY, f FLOAT INDEX, s STRING INDEX, b BOOLEAN)
Created table n
> INSERT INTO n VALUES (1, 1.5, 'a', TRUE), (2, -0.0, 'ab', FALSE), (3, NAN, 'b', NULL), (4, INFINITY, NULL, TRUE), (5, -INFINITY, 'b', FALSE), (6, NULL, '', TRUE), (7, 7.0, 'c', NULL)
Created 7 rows

# Inequalities on the primary key.
> EXPLAIN SELECT id FROM n WHERE id > 5
Projection: id
└─ KeyScan: n (id > 5)
> SELECT id FROM n WHERE id > 5
6
7
> EXPLAIN SELECT id FROM n WHERE id >= 2 AND id < 4
Projection: id
└─ KeyScan: n (id >= 2 AND id < 4)
> SELECT id FROM n WHERE id >= 2 AND id < 4
2
3
> EXPLAIN SELECT id FROM n WHERE 3 >= id
Projection: id
└─ KeyScan: n (id <= 3)
> SELECT id FROM n WHERE 3 >= id
1
2
3
> EXPLAIN SELECT id FROM n WHERE id > 2 AND id > 4 AND id <= 6 AND b
Projection: id
└─ Filter: b
   └─ KeyScan: n (id > 4 AND id <= 6)
> SELECT id FROM n WHERE id > 2 AND id > 4 AND id <= 6 AND b
6

# ORs and IN lists become several ranges, merged where they overlap, read in key order.
> EXPLAIN SELECT id FROM n WHERE id < 2 OR id > 6 OR id = 4
Projection: id
└─ KeyScan: n (id < 2 OR id = 4 OR id > 6)
> SELECT id FROM n WHERE id < 2 OR id > 6 OR id = 4
1
4
7
> EXPLAIN SELECT id FROM n WHERE id < 4 OR id IN (2, 3, 5)
Projection: id
└─ KeyScan: n (id < 4 OR id = 5)
> SELECT id FROM n WHERE id < 4 OR id IN (2, 3, 5)
1
2
3
5
> EXPLAIN SELECT id FROM n WHERE (id > 1 AND id < 3) OR (id >= 6 AND id <= 100)
Projection: id
└─ KeyScan: n ((id > 1 AND id < 3) OR (id >= 6 AND id <= 100))
> SELECT id FROM n WHERE (id > 1 AND id < 3) OR (id >= 6 AND id <= 100)
2
6
7
> EXPLAIN SELECT id FROM n WHERE id IN (7, NULL, 1)
Projection: id
└─ KeyScan: n (id IN (1, 7))
> SELECT id FROM n WHERE id IN (7, NULL, 1)
1
7

# Conditions that no row can pass read nothing.
> EXPLAIN SELECT id FROM n WHERE id > 5 AND id < 3
Projection: id
└─ Nothing
> EXPLAIN SELECT id FROM n WHERE id > 3 AND id <= 3
Projection: id
└─ Nothing
> EXPLAIN SELECT id FROM n WHERE id = 1.5
Projection: id
└─ Nothing
> SELECT id FROM n WHERE id = 1.5

# An integer key against a fraction: id > 1.5 is id >= 2, id <= 3.9 is id <= 3.
> EXPLAIN SELECT id FROM n WHERE id > 1.5 AND id <= 3.9
Projection: id
└─ KeyScan: n (id >= 2 AND id <= 3)
> SELECT id FROM n WHERE id > 1.5 AND id <= 3.9
2
3
> EXPLAIN SELECT id FROM n WHERE id < -1.5
Projection: id
└─ KeyScan: n (id <= -2)
> SELECT id FROM n WHERE id < -1.5

# Where a conversion could round, or the comparison is not a range, the condition stays a filter.
> EXPLAIN SELECT id FROM n WHERE id < 1e300
Projection: id
└─ Scan: n (id < 1.0E300)
> SELECT id FROM n WHERE id < 1e300
1
2
3
4
5
6
7
> EXPLAIN SELECT id FROM n WHERE id != 3 AND id = NULL
Projection: id
└─ Scan: n ((id != 3) AND (id = NULL))
> EXPLAIN SELECT id FROM n WHERE id > 2 + id
Projection: id
└─ Scan: n (id > (2 + id))

# FLOAT: NaN passes no comparison, so a range without an upper bound stops at Infinity, whose key
# sorts just below NaN's; -0.0 equals 0.0.
> EXPLAIN SELECT id, f FROM n WHERE f > 1
Projection: id, f
└─ IndexScan: n using n_f_idx (f > 1.0 AND f <= Infinity)
> SELECT id, f FROM n WHERE f > 1
1|1.5
7|7.0
4|Infinity
> EXPLAIN SELECT id FROM n WHERE f < 0
Projection: id
└─ IndexScan: n using n_f_idx (f >= -Infinity AND f < 0.0)
> SELECT id FROM n WHERE f < 0
5
> SELECT id FROM n WHERE f = 0.0
2
> SELECT id FROM n WHERE f <= 0
5
2
> EXPLAIN SELECT id FROM n WHERE f = NAN
Projection: id
└─ Nothing
> SELECT id FROM n WHERE f >= -INFINITY
5
2
1
7
4
> SELECT id FROM n WHERE f IN (7, 1.5)
1
7

# Strings order by code point; the empty string is a value, NULL is not.
> EXPLAIN SELECT id FROM n WHERE s >= 'a' AND s < 'b'
Projection: id
└─ IndexScan: n using n_s_idx (s >= 'a' AND s < 'b')
> SELECT id FROM n WHERE s >= 'a' AND s < 'b'
1
2
> SELECT id FROM n WHERE s < 'b'
6
1
2
> SELECT id FROM n WHERE s <= 'b' AND s > ''
1
2
3
5

# The primary key wins a tie with an index, since an index costs a second read per row; points
# on every column of a unique key win over everything.
> EXPLAIN SELECT id FROM n WHERE id > 2 AND f > 2
Projection: id
└─ Filter: f > 2
   └─ KeyScan: n (id > 2)
> EXPLAIN SELECT id FROM n WHERE id > 2 AND s = 'b'
Projection: id
└─ Filter: id > 2
   └─ IndexScan: n using n_s_idx (s = 'b')
> SELECT id FROM n WHERE id > 2 AND s = 'b'
3
5
> EXPLAIN SELECT id FROM n WHERE id = 3 AND s = 'b'
Projection: id
└─ Filter: s = 'b'
   └─ KeyScan: n (id = 3)

# A key scan returns rows in key order, so ORDER BY the key needs no sort and a LIMIT stops it early.
> EXPLAIN SELECT id FROM n WHERE id > 2 ORDER BY id LIMIT 2
Limit: 2
└─ Projection: id
   └─ KeyScan: n (id > 2)
> SELECT id FROM n WHERE id > 2 ORDER BY id LIMIT 2
3
4
> EXPLAIN SELECT id FROM n WHERE id > 2 AND b ORDER BY id
Projection: id
└─ Filter: b
   └─ KeyScan: n (id > 2)
> SELECT id FROM n WHERE id > 2 AND b ORDER BY id
4
6

# Writes use range scans as well.
> EXPLAIN UPDATE n SET b = NOT b WHERE id >= 2 AND id <= 3
Update: n (b = NOT b)
└─ KeyScan: n (id >= 2 AND id <= 3)
> UPDATE n SET b = NOT b WHERE id >= 2 AND id <= 3
Updated 2 rows
> EXPLAIN DELETE FROM n WHERE s > 'b'
Delete: n
└─ IndexScan: n using n_s_idx (s > 'b')
> DELETE FROM n WHERE s > 'b'
Deleted 1 row
> SELECT id, b FROM n WHERE id < 8
1|TRUE
2|TRUE
3|NULL
4|TRUE
5|FALSE
6|TRUE
