# Join order: inner joins run in the order a heuristic picks, not the order written. The input
# read the fewest rows (key points, then index points, then ranges, then filtered scans, then
# whole tables) goes first, then repeatedly the best-ranked input a condition connects to those
# already joined. An input a condition can look up by its primary key or an index is read by an
# index nested-loop join (IndexJoin, its Lookup below it): one lookup per row so far. Outer
# joins stay where they were written. Results never depend on the order.
> CREATE TABLE customer (id INTEGER PRIMARY KEY, name STRING NOT NULL, city STRING INDEX)
Created table customer
> CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer, total INTEGER)
Created table orders
> CREATE TABLE line (order_id INTEGER REFERENCES orders, item STRING, qty INTEGER)
Created table line
> CREATE TABLE note (id INTEGER PRIMARY KEY, body STRING)
Created table note
> INSERT INTO customer VALUES (1, 'Ada', 'Oslo'), (2, 'Bob', 'Rome'), (3, 'Cy', 'Oslo'), (4, 'Di', NULL)
Created 4 rows
> INSERT INTO orders VALUES (10, 1, 100), (11, 1, 250), (12, 2, 80), (13, 3, 40), (14, 4, 999)
Created 5 rows
> INSERT INTO line VALUES (10, 'pen', 2), (10, 'ink', 1), (11, 'pad', 5), (12, 'pen', 1), (14, 'car', 1)
Created 5 rows
> INSERT INTO note VALUES (1, 'one'), (2, 'two')
Created 2 rows

# The filtered table goes first whatever the written order; each next table is looked up.
> EXPLAIN SELECT c.name, o.total, l.item FROM line l JOIN orders o ON l.order_id = o.id JOIN customer c ON o.customer_id = c.id WHERE c.city = 'Oslo'
Projection: c.name, o.total, l.item
└─ IndexJoin: inner
   ├─ IndexJoin: inner
   │  ├─ IndexScan: customer as c using customer_city_idx (city = 'Oslo')
   │  └─ Lookup: orders as o using orders_customer_id_fkey (customer_id = c.id)
   └─ Lookup: line as l using line_order_id_fkey (order_id = o.id)
> SELECT c.name, o.total, l.item FROM line l JOIN orders o ON l.order_id = o.id JOIN customer c ON o.customer_id = c.id WHERE c.city = 'Oslo' ORDER BY 1, 2, 3
Ada|100|ink
Ada|100|pen
Ada|250|pad
> EXPLAIN SELECT c.name, l.item FROM customer c, orders o, line l WHERE l.order_id = o.id AND o.customer_id = c.id AND o.id = 11
Projection: c.name, l.item
└─ IndexJoin: inner
   ├─ IndexJoin: inner
   │  ├─ KeyScan: orders as o (id = 11)
   │  └─ Lookup: customer as c (id = o.customer_id)
   └─ Lookup: line as l using line_order_id_fkey (order_id = o.id)
> SELECT c.name, l.item FROM customer c, orders o, line l WHERE l.order_id = o.id AND o.customer_id = c.id AND o.id = 11
Ada|pad

# A range on a key ranks below points and above a filtered scan.
> EXPLAIN SELECT o.id, c.name FROM customer c JOIN orders o ON o.customer_id = c.id WHERE o.id >= 13 AND c.name != 'x'
Projection: o.id, c.name
└─ IndexJoin: inner
   ├─ KeyScan: orders as o (id >= 13)
   └─ Lookup: customer as c (id = o.customer_id), filter: c.name != 'x'
> SELECT o.id, c.name FROM customer c JOIN orders o ON o.customer_id = c.id WHERE o.id >= 13 AND c.name != 'x' ORDER BY 1
13|Cy
14|Di

# Two whole tables: a hash join reads each once, rather than one lookup per row.
> EXPLAIN SELECT c.name, o.total FROM customer c JOIN orders o ON o.customer_id = c.id
Projection: c.name, o.total
└─ HashJoin: inner on o.customer_id = c.id
   ├─ Scan: customer as c
   └─ Scan: orders as o
> SELECT c.name, o.total FROM customer c JOIN orders o ON o.customer_id = c.id ORDER BY 2
Cy|40
Bob|80
Ada|100
Ada|250
Di|999

# A condition that is no equality of columns: a nested loop, the filtered side outside.
> EXPLAIN SELECT l.item, o.id FROM orders o JOIN line l ON l.qty = o.id - 9 WHERE o.total > 90
Projection: l.item, o.id
└─ NestedLoopJoin: inner on l.qty = (o.id - 9)
   ├─ Scan: orders as o (o.total > 90)
   └─ Scan: line as l
> SELECT l.item, o.id FROM orders o JOIN line l ON l.qty = o.id - 9 WHERE o.total > 90 ORDER BY 1, 2
car|10
ink|10
pad|14
pen|10
pen|11

# A table that no condition connects is a cross product, taken last.
> EXPLAIN SELECT n.body, c.name FROM note n, customer c, orders o WHERE o.customer_id = c.id AND o.id = 12
Projection: n.body, c.name
└─ NestedLoopJoin: cross
   ├─ IndexJoin: inner
   │  ├─ KeyScan: orders as o (id = 12)
   │  └─ Lookup: customer as c (id = o.customer_id)
   └─ Scan: note as n
> SELECT n.body, c.name FROM note n, customer c, orders o WHERE o.customer_id = c.id AND o.id = 12 ORDER BY 1
one|Bob
two|Bob

# Outer joins keep their order; an inner join above one sees it as one input. A left index join
# pads the rows it finds nothing for.
> EXPLAIN SELECT c.name, o.id FROM customer c LEFT JOIN orders o ON o.customer_id = c.id AND o.total > 200 WHERE c.city = 'Oslo'
Projection: c.name, o.id
└─ IndexJoin: left
   ├─ IndexScan: customer as c using customer_city_idx (city = 'Oslo')
   └─ Lookup: orders as o using orders_customer_id_fkey (customer_id = c.id), filter: o.total > 200
> SELECT c.name, o.id FROM customer c LEFT JOIN orders o ON o.customer_id = c.id AND o.total > 200 WHERE c.city = 'Oslo' ORDER BY 1
Ada|11
Cy|NULL
> EXPLAIN SELECT c.name, o.id, l.item FROM customer c LEFT JOIN orders o ON o.customer_id = c.id JOIN line l ON l.order_id = o.id WHERE l.item = 'pen'
Projection: c.name, o.id, l.item
└─ IndexJoin: inner
   ├─ HashJoin: left on o.customer_id = c.id
   │  ├─ Scan: customer as c
   │  └─ Scan: orders as o
   └─ Lookup: line as l using line_order_id_fkey (order_id = o.id), filter: l.item = 'pen'
> SELECT c.name, o.id, l.item FROM customer c LEFT JOIN orders o ON o.customer_id = c.id JOIN line l ON l.order_id = o.id WHERE l.item = 'pen' ORDER BY 2
Ada|10|pen
Bob|12|pen

# Lookups compare as = does: a NULL or a fraction finds nothing, an integer finds its float.
> CREATE TABLE f (x FLOAT PRIMARY KEY)
Created table f
> INSERT INTO f VALUES (1.0), (1.5), (80.0)
Created 3 rows
> EXPLAIN SELECT o.id, f.x FROM orders o JOIN f ON f.x = o.total WHERE o.id < 13
Projection: o.id, f.x
└─ IndexJoin: inner
   ├─ KeyScan: orders as o (id < 13)
   └─ Lookup: f (x = o.total)
> SELECT o.id, f.x FROM orders o JOIN f ON f.x = o.total WHERE o.id < 13
12|80.0
> SELECT c.name, o.id FROM customer c JOIN orders o ON o.id = c.id + 9 WHERE c.id > 2
Cy|12
Di|13
