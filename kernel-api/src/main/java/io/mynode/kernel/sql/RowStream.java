package io.mynode.kernel.sql;

import java.util.Iterator;
import java.util.List;

/**
 * Rows produced one at a time, as the executor's iterators pull them. Holds the statement's
 * resources (its transaction's snapshot) until exhausted or closed. One thread at a time.
 */
public interface RowStream extends Iterator<List<Value>>, AutoCloseable {
    @Override
    void close();

    /** Rows already in memory. */
    static RowStream of(Iterator<List<Value>> rows) {
        return new RowStream() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public List<Value> next() {
                return rows.next();
            }

            @Override
            public void close() {}
        };
    }
}
