/**
 * How tables live in the transactional key-value store: keys, rows, the catalog, indexes and
 * constraints.
 *
 * <h2>Keys</h2>
 *
 * <pre>
 *   03 table pk...                 → row (MessagePack array, one value per column slot)
 *   04 table index values... pk... → empty (an index entry)
 *   05 kind names...               → catalog entry (MessagePack map): "relation" db name,
 *                                    "index" db name, ...
 *   01 name, 02 index              → catalog entries of the first format, read, never written
 * </pre>
 *
 * Values inside keys use {@link io.mynode.sql.store.KeyEncoding}, which preserves order with
 * NULL first and is self-delimiting, so "every row of a table", "every entry of an index" and
 * "every entry for one value" are prefix ranges, and a table scan returns rows in primary-key
 * order. A {@link io.mynode.sql.store.Span} (values for the first key columns, bounds on the
 * next) is one contiguous byte range too, which is what makes range scans plain store scans.
 * Keys of several columns (a composite primary key, an index on two columns) are their values
 * one after another, so a prefix of the columns is a prefix of the bytes. The encodings are
 * private to this module.
 *
 * <h2>Stable identities</h2>
 *
 * Rows and index entries are stored under a table's and an index's {@code key}, a unique id
 * ({@link io.mynode.sql.store.UniqueIds}: the creating transaction's id and a count), not under
 * their names, so renaming moves no row. Tables written by the first catalog format keep their
 * names as keys (strings, which never equal an integer id). A table without a declared primary
 * key has a hidden {@code rowid} column from the same source of ids, which takes no counter
 * that concurrent inserts would conflict over.
 *
 * <h2>Versioned rows</h2>
 *
 * A row is stored as an array by column slot ({@link io.mynode.sql.store.RowEncoding}). A
 * column added to a table gets the next slot and records the value rows stored before it read
 * as (its default); a dropped one retires its slot. So changing the columns rewrites no row: on
 * a table of a million rows it is one small transaction, where a backfill would have to be split
 * into many (a commit is limited to 8 MiB) and would leave the table half-changed between them.
 * Rows written later carry every slot, so reads never have to ask which version a row is.
 *
 * <h2>Catalog format</h2>
 *
 * {@link io.mynode.sql.store.SchemaFormat} describes the two formats and how entries say which
 * they are. Entries of the first format (the seed's: no databases, tables keyed by name) are
 * read as tables of the default database, {@code main}, and rewritten in the second format by
 * the first DDL that changes them; a data directory written before either keeps working, and an
 * entry of an unknown, newer format is refused with a message that says so.
 *
 * <h2>Constraints through indexes</h2>
 *
 * {@link io.mynode.sql.store.TableData} checks a duplicate primary key with one point read, a
 * unique index with a prefix scan of it, a foreign key on insert with a point read of the parent
 * row and, on delete, with a prefix scan of an index of the child that starts with the key's
 * columns (one is created with the foreign key when neither an index nor the child's primary key
 * starts with them). No check scans a table.
 *
 * <h2>Atomic statements</h2>
 *
 * {@link io.mynode.sql.store.StatementBuffer} layers a statement's writes over its transaction
 * and hands them over only when the statement succeeded: the kernel's transactions have no
 * savepoints, and a failed statement must change nothing.
 *
 * <p>Left out: covering indexes, descending scans, indexes on expressions. One statement, one
 * thread; the schema cache is thread-safe.
 */
package io.mynode.sql.store;
