package io.mynode.kernel.sql;

import io.mynode.kernel.NamedProvider;

/** Provides the SQL engine; there is one today, named {@code sql}. */
public interface SqlFrontendProvider extends NamedProvider {
    SqlEngine open(SqlContext context);
}
