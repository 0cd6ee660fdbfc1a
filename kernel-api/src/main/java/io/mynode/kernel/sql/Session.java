package io.mynode.kernel.sql;

import java.util.Optional;

/**
 * A SQL session: statements run one at a time, each in its own implicit transaction unless an
 * explicit {@code BEGIN} is open. The same interface serves an embedded engine and a remote node,
 * so a client cannot tell them apart.
 *
 * <p>Errors are thrown as members of the kernel error family: syntax, semantic, constraint,
 * serialization, unavailable. A failed statement inside an explicit transaction leaves the
 * transaction open (the caller decides to roll back); a serialization failure at COMMIT ends it.
 */
public interface Session extends AutoCloseable {

    /** The transaction a session is in, for the prompt. */
    record TransactionInfo(long id, long version, boolean readOnly) {}

    /** Runs one statement. A trailing semicolon is allowed. */
    StatementResult execute(String sql);

    /** The explicit transaction this session is in, if any. */
    Optional<TransactionInfo> transaction();

    /** Rolls back an open transaction and releases the session. */
    @Override
    void close();
}
