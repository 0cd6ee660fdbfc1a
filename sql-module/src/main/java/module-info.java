/**
 * The SQL engine of mynode: lexer, parser, planner, heuristic optimizer, Volcano executor and a
 * catalog stored transactionally in the key-value store (DESIGN.md §6). It runs every statement
 * over the kernel's {@link io.mynode.kernel.txn.TransactionEngine}, so it cannot tell an
 * embedded single node from a replicated cluster. Exports nothing.
 *
 * @provides io.mynode.kernel.sql.SqlFrontendProvider {@code sql}: the SQL frontend
 */
module io.mynode.sql {
    requires io.mynode.kernel;
    requires msgpack.core;

    provides io.mynode.kernel.sql.SqlFrontendProvider with io.mynode.sql.SqlFrontend;
}
