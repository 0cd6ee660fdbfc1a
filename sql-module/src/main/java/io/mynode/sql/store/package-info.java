/**
 * How tables live in the transactional key-value store: keys, rows, the catalog, indexes and
 * constraints.
 *
 * <h2>Keys</h2>
 *
 * <pre>
 *   01 name                      → schema of table `name` (MessagePack)
 *   02 index                     → name of the table that owns `index`
 *   03 table pk                  → row (MessagePack array, one value per column)
 *   04 table index value pk      → empty (an index entry)
 * </pre>
 *
 * Values inside keys use {@link io.mynode.sql.store.KeyEncoding}, which preserves order with
 * NULL first and is self-delimiting, so "every row of a table", "every entry of an index" and
 * "every entry for one value" are prefix ranges, and a table scan returns rows in primary-key
 * order. A {@link io.mynode.sql.store.Span} (values for the first key columns, bounds on the
 * next) is one contiguous byte range too, which is what makes range scans plain store scans.
 * The encodings are private to this module.
 *
 * <h2>Constraints through indexes</h2>
 *
 * {@link io.mynode.sql.store.TableData} checks a duplicate primary key with one point read, a
 * unique column with a prefix scan of its index, a foreign key on insert with a point read of
 * the parent row and, on delete, with a prefix scan of the referencing column's index (a
 * {@code REFERENCES} column always has one). No check scans a table.
 *
 * <h2>Atomic statements</h2>
 *
 * {@link io.mynode.sql.store.StatementBuffer} layers a statement's writes over its transaction
 * and hands them over only when the statement succeeded: the kernel's transactions have no
 * savepoints, and a failed statement must change nothing.
 *
 * <p>Left out: multi-column keys and indexes, covering indexes, descending scans, schema
 * changes other than create and drop. One statement, one thread; the schema cache is
 * thread-safe.
 */
package io.mynode.sql.store;
