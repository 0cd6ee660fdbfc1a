package io.mynode.kernel.sql;

/**
 * How a client wants a statement's rows delivered: JDBC's {@code setFetchSize} and
 * {@code setMaxRows}, PostgreSQL's Execute row count. Neither changes what the statement does:
 * a write with a limit still changes every row it matches.
 *
 * @param size rows per round trip from a remote node; 0 lets the transport choose (it sends
 *     about a fixed number of bytes per message). An embedded session has no round trips and
 *     ignores it.
 * @param maxRows the most rows returned, the rest dropped unread; 0 for all
 */
public record Fetch(int size, long maxRows) {
    /** The transport's choice, every row. */
    public static final Fetch DEFAULT = new Fetch(0, 0);

    public Fetch {
        if (size < 0 || maxRows < 0) {
            throw new IllegalArgumentException("fetch size and max rows must not be negative: " + size + ", " + maxRows);
        }
    }

    /** {@code rows} limited to {@link #maxRows}: it stops, and closes them, after that many. */
    public RowStream limit(RowStream rows) {
        if (maxRows == 0) {
            return rows;
        }
        return new RowStream() {
            private long taken;

            @Override
            public boolean hasNext() {
                if (taken >= maxRows) {
                    rows.close();
                    return false;
                }
                return rows.hasNext();
            }

            @Override
            public java.util.List<Value> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("no more rows");
                }
                taken++;
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }
}
