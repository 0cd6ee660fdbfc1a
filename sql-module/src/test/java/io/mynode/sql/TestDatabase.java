package io.mynode.sql;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.sql.SqlContext;
import io.mynode.kernel.sql.SqlEngine;

/** A fresh SQL engine for one test, over the engine the tests run on. */
final class TestDatabase implements AutoCloseable {
    private final SqlEngine engine;

    private TestDatabase(SqlEngine engine) {
        this.engine = engine;
    }

    static TestDatabase open() {
        return new TestDatabase(new SqlFrontend().open(new SqlContext(new SerialTransactionEngine(), Settings.empty("sql"))));
    }

    SqlEngine engine() {
        return engine;
    }

    @Override
    public void close() {}
}
