/**
 * The SQL engine: lexer, parser, planner, optimizer, iterator executor, catalog.
 */
module io.mynode.sql {
    requires io.mynode.kernel;
}
