package io.mynode.sql;

import io.mynode.kernel.sql.SqlContext;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.SqlFrontendProvider;

/** The SQL frontend provider, named {@code sql}: found by the kernel through ServiceLoader. */
public final class SqlFrontend implements SqlFrontendProvider {
    @Override
    public String name() {
        return "sql";
    }

    /** Validates the {@code sql.*} settings and opens an engine over the context's transactions. */
    @Override
    public SqlEngine open(SqlContext context) {
        context.settings().requireOnly(SqlDatabase.RETRIES);
        int retries = context.settings().intValue(SqlDatabase.RETRIES, SqlDatabase.DEFAULT_RETRIES, 0, 1000);
        return new SqlDatabase(context.transactions(), retries);
    }
}
