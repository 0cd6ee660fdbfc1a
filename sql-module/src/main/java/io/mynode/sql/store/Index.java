package io.mynode.sql.store;

/**
 * A secondary index on one column. Entries are keyed by (value, primary key), so a lookup of
 * one value is a prefix scan, and a unique index is the same layout with a check on insert.
 *
 * @param implicit whether a column constraint ({@code UNIQUE}, {@code INDEX}, {@code REFERENCES})
 *     created it, rather than {@code CREATE INDEX}
 */
public record Index(String name, String column, boolean unique, boolean implicit) {}
