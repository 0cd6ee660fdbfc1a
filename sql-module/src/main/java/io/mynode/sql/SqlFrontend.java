package io.mynode.sql;

import io.mynode.kernel.config.ConfigKey;
import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.sql.SqlContext;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.SqlFrontendProvider;

/**
 * The SQL frontend provider, named {@code sql}: found by the kernel through ServiceLoader. Its
 * {@code sql.*} keys are declared here, one line each; read them from {@code context.settings()}.
 */
public final class SqlFrontend implements SqlFrontendProvider {
    static final ConfigKeys KEYS = new ConfigKeys();
    static final ConfigKey<Integer> RETRIES = KEYS.integer("retries", SqlDatabase.DEFAULT_RETRIES, 0, 1000,
            "how often a statement outside an explicit transaction is retried after a serialization failure");

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public ConfigKeys configKeys() {
        return KEYS;
    }

    /** Opens an engine over the context's transactions, configured by the checked {@code sql.*} settings. */
    @Override
    public SqlEngine open(SqlContext context) {
        return new SqlDatabase(context.transactions(), context.settings().get(RETRIES));
    }
}
